// service/internal/service_impl: the state a Service owns (its store, its index, the index
// configuration, the place-name gazetteer) and the indexing steps that keep the index a function
// of the store. Shared by the files that implement Service (service.cpp: open and ingest;
// service_read.cpp: the reading use cases; service_admin.cpp: reindex, verify, the audit log).
#pragma once

#include <algorithm>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/text.h"
#include "ingest/citations.h"
#include "service/anonymise.h"
#include "service/internal/docs.h"
#include "service/internal/paths.h"
#include "service/policy.h"
#include "service/redact.h"
#include "service/service.h"

namespace berkas::service {

namespace internal {
// The day the new KUHP (UU 1/2023) took effect; before it "KUHP" means the old code (WvS).
inline constexpr const char* k_kuhp_2023_in_force = ingest::k_kuhp_2023_in_force;
inline std::string index_path(const Options& o) { return (std::filesystem::path(o.data_dir) / "index").string(); }
}  // namespace internal


struct Service::Impl {
  using ErrorCode = core::ErrorCode;
  template <class T>
  using Result = core::Result<T>;
  using Status = core::Status;

  Options options;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<search::Index> index;
  search::Config index_config;
  std::optional<Gazetteer> places;  // index/places.txt, read on first use (a Service is one thread's)

  Result<const Gazetteer*> gazetteer() {
    if (!places) {
      auto gz = Gazetteer::load((std::filesystem::path(options.resource_dir) / "index" / "places.txt").string());
      if (!gz) return tl::unexpected(gz.error());
      places = std::move(*gz);
    }
    return &*places;
  }

  std::string schema_dir() const { return (std::filesystem::path(options.resource_dir) / "schemas").string(); }

  Result<Redactor> redactor() const {
    auto persons = store->persons();
    if (!persons) return tl::unexpected(persons.error());
    std::vector<core::Person> prot;
    for (auto& p : *persons)
      if (p.is_protected) prot.push_back(std::move(p));
    return Redactor(prot);
  }

  // Redactor for what viewer `v` may see: protected persons the viewer is not cleared for.
  Result<Redactor> redactor_for(const Viewer& v) const {
    auto persons = store->persons();
    if (!persons) return tl::unexpected(persons.error());
    std::vector<core::Person> hidden;
    for (auto& p : *persons)
      if (p.is_protected && !may_see_identity(v, p)) hidden.push_back(std::move(p));
    return Redactor(hidden);
  }

  // Puts one document. A document the index refuses is noted (verify reports it) and skipped:
  // one stored object must never stop the store from opening or the index from catching up.
  // Failures to commit, or to read the store, still fail the caller.
  static Status put(search::Index& idx, const search::Doc& doc) {
    auto s = idx.put(doc);
    if (s) return s;
    return idx.note_unindexed(doc.id, s.error().message);
  }

  // An item's document and, for a native file, one per page or message (those of an earlier
  // version removed first: a correction may have fewer).
  static Status put_item(search::Index& idx, const core::EvidenceItem& item, const std::vector<core::Citation>& cites,
                         const core::Case* case_file, const Redactor& red) {
    const auto doc = internal::item_doc(item, cites, case_file, red);
    if (auto s = put(idx, doc); !s) return s;
    if (auto s = idx.remove_prefix(internal::item_doc_id(item.id) + "#"); !s) return s;
    for (const auto& unit_doc : internal::item_unit_docs(item, doc, red))
      if (auto s = put(idx, unit_doc); !s) return s;
    return {};
  }

  Status index_object(search::Index& idx, const store::Store& st, const std::string& kind, const std::string& id,
                      const Redactor& red) {
    if (kind == "law") {
      auto law = st.law(id);
      if (!law) return tl::unexpected(law.error());
      auto provs = st.provisions(id);
      if (!provs) return tl::unexpected(provs.error());
      if (auto s = idx.remove_prefix(internal::provision_doc_id(id + "/")); !s) return s;
      for (const auto& p : *provs)
        if (auto s = put(idx, internal::provision_doc(*law, p)); !s) return s;
      return {};
    }
    if (kind == "case") {
      auto c = st.get_case(id);
      if (!c) return tl::unexpected(c.error());
      return put(idx, internal::case_doc(*c, red));
    }
    if (kind == "item") {
      auto item = st.item(id);
      if (!item) return tl::unexpected(item.error());
      auto cites = st.item_citations(id);
      if (!cites) return tl::unexpected(cites.error());
      auto c = st.get_case(item->case_id);
      return put_item(idx, *item, *cites, c ? &*c : nullptr, red);
    }
    if (kind == "precedent") {
      auto p = st.precedent(id);
      if (!p) return tl::unexpected(p.error());
      auto cites = st.precedent_citations(id);
      if (!cites) return tl::unexpected(cites.error());
      return put(idx, internal::precedent_doc(*p, *cites, red));
    }
    if (kind == "person") return {};  // persons are not indexed (names); see catch_up
    return fail(ErrorCode::internal, "unknown change kind '" + kind + "'");
  }

  // Every case, item and precedent — used when a person changes (a name to hide) and by reindex.
  Status index_case_material(search::Index& idx, const store::Store& st, const Redactor& red,
                             const Progress& progress, std::size_t& done, std::size_t total) {
    auto precs = st.precedents();
    if (!precs) return tl::unexpected(precs.error());
    for (const auto& p : *precs)
      if (auto s = index_object(idx, st, "precedent", p.id, red); !s) return s;
    auto cases = st.cases();
    if (!cases) return tl::unexpected(cases.error());
    for (const auto& c : *cases)
      if (auto s = put(idx, internal::case_doc(c, red)); !s) return s;
    auto items = st.items();
    if (!items) return tl::unexpected(items.error());
    std::map<std::string, core::Case> case_by_id;
    for (auto& c : *cases) case_by_id.emplace(c.id, c);
    for (const auto& item : *items) {
      auto cites = st.item_citations(item.id);
      if (!cites) return tl::unexpected(cites.error());
      auto it = case_by_id.find(item.case_id);
      if (auto s = put_item(idx, item, *cites, it == case_by_id.end() ? nullptr : &it->second, red); !s) return s;
      ++done;
      if (progress && done % 500 == 0) progress(done, total, "index");
    }
    return {};
  }

  // Indexes every change the index has not seen, then records the store's sequence number.
  // Idempotent: re-indexing an object replaces its document.
  Status catch_up(search::Index& idx, const store::Store& st) {
    const auto from = idx.last_seq();
    const auto to = st.last_seq();
    if (to <= from) return {};
    auto changes = st.changes_since(from);
    if (!changes) return tl::unexpected(changes.error());
    const bool persons_changed = std::any_of(changes->begin(), changes->end(),
                                             [](const store::Change& c) { return c.kind == "person"; });
    auto red = redactor();
    if (!red) return tl::unexpected(red.error());
    std::int64_t max_seq = from;
    if (persons_changed) {
      // A name may now be protected (or its pseudonym changed): re-redact all case material.
      std::size_t done = 0;
      if (auto s = index_case_material(idx, st, *red, {}, done, 0); !s) return s;
    }
    for (const auto& c : *changes) {
      max_seq = std::max(max_seq, c.seq);
      if (persons_changed && (c.kind == "case" || c.kind == "item" || c.kind == "precedent")) continue;
      if (auto s = index_object(idx, st, c.kind, c.object_id, *red); !s) return s;
    }
    return idx.commit(std::max(max_seq, to));
  }
};


}  // namespace berkas::service
