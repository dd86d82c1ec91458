#include "service/search_view.h"

#include <utility>

#include "search/search.h"
#include "service/internal/docs.h"

namespace berkas::service {

core::Result<SearchResult> search(const Service& svc, const Viewer& v, const SearchRequest& request) {
  search::Query q;
  q.text = request.text;
  q.offset = request.offset;
  q.limit = request.limit;
  q.as_of = request.as_of;
  q.facets = request.facets;
  q.snippets = request.snippets;
  auto page = svc.search(v, std::move(q));
  if (!page) return tl::unexpected(page.error());
  return search_result_of(*page);
}

SearchResult search_result_of(const SearchPage& page) {
  const auto& r = page.results;
  SearchResult out;
  out.total = r.total;
  out.suggestion = r.suggestion;
  out.as_of = page.as_of;
  out.hits.reserve(r.hits.size());
  for (const auto& h : r.hits) {
    SearchHit x;
    x.rank = h.rank;
    x.kind = h.kind;
    x.object_id = h.object_id;
    x.title = h.title;
    x.label = h.label;
    x.unit = internal::unit_of_doc_id(h.id);
    x.snippet = h.snippet;
    x.case_id = h.case_id;
    x.date = h.date;
    x.valid_until = h.valid_until;
    x.weight = h.weight;
    out.hits.push_back(std::move(x));
  }
  for (const auto& [name, values] : r.facets) {
    auto& to = out.facets[name];
    for (const auto& fv : values) to.push_back({fv.value, fv.count});
  }
  return out;
}

}  // namespace berkas::service
