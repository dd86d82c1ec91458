// Search: the page (/search?q=&page=&as_of=) and the API (/api/v1/search?q=&limit=&offset=&as_of=
// &facets=&snippets=). Each reads its own parameters into one service::SearchRequest; the one
// service call's SearchResult is then shown as the page or as JSON.
//
// Where the two differ (kept as they were): the page pages by 20 and clears a malformed date,
// shows an empty form without a query and a query error beside the form; the API takes limit and
// offset, refuses a malformed date or a missing query (400), and may leave out facets and snippets.
#include "server/internal/shared.h"

#include <algorithm>
#include <utility>

#include "core/text.h"
#include "server/internal/views.h"
#include "service/json.h"
#include "service/search_view.h"

namespace berkas::server::internal {

using core::ErrorCode;

namespace {

constexpr int k_page_size = 20;

std::string hit_url(const service::SearchHit& h) {
  if (h.kind == "pasal") return law_url(h.object_id);
  if (h.kind == "putusan") return "/precedents/" + url_encode(h.object_id);
  if (h.kind == "perkara") return "/cases/" + url_encode(h.object_id);
  return "/items/" + url_encode(h.object_id) + (h.unit ? "#unit-" + std::to_string(h.unit) : std::string());
}

// The page's request: 20 hits a page (at most page 500), a malformed date left out.
service::SearchRequest page_request(const Request& req, int& page) {
  page = static_cast<int>(req.int_param("page", 1, 1, 10000));
  page = std::min(page, 500);
  service::SearchRequest r;
  r.text = req.param("q");
  r.as_of = req.param("as_of");
  if (!r.as_of.empty() && !core::is_iso_date(r.as_of)) r.as_of.clear();
  r.limit = k_page_size;
  r.offset = (page - 1) * k_page_size;
  return r;
}

// The API's request; a problem response when a parameter is wrong.
std::optional<Response> api_request(const Request& req, service::SearchRequest& r) {
  r.text = req.param("q");
  if (r.text.empty()) return problem(400, "parameter q diperlukan / parameter q is required");
  r.limit = static_cast<int>(req.int_param("limit", 20, 1, 100));
  r.offset = static_cast<int>(req.int_param("offset", 0, 0, 10000));
  r.as_of = req.param("as_of");
  if (!r.as_of.empty() && !core::is_iso_date(r.as_of))
    return problem(400, "as_of: tanggal YYYY-MM-DD / as_of: date YYYY-MM-DD");
  // A client paging through results it already has the facets of can leave them out: the
  // ranked page alone is much cheaper to compute.
  for (auto [name, flag] : {std::pair<const char*, bool*>{"facets", &r.facets}, {"snippets", &r.snippets}}) {
    const std::string value = req.param(name);
    if (value.empty()) continue;
    if (value != "0" && value != "1" && value != "true" && value != "false")
      return problem(400, std::string(name) + ": 0/1 atau true/false / 0/1 or true/false");
    *flag = value == "1" || value == "true";
  }
  return std::nullopt;
}

// The page's view of a result: hits, facets (each value a link narrowing the query), the
// suggestion and the paging links.
void search_data(const service::SearchResult& r, const std::string& q, const std::string& as_of, int page,
                 const Templates& t, const std::string& lang, Data& d) {
  auto search_url = [&](const std::string& query_text, int p) {
    std::string u = "/search?q=" + url_encode(query_text);
    if (!as_of.empty()) u += "&as_of=" + as_of;
    if (p > 1) u += "&page=" + std::to_string(p);
    return u;
  };
  d.set("searched", Data(true));
  d.set("total", text(std::to_string(r.total)));
  List hits;
  for (const auto& h : r.hits) {
    Data hd;
    hd.set("rank", text(std::to_string(h.rank)));
    hd.set("kind", text(h.kind));
    hd.set("title", text(h.title));
    hd.set("label", text(h.label));
    hd.set("url", text(hit_url(h)));
    // The only raw HTML in any page: the search module escapes the text and adds <mark> itself.
    hd.set("snippet_html", text(h.snippet));
    if (!h.case_id.empty()) hd.set("case_id", text(h.case_id));
    if (!h.date.empty()) hd.set("date", text(h.date));
    if (!h.valid_until.empty()) hd.set("revoked", text(h.valid_until));
    hits.push_back(hd);
  }
  d.set("hits", hits);
  List facets;
  for (const auto& [name, values] : r.facets) {
    if (values.empty()) continue;
    Data fd;
    fd.set("name", text(t.message(lang, "facet_" + name)));
    List vs;
    for (const auto& v : values) {
      Data vd;
      vd.set("value", text(v.value));
      vd.set("count", text(std::to_string(v.count)));
      const std::string term = v.value.find(' ') == std::string::npos ? v.value : "\"" + v.value + "\"";
      vd.set("url", text(search_url(q + " " + name + ":" + term, 1)));
      vs.push_back(vd);
    }
    fd.set("values", vs);
    facets.push_back(fd);
  }
  d.set("facets", facets);
  if (!r.suggestion.empty()) {
    d.set("suggestion", text(r.suggestion));
    d.set("suggestion_url", text(search_url(r.suggestion, 1)));
  }
  if (page > 1) d.set("prev_url", text(search_url(q, page - 1)));
  if (static_cast<std::int64_t>(page) * k_page_size < r.total) d.set("next_url", text(search_url(q, page + 1)));
  d.set("page", text(std::to_string(page)));
}

}  // namespace

// GET /search and GET /api/v1/search.
Response App::search(Ctx& c, Format f) {
  service::SearchRequest request;
  int page = 1;
  Data d;
  if (f == Format::json) {
    if (auto bad = api_request(c.req, request)) return *bad;
  } else {
    request = page_request(c.req, page);
    d.set("q", text(request.text));
    d.set("as_of", text(request.as_of));
    if (request.text.empty()) return render(c, 200, "search", d);
  }
  auto result = with_reader([&](service::Context& s) { return s.search().run(c.viewer(), request); });
  if (!result) {
    if (f == Format::page && result.error().code == ErrorCode::invalid_input) {
      d.set("query_error", text(result.error().message));
      return render(c, 400, "search", d);
    }
    return failure(c, f, result.error());
  }
  if (f == Format::json) return json_response(service::json::of(*result));
  search_data(*result, request.text, request.as_of, page, m_templates, c.lang, d);
  return render(c, 200, "search", d);
}

}  // namespace berkas::server::internal
