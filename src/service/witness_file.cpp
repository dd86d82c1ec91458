#include "service/witness_file.h"

#include "core/file.h"
#include "service/internal/disclosure.h"
#include "service/internal/json_util.h"
#include "service/internal/paths.h"
#include "service/internal/store_access.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "bundle/bundle.h"
#include "service/access.h"
#include "service/redact.h"
#include "service/policy.h"
#include "store/store.h"

namespace berkas::service {

ChecklistStatus checklist_status(const bundle::CheckItem& entry) {
  return entry.status == bundle::CheckStatus::belum ? ChecklistStatus::missing : ChecklistStatus::met;
}

using core::ErrorCode;
using core::fail;

namespace {

namespace fs = std::filesystem;

// One text for "does not exist" and "you may not see it": the answer must not tell them apart.
core::Error person_not_found(const std::string& id) {
  return fail(ErrorCode::not_found, "orang '" + id + "' tidak ditemukan / person not found").value();
}

bool is_statement(core::EvidenceKind k) {
  return k == core::EvidenceKind::keterangan_saksi || k == core::EvidenceKind::keterangan_terdakwa;
}

bool by_date_then_id(const core::EvidenceItem& a, const core::EvidenceItem& b) {
  return std::tie(a.date, a.id) < std::tie(b.date, b.id);
}

// Every version of a statement, newest first, each read through Service::item (access, redaction).
core::Result<std::vector<bundle::StatementVersion>> statement_versions(Service& svc, const Viewer& v, const ItemView& latest) {
  std::vector<int> numbers;
  for (const auto& info : latest.versions) numbers.push_back(info.version);
  if (numbers.empty()) numbers.push_back(latest.item.version);
  std::sort(numbers.rbegin(), numbers.rend());
  std::vector<bundle::StatementVersion> out;
  for (std::size_t i = 0; i < numbers.size(); ++i) {
    auto view = svc.item(v, latest.item.id + "@" + std::to_string(numbers[i]));
    if (!view) return tl::unexpected(view.error());
    bundle::StatementVersion sv;
    sv.item = std::move(view->item);
    sv.current = i == 0;
    if (i > 0) {
      sv.superseded_by = out.back().item.version;
      sv.superseded_note = out.back().item.correction_note;
    }
    out.push_back(std::move(sv));
  }
  return out;
}

void redact(core::ProtectionMeasure& m, const Redactor& red) {
  for (auto* s : {&m.description, &m.authority, &m.reference}) *s = red.apply(*s);
}

void redact(core::RestitutionClaim& c, const Redactor& red) {
  for (auto* s : {&c.assessed_by, &c.claimant_note, &c.decision_reference}) *s = red.apply(*s);
  for (auto& e : c.entries) e.description = red.apply(e.description);
}

}  // namespace

core::Result<WitnessFileData> witness_file_data(Service& svc, [[maybe_unused]] const Options& options, const Viewer& v,
                                                const std::string& person_id, const std::string& case_id) {
  // Trainers reach case material only through released, anonymised training documents.
  if (!policy().may_see_case_files(v) || person_id.empty()) return tl::unexpected(person_not_found(person_id));
  auto st = internal::store_of(svc);
  if (!st) return tl::unexpected(st.error());
  auto person = (*st)->person(person_id);
  if (!person) {
    if (person.error().code == ErrorCode::not_found) return tl::unexpected(person_not_found(person_id));
    return tl::unexpected(person.error());
  }

  // The cases the file covers: the person's cases the viewer may see (or the one asked for).
  auto visible = svc.cases(v);
  if (!visible) return tl::unexpected(visible.error());
  WitnessFileData d;
  std::set<std::string> case_ids;
  for (const auto& c : *visible) {
    const bool theirs = std::find(person->case_ids.begin(), person->case_ids.end(), c.id) != person->case_ids.end();
    if (!theirs || (!case_id.empty() && c.id != case_id)) continue;
    case_ids.insert(c.id);
    d.cases.push_back(c);
  }
  if (d.cases.empty()) return tl::unexpected(person_not_found(person_id));

  // Protected persons the viewer may not see: hidden in every free text, and the output's guard.
  auto persons = (*st)->persons();
  if (!persons) return tl::unexpected(persons.error());
  std::vector<core::Person> hidden;
  for (const auto& p : *persons)
    if (p.is_protected && !may_see_identity(v, p)) {
      hidden.push_back(p);
      d.forbidden_strings.push_back(p.name);
    }
  const Redactor red(hidden);

  auto& wp = d.person;
  wp.id = person->id;
  wp.display_name = display_name(v, *person);
  wp.pseudonymised = !may_see_identity(v, *person);
  wp.is_protected = person->is_protected;
  wp.role = person->role;
  wp.gender = person->gender;
  wp.birth_date = person->birth_date;
  wp.language = red.apply(person->language);
  wp.needs_interpreter = person->needs_interpreter;
  wp.companion_id = person->companion_id;
  wp.fictional = person->fictional;
  if (!person->companion_id.empty()) {
    d.companion.id = person->companion_id;
    if (auto c = (*st)->person(person->companion_id)) {
      d.companion.found = true;
      d.companion.display_name = display_name(v, *c);
      d.companion.organisation = red.apply(c->organisation);
      d.companion.contact = red.apply(c->contact);
    }
  }

  // Items by or about the person, through Service::item: what the viewer may not see is skipped.
  auto ids = (*st)->items_about(person_id);
  if (!ids) return tl::unexpected(ids.error());
  std::vector<std::vector<bundle::StatementVersion>> groups;
  for (const auto& id : *ids) {
    auto view = svc.item(v, id);
    if (!view) {
      if (view.error().code == ErrorCode::not_found) continue;
      return tl::unexpected(view.error());
    }
    if (!case_ids.count(view->item.case_id)) continue;
    if (is_statement(view->item.kind) && view->item.person_id == person_id) {
      auto versions = statement_versions(svc, v, *view);
      if (!versions) return tl::unexpected(versions.error());
      groups.push_back(std::move(*versions));
    } else if (view->item.kind == core::EvidenceKind::keterangan_ahli) {
      d.expert.push_back(std::move(view->item));
    } else if (view->item.kind == core::EvidenceKind::surat || view->item.kind == core::EvidenceKind::elektronik) {
      d.documents.push_back(std::move(view->item));
    }
  }
  // The statement examined most recently first; within one, its versions newest first.
  std::stable_sort(groups.begin(), groups.end(), [](const auto& a, const auto& b) {
    return std::tie(b.front().item.date, a.front().item.id) < std::tie(a.front().item.date, b.front().item.id);
  });
  for (auto& g : groups)
    for (auto& sv : g) d.statements.push_back(std::move(sv));
  std::sort(d.expert.begin(), d.expert.end(), by_date_then_id);
  std::sort(d.documents.begin(), d.documents.end(), by_date_then_id);

  auto measures = (*st)->protections(person_id);
  if (!measures) return tl::unexpected(measures.error());
  for (auto& m : *measures) {
    if (!case_ids.count(m.case_id)) continue;
    bundle::MeasureView mv;
    auto history = (*st)->protection_versions(m.id);
    if (!history) return tl::unexpected(history.error());
    mv.history = std::move(*history);
    for (auto& h : mv.history) redact(h, red);
    redact(m, red);
    mv.measure = std::move(m);
    d.protections.push_back(std::move(mv));
  }
  auto claims = (*st)->restitution_claims(person_id);
  if (!claims) return tl::unexpected(claims.error());
  std::set<std::string> evidence;
  for (auto& c : *claims) {
    if (!case_ids.count(c.case_id)) continue;
    bundle::ClaimView cv;
    auto history = (*st)->restitution_versions(c.id);
    if (!history) return tl::unexpected(history.error());
    cv.history = std::move(*history);
    for (auto& h : cv.history) redact(h, red);
    for (const auto& e : c.entries) evidence.insert(e.evidence_ids.begin(), e.evidence_ids.end());
    redact(c, red);
    cv.claim = std::move(c);
    d.claims.push_back(std::move(cv));
  }
  for (const auto& id : evidence)
    if (svc.item(v, id)) d.visible_evidence_ids.insert(id);

  d.date = bundle::witness_file_date(d);
  d.checklist = bundle::witness_checklist(d);
  return d;
}

core::Result<WitnessFileMade> make_witness_file(Service& svc, const Options& options, const Viewer& v,
                                                const WitnessFileRequest& r) {
  if (r.person_id.empty())
    return fail(ErrorCode::invalid_input, "berkas saksi: --person ID diperlukan / a person id is required", {}, 0, "person");
  auto data = witness_file_data(svc, options, internal::reader_for(v, r.disclosure), r.person_id, r.case_id);
  if (!data) return tl::unexpected(data.error());
  if (r.disclosure == core::Disclosure::identities)
    for (const auto& c : data->cases)
      if (!may_disclose_identities(v, c.id)) return tl::unexpected(internal::identities_refused());
  const std::string tpl = internal::template_path(options, r.template_name.empty() ? "witness-file" : r.template_name);
  if (!fs::exists(tpl))
    return fail(ErrorCode::not_found, "templat tidak ditemukan / template not found: " + r.template_name, tpl);
  bundle::WitnessFileOptions wo;
  wo.template_path = tpl;
  wo.schema_path = internal::schema_path(options, "witness-file-template.xsd");
  wo.creator = v.user;
  wo.disclosure = r.disclosure;
  auto built = bundle::build_witness_file(*data, wo);
  if (!built) return tl::unexpected(built.error());

  WitnessFileMade out;
  // The labels say what was applied, not what the maker could have seen.
  out.disclosure = r.disclosure;
  out.redacted = r.disclosure == core::Disclosure::pseudonyms;
  out.path = r.out_path.empty() ? "berkas-saksi-" + data->person.id + (out.redacted ? "" : "-terbuka") + ".pdf"
                                 : r.out_path;
  out.sha256 = built->sha256;
  out.page_count = built->page_count;
  for (const auto& c : data->checklist) {
    ++out.checks;
    if (c.status == bundle::CheckStatus::belum) ++out.open_checks;
  }
  if (auto w = core::write_file_atomically(out.path, built->pdf); !w) return tl::unexpected(w.error());
  const std::string detail = "sha256 " + out.sha256 + ", " + std::to_string(out.page_count) + " halaman / pages, " +
                             internal::disclosure_detail(r.disclosure);
  if (auto a = svc.record(v, "witness-file", data->person.id, detail); !a) {
    // Not handed out unaudited.
    std::error_code ec;
    fs::remove(out.path, ec);
    return tl::unexpected(a.error());
  }
  return out;
}

namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;
using internal::json_object;
using internal::json_strings;

Object::Ptr item_json(const core::EvidenceItem& it) {
  auto o = json_object();
  o->set("id", it.id);
  o->set("version", it.version);
  o->set("kind", core::code_of(it.kind));
  o->set("case", it.case_id);
  o->set("title", it.title);
  o->set("date", it.date);
  o->set("summary", it.summary);
  o->set("correction_note", it.correction_note);
  o->set("sha256", it.source_sha256);
  o->set("fictional", it.fictional);
  return o;
}

Object::Ptr measure_json(const core::ProtectionMeasure& m) {
  auto o = json_object();
  o->set("id", m.id);
  o->set("version", m.version);
  o->set("case", m.case_id);
  o->set("kind", core::code_of(m.kind));
  o->set("label", core::label_of(m.kind));
  o->set("label_en", core::label_en_of(m.kind));
  o->set("legal_basis", core::legal_basis_of(m.kind));
  o->set("legal_basis_label", core::legal_basis_label_of(m.kind));
  o->set("status", core::code_of(m.status));
  o->set("requested", m.requested);
  o->set("decided", m.decided);
  o->set("until", m.until);
  o->set("authority", m.authority);
  o->set("reference", m.reference);
  o->set("description", m.description);
  o->set("fictional", m.fictional);
  return o;
}

Object::Ptr claim_json(const core::RestitutionClaim& c) {
  auto o = json_object();
  o->set("id", c.id);
  o->set("version", c.version);
  o->set("case", c.case_id);
  o->set("status", core::code_of(c.status));
  o->set("date", c.date);
  o->set("assessed_by", c.assessed_by);
  o->set("claimant_note", c.claimant_note);
  Array::Ptr entries = new Array;
  for (const auto& e : c.entries) {
    auto x = json_object();
    x->set("head", core::code_of(e.head));
    x->set("huruf", core::huruf_of(e.head));
    x->set("description", e.description);
    x->set("amount_rupiah", static_cast<Poco::Int64>(e.amount_rupiah));
    x->set("amount", core::format_rupiah(e.amount_rupiah));
    x->set("evidence", json_strings(e.evidence_ids));
    entries->add(x);
  }
  o->set("entries", entries);
  Array::Ptr heads = new Array;
  for (auto h : {core::RestitutionHead::kekayaan_penghasilan, core::RestitutionHead::penderitaan,
                 core::RestitutionHead::medis_psikologis, core::RestitutionHead::lainnya}) {
    auto x = json_object();
    x->set("head", core::code_of(h));
    x->set("huruf", core::huruf_of(h));
    x->set("label", core::label_of(h));
    x->set("total_rupiah", static_cast<Poco::Int64>(c.total_of(h)));
    x->set("total", core::format_rupiah(c.total_of(h)));
    heads->add(x);
  }
  o->set("heads", heads);
  o->set("total_rupiah", static_cast<Poco::Int64>(c.total()));
  o->set("total", core::format_rupiah(c.total()));
  if (c.granted_rupiah) {
    o->set("granted_rupiah", static_cast<Poco::Int64>(*c.granted_rupiah));
    o->set("granted", core::format_rupiah(*c.granted_rupiah));
  }
  o->set("decision_reference", c.decision_reference);
  o->set("fictional", c.fictional);
  return o;
}

}  // namespace

