// search/index.cpp: the Xapian index (see docs/INDEX.md for the terms and value slots).
#include <xapian.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <unordered_map>

#include "core/text.h"
#include "search/internal/analyzer.h"
#include "search/search.h"

namespace berkas::search {

using core::ErrorCode;
using core::fail;
using core::Result;
using core::Status;
using internal::root_candidates;
using internal::tokenize;

namespace {

// Value slots.
enum Slot : Xapian::valueno {
  k_slot_date = 0,
  k_slot_valid_from = 1,
  k_slot_valid_until = 2,
  k_slot_kind = 3,
  k_slot_case = 4,
  k_slot_country = 5,
  k_slot_pasal = 6,     // '\n'-joined Pasal-level ids (a multi-valued facet)
  k_slot_collapse = 7,
  k_slot_ordinal = 8,
};

// Term prefixes (Omega conventions: Q unique id, X… our own boolean fields).
const std::string k_id = "Q";
const std::string k_root = "R";       // every root candidate of every word (and the word itself)
const std::string k_kind = "XK";
const std::string k_case = "XC";
const std::string k_no_case = "XCNONE";  // documents visible to everyone (law, precedents)
const std::string k_person = "XO";
const std::string k_pasal = "XP";        // provisions cited / charged / applied (and their Pasal)
const std::string k_pasal_number = "XPN";  // a provision's own id: ranks it first for "pasal 48"
const std::string k_country = "XN";
const std::string k_title = "S";
const std::string k_open_until = "XUOPEN";  // provisions still in force (no end date)

constexpr const char* k_meta_seq = "berkas:last_seq";

std::string pasal_of(const std::string& provision_id) {
  auto pos = provision_id.find("/pasal-");
  if (pos == std::string::npos) return provision_id;
  auto end = provision_id.find('/', pos + 1);
  return end == std::string::npos ? provision_id : provision_id.substr(0, end);
}

// Document data: length-prefixed fields.
void put_field(std::string& out, const std::string& s) {
  out += std::to_string(s.size());
  out += ':';
  out += s;
}

std::vector<std::string> get_fields(const std::string& data) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < data.size()) {
    auto colon = data.find(':', i);
    if (colon == std::string::npos) break;
    size_t len = std::stoul(data.substr(i, colon - i));
    out.push_back(data.substr(colon + 1, len));
    i = colon + 1 + len;
  }
  return out;
}

enum Field { f_id, f_kind, f_object, f_title, f_label, f_case, f_date, f_from, f_until, f_body, f_count };

std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

// Counts each Pasal in the multi-valued slot over the matching documents.
class PasalSpy : public Xapian::MatchSpy {
 public:
  std::map<std::string, Xapian::doccount> counts;
  void operator()(const Xapian::Document& doc, double) override {
    const std::string v = doc.get_value(k_slot_pasal);
    size_t start = 0;
    while (start < v.size()) {
      auto nl = v.find('\n', start);
      if (nl == std::string::npos) nl = v.size();
      if (nl > start) ++counts[v.substr(start, nl - start)];
      start = nl + 1;
    }
  }
};

std::vector<FacetValue> top_values(const std::map<std::string, Xapian::doccount>& counts, size_t limit = 20) {
  std::vector<FacetValue> out;
  for (const auto& [v, c] : counts)
    if (!v.empty()) out.push_back({v, static_cast<std::int64_t>(c)});
  std::stable_sort(out.begin(), out.end(), [](const FacetValue& a, const FacetValue& b) { return a.count > b.count; });
  if (out.size() > limit) out.resize(limit);
  return out;
}

std::vector<FacetValue> spy_values(const Xapian::ValueCountMatchSpy& spy) {
  std::map<std::string, Xapian::doccount> counts;
  for (auto it = spy.values_begin(); it != spy.values_end(); ++it) counts[*it] = it.get_termfreq();
  return top_values(counts);
}

}  // namespace

