#include "service/json.h"

#include "service/internal/json_util.h"
#include "service/search_view.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Stringifier.h>

#include <sstream>

namespace berkas::service::json {

using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

Object::Ptr obj() { return internal::json_object(); }

template <class T>
std::string str(const T& ptr) {
  return internal::json_text(ptr);
}

Array::Ptr strings(const std::vector<std::string>& v) { return internal::json_strings(v); }

Object::Ptr citation(const CitationView& c) {
  auto o = obj();
  o->set("provision", c.provision_id);
  o->set("label", c.label);
  if (!c.raw.empty()) o->set("raw", c.raw);
  o->set("shipped", c.shipped);
  o->set("as_of", c.as_of);
  o->set("status", core::to_string(c.status));
  if (!c.successor_id.empty()) {
    o->set("successor", c.successor_id);
    o->set("successor_label", c.successor_label);
  }
  if (!c.note.empty()) o->set("note", c.note);
  return o;
}

Array::Ptr citations(const std::vector<CitationView>& cs) {
  Array::Ptr a = new Array;
  for (const auto& c : cs) a->add(citation(c));
  return a;
}

Object::Ptr provision_obj(const core::Provision& p) {
  auto o = obj();
  o->set("id", p.id);
  o->set("label", p.label);
  o->set("level", p.level == core::Provision::Level::pasal ? "pasal" : "ayat");
  o->set("bab", p.bab);
  o->set("bab_heading", p.bab_heading);
  o->set("pasal", p.pasal);
  if (p.ayat) o->set("ayat", p.ayat);
  o->set("text", p.text);
  if (!p.penjelasan.empty()) o->set("penjelasan", p.penjelasan);
  if (!p.in_force_from.empty()) o->set("in_force_from", p.in_force_from);
  if (!p.in_force_until.empty()) o->set("in_force_until", p.in_force_until);
  if (!p.successor_id.empty()) o->set("successor", p.successor_id);
  if (!p.status_note.empty()) o->set("status_note", p.status_note);
  return o;
}

Object::Ptr person(const PersonView& p) {
  auto o = obj();
  o->set("id", p.id);
  o->set("name", p.display_name);
  o->set("role", p.role);
  o->set("protected", p.is_protected);
  o->set("pseudonymised", p.pseudonymised);
  return o;
}

Object::Ptr case_obj(const core::Case& c) {
  auto o = obj();
  o->set("id", c.id);
  o->set("register_number", c.register_number);
  o->set("title", c.title);
  o->set("court", c.court);
  o->set("stage", core::to_string(c.stage));
  o->set("charged", strings(c.charged_provisions));
  o->set("destination_country", c.destination_country);
  o->set("recruitment_channel", c.recruitment_channel);
  o->set("offence_date", c.offence_date);
  o->set("summary", c.summary);
  o->set("fictional", c.fictional);
  o->set("sha256", c.source_sha256);
  return o;
}

}  // namespace

namespace {

Object::Ptr report_object(const IngestReport& r) {
  auto o = obj();
  Array::Ptr files = new Array;
  for (const auto& f : r.files) {
    auto fo = obj();
    fo->set("path", f.path);
    fo->set("status", to_string(f.status));
    if (!f.kind.empty()) fo->set("kind", f.kind);
    if (!f.object_id.empty()) fo->set("id", f.object_id);
    if (f.version) fo->set("version", f.version);
    if (!f.sha256.empty()) fo->set("sha256", f.sha256);
    if (!f.error.empty()) fo->set("error", f.error);
    files->add(fo);
  }
  o->set("files", files);
  o->set("failed", static_cast<Poco::UInt64>(r.failed()));
  return o;
}

}  // namespace

std::string of(const IngestReport& r) { return str(report_object(r)); }

std::string of(const UploadProgress& p) {
  auto o = obj();
  o->set("state", std::string(to_string(p.state)));
  o->set("files", static_cast<Poco::UInt64>(p.files));
  o->set("file", static_cast<Poco::UInt64>(p.file));
  o->set("pages_done", p.pages_done);
  o->set("pages_total", p.pages_total);
  if (p.state == UploadProgress::State::running) {
    const auto e = estimate_of(p);
    o->set("files_per_minute", e.per_minute);
    if (e.seconds_left) o->set("seconds_left", *e.seconds_left);
  }
  if (p.report) o->set("report", report_object(*p.report));
  if (!p.error.empty()) o->set("error", p.error);
  return str(o);
}

