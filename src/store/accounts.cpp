#include "store/internal/store_impl.h"

#include <utility>

namespace berkas::store {

// ---------------------------------------------------------------- accounts (schema v2)

namespace {

bool is_role(const std::string& r) {
  return r == "administrator" || r == "prosecutor" || r == "paralegal" || r == "trainer";
}

UserRecord read_user(const Statement& row) {
  UserRecord u;
  u.name = row.text(0);
  u.role = row.text(1);
  u.password_algorithm = row.text(2);
  u.password_iterations = row.integer(3);
  u.password_salt = row.text(4);
  u.password_hash = row.text(5);
  u.disabled = row.boolean(6);
  u.created_at = row.text(7);
  u.updated_at = row.text(8);
  return u;
}

#define BERKAS_USER_COLUMNS \
  "name, role, password_algorithm, password_iterations, password_salt, password_hash, disabled, created_at, updated_at"

}  // namespace

core::Status Store::put_user(const UserRecord& u) {
  STORE_TRY(m_impl->require_writable());
  STORE_TRY(require_id(u.name, "user"));
  if (!is_role(u.role)) return fail(ErrorCode::invalid_input, "unknown role '" + u.role + "'", {}, 0, "role");
  const std::string now = internal::now_utc_iso();
  // ON CONFLICT DO UPDATE, not REPLACE: a REPLACE deletes the row first, and the cascade would
  // take the user's sessions and assignments with it.
  STORE_TRY_ASSIGN(stmt, m_impl->db.prepare(
      "INSERT INTO users (" BERKAS_USER_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8) "
      "ON CONFLICT (name) DO UPDATE SET role = excluded.role, "
      "password_algorithm = excluded.password_algorithm, password_iterations = excluded.password_iterations, "
      "password_salt = excluded.password_salt, password_hash = excluded.password_hash, "
      "disabled = excluded.disabled, updated_at = excluded.updated_at"));
  stmt.bind_text(1, u.name).bind_text(2, u.role).bind_text(3, u.password_algorithm);
  stmt.bind_int(4, u.password_iterations).bind_text(5, u.password_salt).bind_text(6, u.password_hash);
  stmt.bind_bool(7, u.disabled).bind_text(8, u.created_at.empty() ? now : u.created_at);
  return stmt.run();
}

core::Result<UserRecord> Store::user(const std::string& name) const {
  STORE_TRY_ASSIGN(stmt, m_impl->db.prepare("SELECT " BERKAS_USER_COLUMNS " FROM users WHERE name = ?1"));
  stmt.bind_text(1, name);
  STORE_TRY_ASSIGN(row, stmt.step());
  if (!row) return fail(ErrorCode::not_found, "no user " + name);
  return read_user(stmt);
}

core::Result<std::vector<UserRecord>> Store::users() const {
  STORE_TRY_ASSIGN(stmt, m_impl->db.prepare("SELECT " BERKAS_USER_COLUMNS " FROM users ORDER BY name"));
  std::vector<UserRecord> out;
  for (;;) {
    STORE_TRY_ASSIGN(row, stmt.step());
    if (!row) break;
    out.push_back(read_user(stmt));
  }
  return out;
}

core::Status Store::delete_user(const std::string& name) {
  STORE_TRY(m_impl->require_writable());
  STORE_TRY_ASSIGN(stmt, m_impl->db.prepare("DELETE FROM users WHERE name = ?1"));
  stmt.bind_text(1, name);
  STORE_TRY(stmt.run());
  if (sqlite3_changes(m_impl->db.handle()) == 0) return fail(ErrorCode::not_found, "no user " + name);
  return {};
}

core::Status Store::put_session(const SessionRecord& s) {
  STORE_TRY(m_impl->require_writable());
  if (!is_sha256_hex(s.token_sha256))
    return fail(ErrorCode::invalid_input, "a session is keyed by the SHA-256 of its token", {}, 0, "token_sha256");
  STORE_TRY_ASSIGN(stmt, m_impl->db.prepare(
      "INSERT INTO sessions (token_sha256, user_name, csrf_token, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)"));
  stmt.bind_text(1, s.token_sha256).bind_text(2, s.user).bind_text(3, s.csrf_token);
  stmt.bind_text(4, s.created_at).bind_text(5, s.expires_at);
  return stmt.run();
}

core::Result<SessionRecord> Store::session(const std::string& token_sha256) const {
  STORE_TRY_ASSIGN(stmt, m_impl->db.prepare(
      "SELECT token_sha256, user_name, csrf_token, created_at, expires_at FROM sessions WHERE token_sha256 = ?1"));
  stmt.bind_text(1, token_sha256);
  STORE_TRY_ASSIGN(row, stmt.step());
  if (!row) return fail(ErrorCode::not_found, "no such session");
  return SessionRecord{stmt.text(0), stmt.text(1), stmt.text(2), stmt.text(3), stmt.text(4)};
}