struct Index::Impl {
  std::string path;
  bool writable = false;
  std::unique_ptr<Xapian::WritableDatabase> wdb;
  std::unique_ptr<Xapian::Database> rdb;
  bool in_txn = false;
  internal::Thesaurus thesaurus;
  std::unordered_set<std::string> stopwords;
  std::unordered_set<std::string> roots;
  Xapian::Stem stemmer{"indonesian"};
  std::unordered_map<std::string, std::vector<std::string>> candidate_cache;

  Xapian::Database& db() { return writable ? *wdb : *rdb; }
  const Xapian::Database& db() const { return writable ? *wdb : *rdb; }

  const std::vector<std::string>& candidates(const std::string& w) {
    auto it = candidate_cache.find(w);
    if (it != candidate_cache.end()) return it->second;
    if (candidate_cache.size() > 200000) candidate_cache.clear();
    return candidate_cache.emplace(w, root_candidates(w)).first->second;
  }

};

// Field processors for the query language (docs/QUERY.md).
namespace {

// What the query side needs to expand words: the roots lexicon, the thesaurus, the database.
struct QueryContext {
  const internal::Thesaurus* thesaurus = nullptr;
  const std::unordered_set<std::string>* roots = nullptr;
  const Xapian::Database* db = nullptr;
};

// The query for one word: its roots (as indexed), preferring real roots among the candidates:
// a candidate counts as real if it is in the shipped root list or occurs as a word in the index.
Xapian::Query word_query(const QueryContext& ctx, const std::string& w) {
  std::vector<Xapian::Query> terms = {Xapian::Query(k_root + w)};
  const auto cands = root_candidates(w);
  std::vector<std::string> real;
  for (const auto& c : cands)
    if (ctx.roots->count(c) || ctx.db->term_exists(c)) real.push_back(c);
  for (const auto& c : (real.empty() ? cands : real)) terms.emplace_back(k_root + c);
  return terms.size() == 1 ? terms[0] : Xapian::Query(Xapian::Query::OP_SYNONYM, terms.begin(), terms.end());
}

Xapian::Query phrase_query(const QueryContext& ctx, const std::vector<std::string>& words) {
  if (words.size() == 1) return word_query(ctx, words[0]);
  std::vector<Xapian::Query> terms;
  for (const auto& w : words) terms.emplace_back(w);
  return Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(), static_cast<Xapian::termcount>(words.size()));
}

class PrefixedTerm : public Xapian::FieldProcessor {
 public:
  PrefixedTerm(std::string prefix, const internal::Thesaurus* canon = nullptr) : m_prefix(std::move(prefix)), m_canon(canon) {}
  Xapian::Query operator()(const std::string& value) override {
    std::string v = core::ascii_lower(value);
    if (m_canon) v = m_canon->canonical(v);
    return Xapian::Query(m_prefix + v);
  }

 private:
  std::string m_prefix;
  const internal::Thesaurus* m_canon;
};

class KindTerm : public Xapian::FieldProcessor {
 public:
  Xapian::Query operator()(const std::string& value) override {
    static const std::map<std::string, std::string> k_alias = {
        {"saksi", "bap"},       {"keterangan-saksi", "bap"}, {"statement", "bap"}, {"expert", "ahli"},
        {"document", "surat"},  {"dokumen", "surat"},       {"electronic", "elektronik"},
        {"law", "pasal"},       {"provision", "pasal"},      {"uu", "pasal"},        {"precedent", "putusan"},
        {"decision", "putusan"}, {"case", "perkara"},       {"defendant", "terdakwa"}};
    std::string v = core::ascii_lower(value);
    auto it = k_alias.find(v);
    return Xapian::Query(k_kind + (it == k_alias.end() ? v : it->second));
  }
};

// pasal:4, pasal:2/1, pasal:2-1, pasal:uu-1-2023/pasal-455[/ayat-1]
class PasalTerm : public Xapian::FieldProcessor {
 public:
  Xapian::Query operator()(const std::string& value) override {
    std::string v = core::ascii_lower(value);
    if (v.find("/pasal-") != std::string::npos) return Xapian::Query(k_pasal + v);
    std::string law = "uu-21-2007";
    std::string num = v, ayat;
    auto sep = v.find_first_of("/-.");
    if (sep != std::string::npos) {
      num = v.substr(0, sep);
      ayat = v.substr(sep + 1);
    }
    std::string id = law + "/pasal-" + num;
    if (!ayat.empty()) id += "/ayat-" + ayat;
    return Xapian::Query(k_pasal + id);
  }
};

