// search/internal/analyzer: Indonesian word analysis for the index — root candidates by affix
// stripping, the thesaurus, stop words. No Xapian types here (unit-testable on its own).
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/error.h"

namespace berkas::search::internal {

// Lower-cases ASCII and keeps UTF-8 bytes; splits on anything that is not a letter or digit
// (an inner '-' joins reduplicated words such as "anak-anak", which are then also split).
struct Token {
  std::string word;  // lower-case
  std::size_t begin = 0, end = 0;
};
std::vector<Token> tokenize(std::string_view text);

// Every plausible root of an Indonesian word by stripping particles (-lah, -kah, -pun),
// possessives (-ku, -mu, -nya), suffixes (-i, -kan, -an) and up to two prefixes (di-, ke-, se-,
// ber-, ter-, me-/pe- with their allomorphs and the recoding of the root's first consonant:
// menipu → tipu, pengiriman → kirim, penampungan → tampung, merekrut/perekrutan → rekrut).
// The word itself is not included; candidates are at least 3 bytes. Deterministic, pure.
std::vector<std::string> root_candidates(const std::string& word);

// The legal thesaurus: groups of equivalent words or phrases ("tppo | tindak pidana
// perdagangan orang | human trafficking"). Phrases are lower-case word sequences.
class Thesaurus {
 public:
  // Reads `path` (one group per line, members separated by '|', '#' comments). io/invalid_input.
  static core::Result<Thesaurus> load(const std::string& path);
  // The groups whose member is `words[at..at+n)`, longest match first: returns n (0 = none)
  // and sets `group`.
  std::size_t match(const std::vector<std::string>& words, std::size_t at, std::size_t& group) const;
  const std::vector<std::vector<std::string>>& members(std::size_t group) const { return m_groups[group]; }
  // The first member of the group containing the single word `w`, or `w` itself.
  std::string canonical(const std::string& w) const;
  std::size_t size() const { return m_groups.size(); }

 private:
  std::vector<std::vector<std::vector<std::string>>> m_groups;            // group → member → words
  std::unordered_map<std::string, std::vector<std::size_t>> m_by_first;  // first word → groups
};

// Words read from a file (one per line, '#' comments), lower-cased.
core::Result<std::unordered_set<std::string>> load_word_list(const std::string& path);

}  // namespace berkas::search::internal