std::string of(const SearchPage& p) { return of(search_result_of(p)); }

std::string of(const SearchResult& r) {
  auto o = obj();
  o->set("total", static_cast<Poco::Int64>(r.total));
  if (!r.as_of.empty()) o->set("as_of", r.as_of);
  if (!r.suggestion.empty()) o->set("suggestion", r.suggestion);
  Array::Ptr hits = new Array;
  for (const auto& h : r.hits) {
    auto ho = obj();
    ho->set("rank", h.rank);
    ho->set("id", h.object_id);
    ho->set("kind", h.kind);
    ho->set("title", h.title);
    if (!h.label.empty()) ho->set("label", h.label);
    if (h.unit) ho->set("unit", h.unit);
    if (!h.case_id.empty()) ho->set("case", h.case_id);
    if (!h.date.empty()) ho->set("date", h.date);
    if (!h.valid_until.empty()) ho->set("in_force_until", h.valid_until);
    ho->set("snippet", h.snippet);
    ho->set("weight", h.weight);
    hits->add(ho);
  }
  o->set("hits", hits);
  auto facets = obj();
  for (const auto& [name, values] : r.facets) {
    Array::Ptr a = new Array;
    for (const auto& fv : values) {
      auto f = obj();
      f->set("value", fv.value);
      f->set("count", static_cast<Poco::Int64>(fv.count));
      a->add(f);
    }
    facets->set(name, a);
  }
  o->set("facets", facets);
  return str(o);
}

std::string of(const ItemView& v) {
  const auto& it = v.item;
  auto o = obj();
  o->set("id", it.id);
  o->set("version", it.version);
  o->set("kind", core::code_of(it.kind));
  o->set("kind_label", core::label_of(it.kind));
  o->set("case", it.case_id);
  o->set("case_title", v.case_title);
  o->set("title", it.title);
  o->set("date", it.date);
  o->set("place", it.place);
  o->set("examiner", it.examiner);
  if (v.person) o->set("person", person(*v.person));
  o->set("summary", it.summary);
  o->set("sha256", it.source_sha256);
  o->set("fictional", it.fictional);
  o->set("redacted", v.redacted);
  if (!it.correction_note.empty()) o->set("correction_note", it.correction_note);
  Array::Ptr qa = new Array;
  for (const auto& p : it.qa) {
    auto q = obj();
    q->set("number", p.number);
    q->set("question", p.question);
    q->set("answer", p.answer);
    qa->add(q);
  }
  if (qa->size()) o->set("qa", qa);
  Array::Ptr sections = new Array;
  for (const auto& s : it.sections) {
    auto so = obj();
    so->set("heading", s.heading);
    so->set("text", s.text);
    sections->add(so);
  }
  if (sections->size()) o->set("sections", sections);
  Array::Ptr atts = new Array;
  for (const auto& a : it.attachments) {
    auto ao = obj();
    ao->set("name", a.name);
    ao->set("sha256", a.sha256);
    ao->set("media_type", a.media_type);
    ao->set("size", static_cast<Poco::Int64>(a.size));
    ao->set("description", a.description);
    atts->add(ao);
  }
  if (atts->size()) o->set("attachments", atts);
  if (v.original_offered) o->set("original_offered", true);
  if (!it.original.empty()) {
    auto orig = obj();
    orig->set("file_name", it.original.file_name);
    orig->set("media_type", it.original.media_type);
    orig->set("format", it.original.format);
    auto meta = obj();
    for (const auto& [k, val] : it.original.metadata) meta->set(k, val);
    orig->set("metadata", meta);
    o->set("original", orig);
    // Derived text, unit by unit, with how it was obtained (never the evidence itself).
    Array::Ptr units = new Array;
    for (const auto& u : it.units) {
      auto uo = obj();
      uo->set("number", u.number);
      uo->set("name", core::unit_name(it.original, u));
      uo->set("method", u.method);
      if (u.confidence >= 0) uo->set("confidence", u.confidence);
      if (!u.time.empty()) uo->set("time", u.time);
      if (!u.sender.empty()) uo->set("sender", u.sender);
      if (u.system) uo->set("system", true);
      if (!u.media.empty()) uo->set("media", u.media);
      uo->set("text", u.text);
      units->add(uo);
    }
    o->set("units", units);
  }
  Array::Ptr versions = new Array;
  for (const auto& ver : v.versions) {
    auto vo = obj();
    vo->set("version", ver.version);
    vo->set("sha256", ver.source_sha256);
    vo->set("ingested_at", ver.ingested_at);
    vo->set("superseded", ver.superseded);
    if (!ver.correction_note.empty()) vo->set("correction_note", ver.correction_note);
    versions->add(vo);
  }
  o->set("versions", versions);
  o->set("citations", citations(v.citations));
  return str(o);
}

