#include "store/internal/sqlite.h"

#include <cassert>
#include <chrono>
#include <ctime>

namespace berkas::store::internal {

core::Error sqlite_error(sqlite3* db, int rc, std::string_view what) {
  core::ErrorCode code = core::ErrorCode::io;
  switch (rc & 0xff) {
    case SQLITE_CONSTRAINT: code = core::ErrorCode::conflict; break;
    case SQLITE_CORRUPT: code = core::ErrorCode::integrity; break;
    case SQLITE_NOTADB: code = core::ErrorCode::invalid_input; break;
    case SQLITE_READONLY: code = core::ErrorCode::forbidden; break;
    case SQLITE_MISUSE:
    case SQLITE_RANGE: code = core::ErrorCode::internal; break;
    default: break;
  }
  // sqlite3_errmsg describes the most recent failure on this connection, which is this one
  // as long as the caller translates immediately; without a handle fall back to the generic text.
  const char* detail = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  std::string message = "store: ";
  message.append(what);
  message += ": ";
  message += detail ? detail : sqlite3_errstr(rc);
  return core::Error{code, std::move(message), {}, 0, {}};
}

// ---------------------------------------------------------------- Statement

Statement::Statement(sqlite3* db, sqlite3_stmt* stmt, bool* in_use)
    : m_db(db), m_stmt(stmt), m_in_use(in_use) {}

Statement::Statement(Statement&& other) noexcept
    : m_db(other.m_db), m_stmt(other.m_stmt), m_in_use(other.m_in_use), m_bind_rc(other.m_bind_rc) {
  other.m_stmt = nullptr;
  other.m_in_use = nullptr;
}

Statement::~Statement() {
  if (!m_stmt) return;
  if (m_in_use) {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    *m_in_use = false;
  } else {
    sqlite3_finalize(m_stmt);
  }
}

Statement& Statement::bind_text(int i, std::string_view text) {
  const int rc = sqlite3_bind_text64(m_stmt, i, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  assert(rc != SQLITE_RANGE);
  if (rc != SQLITE_OK && m_bind_rc == SQLITE_OK) m_bind_rc = rc;
  return *this;
}

Statement& Statement::bind_int(int i, std::int64_t v) {
  const int rc = sqlite3_bind_int64(m_stmt, i, v);
  assert(rc != SQLITE_RANGE);
  if (rc != SQLITE_OK && m_bind_rc == SQLITE_OK) m_bind_rc = rc;
  return *this;
}

Statement& Statement::bind_blob_static(int i, std::string_view bytes) {
  // A zero-length blob would bind as NULL through a null data pointer; zeroblob keeps it a BLOB.
  const int rc = bytes.empty() ? sqlite3_bind_zeroblob(m_stmt, i, 0)
                               : sqlite3_bind_blob64(m_stmt, i, bytes.data(), bytes.size(), SQLITE_STATIC);
  assert(rc != SQLITE_RANGE);
  if (rc != SQLITE_OK && m_bind_rc == SQLITE_OK) m_bind_rc = rc;
  return *this;
}

core::Result<bool> Statement::step() {
  if (m_bind_rc != SQLITE_OK) return tl::unexpected(sqlite_error(nullptr, m_bind_rc, "binding a value"));
  const int rc = sqlite3_step(m_stmt);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  // Name the statement (its SQL has no values: every value is bound) to make the failure findable.
  std::string what(sqlite3_sql(m_stmt));
  if (what.size() > 60) what = what.substr(0, 60) + "...";
  return tl::unexpected(sqlite_error(m_db, rc, what));
}

core::Status Statement::run() {
  for (;;) {
    STORE_TRY_ASSIGN(row, step());
    if (!row) return {};
  }
}

std::string Statement::text(int col) const {
  const auto* p = sqlite3_column_text(m_stmt, col);
  const int n = sqlite3_column_bytes(m_stmt, col);
  return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n)) : std::string();
}

