// search/internal/dictionary: Debian's Indonesian Hunspell dictionary (hunspell-id, LGPL), read
// through libhunspell, as the analyser's lexicon: its ~31,000 entries are roots (and lexicalised
// words such as persen, badan, nilai), and its affix rules say which affixed forms of a root
// exist (berusia is ber-+usia, not be-+rusia), so stems() returns only licensed readings.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <unordered_set>
#include <vector>

#include "core/error.h"

class Hunspell;

namespace berkas::search::internal {

// Where Debian installs the dictionary (the .aff and .dic files share this stem).
inline constexpr const char* k_default_dictionary = "/usr/share/hunspell/id_ID";
// Longer words are not looked up (Hunspell's own limit is 100 bytes; no Indonesian word nears it).
inline constexpr std::size_t k_max_dictionary_word = 64;

// Thread-safe: Hunspell keeps state while it checks a word, so its calls are serialised; the
// entry list is immutable after loading. One instance per dictionary is shared by the process.
class Dictionary {
 public:
  ~Dictionary();
  Dictionary(const Dictionary&) = delete;
  Dictionary& operator=(const Dictionary&) = delete;

  // Loads `stem`.aff and `stem`.dic. io error if either cannot be read.
  static core::Result<std::shared_ptr<const Dictionary>> load(const std::string& stem);
  // The process's dictionary at `stem`, loaded on first use; nullptr (and a note on stderr, once)
  // when it is not installed.
  static std::shared_ptr<const Dictionary> shared(const std::string& stem = k_default_dictionary);

  // Listed as an entry in the .dic file (lower-case ASCII word).
  bool is_entry(const std::string& word) const;
  // The roots the affix rules allow for `word` (empty if the dictionary does not know the word).
  std::vector<std::string> stems(const std::string& word) const;
  // What identifies this dictionary's content (a hash of the two files), for the index to notice a
  // change of analyser.
  const std::string& version() const { return m_version; }

 private:
  Dictionary() = default;
  std::unique_ptr<Hunspell> m_hunspell;
  mutable std::mutex m_mutex;
  std::unordered_set<std::string> m_entries;
  std::string m_version;
};

}  // namespace berkas::search::internal
