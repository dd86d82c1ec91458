// ingest/citations: finds references to provisions in Indonesian legal text and resolves them
// to provision ids ("Pasal 2 ayat (1) UU No. 21 Tahun 2007" → "uu-21-2007/pasal-2/ayat-1").
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"

namespace berkas::ingest {

// Law ids produced: "uu-21-2007" (also for "UU TPPO", "UU PTPPO", "UU No. 21 Tahun 2007",
// "UU 21/2007", "Undang-Undang Nomor 21 Tahun 2007"), "uu-1-2023" (UU 1/2023, "KUHP baru"),
// "kuhp" (KUHP without a year: which code is meant depends on the date, resolved by service),
// "kuhap" (UU 8/1981), "uu-<n>-<year>" for any other numbered law.
// A bare "Pasal N" with no law after it in the same chain resolves to `default_law`
// (empty = dropped). Chains ("Pasal 4 jo. Pasal 10 UU TPPO", "Pasal 2 dan Pasal 3 ...")
// take the law named at the end. A Pasal number the resolved law does not have (UU 21/2007 has
// 67 Pasal, UU 1/2023 624, the old KUHP 569, KUHAP 286) is never attributed to it: that reference
// is left out rather than guessed. Pure function; thread-safe.
std::vector<core::Citation> extract_citations(std::string_view text,
                                              const std::string& default_law = "uu-21-2007");

}  // namespace berkas::ingest
