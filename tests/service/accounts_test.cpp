// service/accounts: sign-in under floods — a real SQLite store in a temporary folder, real
// PBKDF2, real threads. (Robustness issue, finding 4: PBKDF2 ran under the lock every
// signed-in request needs, and the lockout counted per (name, address) only.)
#define BOOST_TEST_MODULE accounts
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>

#include "service/accounts.h"
#include "store/store.h"
#include "support/temp_dir.h"

using namespace berkas;
using service::Accounts;
using service::AccountsOptions;
using service::SignInResult;
using Status = SignInResult::Status;

namespace {

constexpr const char* k_password = "kata-sandi-uji-panjang";

struct Fixture {
  test::TempDir tmp;
  std::string data = tmp.file("data");
  std::unique_ptr<Accounts> accounts;
  std::string admin_token;

  explicit Fixture(AccountsOptions o = {}) {
    std::filesystem::create_directories(data);
    auto st = store::Store::open(data + "/store.sqlite", store::OpenMode::create_if_missing);
    BOOST_TEST_REQUIRE(st.has_value());
    st->reset();  // closed: the accounts open their own connection
    if (o.pbkdf2_iterations == 210000) o.pbkdf2_iterations = 1000;
    auto a = Accounts::open(data, o);
    BOOST_TEST_REQUIRE(a.has_value(), (a ? "" : a.error().describe()));
    accounts = std::move(*a);
    auto token = accounts->begin_setup();
    BOOST_TEST_REQUIRE(token.has_value());
    auto s = accounts->complete_setup(*token, "admin", k_password, "127.0.0.1");
    BOOST_TEST_REQUIRE(s.has_value(), (s ? "" : s.error().describe()));
    admin_token = s->token;
  }

  Status sign_in(const std::string& name, const std::string& password, const std::string& client) {
    auto r = accounts->sign_in(name, password, client);
    BOOST_TEST_REQUIRE(r.has_value(), (r ? "" : r.error().describe()));
    return r->status;
  }
};

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

BOOST_AUTO_TEST_CASE(random_names_from_one_address_are_throttled_other_addresses_are_not) {
  AccountsOptions o;
  o.max_client_failures = 6;
  o.client_window_seconds = 60;
  std::int64_t now = 1'800'000'000;
  o.clock = [&now] { return now; };
  Fixture f(o);
  for (int i = 0; i < 6; ++i) BOOST_TEST((f.sign_in("acak-" + std::to_string(i), "salah-salah-salah", "10.0.0.9") == Status::bad_credentials));
  // The seventh name is new, and still refused without a hash: the address is throttled.
  auto r = f.accounts->sign_in("acak-baru", "salah-salah-salah", "10.0.0.9");
  BOOST_TEST_REQUIRE(r.has_value());
  BOOST_TEST((r->status == Status::throttled));
  BOOST_TEST(r->retry_after_seconds > 0);
  BOOST_TEST(r->retry_after_seconds <= 60);
  BOOST_TEST((f.sign_in("admin", k_password, "10.0.0.9") == Status::throttled));
  // Another address is not affected.
  BOOST_TEST((f.sign_in("admin", k_password, "10.0.0.10") == Status::ok));
  // After the window, the address may try again.
  now += 61;
  BOOST_TEST((f.sign_in("admin", k_password, "10.0.0.9") == Status::ok));
}

BOOST_AUTO_TEST_CASE(the_password_hash_runs_outside_the_lock) {
  AccountsOptions o;
  o.pbkdf2_iterations = 400000;  // long enough to observe (hundreds of ms)
  o.max_concurrent_sign_ins = 4;
  Fixture f(o);
  // One sign-in alone: its duration is the yardstick.
  const auto t0 = std::chrono::steady_clock::now();
  BOOST_TEST((f.sign_in("admin", "salah-salah-salah", "10.0.0.1") == Status::bad_credentials));
  const double one_hash = seconds_since(t0);
  // Two sign-ins hashing in other threads; meanwhile a signed-in request's session lookup.
  std::atomic<bool> started{false};
  std::vector<std::thread> flood;
  for (int i = 0; i < 2; ++i)
    flood.emplace_back([&, i] {
      started = true;
      (void)f.accounts->sign_in("banjir-" + std::to_string(i), "salah-salah-salah", "10.0.1." + std::to_string(i));
    });
  while (!started) std::this_thread::yield();
  std::this_thread::sleep_for(std::chrono::duration<double>(one_hash / 5));
  double worst = 0;
  for (int i = 0; i < 5; ++i) {
    const auto t = std::chrono::steady_clock::now();
    auto s = f.accounts->session(f.admin_token);
    worst = std::max(worst, seconds_since(t));
    BOOST_TEST(s.has_value());
  }
  for (auto& th : flood) th.join();
  // Under the lock, a lookup waited for the hashes (about one_hash); now it does not.
  BOOST_TEST(worst < one_hash / 3, "lookup " << worst << " s vs one hash " << one_hash << " s");
}

BOOST_AUTO_TEST_CASE(sign_ins_beyond_the_hashing_slots_are_told_to_come_back) {
  AccountsOptions o;
  o.pbkdf2_iterations = 600000;
  o.max_concurrent_sign_ins = 1;
  Fixture f(o);
  std::atomic<bool> started{false};
  std::thread slow([&] {
    started = true;
    (void)f.accounts->sign_in("admin", "salah-salah-salah", "10.0.0.1");
  });
  while (!started) std::this_thread::yield();
  // Give the first one time to take the slot (it hashes for hundreds of ms).
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  auto r = f.accounts->sign_in("admin", k_password, "10.0.0.2");
  slow.join();
  BOOST_TEST_REQUIRE(r.has_value());
  BOOST_TEST((r->status == Status::busy));
  BOOST_TEST(r->retry_after_seconds == 1);
  // Once the slot is free, the same sign-in succeeds.
  BOOST_TEST((f.sign_in("admin", k_password, "10.0.0.2") == Status::ok));
}

BOOST_AUTO_TEST_CASE(the_per_name_lockout_still_holds) {
  Fixture f;
  for (int i = 0; i < 4; ++i) BOOST_TEST((f.sign_in("admin", "salah-salah-salah", "10.0.0.3") == Status::bad_credentials));
  BOOST_TEST((f.sign_in("admin", "salah-salah-salah", "10.0.0.3") == Status::locked));
  BOOST_TEST((f.sign_in("admin", k_password, "10.0.0.3") == Status::locked));
  BOOST_TEST((f.sign_in("admin", k_password, "10.0.0.4") == Status::ok));
}