std::string Statement::blob(int col) const {
  const void* p = sqlite3_column_blob(m_stmt, col);
  const int n = sqlite3_column_bytes(m_stmt, col);
  return p ? std::string(static_cast<const char*>(p), static_cast<std::size_t>(n)) : std::string();
}

std::int64_t Statement::int64(int col) const { return sqlite3_column_int64(m_stmt, col); }

bool Statement::is_null(int col) const { return sqlite3_column_type(m_stmt, col) == SQLITE_NULL; }

// ---------------------------------------------------------------- Database

Database::~Database() {
  for (auto& [sql, slot] : m_cache) {
    assert(!slot.in_use);
    sqlite3_finalize(slot.stmt);
  }
  // close_v2 defers the close if an owned statement is still alive, instead of failing.
  if (m_db) sqlite3_close_v2(m_db);
}

core::Status Database::open(const std::string& path, int flags) {
  assert(!m_db);
  const int rc = sqlite3_open_v2(path.c_str(), &m_db, flags, nullptr);
  if (rc != SQLITE_OK) {
    auto err = sqlite_error(m_db, rc, "cannot open " + path);
    err.file = path;
    sqlite3_close_v2(m_db);
    m_db = nullptr;
    return tl::unexpected(std::move(err));
  }
  sqlite3_extended_result_codes(m_db, 1);
  return {};
}

core::Result<Statement> Database::prepare(const char* sql) {
  auto& slot = m_cache[sql];
  if (slot.stmt && !slot.in_use) {
    slot.in_use = true;
    return Statement(m_db, slot.stmt, &slot.in_use);
  }
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v3(m_db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return tl::unexpected(sqlite_error(m_db, rc, "preparing a statement"));
  }
  if (!slot.stmt) {
    slot.stmt = stmt;
    slot.in_use = true;
    return Statement(m_db, stmt, &slot.in_use);
  }
  // The cached statement is busy in an enclosing loop: this one is owned and finalized after use.
  return Statement(m_db, stmt, nullptr);
}

core::Status Database::exec(const char* sql) {
  STORE_TRY_ASSIGN(stmt, prepare(sql));
  return stmt.run();
}

core::Status Database::exec_script(const char* sql) {
  char* message = nullptr;
  const int rc = sqlite3_exec(m_db, sql, nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    std::string what = message ? message : sqlite3_errstr(rc);
    sqlite3_free(message);
    return tl::unexpected(sqlite_error(nullptr, rc, what));
  }
  return {};
}

// ---------------------------------------------------------------- scopes

WriteScope::~WriteScope() {
  if (!m_started || m_done) return;
  if (m_own_transaction) {
    (void)m_db.exec("ROLLBACK");
  } else {
    (void)m_db.exec("ROLLBACK TO store_write");
    (void)m_db.exec("RELEASE store_write");
  }
}

core::Status WriteScope::start() {
  assert(!m_started);
  m_own_transaction = !m_db.in_transaction();
  // IMMEDIATE takes the write lock up front: a deferred transaction that upgrades later can
  // fail with SQLITE_BUSY without waiting when another connection wrote in between.
  STORE_TRY(m_db.exec(m_own_transaction ? "BEGIN IMMEDIATE" : "SAVEPOINT store_write"));
  m_started = true;
  return {};
}

core::Status WriteScope::finish() {
  assert(m_started && !m_done);
  STORE_TRY(m_db.exec(m_own_transaction ? "COMMIT" : "RELEASE store_write"));
  m_done = true;
  return {};
}

ReadScope::ReadScope(Database& db) : m_db(db) {
  if (!m_db.in_transaction()) m_own_transaction = static_cast<bool>(m_db.exec("BEGIN"));
}

ReadScope::~ReadScope() {
  if (m_own_transaction && m_db.in_transaction() && !m_db.exec("COMMIT")) (void)m_db.exec("ROLLBACK");
}

std::string now_utc_iso() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace berkas::store::internal
