#include "ingest/laws.h"

#include <algorithm>

namespace berkas::ingest {

const std::vector<Act>& acts() {
  // Last Pasal recorded only where certain: UU 21/2007 ends at Pasal 67, the old KUHP (Wetboek van
  // Strafrecht) at 569, UU 1/2023 at 624, KUHAP (UU 8/1981) at 286. "kuhp" is either code (as of
  // the decision's date: bind_kuhp), so it takes the larger bound; "kuhp-1946" is the old code.
  static const std::vector<Act> k_acts = {
      {"uu-21-2007", "UU 21/2007 (Pemberantasan Tindak Pidana Perdagangan Orang)", {"tppo", "ptppo"}, 67},
      {"kuhp", "KUHP", {}, 624},
      {"kuhp-1946", "KUHP lama (UU 1/1946, Wetboek van Strafrecht)", {}, 569},
      {"uu-1-2023", "UU 1/2023 (KUHP)", {}, 624},
      {"kuhap", "UU 8/1981 (KUHAP)", {}, 286},
      {"uu-18-2017", "UU 18/2017 (Pelindungan Pekerja Migran Indonesia)", {"ppmi", "pelindunganpekerjamigranindonesia", "perlindunganpekerjamigranindonesia"}, 0},
      {"uu-39-2004", "UU 39/2004 (Penempatan dan Perlindungan TKI di Luar Negeri)", {"pptkiln"}, 0},
      {"uu-23-2002", "UU 23/2002 (Perlindungan Anak)", {"pa", "perlindungananak"}, 0},
      {"uu-35-2014", "UU 35/2014 (Perubahan UU Perlindungan Anak)", {}, 0},
      {"uu-17-2016", "UU 17/2016 (Perppu 1/2016, Perubahan Kedua UU Perlindungan Anak)", {}, 0},
      {"uu-6-2011", "UU 6/2011 (Keimigrasian)", {"keimigrasian"}, 0},
      {"uu-11-2008", "UU 11/2008 (Informasi dan Transaksi Elektronik)", {"ite"}, 0},
      {"uu-19-2016", "UU 19/2016 (Perubahan UU ITE)", {}, 0},
      {"uu-1-2024", "UU 1/2024 (Perubahan Kedua UU ITE)", {}, 0},
      {"uu-12-2022", "UU 12/2022 (Tindak Pidana Kekerasan Seksual)", {"tpks"}, 0},
      {"uu-8-2010", "UU 8/2010 (Pencegahan dan Pemberantasan Tindak Pidana Pencucian Uang)", {"tppu"}, 0},
      {"uu-13-2006", "UU 13/2006 (Perlindungan Saksi dan Korban)", {"psk"}, 0},
      {"uu-31-2014", "UU 31/2014 (Perubahan UU Perlindungan Saksi dan Korban)", {}, 0},
      {"uu-1-2026", "UU 1/2026 (Penyesuaian Pidana)", {}, 0},
      {"uu-20-2025", "UU 20/2025", {}, 0},
  };
  return k_acts;
}

const Act* act(std::string_view id) {
  for (const auto& a : acts())
    if (a.id == id) return &a;
  return nullptr;
}

const Act* act_by_abbreviation(std::string_view key) {
  for (const auto& a : acts())
    if (std::find(a.abbreviations.begin(), a.abbreviations.end(), key) != a.abbreviations.end()) return &a;
  return nullptr;
}

bool pasal_exists(std::string_view law_id, std::string_view pasal) {
  const Act* a = act(law_id);
  if (!a || a->last_pasal == 0) return true;
  long n = 0;
  for (char c : pasal) {
    if (c < '0' || c > '9') break;
    n = n * 10 + (c - '0');
    if (n > 100000) return false;
  }
  return n >= 1 && n <= a->last_pasal;
}

}  // namespace berkas::ingest
