// store/internal/store_impl: the state every part of the Store shares (Store::Impl with its
// connection and statement helpers), the checks the put_* functions share, and the column lists
// read by more than one file. Module-private: included by src/store/*.cpp only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/hash.h"
#include "store/internal/sqlite.h"
#include "store/store.h"

namespace berkas::store {

using core::ErrorCode;
using core::fail;
using internal::ReadScope;
using internal::Statement;
using internal::WriteScope;

namespace internal {

bool is_sha256_hex(const std::string& s);

// The hash of `source`, checked against the hash the caller already computed (if any), so an
// object can never be stored under a hash that is not its bytes'.
core::Result<std::string> source_hash(const std::string& declared, const std::string& source,
                                      const std::string& what);

// Replaces an object's ordered list (case_provisions, person_cases): deletes the old rows, then
// inserts (owner, position, value) for each value. `remove` and `insert` must be string
// literals: the statement cache keys on their address.
core::Status replace_list(Database& db, const char* remove, const char* insert, const std::string& owner,
                          const std::vector<std::string>& values);

core::Status require_id(const std::string& id, const std::string& what);

// Canonical digest of a stored protection / restitution record (protection.cpp): kept in
// row_sha256 when written and recomputed by verify().
std::string row_digest(const core::ProtectionMeasure& m);
std::string row_digest(const core::RestitutionClaim& r);

}  // namespace internal

using internal::is_sha256_hex;
using internal::replace_list;
using internal::require_id;
using internal::row_digest;
using internal::source_hash;

// ---------------------------------------------------------------- Impl

struct Store::Impl {
  internal::Database db;
  OpenMode mode = OpenMode::create_if_missing;
  int schema_version = 0;

  core::Status require_writable() const {
    if (mode == OpenMode::read_only) return fail(ErrorCode::forbidden, "the store is open read-only");
    return {};
  }

  core::Status put_source(const std::string& sha256, const std::string& bytes, const std::string& now) {
    // OR IGNORE, never OR REPLACE: a REPLACE would delete the immutable row.
    STORE_TRY_ASSIGN(stmt, db.prepare("INSERT OR IGNORE INTO sources (sha256, bytes, size, stored_at) "
                                      "VALUES (?1, ?2, ?3, ?4)"));
    stmt.bind_text(1, sha256).bind_blob_static(2, bytes).bind_int(3, static_cast<std::int64_t>(bytes.size()));
    stmt.bind_text(4, now);
    return stmt.run();
  }

  core::Result<std::int64_t> log_change(const char* kind, const std::string& object_id, const std::string& now) {
    STORE_TRY_ASSIGN(stmt, db.prepare("INSERT INTO changes (kind, object_id, at) VALUES (?1, ?2, ?3)"));
    stmt.bind_text(1, kind).bind_text(2, object_id).bind_text(3, now);
    STORE_TRY(stmt.run());
    return static_cast<std::int64_t>(sqlite3_last_insert_rowid(db.handle()));
  }

  // The stored source hash of a mutable object (law, case, person, precedent), if present.
  core::Result<std::optional<std::string>> stored_hash(const char* sql, const std::string& id) {
    STORE_TRY_ASSIGN(stmt, db.prepare(sql));
    stmt.bind_text(1, id);
    STORE_TRY_ASSIGN(row, stmt.step());
    if (!row) return std::optional<std::string>();
    return std::optional<std::string>(stmt.text(0));
  }

  // `sql` binds (id, [version,] position, provision_id, raw, byte_offset); version only for items.
  core::Status put_citations(const char* sql, const std::string& id, std::optional<int> version,
                             const std::vector<core::Citation>& citations) {
    int position = 0;
    for (const auto& c : citations) {
      STORE_TRY_ASSIGN(stmt, db.prepare(sql));
      int i = 1;
      stmt.bind_text(i++, id);
      if (version) stmt.bind_int(i++, *version);
      // i is now the position parameter's index.
      stmt.bind_int(i, position++);
      stmt.bind_text(i + 1, c.provision_id);
      stmt.bind_text(i + 2, c.raw);
      stmt.bind_int(i + 3, static_cast<std::int64_t>(c.offset));
      STORE_TRY(stmt.run());
    }
    return {};
  }

