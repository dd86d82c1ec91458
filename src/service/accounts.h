// service/accounts: the web application's users, roles, sessions, case assignments and per-case
// clearance, and the first-run setup — the source of every Viewer the server builds. Passwords
// are PBKDF2-HMAC-SHA256 (OpenSSL) with a random salt; session tokens are random and stored
// only as their SHA-256. Every change is written to the audit log.
//
// Thread safety: an Accounts object may be shared by threads (it serialises its own store
// connection with a mutex).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "service/access.h"
#include "store/store.h"

namespace berkas::service {

struct AccountsOptions {
  int pbkdf2_iterations = 210000;  // OWASP 2023 floor for PBKDF2-HMAC-SHA256; never lower
  int session_minutes = 8 * 60;    // absolute lifetime of a session (a working day)
  int max_failures = 5;            // failed sign-ins of one (user, client) before a lockout
  int lockout_minutes = 15;
  // Failed sign-ins of one client address, over every name, within client_window_seconds before
  // it must wait for the window's end (a flood with random names gets no further).
  int max_client_failures = 20;
  int client_window_seconds = 60;
  // Sign-ins hashing a password at one time; more are answered `busy` at once, so a flood of
  // sign-ins cannot hold every server thread (PBKDF2 takes tens of milliseconds by design).
  int max_concurrent_sign_ins = 2;
  // Seconds since the epoch; tests move time forward. Default: the system clock.
  std::function<std::int64_t()> clock;
};

// "administrator", "prosecutor", "paralegal", "trainer" → Role; nullopt otherwise ("system" is
// not a role a person can have).
std::optional<Role> parse_role(const std::string& s);

// A user name is 1–64 of [a-z0-9._-] (lower-case: sign-in folds case).
bool is_valid_user_name(const std::string& name);

// The rule a new password must meet; empty if it does, else the reason (Indonesian / English).
std::string password_problem(const std::string& password);

// A signed-in session as the server sees it.
struct Session {
  std::string token;       // the bearer token (only returned at sign-in; empty on lookup)
  std::string csrf_token;  // must accompany every state-changing request of this session
  std::string expires_at;  // ISO 8601 UTC
  Viewer viewer;           // role, assigned and cleared cases of the user
};

struct SignInResult {
  // locked: this (name, client) failed too often; throttled: this client failed too often under
  // any names; busy: too many sign-ins are being checked right now. The last three say when to
  // come back.
  enum class Status { ok, bad_credentials, locked, throttled, busy } status = Status::bad_credentials;
  std::int64_t retry_after_seconds = 0;
  Session session;         // when ok
};

struct UserInfo {
  std::string name;
  Role role = Role::prosecutor;
  bool disabled = false;
  std::string created_at, updated_at;
  std::vector<store::CaseAssignment> assignments;
};

class Accounts {
 public:
  // Opens (own connection to) the store under data_dir/store.sqlite, which must exist.
  // io/not_found error if it cannot be opened.
  static core::Result<std::unique_ptr<Accounts>> open(const std::string& data_dir, AccountsOptions options = {});
  ~Accounts();
  Accounts(const Accounts&) = delete;
  Accounts& operator=(const Accounts&) = delete;

  // ---- first run
  // True while no enabled administrator exists.
  core::Result<bool> needs_setup() const;
  // When setup is needed: a new random one-time setup token (replacing any earlier one), valid
  // until used or this object is destroyed. Empty when an administrator exists.
  core::Result<std::string> begin_setup();
  // Creates the first administrator with the setup token and signs them in. forbidden when the
  // token is wrong or used up, or setup is not needed; invalid_input for a bad name/password.
  core::Result<Session> complete_setup(const std::string& token, const std::string& name,
                                       const std::string& password, const std::string& client);

  // ---- sessions
  // Checks the password (constant time, the same work whether or not the user exists) and
  // rate-limits per (user name as typed, client): after max_failures failures, `locked` for
  // lockout_minutes; and per client over all names: `throttled` (see AccountsOptions). The
  // password is hashed outside the object's lock, in at most max_concurrent_sign_ins threads
  // (`busy` beyond). Never says which of user or password was wrong. Audited.
  core::Result<SignInResult> sign_in(const std::string& name, const std::string& password, const std::string& client);
  // The session of a token: not_found when unknown, expired, or its user disabled/deleted (the
  // expired row is removed). The returned token field is empty.
  core::Result<Session> session(const std::string& token);
  // Ends the session of `token` (no error if it is already gone). Audited.
  core::Status sign_out(const std::string& token);

  // ---- administration: forbidden unless `actor` is an administrator (set_password: or the
  // user themself). Each change is audited with the actor; details never hold a password.
  core::Status create_user(const Viewer& actor, const std::string& name, Role role, const std::string& password);
  core::Status set_password(const Viewer& actor, const std::string& name, const std::string& password);
  core::Status set_role(const Viewer& actor, const std::string& name, Role role);
  // A disabled user cannot sign in; their sessions end at once.
  core::Status set_disabled(const Viewer& actor, const std::string& name, bool disabled);
  // Assigns a case (or changes its clearance). The case must exist (checked by the caller
  // through the service; here only the id's shape).
  core::Status assign(const Viewer& actor, const std::string& name, const std::string& case_id, bool cleared);
  core::Status unassign(const Viewer& actor, const std::string& name, const std::string& case_id);
  core::Result<std::vector<UserInfo>> users(const Viewer& actor) const;

  // Writes one event of the web application (an upload, a download) to the audit log with the
  // actor's name. `detail` must not hold a protected name (ids, counts and hashes only).
  core::Status record(const Viewer& actor, const std::string& action, const std::string& object,
                      const std::string& detail);

 private:
  struct Impl;
  explicit Accounts(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

}  // namespace berkas::service
