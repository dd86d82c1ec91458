#include "store/internal/store_impl.h"

#include "store/internal/audit_chain.h"

namespace berkas::store {

// ---------------------------------------------------------------- audit

core::Result<core::AuditEvent> Store::audit(const std::string& actor, const std::string& action,
                                            const std::string& object, const std::string& detail) {
  auto& d = *m_impl;
  STORE_TRY(d.require_writable());
  // The write lock (IMMEDIATE, or the caller's transaction begun IMMEDIATE) is held from reading
  // the chain's tail to appending, so two writers cannot both chain onto the same event.
  WriteScope scope(d.db);
  STORE_TRY(scope.start());
  core::AuditEvent e;
  e.seq = 1;
  e.prev_hash = internal::k_genesis_hash;
  {
    STORE_TRY_ASSIGN(stmt, d.db.prepare("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"));
    STORE_TRY_ASSIGN(row, stmt.step());
    if (row) {
      e.seq = stmt.int64(0) + 1;
      e.prev_hash = stmt.text(1);
    }
  }
  e.time = internal::now_utc_iso();
  e.actor = actor;
  e.action = action;
  e.object = object;
  e.detail = detail;
  e.hash = internal::audit_hash(e);
  STORE_TRY_ASSIGN(stmt, d.db.prepare(
      "INSERT INTO audit_log (seq, time, actor, action, object, detail, prev_hash, hash) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"));
  stmt.bind_int(1, e.seq).bind_text(2, e.time).bind_text(3, e.actor).bind_text(4, e.action);
  stmt.bind_text(5, e.object).bind_text(6, e.detail).bind_text(7, e.prev_hash).bind_text(8, e.hash);
  STORE_TRY(stmt.run());
  STORE_TRY(scope.finish());
  return e;
}

core::Result<std::vector<core::AuditEvent>> Store::audit_log(std::int64_t after_seq, int limit) const {
  STORE_TRY_ASSIGN(stmt, m_impl->db.prepare(
      "SELECT seq, time, actor, action, object, detail, prev_hash, hash FROM audit_log "
      "WHERE seq > ?1 ORDER BY seq LIMIT ?2"));
  stmt.bind_int(1, after_seq).bind_int(2, limit);
  std::vector<core::AuditEvent> out;
  for (;;) {
    STORE_TRY_ASSIGN(row, stmt.step());
    if (!row) break;
    out.push_back({stmt.int64(0), stmt.text(1), stmt.text(2), stmt.text(3), stmt.text(4), stmt.text(5),
                   stmt.text(6), stmt.text(7)});
  }
  return out;
}

// ---------------------------------------------------------------- change log

std::int64_t Store::last_seq() const {
  auto stmt = m_impl->db.prepare("SELECT coalesce(max(seq), 0) FROM changes");
  if (!stmt) return 0;
  auto row = stmt->step();
  return row && *row ? stmt->int64(0) : 0;
}

core::Result<std::vector<Change>> Store::changes_since(std::int64_t seq) const {
  // max(seq) over entries after `seq` is each object's latest entry overall, since any later
  // entry is also after `seq`.
  STORE_TRY_ASSIGN(stmt, m_impl->db.prepare("SELECT max(seq), kind, object_id FROM changes WHERE seq > ?1 "
                                            "GROUP BY kind, object_id ORDER BY 1"));
  stmt.bind_int(1, seq);
  std::vector<Change> out;
  for (;;) {
    STORE_TRY_ASSIGN(row, stmt.step());
    if (!row) break;
    out.push_back({stmt.int64(0), stmt.text(1), stmt.text(2)});
  }
  return out;
}

}  // namespace berkas::store
