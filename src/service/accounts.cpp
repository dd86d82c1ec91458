#include "service/accounts.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <atomic>
#include <ctime>
#include <map>
#include <filesystem>

#include "core/hash.h"
#include "core/text.h"
#include "service/internal/paths.h"
#include "service/policy.h"

namespace berkas::service {

using core::ErrorCode;
using core::fail;
using core::Result;
using core::Status;

namespace {

constexpr const char* k_algorithm = "pbkdf2-sha256";
constexpr std::size_t k_salt_bytes = 16;
constexpr std::size_t k_hash_bytes = 32;
constexpr std::size_t k_token_bytes = 32;
constexpr std::size_t k_max_password = 1024;

std::string to_hex(const unsigned char* data, std::size_t len) {
  static const char* k_digits = "0123456789abcdef";
  std::string out(len * 2, '0');
  for (std::size_t i = 0; i < len; ++i) {
    out[2 * i] = k_digits[data[i] >> 4];
    out[2 * i + 1] = k_digits[data[i] & 0xF];
  }
  return out;
}

std::string from_hex(const std::string& hex) {
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  std::string out;
  if (hex.size() % 2) return out;
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    int hi = nibble(hex[i]), lo = nibble(hex[i + 1]);
    if (hi < 0 || lo < 0) return {};
    out.push_back(static_cast<char>(hi * 16 + lo));
  }
  return out;
}

// Random bytes from OpenSSL's CSPRNG, as hex. An RNG failure is not recoverable: internal error.
Result<std::string> random_hex(std::size_t bytes) {
  std::string buf(bytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(buf.data()), static_cast<int>(bytes)) != 1)
    return fail(ErrorCode::internal, "the random number generator failed");
  return to_hex(reinterpret_cast<const unsigned char*>(buf.data()), bytes);
}

std::string pbkdf2_hex(const std::string& password, const std::string& salt_bytes, int iterations) {
  unsigned char out[k_hash_bytes];
  PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                    reinterpret_cast<const unsigned char*>(salt_bytes.data()), static_cast<int>(salt_bytes.size()),
                    iterations, EVP_sha256(), static_cast<int>(k_hash_bytes), out);
  return to_hex(out, k_hash_bytes);
}

// Equal-length comparison whose time does not depend on where the strings differ.
bool constant_time_equal(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string iso_utc(std::int64_t t) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string user_object(const std::string& name) { return "user:" + name; }

}  // namespace

std::optional<Role> parse_role(const std::string& s) {
  if (s == "administrator") return Role::administrator;
  if (s == "prosecutor") return Role::prosecutor;
  if (s == "paralegal") return Role::paralegal;
  if (s == "trainer") return Role::trainer;
  return std::nullopt;
}

bool is_valid_user_name(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-')) return false;
  return true;
}

std::string password_problem(const std::string& password) {
  if (password.size() < 12)
    return "kata sandi minimal 12 karakter / the password needs at least 12 characters";
  if (password.size() > k_max_password) return "kata sandi terlalu panjang / the password is too long";
  if (!core::is_valid_utf8(password)) return "kata sandi bukan UTF-8 yang sah / the password is not valid UTF-8";
  return {};
}

struct Accounts::Impl {
  mutable std::mutex mu;
  std::unique_ptr<store::Store> store;
  AccountsOptions options;
  std::string setup_token;  // empty: none issued, or used
  // A stored hash for unknown users, so a sign-in costs one PBKDF2 whether or not the user exists.
  std::string dummy_salt, dummy_hash;

  // Failed sign-ins per client address over every name (random names must not escape the
  // lockout), in memory: a window start and a count; bounded in size. Guarded by `mu`.
  struct ClientFailures {
    std::int64_t window_start = 0;
    int count = 0;
  };
  std::map<std::string, ClientFailures> client_failures;
  static constexpr std::size_t k_max_tracked_clients = 10000;

  // Seconds the client must wait before its next sign-in attempt; 0 if it may try now.
  std::int64_t client_wait(const std::string& client, std::int64_t t) const {
    const auto it = client_failures.find(client);
    if (it == client_failures.end() || it->second.count < options.max_client_failures) return 0;
    const auto end = it->second.window_start + options.client_window_seconds;
    return end > t ? end - t : 0;
  }

