// search/internal/definition: the index's definition read from index/ — stop words, the
// curated Indonesian root list and the legal thesaurus (formats in docs/INDEX.md).
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <unordered_set>
#include <vector>

#include "core/error.h"
#include "search/internal/dictionary.h"

namespace berkas::search::internal {

// Groups of equivalent expressions; each expression is a sequence of lower-case words.
struct Thesaurus {
  std::vector<std::vector<std::vector<std::string>>> groups;
  // first word → (group, expression) for every expression, to find matches in query text
  std::multimap<std::string, std::pair<std::size_t, std::size_t>> by_first_word;
};

struct Definition {
  std::unordered_set<std::string> stopwords;  // Indonesian and English
  std::unordered_set<std::string> roots;      // curated Indonesian roots (and the lexemes)
  std::unordered_set<std::string> lexemes;    // derived-looking words that are lexemes of their own
  Thesaurus thesaurus;
  // Debian's Indonesian dictionary (shared by the process); nullptr when it is not installed.
  std::shared_ptr<const Dictionary> dictionary;
  // What the index's terms depend on: the analyser's rules, the dictionary and the curated roots.
  // The index records it; an index built under another analyser is rebuilt (docs/INDEX.md).
  std::string analyser_version;
};

// Bumped whenever the analyser's rules change the root of any word, or documents gain terms
// ("layout/2": the outcomes of a precedent's defendants, hasil:).
inline constexpr const char* k_analyser_rules = "berkas-id-roots/4;layout/2";

// The whole file at `path`; io error `what`, naming the path, if it cannot be read.
core::Result<std::string> read_text(const std::filesystem::path& path,
                                    const std::string& what = "cannot read the index definition file");

// Reads stopwords-id.txt, stopwords-en.txt, roots-id.txt and thesaurus.txt from `dir`.
// An empty `dir` gives an empty definition (no stop words, roots or synonyms). io error if a
// file is missing; invalid_input with file and line for a malformed thesaurus line.
core::Result<Definition> load_definition(const std::string& dir);

// Parses thesaurus text ("a | b c | d" per line, '#' comments). invalid_input on a line with
// fewer than two expressions. `file` is used in error messages only.
core::Result<Thesaurus> parse_thesaurus(const std::string& text, const std::string& file);

// The words of `text` as the index sees them: lower-case runs of ASCII letters and digits
// (other bytes, e.g. UTF-8 letters, are kept inside words).
std::vector<std::string> words_of(const std::string& text);

}  // namespace berkas::search::internal
