// search/internal/schema: the term prefixes, value slots and the Xapian pieces built on them
// (stemmer, field and range processors, facet spy). Documented as tables in docs/INDEX.md;
// Xapian types stay inside the search module.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <xapian.h>

#include "search/internal/definition.h"

namespace berkas::search::internal {

// Term prefixes (Omega conventions: Q unique id, S title, Z stemmed; X... our own fields).
namespace prefix {
inline constexpr const char* id = "Q";           // Q<doc id>
inline constexpr const char* title = "S";        // free text of the title (judul:)
inline constexpr const char* kind = "XK";        // XK<kind>
inline constexpr const char* case_id = "XC";     // XC<case id>
inline constexpr const char* public_doc = "XApublic";  // the one term of docs without a case
inline constexpr const char* person = "XO";      // XO<person id>
inline constexpr const char* provision = "XP";   // XP<provision id> cited/being, and its Pasal
inline constexpr const char* self = "XI";        // XI<own provision id> and its Pasal (wdf 1: ranking)
inline constexpr const char* country = "XN";     // XN<country>
inline constexpr const char* law = "XL";         // XL<law id>
inline constexpr const char* ayat_doc = "XAayat";  // the one term of an ayat's own document
inline constexpr const char* outcome = "XH";    // XH<outcome> of a precedent's defendants (hasil:)
}  // namespace prefix

// A query matching every document, built fresh for the caller. Never copy the process-wide
// Xapian::Query::MatchAll: its reference count is a plain integer, so copies made by several
// searching threads race and can free it while in use.
inline Xapian::Query match_all() { return Xapian::Query(std::string()); }

// Xapian refuses a term over 245 bytes ("Term too long"), and one refused document would stop
// the whole catch-up. Every boolean term is made by term(): a value that would pass
// k_max_term_bytes keeps its first bytes (cut on a UTF-8 boundary) and ends in '#' and 16 hex
// digits of its SHA-256, so it stays unique and the same value always gives the same term. The
// ingest schemas bound such values far below this (ids 80, provision ids 120, countries 60).
inline constexpr std::size_t k_max_term_bytes = 200;
std::string term(std::string_view prefix, std::string_view value);

// Value slots.
enum Slot : Xapian::valueno {
  slot_kind = 0,
  slot_case = 1,
  slot_pasals = 2,       // Pasal ids cited, '\n'-separated (facet "pasal")
  slot_country = 3,
  slot_date = 4,         // "YYYY-MM-DD"
  slot_valid_from = 5,   // provisions only; "0000-00-00" if open
  slot_valid_until = 6,  // provisions only; "9999-99-99" if open (first day no longer in force)
  slot_collapse = 7,
  slot_ordinal = 8,      // sortable_serialise(ordinal)
  slot_outcomes = 9,     // precedents: outcomes, '\n'-separated (facet "hasil")
};

// The stemmer of the index and of the query: the Indonesian root when the lexicon validates
// one, else light English stemming for words that look like English inflections, else the word.
// The corpus half of the lexicon is the spelling dictionary, which only holds words from
// public documents (law, precedents), so hidden cases cannot influence roots.
class RootStemmer : public Xapian::StemImplementation {
 public:
  RootStemmer(std::shared_ptr<const Definition> definition, Xapian::Database db);
  std::string operator()(const std::string& word) override;
  std::string get_description() const override { return "berkas-id-root"; }
  // Drops cached roots (after the corpus changed).
  void forget() { m_cache.clear(); }

 private:
  std::string compute(const std::string& word);
  std::shared_ptr<const Definition> m_definition;
  Xapian::Database m_db;
  Xapian::Stem m_english{"english"};
  std::unordered_map<std::string, std::string> m_cache;
};

// Counts each of the '\n'-separated values in a slot (a multi-valued facet).
class MultiValueCountSpy : public Xapian::MatchSpy {
 public:
  explicit MultiValueCountSpy(Xapian::valueno slot) : m_slot(slot) {}
  void operator()(const Xapian::Document& doc, double wt) override;
  std::string name() const override { return "berkas.MultiValueCountSpy"; }
  const std::map<std::string, Xapian::doccount>& counts() const { return m_counts; }

 private:
  Xapian::valueno m_slot;
  std::map<std::string, Xapian::doccount> m_counts;
};

// pasal:4, pasal:2/1, pasal:2-1, pasal:uu-1-2023/pasal-455 → the XP term.
// jenis:, perkara:, orang:, negara:, uu: → the boolean term of that prefix, made by term() so a
// long value typed in a query finds what the index holds (and never makes a term Xapian refuses).
class BooleanFieldProcessor : public Xapian::FieldProcessor {
 public:
  explicit BooleanFieldProcessor(std::string prefix) : m_prefix(std::move(prefix)) {}
  Xapian::Query operator()(const std::string& value) override { return Xapian::Query(term(m_prefix, value)); }

 private:
  std::string m_prefix;
};

class PasalFieldProcessor : public Xapian::FieldProcessor {
 public:
  Xapian::Query operator()(const std::string& value) override;
};

// xthes:<group>.<expression> (written by rewrite_query) → OP_SYNONYM of the group's expressions
// (multi-word ones as phrases over roots), OR the words the user typed one by one, so a document
// that has them apart still matches ("alat bukti informasi ... elektronik").
class ThesaurusFieldProcessor : public Xapian::FieldProcessor {
 public:
  ThesaurusFieldProcessor(std::shared_ptr<const Definition> definition, Xapian::Stem stem)
      : m_definition(std::move(definition)), m_stem(std::move(stem)) {}
  Xapian::Query operator()(const std::string& value) override;

 private:
  std::shared_ptr<const Definition> m_definition;
  Xapian::Stem m_stem;
};

// tanggal:2024-01-01..2024-06-30 (open ends allowed; YYYY and YYYY-MM widen to the whole period).
// Throws Xapian::QueryParserError with a message for people on a malformed date.
class IsoDateRangeProcessor : public Xapian::RangeProcessor {
 public:
  IsoDateRangeProcessor(Xapian::valueno slot, const std::string& str) : Xapian::RangeProcessor(slot, str) {}
  Xapian::Query operator()(const std::string& begin, const std::string& end) override;
};

// "YYYY", "YYYY-MM" or a valid "YYYY-MM-DD": what a date range bound may be.
bool is_partial_iso_date(const std::string& s);

}  // namespace berkas::search::internal
