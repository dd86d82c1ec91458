// search: the Index over Xapian. Xapian::Error is caught in every public function and
// translated to core::Error; nothing of Xapian leaves this file's public surface.
#include <algorithm>
#include <cassert>
#include <set>

#include <xapian.h>

#include "core/hash.h"
#include "core/text.h"
#include "search/internal/definition.h"
#include "search/internal/query_text.h"
#include "search/internal/schema.h"
#include "search/search.h"

namespace berkas::search {

using core::ErrorCode;
using core::fail;
using namespace internal;

namespace {

constexpr const char* k_last_seq_key = "berkas.last_seq";
// The analyser the terms were made with (Definition::analyser_version).
constexpr const char* k_analyser_key = "berkas.analyser";
constexpr const char* k_unindexed_key = "berkas.unindexed.";  // + hash of the doc id → "id\nreason"
// How much a "pasal 48" reference outweighs the words of the query (BM25 weights of a whole
// query stay well below this).
constexpr double k_pasal_boost = 40.0;
constexpr double k_ayat_boost = 60.0;
constexpr Xapian::doccount k_exact_matches = 5000;
// How many first-pass results the proximity boost re-ranks.
constexpr Xapian::doccount k_rerank = 200;

// Matches exactly the given documents (sorted ids), weight 0: restricts a query to a first
// pass's results.
class DocidList : public Xapian::PostingSource {
 public:
  explicit DocidList(std::vector<Xapian::docid> ids) : m_ids(std::move(ids)) { std::sort(m_ids.begin(), m_ids.end()); }
  Xapian::doccount get_termfreq_min() const override { return static_cast<Xapian::doccount>(m_ids.size()); }
  Xapian::doccount get_termfreq_est() const override { return static_cast<Xapian::doccount>(m_ids.size()); }
  Xapian::doccount get_termfreq_max() const override { return static_cast<Xapian::doccount>(m_ids.size()); }
  void init(const Xapian::Database&) override {
    m_pos = 0;
    m_started = false;
  }
  void next(double) override {
    if (m_started) ++m_pos;
    m_started = true;
  }
  void skip_to(Xapian::docid did, double) override {
    m_started = true;
    while (m_pos < m_ids.size() && m_ids[m_pos] < did) ++m_pos;
  }
  bool at_end() const override { return m_started && m_pos >= m_ids.size(); }
  Xapian::docid get_docid() const override { return m_ids[m_pos]; }
  std::string get_description() const override { return "DocidList"; }

 private:
  std::vector<Xapian::docid> m_ids;
  std::size_t m_pos = 0;
  bool m_started = false;
};
constexpr std::size_t k_snippet_bytes = 240;

core::Error from_xapian(const Xapian::Error& e, const std::string& what) {
  return core::Error{ErrorCode::io, "indeks pencarian / search index: " + what + ": " + e.get_msg(), {}, 0, {}};
}

// Document data: the fields a hit shows, as length-prefixed strings.
void put_field(std::string& out, const std::string& s) {
  out += std::to_string(s.size());
  out += ':';
  out += s;
}

std::vector<std::string> get_fields(const std::string& data) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < data.size()) {
    auto colon = data.find(':', pos);
    if (colon == std::string::npos) break;
    const auto len = static_cast<std::size_t>(std::stoull(data.substr(pos, colon - pos)));
    out.push_back(data.substr(colon + 1, len));
    pos = colon + 1 + len;
  }
  return out;
}

enum Field { f_id, f_kind, f_object, f_title, f_label, f_body, f_case, f_date, f_from, f_until, f_count };

std::string pasal_of(const std::string& provision_id) {
  auto pos = provision_id.find("/pasal-");
  if (pos == std::string::npos) return provision_id;
  auto end = provision_id.find('/', pos + 1);
  return end == std::string::npos ? provision_id : provision_id.substr(0, end);
}

