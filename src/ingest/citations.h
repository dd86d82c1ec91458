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
// is kept unresolved — an empty provision_id with its raw text — never guessed. Pure function;
// thread-safe.
std::vector<core::Citation> extract_citations(std::string_view text,
                                              const std::string& default_law = "uu-21-2007");

// The day UU 1/2023 (the new KUHP) took effect.
inline constexpr const char* k_kuhp_2023_in_force = "2026-01-02";

// "KUHP" as the code in force on `date`: "kuhp/pasal-55/ayat-1" becomes "uu-1-2023/..." from
// 2 January 2026 and "kuhp-1946/..." (the old code, Wetboek van Strafrecht) before; unchanged
// when the date is unknown or the id is not "kuhp". "" when that code has no such Pasal (the
// reference is then unresolved). Other ids are returned as they are.
std::string bind_kuhp(const std::string& provision_id, const core::Date& date);

// extract_citations with "KUHP" bound to the code in force on `date` (a decision's date).
std::vector<core::Citation> extract_citations_as_of(std::string_view text, const core::Date& date);

}  // namespace berkas::ingest
