// Service: keeping the index and the store honest — reindex, verify, counts, the audit log.
#include "service/service.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "core/text.h"
#include "service/internal/service_impl.h"

namespace fs = std::filesystem;

namespace berkas::service {

using core::ErrorCode;
using core::fail;
using core::Result;
using core::Status;
using internal::k_kuhp_2023_in_force;


Status Service::reindex(const Viewer& v, const Progress& progress) {
  const fs::path live = internal::index_path(m_impl->options);
  const fs::path fresh = live.string() + ".new";
  const fs::path old = live.string() + ".old";
  std::error_code ec;
  fs::remove_all(fresh, ec);
  {
    auto idx = search::Index::open(fresh.string(), m_impl->index_config, true);
    if (!idx) return tl::unexpected(idx.error());
    auto& st = *m_impl->store;
    const auto seq = st.last_seq();
    auto laws = st.laws();
    if (!laws) return tl::unexpected(laws.error());
    auto red = m_impl->redactor();
    if (!red) return tl::unexpected(red.error());
    auto counts = st.counts();
    const std::size_t total = counts ? static_cast<std::size_t>(counts->items) : 0;
    for (const auto& law : *laws)
      if (auto s = m_impl->index_object(**idx, st, "law", law.id, *red); !s) return s;
    std::size_t done = 0;
    if (auto s = m_impl->index_case_material(**idx, st, *red, progress, done, total); !s) return s;
    if (auto s = (*idx)->commit(seq); !s) return s;
    if (progress) progress(total, total, "index");
  }
  // Swap the fresh index in. The old one is removed only after the rename succeeded.
  m_impl->index.reset();
  fs::remove_all(old, ec);
  fs::rename(live, old, ec);
  fs::rename(fresh, live, ec);
  if (ec) return fail(ErrorCode::io, "cannot swap the rebuilt index in: " + ec.message(), live.string());
  fs::remove_all(old, ec);
  auto idx = search::Index::open(live.string(), m_impl->index_config, true);
  if (!idx) return tl::unexpected(idx.error());
  m_impl->index = std::move(*idx);
  // Anything stored while we rebuilt is caught up now.
  if (auto s = m_impl->catch_up(*m_impl->index, *m_impl->store); !s) return s;
  auto ev = m_impl->store->audit(v.user, "reindex", "index", "docs=" + std::to_string(m_impl->index->doc_count()));
  if (!ev) return tl::unexpected(ev.error());
  return {};
}

Result<VerifyReport> Service::verify(const Viewer& v) const {
  VerifyReport report;
  auto problems = m_impl->store->verify();
  if (!problems) return tl::unexpected(problems.error());
  report.problems = *problems;
  auto& st = *m_impl->store;
  report.store_seq = st.last_seq();
  report.index_seq = m_impl->index->last_seq();
  report.index_docs = m_impl->index->doc_count();
  if (report.index_seq != report.store_seq)
    report.problems.push_back({"index", "index is at sequence " + std::to_string(report.index_seq) +
                                            ", store at " + std::to_string(report.store_seq)});
  // The documents the index must hold, derived from the store.
  std::set<std::string> expected;
  if (auto laws = st.laws())
    for (const auto& law : *laws)
      if (auto provs = st.provisions(law.id))
        for (const auto& p : *provs) expected.insert(internal::provision_doc_id(p.id));
  if (auto cases = st.cases())
    for (const auto& c : *cases) expected.insert(internal::case_doc_id(c.id));
  if (auto items = st.items())
    for (const auto& it : *items) {
      expected.insert(internal::item_doc_id(it.id));
      for (const auto& u : it.units) expected.insert(internal::item_unit_doc_id(it.id, u.number));
    }
  if (auto precs = st.precedents())
    for (const auto& p : *precs) expected.insert(internal::precedent_doc_id(p.id));
  report.expected_docs = static_cast<std::int64_t>(expected.size());
  auto ids = m_impl->index->ids();
  if (!ids) return tl::unexpected(ids.error());
  auto notes = m_impl->index->unindexed();
  if (!notes) return tl::unexpected(notes.error());
  const auto& unindexed = *notes;
  std::set<std::string> actual(ids->begin(), ids->end());
  std::set<std::string> keys;
  std::size_t missing = 0, extra = 0;
  for (const auto& e : expected) {
    keys.insert(search::index_key(e));
    if (actual.count(search::index_key(e))) continue;
    if (++missing > 20) continue;
    const auto note = unindexed.find(e);
    report.problems.push_back({e, note == unindexed.end() ? "missing from the index"
                                                          : "not indexed / tidak terindeks: " + note->second});
  }
  for (const auto& a : actual)
    if (!keys.count(a) && ++extra <= 20) report.problems.push_back({a, "in the index but not in the store"});
  m_impl->store->audit(v.user, "verify", "store", report.problems.empty() ? "ok" : std::to_string(report.problems.size()) + " problems");
  return report;
}

Result<store::Counts> Service::counts() const { return m_impl->store->counts(); }

Status Service::record(const Viewer& v, const std::string& action, const std::string& object,
                       const std::string& detail) {
  auto ev = m_impl->store->audit(v.user, action, object, detail);
  if (!ev) return tl::unexpected(ev.error());
  return {};
}

Result<std::vector<core::AuditEvent>> Service::audit_log(const Viewer& v, std::int64_t after, int limit) const {
  if (!policy().may_administer(v)) return fail(ErrorCode::forbidden, "hanya administrator / administrators only");
  return m_impl->store->audit_log(after, limit);
}

}  // namespace berkas::service