std::vector<FacetValue> sorted_facet(const std::map<std::string, Xapian::doccount>& counts) {
  std::vector<FacetValue> out;
  for (const auto& [v, n] : counts) out.push_back({v, static_cast<std::int64_t>(n)});
  std::stable_sort(out.begin(), out.end(), [](const FacetValue& a, const FacetValue& b) { return a.count > b.count; });
  return out;
}

std::vector<FacetValue> facet_of(const Xapian::ValueCountMatchSpy& spy) {
  std::map<std::string, Xapian::doccount> counts;
  for (auto it = spy.values_begin(); it != spy.values_end(); ++it) counts[*it] = it.get_termfreq();
  return sorted_facet(counts);
}

}  // namespace

struct Index::Impl {
  std::string path;
  bool writable = false;
  bool fresh = false;  // empty when opened: every document is made by this analyser
  std::shared_ptr<const Definition> definition;
  Xapian::Database db;  // for a writer: the same database as `wdb`, seeing its uncommitted changes
  std::unique_ptr<Xapian::WritableDatabase> wdb;
  Xapian::SimpleStopper stopper;
  RootStemmer* root = nullptr;  // owned by `stem`
  Xapian::Stem stem;
  bool in_transaction = false;

  ~Impl() {
    // Uncommitted changes die with the Index, as they would in a crash: Xapian commits on close
    // unless a transaction is open, and an open transaction is cancelled.
    try {
      if (wdb && in_transaction) wdb->cancel_transaction();
    } catch (const Xapian::Error&) {
    }
  }

  // Writes go into an unflushed transaction so that only commit(seq) makes them durable.
  Xapian::WritableDatabase& writer() {
    if (!in_transaction) {
      wdb->begin_transaction(false);
      in_transaction = true;
    }
    return *wdb;
  }

  void init_language() {
    for (const auto& w : definition->stopwords) stopper.add(w);
    root = new RootStemmer(definition, db);
    stem = Xapian::Stem(root);
  }

  Xapian::TermGenerator term_generator(Xapian::Document& doc) const {
    Xapian::TermGenerator tg;
    tg.set_stemmer(stem);
    tg.set_stopper(&stopper);
    tg.set_stopper_strategy(Xapian::TermGenerator::STOP_STEMMED);
    // Positions on root terms too, so thesaurus phrases and the proximity boost match derived
    // forms ("jerat utang" finds "penjeratan utang").
    tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME_FULL_POS);
    tg.set_document(doc);
    return tg;
  }

  Xapian::Document build(const Doc& d) const;
  Xapian::Query visible_filter(const Query& q) const;
  Xapian::Query parse(const std::string& text, std::string& explanation) const;
  std::string suggestion(const Query& q, const Xapian::Query& visible) const;
  // One attempt; throws Xapian::DatabaseModifiedError when the writer overtook this reader.
  core::Result<Results> search(const Query& query);
};

core::Result<std::vector<std::string>> roots_of(const Config& config, const std::vector<std::string>& words) {
  auto definition = load_definition(config.dir);
  if (!definition) return tl::unexpected(definition.error());
  RootStemmer stemmer(std::make_shared<const Definition>(std::move(*definition)), Xapian::Database());
  std::vector<std::string> out;
  out.reserve(words.size());
  for (const auto& w : words) out.push_back(stemmer(Xapian::Unicode::tolower(w)));
  return out;
}

core::Result<std::string> analyser_version(const Config& config) {
  auto definition = load_definition(config.dir);
  if (!definition) return tl::unexpected(definition.error());
  return definition->analyser_version;
}