  core::Result<std::vector<std::string>> strings(const char* sql, const std::string& id) {
    STORE_TRY_ASSIGN(stmt, db.prepare(sql));
    stmt.bind_text(1, id);
    std::vector<std::string> out;
    for (;;) {
      STORE_TRY_ASSIGN(row, stmt.step());
      if (!row) break;
      out.push_back(stmt.text(0));
    }
    return out;
  }

  core::Result<std::vector<core::Citation>> citations(const char* sql, const std::string& id,
                                                      std::optional<int> version) {
    STORE_TRY_ASSIGN(stmt, db.prepare(sql));
    stmt.bind_text(1, id);
    if (version) stmt.bind_int(2, *version);
    std::vector<core::Citation> out;
    for (;;) {
      STORE_TRY_ASSIGN(row, stmt.step());
      if (!row) break;
      out.push_back({stmt.text(0), stmt.text(1), static_cast<std::size_t>(stmt.int64(2))});
    }
    return out;
  }

  // Objects citing a provision or, through the "id/" prefix, any provision under it (a Pasal's
  // ayat). The prefix is a range [id/, id0) because '0' follows '/' in ASCII: this uses the
  // index, where LIKE would not (and LIKE would also treat '_' in ids as a wildcard).
  core::Result<std::vector<std::string>> citing(const char* sql, const std::string& provision_id) {
    STORE_TRY_ASSIGN(stmt, db.prepare(sql));
    stmt.bind_text(1, provision_id).bind_text(2, provision_id + "/").bind_text(3, provision_id + "0");
    std::vector<std::string> out;
    for (;;) {
      STORE_TRY_ASSIGN(row, stmt.step());
      if (!row) break;
      out.push_back(stmt.text(0));
    }
    return out;
  }

  core::Result<int> latest_version(const std::string& id) {
    STORE_TRY_ASSIGN(stmt, db.prepare("SELECT latest_version FROM items WHERE id = ?1"));
    stmt.bind_text(1, id);
    STORE_TRY_ASSIGN(row, stmt.step());
    if (!row) return fail(ErrorCode::not_found, "no evidence item " + id);
    return stmt.integer(0);
  }

  core::Result<int> resolve_version(const std::string& id, int version) {
    if (version != 0) return version;
    return latest_version(id);
  }

  core::Result<core::EvidenceItem> load_item(const std::string& id, int version);
  core::Result<core::Case> load_case(Statement& row);
  core::Result<core::Person> load_person(Statement& row);
  core::Result<core::Precedent> load_precedent(Statement& row);
  static core::Status put_penalty(internal::Database& db, const std::string& precedent_id, int position, const char* role,
                                  const core::Penalty& pen);
  static core::Result<core::Provision> read_provision(Statement& row);
  static core::Law read_law(Statement& row);
  core::Result<core::ProtectionMeasure> read_protection(Statement& row);
  core::Result<core::RestitutionClaim> read_restitution(Statement& row);
  core::Result<int> next_version(const char* pointer_sql, const char* seen_sql, const std::string& id,
                                 const std::string& person_id, const std::string& case_id, const std::string& hash,
                                 const std::string& what);
};

// Column lists read by protection.cpp and verify.cpp (through Impl::read_protection/read_restitution).
#define BERKAS_PROTECTION_COLUMNS                                                                       \
  "v.id, v.version, v.person_id, v.case_id, v.kind, v.status, v.requested, v.decided, v.until_date, " \
  "v.authority, v.reference, v.description, v.fictional, v.source_sha256, v.row_sha256"

#define BERKAS_RESTITUTION_COLUMNS                                                                          \
  "v.id, v.version, v.person_id, v.case_id, v.status, v.date, v.assessed_by, v.claimant_note, v.has_granted, " \
  "v.granted_rupiah, v.decision_reference, v.fictional, v.source_sha256, v.row_sha256"

}  // namespace berkas::store
