// search/internal/morphology: an Indonesian morphological analyser (confix stripping in the
// spirit of Nazief–Adriani and ECS) that maps a word to its root, validated against a lexicon.
//
// Why not Snowball's `indonesian` stemmer alone: it strips affixes without knowing the root, so
// perekrutan→ekrut but rekrut→rekrut, penipuan→ipu but tipu→tipu. Here every way of removing
// affixes (including the recoding of the first consonant after a nasal prefix: me-nipu→tipu,
// pe-ngirim-an→kirim) is generated, and a candidate only counts when the lexicon knows it.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace berkas::search::internal {

// One way of reading a word as root + affixes.
struct RootCandidate {
  std::string root;
  int affixes = 0;           // prefixes + suffixes removed
  bool suffix_removed = false;
};

// Every root the affix rules allow for `word` (lower-case ASCII), the word itself first
// (affixes 0). Candidates shorter than 3 letters or without a vowel are left out. Pure.
std::vector<RootCandidate> root_candidates(const std::string& word);

// What the analyser validates against.
struct Lexicon {
  std::function<bool(const std::string&)> is_root;  // curated root list (index/roots-id.txt)
  std::function<bool(const std::string&)> is_word;  // a word seen in the (public) corpus
};

// The root of `word`, or "" if no candidate is validated. Preference: a curated root over a
// corpus word, then the reading that removes more affixes, then the longer root, then the
// reading that removed a suffix (Nazief–Adriani try suffixes first). The word itself only
// counts as its own root when the curated list has it (every corpus word is "in the corpus").
std::string indonesian_root(const std::string& word, const Lexicon& lexicon);

}  // namespace berkas::search::internal