Index::Index(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Index::~Index() = default;

core::Result<std::unique_ptr<Index>> Index::open(const std::string& path, const Config& config, bool writable) {
  auto definition = load_definition(config.dir);
  if (!definition) return tl::unexpected(definition.error());
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->writable = writable;
  impl->definition = std::make_shared<const Definition>(std::move(*definition));
  try {
    if (writable) {
      impl->wdb = std::make_unique<Xapian::WritableDatabase>(path, Xapian::DB_CREATE_OR_OPEN);
      impl->db = *impl->wdb;
    } else {
      impl->db = Xapian::Database(path);
    }
  } catch (const Xapian::DatabaseLockError& e) {
    return fail(ErrorCode::io, "indeks sedang dipakai penulis lain / the index is locked by another writer: " + e.get_msg(),
                path);
  } catch (const Xapian::Error& e) {
    return fail(ErrorCode::io, "indeks tidak dapat dibuka / cannot open the search index: " + e.get_msg(), path);
  }
  try {
    impl->fresh = impl->db.get_doccount() == 0;
  } catch (const Xapian::Error&) {
  }
  impl->init_language();
  return std::unique_ptr<Index>(new Index(std::move(impl)));
}

Xapian::Document Index::Impl::build(const Doc& d) const {
  Xapian::Document doc;
  auto tg = term_generator(doc);
  // Title and label count more than body text (BM25 sees a higher wdf); the title is also its
  // own field for judul:. Positions jump between fields so phrases do not span them.
  tg.index_text(d.title, 3);
  tg.increase_termpos(100);
  tg.index_text(d.title, 1, prefix::title);
  tg.increase_termpos(100);
  tg.index_text(d.label, 2);
  tg.increase_termpos(100);
  tg.index_text(d.body);
  tg.increase_termpos(100);
  tg.index_text(d.extra);

  doc.add_boolean_term(term(prefix::id, d.id));
  doc.add_boolean_term(term(prefix::kind, d.kind));
  if (d.case_id.empty()) {
    doc.add_boolean_term(prefix::public_doc);
  } else {
    doc.add_boolean_term(term(prefix::case_id, d.case_id));
  }
  for (const auto& p : d.person_ids) doc.add_boolean_term(term(prefix::person, p));
  std::set<std::string> pasals;
  for (const auto& p : d.provisions) {
    doc.add_boolean_term(term(prefix::provision, p));
    doc.add_boolean_term(term(prefix::provision, pasal_of(p)));
    pasals.insert(pasal_of(p));
  }
  if (!d.country.empty()) doc.add_boolean_term(term(prefix::country, core::ascii_lower(d.country)));
  if (!d.law_id.empty()) doc.add_boolean_term(term(prefix::law, d.law_id));
  if (d.kind == "pasal" && d.ayat > 0) doc.add_boolean_term(prefix::ayat_doc);
  if (d.kind == "pasal") {
    // wdf 1 (not boolean) so a "pasal 48" reference can weigh the provision itself.
    doc.add_term(term(prefix::self, d.object_id), 1);
    if (pasal_of(d.object_id) != d.object_id) doc.add_term(term(prefix::self, pasal_of(d.object_id)), 1);
    doc.add_value(slot_valid_from, d.valid_from.empty() ? "0000-00-00" : d.valid_from);
    doc.add_value(slot_valid_until, d.valid_until.empty() ? "9999-99-99" : d.valid_until);
  }

  doc.add_value(slot_kind, d.kind);
  if (!d.case_id.empty()) doc.add_value(slot_case, d.case_id);
  std::string pasal_list;
  for (const auto& p : pasals) pasal_list += p + "\n";
  if (!pasal_list.empty()) doc.add_value(slot_pasals, pasal_list);
  if (!d.country.empty()) doc.add_value(slot_country, core::ascii_lower(d.country));
  std::set<std::string> outcomes(d.outcomes.begin(), d.outcomes.end());
  std::string outcome_list;
  for (const auto& o : outcomes) {
    doc.add_boolean_term(term(prefix::outcome, o));
    outcome_list += o + "\n";
  }
  if (!outcome_list.empty()) doc.add_value(slot_outcomes, outcome_list);
  if (!d.date.empty()) doc.add_value(slot_date, d.date);
  if (!d.collapse_key.empty()) doc.add_value(slot_collapse, d.collapse_key);
  doc.add_value(slot_ordinal, Xapian::sortable_serialise(d.ordinal));

  std::string data;
  for (const auto* s : {&d.id, &d.kind, &d.object_id, &d.title, &d.label, &d.body, &d.case_id, &d.date,
                        &d.valid_from, &d.valid_until})
    put_field(data, *s);
  doc.set_data(data);
  return doc;
}

core::Status Index::put(const Doc& doc) {
  assert(m_impl->writable);
  if (doc.id.empty()) return fail(ErrorCode::invalid_input, "dokumen tanpa id / document without an id");
  try {
    if (doc.case_id.empty()) {
      // Spelling data (and the corpus half of the root lexicon) only from public documents:
      // words of a case would otherwise surface in suggestions to people who may not see it.
      Xapian::Document scratch;
      auto tg = m_impl->term_generator(scratch);
      tg.set_database(m_impl->writer());
      tg.set_flags(Xapian::TermGenerator::FLAG_SPELLING);
      for (const auto* s : {&doc.title, &doc.label, &doc.body, &doc.extra}) tg.index_text(*s);
      m_impl->root->forget();
    }
    m_impl->writer().replace_document(term(prefix::id, doc.id), m_impl->build(doc));
  } catch (const Xapian::Error& e) {
    return tl::unexpected(from_xapian(e, "put " + doc.id));
  }
  return {};
}

core::Status Index::remove(const std::string& id) {
  assert(m_impl->writable);
  try {
    m_impl->writer().delete_document(term(prefix::id, id));
  } catch (const Xapian::Error& e) {
    return tl::unexpected(from_xapian(e, "remove " + id));
  }
  return {};
}

core::Status Index::remove_prefix(const std::string& id_prefix) {
  assert(m_impl->writable);
  try {
    // Collect first: deleting while iterating the term list would move under the iterator.
    std::vector<std::string> terms;
    const std::string p = prefix::id + id_prefix;
    for (auto it = m_impl->db.allterms_begin(p); it != m_impl->db.allterms_end(p); ++it) terms.push_back(*it);
    for (const auto& t : terms) m_impl->writer().delete_document(t);
  } catch (const Xapian::Error& e) {
    return tl::unexpected(from_xapian(e, "remove " + id_prefix + "*"));
  }
  return {};
}

core::Status Index::commit(std::int64_t seq) {
  assert(m_impl->writable);
  try {
    // Metadata goes into the same commit as the documents: both or neither survive a crash.
    auto& w = m_impl->writer();
    w.set_metadata(k_last_seq_key, std::to_string(seq));
    // Only an index that was empty when opened takes this analyser's mark: one holding documents
    // from another analyser keeps its old mark (or none) until reindex rebuilds it afresh.
    if (m_impl->fresh) w.set_metadata(k_analyser_key, m_impl->definition->analyser_version);
    w.commit_transaction();
    m_impl->in_transaction = false;
    w.commit();
    m_impl->root->forget();
  } catch (const Xapian::Error& e) {
    return tl::unexpected(from_xapian(e, "commit"));
  }
  return {};
}

core::Status Index::clear() {
  assert(m_impl->writable);
  try {
    std::vector<Xapian::docid> ids;
    for (auto it = m_impl->db.postlist_begin(""); it != m_impl->db.postlist_end(""); ++it) ids.push_back(*it);
    for (auto id : ids) m_impl->writer().delete_document(id);
  } catch (const Xapian::Error& e) {
    return tl::unexpected(from_xapian(e, "clear"));
  }
  return {};
}

bool Index::analyser_current() const {
  try {
    if (m_impl->db.get_doccount() == 0) return true;
    return m_impl->db.get_metadata(k_analyser_key) == m_impl->definition->analyser_version;
  } catch (const Xapian::Error&) {
    return false;
  }
}

std::int64_t Index::last_seq() const {
  try {
    const auto v = m_impl->db.get_metadata(k_last_seq_key);
    return v.empty() ? 0 : std::stoll(v);
  } catch (const Xapian::Error&) {
    return 0;  // unreadable metadata: the service re-indexes from the start, which is safe
  } catch (const std::exception&) {
    return 0;
  }
}

std::int64_t Index::doc_count() const {
  try {
    return m_impl->db.get_doccount();
  } catch (const Xapian::Error&) {
    return 0;
  }
}

core::Status Index::note_unindexed(const std::string& id, const std::string& reason) {
  assert(m_impl->writable);
  try {
    // Keyed by a hash: metadata keys are bounded like terms.
    m_impl->writer().set_metadata(k_unindexed_key + core::sha256_hex(id).substr(0, 32), id + '\n' + reason);
  } catch (const Xapian::Error& e) {
    return tl::unexpected(from_xapian(e, "note " + id));
  }
  return {};
}

core::Result<std::map<std::string, std::string>> Index::unindexed() const {
  std::map<std::string, std::string> out;
  try {
    for (auto it = m_impl->db.metadata_keys_begin(k_unindexed_key); it != m_impl->db.metadata_keys_end(k_unindexed_key);
         ++it) {
      const auto v = m_impl->db.get_metadata(*it);
      const auto nl = v.find('\n');
      if (nl != std::string::npos) out[v.substr(0, nl)] = v.substr(nl + 1);
    }
  } catch (const Xapian::Error& e) {
    return tl::unexpected(from_xapian(e, "unindexed"));
  }
  return out;
}

std::string index_key(const std::string& doc_id) { return term(prefix::id, doc_id).substr(1); }

core::Result<std::vector<std::string>> Index::ids() const {
  std::vector<std::string> out;
  try {
    const std::string p = prefix::id;
    for (auto it = m_impl->db.allterms_begin(p); it != m_impl->db.allterms_end(p); ++it)
      out.push_back((*it).substr(p.size()));
  } catch (const Xapian::Error& e) {
    return tl::unexpected(from_xapian(e, "ids"));
  }
  return out;  // the term list is sorted
}

void Index::refresh() {
  try {
    m_impl->db.reopen();
    m_impl->root->forget();
  } catch (const Xapian::Error&) {
    // Keep the revision we have; the next search reports a real failure if there is one.
  }
}

Xapian::Query Index::Impl::visible_filter(const Query& q) const {
  if (!q.visible_cases) return match_all();
  std::vector<Xapian::Query> allowed{Xapian::Query(prefix::public_doc)};
  for (const auto& c : *q.visible_cases) allowed.emplace_back(term(prefix::case_id, c));
  return Xapian::Query(Xapian::Query::OP_OR, allowed.begin(), allowed.end());
}

Xapian::Query Index::Impl::parse(const std::string& text, std::string& explanation) const {
  Xapian::QueryParser qp;
  qp.set_database(db);
  qp.set_stemmer(stem);
  qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  qp.set_stopper(&stopper);
  qp.set_default_op(Xapian::Query::OP_OR);
  const std::pair<const char*, const char*> boolean_fields[] = {
      {"jenis", prefix::kind}, {"perkara", prefix::case_id}, {"orang", prefix::person},
      {"negara", prefix::country}, {"uu", prefix::law}, {"hasil", prefix::outcome}};
  const char* const english[] = {"kind", "case", "person", "country", "law", "outcome"};
  for (std::size_t i = 0; i < std::size(boolean_fields); ++i) {
    // Released before handing over (see below): the parser's references own it.
    auto* field = (new BooleanFieldProcessor(boolean_fields[i].second))->release();
    qp.add_boolean_prefix(boolean_fields[i].first, field, boolean_fields[i].first);
    qp.add_boolean_prefix(english[i], field, boolean_fields[i].first);
  }
  // Released before it is handed over, so the parser's references own it (released after,
  // it was never freed: a leak per search).
  auto* pasal = (new PasalFieldProcessor)->release();
  for (const char* f : {"pasal", "article"}) qp.add_boolean_prefix(f, pasal, "pasal");
  for (const char* f : {"judul", "title"}) qp.add_prefix(f, prefix::title);
  qp.add_prefix(k_thesaurus_field, (new ThesaurusFieldProcessor(definition, stem))->release());
  for (const char* f : {"tanggal:", "date:"})
    qp.add_rangeprocessor((new IsoDateRangeProcessor(slot_date, f))->release());

  const std::string rewritten = rewrite_query(text, definition->thesaurus);
  const unsigned strict = Xapian::QueryParser::FLAG_BOOLEAN | Xapian::QueryParser::FLAG_PHRASE |
                          Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_BOOLEAN_ANY_CASE |
                          Xapian::QueryParser::FLAG_WILDCARD;
  Xapian::Query parsed;
  try {
    parsed = qp.parse_query(rewritten, strict);
  } catch (const Xapian::QueryParserError& first) {
    // "korban AND", "(anak": read the words as plain text rather than refuse the search.
    // A bad date range still fails here (the range processors run in every mode).
    parsed = qp.parse_query(rewritten, Xapian::QueryParser::FLAG_PHRASE);
    explanation = "plain parse after: " + first.get_msg() + "; ";
  }
  return parsed;
}

std::string Index::Impl::suggestion(const Query& q, const Xapian::Query& visible) const {
  std::string out = q.text;
  bool changed = false;
  auto words = plain_words(q.text);
  // Right to left, so earlier spans stay valid while later ones are replaced.
  for (auto it = words.rbegin(); it != words.rend(); ++it) {
    const auto& w = it->word;
    if (w.size() < 4 || definition->stopwords.count(w) || definition->roots.count(w)) continue;
    auto known = db.spellings_begin();
    known.skip_to(w);
    if (known != db.spellings_end() && *known == w) continue;
    // A word the caller can find is not misspelt, even if only case documents hold it (those
    // never feed spelling data). Words only in hidden documents are treated as unknown.
    Xapian::Enquire e(db);
    e.set_query(Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(w), visible));
    if (e.get_mset(0, 0, 1).get_matches_lower_bound() > 0) continue;
    const auto fix = db.get_spelling_suggestion(w, 2);
    if (fix.empty() || fix == w) continue;
    out.replace(it->begin, it->end - it->begin, fix);
    changed = true;
  }
  return changed ? out : std::string();
}

