// Fuzz target: the query parser and search path — search::Index::search on a small real index,
// built once per process in the scratch folder from the shipped law (UU 21/2007 and the KUHP
// articles, every Pasal and ayat), the demo case's evidence and the demo decisions. Each input is
// run as a query three ways: plain; as of a date with one visible case; and with no visible case,
// a page offset and neither facets nor snippets.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <set>
#include <string>

#include "fuzz_support.h"
#include "ingest/ingest.h"
#include "search/search.h"

using namespace berkas;

namespace {

search::Doc provision_doc(const core::Law& law, const core::Provision& p) {
  search::Doc d;
  d.id = "pasal:" + p.id;
  d.kind = "pasal";
  d.object_id = p.id;
  d.title = p.label;
  d.label = p.label;
  d.body = p.text;
  d.extra = p.penjelasan;
  d.provisions = {p.id};
  d.law_id = p.law_id;
  d.pasal = p.pasal;
  d.ayat = p.ayat;
  d.collapse_key = p.parent_id.empty() ? p.id : p.parent_id;
  d.valid_from = p.in_force_from.empty() ? law.in_force_from : p.in_force_from;
  d.valid_until = p.in_force_until;
  d.date = d.valid_from;
  d.ordinal = p.ordinal;
  return d;
}

std::set<std::string> cited(const ingest::Parsed& p) {
  std::set<std::string> out;
  for (const auto& c : p.citations) out.insert(c.provision_id);
  return out;
}

// The index over the repository's law, demo evidence and decisions; a reader on it.
std::unique_ptr<search::Index> build_index() {
  const std::string path = fuzz::scratch_dir() + "/index";
  const search::Config config{fuzz::source_path("index")};
  {
    auto writer = search::Index::open(path, config, true);
    if (!writer) std::abort();
    auto& w = **writer;
    std::vector<std::string> files;
    for (const char* dir : {"law", "demo"}) {
      auto inputs = ingest::list_inputs(fuzz::source_path(dir));
      if (!inputs) std::abort();
      files.insert(files.end(), inputs->begin(), inputs->end());
    }
    for (const auto& f : files) {
      auto p = ingest::parse_file(f, fuzz::source_path("schemas"));
      if (!p) continue;  // persons, cases and the like: not needed for queries
      if (p->law) {
        for (const auto& prov : p->provisions)
          if (!w.put(provision_doc(*p->law, prov))) std::abort();
      } else if (p->item) {
        const auto& item = *p->item;
        search::Doc d;
        d.id = "item:" + item.id;
        d.kind = core::code_of(item.kind);
        d.object_id = item.id;
        d.title = item.title;
        d.label = "v" + std::to_string(item.version);
        d.body = item.full_text();
        d.case_id = item.case_id;
        if (!item.person_id.empty()) d.person_ids.push_back(item.person_id);
        const auto c = cited(*p);
        d.provisions.assign(c.begin(), c.end());
        d.country = item.country;
        d.date = item.date;
        if (!w.put(d)) std::abort();
      } else if (p->precedent) {
        const auto& pr = *p->precedent;
        search::Doc d;
        d.id = "putusan:" + pr.id;
        d.kind = "putusan";
        d.object_id = pr.id;
        d.title = "Putusan " + pr.number;
        d.label = pr.number;
        d.body = pr.text;
        auto c = cited(*p);
        c.insert(pr.provisions_applied.begin(), pr.provisions_applied.end());
        d.provisions.assign(c.begin(), c.end());
        d.date = pr.date;
        if (!w.put(d)) std::abort();
      }
    }
    if (!w.commit(1)) std::abort();
    if (w.doc_count() < 100) std::abort();  // the law alone has more: the seeds would find nothing
  }
  auto reader = search::Index::open(path, config, false);
  if (!reader) std::abort();
  return std::move(*reader);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::unique_ptr<search::Index> index = build_index();
  search::Query q;
  q.text = fuzz::as_string(data, size);
  (void)index->search(q);
  q.as_of = "2024-06-01";
  q.visible_cases = std::vector<std::string>{"perkara-demo-001"};
  q.limit = 5;
  (void)index->search(q);
  q.as_of.clear();
  q.visible_cases = std::vector<std::string>{};
  q.offset = 3;
  q.facets = false;
  q.snippets = false;
  (void)index->search(q);
  return 0;
}
