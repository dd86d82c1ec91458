// search/internal/query_text: what Berkas reads in query text before Xapian's QueryParser
// does — references to a Pasal by number, thesaurus expressions, and the plain words (for
// spelling suggestions).
#pragma once

#include <string>
#include <vector>

#include "search/internal/definition.h"

namespace berkas::search::internal {

// "pasal 48", "Pasal 2 ayat (1)", "psl 29", "ps. 5 UU 1/2023", "pasal 455 KUHP".
struct PasalRef {
  std::string law_id;  // "uu-21-2007" unless the text names another law
  std::string pasal;   // "48", "2a"
  int ayat = 0;
  std::string pasal_id() const { return law_id + "/pasal-" + pasal; }
  std::string provision_id() const {
    return ayat > 0 ? pasal_id() + "/ayat-" + std::to_string(ayat) : pasal_id();
  }
};

// The Pasal references in `text` (any case). Pure.
std::vector<PasalRef> find_pasal_refs(const std::string& text);

// A law id from what people write after "pasal N": "uu 21/2007", "uu no. 1 tahun 2023", "kuhp".
// Returns "" if `text` does not start with a law reference.
std::string law_id_at(const std::string& text, std::size_t& pos);

// The prefix that marks a thesaurus group in rewritten query text: "xthes:<group>.<expression>"
// (the expression the user wrote).
inline constexpr const char* k_thesaurus_field = "xthes";

// Lower-cases `text` and replaces each run of plain words that spells a thesaurus expression
// (longest first, never inside "quotes" or after a field prefix) by "xthes:<group>.<expression>". Pure.
std::string rewrite_query(const std::string& text, const Thesaurus& thesaurus);

// A plain word of the query (not an operator, not inside a field prefix), with its byte span
// in the original text — where a spelling correction may go.
struct WordSpan {
  std::string word;  // lower-case
  std::size_t begin = 0, end = 0;
};
std::vector<WordSpan> plain_words(const std::string& text);

}  // namespace berkas::search::internal
