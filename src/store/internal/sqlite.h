// store/internal/sqlite: a thin RAII layer over the sqlite3 C API (connection, cached prepared
// statements, transaction scopes) and the translation of its return codes into core::Error.
// Module-private: nothing outside src/store includes this header, so sqlite3 stays inside.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/error.h"

// Propagate a failed core::Status / core::Result out of the enclosing function.
#define STORE_TRY(expr)                                               \
  do {                                                                \
    if (auto store_try_r_ = (expr); !store_try_r_)                    \
      return tl::unexpected<::berkas::core::Error>(store_try_r_.error()); \
  } while (0)

// Declare `var` bound to the value of a core::Result, or propagate its error.
#define STORE_TRY_ASSIGN(var, expr)                                       \
  auto var##_result_ = (expr);                                            \
  if (!var##_result_)                                                     \
    return tl::unexpected<::berkas::core::Error>(var##_result_.error());  \
  auto& var = *var##_result_

namespace berkas::store::internal {

// The error for a failed sqlite3 call: code from the primary result code (constraint →
// conflict, corrupt → integrity, not-a-database → invalid_input, read-only → forbidden,
// misuse → internal, everything else → io), message "store: <what>: <sqlite's message>".
core::Error sqlite_error(sqlite3* db, int rc, std::string_view what);

// A prepared statement borrowed from the Database cache (or owned, when the cached one is in
// use by an enclosing loop). Reset and unbound on destruction, so a cached statement never
// holds a read lock or a pointer to freed bytes after its scope ends. Move-only.
class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt, bool* in_use);
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement& operator=(Statement&&) = delete;

  // Parameters are 1-based. A bind failure (too big, no memory) is remembered and reported by
  // the next step(); a bad index is a programmer error (assert).
  Statement& bind_text(int i, std::string_view text);  // copied
  Statement& bind_int(int i, std::int64_t v);
  Statement& bind_bool(int i, bool v) { return bind_int(i, v ? 1 : 0); }
  // Not copied: `bytes` must stay alive until the statement is destroyed.
  Statement& bind_blob_static(int i, std::string_view bytes);

  // Runs one step: true if a row is available, false when done; error otherwise.
  core::Result<bool> step();
  // Steps until done (for statements that return no rows).
  core::Status run();

  std::string text(int col) const;
  std::string blob(int col) const;
  std::int64_t int64(int col) const;
  int integer(int col) const { return static_cast<int>(int64(col)); }
  bool boolean(int col) const { return int64(col) != 0; }
  bool is_null(int col) const;

 private:
  sqlite3* m_db;
  sqlite3_stmt* m_stmt;
  bool* m_in_use;  // the cache slot's flag; nullptr if this statement is owned
  int m_bind_rc = SQLITE_OK;
};

// One sqlite3 connection with a cache of prepared statements keyed by the SQL literal's
// address (every cached SQL is a string literal with static storage). Not thread-safe.
class Database {
 public:
  Database() = default;
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Opens `path` with sqlite3_open_v2 `flags`. io error (or as translated) on failure.
  core::Status open(const std::string& path, int flags);
  sqlite3* handle() const { return m_db; }

  // A statement for `sql`, which must be a string literal (static storage, single statement).
  core::Result<Statement> prepare(const char* sql);
  // Prepares (cached) and runs a single statement that binds nothing and returns no rows needed.
  core::Status exec(const char* sql);
  // Runs a script of several statements (migrations). Never used with values.
  core::Status exec_script(const char* sql);

  bool in_transaction() const { return m_db && sqlite3_get_autocommit(m_db) == 0; }

 private:
  struct Slot {
    sqlite3_stmt* stmt = nullptr;
    bool in_use = false;
  };
  sqlite3* m_db = nullptr;
  // Keyed by the SQL text's address: prepare() and exec() take string literals only (dynamic
  // SQL goes through exec_script, which is not cached).
  std::unordered_map<const char*, Slot> m_cache;
};

// Makes a write atomic: opens BEGIN IMMEDIATE when no transaction is open (and commits it in
// finish()), else a SAVEPOINT inside the caller's transaction (released in finish()), so a
// failed put never leaves half its rows in the caller's transaction. Rolls back if finish()
// was not reached.
class WriteScope {
 public:
  explicit WriteScope(Database& db) : m_db(db) {}
  ~WriteScope();
  WriteScope(const WriteScope&) = delete;
  WriteScope& operator=(const WriteScope&) = delete;
  core::Status start();
  core::Status finish();

 private:
  Database& m_db;
  bool m_started = false;
  bool m_own_transaction = false;
  bool m_done = false;
};

// Gives a multi-query read one snapshot: BEGIN (deferred) when no transaction is open, ended
// on destruction. Inside the caller's transaction it does nothing.
class ReadScope {
 public:
  explicit ReadScope(Database& db);
  ~ReadScope();
  ReadScope(const ReadScope&) = delete;
  ReadScope& operator=(const ReadScope&) = delete;

 private:
  Database& m_db;
  bool m_own_transaction = false;
};

// Current time as ISO 8601 UTC, "2024-05-01T08:30:00Z".
std::string now_utc_iso();

}  // namespace berkas::store::internal