core::Result<Results> Index::search(const Query& query) const {
  // A reader overtaken by the writer's commits (Xapian keeps two revisions) cannot finish its
  // search: reopen at the latest revision and search again, a few times, before reporting it.
  for (int attempt = 0;; ++attempt) {
    try {
      return m_impl->search(query);
    } catch (const Xapian::DatabaseModifiedError& e) {
      if (attempt >= 4) return tl::unexpected(from_xapian(e, "search"));
      try {
        m_impl->db.reopen();
        m_impl->root->forget();
      } catch (const Xapian::Error& r) {
        return tl::unexpected(from_xapian(r, "search"));
      }
    }
  }
}

namespace {

// A hit's fields from its document's stored fields (resized to f_count).
Hit hit_of(const std::vector<std::string>& f, double weight, int rank) {
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
  h.weight = weight;
  h.rank = rank;
  return h;
}

// The second pass of a search: `ranked` (the first pass's best documents) re-ranked by adding
// each one's weight under the `proximity` queries, then cut to the page [offset, offset + limit).
std::vector<std::pair<Xapian::docid, double>> rerank_by_proximity(const Xapian::Database& db,
                                                                  const std::vector<Xapian::Query>& proximity,
                                                                  std::vector<std::pair<Xapian::docid, double>> ranked,
                                                                  Xapian::doccount offset, Xapian::doccount limit) {
  std::vector<Xapian::docid> ids;
  for (const auto& r : ranked) ids.push_back(r.first);
  DocidList only(ids);
  Xapian::Enquire second(db);
  second.set_weighting_scheme(Xapian::BM25Weight());
  second.set_query(Xapian::Query(Xapian::Query::OP_FILTER,
                                 Xapian::Query(Xapian::Query::OP_OR, proximity.begin(), proximity.end()),
                                 Xapian::Query(&only)));
  std::map<Xapian::docid, double> extra;
  auto boosted = second.get_mset(0, static_cast<Xapian::doccount>(ids.size()));
  for (auto it = boosted.begin(); it != boosted.end(); ++it) extra[*it] = it.get_weight();
  for (auto& r : ranked) r.second += extra.count(r.first) ? extra[r.first] : 0.0;
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  const auto from = std::min<std::size_t>(offset, ranked.size());
  const auto to = std::min<std::size_t>(offset + limit, ranked.size());
  return std::vector<std::pair<Xapian::docid, double>>(ranked.begin() + static_cast<std::ptrdiff_t>(from),
                                                       ranked.begin() + static_cast<std::ptrdiff_t>(to));
}

}  // namespace

