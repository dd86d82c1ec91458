// Entry forms (service/forms.h): a witness or defendant statement with its question/answer pairs
// (/forms/statement), its correction (/items/{id}/correct), a new case (/forms/case) and a new
// person (/forms/person). Each GET shows the form; each POST carries the session's CSRF token and
// either adds an empty question/answer pair (the "add a question" button: no script, the CSP
// forbids inline script) or saves, which goes through the service's checks, the upload screening
// and the ingest. An error is shown beside its field with what was typed; nothing is stored.
#include "server/internal/shared.h"

#include <algorithm>

#include "core/text.h"
#include "service/forms.h"

namespace berkas::server::internal {

using core::ErrorCode;

namespace {

// The form's values as posted ("" when absent).
struct Posted {
  std::map<std::string, std::string> fields;
  std::string operator[](const std::string& name) const {
    auto it = fields.find(name);
    return it == fields.end() ? std::string() : it->second;
  }
  bool checked(const std::string& name) const { return (*this)[name] == "ya"; }
};

// The statement as posted: the header fields and pairs q_1/a_1 ... q_N/a_N (N in "pairs").
service::StatementForm statement_of(const Posted& p) {
  service::StatementForm f;
  f.kind = p["kind"].empty() ? "bap" : p["kind"];
  f.id = core::squeeze_space(p["id"]);
  f.case_id = core::squeeze_space(p["case"]);
  f.person_id = core::squeeze_space(p["person"]);
  f.date = core::squeeze_space(p["date"]);
  f.time = core::squeeze_space(p["time"]);
  f.place = p["place"];
  f.examiner = p["examiner"];
  f.status = p["status"];
  f.title = p["title"];
  f.country = p["country"];
  f.summary = p["summary"];
  f.correction_note = p["correction_note"];
  int pairs = 0;
  for (char ch : p["pairs"])
    if (ch >= '0' && ch <= '9' && pairs < 100000) pairs = pairs * 10 + (ch - '0');
  pairs = std::min<int>(pairs, static_cast<int>(service::k_form_max_pairs));
  for (int i = 1; i <= pairs; ++i) {
    const std::string n = std::to_string(i);
    service::QaForm q{p["q_" + n], p["a_" + n]};
    // An entirely empty pair is no pair: the numbers the page shows are the ones stored.
    if (core::squeeze_space(q.question).empty() && core::squeeze_space(q.answer).empty()) continue;
    f.qa.push_back(std::move(q));
  }
  return f;
}

// "qa.2.answer" → pair 2, "answer"; anything else: no pair.
bool pair_field(const std::string& field, std::size_t& n, std::string& which) {
  const auto parts = core::split(field, '.');
  if (parts.size() != 3 || parts[0] != "qa") return false;
  n = 0;
  for (char ch : parts[1])
    if (ch >= '0' && ch <= '9' && n < 100000) n = n * 10 + static_cast<std::size_t>(ch - '0');
  which = parts[2];
  return n > 0;
}

// The error at the head of the form (so that it is seen whatever field it names) and beside its
// field ("err_title"; a pair's is set on the pair by statement_data).
void set_error(Data& d, const core::Error* e) {
  if (!e) return;
  d.set("form_error", text(e->message));
  std::size_t n = 0;
  std::string which;
  if (e->field.empty() || pair_field(e->field, n, which)) return;
  std::string key = "err_" + e->field;
  std::replace(key.begin(), key.end(), '.', '_');
  d.set(key, text(e->message));
}

List options(const std::vector<std::pair<std::string, std::string>>& values, const std::string& selected) {
  List out;
  for (const auto& [value, label] : values) {
    Data o;
    o.set("value", text(value));
    o.set("label", text(label));
    if (value == selected) o.set("selected", Data(true));
    out.push_back(o);
  }
  return out;
}

int status_for(const core::Error& e) {
  return e.code == ErrorCode::invalid_input || e.code == ErrorCode::conflict ? 400 : status_of(e.code);
}

}  // namespace

// The statement form's page data: the values typed, the viewer's cases and the persons of each
// (as the case page names them: pseudonyms where the viewer is not cleared), the pairs.
Data App::statement_data(Ctx& c, const service::StatementForm& f, const core::Error* e, bool correcting) {
  Data d;
  const std::pair<const char*, const std::string*> values[] = {
      {"id", &f.id},         {"date", &f.date},       {"time", &f.time},     {"place", &f.place},
      {"examiner", &f.examiner}, {"status", &f.status}, {"title", &f.title},   {"country", &f.country},
      {"summary", &f.summary}, {"correction_note", &f.correction_note}, {"case_id", &f.case_id},
      {"person_id", &f.person_id}};
  for (const auto& [key, value] : values) d.set(std::string("f_") + key, text(*value));
  d.set("kinds", options({{"bap", m_templates.message(c.lang, "form_kind_bap")},
                          {"terdakwa", m_templates.message(c.lang, "form_kind_terdakwa")}},
                         f.kind));
  if (correcting) {
    d.set("correcting", Data(true));
    d.set("action", text("/items/" + url_encode(f.id) + "/correct"));
  } else {
    d.set("action", text("/forms/statement"));
    List groups;
    if (auto cases = with_reader([&](service::Context& s) { return s.forms().cases(c.viewer()); }))
      for (const auto& k : *cases) {
        Data g;
        g.set("case_id", text(k.id));
        g.set("case_title", text(k.title));
        if (k.id == f.case_id) g.set("selected", Data(true));
        List persons;
        if (auto ps = with_reader([&](service::Context& s) { return s.forms().persons(c.viewer(), k.id); }))
          for (const auto& p : *ps) {
            Data pd;
            pd.set("id", text(p.id));
            pd.set("name", text(p.display_name));
            pd.set("role", text(p.role));
            if (p.id == f.person_id && k.id == f.case_id) pd.set("selected", Data(true));
            persons.push_back(pd);
          }
        g.set("persons", persons);
        groups.push_back(g);
      }
    d.set("cases", groups);
  }
  std::size_t err_pair = 0;
  std::string err_which;
  if (e) pair_field(e->field, err_pair, err_which);
  List pairs;
  for (std::size_t i = 0; i < f.qa.size(); ++i) {
    Data p;
    p.set("n", text(std::to_string(i + 1)));
    p.set("question", text(f.qa[i].question));
    p.set("answer", text(f.qa[i].answer));
    if (err_pair == i + 1) p.set("err_" + err_which, text(e->message));
    pairs.push_back(p);
  }
  d.set("pairs", pairs);
  d.set("pair_count", text(std::to_string(f.qa.size())));
  set_error(d, e);
  return d;
}

// GET and POST /forms/statement; with `item_id`, GET and POST /items/{id}/correct.
Response App::statement_form(Ctx& c, const std::string& item_id) {
  const bool correcting = !item_id.empty();
  // A correction asks about the item first, so that one the viewer cannot see answers as missing
  // (a trainer included); the service then asks the policy whether they may supersede it.
  if (!correcting && !c.may_ingest())
    return error_page(c, 403, "pelatih tidak dapat mengunggah / trainers cannot upload");
  const auto& v = c.viewer();
  // A correction starts from the current version, and only for whom the policy lets supersede it.
  service::StatementForm current;
  if (correcting) {
    auto got = with_reader([&](service::Context& s) { return s.forms().statement(v, item_id); });
    if (!got) return error_page(c, got.error());
    current = std::move(*got);
  }
  if (c.req.method != "POST") {
    service::StatementForm f = current;
    if (!correcting) {
      f.case_id = c.req.param("case");
      f.person_id = c.req.param("person");
      if (c.req.param("kind") == "terdakwa") f.kind = "terdakwa";
    }
    if (f.qa.empty()) f.qa.emplace_back();
    return render(c, 200, "statement_form", statement_data(c, f, nullptr, correcting));
  }
  Posted p{parse_form(c.req.body)};
  if (!csrf_ok(c, p["csrf"])) return error_page(c, 403, m_templates.message(c.lang, "csrf_failed"));
  service::StatementForm f = statement_of(p);
  if (correcting) {
    f.id = current.id;
    f.kind = current.kind;
    f.case_id = current.case_id;
    f.person_id = current.person_id;
  }
  // "Add a question": the same form again with one more empty pair, nothing stored.
  if (p["action"] == "add") {
    if (f.qa.size() < service::k_form_max_pairs) f.qa.emplace_back();
    return render(c, 200, "statement_form", statement_data(c, f, nullptr, correcting));
  }
  auto outcome = with_writer([&](service::Context& s) {
    return correcting ? s.forms().correct(v, f) : s.forms().enter(v, f);
  });
  (void)m_accounts->record(v, correcting ? "form-correct" : "form-statement",
                           "item:" + (outcome ? outcome->object_id : (f.id.empty() ? f.case_id : f.id)),
                           outcome ? std::string(service::to_string(outcome->status)) : "failed");
  if (!outcome) {
    const auto& e = outcome.error();
    if (e.code != ErrorCode::invalid_input && e.code != ErrorCode::conflict) return error_page(c, e);
    if (f.qa.empty()) f.qa.emplace_back();
    return render(c, status_for(e), "statement_form", statement_data(c, f, &e, correcting));
  }
  return redirect(c, "/items/" + url_encode(outcome->object_id));
}

// GET and POST /forms/case: administrators (the policy's may_create_case).
Response App::case_form(Ctx& c) {
  if (!service::policy().may_create_case(c.viewer()))
    return error_page(c, 403, "hanya administrator yang membuat perkara / only administrators create cases");
  service::CaseForm f;
  f.stage = "penyidikan";
  auto page = [&](int status, const core::Error* e) {
    Data d;
    const std::pair<const char*, const std::string*> values[] = {
        {"id", &f.id},       {"register_number", &f.register_number}, {"title", &f.title},
        {"court", &f.court}, {"charged", &f.charged}, {"country", &f.country}, {"channel", &f.channel},
        {"offence_date", &f.offence_date}, {"summary", &f.summary}};
    for (const auto& [key, value] : values) d.set(std::string("f_") + key, text(*value));
    std::vector<std::pair<std::string, std::string>> stages;
    for (const char* s : {"penyidikan", "penuntutan", "persidangan", "putus"})
      stages.emplace_back(s, m_templates.message(c.lang, std::string("form_stage_") + s));
    d.set("stages", options(stages, f.stage));
    if (f.fictional) d.set("f_fictional", Data(true));
    set_error(d, e);
    return render(c, status, "case_form", d);
  };
  if (c.req.method != "POST") return page(200, nullptr);
  Posted p{parse_form(c.req.body)};
  if (!csrf_ok(c, p["csrf"])) return error_page(c, 403, m_templates.message(c.lang, "csrf_failed"));
  f = {core::squeeze_space(p["id"]), p["register_number"], p["title"], p["court"], p["stage"], p["charged"],
       p["country"], p["channel"], core::squeeze_space(p["offence_date"]), p["summary"], p.checked("fictional")};
  auto outcome = with_writer([&](service::Context& s) { return s.forms().enter(c.viewer(), f); });
  (void)m_accounts->record(c.viewer(), "form-case", "case:" + f.id,
                           outcome ? std::string(service::to_string(outcome->status)) : "failed");
  if (!outcome) {
    const auto& e = outcome.error();
    if (e.code != ErrorCode::invalid_input && e.code != ErrorCode::conflict) return error_page(c, e);
    return page(status_for(e), &e);
  }
  return redirect(c, "/cases/" + url_encode(outcome->object_id));
}

// GET and POST /forms/person: whoever may put a person file into one of their cases (the upload
// screening decides: administrators, and prosecutors and paralegals for their assigned cases).
Response App::person_form(Ctx& c) {
  if (!c.may_ingest()) return error_page(c, 403, "pelatih tidak dapat mengunggah / trainers cannot upload");
  service::PersonForm f;
  f.case_id = c.req.param("case");
  f.role = "saksi";
  auto page = [&](int status, const core::Error* e) {
    Data d;
    const std::pair<const char*, const std::string*> values[] = {
        {"id", &f.id}, {"name", &f.name}, {"pseudonym", &f.pseudonym}, {"birth_date", &f.birth_date},
        {"origin", &f.origin}, {"language", &f.language}, {"companion_id", &f.companion_id},
        {"organisation", &f.organisation}, {"contact", &f.contact}};
    for (const auto& [key, value] : values) d.set(std::string("f_") + key, text(*value));
    std::vector<std::pair<std::string, std::string>> roles, cases;
    for (const char* r : {"saksi-korban", "saksi", "ahli", "tersangka", "terdakwa", "pendamping", "penyidik"})
      roles.emplace_back(r, core::label_of(*core::parse_person_role(r)));
    d.set("roles", options(roles, f.role));
    if (auto list = with_reader([&](service::Context& s) { return s.forms().cases(c.viewer()); }))
      for (const auto& k : *list) cases.emplace_back(k.id, k.id + " — " + k.title);
    d.set("cases", options(cases, f.case_id));
    d.set("genders", options({{"", "—"}, {"L", "L"}, {"P", "P"}}, f.gender));
    if (f.is_protected) d.set("f_protected", Data(true));
    if (f.interpreter) d.set("f_interpreter", Data(true));
    if (f.fictional) d.set("f_fictional", Data(true));
    set_error(d, e);
    return render(c, status, "person_form", d);
  };
  if (c.req.method != "POST") return page(200, nullptr);
  Posted p{parse_form(c.req.body)};
  if (!csrf_ok(c, p["csrf"])) return error_page(c, 403, m_templates.message(c.lang, "csrf_failed"));
  f.id = core::squeeze_space(p["id"]);
  f.name = p["name"];
  f.pseudonym = p["pseudonym"];
  f.role = p["role"];
  f.case_id = core::squeeze_space(p["case"]);
  f.gender = p["gender"];
  f.birth_date = core::squeeze_space(p["birth_date"]);
  f.origin = p["origin"];
  f.language = p["language"];
  f.companion_id = core::squeeze_space(p["companion_id"]);
  f.organisation = p["organisation"];
  f.contact = p["contact"];
  f.is_protected = p.checked("protected");
  f.interpreter = p.checked("interpreter");
  f.fictional = p.checked("fictional");
  auto outcome = with_writer([&](service::Context& s) { return s.forms().enter(c.viewer(), f); });
  (void)m_accounts->record(c.viewer(), "form-person", "person:" + f.id,
                           outcome ? std::string(service::to_string(outcome->status)) : "failed");
  if (!outcome) {
    const auto& e = outcome.error();
    if (e.code != ErrorCode::invalid_input && e.code != ErrorCode::conflict) return error_page(c, e);
    return page(status_for(e), &e);
  }
  return redirect(c, "/persons/" + url_encode(outcome->object_id) + "?case=" + url_encode(f.case_id));
}

}  // namespace berkas::server::internal
