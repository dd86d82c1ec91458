#include "store/internal/store_impl.h"

#include "store/internal/audit_chain.h"

namespace berkas::store {

// ---------------------------------------------------------------- verify

core::Result<std::vector<IntegrityProblem>> Store::verify() const {
  auto& db = m_impl->db;
  ReadScope snapshot(db);
  std::vector<IntegrityProblem> problems;

  {
    STORE_TRY_ASSIGN(stmt, db.prepare("PRAGMA integrity_check"));
    for (;;) {
      STORE_TRY_ASSIGN(row, stmt.step());
      if (!row) break;
      if (stmt.text(0) != "ok") problems.push_back({"database", stmt.text(0)});
    }
  }
  {
    STORE_TRY_ASSIGN(stmt, db.prepare("PRAGMA foreign_key_check"));
    for (;;) {
      STORE_TRY_ASSIGN(row, stmt.step());
      if (!row) break;
      problems.push_back({stmt.text(0) + " row " + stmt.text(1), "refers to a missing row of " + stmt.text(2)});
    }
  }
  // Content addresses: the key must be the SHA-256 of the bytes.
  for (const auto& [sql, label] : {std::pair{"SELECT sha256, bytes FROM sources ORDER BY sha256", "source "},
                                   std::pair{"SELECT sha256, bytes FROM attachments ORDER BY sha256", "attachment "}}) {
    STORE_TRY_ASSIGN(stmt, db.prepare(sql));
    for (;;) {
      STORE_TRY_ASSIGN(row, stmt.step());
      if (!row) break;
      const std::string key = stmt.text(0);
      const std::string actual = core::sha256_hex(stmt.blob(1));
      if (actual != key) problems.push_back({label + key, "bytes hash to " + actual});
    }
  }
  {
    // Every stored object's source must be kept (foreign keys can be switched off by a raw session).
    STORE_TRY_ASSIGN(stmt, db.prepare(
        "SELECT 'item ' || v.item_id || ' v' || v.version, v.source_sha256 FROM item_versions v "
        "WHERE NOT EXISTS (SELECT 1 FROM sources s WHERE s.sha256 = v.source_sha256) "
        "UNION ALL SELECT 'law ' || id, source_sha256 FROM laws t "
        "WHERE NOT EXISTS (SELECT 1 FROM sources s WHERE s.sha256 = t.source_sha256) "
        "UNION ALL SELECT 'case ' || id, source_sha256 FROM cases t "
        "WHERE NOT EXISTS (SELECT 1 FROM sources s WHERE s.sha256 = t.source_sha256) "
        "UNION ALL SELECT 'person ' || id, source_sha256 FROM persons t "
        "WHERE NOT EXISTS (SELECT 1 FROM sources s WHERE s.sha256 = t.source_sha256) "
        "UNION ALL SELECT 'precedent ' || id, source_sha256 FROM precedents t "
        "WHERE NOT EXISTS (SELECT 1 FROM sources s WHERE s.sha256 = t.source_sha256) "
        "UNION ALL SELECT 'protection ' || id || ' v' || version, source_sha256 FROM protection_versions t "
        "WHERE NOT EXISTS (SELECT 1 FROM sources s WHERE s.sha256 = t.source_sha256) "
        "UNION ALL SELECT 'restitution ' || id || ' v' || version, source_sha256 FROM restitution_versions t "
        "WHERE NOT EXISTS (SELECT 1 FROM sources s WHERE s.sha256 = t.source_sha256)"));
    for (;;) {
      STORE_TRY_ASSIGN(row, stmt.step());
      if (!row) break;
      problems.push_back({stmt.text(0), "source " + stmt.text(1) + " is missing"});
    }
  }
  {
    STORE_TRY_ASSIGN(stmt, db.prepare(
        "SELECT 'item ' || a.item_id || ' v' || a.version, a.sha256, a.name FROM item_attachments a "
        "WHERE NOT EXISTS (SELECT 1 FROM attachments s WHERE s.sha256 = a.sha256)"));
    for (;;) {
      STORE_TRY_ASSIGN(row, stmt.step());
      if (!row) break;
      problems.push_back({stmt.text(0), "attachment " + stmt.text(2) + " (" + stmt.text(1) + ") is not stored"});
    }
  }
  {
    // Versions are 1..n without gaps and the latest pointer names the newest one and its source.
    STORE_TRY_ASSIGN(stmt, db.prepare(
        "SELECT i.id, i.latest_version, count(v.version), coalesce(max(v.version), 0), "
        "(SELECT source_sha256 FROM item_versions WHERE item_id = i.id AND version = i.latest_version), "
        "i.latest_sha256 FROM items i LEFT JOIN item_versions v ON v.item_id = i.id GROUP BY i.id "
        "HAVING count(v.version) != max(v.version) OR i.latest_version != max(v.version) "
        "OR count(v.version) = 0 OR i.latest_sha256 IS NOT "
        "(SELECT source_sha256 FROM item_versions WHERE item_id = i.id AND version = i.latest_version)"));
    for (;;) {
      STORE_TRY_ASSIGN(row, stmt.step());
      if (!row) break;
      problems.push_back({"item " + stmt.text(0), "version history is inconsistent (latest " + stmt.text(1) +
                                                      ", " + stmt.text(2) + " versions, highest " + stmt.text(3) + ")"});
    }
  }
  {
    // Protection measures and restitution claims: versions 1..n, the pointer on the newest, and
    // each version's fields (with entries and evidence links) still hashing to its row_sha256.
    STORE_TRY_ASSIGN(stmt, db.prepare(
        "SELECT 'protection ' || p.id, p.latest_version, count(v.version), coalesce(max(v.version), 0) "
        "FROM protections p LEFT JOIN protection_versions v ON v.id = p.id GROUP BY p.id "
        "HAVING count(v.version) != max(v.version) OR p.latest_version != max(v.version) OR count(v.version) = 0 "
        "OR p.latest_sha256 IS NOT (SELECT source_sha256 FROM protection_versions WHERE id = p.id AND version = p.latest_version) "
        "UNION ALL SELECT 'restitution ' || c.id, c.latest_version, count(v.version), coalesce(max(v.version), 0) "
        "FROM restitution_claims c LEFT JOIN restitution_versions v ON v.id = c.id GROUP BY c.id "
        "HAVING count(v.version) != max(v.version) OR c.latest_version != max(v.version) OR count(v.version) = 0 "
        "OR c.latest_sha256 IS NOT (SELECT source_sha256 FROM restitution_versions WHERE id = c.id AND version = c.latest_version)"));
    for (;;) {
      STORE_TRY_ASSIGN(row, stmt.step());
      if (!row) break;
      problems.push_back({stmt.text(0), "version history is inconsistent (latest " + stmt.text(1) + ", " +
                                            stmt.text(2) + " versions, highest " + stmt.text(3) + ")"});
    }
  }
  {
    STORE_TRY_ASSIGN(stmt, db.prepare("SELECT " BERKAS_PROTECTION_COLUMNS " FROM protection_versions v "
                                      "ORDER BY v.id, v.version"));
    for (;;) {
      STORE_TRY_ASSIGN(row, stmt.step());
      if (!row) break;
      const std::string name = "protection " + stmt.text(0) + " v" + stmt.text(1);
      auto m = m_impl->read_protection(stmt);
      if (!m) problems.push_back({name, m.error().message});
      else if (row_digest(*m) != stmt.text(14)) problems.push_back({name, "the stored fields were altered (row hash)"});
    }
  }
  {
    STORE_TRY_ASSIGN(stmt, db.prepare("SELECT " BERKAS_RESTITUTION_COLUMNS " FROM restitution_versions v "
                                      "ORDER BY v.id, v.version"));
    for (;;) {
      STORE_TRY_ASSIGN(row, stmt.step());
      if (!row) break;
      const std::string name = "restitution " + stmt.text(0) + " v" + stmt.text(1);
      auto c = m_impl->read_restitution(stmt);
      if (!c) problems.push_back({name, c.error().message});
      else if (row_digest(*c) != stmt.text(13)) problems.push_back({name, "the stored fields were altered (row hash)"});
    }
  }
  {
    // The audit chain, re-hashed from genesis. A gap in seq means a removed event.
    STORE_TRY_ASSIGN(stmt, db.prepare(
        "SELECT seq, time, actor, action, object, detail, prev_hash, hash FROM audit_log ORDER BY seq"));
    std::int64_t expected_seq = 1;
    std::string prev = internal::k_genesis_hash;
    for (;;) {
      STORE_TRY_ASSIGN(row, stmt.step());
      if (!row) break;
      core::AuditEvent e{stmt.int64(0), stmt.text(1), stmt.text(2), stmt.text(3), stmt.text(4), stmt.text(5),
                         stmt.text(6), stmt.text(7)};
      const std::string name = "audit #" + std::to_string(e.seq);
      if (e.seq != expected_seq)
        problems.push_back({name, "expected #" + std::to_string(expected_seq) + ": events are missing"});
      if (e.prev_hash != prev) problems.push_back({name, "prev_hash does not match the previous event's hash"});
      if (internal::audit_hash(e) != e.hash)
        problems.push_back({name, "hash does not match the event's fields (the event was altered)"});
      prev = e.hash;
      expected_seq = e.seq + 1;
    }
  }
  return problems;
}

}  // namespace berkas::store
