#include "store/internal/store_impl.h"

#include <utility>

namespace berkas::store {

// ---------------------------------------------------------------- bundles (schema v3)

namespace {

BundleRecord bundle_of_row(const internal::Statement& st) {
  BundleRecord b;
  b.id = st.int64(0);
  b.case_id = st.text(1);
  b.template_name = st.text(2);
  b.created_at = st.text(3);
  b.recorded_at = st.text(4);
  b.sha256 = st.text(5);
  b.manifest_sha256 = st.text(6);
  b.content_sha256 = st.text(7);
  b.page_count = st.integer(8);
  b.file_name = st.text(9);
  b.stamp_prefix = st.text(10);
  b.user = st.text(11);
  b.redacted = st.boolean(12);
  return b;
}

core::Status load_bundle_entries(internal::Database& db, BundleRecord& b) {
  STORE_TRY_ASSIGN(stmt, db.prepare("SELECT object_id, kind, version, sha256, first_page, last_page, withheld "
                                    "FROM bundle_entries WHERE bundle_id = ?1 ORDER BY position"));
  stmt.bind_int(1, b.id);
  for (;;) {
    STORE_TRY_ASSIGN(row, stmt.step());
    if (!row) break;
    b.entries.push_back({stmt.text(0), stmt.text(1), stmt.integer(2), stmt.text(3), stmt.integer(4), stmt.integer(5),
                         stmt.boolean(6)});
  }
  return {};
}

}  // namespace

core::Result<PutOutcome> Store::put_bundle(BundleRecord& b) {
  auto& d = *m_impl;
  STORE_TRY(d.require_writable());
  STORE_TRY(require_id(b.case_id, "bundle"));
  if (!is_sha256_hex(b.sha256))
    return fail(ErrorCode::invalid_input, "bundle SHA-256 is not lowercase hex: " + b.sha256, {}, 0, "sha256");
  if (b.page_count < 1) return fail(ErrorCode::invalid_input, "bundle has no pages", {}, 0, "page_count");
  WriteScope scope(d.db);
  STORE_TRY(scope.start());
  if (auto existing = bundle_by_sha256(b.sha256)) {
    b = *existing;
    STORE_TRY(scope.finish());
    return PutOutcome::unchanged;
  } else if (existing.error().code != ErrorCode::not_found) {
    return tl::unexpected(existing.error());
  }
  b.recorded_at = internal::now_utc_iso();
  {
    STORE_TRY_ASSIGN(stmt, d.db.prepare(
        "INSERT INTO bundles (case_id, template, created_at, recorded_at, sha256, manifest_sha256, content_sha256, "
        "page_count, file_name, stamp_prefix, user_name, redacted) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"));
    stmt.bind_text(1, b.case_id).bind_text(2, b.template_name).bind_text(3, b.created_at).bind_text(4, b.recorded_at);
    stmt.bind_text(5, b.sha256).bind_text(6, b.manifest_sha256).bind_text(7, b.content_sha256);
    stmt.bind_int(8, b.page_count).bind_text(9, b.file_name);
    stmt.bind_text(10, b.stamp_prefix).bind_text(11, b.user).bind_bool(12, b.redacted);
    STORE_TRY(stmt.run());
  }
  b.id = sqlite3_last_insert_rowid(d.db.handle());
  for (std::size_t i = 0; i < b.entries.size(); ++i) {
    const auto& e = b.entries[i];
    STORE_TRY_ASSIGN(stmt, d.db.prepare(
        "INSERT INTO bundle_entries (bundle_id, position, object_id, kind, version, sha256, first_page, last_page, "
        "withheld) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"));
    stmt.bind_int(1, b.id).bind_int(2, static_cast<std::int64_t>(i)).bind_text(3, e.object_id).bind_text(4, e.kind);
    stmt.bind_int(5, e.version).bind_text(6, e.sha256).bind_int(7, e.first_page).bind_int(8, e.last_page);
    stmt.bind_bool(9, e.withheld);
    STORE_TRY(stmt.run());
  }
  STORE_TRY(scope.finish());
  return PutOutcome::created;
}

core::Result<std::vector<BundleRecord>> Store::bundles(const std::string& case_id) const {
  auto& d = *m_impl;
  internal::ReadScope snapshot(d.db);
  std::vector<BundleRecord> out;
  {
    STORE_TRY_ASSIGN(stmt, d.db.prepare(
        "SELECT id, case_id, template, created_at, recorded_at, sha256, manifest_sha256, content_sha256, page_count, file_name, "
        "stamp_prefix, user_name, redacted FROM bundles WHERE ?1 = '' OR case_id = ?1 ORDER BY id"));
    stmt.bind_text(1, case_id);
    for (;;) {
      STORE_TRY_ASSIGN(row, stmt.step());
      if (!row) break;
      out.push_back(bundle_of_row(stmt));
    }
  }
  for (auto& b : out) STORE_TRY(load_bundle_entries(d.db, b));
  return out;
}

core::Result<BundleRecord> Store::bundle_by_sha256(const std::string& sha256) const {
  auto& d = *m_impl;
  internal::ReadScope snapshot(d.db);
  BundleRecord b;
  {
    STORE_TRY_ASSIGN(stmt, d.db.prepare(
        "SELECT id, case_id, template, created_at, recorded_at, sha256, manifest_sha256, content_sha256, page_count, file_name, "
        "stamp_prefix, user_name, redacted FROM bundles WHERE sha256 = ?1"));
    stmt.bind_text(1, sha256);
    STORE_TRY_ASSIGN(row, stmt.step());
    if (!row) return fail(ErrorCode::not_found, "no bundle with SHA-256 " + sha256, {}, 0, "sha256");
    b = bundle_of_row(stmt);
  }
  STORE_TRY(load_bundle_entries(d.db, b));
  return b;
}

}  // namespace berkas::store