Object::Ptr term_obj(const core::Term& t) {
  auto o = obj();
  o->set("years", t.years);
  o->set("months", t.months);
  o->set("days", t.days);
  return o;
}

Object::Ptr penalty_obj(const core::Penalty& p) {
  auto o = obj();
  o->set("prison", term_obj(p.prison));
  o->set("fine_rupiah", static_cast<Poco::Int64>(p.fine_rupiah));
  o->set("fine_substitute", term_obj(p.fine_substitute));
  o->set("restitution_rupiah", static_cast<Poco::Int64>(p.restitution_rupiah));
  Array::Ptr victims = new Array;
  for (auto v : p.restitution_per_victim) victims->add(static_cast<Poco::Int64>(v));
  o->set("restitution_per_victim", victims);
  o->set("restitution_joint", p.restitution_joint);
  o->set("restitution_substitute", term_obj(p.restitution_substitute));
  return o;
}

Array::Ptr outcomes_array(const std::vector<core::DefendantOutcome>& outcomes) {
  Array::Ptr a = new Array;
  for (const auto& d : outcomes) {
    auto o = obj();
    o->set("defendant", d.defendant);
    o->set("outcome", core::code_of(d.outcome));
    o->set("count", d.count);
    o->set("counts_not_proven", d.counts_not_proven);
    o->set("sentence", penalty_obj(d.sentence));
    if (d.demand) o->set("demand", penalty_obj(*d.demand));
    else o->set("demand", Poco::Dynamic::Var());
    a->add(o);
  }
  return a;
}

std::string of(const PrecedentView& v) {
  const auto& p = v.precedent;
  auto o = obj();
  o->set("id", p.id);
  o->set("number", p.number);
  o->set("court", p.court);
  o->set("date", p.date);
  o->set("deliberated", p.deliberated);
  o->set("pronounced", p.pronounced);
  o->set("ruling_kind", p.ruling_kind);
  o->set("defendant", p.defendant);
  o->set("outcomes", outcomes_array(p.outcomes));
  o->set("verdict", p.verdict);
  o->set("prison_months", p.prison_months);
  o->set("fine_rupiah", static_cast<Poco::Int64>(p.fine_rupiah));
  o->set("restitution_rupiah", static_cast<Poco::Int64>(p.restitution_rupiah));
  o->set("sentence", p.sentence_text);
  o->set("charged", citations(v.charged));
  o->set("applied", citations(v.applied));
  o->set("fictional", p.fictional);
  o->set("sha256", p.source_sha256);
  o->set("text", p.text);
  return str(o);
}

std::string of(const std::vector<core::Case>& cases) {
  Array::Ptr a = new Array;
  for (const auto& c : cases) a->add(case_obj(c));
  return str(a);
}

std::string of(const CaseView& v) {
  auto o = case_obj(v.case_file);
  o->set("charged_read", citations(v.charged));
  Array::Ptr persons = new Array;
  for (const auto& p : v.persons) persons->add(person(p));
  o->set("persons", persons);
  Array::Ptr items = new Array;
  for (const auto& it : v.items) {
    auto io = obj();
    io->set("id", it.id);
    io->set("version", it.version);
    io->set("kind", core::code_of(it.kind));
    io->set("title", it.title);
    io->set("date", it.date);
    io->set("sha256", it.source_sha256);
    items->add(io);
  }
  o->set("items", items);
  return str(o);
}