core::Result<Results> Index::Impl::search(const Query& query) {
  Results results;
  try {
    const std::string text = core::squeeze_space(query.text);
    Xapian::Query q;
    if (!text.empty()) {
      try {
        q = parse(text, results.explanation);
      } catch (const Xapian::QueryParserError& e) {
        return fail(ErrorCode::invalid_input, "Kueri tidak valid / invalid query: " + e.get_msg(), {}, 0, "q");
      }
    }
    // A reference to a Pasal by number puts that provision first. AND_MAYBE keeps every
    // filter of the query (jenis:putusan stays putusan) while adding the boost's weight.
    std::vector<Xapian::Query> boosts;
    bool ayat_asked = false;
    for (const auto& ref : find_pasal_refs(text)) {
      ayat_asked |= ref.ayat > 0;
      boosts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(term(prefix::self, ref.pasal_id())), k_pasal_boost);
      if (ref.ayat > 0)
        boosts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(term(prefix::self, ref.provision_id())),
                            k_ayat_boost);
    }
    // Query words that stand next to each other in a document (one word of slack) are worth
    // more than the same words scattered, as roots and more so in the form typed:
    // "kerahasiaan identitas" prefers "kerahasiaan identitas" to "merahasiakan identitas".
    std::vector<std::string> typed, roots;
    for (const auto& w : plain_words(text)) {
      if (definition->stopwords.count(w.word)) continue;
      typed.push_back(w.word);
      roots.push_back(w.word[0] >= 'a' && w.word[0] <= 'z' ? "Z" + stem(w.word) : w.word);
    }
    // Proximity needs positions, which are costly to read for every match: it re-ranks only
    // the best k_rerank documents of a first pass (see below).
    std::vector<Xapian::Query> proximity;
    for (std::size_t i = 0; i + 1 < roots.size() && i < 8; ++i) {
      for (const auto* terms : {&roots, &typed}) {
        const Xapian::Query pair[] = {Xapian::Query((*terms)[i]), Xapian::Query((*terms)[i + 1])};
        proximity.emplace_back(Xapian::Query::OP_PHRASE, std::begin(pair), std::end(pair), 3);
      }
    }
    if (q.empty()) q = match_all();
    // An ayat's own document is only wanted when an ayat is asked for by number; otherwise its
    // Pasal's document (which holds every ayat) stands for it, and no collapsing is needed —
    // collapsing reads a value of every match, which costs more than the search itself.
    if (!ayat_asked) q = Xapian::Query(Xapian::Query::OP_AND_NOT, q, Xapian::Query(prefix::ayat_doc));
    if (!boosts.empty())
      q = Xapian::Query(Xapian::Query::OP_AND_MAYBE, q,
                        Xapian::Query(Xapian::Query::OP_OR, boosts.begin(), boosts.end()));

    // Filters inside the query, so totals, facets and suggestions only count what the caller
    // may see and what was in force.
    const Xapian::Query visible = visible_filter(query);
    if (query.visible_cases) q = Xapian::Query(Xapian::Query::OP_FILTER, q, visible);
    if (!query.as_of.empty()) {
      const Xapian::Query in_force(
          Xapian::Query::OP_AND, Xapian::Query(Xapian::Query::OP_VALUE_LE, slot_valid_from, query.as_of),
          Xapian::Query(Xapian::Query::OP_VALUE_GE, slot_valid_until, query.as_of + std::string(1, '\0')));
      const Xapian::Query not_provision(Xapian::Query::OP_AND_NOT, match_all(),
                                        Xapian::Query(std::string(prefix::kind) + "pasal"));
      q = Xapian::Query(Xapian::Query::OP_FILTER, q, Xapian::Query(Xapian::Query::OP_OR, not_provision, in_force));
    }
    results.explanation += q.get_description();

    Xapian::Enquire enquire(db);
    enquire.set_query(q);
    enquire.set_weighting_scheme(Xapian::BM25Weight());
    if (ayat_asked) enquire.set_collapse_key(slot_collapse);
    Xapian::ValueCountMatchSpy kind_spy(slot_kind), case_spy(slot_case), country_spy(slot_country);
    MultiValueCountSpy pasal_spy(slot_pasals), outcome_spy(slot_outcomes);
    if (query.facets) {
      enquire.add_matchspy(&outcome_spy);
      enquire.add_matchspy(&kind_spy);
      enquire.add_matchspy(&case_spy);
      enquire.add_matchspy(&country_spy);
      enquire.add_matchspy(&pasal_spy);
    }
    // Totals and facets are exact up to k_exact_matches matches (checkatleast); beyond that the
    // total is Xapian's estimate and facets count the best k_exact_matches. A ranked page alone
    // (no facets) lets the matcher skip documents that cannot reach the page.
    const Xapian::doccount all =
        query.facets ? std::min<Xapian::doccount>(db.get_doccount(), k_exact_matches) : 0;
    const auto offset = static_cast<Xapian::doccount>(std::max(0, query.offset));
    const auto limit = static_cast<Xapian::doccount>(std::max(0, query.limit));
    // First pass: the ranking without proximity. With proximity, its best k_rerank documents
    // (at least the page) are re-ranked by adding the proximity weight of each.
    const bool rerank = !proximity.empty() && offset < k_rerank;
    const Xapian::doccount first = rerank ? 0 : offset;
    const Xapian::doccount count = rerank ? std::max<Xapian::doccount>(k_rerank, offset + limit) : limit;
    auto mset = enquire.get_mset(first, count, all);
    enquire.clear_matchspies();
    results.total = mset.get_matches_estimated();
    std::vector<std::pair<Xapian::docid, double>> ranked;
    for (auto it = mset.begin(); it != mset.end(); ++it) ranked.emplace_back(*it, it.get_weight());
    if (rerank && !ranked.empty()) ranked = rerank_by_proximity(db, proximity, std::move(ranked), offset, limit);
    int rank = static_cast<int>(offset);
    for (const auto& [docid, weight] : ranked) {
      auto f = get_fields(db.get_document(docid).get_data());
      f.resize(f_count);
      Hit h = hit_of(f, weight, ++rank);
      if (query.snippets) {
        h.snippet = mset.snippet(f[f_body], k_snippet_bytes, stem,
                                 Xapian::MSet::SNIPPET_BACKGROUND_MODEL | Xapian::MSet::SNIPPET_EXHAUSTIVE,
                                 "<mark>", "</mark>", "…");
        if (h.snippet.empty()) h.snippet = core::escape_html(f[f_body].substr(0, k_snippet_bytes));
      }
      results.hits.push_back(std::move(h));
    }
    if (query.facets) {
      results.facets["jenis"] = facet_of(kind_spy);
      results.facets["perkara"] = facet_of(case_spy);
      results.facets["negara"] = facet_of(country_spy);
      results.facets["pasal"] = sorted_facet(pasal_spy.counts());
      if (!outcome_spy.counts().empty()) results.facets["hasil"] = sorted_facet(outcome_spy.counts());
    }
    if (!text.empty()) results.suggestion = suggestion(query, visible);
  } catch (const Xapian::QueryParserError& e) {
    return fail(ErrorCode::invalid_input, "Kueri tidak valid / invalid query: " + e.get_msg(), {}, 0, "q");
  } catch (const Xapian::DatabaseModifiedError&) {
    throw;  // Index::search reopens and tries again
  } catch (const Xapian::Error& e) {
    return tl::unexpected(from_xapian(e, "search"));
  }
  return results;
}

}  // namespace berkas::search