  void count_client_failure(const std::string& client, std::int64_t t) {
    auto it = client_failures.find(client);
    if (it == client_failures.end()) {
      if (client_failures.size() >= k_max_tracked_clients) {
        // Drop windows that have ended; if none has, the oldest.
        for (auto i = client_failures.begin(); i != client_failures.end();)
          i = i->second.window_start + options.client_window_seconds <= t ? client_failures.erase(i) : std::next(i);
        if (client_failures.size() >= k_max_tracked_clients)
          client_failures.erase(std::min_element(client_failures.begin(), client_failures.end(),
                                                 [](const auto& a, const auto& b) {
                                                   return a.second.window_start < b.second.window_start;
                                                 }));
      }
      it = client_failures.emplace(client, ClientFailures{t, 0}).first;
    }
    if (it->second.window_start + options.client_window_seconds <= t) it->second = {t, 0};
    ++it->second.count;
  }

  // Password hashes running now (sign-ins), at most options.max_concurrent_sign_ins.
  std::atomic<int> hashing{0};

  // A slot for one PBKDF2 of a sign-in, or none when max_concurrent_sign_ins are running.
  class HashSlot {
   public:
  explicit HashSlot(Impl& d) : m_d(d) {
    int n = m_d.hashing.load();
    while (n < m_d.options.max_concurrent_sign_ins)
      if (m_d.hashing.compare_exchange_weak(n, n + 1)) {
        m_held = true;
        return;
      }
  }
  ~HashSlot() {
    if (m_held) m_d.hashing.fetch_sub(1);
  }
  HashSlot(const HashSlot&) = delete;
  HashSlot& operator=(const HashSlot&) = delete;
  bool held() const { return m_held; }

   private:
    Impl& m_d;
    bool m_held = false;
  };

  std::int64_t now() const { return options.clock ? options.clock() : static_cast<std::int64_t>(std::time(nullptr)); }
  std::string now_iso() const { return iso_utc(now()); }

  Status audit(const std::string& actor, const std::string& action, const std::string& object,
               const std::string& detail) {
    auto ev = store->audit(actor, action, object, detail);
    if (!ev) return tl::unexpected(ev.error());
    return {};
  }

  Result<store::UserRecord> hashed_user(const std::string& name, Role role, const std::string& password) {
    auto salt = random_hex(k_salt_bytes);
    if (!salt) return tl::unexpected(salt.error());
    store::UserRecord u;
    u.name = name;
    u.role = to_string(role);
    u.password_algorithm = k_algorithm;
    u.password_iterations = options.pbkdf2_iterations;
    u.password_salt = *salt;
    u.password_hash = pbkdf2_hex(password, from_hex(*salt), options.pbkdf2_iterations);
    return u;
  }

  Result<bool> needs_setup() const {
    auto users = store->users();
    if (!users) return tl::unexpected(users.error());
    for (const auto& u : *users)
      if (!u.disabled && policy().administers(parse_role(u.role).value_or(policy().least_role()))) return false;
    return true;
  }

  Result<Viewer> viewer_of(const store::UserRecord& u) const {
    Viewer v;
    v.user = u.name;
    v.role = parse_role(u.role).value_or(policy().least_role());
    if (policy().uses_case_assignments(v.role) || policy().administers(v.role)) {
      auto as = store->assignments(u.name);
      if (!as) return tl::unexpected(as.error());
      for (const auto& a : *as) {
        v.assigned_cases.insert(a.case_id);
        if (a.cleared) v.cleared_cases.insert(a.case_id);
      }
    }
    return v;
  }

  Result<Session> new_session(const store::UserRecord& u) {
    auto token = random_hex(k_token_bytes);
    if (!token) return tl::unexpected(token.error());
    auto csrf = random_hex(k_token_bytes);
    if (!csrf) return tl::unexpected(csrf.error());
    const auto t = now();
    store::SessionRecord rec{core::sha256_hex(*token), u.name, *csrf, iso_utc(t),
                             iso_utc(t + std::int64_t{options.session_minutes} * 60)};
    if (auto s = store->put_session(rec); !s) return tl::unexpected(s.error());
    auto v = viewer_of(u);
    if (!v) return tl::unexpected(v.error());
    return Session{*token, *csrf, rec.expires_at, *v};
  }