std::string witness_file_json(const WitnessFileData& d) {
  auto o = json_object();
  const auto& p = d.person;
  auto person = json_object();
  person->set("id", p.id);
  person->set("display_name", p.display_name);
  person->set("pseudonymised", p.pseudonymised);
  person->set("protected", p.is_protected);
  person->set("role", core::to_string(p.role));
  person->set("gender", p.gender);
  if (auto age = bundle::age_on(p.birth_date, d.date)) person->set("age", *age);
  person->set("language", p.language);
  person->set("needs_interpreter", p.needs_interpreter);
  person->set("fictional", p.fictional);
  o->set("person", person);
  if (!d.companion.id.empty()) {
    auto c = json_object();
    c->set("id", d.companion.id);
    c->set("found", d.companion.found);
    c->set("display_name", d.companion.display_name);
    c->set("organisation", d.companion.organisation);
    c->set("contact", d.companion.contact);
    o->set("companion", c);
  }
  o->set("date", d.date);
  Array::Ptr cases = new Array;
  for (const auto& c : d.cases) {
    auto x = json_object();
    x->set("id", c.id);
    x->set("register_number", c.register_number);
    x->set("title", c.title);
    x->set("fictional", c.fictional);
    cases->add(x);
  }
  o->set("cases", cases);
  Array::Ptr statements = new Array;
  for (const auto& s : d.statements) {
    auto x = item_json(s.item);
    x->set("current", s.current);
    if (!s.current) {
      x->set("superseded_by", s.superseded_by);
      x->set("superseded_note", s.superseded_note);
    }
    x->set("questions", static_cast<int>(s.item.qa.size()));
    statements->add(x);
  }
  o->set("statements", statements);
  Array::Ptr expert = new Array, documents = new Array;
  for (const auto& it : d.expert) expert->add(item_json(it));
  for (const auto& it : d.documents) documents->add(item_json(it));
  o->set("expert", expert);
  o->set("documents", documents);
  Array::Ptr protections = new Array;
  for (const auto& mv : d.protections) {
    auto x = measure_json(mv.measure);
    Array::Ptr h = new Array;
    for (const auto& m : mv.history) h->add(measure_json(m));
    x->set("history", h);
    protections->add(x);
  }
  o->set("protections", protections);
  Array::Ptr claims = new Array;
  for (const auto& cv : d.claims) {
    auto x = claim_json(cv.claim);
    Array::Ptr h = new Array;
    for (const auto& c : cv.history) h->add(claim_json(c));
    x->set("history", h);
    claims->add(x);
  }
  o->set("restitution", claims);
  Array::Ptr checklist = new Array;
  for (const auto& c : d.checklist) {
    auto x = json_object();
    x->set("id", c.id);
    x->set("status", bundle::code_of(c.status));
    x->set("text", c.text);
    x->set("detail", c.detail);
    x->set("legal_basis", c.legal_basis);
    checklist->add(x);
  }
  o->set("checklist", checklist);
  return internal::json_text(o);
}

std::string witness_file_made_json(const WitnessFileMade& m) {
  auto o = json_object();
  o->set("path", m.path);
  o->set("pages", m.page_count);
  o->set("sha256", m.sha256);
  o->set("redacted", m.redacted);
  o->set("disclosure", core::code_of(m.disclosure));
  o->set("checks", m.checks);
  o->set("open_checks", m.open_checks);
  return internal::json_text(o);
}

}  // namespace berkas::service