// A range "YYYY-MM-DD..YYYY-MM-DD" (either end may be left open) on the date slot.
class DateRange : public Xapian::RangeProcessor {
 public:
  DateRange(Xapian::valueno slot, const std::string& prefix) : Xapian::RangeProcessor(slot, prefix) {}
  Xapian::Query operator()(const std::string& begin, const std::string& end) override {
    auto valid = [](const std::string& d) { return d.empty() || core::is_iso_date(d); };
    if (!valid(begin) || !valid(end)) throw Xapian::QueryParserError("tanggal harus YYYY-MM-DD / dates must be YYYY-MM-DD");
    if (end.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, begin);
    if (begin.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, end);
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, begin, end);
  }
};

// A word or phrase group from the thesaurus, or a single word: expanded to roots.
class Expand : public Xapian::FieldProcessor {
 public:
  explicit Expand(QueryContext ctx) : m_ctx(ctx) {}
  Xapian::Query operator()(const std::string& value) override {
    // "g<N>" = thesaurus group N; "w<word>" = one word.
    if (!value.empty() && value[0] == 'g') {
      const auto& members = m_ctx.thesaurus->members(std::stoul(value.substr(1)));
      std::vector<Xapian::Query> alts;
      for (const auto& m : members) alts.push_back(phrase_query(m_ctx, m));
      return Xapian::Query(Xapian::Query::OP_OR, alts.begin(), alts.end());
    }
    return word_query(m_ctx, value.substr(1));
  }

 private:
  QueryContext m_ctx;
};

bool is_operator(const std::string& w) {
  return w == "AND" || w == "OR" || w == "NOT" || w == "XOR" || w == "NEAR" || w == "ADJ";
}

bool plain_word(const std::string& s) {
  if (s.empty()) return false;
  for (unsigned char c : s)
    if (!std::isalnum(c) && c < 0x80) return false;
  return true;
}

}  // namespace

