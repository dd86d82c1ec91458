// The law: a law's outline (/law/{law}, /api/v1/laws/{law}), one provision (/law/{law}/{pasal},
// /api/v1/laws/{law}/pasal/{pasal}), each as of a date (?as_of=), and the list of laws. Page and
// API show the one service view (service::LawOutline, service::ProvisionView).
//
// Where the two differ (kept as they were): the outline page also lists the other laws (a second
// service call); a malformed date is refused with the page's own message.
#include "server/internal/shared.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Stringifier.h>

#include <optional>
#include <sstream>

#include "core/text.h"
#include "server/internal/views.h"
#include "service/json.h"

namespace berkas::server::internal {

namespace {

// The outline page: the law's chapters and Pasal (links keep the date), and the other laws.
Data outline_data(const service::LawOutline& outline, const std::string& as_of,
                  const core::Result<std::vector<core::Law>>& laws, const Templates& t, const std::string& lang) {
  Data d;
  d.set("law_id", text(outline.law.id));
  d.set("title", text(outline.law.title));
  d.set("short_name", text(outline.law.short_name));
  d.set("as_of", text(outline.as_of));
  List babs;
  for (const auto& b : outline.bab) {
    Data bd;
    bd.set("bab", text(b.bab));
    bd.set("heading", text(b.heading));
    List ps;
    for (const auto& p : b.pasal) {
      Data pd;
      pd.set("pasal", text(p.pasal));
      pd.set("label", text(p.label));
      pd.set("url", text("/law/" + url_encode(outline.law.id) + "/" + url_encode(p.pasal) +
                         (as_of.empty() ? "" : "?as_of=" + as_of)));
      if (p.status != core::ForceStatus::in_force) pd.set("status", text(t.message(lang, status_key(p.status))));
      ps.push_back(pd);
    }
    bd.set("pasal", ps);
    babs.push_back(bd);
  }
  d.set("babs", babs);
  List others;
  if (laws)
    for (const auto& l : *laws) {
      Data ld;
      ld.set("id", text(l.id));
      ld.set("short_name", text(l.short_name));
      ld.set("url", text("/law/" + url_encode(l.id)));
      others.push_back(ld);
    }
  d.set("laws", others);
  return d;
}

Data provision_data(const service::ProvisionView& v, const Templates& t, const std::string& lang) {
  const auto& p = v.provision;
  Data d;
  d.set("label", text(p.label));
  d.set("law_id", text(p.law_id));
  d.set("law_url", text("/law/" + url_encode(p.law_id)));
  d.set("law_short_name", text(v.law_short_name));
  d.set("bab", text(p.bab));
  d.set("bab_heading", text(p.bab_heading));
  d.set("text", text(p.text));
  d.set("penjelasan", text(p.penjelasan));
  d.set("as_of", text(v.as_of));
  d.set("status", text(t.message(lang, status_key(v.status))));
  if (v.status == core::ForceStatus::revoked) d.set("revoked", Data(true));
  if (!v.successor_label.empty()) {
    d.set("successor", text(v.successor_label));
    const auto url = law_url(p.successor_id);
    if (!url.empty()) d.set("successor_url", text(url));
  }
  if (!p.in_force_until.empty()) d.set("until", text(p.in_force_until));
  if (!p.status_note.empty()) d.set("note", text(p.status_note));
  List items;
  for (const auto& id : v.citing_items) {
    Data x;
    x.set("id", text(id));
    x.set("url", text("/items/" + url_encode(id)));
    items.push_back(x);
  }
  d.set("citing_items", items);
  List precs;
  for (const auto& id : v.citing_precedents) {
    Data x;
    x.set("id", text(id));
    x.set("url", text("/precedents/" + url_encode(id)));
    precs.push_back(x);
  }
  d.set("citing_precedents", precs);
  return d;
}

}  // namespace

// A malformed ?as_of=: the answer in the request's format; nullopt when the date is fine.
std::optional<Response> App::bad_date(Ctx& c, Format f) {
  const std::string as_of = c.req.param("as_of");
  if (as_of.empty() || core::is_iso_date(as_of)) return std::nullopt;
  if (f == Format::json) return problem(400, "as_of: tanggal YYYY-MM-DD / as_of: date YYYY-MM-DD");
  return error_page(c, 400, "tanggal YYYY-MM-DD / date YYYY-MM-DD");
}

// GET /law[/{law}] and /api/v1/laws/{law}.
Response App::law_outline(Ctx& c, const std::string& law_id, Format f) {
  if (auto bad = bad_date(c, f)) return *bad;
  const std::string as_of = c.req.param("as_of");
  auto outline = with_reader([&](service::Context& s) { return s.evidence().law_outline(law_id, as_of); });
  if (!outline) return failure(c, f, outline.error());
  if (f == Format::json) return json_response(service::json::of(*outline));
  auto laws = with_reader([&](service::Context& s) { return s.evidence().laws(); });
  return render(c, 200, "law", outline_data(*outline, as_of, laws, m_templates, c.lang));
}

// GET /law/{law}/{pasal} and /api/v1/laws/{law}/pasal/{pasal}.
Response App::provision(Ctx& c, const std::string& law_id, const std::string& pasal, Format f) {
  if (auto bad = bad_date(c, f)) return *bad;
  if (f == Format::page && pasal.find('/') != std::string::npos)
    return error_page(c, 404, "halaman tidak ditemukan / page not found");
  const std::string as_of = c.req.param("as_of");
  auto v = with_reader([&](service::Context& s) { return s.evidence().provision(c.viewer(), law_id, pasal, as_of); });
  if (!v) return failure(c, f, v.error());
  if (f == Format::json) return json_response(service::json::of(*v));
  return render(c, 200, "provision", provision_data(*v, m_templates, c.lang));
}

// GET /api/v1/laws: every law shipped.
Response App::api_laws(Ctx& c) {
  if (auto bad = bad_date(c, Format::json)) return *bad;
  auto laws = with_reader([&](service::Context& s) { return s.evidence().laws(); });
  if (!laws) return problem(laws.error());
  Poco::JSON::Array::Ptr a = new Poco::JSON::Array;
  for (const auto& l : *laws) {
    auto o = obj();
    o->set("id", l.id);
    o->set("title", l.title);
    o->set("short_name", l.short_name);
    o->set("enacted", l.enacted);
    o->set("in_force_from", l.in_force_from);
    a->add(o);
  }
  std::ostringstream out;
  Poco::JSON::Stringifier::stringify(a, out, 2);
  return json_response(out.str());
}

// Any other GET under /api/v1/laws: the date is checked as everywhere under /laws, then not found.
Response App::api_laws_other(Ctx& c) {
  if (auto bad = bad_date(c, Format::json)) return *bad;
  return problem(404, "alamat tidak ditemukan / no such address");
}

}  // namespace berkas::server::internal