  Status require_admin(const Viewer& actor) const {
    if (!policy().may_administer(actor))
      return fail(ErrorCode::forbidden, "hanya administrator / administrators only");
    return {};
  }

  Result<store::UserRecord> existing(const std::string& name) const {
    auto u = store->user(name);
    if (!u) {
      if (u.error().code == ErrorCode::not_found)
        return fail(ErrorCode::not_found, "pengguna '" + name + "' tidak ada / no such user", {}, 0, "user");
      return tl::unexpected(u.error());
    }
    return u;
  }
};

Accounts::Accounts(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Accounts::~Accounts() = default;

Result<std::unique_ptr<Accounts>> Accounts::open(const std::string& data_dir, AccountsOptions options) {
  const auto path = internal::store_path(data_dir);
  std::error_code ec;
  if (!std::filesystem::exists(path, ec))
    return fail(ErrorCode::not_found,
                "belum ada penyimpanan di sini; jalankan 'berkas init' / no store here; run 'berkas init'", data_dir);
  auto st = store::Store::open(path, store::OpenMode::must_exist);
  if (!st) return tl::unexpected(st.error());
  if (options.pbkdf2_iterations < 1) options.pbkdf2_iterations = 210000;
  auto impl = std::make_unique<Impl>();
  impl->store = std::move(*st);
  impl->options = std::move(options);
  auto salt = random_hex(k_salt_bytes);
  if (!salt) return tl::unexpected(salt.error());
  impl->dummy_salt = *salt;
  impl->dummy_hash = pbkdf2_hex("not a password", from_hex(*salt), impl->options.pbkdf2_iterations);
  return std::unique_ptr<Accounts>(new Accounts(std::move(impl)));
}

Result<bool> Accounts::needs_setup() const {
  std::lock_guard lock(m_impl->mu);
  return m_impl->needs_setup();
}

Result<std::string> Accounts::begin_setup() {
  std::lock_guard lock(m_impl->mu);
  auto needed = m_impl->needs_setup();
  if (!needed) return tl::unexpected(needed.error());
  if (!*needed) {
    m_impl->setup_token.clear();
    return std::string();
  }
  auto token = random_hex(16);
  if (!token) return tl::unexpected(token.error());
  m_impl->setup_token = *token;
  return *token;
}

Result<Session> Accounts::complete_setup(const std::string& token, const std::string& name,
                                         const std::string& password, const std::string& client) {
  std::lock_guard lock(m_impl->mu);
  auto& d = *m_impl;
  const auto refused = [] {
    return fail(ErrorCode::forbidden, "token penyiapan salah atau sudah dipakai / wrong or used setup token");
  };
  auto needed = d.needs_setup();
  if (!needed) return tl::unexpected(needed.error());
  if (!*needed || d.setup_token.empty() || !constant_time_equal(token, d.setup_token)) return refused();
  if (!is_valid_user_name(name))
    return fail(ErrorCode::invalid_input, "nama pengguna: 1–64 huruf kecil, angka, . _ - / user name: 1–64 of a-z 0-9 . _ -",
                {}, 0, "user");
  if (auto p = password_problem(password); !p.empty()) return fail(ErrorCode::invalid_input, p, {}, 0, "password");
  auto u = d.hashed_user(name, Role::administrator, password);
  if (!u) return tl::unexpected(u.error());
  if (auto s = d.store->begin(); !s) return tl::unexpected(s.error());
  auto done = [&]() -> Result<Session> {
    if (auto s = d.store->put_user(*u); !s) return tl::unexpected(s.error());
    if (auto s = d.audit(name, "setup.administrator", user_object(name), "first administrator, client=" + client); !s)
      return tl::unexpected(s.error());
    auto stored = d.store->user(name);
    if (!stored) return tl::unexpected(stored.error());
    return d.new_session(*stored);
  }();
  if (!done) {
    d.store->rollback();
    return done;
  }
  if (auto s = d.store->commit(); !s) {
    d.store->rollback();
    return tl::unexpected(s.error());
  }
  d.setup_token.clear();  // one time only
  return done;
}

Result<SignInResult> Accounts::sign_in(const std::string& typed_name, const std::string& password,
                                       const std::string& client) {
  auto& d = *m_impl;
  // The name as typed, folded and bounded: it keys the lockout even when no such user exists.
  const std::string name = core::ascii_lower(typed_name.substr(0, 64));
  const std::string pw = password.substr(0, k_max_password);
  SignInResult result;

  // 1. Under the lock, only reads: the address's recent failures, the (name, address) lockout,
  //    the user's stored hash.
  store::LoginAttempts attempts;
  std::optional<store::UserRecord> user;
  {
    std::lock_guard lock(d.mu);
    const auto t = d.now();
    if (const auto wait = d.client_wait(client, t); wait > 0) {
      result.status = SignInResult::Status::throttled;
      result.retry_after_seconds = wait;
      return result;
    }
    auto a = d.store->login_attempts(name, client);
    if (!a) return tl::unexpected(a.error());
    attempts = *a;
    if (!attempts.locked_until.empty() && attempts.locked_until > iso_utc(t)) {
      result.status = SignInResult::Status::locked;
      result.retry_after_seconds = std::int64_t{d.options.lockout_minutes} * 60;
      return result;
    }
    if (is_valid_user_name(name))
      if (auto u = d.store->user(name)) user = *u;
  }

  // 2. The PBKDF2 (tens of milliseconds by design) outside the lock, so signed-in requests are
  //    never queued behind it, and in at most max_concurrent_sign_ins threads at once, so a flood
  //    of sign-ins cannot occupy every worker: the rest are told to come back.
  bool ok = false;
  {
    Impl::HashSlot slot(d);
    if (!slot.held()) {
      result.status = SignInResult::Status::busy;
      result.retry_after_seconds = 1;
      return result;
    }
    // Always one PBKDF2 of the same cost, so the time taken does not tell whether the user exists.
    if (user && user->password_algorithm == k_algorithm) {
      const auto h = pbkdf2_hex(pw, from_hex(user->password_salt), user->password_iterations);
      ok = constant_time_equal(h, user->password_hash) && !user->disabled;
    } else {
      const auto h = pbkdf2_hex(pw, from_hex(d.dummy_salt), d.options.pbkdf2_iterations);
      (void)constant_time_equal(h, d.dummy_hash);
    }
  }

  // 3. Under the lock again: record the outcome.
  std::lock_guard lock(d.mu);
  const auto t = d.now();
  const std::string now = iso_utc(t);
  if (!ok) {
    d.count_client_failure(client, t);
    // Re-read: other attempts on the same (name, address) may have finished meanwhile.
    auto fresh = d.store->login_attempts(name, client);
    if (!fresh) return tl::unexpected(fresh.error());
    store::LoginAttempts a = *fresh;
    // Failures older than a lockout period no longer count.
    if (!a.last_failure_at.empty() && a.last_failure_at < iso_utc(t - std::int64_t{d.options.lockout_minutes} * 60))
      a.failures = 0;
    a.failures += 1;
    a.last_failure_at = now;
    a.locked_until.clear();
    const bool lock_now = a.failures >= d.options.max_failures;
    if (lock_now) {
      a.locked_until = iso_utc(t + std::int64_t{d.options.lockout_minutes} * 60);
      a.failures = 0;
    }
    if (auto s = d.store->put_login_attempts(a); !s) return tl::unexpected(s.error());
    // Only a real user's name goes into the (permanent) log: a mistyped name may be a password.
    if (auto s = d.audit("anonymous", lock_now ? "session.locked" : "session.sign_in_failed",
                         user ? user_object(user->name) : "user:?", "client=" + client);
        !s)
      return tl::unexpected(s.error());
    result.status = lock_now ? SignInResult::Status::locked : SignInResult::Status::bad_credentials;
    if (lock_now) result.retry_after_seconds = std::int64_t{d.options.lockout_minutes} * 60;
    return result;
  }
  if (attempts.failures > 0 || !attempts.locked_until.empty())
    if (auto s = d.store->clear_login_attempts(name, client); !s) return tl::unexpected(s.error());
  // The user may have been disabled or removed while we hashed: read them again.
  auto current = d.store->user(user->name);
  if (!current || current->disabled || current->password_hash != user->password_hash) {
    result.status = SignInResult::Status::bad_credentials;
    return result;
  }
  (void)d.store->delete_expired_sessions(now);
  auto session = d.new_session(*current);
  if (!session) return tl::unexpected(session.error());
  if (auto s = d.audit(user->name, "session.sign_in", user_object(user->name), "client=" + client); !s)
    return tl::unexpected(s.error());
  result.status = SignInResult::Status::ok;
  result.session = std::move(*session);
  return result;
}

Result<Session> Accounts::session(const std::string& token) {
  std::lock_guard lock(m_impl->mu);
  auto& d = *m_impl;
  const auto none = [] { return fail(ErrorCode::not_found, "sesi tidak ada atau habis / no such session"); };
  if (token.size() != 2 * k_token_bytes) return none();
  const auto key = core::sha256_hex(token);
  auto rec = d.store->session(key);
  if (!rec) return rec.error().code == ErrorCode::not_found ? none() : tl::unexpected(rec.error());
  if (rec->expires_at <= d.now_iso()) {
    (void)d.store->delete_session(key);
    return none();
  }
  auto u = d.store->user(rec->user);
  if (!u || u->disabled) return none();
  auto v = d.viewer_of(*u);
  if (!v) return tl::unexpected(v.error());
  return Session{"", rec->csrf_token, rec->expires_at, *v};
}

Status Accounts::sign_out(const std::string& token) {
  std::lock_guard lock(m_impl->mu);
  auto& d = *m_impl;
  if (token.size() != 2 * k_token_bytes) return {};
  const auto key = core::sha256_hex(token);
  auto rec = d.store->session(key);
  if (!rec) return {};
  if (auto s = d.store->delete_session(key); !s) return s;
  return d.audit(rec->user, "session.sign_out", user_object(rec->user), "");
}

Status Accounts::create_user(const Viewer& actor, const std::string& name, Role role, const std::string& password) {
  std::lock_guard lock(m_impl->mu);
  auto& d = *m_impl;
  if (auto s = d.require_admin(actor); !s) return s;
  if (!is_valid_user_name(name))
    return fail(ErrorCode::invalid_input, "nama pengguna: 1–64 huruf kecil, angka, . _ - / user name: 1–64 of a-z 0-9 . _ -",
                {}, 0, "user");
  if (!policy().is_account_role(role)) return fail(ErrorCode::invalid_input, "peran tidak dikenal / unknown role", {}, 0, "role");
  if (auto p = password_problem(password); !p.empty()) return fail(ErrorCode::invalid_input, p, {}, 0, "password");
  if (d.store->user(name))
    return fail(ErrorCode::conflict, "pengguna '" + name + "' sudah ada / user already exists", {}, 0, "user");
  auto u = d.hashed_user(name, role, password);
  if (!u) return tl::unexpected(u.error());
  if (auto s = d.store->put_user(*u); !s) return s;
  return d.audit(actor.user, "user.create", user_object(name), std::string("role=") + to_string(role));
}

Status Accounts::set_password(const Viewer& actor, const std::string& name, const std::string& password) {
  std::lock_guard lock(m_impl->mu);
  auto& d = *m_impl;
  if (actor.user != name)
    if (auto s = d.require_admin(actor); !s) return s;
  if (auto p = password_problem(password); !p.empty()) return fail(ErrorCode::invalid_input, p, {}, 0, "password");
  auto u = d.existing(name);
  if (!u) return tl::unexpected(u.error());
  auto fresh = d.hashed_user(name, *parse_role(u->role), password);
  if (!fresh) return tl::unexpected(fresh.error());
  fresh->disabled = u->disabled;
  fresh->created_at = u->created_at;
  if (auto s = d.store->put_user(*fresh); !s) return s;
  // A new password ends every other session of the user (a stolen session dies with the old one).
  if (auto s = d.store->delete_sessions_of(name); !s) return s;
  return d.audit(actor.user, "user.password", user_object(name), "");
}

Status Accounts::set_role(const Viewer& actor, const std::string& name, Role role) {
  std::lock_guard lock(m_impl->mu);
  auto& d = *m_impl;
  if (auto s = d.require_admin(actor); !s) return s;
  if (!policy().is_account_role(role)) return fail(ErrorCode::invalid_input, "peran tidak dikenal / unknown role", {}, 0, "role");
  auto u = d.existing(name);
  if (!u) return tl::unexpected(u.error());
  const std::string before = u->role;
  u->role = to_string(role);
  if (auto s = d.store->put_user(*u); !s) return s;
  // Keep one administrator: demoting the last one would lock the office out.
  if (auto needed = d.needs_setup(); needed && *needed) {
    u->role = before;
    (void)d.store->put_user(*u);
    return fail(ErrorCode::conflict, "administrator terakhir tidak dapat diubah / the last administrator must stay");
  }
  return d.audit(actor.user, "user.role", user_object(name), "role=" + before + "->" + u->role);
}

Status Accounts::set_disabled(const Viewer& actor, const std::string& name, bool disabled) {
  std::lock_guard lock(m_impl->mu);
  auto& d = *m_impl;
  if (auto s = d.require_admin(actor); !s) return s;
  auto u = d.existing(name);
  if (!u) return tl::unexpected(u.error());
  u->disabled = disabled;
  if (auto s = d.store->put_user(*u); !s) return s;
  if (auto needed = d.needs_setup(); needed && *needed) {
    u->disabled = false;
    (void)d.store->put_user(*u);
    return fail(ErrorCode::conflict, "administrator terakhir tidak dapat dinonaktifkan / the last administrator must stay");
  }
  if (disabled)
    if (auto s = d.store->delete_sessions_of(name); !s) return s;
  return d.audit(actor.user, disabled ? "user.disable" : "user.enable", user_object(name), "");
}

Status Accounts::assign(const Viewer& actor, const std::string& name, const std::string& case_id, bool cleared) {
  std::lock_guard lock(m_impl->mu);
  auto& d = *m_impl;
  if (auto s = d.require_admin(actor); !s) return s;
  if (case_id.empty() || case_id.size() > 200)
    return fail(ErrorCode::invalid_input, "id perkara tidak sah / invalid case id", {}, 0, "case");
  auto u = d.existing(name);
  if (!u) return tl::unexpected(u.error());
  // Trainers see no case (their way in is released training material): an assignment would be
  // accepted and do nothing, which tells the administrator something false.
  if (!policy().uses_case_assignments(parse_role(u->role).value_or(policy().least_role())))
    return fail(ErrorCode::invalid_input,
                "pelatih tidak ditugaskan ke perkara / trainers are not assigned to cases", {}, 0, "case");
  if (auto s = d.store->put_assignment({name, case_id, cleared, ""}); !s) return s;
  return d.audit(actor.user, "assignment.set", "case:" + case_id,
                 user_object(name) + (cleared ? " cleared=1" : " cleared=0"));
}

Status Accounts::unassign(const Viewer& actor, const std::string& name, const std::string& case_id) {
  std::lock_guard lock(m_impl->mu);
  auto& d = *m_impl;
  if (auto s = d.require_admin(actor); !s) return s;
  auto u = d.existing(name);
  if (!u) return tl::unexpected(u.error());
  if (auto s = d.store->delete_assignment(name, case_id); !s) return s;
  return d.audit(actor.user, "assignment.remove", "case:" + case_id, user_object(name));
}

Result<std::vector<UserInfo>> Accounts::users(const Viewer& actor) const {
  std::lock_guard lock(m_impl->mu);
  auto& d = *m_impl;
  if (auto s = d.require_admin(actor); !s) return tl::unexpected(s.error());
  auto users = d.store->users();
  if (!users) return tl::unexpected(users.error());
  auto as = d.store->assignments();
  if (!as) return tl::unexpected(as.error());
  std::vector<UserInfo> out;
  for (const auto& u : *users) {
    UserInfo info{u.name, parse_role(u.role).value_or(policy().least_role()), u.disabled, u.created_at, u.updated_at, {}};
    for (const auto& a : *as)
      if (a.user == u.name) info.assignments.push_back(a);
    out.push_back(std::move(info));
  }
  return out;
}

Status Accounts::record(const Viewer& actor, const std::string& action, const std::string& object,
                        const std::string& detail) {
  std::lock_guard lock(m_impl->mu);
  return m_impl->audit(actor.user, action, object, detail);
}

}  // namespace berkas::service
