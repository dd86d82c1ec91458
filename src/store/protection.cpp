#include "store/internal/store_impl.h"

#include <utility>

namespace berkas::store {

// ---------------------------------------------------------------- witness protection and restitution (schema v4)

namespace {

// Canonical bytes of a stored record: every field length-prefixed, so that no two different
// records give the same bytes. Its SHA-256 is kept in row_sha256 and recomputed by verify().
class Canon {
 public:
  Canon& add(const std::string& v) {
    m_out += std::to_string(v.size());
    m_out += ':';
    m_out += v;
    m_out += ';';
    return *this;
  }
  Canon& add(std::int64_t v) { return add(std::to_string(v)); }
  std::string sha256() const { return core::sha256_hex(m_out); }

 private:
  std::string m_out;
};

}  // namespace

namespace internal {

std::string row_digest(const core::ProtectionMeasure& m) {
  Canon c;
  c.add("protection").add(m.id).add(m.version).add(m.person_id).add(m.case_id).add(core::code_of(m.kind));
  c.add(core::code_of(m.status)).add(m.requested).add(m.decided).add(m.until).add(m.authority).add(m.reference);
  c.add(m.description).add(m.fictional ? 1 : 0).add(m.source_sha256);
  return c.sha256();
}

std::string row_digest(const core::RestitutionClaim& r) {
  Canon c;
  c.add("restitution").add(r.id).add(r.version).add(r.person_id).add(r.case_id).add(core::code_of(r.status));
  c.add(r.date).add(r.assessed_by).add(r.claimant_note).add(r.granted_rupiah ? 1 : 0).add(r.granted_rupiah.value_or(0));
  c.add(r.decision_reference).add(r.fictional ? 1 : 0).add(r.source_sha256);
  c.add(static_cast<std::int64_t>(r.entries.size()));
  for (const auto& e : r.entries) {
    c.add(core::code_of(e.head)).add(e.description).add(e.amount_rupiah);
    c.add(static_cast<std::int64_t>(e.evidence_ids.size()));
    for (const auto& id : e.evidence_ids) c.add(id);
  }
  return c.sha256();
}

}  // namespace internal

namespace {

core::Status require_owner(const std::string& id, const std::string& person_id, const std::string& case_id,
                           const std::string& what) {
  STORE_TRY(require_id(id, what));
  if (person_id.empty()) return fail(ErrorCode::invalid_input, what + " " + id + " names no person", {}, 0, "orang");
  if (case_id.empty()) return fail(ErrorCode::invalid_input, what + " " + id + " names no case", {}, 0, "perkara");
  return {};
}

}  // namespace

// The version a versioned record (protection, restitution) gets: 0 = unchanged (the bytes of
// a stored version), else latest + 1 (1 for a new record). `pointer_sql` selects
// (person_id, case_id, latest_version, latest_sha256) by id; `seen_sql` selects 1 for (id, sha256).
core::Result<int> Store::Impl::next_version(const char* pointer_sql, const char* seen_sql, const std::string& id,
                                            const std::string& person_id, const std::string& case_id,
                                            const std::string& hash, const std::string& what) {
  int version = 1;
  {
    STORE_TRY_ASSIGN(stmt, db.prepare(pointer_sql));
    stmt.bind_text(1, id);
    STORE_TRY_ASSIGN(row, stmt.step());
    if (!row) return 1;
    if (stmt.text(3) == hash) return 0;
    if (stmt.text(0) != person_id)
      // The stored person and case are not named: the caller may not be allowed to see them.
      return fail(ErrorCode::conflict,
                  what + " " + id + ": versi baru tidak boleh mengganti orangnya / a new version may not change its person",
                  {}, 0, "orang");
    if (stmt.text(1) != case_id)
      return fail(ErrorCode::conflict,
                  what + " " + id + ": versi baru tidak boleh mengganti perkaranya / a new version may not change its case",
                  {}, 0, "perkara");
    version = stmt.integer(2) + 1;
  }
  STORE_TRY_ASSIGN(stmt, db.prepare(seen_sql));
  stmt.bind_text(1, id).bind_text(2, hash);
  STORE_TRY_ASSIGN(row, stmt.step());
  if (row) return 0;
  return version;
}

core::Result<PutOutcome> Store::put_protection(const core::ProtectionMeasure& m, const std::string& source) {
  auto& d = *m_impl;
  STORE_TRY(d.require_writable());
  STORE_TRY(require_owner(m.id, m.person_id, m.case_id, "protection measure"));
  STORE_TRY_ASSIGN(hash, source_hash(m.source_sha256, source, "protection measure " + m.id));

  WriteScope scope(d.db);
  STORE_TRY(scope.start());
  STORE_TRY_ASSIGN(version, d.next_version(
      "SELECT person_id, case_id, latest_version, latest_sha256 FROM protections WHERE id = ?1",
      "SELECT 1 FROM protection_versions WHERE id = ?1 AND source_sha256 = ?2", m.id, m.person_id, m.case_id, hash,
      "protection measure"));
  if (version == 0) return PutOutcome::unchanged;

  core::ProtectionMeasure stored = m;
  stored.version = version;
  stored.source_sha256 = hash;
  const std::string now = internal::now_utc_iso();
  STORE_TRY(d.put_source(hash, source, now));
  {
    STORE_TRY_ASSIGN(stmt, d.db.prepare(
        "INSERT INTO protections (id, person_id, case_id, latest_version, latest_sha256) VALUES (?1, ?2, ?3, ?4, ?5) "
        "ON CONFLICT (id) DO UPDATE SET latest_version = excluded.latest_version, latest_sha256 = excluded.latest_sha256"));
    stmt.bind_text(1, m.id).bind_text(2, m.person_id).bind_text(3, m.case_id).bind_int(4, version).bind_text(5, hash);
    STORE_TRY(stmt.run());
  }
  {
    STORE_TRY_ASSIGN(stmt, d.db.prepare(
        "INSERT INTO protection_versions (id, version, person_id, case_id, kind, status, requested, decided, until_date, "
        "authority, reference, description, fictional, source_sha256, row_sha256, recorded_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)"));
    stmt.bind_text(1, m.id).bind_int(2, version).bind_text(3, m.person_id).bind_text(4, m.case_id);
    stmt.bind_text(5, core::code_of(m.kind)).bind_text(6, core::code_of(m.status)).bind_text(7, m.requested);
    stmt.bind_text(8, m.decided).bind_text(9, m.until).bind_text(10, m.authority).bind_text(11, m.reference);
    stmt.bind_text(12, m.description).bind_bool(13, m.fictional).bind_text(14, hash);
    stmt.bind_text(15, row_digest(stored)).bind_text(16, now);
    STORE_TRY(stmt.run());
  }
  STORE_TRY(scope.finish());
  return version == 1 ? PutOutcome::created : PutOutcome::new_version;
}

core::Result<PutOutcome> Store::put_restitution(const core::RestitutionClaim& c, const std::string& source) {
  auto& d = *m_impl;
  STORE_TRY(d.require_writable());
  STORE_TRY(require_owner(c.id, c.person_id, c.case_id, "restitution claim"));
  for (const auto& e : c.entries)
    if (e.amount_rupiah < 0)
      return fail(ErrorCode::invalid_input, "restitution claim " + c.id + ": an amount is negative", {}, 0, "jumlah");
  if (c.granted_rupiah && *c.granted_rupiah < 0)
    return fail(ErrorCode::invalid_input, "restitution claim " + c.id + ": the granted amount is negative", {}, 0,
                "dikabulkan");
  STORE_TRY_ASSIGN(hash, source_hash(c.source_sha256, source, "restitution claim " + c.id));

  WriteScope scope(d.db);
  STORE_TRY(scope.start());
  STORE_TRY_ASSIGN(version, d.next_version(
      "SELECT person_id, case_id, latest_version, latest_sha256 FROM restitution_claims WHERE id = ?1",
      "SELECT 1 FROM restitution_versions WHERE id = ?1 AND source_sha256 = ?2", c.id, c.person_id, c.case_id, hash,
      "restitution claim"));
  if (version == 0) return PutOutcome::unchanged;

  core::RestitutionClaim stored = c;
  stored.version = version;
  stored.source_sha256 = hash;
  const std::string now = internal::now_utc_iso();
  STORE_TRY(d.put_source(hash, source, now));
  {
    STORE_TRY_ASSIGN(stmt, d.db.prepare(
        "INSERT INTO restitution_claims (id, person_id, case_id, latest_version, latest_sha256) "
        "VALUES (?1, ?2, ?3, ?4, ?5) "
        "ON CONFLICT (id) DO UPDATE SET latest_version = excluded.latest_version, latest_sha256 = excluded.latest_sha256"));
    stmt.bind_text(1, c.id).bind_text(2, c.person_id).bind_text(3, c.case_id).bind_int(4, version).bind_text(5, hash);
    STORE_TRY(stmt.run());
  }
  {
    STORE_TRY_ASSIGN(stmt, d.db.prepare(
        "INSERT INTO restitution_versions (id, version, person_id, case_id, status, date, assessed_by, claimant_note, "
        "has_granted, granted_rupiah, decision_reference, fictional, source_sha256, row_sha256, recorded_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"));
    stmt.bind_text(1, c.id).bind_int(2, version).bind_text(3, c.person_id).bind_text(4, c.case_id);
    stmt.bind_text(5, core::code_of(c.status)).bind_text(6, c.date).bind_text(7, c.assessed_by);
    stmt.bind_text(8, c.claimant_note).bind_bool(9, c.granted_rupiah.has_value()).bind_int(10, c.granted_rupiah.value_or(0));
    stmt.bind_text(11, c.decision_reference).bind_bool(12, c.fictional).bind_text(13, hash);
    stmt.bind_text(14, row_digest(stored)).bind_text(15, now);
    STORE_TRY(stmt.run());
  }
  for (std::size_t i = 0; i < c.entries.size(); ++i) {
    const auto& e = c.entries[i];
    {
      STORE_TRY_ASSIGN(stmt, d.db.prepare(
          "INSERT INTO restitution_entries (claim_id, version, position, head, description, amount_rupiah) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
      stmt.bind_text(1, c.id).bind_int(2, version).bind_int(3, static_cast<std::int64_t>(i));
      stmt.bind_text(4, core::code_of(e.head)).bind_text(5, e.description).bind_int(6, e.amount_rupiah);
      STORE_TRY(stmt.run());
    }
    for (std::size_t k = 0; k < e.evidence_ids.size(); ++k) {
      STORE_TRY_ASSIGN(stmt, d.db.prepare(
          "INSERT INTO restitution_evidence (claim_id, version, entry_position, position, item_id) "
          "VALUES (?1, ?2, ?3, ?4, ?5)"));
      stmt.bind_text(1, c.id).bind_int(2, version).bind_int(3, static_cast<std::int64_t>(i));
      stmt.bind_int(4, static_cast<std::int64_t>(k)).bind_text(5, e.evidence_ids[k]);
      STORE_TRY(stmt.run());
    }
  }
  STORE_TRY(scope.finish());
  return version == 1 ? PutOutcome::created : PutOutcome::new_version;
}

core::Result<core::ProtectionMeasure> Store::Impl::read_protection(Statement& row) {
  core::ProtectionMeasure m;
  m.id = row.text(0);
  m.version = row.integer(1);
  m.person_id = row.text(2);
  m.case_id = row.text(3);
  const auto kind = core::parse_protection_kind(row.text(4));
  const auto status = core::parse_measure_status(row.text(5));
  if (!kind || !status)
    return fail(ErrorCode::integrity, "protection measure " + m.id + " v" + std::to_string(m.version) +
                                          " has an unknown kind or status");
  m.kind = *kind;
  m.status = *status;
  m.requested = row.text(6);
  m.decided = row.text(7);
  m.until = row.text(8);
  m.authority = row.text(9);
  m.reference = row.text(10);
  m.description = row.text(11);
  m.fictional = row.boolean(12);
  m.source_sha256 = row.text(13);
  return m;
}

core::Result<core::RestitutionClaim> Store::Impl::read_restitution(Statement& row) {
  core::RestitutionClaim c;
  c.id = row.text(0);
  c.version = row.integer(1);
  c.person_id = row.text(2);
  c.case_id = row.text(3);
  const auto status = core::parse_claim_status(row.text(4));
  if (!status)
    return fail(ErrorCode::integrity, "restitution claim " + c.id + " v" + std::to_string(c.version) +
                                          " has an unknown status '" + row.text(4) + "'");
  c.status = *status;
  c.date = row.text(5);
  c.assessed_by = row.text(6);
  c.claimant_note = row.text(7);
  if (row.boolean(8)) c.granted_rupiah = row.int64(9);
  c.decision_reference = row.text(10);
  c.fictional = row.boolean(11);
  c.source_sha256 = row.text(12);
  {
    STORE_TRY_ASSIGN(stmt, db.prepare("SELECT head, description, amount_rupiah FROM restitution_entries "
                                      "WHERE claim_id = ?1 AND version = ?2 ORDER BY position"));
    stmt.bind_text(1, c.id).bind_int(2, c.version);
    for (;;) {
      STORE_TRY_ASSIGN(r, stmt.step());
      if (!r) break;
      const auto head = core::parse_restitution_head(stmt.text(0));
      if (!head)
        return fail(ErrorCode::integrity, "restitution claim " + c.id + " has an unknown head '" + stmt.text(0) + "'");
      core::RestitutionEntry e;
      e.head = *head;
      e.description = stmt.text(1);
      e.amount_rupiah = stmt.int64(2);
      c.entries.push_back(std::move(e));
    }
  }
  {
    STORE_TRY_ASSIGN(stmt, db.prepare("SELECT entry_position, item_id FROM restitution_evidence "
                                      "WHERE claim_id = ?1 AND version = ?2 ORDER BY entry_position, position"));
    stmt.bind_text(1, c.id).bind_int(2, c.version);
    for (;;) {
      STORE_TRY_ASSIGN(r, stmt.step());
      if (!r) break;
      const auto at = static_cast<std::size_t>(stmt.int64(0));
      if (at >= c.entries.size())
        return fail(ErrorCode::integrity, "restitution claim " + c.id + " links evidence to a missing entry");
      c.entries[at].evidence_ids.push_back(stmt.text(1));
    }
  }
  return c;
}

core::Result<std::vector<core::ProtectionMeasure>> Store::protections(const std::string& person_id,
                                                                      const std::string& case_id) const {
  ReadScope snapshot(m_impl->db);
  STORE_TRY_ASSIGN(stmt, m_impl->db.prepare(
      "SELECT " BERKAS_PROTECTION_COLUMNS " FROM protections p "
      "JOIN protection_versions v ON v.id = p.id AND v.version = p.latest_version "
      "WHERE (?1 = '' OR p.person_id = ?1) AND (?2 = '' OR p.case_id = ?2) ORDER BY p.id"));
  stmt.bind_text(1, person_id).bind_text(2, case_id);
  std::vector<core::ProtectionMeasure> out;
  for (;;) {
    STORE_TRY_ASSIGN(row, stmt.step());
    if (!row) break;
    STORE_TRY_ASSIGN(m, m_impl->read_protection(stmt));
    out.push_back(std::move(m));
  }
  return out;
}

core::Result<std::vector<core::ProtectionMeasure>> Store::protection_versions(const std::string& id) const {
  ReadScope snapshot(m_impl->db);
  STORE_TRY_ASSIGN(stmt, m_impl->db.prepare(
      "SELECT " BERKAS_PROTECTION_COLUMNS " FROM protection_versions v WHERE v.id = ?1 ORDER BY v.version"));
  stmt.bind_text(1, id);
  std::vector<core::ProtectionMeasure> out;
  for (;;) {
    STORE_TRY_ASSIGN(row, stmt.step());
    if (!row) break;
    STORE_TRY_ASSIGN(m, m_impl->read_protection(stmt));
    out.push_back(std::move(m));
  }
  if (out.empty()) return fail(ErrorCode::not_found, "no protection measure " + id);
  return out;
}

core::Result<std::vector<core::RestitutionClaim>> Store::restitution_claims(const std::string& person_id,
                                                                            const std::string& case_id) const {
  ReadScope snapshot(m_impl->db);
  std::vector<core::RestitutionClaim> out;
  STORE_TRY_ASSIGN(stmt, m_impl->db.prepare(
      "SELECT " BERKAS_RESTITUTION_COLUMNS " FROM restitution_claims c "
      "JOIN restitution_versions v ON v.id = c.id AND v.version = c.latest_version "
      "WHERE (?1 = '' OR c.person_id = ?1) AND (?2 = '' OR c.case_id = ?2) ORDER BY c.id"));
  stmt.bind_text(1, person_id).bind_text(2, case_id);
  for (;;) {
    STORE_TRY_ASSIGN(row, stmt.step());
    if (!row) break;
    STORE_TRY_ASSIGN(c, m_impl->read_restitution(stmt));
    out.push_back(std::move(c));
  }
  return out;
}

core::Result<std::vector<core::RestitutionClaim>> Store::restitution_versions(const std::string& id) const {
  ReadScope snapshot(m_impl->db);
  STORE_TRY_ASSIGN(stmt, m_impl->db.prepare(
      "SELECT " BERKAS_RESTITUTION_COLUMNS " FROM restitution_versions v WHERE v.id = ?1 ORDER BY v.version"));
  stmt.bind_text(1, id);
  std::vector<core::RestitutionClaim> out;
  for (;;) {
    STORE_TRY_ASSIGN(row, stmt.step());
    if (!row) break;
    STORE_TRY_ASSIGN(c, m_impl->read_restitution(stmt));
    out.push_back(std::move(c));
  }
  if (out.empty()) return fail(ErrorCode::not_found, "no restitution claim " + id);
  return out;
}

}  // namespace berkas::store
