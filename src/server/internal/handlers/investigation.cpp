// The investigation tools on the web (service/investigation.h): a case's identifiers
// (/cases/{id}/identifiers, its CSV, /api/v1/cases/{id}/identifiers), one identifier across the
// cases the viewer may see (/identifiers/{key}; looked up by a POSTed value, so the number never
// sits in a URL, a log line or a browser history), and a case's timeline (/cases/{id}/timeline,
// an SVG without script, and /api/v1/cases/{id}/timeline).
#include "server/internal/shared.h"

#include "core/text.h"
#include "server/internal/views.h"
#include "service/investigation.h"
#include "service/json.h"

namespace berkas::server::internal {

namespace {

std::string identifier_url(const std::string& key) { return "/identifiers/" + key; }

std::string item_url(const service::Passage& p) {
  return "/items/" + url_encode(p.item_id + "@" + std::to_string(p.version));
}

List occurrences_data(const service::IdentifierEntry& e) {
  List out;
  for (const auto& o : e.occurrences) {
    Data od;
    od.set("case", text(o.at.case_id));
    od.set("case_url", text("/cases/" + url_encode(o.at.case_id)));
    od.set("item", text(o.at.item_id + "@" + std::to_string(o.at.version)));
    od.set("item_url", text(item_url(o.at)));
    od.set("where", text(o.at.where));
    od.set("written", text(o.written));
    od.set("excerpt", text(o.excerpt));
    out.push_back(od);
  }
  return out;
}

}  // namespace

List other_cases(const service::IdentifierEntry& e, const std::string& case_id) {
  List out;
  for (const auto& other : e.cases) {
    if (other == case_id) continue;
    Data od;
    od.set("id", text(other));
    od.set("url", text("/cases/" + url_encode(other)));
    out.push_back(od);
  }
  return out;
}

// GET /cases/{id}/identifiers, /cases/{id}/identifiers.csv, /api/v1/cases/{id}/identifiers.
Response App::case_identifiers(Ctx& c, const std::string& id, Format f, bool csv) {
  auto r = with_reader([&](service::Context& s) { return service::case_identifiers(s.evidence(), c.viewer(), id); });
  if (!r) return failure(c, f, r.error());
  if (f == Format::json) return json_response(service::json::of(*r));
  if (csv) {
    Response out;
    out.content_type = "text/csv; charset=utf-8";
    out.body = service::identifiers_csv(*r);
    out.set_header("Content-Disposition", "attachment; filename=\"identitas-" + download_name(id) + ".csv\"");
    return out;
  }
  Data d;
  d.set("case_id", text(id));
  d.set("case_url", text("/cases/" + url_encode(id)));
  d.set("csv_url", text("/cases/" + url_encode(id) + "/identifiers.csv"));
  d.set("timeline_url", text("/cases/" + url_encode(id) + "/timeline"));
  List list;
  for (const auto& e : *r) {
    Data ed;
    ed.set("label", text(extract::label_of(e.kind)));
    ed.set("value", text(e.value));
    if (!e.qualifier.empty()) ed.set("qualifier", text(e.qualifier));
    ed.set("url", text(identifier_url(e.key)));
    ed.set("count", text(std::to_string(e.occurrences.size())));
    if (auto others = other_cases(e, id); !others.empty()) ed.set("others", others);
    ed.set("occurrences", occurrences_data(e));
    list.push_back(ed);
  }
  d.set("identifiers", list);
  d.set("has_identifiers", Data(!r->empty()));
  return render(c, 200, "identifiers", d);
}

// GET /identifiers/{key} and /api/v1/identifiers/{key}.
Response App::identifier(Ctx& c, const std::string& key, Format f) {
  auto r = with_reader([&](service::Context& s) { return service::identifier_occurrences(s.evidence(), c.viewer(), key); });
  if (!r) return failure(c, f, r.error());
  if (f == Format::json) return json_response(service::json::of(*r));
  Data d;
  d.set("label", text(extract::label_of(r->kind)));
  d.set("value", text(r->value));
  if (!r->qualifier.empty()) d.set("qualifier", text(r->qualifier));
  d.set("count", text(std::to_string(r->occurrences.size())));
  d.set("case_count", text(std::to_string(r->cases.size())));
  d.set("occurrences", occurrences_data(*r));
  d.set("found", Data(!r->occurrences.empty()));
  return render(c, 200, "identifier", d);
}

// POST /identifiers (form: value, csrf) → 303 to its page; POST /api/v1/identifiers
// ({"value": "…"}) → the identifier's JSON. The value travels in the body only.
Response App::identifier_lookup(Ctx& c, Format f) {
  std::string value;
  if (f == Format::json) {
    Poco::JSON::Object::Ptr body;
    if (auto bad = parse_json_object(c.req, body)) return *bad;
    value = str_field(body, "value");
  } else {
    auto form = parse_form(c.req.body);
    if (!csrf_ok(c, form["csrf"])) return error_page(c, 403, m_templates.message(c.lang, "csrf_failed"));
    value = form["value"];
  }
  auto r = with_reader([&](service::Context& s) { return service::identifier_occurrences(s.evidence(), c.viewer(), value); });
  if (!r) return failure(c, f, r.error());
  if (f == Format::json) return json_response(service::json::of(*r));
  return redirect(c, identifier_url(r->key));
}

// GET /cases/{id}/timeline and /api/v1/cases/{id}/timeline.
Response App::case_timeline(Ctx& c, const std::string& id, Format f) {
  auto r = with_reader([&](service::Context& s) { return service::case_timeline(s.evidence(), c.viewer(), id); });
  if (!r) return failure(c, f, r.error());
  if (f == Format::json) return json_response(service::json::of(*r));
  Data d;
  d.set("case_id", text(id));
  d.set("case_url", text("/cases/" + url_encode(id)));
  d.set("identifiers_url", text("/cases/" + url_encode(id) + "/identifiers"));
  d.set("has_events", Data(!r->empty()));
  if (!r->empty()) d.set("svg", text(service::timeline_svg(*r, c.lang)));
  List events;
  for (const auto& e : *r) {
    Data ed;
    ed.set("date", text(e.date + (e.time.empty() ? "" : " " + e.time)));
    ed.set("source", text(service::label_of(e.source)));
    ed.set("item", text(e.at.item_id + "@" + std::to_string(e.at.version)));
    ed.set("item_url", text(item_url(e.at)));
    ed.set("where", text(e.at.where));
    ed.set("excerpt", text(e.excerpt));
    events.push_back(ed);
  }
  d.set("events", events);
  return render(c, 200, "timeline", d);
}

}  // namespace berkas::server::internal
