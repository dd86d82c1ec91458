// Persons on the web: the person page (/persons/{id}?case=...) shows what the witness file shows
// (service::witness_file_data: identity per clearance, companion, statements, expert testimony,
// documents, protection, restitution, checklist), offers the witness file as a PDF, and carries
// the forms that add or update a protection measure and a restitution claim
// (service::enter_protection / enter_restitution: the ingest's rules, versions and audit).
//
// A person the viewer may not see — in no case of theirs, or any person for a trainer — answers
// exactly like a missing one, on every route.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>

#include "core/model.h"
#include "server/internal/app.h"
#include "server/internal/shared.h"
#include "service/witness_entry.h"
#include "service/witness_file.h"

namespace fs = std::filesystem;

namespace berkas::server::internal {

using core::ErrorCode;

namespace {

constexpr int k_min_lines = 5;   // empty restitution lines offered by the form
constexpr int k_max_lines = 40;  // lines accepted from one form

std::string person_missing_message(const std::string& id) {
  return "orang '" + id + "' tidak ditemukan / person not found";
}

constexpr core::ProtectionKind k_kinds[] = {
    core::ProtectionKind::lpsk,           core::ProtectionKind::audio_visual, core::ProtectionKind::pendampingan,
    core::ProtectionKind::tanpa_terdakwa, core::ProtectionKind::sidang_tertutup, core::ProtectionKind::polri,
    core::ProtectionKind::rumah_aman,     core::ProtectionKind::juru_bahasa,  core::ProtectionKind::lainnya};
constexpr core::MeasureStatus k_measure_statuses[] = {core::MeasureStatus::diajukan, core::MeasureStatus::dikabulkan,
                                                      core::MeasureStatus::ditolak, core::MeasureStatus::berakhir};
constexpr core::RestitutionHead k_heads[] = {core::RestitutionHead::kekayaan_penghasilan,
                                             core::RestitutionHead::penderitaan,
                                             core::RestitutionHead::medis_psikologis, core::RestitutionHead::lainnya};
constexpr core::ClaimStatus k_claim_statuses[] = {core::ClaimStatus::disusun,    core::ClaimStatus::diajukan,
                                                  core::ClaimStatus::dikabulkan, core::ClaimStatus::dikabulkan_sebagian,
                                                  core::ClaimStatus::ditolak,    core::ClaimStatus::dibayar};

// <option>s of a select: value, label, selected.
template <class E, std::size_t N, class Label>
List options_of(const E (&values)[N], const std::string& chosen, Label label) {
  List l;
  for (E v : values) {
    Data o;
    o.set("value", text(core::code_of(v)));
    o.set("label", text(label(v)));
    if (chosen == core::code_of(v)) o.set("selected", Data(true));
    l.push_back(o);
  }
  return l;
}

Data item_row(const core::EvidenceItem& it) {
  Data d;
  d.set("id", text(it.id));
  d.set("version", text(std::to_string(it.version)));
  d.set("url", text("/items/" + url_encode(it.id + "@" + std::to_string(it.version))));
  d.set("title", text(it.title));
  d.set("date", text(it.date));
  d.set("kind", text(core::label_of(it.kind)));
  return d;
}

// Form values from a JSON body: strings as they are, numbers as their text (an amount may come
// either way).
std::string json_text(const Poco::JSON::Object::Ptr& o, const std::string& name) {
  if (!o || !o->has(name)) return {};
  auto v = o->get(name);
  if (v.isString()) return v.extract<std::string>();
  if (v.isEmpty()) return {};
  if (v.isNumeric() || v.isBoolean()) return v.convert<std::string>();
  return {};
}

// The person page's restitution claims: per claim its heads (huruf) with their entries, each
// supporting item a link where the viewer may see it.
List claims_list(const service::WitnessFileData& w, const Templates& t, const std::string& lang) {
  const bool en = lang == "en";
  List claims;
  for (const auto& cv : w.claims) {
    const auto& k = cv.claim;
    Data cd;
    cd.set("id", text(k.id));
    cd.set("version", text(std::to_string(k.version)));
    cd.set("case_id", text(k.case_id));
    cd.set("status", text(t.message(lang, std::string("claim_") + core::code_of(k.status))));
    cd.set("date", text(k.date));
    cd.set("assessed_by", text(k.assessed_by));
    cd.set("claimant_note", text(k.claimant_note));
    cd.set("decision_reference", text(k.decision_reference));
    if (k.granted_rupiah) cd.set("granted", text(core::format_rupiah(*k.granted_rupiah)));
    cd.set("total", text(core::format_rupiah(k.total())));
    List heads;
    for (auto h : k_heads) {
      List entries;
      for (const auto& e : k.entries) {
        if (e.head != h) continue;
        Data ed;
        ed.set("description", text(e.description));
        ed.set("amount", text(core::format_rupiah(e.amount_rupiah)));
        List ev;
        for (const auto& eid : e.evidence_ids) {
          Data x;
          x.set("id", text(eid));
          if (w.visible_evidence_ids.count(eid)) x.set("url", text("/items/" + url_encode(eid)));
          ev.push_back(x);
        }
        ed.set("evidence", ev);
        entries.push_back(ed);
      }
      if (entries.empty()) continue;
      Data hd;
      hd.set("huruf", text(core::huruf_of(h)));
      hd.set("label", text(core::label_of(h)));
      hd.set("label_en", text(t.message("en", std::string("head_") + core::code_of(h))));
      if (en) hd.set("english", Data(true));
      hd.set("subtotal", text(core::format_rupiah(k.total_of(h))));
      hd.set("entries", entries);
      heads.push_back(hd);
    }
    cd.set("heads", heads);
    cd.set("history", text(std::to_string(cv.history.size())));
    claims.push_back(cd);
  }
  return claims;
}

// The person page's restitution form.
void restitution_form_data(const service::WitnessFileData& w, const std::string& form_case,
                           const service::RestitutionForm& typed, bool posted, const Templates& t,
                           const std::string& lang, Data& d) {
  const bool en = lang == "en";
  const auto& p = w.person;
  // The restitution form: what was typed (after a refusal), else — for a viewer from whom nothing
  // is hidden — the latest claim of the case to update, else empty lines.
  service::RestitutionForm rf = typed;
  if (!posted && w.forbidden_strings.empty() && !p.pseudonymised)
    for (const auto& cv : w.claims) {
      if (!form_case.empty() && cv.claim.case_id != form_case) continue;
      const auto& k = cv.claim;
      rf.id = k.id;
      rf.status = core::code_of(k.status);
      rf.date = k.date;
      rf.assessed_by = k.assessed_by;
      rf.claimant_note = k.claimant_note;
      rf.granted = k.granted_rupiah ? std::to_string(*k.granted_rupiah) : std::string();
      rf.decision_reference = k.decision_reference;
      for (const auto& e : k.entries) {
        std::string ids;
        for (const auto& x : e.evidence_ids) ids += (ids.empty() ? "" : " ") + x;
        rf.lines.push_back({core::code_of(e.head), e.description, std::to_string(e.amount_rupiah), ids});
      }
      break;
    }
  d.set("r_id", text(rf.id));
  d.set("r_date", text(rf.date));
  d.set("r_assessed_by", text(rf.assessed_by));
  d.set("r_claimant_note", text(rf.claimant_note));
  d.set("r_granted", text(rf.granted));
  d.set("r_decision_reference", text(rf.decision_reference));
  d.set("claim_statuses", options_of(k_claim_statuses, rf.status, [&](core::ClaimStatus s) {
          return t.message(lang, std::string("claim_") + core::code_of(s));
        }));
  // "Adding a line" needs no script: the form always offers two empty lines more than it holds
  // (at least five), and a refused or saved claim comes back with two more again.
  List lines;
  const int n_lines = std::min(k_max_lines, std::max<int>(k_min_lines, static_cast<int>(rf.lines.size()) + 2));
  for (int i = 0; i < n_lines; ++i) {
    service::RestitutionLineForm lf;
    if (i < static_cast<int>(rf.lines.size())) lf = rf.lines[static_cast<std::size_t>(i)];
    Data ld;
    ld.set("n", text(std::to_string(i + 1)));
    ld.set("description", text(lf.description));
    ld.set("amount", text(lf.amount));
    ld.set("evidence_ids", text(lf.evidence_ids));
    ld.set("heads", options_of(k_heads, lf.head, [&](core::RestitutionHead h) {
             return std::string(core::huruf_of(h)) + ". " +
                    (en ? t.message("en", std::string("head_") + core::code_of(h)) : core::label_of(h));
           }));
    lines.push_back(ld);
  }
  d.set("lines", lines);
}

}  // namespace

// What the person page's forms show again after a refused submission.
struct App::PersonForms {
  service::ProtectionForm protection;
  std::string protection_error;
  service::RestitutionForm restitution;
  std::string restitution_error;
  bool restitution_posted = false;
};

// /persons/{id}, /persons/{id}/witness-file.pdf, POST /persons/{id}/protections|restitution.
Response App::person_route(Ctx& c, const std::vector<std::string>& seg) {
  const bool post = c.req.method == "POST";
  const std::string& id = seg[1];
  if (!post && seg.size() == 2) return page_person(c, id, PersonForms{}, 200);
  if (seg.size() == 3 && seg[2] == "witness-file.pdf") {
    if (!post) return witness_file_pdf(c, id, false, c.req.param("case"), c.req.param("disclosure"));
    // The form asking for a copy (the only way to a copy showing identities from a page).
    auto form = parse_form(c.req.body);
    if (!csrf_ok(c, form["csrf"])) return error_page(c, 403, m_templates.message(c.lang, "csrf_failed"));
    return witness_file_pdf(c, id, false, form["case"], form["disclosure"], true);
  }
  if (post && seg.size() == 3 && (seg[2] == "protections" || seg[2] == "restitution")) return post_person(c, id, seg[2]);
  if (post) return error_page(c, 405, title_of(405));
  return error_page(c, 404, "halaman tidak ditemukan / page not found");
}

Response App::page_person(Ctx& c, const std::string& id, const PersonForms& forms, int status) {
  const auto& v = c.viewer();
  const std::string case_id = c.req.param("case");
  if (!c.may_see_case_files()) return error_page(c, 404, person_missing_message(id));
  auto data = with_reader(
      [&](service::Context& s) { return s.witness_files().data(v, id, case_id); });
  if (!data) {
    if (data.error().code == ErrorCode::not_found) return error_page(c, 404, person_missing_message(id));
    return error_page(c, data.error());
  }
  const auto& w = *data;
  const bool en = c.lang == "en";
  Data d;
  const auto& p = w.person;
  d.set("id", text(p.id));
  d.set("name", text(p.display_name));
  if (p.pseudonymised) d.set("pseudonymised", Data(true));
  if (p.is_protected) d.set("protected", Data(true));
  if (p.fictional) d.set("fictional", Data(true));
  d.set("role", text(core::to_string(p.role)));
  d.set("gender", text(p.gender));
  d.set("language", text(p.language));
  if (p.needs_interpreter) d.set("needs_interpreter", Data(true));
  if (!w.companion.id.empty()) {
    d.set("has_companion", Data(true));
    d.set("companion_id", text(w.companion.id));
    if (w.companion.found) {
      d.set("companion_found", Data(true));
      d.set("companion_name", text(w.companion.display_name));
      d.set("companion_organisation", text(w.companion.organisation));
      d.set("companion_contact", text(w.companion.contact));
    }
  }
  // The case the forms and the witness file are for: the one asked for, else the only one.
  std::string form_case = case_id;
  if (form_case.empty() && w.cases.size() == 1) form_case = w.cases.front().id;
  List cases;
  for (const auto& k : w.cases) {
    Data kd;
    kd.set("id", text(k.id));
    kd.set("url", text("/cases/" + url_encode(k.id)));
    kd.set("title", text(k.title));
    kd.set("register_number", text(k.register_number));
    if (k.id == (forms.protection.case_id.empty() ? form_case : forms.protection.case_id)) kd.set("selected", Data(true));
    cases.push_back(kd);
  }
  d.set("cases", cases);
  if (w.cases.size() > 1) d.set("choose_case", Data(true));
  d.set("form_case", text(form_case));
  const std::string query = case_id.empty() ? std::string() : "?case=" + url_encode(case_id);
  d.set("witness_file_url", text("/persons/" + url_encode(p.id) + "/witness-file.pdf" + query));
  d.set("witness_file_action", text("/persons/" + url_encode(p.id) + "/witness-file.pdf"));
  // The choice of a copy showing identities, only for whoever may make one for every case the
  // file would cover (the service decides; make_witness_file asks again).
  bool may_disclose = !w.cases.empty();
  for (const auto& k : w.cases)
    if (form_case.empty() || k.id == form_case)
      may_disclose = may_disclose && service::policy().may_disclose_identities(v, k.id);
  if (may_disclose) d.set("may_disclose", Data(true));
  d.set("action_protection", text("/persons/" + url_encode(p.id) + "/protections" + query));
  d.set("action_restitution", text("/persons/" + url_encode(p.id) + "/restitution" + query));

  List statements;
  for (const auto& s : w.statements) {
    Data sd = item_row(s.item);
    if (s.current) sd.set("current", Data(true));
    if (s.superseded_by) {
      sd.set("superseded_by", text(std::to_string(s.superseded_by)));
      sd.set("superseded_note", text(s.superseded_note));
    }
    statements.push_back(sd);
  }
  d.set("statements", statements);
  List expert, documents;
  for (const auto& it : w.expert) expert.push_back(item_row(it));
  for (const auto& it : w.documents) documents.push_back(item_row(it));
  d.set("expert", expert);
  d.set("documents", documents);
  if (w.statements.empty()) d.set("no_statements", Data(true));
  if (w.expert.empty() && w.documents.empty()) d.set("no_documents", Data(true));

  List measures;
  for (const auto& mv : w.protections) {
    const auto& m = mv.measure;
    Data md;
    md.set("id", text(m.id));
    md.set("version", text(std::to_string(m.version)));
    md.set("kind", text(en ? core::label_en_of(m.kind) : core::label_of(m.kind)));
    md.set("basis", text(core::legal_basis_label_of(m.kind)));
    md.set("status", text(m_templates.message(c.lang, std::string("measure_") + core::code_of(m.status))));
    md.set("status_code", text(core::code_of(m.status)));
    md.set("requested", text(m.requested));
    md.set("decided", text(m.decided));
    md.set("until", text(m.until));
    md.set("authority", text(m.authority));
    md.set("reference", text(m.reference));
    md.set("description", text(m.description));
    md.set("history", text(std::to_string(mv.history.size())));
    measures.push_back(md);
  }
  d.set("measures", measures);
  if (w.protections.empty()) d.set("no_measures", Data(true));

  d.set("claims", claims_list(w, m_templates, c.lang));
  if (w.claims.empty()) d.set("no_claims", Data(true));

  List checks;
  for (const auto& ch : w.checklist) {
    Data x;
    x.set("text", text(ch.text));
    x.set("detail", text(ch.detail));
    x.set("basis", text(ch.legal_basis));
    x.set(service::checklist_status(ch) == service::ChecklistStatus::missing ? "missing" : "met", Data(true));
    checks.push_back(x);
  }
  d.set("checklist", checks);

  // The forms: whoever may see the person, except trainers (who never get here).
  d.set("may_edit", Data(true));
  const auto& pf = forms.protection;
  d.set("p_id", text(pf.id));
  d.set("p_requested", text(pf.requested));
  d.set("p_decided", text(pf.decided));
  d.set("p_until", text(pf.until));
  d.set("p_authority", text(pf.authority));
  d.set("p_reference", text(pf.reference));
  d.set("p_description", text(pf.description));
  d.set("kinds", options_of(k_kinds, pf.kind, [&](core::ProtectionKind k) {
          return std::string(en ? core::label_en_of(k) : core::label_of(k)) + " — " + core::legal_basis_label_of(k);
        }));
  d.set("measure_statuses", options_of(k_measure_statuses, pf.status, [&](core::MeasureStatus s) {
          return m_templates.message(c.lang, std::string("measure_") + core::code_of(s));
        }));
  if (!forms.protection_error.empty()) d.set("protection_error", text(forms.protection_error));

  restitution_form_data(w, form_case, forms.restitution, forms.restitution_posted, m_templates, c.lang, d);
  if (!forms.restitution_error.empty()) d.set("restitution_error", text(forms.restitution_error));
  return render(c, status, "person", d);
}

// POST /persons/{id}/protections and /persons/{id}/restitution (forms, field csrf).
Response App::post_person(Ctx& c, const std::string& id, const std::string& what) {
  auto form = parse_form(c.req.body);
  if (!csrf_ok(c, form["csrf"])) return error_page(c, 403, m_templates.message(c.lang, "csrf_failed"));
  if (!c.may_see_case_files()) return error_page(c, 404, person_missing_message(id));
  const auto& v = c.viewer();
  std::string case_id = form["case"];
  if (case_id.empty()) case_id = c.req.param("case");
  PersonForms forms;
  core::Result<service::FileOutcome> outcome;
  if (what == "protections") {
    auto& f = forms.protection;
    f = {form["id"], id, case_id, form["kind"], form["status"], form["requested"], form["decided"], form["until"],
         form["authority"], form["reference"], form["description"]};
    outcome = with_writer([&](service::Context& s) { return s.witness_files().enter(v, f); });
    if (!outcome) forms.protection_error = outcome.error().message;
  } else {
    auto& f = forms.restitution;
    forms.restitution_posted = true;
    f.id = form["id"];
    f.person_id = id;
    f.case_id = case_id;
    f.status = form["status"];
    f.date = form["date"];
    f.assessed_by = form["assessed_by"];
    f.claimant_note = form["claimant_note"];
    f.granted = form["granted"];
    f.decision_reference = form["decision_reference"];
    for (int i = 1; i <= k_max_lines; ++i) {
      const std::string n = std::to_string(i);
      service::RestitutionLineForm l{form["head_" + n], form["description_" + n], form["amount_" + n],
                                     form["evidence_" + n]};
      // A line left empty is no line (the head select always has a value).
      if (l.description.empty() && l.amount.empty() && l.evidence_ids.empty()) continue;
      f.lines.push_back(std::move(l));
    }
    outcome = with_writer([&](service::Context& s) { return s.witness_files().enter(v, f); });
    if (!outcome) forms.restitution_error = outcome.error().message;
  }
  if (!outcome) {
    const auto code = outcome.error().code;
    if (code == ErrorCode::not_found || code == ErrorCode::forbidden)
      return error_page(c, 404, person_missing_message(id));
    if (code != ErrorCode::invalid_input) return error_page(c, outcome.error());
    // Shown beside the form, with what was typed; nothing was stored.
    return page_person(c, id, forms, 400);
  }
  if (outcome->status == service::FileOutcome::Status::failed) {
    (what == "protections" ? forms.protection_error : forms.restitution_error) = outcome->error;
    return page_person(c, id, forms, 400);
  }
  const std::string anchor = what == "protections" ? "#perlindungan" : "#restitusi";
  return redirect(c, "/persons/" + url_encode(id) + (case_id.empty() ? "" : "?case=" + url_encode(case_id)) + anchor);
}

// GET /persons/{id}/witness-file.pdf[?case=] (and the API's): the witness file with pseudonyms.
// POST (the person page's form with its CSRF token; the API's with X-CSRF-Token, body
// {"disclosure": ...}): the disclosure asked for — a copy showing identities is made only so, never
// by a link another site could make a browser follow. Built for the viewer, handed out as a
// download named by the person id ("-terbuka" for identities), never by a name.
// make_witness_file decides who may have identities and audits it ("witness-file", person id,
// SHA-256, disclosure).
Response App::witness_file_pdf(Ctx& c, const std::string& id, bool api, const std::string& case_id,
                               const std::string& asked, bool posted) {
  auto missing = [&] {
    const std::string msg = person_missing_message(id);
    return api ? problem(404, msg) : error_page(c, 404, msg);
  };
  std::optional<core::Disclosure> disclosure = core::Disclosure::pseudonyms;
  if (!asked.empty()) disclosure = core::parse_disclosure(asked);
  if (!disclosure) {
    const std::string msg = "disclosure: \"pseudonyms\" (bawaan / default) atau / or \"identities\"";
    return api ? problem(400, msg) : error_page(c, 400, msg);
  }
  if (*disclosure == core::Disclosure::identities && !posted) {
    const std::string msg =
        "salinan beridentitas hanya dibuat melalui formulir (POST) / a copy showing identities is made only "
        "through the form (POST)";
    Response r = api ? problem(405, msg) : error_page(c, 405, msg);
    r.set_header("Allow", "GET, POST");
    return r;
  }
  if (!c.may_see_case_files()) return missing();
  const auto& v = c.viewer();
  const fs::path work = fs::path(m_options.data_dir) / "witness-files" / ("tmp-" + random_token().substr(0, 24));
  std::error_code ec;
  fs::create_directories(work, ec);
  if (ec) {
    const std::string msg = "folder sementara tidak dapat dibuat / cannot create a temporary folder";
    return api ? problem(500, msg) : error_page(c, 500, msg);
  }
  struct Cleanup {
    fs::path p;
    ~Cleanup() {
      std::error_code e;
      fs::remove_all(p, e);
    }
  } cleanup{work};
  service::WitnessFileRequest r;
  r.person_id = id;
  r.case_id = case_id;
  r.out_path = (work / "berkas-saksi.pdf").string();
  r.disclosure = *disclosure;
  auto made = with_writer([&](service::Context& s) { return s.witness_files().make(v, r); });
  if (!made) {
    if (made.error().code == ErrorCode::not_found && made.error().message.find("templat") == std::string::npos)
      return missing();
    return api ? problem(made.error()) : error_page(c, made.error());
  }
  std::ifstream in(made->path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) {
    const std::string msg = "berkas saksi tidak dapat dibaca / cannot read the witness file";
    return api ? problem(500, msg) : error_page(c, 500, msg);
  }
  Response out;
  out.content_type = "application/pdf";
  out.body = std::move(bytes);
  const std::string name = "berkas-saksi-" + id + (made->redacted ? "" : "-terbuka") + ".pdf";
  out.set_header("Content-Disposition", "attachment; filename=\"" + download_name(name) + "\"");
  return out;
}

// /api/v1/persons/{id}[/protections|/restitution|/witness-file.pdf].
Response App::api_person(Ctx& c, const std::vector<std::string>& seg) {
  const std::string& m = c.req.method;
  const bool get = m == "GET" || m == "HEAD";
  const std::string& id = seg[1];
  auto missing = [&] { return problem(404, person_missing_message(id)); };
  if (seg.size() == 3 && seg[2] == "witness-file.pdf") {
    if (get) return witness_file_pdf(c, id, true, c.req.param("case"), c.req.param("disclosure"));
    if (m != "POST") return problem(405, "metode tidak diizinkan / method not allowed");
    // X-CSRF-Token was checked by the router; the disclosure comes in the JSON body.
    std::string asked;
    if (!c.req.body.empty()) {
      Poco::JSON::Object::Ptr body;
      if (auto bad = parse_json_object(c.req, body)) return *bad;
      if (body->has("disclosure")) {
        auto d = body->get("disclosure");
        asked = d.isString() ? d.extract<std::string>() : std::string("?");
        if (asked.empty()) asked = "?";
      }
    }
    return witness_file_pdf(c, id, true, c.req.param("case"), asked, true);
  }
  if (seg.size() == 2) {
    if (!get) return problem(405, "metode tidak diizinkan / method not allowed");
    if (!c.may_see_case_files()) return missing();
    auto data = with_reader([&](service::Context& s) {
      return s.witness_files().data(c.viewer(), id, c.req.param("case"));
    });
    if (!data) return data.error().code == ErrorCode::not_found ? missing() : problem(data.error());
    return json_response(service::witness_file_json(*data));
  }
  if (seg.size() == 3 && (seg[2] == "protections" || seg[2] == "restitution")) {
    if (m != "POST") return problem(405, "metode tidak diizinkan / method not allowed");
    Poco::JSON::Object::Ptr body;
    if (auto bad = parse_json_object(c.req, body)) return *bad;
    if (!c.may_see_case_files()) return missing();
    const auto& v = c.viewer();
    std::string case_id = json_text(body, "case");
    if (case_id.empty()) case_id = json_text(body, "case_id");
    core::Result<service::FileOutcome> outcome;
    if (seg[2] == "protections") {
      service::ProtectionForm f{json_text(body, "id"),        id,
                                case_id,                      json_text(body, "kind"),
                                json_text(body, "status"),    json_text(body, "requested"),
                                json_text(body, "decided"),   json_text(body, "until"),
                                json_text(body, "authority"), json_text(body, "reference"),
                                json_text(body, "description")};
      outcome = with_writer([&](service::Context& s) { return s.witness_files().enter(v, f); });
    } else {
      service::RestitutionForm f;
      f.id = json_text(body, "id");
      f.person_id = id;
      f.case_id = case_id;
      f.status = json_text(body, "status");
      f.date = json_text(body, "date");
      f.assessed_by = json_text(body, "assessed_by");
      f.claimant_note = json_text(body, "claimant_note");
      f.granted = json_text(body, "granted");
      f.decision_reference = json_text(body, "decision_reference");
      if (body->has("lines")) {
        auto lines = body->getArray("lines");
        if (!lines) return problem(400, "lines: daftar rincian / lines: an array of entries");
        if (lines->size() > static_cast<std::size_t>(k_max_lines))
          return problem(400, "lines: paling banyak 40 rincian / lines: at most 40 entries");
        for (std::size_t i = 0; i < lines->size(); ++i) {
          auto l = lines->getObject(static_cast<unsigned>(i));
          if (!l) return problem(400, "lines " + std::to_string(i + 1) + ": objek / an object");
          std::string ids = json_text(l, "evidence_ids");
          if (auto arr = l->getArray("evidence_ids"))
            for (std::size_t k = 0; k < arr->size(); ++k) ids += (ids.empty() ? "" : " ") + arr->getElement<std::string>(static_cast<unsigned>(k));
          f.lines.push_back({json_text(l, "head"), json_text(l, "description"), json_text(l, "amount"), ids});
        }
      }
      outcome = with_writer([&](service::Context& s) { return s.witness_files().enter(v, f); });
    }
    if (!outcome) {
      const auto code = outcome.error().code;
      if (code == ErrorCode::not_found || code == ErrorCode::forbidden) return missing();
      return problem(outcome.error());
    }
    if (outcome->status == service::FileOutcome::Status::failed) return problem(400, outcome->error);
    auto o = obj();
    o->set("status", std::string(service::to_string(outcome->status)));
    o->set("kind", outcome->kind);
    o->set("id", outcome->object_id);
    o->set("version", outcome->version);
    o->set("sha256", outcome->sha256);
    return json_response(stringify(o), outcome->status == service::FileOutcome::Status::unchanged ? 200 : 201);
  }
  return problem(404, "alamat tidak ditemukan / no such address");
}

}  // namespace berkas::server::internal