core::Status Store::delete_session(const std::string& token_sha256) {
  STORE_TRY(m_impl->require_writable());
  STORE_TRY_ASSIGN(stmt, m_impl->db.prepare("DELETE FROM sessions WHERE token_sha256 = ?1"));
  stmt.bind_text(1, token_sha256);
  return stmt.run();
}

core::Status Store::delete_sessions_of(const std::string& user) {
  STORE_TRY(m_impl->require_writable());
  STORE_TRY_ASSIGN(stmt, m_impl->db.prepare("DELETE FROM sessions WHERE user_name = ?1"));
  stmt.bind_text(1, user);
  return stmt.run();
}

core::Result<std::int64_t> Store::delete_expired_sessions(const std::string& now) {
  STORE_TRY(m_impl->require_writable());
  STORE_TRY_ASSIGN(stmt, m_impl->db.prepare("DELETE FROM sessions WHERE expires_at <= ?1"));
  stmt.bind_text(1, now);
  STORE_TRY(stmt.run());
  return static_cast<std::int64_t>(sqlite3_changes(m_impl->db.handle()));
}

core::Status Store::put_assignment(const CaseAssignment& a) {
  STORE_TRY(m_impl->require_writable());
  STORE_TRY(require_id(a.case_id, "assignment"));
  STORE_TRY_ASSIGN(stmt, m_impl->db.prepare(
      "INSERT INTO case_assignments (user_name, case_id, cleared, assigned_at) VALUES (?1, ?2, ?3, ?4) "
      "ON CONFLICT (user_name, case_id) DO UPDATE SET cleared = excluded.cleared"));
  stmt.bind_text(1, a.user).bind_text(2, a.case_id).bind_bool(3, a.cleared);
  stmt.bind_text(4, a.assigned_at.empty() ? internal::now_utc_iso() : a.assigned_at);
  return stmt.run();
}

core::Status Store::delete_assignment(const std::string& user, const std::string& case_id) {
  STORE_TRY(m_impl->require_writable());
  STORE_TRY_ASSIGN(stmt, m_impl->db.prepare("DELETE FROM case_assignments WHERE user_name = ?1 AND case_id = ?2"));
  stmt.bind_text(1, user).bind_text(2, case_id);
  return stmt.run();
}

core::Result<std::vector<CaseAssignment>> Store::assignments(const std::string& user) const {
  STORE_TRY_ASSIGN(stmt, m_impl->db.prepare(
      "SELECT user_name, case_id, cleared, assigned_at FROM case_assignments "
      "WHERE ?1 = '' OR user_name = ?1 ORDER BY user_name, case_id"));
  stmt.bind_text(1, user);
  std::vector<CaseAssignment> out;
  for (;;) {
    STORE_TRY_ASSIGN(row, stmt.step());
    if (!row) break;
    out.push_back({stmt.text(0), stmt.text(1), stmt.boolean(2), stmt.text(3)});
  }
  return out;
}

core::Result<LoginAttempts> Store::login_attempts(const std::string& user, const std::string& client) const {
  STORE_TRY_ASSIGN(stmt, m_impl->db.prepare(
      "SELECT failures, last_failure_at, locked_until FROM login_attempts WHERE user_name = ?1 AND client = ?2"));
  stmt.bind_text(1, user).bind_text(2, client);
  STORE_TRY_ASSIGN(row, stmt.step());
  LoginAttempts a{user, client, 0, "", ""};
  if (row) {
    a.failures = stmt.integer(0);
    a.last_failure_at = stmt.text(1);
    a.locked_until = stmt.text(2);
  }
  return a;
}

core::Status Store::put_login_attempts(const LoginAttempts& a) {
  STORE_TRY(m_impl->require_writable());
  STORE_TRY_ASSIGN(stmt, m_impl->db.prepare(
      "INSERT INTO login_attempts (user_name, client, failures, last_failure_at, locked_until) "
      "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (user_name, client) DO UPDATE SET failures = excluded.failures, "
      "last_failure_at = excluded.last_failure_at, locked_until = excluded.locked_until"));
  stmt.bind_text(1, a.user).bind_text(2, a.client).bind_int(3, a.failures);
  stmt.bind_text(4, a.last_failure_at).bind_text(5, a.locked_until);
  return stmt.run();
}

core::Status Store::clear_login_attempts(const std::string& user, const std::string& client) {
  STORE_TRY(m_impl->require_writable());
  STORE_TRY_ASSIGN(stmt, m_impl->db.prepare("DELETE FROM login_attempts WHERE user_name = ?1 AND client = ?2"));
  stmt.bind_text(1, user).bind_text(2, client);
  return stmt.run();
}

}  // namespace berkas::store
