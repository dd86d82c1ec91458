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
  // A root: an entry of the dictionary (Debian's hunspell-id) or of the curated list
  // (index/roots-id.txt). A word that is itself an entry is its own root (persen, badan, nilai).
  std::function<bool(const std::string&)> is_root;
  // The roots the dictionary's affix rules allow for a word (empty if it does not know the word).
  std::function<std::vector<std::string>(const std::string&)> stems;
  // A word seen in the (public) corpus: validates roots the dictionary lacks.
  std::function<bool(const std::string&)> is_word;
  // A word of index/lexemes-id.txt: derived-looking but a lexeme of its own (penduduk, mulai).
  // It is its own root (is_root holds too) and, where the dictionary strips it further, the root
  // of its forms (memulai → mulai, not the dictionary's mula).
  std::function<bool(const std::string&)> is_lexeme;
  // A function word (index/stopwords-*.txt): it is its own root (merupakan, lainnya, mengapa).
  std::function<bool(const std::string&)> is_function_word;
};

// The root of `word` (lower-case ASCII), or "" if nothing validates one:
//  1. the word itself when it is a function word, an entry, or an ordinal (kedua, keempat:
//     lexical words);
//  2. a reading the dictionary's affix rules license — of the affix readings, the licensed one
//     that removes most affixes, and on a tie the one that keeps a nasal's consonant as written
//     (memohon → mohon, memakan → makan; menipu → tipu, where "nipu" is no entry); a se- word that
//     is se- + a licensed root (+ -nya) stays whole (sebanyak, sejenis, sebelumnya are lexical
//     words), while the confix se-…-an gives the root (sebagian → bagi); but a lexeme among the
//     readings that contains the licensed root wins (memulai → mulai, not mula; adverbs in -nya
//     excepted);
//  3. for a word the dictionary does not know, its formal spelling as chats write it informally
//     (ngirim, nyimpen, ketipu, kirimin, bener: me- for the bare nasal prefix, di- for the
//     passive ke-, -kan/-i for -in, a for e in the last syllable), when the rules license that;
//  4. else affix stripping validated by the entries, then by the corpus: a root the curated list
//     or dictionary has over a corpus word, then the reading that removes more affixes, then the
//     longer root, then the reading that removed a suffix.
std::string indonesian_root(const std::string& word, const Lexicon& lexicon);

// The formal spellings step 3 tries for an informal word, nearest first (the word excluded). Pure.
std::vector<std::string> formal_spellings(const std::string& word);

}  // namespace berkas::search::internal
