#include "store/internal/store_impl.h"

#include <filesystem>
#include <utility>

#include "store/internal/schema.h"

namespace berkas::store {

const char* to_string(PutOutcome o) {
  switch (o) {
    case PutOutcome::created: return "created";
    case PutOutcome::new_version: return "new_version";
    case PutOutcome::unchanged: return "unchanged";
  }
  return "";
}

namespace internal {

bool is_sha256_hex(const std::string& s) {
  if (s.size() != 64) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

core::Result<std::string> source_hash(const std::string& declared, const std::string& source,
                                      const std::string& what) {
  std::string actual = core::sha256_hex(source);
  if (!declared.empty() && declared != actual)
    return fail(ErrorCode::integrity,
                what + ": declared source SHA-256 " + declared + " does not match the bytes (" + actual + ")",
                {}, 0, "source_sha256");
  return actual;
}

core::Status replace_list(Database& db, const char* remove, const char* insert, const std::string& owner,
                          const std::vector<std::string>& values) {
  {
    STORE_TRY_ASSIGN(stmt, db.prepare(remove));
    stmt.bind_text(1, owner);
    STORE_TRY(stmt.run());
  }
  int position = 0;
  for (const auto& value : values) {
    STORE_TRY_ASSIGN(stmt, db.prepare(insert));
    stmt.bind_text(1, owner).bind_int(2, position++).bind_text(3, value);
    STORE_TRY(stmt.run());
  }
  return {};
}

core::Status require_id(const std::string& id, const std::string& what) {
  if (id.empty()) return fail(ErrorCode::invalid_input, what + " has no id", {}, 0, "id");
  return {};
}

}  // namespace internal

// ---------------------------------------------------------------- open

Store::Store(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Store::~Store() = default;

core::Result<std::unique_ptr<Store>> Store::open(const std::string& path, OpenMode mode) {
  std::error_code ec;
  if (mode != OpenMode::create_if_missing && !std::filesystem::exists(path, ec))
    return fail(ErrorCode::io, "store not found: " + path, path);

  auto impl = std::make_unique<Impl>();
  impl->mode = mode;
  int flags = mode == OpenMode::read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  if (mode == OpenMode::create_if_missing) flags |= SQLITE_OPEN_CREATE;
  auto& db = impl->db;
  auto with_path = [&path](core::Error e) {
    e.file = path;
    return tl::unexpected<core::Error>(std::move(e));
  };
  if (auto s = db.open(path, flags); !s) return with_path(s.error());

  // Writers wait for each other (several Store objects, or another process) instead of failing.
  sqlite3_busy_timeout(db.handle(), 10000);
  if (auto s = db.exec_script("PRAGMA foreign_keys = ON"); !s) return with_path(s.error());
  if (mode != OpenMode::read_only) {
    // 16 KiB pages for a new file (ignored for an existing one): rows carry whole source files,
    // and larger pages cut the write calls of a bulk ingest by about four.
    if (auto s = db.exec_script("PRAGMA page_size = 16384"); !s) return with_path(s.error());
    // WAL: readers never block the writer and a reader sees the last commit. synchronous=FULL
    // (one fsync of the WAL per commit) because a commit here is a promise to an investigator
    // that evidence and its audit event are kept; NORMAL could lose the last commits on power
    // loss. The cost is per transaction, so bulk loads batch many puts into one.
    if (auto s = db.exec_script("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"); !s)
      return with_path(s.error());
  }
  // A 64 MiB page cache (the default is 2 MiB): a bulk ingest touches the same index pages
  // (items, changes, citations) over and over, and re-reading them dominated its profile.
  if (auto s = db.exec_script("PRAGMA cache_size = -65536"); !s) return with_path(s.error());
  auto version = internal::migrate(db, mode == OpenMode::read_only);
  if (!version) return with_path(version.error());
  impl->schema_version = *version;
  return std::unique_ptr<Store>(new Store(std::move(impl)));
}

int Store::schema_version() const { return m_impl->schema_version; }

// ---------------------------------------------------------------- transactions

core::Status Store::begin() {
  STORE_TRY(m_impl->require_writable());
  if (m_impl->db.in_transaction()) return fail(ErrorCode::conflict, "a transaction is already open");
  return m_impl->db.exec("BEGIN IMMEDIATE");
}

core::Status Store::commit() {
  if (!m_impl->db.in_transaction()) return fail(ErrorCode::conflict, "no transaction is open");
  return m_impl->db.exec("COMMIT");
}

void Store::rollback() {
  if (m_impl->db.in_transaction()) (void)m_impl->db.exec("ROLLBACK");
}

core::Status Store::savepoint(const std::string& name) {
  STORE_TRY(m_impl->require_writable());
  return m_impl->db.exec_script(("SAVEPOINT " + name).c_str());
}

core::Status Store::release(const std::string& name) { return m_impl->db.exec_script(("RELEASE " + name).c_str()); }

void Store::rollback_to(const std::string& name) {
  (void)m_impl->db.exec_script(("ROLLBACK TO " + name).c_str());
  (void)m_impl->db.exec_script(("RELEASE " + name).c_str());
}

bool Store::in_transaction() const { return m_impl->db.in_transaction(); }

// ---------------------------------------------------------------- counts

core::Result<Counts> Store::counts() const {
  ReadScope snapshot(m_impl->db);
  Counts c;
  const std::pair<const char*, std::int64_t*> queries[] = {
      {"SELECT count(*) FROM laws", &c.laws},
      {"SELECT count(*) FROM provisions", &c.provisions},
      {"SELECT count(*) FROM cases", &c.cases},
      {"SELECT count(*) FROM persons", &c.persons},
      {"SELECT count(*) FROM items", &c.items},
      {"SELECT count(*) FROM item_versions", &c.item_versions},
      {"SELECT count(*) FROM precedents", &c.precedents},
      {"SELECT (SELECT count(*) FROM item_citations) + (SELECT count(*) FROM precedent_citations)", &c.citations},
      {"SELECT count(*) FROM attachments", &c.attachments},
      {"SELECT count(*) FROM audit_log", &c.audit_events},
      {"SELECT count(*) FROM protections", &c.protections},
      {"SELECT count(*) FROM restitution_claims", &c.restitution_claims},
  };
  for (const auto& [sql, out] : queries) {
    STORE_TRY_ASSIGN(stmt, m_impl->db.prepare(sql));
    STORE_TRY(stmt.step());
    *out = stmt.int64(0);
  }
  return c;
}

}  // namespace berkas::store