std::string of(const LawOutline& l) {
  auto o = obj();
  o->set("id", l.law.id);
  o->set("title", l.law.title);
  o->set("short_name", l.law.short_name);
  o->set("in_force_from", l.law.in_force_from);
  o->set("as_of", l.as_of);
  Array::Ptr babs = new Array;
  for (const auto& b : l.bab) {
    auto bo = obj();
    bo->set("bab", b.bab);
    bo->set("heading", b.heading);
    Array::Ptr pasal = new Array;
    for (const auto& p : b.pasal) {
      auto po = obj();
      po->set("id", p.id);
      po->set("pasal", p.pasal);
      po->set("label", p.label);
      po->set("status", core::to_string(p.status));
      pasal->add(po);
    }
    bo->set("pasal", pasal);
    babs->add(bo);
  }
  o->set("bab", babs);
  return str(o);
}

std::string of(const ProvisionView& v) {
  auto o = provision_obj(v.provision);
  o->set("law", v.law_short_name);
  o->set("as_of", v.as_of);
  o->set("status", core::to_string(v.status));
  if (!v.successor_label.empty()) o->set("successor_label", v.successor_label);
  Array::Ptr ayat = new Array;
  for (const auto& a : v.ayat) ayat->add(provision_obj(a));
  o->set("ayat", ayat);
  o->set("cited_by_items", strings(v.citing_items));
  o->set("cited_by_precedents", strings(v.citing_precedents));
  return str(o);
}

std::string of(const VerifyReport& r) {
  auto o = obj();
  o->set("ok", r.ok());
  o->set("store_seq", static_cast<Poco::Int64>(r.store_seq));
  o->set("index_seq", static_cast<Poco::Int64>(r.index_seq));
  o->set("index_docs", static_cast<Poco::Int64>(r.index_docs));
  o->set("expected_docs", static_cast<Poco::Int64>(r.expected_docs));
  Array::Ptr problems = new Array;
  for (const auto& p : r.problems) {
    auto po = obj();
    po->set("object", p.object);
    po->set("problem", p.problem);
    problems->add(po);
  }
  o->set("problems", problems);
  return str(o);
}

std::string of(const std::vector<core::AuditEvent>& events) {
  Array::Ptr a = new Array;
  for (const auto& e : events) {
    auto o = obj();
    o->set("seq", static_cast<Poco::Int64>(e.seq));
    o->set("time", e.time);
    o->set("actor", e.actor);
    o->set("action", e.action);
    o->set("object", e.object);
    o->set("detail", e.detail);
    o->set("hash", e.hash);
    a->add(o);
  }
  return str(a);
}

std::string of_error(const core::Error& e) {
  auto o = obj();
  o->set("error", core::to_string(e.code));
  o->set("message", e.message);
  if (!e.file.empty()) o->set("file", e.file);
  if (e.line) o->set("line", e.line);
  if (!e.field.empty()) o->set("field", e.field);
  return str(o);
}

namespace {

Object::Ptr distribution_obj(const Distribution& d) {
  auto o = obj();
  o->set("n", static_cast<Poco::UInt64>(d.n));
  if (d.n > 0)
    for (const auto& [k, val] : {std::pair<const char*, double>{"min", d.min}, {"q1", d.q1}, {"median", d.median},
                                 {"q3", d.q3}, {"max", d.max}, {"mean", d.mean}})
      o->set(k, val);
  return o;
}

}  // namespace

