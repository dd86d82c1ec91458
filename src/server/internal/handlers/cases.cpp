// Cases: the list and one case, page and API from the one service view (the visible cases;
// service::CaseView). The case page adds the case's court bundles (documents.cpp), which the API
// lists at /api/v1/cases/{id}/bundles instead.
#include "server/internal/shared.h"

#include "core/text.h"
#include "server/internal/views.h"
#include "service/json.h"

namespace berkas::server::internal {

namespace {

Data cases_data(const std::vector<core::Case>& cases) {
  List l;
  for (const auto& k : cases) {
    Data cd;
    cd.set("id", text(k.id));
    cd.set("url", text("/cases/" + url_encode(k.id)));
    cd.set("register_number", text(k.register_number));
    cd.set("title", text(k.title));
    cd.set("stage", text(core::to_string(k.stage)));
    if (k.fictional) cd.set("fictional", Data(true));
    l.push_back(cd);
  }
  Data d;
  d.set("cases", l);
  if (cases.empty()) d.set("no_cases", Data(true));
  return d;
}

Data case_data(const service::CaseView& v, const Templates& t, const std::string& lang) {
  const auto& k = v.case_file;
  Data d;
  d.set("id", text(k.id));
  d.set("title", text(k.title));
  d.set("register_number", text(k.register_number));
  d.set("court", text(k.court));
  d.set("stage", text(core::to_string(k.stage)));
  d.set("destination", text(k.destination_country));
  d.set("channel", text(k.recruitment_channel));
  d.set("offence_date", text(k.offence_date));
  d.set("summary", text(k.summary));
  if (k.fictional) d.set("fictional", Data(true));
  d.set("charged", citation_list(v.charged, t, lang));
  List persons;
  for (const auto& p : v.persons) {
    Data pd;
    pd.set("id", text(p.id));
    pd.set("url", text("/persons/" + url_encode(p.id) + "?case=" + url_encode(k.id)));
    pd.set("name", text(p.display_name));
    pd.set("role", text(p.role));
    if (p.is_protected) pd.set("protected", Data(true));
    if (p.pseudonymised) pd.set("pseudonymised", Data(true));
    persons.push_back(pd);
  }
  d.set("persons", persons);
  List items;
  for (const auto& it : v.items) {
    Data id2;
    id2.set("id", text(it.id));
    id2.set("url", text("/items/" + url_encode(it.id)));
    id2.set("version", text(std::to_string(it.version)));
    id2.set("kind", text(core::label_of(it.kind)));
    id2.set("title", text(it.title));
    id2.set("date", text(it.date));
    items.push_back(id2);
  }
  d.set("items", items);
  return d;
}

}  // namespace

// GET /cases and /api/v1/cases: the cases this viewer may see.
Response App::cases(Ctx& c, Format f) {
  auto list = with_reader([&](service::Context& s) { return s.evidence().cases(c.viewer()); });
  if (!list) return failure(c, f, list.error());
  if (f == Format::json) return json_response(service::json::of(*list));
  Data d = cases_data(*list);
  if (service::policy().may_create_case(c.viewer())) d.set("case_form_url", text("/forms/case"));
  return render(c, 200, "cases", d);
}

// GET /cases/{id} and /api/v1/cases/{id}.
Response App::case_view(Ctx& c, const std::string& id, Format f) {
  auto v = with_reader([&](service::Context& s) { return s.evidence().case_view(c.viewer(), id); });
  if (!v) return failure(c, f, v.error());
  if (f == Format::json) return json_response(service::json::of(*v));
  Data d = case_data(*v, m_templates, c.lang);
  case_bundles(c, v->case_file.id, d);
  // The decisions most like this case, and the sentences under its first charged provision.
  auto similar = with_reader([&](service::Context& s) { return s.precedents().similar(c.viewer(), id, 5); });
  if (similar && !similar->empty()) {
    List list;
    for (const auto& p : *similar) {
      Data sd;
      sd.set("url", text("/precedents/" + url_encode(p.precedent_id)));
      sd.set("number", text(p.number));
      sd.set("court", text(p.court));
      sd.set("date", text(p.date));
      std::string outcomes, shared;
      for (auto o : p.outcomes) outcomes += (outcomes.empty() ? "" : ", ") + std::string(core::code_of(o));
      for (const auto& s : p.shared_provisions) shared += (shared.empty() ? "" : ", ") + s;
      sd.set("outcomes", text(outcomes));
      sd.set("shared", text(shared));
      list.push_back(sd);
    }
    d.set("similar", list);
    d.set("has_similar", Data(true));
    const auto& charged = v->case_file.charged_provisions;
    d.set("sentencing_url", text("/sentencing?provision=" + url_encode(charged.empty() ? "" : charged.front())));
  }
  // Investigation tools: the case's identifiers that also occur in other cases the viewer may see.
  d.set("identifiers_url", text("/cases/" + url_encode(id) + "/identifiers"));
  d.set("timeline_url", text("/cases/" + url_encode(id) + "/timeline"));
  auto ids = with_reader([&](service::Context& s) { return service::case_identifiers(s.evidence(), c.viewer(), id); });
  if (ids) {
    List shared;
    for (const auto& e : *ids) {
      auto others = other_cases(e, id);
      if (others.empty()) continue;
      Data sd;
      sd.set("label", text(extract::label_of(e.kind)));
      sd.set("value", text(e.value));
      sd.set("url", text("/identifiers/" + e.key));
      sd.set("others", others);
      shared.push_back(sd);
    }
    if (!shared.empty()) {
      d.set("shared_identifiers", shared);
      d.set("has_shared", Data(true));
    }
  }
  // The entry forms, for whoever may put evidence into this case (handlers/forms.cpp).
  if (service::policy().may_ingest_into(c.viewer(), v->case_file.id)) {
    d.set("statement_form_url", text("/forms/statement?case=" + url_encode(v->case_file.id)));
    d.set("person_form_url", text("/forms/person?case=" + url_encode(v->case_file.id)));
  }
  return render(c, 200, "case", d);
}

}  // namespace berkas::server::internal