Index::Index(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Index::~Index() {
  if (m_impl && m_impl->in_txn) {
    try {
      m_impl->wdb->cancel_transaction();
    } catch (const Xapian::Error&) {
    }
  }
}

Result<std::unique_ptr<Index>> Index::open(const std::string& path, const Config& config, bool writable) {
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->writable = writable;
  auto th = internal::Thesaurus::load(config.dir + "/thesaurus.txt");
  if (!th) return tl::unexpected(th.error());
  impl->thesaurus = std::move(*th);
  for (const char* f : {"/stopwords-id.txt", "/stopwords-en.txt"}) {
    auto words = internal::load_word_list(config.dir + f);
    if (!words) return tl::unexpected(words.error());
    impl->stopwords.insert(words->begin(), words->end());
  }
  auto roots = internal::load_word_list(config.dir + "/roots-id.txt");
  if (!roots) return tl::unexpected(roots.error());
  impl->roots = std::move(*roots);
  try {
    if (writable)
      impl->wdb = std::make_unique<Xapian::WritableDatabase>(path, Xapian::DB_CREATE_OR_OPEN);
    else
      impl->rdb = std::make_unique<Xapian::Database>(path);
  } catch (const Xapian::Error& e) {
    return fail(ErrorCode::io, "cannot open the index: " + e.get_msg(), path);
  }
  return std::unique_ptr<Index>(new Index(std::move(impl)));
}

Status Index::put(const Doc& d) {
  if (!m_impl->writable) return fail(ErrorCode::internal, "index opened read-only");
  try {
    if (!m_impl->in_txn) {
      m_impl->wdb->begin_transaction(false);  // unflushed: nothing visible before commit(seq)
      m_impl->in_txn = true;
    }
    Xapian::Document doc;
    Xapian::TermGenerator tg;
    tg.set_stemmer(m_impl->stemmer);
    tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    tg.set_document(doc);
    // Spelling data only from documents everyone may see (law, precedents): a suggestion must
    // never reveal a word of a case the user cannot see.
    if (d.case_id.empty()) {
      tg.set_database(*m_impl->wdb);
      tg.set_flags(Xapian::TermGenerator::FLAG_SPELLING);
    }
    tg.index_text(d.title, 3);
    tg.increase_termpos();
    tg.index_text(d.title, 2, k_title);
    tg.increase_termpos();
    tg.index_text(d.label, 3);
    tg.increase_termpos();
    tg.index_text(d.body);
    tg.increase_termpos();
    tg.index_text(d.extra);
    // Root terms: every word under itself and each of its root candidates (docs/INDEX.md).
    auto add_roots = [&](const std::string& text, Xapian::termcount wdf) {
      for (const auto& t : tokenize(text)) {
        if (m_impl->stopwords.count(t.word)) continue;
        doc.add_term(k_root + t.word, wdf);
        for (const auto& c : m_impl->candidates(t.word)) doc.add_term(k_root + c, wdf);
      }
    };
    add_roots(d.title, 3);
    add_roots(d.label, 3);
    add_roots(d.body, 1);
    add_roots(d.extra, 1);

    doc.add_boolean_term(k_id + d.id);
    doc.add_boolean_term(k_kind + d.kind);
    doc.add_boolean_term(d.case_id.empty() ? k_no_case : k_case + d.case_id);
    for (const auto& p : d.person_ids) doc.add_boolean_term(k_person + p);
    std::set<std::string> pasal_ids;
    for (const auto& p : d.provisions) {
      doc.add_boolean_term(k_pasal + p);
      doc.add_boolean_term(k_pasal + pasal_of(p));
      pasal_ids.insert(pasal_of(p));
    }
    if (!d.country.empty()) doc.add_boolean_term(k_country + m_impl->thesaurus.canonical(core::ascii_lower(d.country)));
    if (d.kind == "pasal") {
      // The provision's own number: a Pasal doc outranks its ayat for "pasal 48".
      doc.add_term(k_pasal_number + pasal_of(d.object_id), d.ayat == 0 ? 3 : 1);
      if (d.ayat) doc.add_term(k_pasal_number + d.object_id, 3);
      if (d.valid_until.empty()) doc.add_boolean_term(k_open_until);
    }
    std::string pasal_value;
    for (const auto& p : pasal_ids) pasal_value += (pasal_value.empty() ? "" : "\n") + p;
    doc.add_value(k_slot_date, d.date);
    doc.add_value(k_slot_valid_from, d.valid_from);
    doc.add_value(k_slot_valid_until, d.valid_until);
    doc.add_value(k_slot_kind, d.kind);
    doc.add_value(k_slot_case, d.case_id);
    doc.add_value(k_slot_country, d.country.empty() ? "" : m_impl->thesaurus.canonical(core::ascii_lower(d.country)));
    doc.add_value(k_slot_pasal, pasal_value);
    doc.add_value(k_slot_collapse, d.collapse_key);
    doc.add_value(k_slot_ordinal, Xapian::sortable_serialise(d.ordinal));
    std::string data;
    for (const auto* f : {&d.id, &d.kind, &d.object_id, &d.title, &d.label, &d.case_id, &d.date, &d.valid_from,
                          &d.valid_until, &d.body})
      put_field(data, *f);
    doc.set_data(data);
    m_impl->wdb->replace_document(k_id + d.id, doc);
    return {};
  } catch (const Xapian::Error& e) {
    return fail(ErrorCode::io, "index write failed: " + e.get_msg(), m_impl->path);
  }
}

Status Index::remove(const std::string& id) {
  try {
    if (!m_impl->in_txn) {
      m_impl->wdb->begin_transaction(false);
      m_impl->in_txn = true;
    }
    m_impl->wdb->delete_document(k_id + id);
    return {};
  } catch (const Xapian::Error& e) {
    return fail(ErrorCode::io, "index delete failed: " + e.get_msg(), m_impl->path);
  }
}

Status Index::remove_prefix(const std::string& id_prefix) {
  try {
    std::vector<std::string> terms;
    for (auto it = m_impl->wdb->allterms_begin(k_id + id_prefix); it != m_impl->wdb->allterms_end(k_id + id_prefix); ++it)
      terms.push_back(*it);
    for (const auto& t : terms)
      if (auto s = remove(t.substr(k_id.size())); !s) return s;
    return {};
  } catch (const Xapian::Error& e) {
    return fail(ErrorCode::io, "index delete failed: " + e.get_msg(), m_impl->path);
  }
}

Status Index::commit(std::int64_t seq) {
  try {
    if (!m_impl->in_txn) {
      m_impl->wdb->begin_transaction(false);
      m_impl->in_txn = true;
    }
    m_impl->wdb->set_metadata(k_meta_seq, std::to_string(seq));
    m_impl->wdb->commit_transaction();
    m_impl->in_txn = false;
    return {};
  } catch (const Xapian::Error& e) {
    return fail(ErrorCode::io, "index commit failed: " + e.get_msg(), m_impl->path);
  }
}

Status Index::clear() {
  try {
    if (m_impl->in_txn) {
      m_impl->wdb->cancel_transaction();
      m_impl->in_txn = false;
    }
    std::vector<std::string> ids;
    for (auto it = m_impl->wdb->allterms_begin(k_id); it != m_impl->wdb->allterms_end(k_id); ++it) ids.push_back(*it);
    m_impl->wdb->begin_transaction(false);
    m_impl->in_txn = true;
    for (const auto& t : ids) m_impl->wdb->delete_document(t);
    m_impl->wdb->set_metadata(k_meta_seq, "0");
    m_impl->wdb->commit_transaction();
    m_impl->in_txn = false;
    return {};
  } catch (const Xapian::Error& e) {
    return fail(ErrorCode::io, "index clear failed: " + e.get_msg(), m_impl->path);
  }
}

std::int64_t Index::last_seq() const {
  try {
    const std::string v = m_impl->db().get_metadata(k_meta_seq);
    return v.empty() ? 0 : std::stoll(v);
  } catch (const std::exception&) {
    return 0;
  }
}

std::int64_t Index::doc_count() const {
  try {
    return m_impl->db().get_doccount();
  } catch (const Xapian::Error&) {
    return 0;
  }
}

Result<std::vector<std::string>> Index::ids() const {
  try {
    std::vector<std::string> out;
    auto& db = m_impl->db();
    for (auto it = db.allterms_begin(k_id); it != db.allterms_end(k_id); ++it) out.push_back((*it).substr(k_id.size()));
    return out;
  } catch (const Xapian::Error& e) {
    return fail(ErrorCode::io, "index read failed: " + e.get_msg(), m_impl->path);
  }
}

void Index::refresh() {
  try {
    m_impl->db().reopen();
  } catch (const Xapian::Error&) {
  }
}

namespace {

// A query rewritten for the parser: bare words become "kata:w<word>" and thesaurus phrases
// "kata:g<N>" so that each is expanded to its roots and synonyms; quoted phrases, fields and
// operators are kept. `plain` receives the bare words (for spelling and highlighting).
struct Rewritten {
  std::string text;
  std::vector<std::string> words;
  std::string pasal_id;  // "pasal 48" / "Pasal 2 ayat (1)" in the query: the provision to rank first
  std::string ayat_id;
};

Rewritten rewrite(const std::string& query, const internal::Thesaurus& thesaurus,
                  const std::unordered_set<std::string>& stopwords) {
  Rewritten out;
  // Split into tokens, keeping quoted phrases whole.
  std::vector<std::string> raw;
  std::string cur;
  bool quoted = false;
  for (char c : query) {
    if (c == '"') {
      cur += c;
      quoted = !quoted;
      if (!quoted) {
        raw.push_back(cur);
        cur.clear();
      }
    } else if (!quoted && (c == ' ' || c == '\t' || c == '\n' || c == '\r')) {
      if (!cur.empty()) raw.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) raw.push_back(cur);

  // The Pasal asked for by number.
  {
    const std::string lower = core::ascii_lower(query);
    std::string law = (lower.find("kuhp") != std::string::npos || lower.find("1/2023") != std::string::npos ||
                       lower.find("1 tahun 2023") != std::string::npos)
                          ? "uu-1-2023"
                          : "uu-21-2007";
    const auto toks = tokenize(lower);
    for (size_t i = 0; i + 1 < toks.size(); ++i) {
      const auto& w = toks[i].word;
      if (w != "pasal" && w != "psl" && w != "ps" && w != "article") continue;
      const auto& n = toks[i + 1].word;
      if (n.empty() || !std::isdigit(static_cast<unsigned char>(n[0]))) continue;
      out.pasal_id = law + "/pasal-" + n;
      if (i + 3 < toks.size() + 1 && i + 2 < toks.size() && toks[i + 2].word == "ayat" && i + 3 < toks.size())
        out.ayat_id = out.pasal_id + "/ayat-" + toks[i + 3].word;
      break;
    }
  }

  // Rewrite runs of bare words, matching thesaurus phrases first.
  std::vector<std::string> parts;
  size_t i = 0;
  while (i < raw.size()) {
    const std::string& tok = raw[i];
    // Strip love/hate and brackets around a bare word.
    size_t a = 0, b = tok.size();
    while (a < b && (tok[a] == '+' || tok[a] == '-' || tok[a] == '(')) ++a;
    while (b > a && tok[b - 1] == ')') --b;
    const std::string core_word = tok.substr(a, b - a);
    if (tok[0] == '"' || is_operator(tok) || !plain_word(core_word)) {
      parts.push_back(tok);
      ++i;
      continue;
    }
    // A run of plain tokens without decorations, for thesaurus phrase matching.
    std::vector<std::string> run;
    size_t j = i;
    while (j < raw.size() && plain_word(raw[j]) && !is_operator(raw[j]) && (j == i || true)) {
      run.push_back(core::ascii_lower(raw[j]));
      ++j;
      if (a != 0 || b != tok.size()) break;  // decorated first token: no phrase matching
    }
    if (a != 0 || b != tok.size() || run.empty()) {
      const std::string w = core::ascii_lower(core_word);
      out.words.push_back(w);
      parts.push_back(tok.substr(0, a) + (stopwords.count(w) ? w : "kata:w" + w) + tok.substr(b));
      ++i;
      continue;
    }
    size_t group = 0;
    const size_t n = thesaurus.match(run, 0, group);
    if (n > 0) {
      for (size_t k = 0; k < n; ++k) out.words.push_back(run[k]);
      parts.push_back("kata:g" + std::to_string(group));
      i += n;
      continue;
    }
    const std::string& w = run[0];
    out.words.push_back(w);
    if (!stopwords.count(w)) parts.push_back("kata:w" + w);
    ++i;
  }
  for (const auto& p : parts) out.text += (out.text.empty() ? "" : " ") + p;
  return out;
}

// A snippet around the densest region of highlighted words, HTML-escaped, marks as <mark>.
std::string make_snippet(const std::string& body, const std::set<std::string>& highlight, size_t length = 240) {
  const auto toks = tokenize(body);
  if (toks.empty()) return {};
  std::vector<size_t> hits;
  std::vector<bool> is_hit(toks.size(), false);
  for (size_t i = 0; i < toks.size(); ++i) {
    bool h = highlight.count(toks[i].word) > 0;
    if (!h)
      for (const auto& c : root_candidates(toks[i].word))
        if (highlight.count(c)) {
          h = true;
          break;
        }
    if (h) {
      hits.push_back(i);
      is_hit[i] = true;
    }
  }
  // Choose the start token maximising hits within `length` bytes.
  size_t best_start = 0, best = 0;
  for (size_t hi = 0; hi < hits.size(); ++hi) {
    size_t start = hits[hi];
    size_t count = 0;
    for (size_t hj = hi; hj < hits.size() && toks[hits[hj]].end - toks[start].begin <= length; ++hj) ++count;
    if (count > best) {
      best = count;
      best_start = start;
    }
  }
  // Back up a few words for context.
  size_t first = best_start >= 4 ? best_start - 4 : 0;
  size_t from = first == 0 ? 0 : toks[first].begin;
  size_t to = std::min(body.size(), from + length);
  // End on a token boundary.
  size_t last = first;
  while (last + 1 < toks.size() && toks[last + 1].end <= to) ++last;
  to = toks[last].end;
  std::string out = first > 0 ? "…" : "";
  size_t pos = from;
  for (size_t i = first; i <= last; ++i) {
    out += html_escape(std::string_view(body).substr(pos, toks[i].begin - pos));
    const std::string word = body.substr(toks[i].begin, toks[i].end - toks[i].begin);
    if (is_hit[i])
      out += "<mark>" + html_escape(word) + "</mark>";
    else
      out += html_escape(word);
    pos = toks[i].end;
  }
  if (to < body.size()) out += "…";
  return core::squeeze_space(out);
}

}  // namespace

Result<Results> Index::search(const Query& q) const {
  auto& impl = *m_impl;
  try {
    Xapian::Database& db = impl.db();
    Xapian::QueryParser qp;
    qp.set_database(db);
    qp.set_default_op(Xapian::Query::OP_OR);
    Expand expand(QueryContext{&impl.thesaurus, &impl.roots, &db});
    qp.add_prefix("kata", &expand);
    KindTerm kind;
    PasalTerm pasal;
    PrefixedTerm case_term(k_case), person_term(k_person), country_term(k_country, &impl.thesaurus);
    PrefixedTerm id_term(k_id);
    for (const char* p : {"jenis", "kind"}) qp.add_boolean_prefix(p, &kind);
    for (const char* p : {"perkara", "case"}) qp.add_boolean_prefix(p, &case_term);
    for (const char* p : {"orang", "person"}) qp.add_boolean_prefix(p, &person_term);
    qp.add_boolean_prefix("pasal", &pasal);
    for (const char* p : {"negara", "country"}) qp.add_boolean_prefix(p, &country_term);
    for (const char* p : {"judul", "title"}) qp.add_prefix(p, k_title);
    DateRange date_tanggal(k_slot_date, "tanggal:"), date_en(k_slot_date, "date:");
    qp.add_rangeprocessor(&date_tanggal);
    qp.add_rangeprocessor(&date_en);
    qp.set_stemmer(impl.stemmer);
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);

    const Rewritten rw = rewrite(q.text, impl.thesaurus, impl.stopwords);
    const unsigned flags = Xapian::QueryParser::FLAG_BOOLEAN | Xapian::QueryParser::FLAG_PHRASE |
                           Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_BOOLEAN_ANY_CASE |
                           Xapian::QueryParser::FLAG_WILDCARD | Xapian::QueryParser::FLAG_PURE_NOT;
    Xapian::Query parsed;
    try {
      parsed = qp.parse_query(rw.text, flags);
    } catch (const Xapian::QueryParserError& e) {
      // Fall back to the words alone: a stray quote or bracket should not cost the user a search.
      std::string words;
      for (const auto& w : rw.words) words += (words.empty() ? "kata:w" : " kata:w") + w;
      try {
        parsed = qp.parse_query(words, 0);
      } catch (const Xapian::QueryParserError&) {
        return fail(ErrorCode::invalid_input, std::string("kueri tidak valid / invalid query: ") + e.get_msg());
      }
    }
    if (!rw.pasal_id.empty()) {
      Xapian::Query boost(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(k_pasal_number + rw.pasal_id), 20.0);
      if (!rw.ayat_id.empty())
        boost = Xapian::Query(Xapian::Query::OP_OR, boost,
                              Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(k_pasal_number + rw.ayat_id), 30.0));
      parsed = parsed.empty() ? boost : Xapian::Query(Xapian::Query::OP_OR, boost, parsed);
    }
    if (parsed.empty()) parsed = Xapian::Query::MatchAll;
    // Access: documents of cases the caller may not see are filtered inside the query, so
    // totals, facets and suggestions never count them.
    if (q.visible_cases) {
      std::vector<Xapian::Query> allowed = {Xapian::Query(k_no_case)};
      for (const auto& c : *q.visible_cases) allowed.emplace_back(k_case + c);
      parsed = Xapian::Query(Xapian::Query::OP_FILTER, parsed,
                             Xapian::Query(Xapian::Query::OP_OR, allowed.begin(), allowed.end()));
    }
    if (!q.as_of.empty()) {
      // Provisions not in force on as_of are left out: from <= as_of and (no end or end > as_of).
      Xapian::Query in_force(Xapian::Query::OP_AND, Xapian::Query(Xapian::Query::OP_VALUE_LE, k_slot_valid_from, q.as_of),
                             Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(k_open_until),
                                           Xapian::Query(Xapian::Query::OP_VALUE_GE, k_slot_valid_until, q.as_of + "~")));
      Xapian::Query not_law(Xapian::Query::OP_AND_NOT, Xapian::Query::MatchAll, Xapian::Query(k_kind + "pasal"));
      parsed = Xapian::Query(Xapian::Query::OP_FILTER, parsed, Xapian::Query(Xapian::Query::OP_OR, not_law, in_force));
    }

    Xapian::Enquire enquire(db);
    enquire.set_query(parsed);
    enquire.set_collapse_key(k_slot_collapse);
    Xapian::ValueCountMatchSpy kind_spy(k_slot_kind), case_spy(k_slot_case), country_spy(k_slot_country);
    PasalSpy pasal_spy;
    if (q.facets) {
      enquire.add_matchspy(&kind_spy);
      enquire.add_matchspy(&case_spy);
      enquire.add_matchspy(&country_spy);
      enquire.add_matchspy(&pasal_spy);
    }
    // Exact totals and facet counts up to 10,000 matches; beyond that Xapian's estimate.
    const Xapian::doccount check = q.facets ? std::min<Xapian::doccount>(db.get_doccount(), 10000) : 0;
    Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>(std::max(0, q.offset)),
                                         static_cast<Xapian::doccount>(std::max(0, q.limit)), check);
    Results r;
    r.total = mset.get_matches_estimated();
    r.explanation = parsed.get_description();
    std::set<std::string> highlight;
    for (const auto& w : rw.words) {
      highlight.insert(w);
      for (const auto& c : root_candidates(w)) highlight.insert(c);
    }
    if (q.facets) {
      r.facets["jenis"] = spy_values(kind_spy);
      r.facets["perkara"] = spy_values(case_spy);
      r.facets["negara"] = spy_values(country_spy);
      r.facets["pasal"] = top_values(pasal_spy.counts);
    }
    int rank = q.offset;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      const auto f = get_fields(it.get_document().get_data());
      if (f.size() < f_count) continue;
      Hit h;
      h.id = f[f_id];
      h.kind = f[f_kind];
      h.object_id = f[f_object];
      h.title = f[f_title];
      h.label = f[f_label];
      h.case_id = f[f_case];
      h.date = f[f_date];
      h.valid_from = f[f_from];
      h.valid_until = f[f_until];
      h.weight = it.get_weight();
      h.rank = ++rank;
      if (q.snippets) h.snippet = make_snippet(f[f_body], highlight);
      r.hits.push_back(std::move(h));
    }
    // Spelling: words that occur nowhere get the closest word from the public vocabulary.
    bool corrected = false;
    std::string suggestion;
    for (const auto& w : rw.words) {
      std::string s = w;
      if (!impl.stopwords.count(w) && !db.term_exists(w) && !db.term_exists(k_root + w)) {
        const std::string sug = db.get_spelling_suggestion(w);
        if (!sug.empty()) {
          s = sug;
          corrected = true;
        }
      }
      suggestion += (suggestion.empty() ? "" : " ") + s;
    }
    if (corrected) r.suggestion = suggestion;
    return r;
  } catch (const Xapian::Error& e) {
    return fail(ErrorCode::io, "search failed: " + e.get_msg(), impl.path);
  }
}

}  // namespace berkas::search
