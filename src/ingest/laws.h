// ingest/laws: the registry of the acts that TPPO decisions cite — their ids, the abbreviations
// decisions write them by, and where their Pasal numbering is certain, its last Pasal, so that a
// citation is resolved to the law its sentence names and a number is never given to a law that
// has no such Pasal. Facts only: a last Pasal is recorded where the act's numbering is known for
// certain, else 0 (any number accepted).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace berkas::ingest {

struct Act {
  std::string id;                          // "uu-18-2017", "kuhp", "kuhap"
  std::string label;                       // "UU 18/2017 (Pelindungan Pekerja Migran Indonesia)"
  std::vector<std::string> abbreviations;  // the keys after "UU": letters and digits, lower case ("ppmi")
  int last_pasal = 0;                      // 0: not recorded
};

// Every registered act, in a fixed order.
const std::vector<Act>& acts();
// The act with this id, or nullptr.
const Act* act(std::string_view id);
// The act an abbreviation after "UU" names ("PPMI" → UU 18/2017), or nullptr. `key` is lower-case
// letters and digits ("perlindungananak" for "Perlindungan Anak").
const Act* act_by_abbreviation(std::string_view key);
// Whether `pasal` ("88", "76i") can be a Pasal of the act `law_id` (true for unregistered acts
// and acts whose last Pasal is not recorded).
bool pasal_exists(std::string_view law_id, std::string_view pasal);

}  // namespace berkas::ingest