std::string of(const SentencingReport& r) {
  auto o = obj();
  auto q = obj();
  q->set("provision", r.provision);
  q->set("from", r.query.from_year);
  q->set("to", r.query.to_year);
  q->set("court", r.query.court);
  q->set("country", r.query.country);
  q->set("outcome", r.query.outcome ? core::code_of(*r.query.outcome) : "");
  o->set("query", q);
  Array::Ptr also = new Array;
  for (const auto& a : r.also) also->add(a);
  o->set("also_counted", also);
  o->set("decisions", static_cast<Poco::UInt64>(r.decisions));
  o->set("defendants", static_cast<Poco::UInt64>(r.rows.size()));
  auto outcomes = obj();
  for (const auto& [k, n] : r.outcomes) outcomes->set(k, static_cast<Poco::UInt64>(n));
  o->set("outcomes", outcomes);
  o->set("prison_months", distribution_obj(r.prison_months));
  o->set("demand_prison_months", distribution_obj(r.demand_prison_months));
  o->set("fine_rupiah", distribution_obj(r.fine));
  o->set("demand_fine_rupiah", distribution_obj(r.demand_fine));
  o->set("restitution_rupiah", distribution_obj(r.restitution));
  if (r.sentence_to_demand) o->set("sentence_to_demand_median", *r.sentence_to_demand);
  else o->set("sentence_to_demand_median", Poco::Dynamic::Var());
  Array::Ptr rows = new Array;
  for (const auto& row : r.rows) {
    auto ro = obj();
    ro->set("precedent", row.precedent_id);
    ro->set("number", row.number);
    ro->set("court", row.court);
    ro->set("date", row.date);
    ro->set("defendant", row.defendant);
    ro->set("outcome", core::code_of(row.outcome));
    ro->set("count", row.count);
    ro->set("sentence", penalty_obj(row.sentence));
    if (row.demand) ro->set("demand", penalty_obj(*row.demand));
    else ro->set("demand", Poco::Dynamic::Var());
    ro->set("fictional", row.fictional);
    rows->add(ro);
  }
  o->set("rows", rows);
  return str(o);
}

std::string of(const std::vector<SimilarDecision>& decisions) {
  Array::Ptr a = new Array;
  for (const auto& d : decisions) {
    auto o = obj();
    o->set("precedent", d.precedent_id);
    o->set("number", d.number);
    o->set("court", d.court);
    o->set("date", d.date);
    Array::Ptr shared = new Array;
    for (const auto& p : d.shared_provisions) shared->add(p);
    o->set("shared_provisions", shared);
    Array::Ptr outs = new Array;
    for (auto x : d.outcomes) outs->add(std::string(core::code_of(x)));
    o->set("outcomes", outs);
    o->set("score", d.score);
    a->add(o);
  }
  return str(a);
}

namespace {

Object::Ptr passage_of(const Passage& p) {
  auto o = obj();
  o->set("item", p.item_id);
  o->set("version", p.version);
  o->set("title", p.item_title);
  o->set("case", p.case_id);
  o->set("where", p.where);
  if (p.qa) o->set("qa", p.qa);
  if (p.unit) o->set("unit", p.unit);
  return o;
}

Object::Ptr identifier_of(const IdentifierEntry& e) {
  auto o = obj();
  o->set("kind", std::string(extract::code_of(e.kind)));
  o->set("label", std::string(extract::label_of(e.kind)));
  o->set("value", e.value);
  o->set("qualifier", e.qualifier);
  o->set("key", e.key);
  Array::Ptr cases = new Array;
  for (const auto& c : e.cases) cases->add(c);
  o->set("cases", cases);
  Array::Ptr occ = new Array;
  for (const auto& x : e.occurrences) {
    auto q = passage_of(x.at);
    q->set("offset", static_cast<Poco::UInt64>(x.offset));
    q->set("written", x.written);
    q->set("excerpt", x.excerpt);
    occ->add(q);
  }
  o->set("occurrences", occ);
  return o;
}

const char* precision_code(extract::DatePrecision p) {
  switch (p) {
    case extract::DatePrecision::day: return "hari";
    case extract::DatePrecision::month: return "bulan";
    case extract::DatePrecision::year: return "tahun";
  }
  return "hari";
}

}  // namespace

std::string of(const std::vector<IdentifierEntry>& identifiers) {
  Array::Ptr a = new Array;
  for (const auto& e : identifiers) a->add(identifier_of(e));
  return str(a);
}

std::string of(const IdentifierEntry& identifier) { return str(identifier_of(identifier)); }

std::string of(const std::vector<TimelineEvent>& events) {
  Array::Ptr a = new Array;
  for (const auto& e : events) {
    auto o = obj();
    o->set("date", e.date);
    o->set("precision", std::string(precision_code(e.precision)));
    if (!e.time.empty()) o->set("time", e.time);
    o->set("source", std::string(code_of(e.source)));
    o->set("at", passage_of(e.at));
    o->set("excerpt", e.excerpt);
    a->add(o);
  }
  return str(a);
}

}  // namespace berkas::service::json
