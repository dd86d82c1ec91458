// service/search_view: the search use case in the service's own words — the request a front end
// may make and the result it reads (hits, facets, suggestion, totals). The service maps them to
// and from the search module's query and results, so no caller above the service names a
// search type.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/model.h"
#include "service/service.h"

namespace berkas::service {

// One search as a front end asks it. The cases searched are always the viewer's (the service
// adds them); nothing here widens what a viewer may see.
struct SearchRequest {
  std::string text;       // the query language (docs/QUERY.md)
  int offset = 0;
  int limit = 20;
  core::Date as_of;       // if set: provisions not in force on this date are excluded
  bool facets = true;     // count the facets (a client paging through results may leave them out)
  bool snippets = true;   // cut a snippet per hit
};

struct SearchHit {
  int rank = 0;              // 1-based over the whole result set
  std::string kind;          // "pasal", "putusan", "perkara" or an evidence code ("bap", ...)
  std::string object_id;     // the store id (provision id, item id, precedent id, case id)
  std::string title;
  std::string label;
  int unit = 0;              // a native item's page or message the hit is in (its label names it); else 0
  std::string snippet;       // HTML-escaped, matches wrapped in <mark>…</mark>
  std::string case_id;       // empty for law and precedents
  core::Date date;
  core::Date valid_until;    // provisions: the end of their force, else empty
  double weight = 0;
};

struct SearchFacetValue {
  std::string value;
  std::int64_t count = 0;
};

struct SearchResult {
  std::int64_t total = 0;  // matching documents visible to the viewer
  std::vector<SearchHit> hits;
  // "jenis" (kind), "perkara" (case), "pasal", "negara" (country) → values by count, descending
  std::map<std::string, std::vector<SearchFacetValue>> facets;
  std::string suggestion;  // a corrected query if a word looks misspelt, else empty
  core::Date as_of;        // the date asked for (empty = none)
};

// Runs `request` for `v` (through Service::search: the viewer's cases only). invalid_input with
// a message for people when the query cannot be parsed; io/internal from the index. Thread
// safety: like Service, one thread at a time per Service.
core::Result<SearchResult> search(const Service& svc, const Viewer& v, const SearchRequest& request);

// A search page in the service's result type (what search() returns for it).
SearchResult search_result_of(const SearchPage& page);

}  // namespace berkas::service
