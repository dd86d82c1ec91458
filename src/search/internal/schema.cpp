#include "search/internal/schema.h"

#include <algorithm>

#include "core/hash.h"
#include "core/model.h"
#include "core/text.h"
#include "search/internal/morphology.h"

namespace berkas::search::internal {

std::string term(std::string_view prefix, std::string_view value) {
  std::string out(prefix);
  if (prefix.size() + value.size() <= k_max_term_bytes) return out.append(value);
  constexpr std::size_t k_suffix = 1 + 16;  // '#' + 16 hex digits
  const std::size_t keep = k_max_term_bytes - k_suffix - std::min(prefix.size(), k_max_term_bytes - k_suffix);
  out.append(core::utf8_prefix(value, keep));  // not mid-character
  out += '#';
  out += core::sha256_hex(value).substr(0, 16);
  return out;
}


RootStemmer::RootStemmer(std::shared_ptr<const Definition> definition, Xapian::Database db)
    : m_definition(std::move(definition)), m_db(std::move(db)) {}

std::string RootStemmer::operator()(const std::string& word) {
  if (auto it = m_cache.find(word); it != m_cache.end()) return it->second;
  if (m_cache.size() > 200000) m_cache.clear();  // bound memory on huge reindexes
  auto root = compute(word);
  m_cache.emplace(word, root);
  return root;
}

std::string RootStemmer::compute(const std::string& word) {
  if (word.size() > k_max_dictionary_word || !std::all_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
    return word;
  const auto& dictionary = m_definition->dictionary;
  auto is_root = [this, &dictionary](const std::string& w) {
    return m_definition->roots.count(w) > 0 || (dictionary && dictionary->is_entry(w));
  };
  std::function<std::vector<std::string>(const std::string&)> stems;
  if (dictionary) stems = [&dictionary](const std::string& w) { return dictionary->stems(w); };
  auto is_word = [this](const std::string& w) {
    try {
      // Xapian 1.4 has no direct frequency lookup; the spelling word list is sorted.
      auto it = m_db.spellings_begin();
      it.skip_to(w);
      return it != m_db.spellings_end() && *it == w;
    } catch (const Xapian::Error&) {
      return false;  // no spelling table yet: only the curated roots count
    }
  };
  auto is_lexeme = [this](const std::string& w) { return m_definition->lexemes.count(w) > 0; };
  auto is_function_word = [this](const std::string& w) { return m_definition->stopwords.count(w) > 0; };
  if (auto root = indonesian_root(word, Lexicon{is_root, stems, is_word, is_lexeme, is_function_word}); !root.empty())
    return root;
  // English is the second language: victims → victim, but only when the English stem is itself a
  // known word, so Indonesian words that happen to end like English ones (penting, kelas) keep
  // their form.
  auto english = m_english(word);
  if (english != word && english.size() >= 3 && (is_root(english) || is_word(english))) return english;
  return word;
}

void MultiValueCountSpy::operator()(const Xapian::Document& doc, double) {
  const auto value = doc.get_value(m_slot);
  if (value.empty()) return;
  for (const auto& v : core::split(value, '\n'))
    if (!v.empty()) ++m_counts[v];
}

Xapian::Query PasalFieldProcessor::operator()(const std::string& raw) {
  std::string value = core::ascii_lower(raw);
  while (!value.empty() && value.back() == '/') value.pop_back();
  // "4", "2a", "2/1", "2-1": Pasal (and ayat) of UU 21/2007, the law Berkas is about.
  std::size_t i = 0;
  while (i < value.size() && value[i] >= '0' && value[i] <= '9') ++i;
  if (i > 0) {
    std::string pasal = value.substr(0, i);
    if (i < value.size() && value[i] >= 'a' && value[i] <= 'z') pasal += value[i++];
    std::string id = "uu-21-2007/pasal-" + pasal;
    if (i < value.size() && (value[i] == '/' || value[i] == '-')) {
      const std::string ayat = value.substr(i + 1);
      if (!ayat.empty() && std::all_of(ayat.begin(), ayat.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        id += "/ayat-" + ayat;
        i = value.size();
      }
    }
    if (i == value.size()) return Xapian::Query(term(prefix::provision, id));
  }
  return Xapian::Query(term(prefix::provision, value));
}

Xapian::Query ThesaurusFieldProcessor::operator()(const std::string& value) {
  std::size_t group = 0, typed = 0;
  try {
    const auto dot = value.find('.');
    group = std::stoul(value.substr(0, dot));
    if (dot != std::string::npos) typed = std::stoul(value.substr(dot + 1));
  } catch (const std::exception&) {
    return Xapian::Query();  // matches nothing (a fresh empty query, not the shared static)
  }
  const auto& groups = m_definition->thesaurus.groups;
  if (group >= groups.size() || typed >= groups[group].size()) return Xapian::Query();  // matches nothing (a fresh empty query, not the shared static)
  // A word as the index has it: its root term (which also covers the word itself), or the raw
  // term for stop words and numbers (they have no root term).
  auto word = [this](const std::string& w) {
    if (m_definition->stopwords.count(w) || !(w[0] >= 'a' && w[0] <= 'z')) return Xapian::Query(w);
    return Xapian::Query("Z" + m_stem(w));
  };
  std::vector<Xapian::Query> alternatives;
  for (const auto& expr : groups[group]) {
    if (expr.size() == 1) {
      const Xapian::Query forms[] = {Xapian::Query(expr[0]), word(expr[0])};
      alternatives.emplace_back(Xapian::Query::OP_SYNONYM, std::begin(forms), std::end(forms));
    } else {
      std::vector<Xapian::Query> words;
      for (const auto& w : expr) words.push_back(word(w));
      alternatives.emplace_back(Xapian::Query::OP_PHRASE, words.begin(), words.end());
    }
  }
  Xapian::Query synonyms(Xapian::Query::OP_SYNONYM, alternatives.begin(), alternatives.end());
  const auto& typed_words = groups[group][typed];
  if (typed_words.size() == 1) return synonyms;
  std::vector<Xapian::Query> parts{synonyms};
  for (const auto& w : typed_words)
    if (!m_definition->stopwords.count(w)) parts.push_back(word(w));
  return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

bool is_partial_iso_date(const std::string& s) {
  auto digits = [&s](std::size_t from, std::size_t n) {
    for (std::size_t k = from; k < from + n; ++k)
      if (k >= s.size() || s[k] < '0' || s[k] > '9') return false;
    return true;
  };
  if (s.size() == 4) return digits(0, 4);
  if (s.size() == 7) return digits(0, 4) && s[4] == '-' && digits(5, 2) && s.substr(5, 2) >= "01" && s.substr(5, 2) <= "12";
  return core::is_iso_date(s);
}

Xapian::Query IsoDateRangeProcessor::operator()(const std::string& begin, const std::string& end) {
  for (const auto* bound : {&begin, &end})
    if (!bound->empty() && !is_partial_iso_date(*bound))
      throw Xapian::QueryParserError("tanggal tidak valid / invalid date: '" + *bound +
                                     "' (YYYY-MM-DD, YYYY-MM atau/or YYYY)");
  // A partial upper bound covers its whole period: "..2024-06" includes 2024-06-30.
  const std::string hi = end.size() < 10 && !end.empty() ? end + "\xff" : end;
  if (begin.empty() && hi.empty()) return match_all();
  if (begin.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, hi);
  if (hi.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, begin);
  return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, begin, hi);
}

}  // namespace berkas::search::internal
