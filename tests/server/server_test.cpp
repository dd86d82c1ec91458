// The web application in-process: a real data dir with the law and the fictional demo case, the
// server on 127.0.0.1 port 0, and a real Poco HTTP client. Every route, every role, the access
// rules (a hidden item answers exactly like a missing one), CSRF, sessions, limits, traversal.
#define BOOST_TEST_MODULE server
#include <boost/test/unit_test.hpp>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <atomic>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/hash.h"
#include "core/text.h"
#include "server/server.h"
#include "service/service.h"
#include "support/server_world.h"
#include "support/temp_dir.h"

using namespace berkas;
namespace fs = std::filesystem;

namespace {

// The protected victim-witness of the demo case (demo/02-orang/org-saksi-a.xml).
const char* k_protected_first = "Rina";
const char* k_protected_last = "Fiksiana";

using test::k_password;
using test::Reply;
using test::Who;
using test::World;

World* g_world = nullptr;

struct Setup {
  Setup() {
    g_world = new World;
    test::set_up_users(*g_world);
  }
  ~Setup() {
    delete g_world;
    g_world = nullptr;
  }
};

BOOST_TEST_GLOBAL_FIXTURE(Setup);

World& w() { return *g_world; }
const Who& as(const std::string& name) { return w().users.at(name); }

bool leaks(const std::string& body) {
  return body.find(k_protected_first) != std::string::npos || body.find(k_protected_last) != std::string::npos;
}

// The body with every occurrence of `id` removed: a hidden and a missing id must then be equal.
std::string without(std::string body, const std::string& id) { return core::replace_all(body, id, "ID"); }

}  // namespace

// ---------------------------------------------------------------- headers, sign-in, sessions

BOOST_AUTO_TEST_CASE(security_headers_on_every_response) {
  for (const auto& r : {w().get("/login"), w().get("/api/v1/search?q=x"), w().get("/static/berkas.css"),
                        w().get("/search", &as("jaksa")), w().get("/nope/../..")}) {
    BOOST_TEST(r.header("content-security-policy") ==
               "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors "
               "'none'; form-action 'self'; base-uri 'none'");
    BOOST_TEST(r.header("x-content-type-options") == "nosniff");
    BOOST_TEST(r.header("referrer-policy") == "no-referrer");
    BOOST_TEST(r.header("x-frame-options") == "DENY");
  }
  BOOST_TEST(w().get("/search", &as("jaksa")).header("cache-control") == "no-store");
}

BOOST_AUTO_TEST_CASE(pages_have_no_inline_script_or_style) {
  BOOST_TEST(w().get("/login").body.find("<script") == std::string::npos);
  for (const char* path : {"/search?q=paspor", "/items/bap-saksi-a", "/cases/perkara-demo-001", "/law",
                           "/law/uu-21-2007/2", "/upload", "/admin", "/admin/audit"}) {
    auto r = w().get(path, &as("admin"));
    BOOST_TEST(r.status == 200, path << ": " << r.status);
    BOOST_TEST(r.body.find("<script") == std::string::npos, path);
    BOOST_TEST(r.body.find("style=") == std::string::npos, path);
    BOOST_TEST(r.body.find("<style") == std::string::npos, path);
  }
}

BOOST_AUTO_TEST_CASE(root_redirects_by_session) {
  auto anon = w().get("/");
  BOOST_TEST(anon.status == 303);
  BOOST_TEST(anon.header("location") == "/login");
  auto in = w().get("/", &as("jaksa"));
  BOOST_TEST(in.status == 303);
  BOOST_TEST(in.header("location") == "/search");
}

BOOST_AUTO_TEST_CASE(sign_in_form_with_csrf_cookie_then_sign_out) {
  auto page = w().get("/login");
  BOOST_TEST(page.status == 200);
  const std::string pre = page.cookie("berkas_pre");
  BOOST_REQUIRE(!pre.empty());
  BOOST_TEST(page.body.find("name=\"csrf\" value=\"" + pre + "\"") != std::string::npos);
  // Without the form token: refused before any password is checked.
  auto no_csrf = w().call("POST", "/login", "user=jaksa&password=" + std::string(k_password),
                          "application/x-www-form-urlencoded", {{"Cookie", "berkas_pre=" + pre}});
  BOOST_TEST(no_csrf.status == 403);
  auto ok = w().call("POST", "/login", "csrf=" + pre + "&user=jaksa&password=" + std::string(k_password),
                     "application/x-www-form-urlencoded", {{"Cookie", "berkas_pre=" + pre}});
  BOOST_REQUIRE_EQUAL(ok.status, 303);
  BOOST_TEST(ok.header("location") == "/search");
  const auto line = ok.set_cookie_line("berkas_session");
  BOOST_TEST(line.find("HttpOnly") != std::string::npos);
  BOOST_TEST(line.find("SameSite=Strict") != std::string::npos);
  BOOST_TEST(line.find("Path=/") != std::string::npos);
  BOOST_TEST(line.find("Secure") == std::string::npos);  // plain HTTP in the test
  Who me{"berkas_session=" + ok.cookie("berkas_session"), ""};
  auto session = w().api("GET", "/api/v1/session", me);
  BOOST_REQUIRE_EQUAL(session.status, 200);
  me.csrf = session.json()->getValue<std::string>("csrf_token");
  BOOST_TEST(session.json()->getValue<std::string>("role") == "prosecutor");
  // Sign out needs the token too.
  auto bad_out = w().call("POST", "/logout", "csrf=wrong", "application/x-www-form-urlencoded", {{"Cookie", me.cookie}});
  BOOST_TEST(bad_out.status == 403);
  auto out = w().call("POST", "/logout", "csrf=" + me.csrf, "application/x-www-form-urlencoded", {{"Cookie", me.cookie}});
  BOOST_TEST(out.status == 303);
  BOOST_TEST(w().get("/search", &me).status == 303);
  BOOST_TEST(w().api("GET", "/api/v1/session", me).status == 401);
}

BOOST_AUTO_TEST_CASE(sign_in_form_token_survives_requests_the_browser_makes_itself) {
  // A favicon request is not sent to /login, and /login keeps a form token the browser has:
  // a form on screen stays valid (the browser test found this).
  BOOST_TEST(w().get("/favicon.ico").status == 404);
  auto first = w().get("/login");
  const std::string pre = first.cookie("berkas_pre");
  BOOST_REQUIRE(!pre.empty());
  auto again = w().call("GET", "/login", {}, {}, {{"Cookie", "berkas_pre=" + pre}});
  BOOST_TEST(again.cookie("berkas_pre") == pre);
  BOOST_TEST(again.body.find("value=\"" + pre + "\"") != std::string::npos);
  // A malformed one is replaced.
  auto odd = w().call("GET", "/login", {}, {}, {{"Cookie", "berkas_pre=abc"}});
  BOOST_TEST(odd.cookie("berkas_pre").size() == 64u);
}

BOOST_AUTO_TEST_CASE(wrong_password_page_and_api) {
  auto page = w().get("/login");
  const std::string pre = page.cookie("berkas_pre");
  auto r = w().call("POST", "/login", "csrf=" + pre + "&user=jaksa&password=wrong-password-xx",
                    "application/x-www-form-urlencoded", {{"Cookie", "berkas_pre=" + pre}});
  BOOST_TEST(r.status == 401);
  BOOST_TEST(r.cookie("berkas_session").empty());
  auto api = w().call("POST", "/api/v1/session", R"({"user":"jaksa","password":"nope-nope-nope"})", "application/json");
  BOOST_TEST(api.status == 401);
  BOOST_TEST(api.header("content-type") == "application/problem+json");
}

BOOST_AUTO_TEST_CASE(bad_session_redirects_pages_and_401s_the_api) {
  Who bogus{"berkas_session=" + std::string(64, 'a'), "x"};
  auto page = w().get("/search?q=paspor", &bogus);
  BOOST_TEST(page.status == 303);
  BOOST_TEST(page.header("location") == "/login");
  for (const char* path : {"/api/v1/search?q=paspor", "/api/v1/items/bap-saksi-a", "/api/v1/cases"}) {
    auto r = w().get(path, &bogus);
    BOOST_TEST(r.status == 401, path);
    BOOST_TEST(r.header("content-type") == "application/problem+json");
    BOOST_TEST(r.json()->getValue<int>("status") == 401);
  }
  Who garbage{"berkas_session=../../etc", "x"};
  BOOST_TEST(w().get("/cases", &garbage).status == 303);
  BOOST_TEST(w().get("/cases").status == 303);
}

BOOST_AUTO_TEST_CASE(login_rate_limit_does_not_tell_whether_the_user_exists) {
  for (const std::string user : {"dikunci", "tidak-ada-orangnya"}) {
    std::vector<int> statuses;
    for (int i = 0; i < 6; ++i)
      statuses.push_back(w().call("POST", "/api/v1/session", R"({"user":")" + user + R"(","password":"salah-salah-salah"})",
                                  "application/json")
                             .status);
    BOOST_TEST(statuses == (std::vector<int>{401, 401, 401, 401, 429, 429}), user);
    // Locked: even the right password is refused for now.
    auto right = w().call("POST", "/api/v1/session", R"({"user":")" + user + R"(","password":")" + k_password + "\"}",
                          "application/json");
    BOOST_TEST(right.status == 429, user);
    BOOST_TEST(right.header("content-type") == "application/problem+json");
  }
  // Another user from the same address is not affected.
  BOOST_TEST(w().call("POST", "/api/v1/session", R"({"user":"jaksa","password":")" + std::string(k_password) + "\"}",
                      "application/json")
                 .status == 200);
}

// ---------------------------------------------------------------- CSRF, limits, malformed input

BOOST_AUTO_TEST_CASE(csrf_missing_or_wrong_is_403) {
  const auto& admin = as("admin");
  const std::string body = R"({"user":"x1","role":"trainer","password":"kata-sandi-uji-12345"})";
  BOOST_TEST(w().api("POST", "/api/v1/users", admin, body, false).status == 403);
  Who wrong = admin;
  wrong.csrf = std::string(64, '0');
  auto r = w().api("POST", "/api/v1/users", wrong, body);
  BOOST_TEST(r.status == 403);
  BOOST_TEST(r.header("content-type") == "application/problem+json");
  // Another user's token does not do either.
  Who mixed = admin;
  mixed.csrf = as("jaksa").csrf;
  BOOST_TEST(w().api("POST", "/api/v1/users", mixed, body).status == 403);
  BOOST_TEST(w().api("DELETE", "/api/v1/users/jaksa/assignments/perkara-demo-001", admin, "", false).status == 403);
  // Page forms.
  auto form = w().call("POST", "/admin/users", "user=x2&role=trainer&password=kata-sandi-uji-12345",
                       "application/x-www-form-urlencoded", {{"Cookie", admin.cookie}});
  BOOST_TEST(form.status == 403);
  auto upload = w().call("POST", "/upload",
                         "--b\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.xml\"\r\n\r\n<x/>\r\n--b--\r\n",
                         "multipart/form-data; boundary=b", {{"Cookie", as("jaksa").cookie}});
  BOOST_TEST(upload.status == 403);
  // Nothing was created.
  auto users = w().api("GET", "/api/v1/users", admin);
  BOOST_TEST(users.body.find("\"x1\"") == std::string::npos);
  BOOST_TEST(users.body.find("\"x2\"") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(bodies_over_the_limit_are_413) {
  const auto& admin = as("admin");
  const std::string big((1 << 20) + 10, 'x');
  // Declared over the limit: answered from the headers, before the body is read.
  auto r = w().call("POST", "/api/v1/users", std::string(1000, 'x'), "application/json",
                    {{"Cookie", admin.cookie}, {"X-CSRF-Token", admin.csrf}}, (1 << 20) + 10);
  BOOST_TEST(r.status == 413);
  BOOST_TEST(r.header("content-type") == "application/problem+json");
  // Sent whole: still 413, and the client gets to read it.
  auto whole = w().call("POST", "/api/v1/users", big, "application/json",
                        {{"Cookie", admin.cookie}, {"X-CSRF-Token", admin.csrf}});
  BOOST_TEST(whole.status == 413);
  auto login = w().call("POST", "/login", std::string(1000, 'x'), "application/x-www-form-urlencoded", {}, (1 << 20) + 10);
  BOOST_TEST(login.status == 413);
  // A chunked body (no declared length) is read up to the limit and refused past it.
  {
    Poco::Net::HTTPClientSession session("127.0.0.1", w().port);
    Poco::Net::HTTPRequest req("POST", "/api/v1/users", Poco::Net::HTTPMessage::HTTP_1_1);
    req.setChunkedTransferEncoding(true);
    req.setContentType("application/json");
    req.add("Cookie", admin.cookie);
    req.add("X-CSRF-Token", admin.csrf);
    try {
      session.sendRequest(req) << big;
    } catch (const Poco::Exception&) {
    }
    Poco::Net::HTTPResponse resp;
    session.receiveResponse(resp);
    BOOST_TEST(resp.getStatus() == 413);
  }
  // An upload declaring more than 32 MiB is refused before it is read.
  auto up = w().call("POST", "/api/v1/ingest", std::string(1024, 'x'), "multipart/form-data; boundary=b",
                     {{"Cookie", admin.cookie}, {"X-CSRF-Token", admin.csrf}}, (33ll << 20));
  BOOST_TEST(up.status == 413);
}

BOOST_AUTO_TEST_CASE(malformed_json_is_400_problem) {
  const auto& admin = as("admin");
  for (const char* body : {"{", "[1,2]", "\"text\"", "{\"user\": }"}) {
    auto r = w().api("POST", "/api/v1/users", admin, body);
    BOOST_TEST(r.status == 400, body);
    BOOST_TEST(r.header("content-type") == "application/problem+json");
    auto p = r.json();
    BOOST_TEST(p->getValue<int>("status") == 400);
    BOOST_TEST(!p->getValue<std::string>("title").empty());
    BOOST_TEST(!p->getValue<std::string>("detail").empty());
    BOOST_TEST(p->getValue<std::string>("type").rfind("urn:berkas:problem:", 0) == 0);
  }
  auto wrong_type = w().call("POST", "/api/v1/session", R"({"user":"a","password":"b"})", "text/plain");
  BOOST_TEST(wrong_type.status == 415);
  // The media type must be application/json itself, not a longer name that begins with it
  // (robustness issue, finding 8); parameters are fine.
  BOOST_TEST(w().call("POST", "/api/v1/session", R"({"user":"a","password":"b"})", "application/jsonfoo").status == 415);
  BOOST_TEST(w().call("POST", "/api/v1/session", R"({"user":"a","password":"b-salah-salah"})",
                      "Application/JSON; charset=utf-8").status == 401);
  auto bad_login = w().call("POST", "/api/v1/session", "{nope", "application/json");
  BOOST_TEST(bad_login.status == 400);
}

BOOST_AUTO_TEST_CASE(static_files_without_traversal) {
  auto css = w().get("/static/berkas.css");
  BOOST_TEST(css.status == 200);
  BOOST_TEST(css.header("content-type").rfind("text/css", 0) == 0);
  BOOST_TEST(css.body.find("mark") != std::string::npos);
  for (const char* path :
       {"/static/../layout.html", "/static/%2e%2e/layout.html", "/static/%2E%2E%2Flayout.html",
        "/static/..%2flayout.html", "/static/..%5clayout.html", "/static/%2fetc%2fpasswd", "/static//etc/passwd",
        "/static/i18n/../berkas.css", "/static/.hidden", "/static/escape.css", "/static/nope.css",
        "/static/%00berkas.css", "/static/berkas.css%00.txt", "/static/../../store.sqlite", "/static/%252e%252e/x"}) {
    auto r = w().get(path);
    BOOST_TEST(r.status == 404, path << " → " << r.status);
    BOOST_TEST(r.body.find("root:") == std::string::npos, path);
  }
}

// ---------------------------------------------------------------- access rules

BOOST_AUTO_TEST_CASE(case_material_by_role) {
  struct Expect {
    const char* user;
    int item, kase, released_item;
  };
  const Expect rows[] = {{"admin", 200, 200, 200},
                         {"jaksa", 200, 200, 200},
                         {"jaksa.jelas", 200, 200, 200},
                         {"pendamping", 200, 200, 200},
                         {"jaksa_lain", 404, 404, 404},
                         {"pelatih", 404, 404, 200}};
  for (const auto& e : rows) {
    const auto& who = as(e.user);
    BOOST_TEST(w().get("/items/bap-saksi-a", &who).status == e.item, e.user);
    BOOST_TEST(w().get("/api/v1/items/bap-saksi-a", &who).status == e.item, e.user);
    BOOST_TEST(w().get("/cases/perkara-demo-001", &who).status == e.kase, e.user);
    BOOST_TEST(w().get("/api/v1/cases/perkara-demo-001", &who).status == e.kase, e.user);
    BOOST_TEST(w().get("/items/ahli-forensik-digital", &who).status == e.released_item, e.user);
    // Everyone reads the law and the precedents.
    BOOST_TEST(w().get("/law/uu-21-2007/2", &who).status == 200, e.user);
    BOOST_TEST(w().get("/api/v1/laws/uu-21-2007/pasal/2", &who).status == 200, e.user);
    BOOST_TEST(w().get("/search?q=perekrutan", &who).status == 200, e.user);
  }
  auto cases = w().get("/api/v1/cases", &as("jaksa_lain"));
  BOOST_TEST(cases.status == 200);
  BOOST_TEST(cases.body.find("perkara-demo-001") == std::string::npos);
  BOOST_TEST(w().get("/api/v1/cases", &as("jaksa")).body.find("perkara-demo-001") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(hidden_answers_exactly_like_missing) {
  const auto& other = as("jaksa_lain");
  const std::pair<const char*, const char*> pairs[] = {
      {"/api/v1/items/", "bap-saksi-a"}, {"/items/", "bap-saksi-a"},
      {"/api/v1/items/", "bap-saksi-a@1"}, {"/api/v1/cases/", "perkara-demo-001"}, {"/cases/", "perkara-demo-001"}};
  for (const auto& [prefix, id] : pairs) {
    const std::string missing_id = std::string("zz-") + id;
    auto hidden = w().get(prefix + std::string(id), &other);
    auto missing = w().get(prefix + missing_id, &other);
    BOOST_TEST(hidden.status == 404, prefix << id);
    BOOST_TEST(missing.status == 404, prefix << missing_id);
    BOOST_TEST(hidden.header("content-type") == missing.header("content-type"));
    BOOST_TEST(without(hidden.body, id) == without(missing.body, missing_id), prefix << id);
  }
  // The trainer: the case and an unreleased item are "missing" too.
  auto t_hidden = w().get("/api/v1/items/bap-saksi-a", &as("pelatih"));
  auto t_missing = w().get("/api/v1/items/zz-bap-saksi-a", &as("pelatih"));
  BOOST_TEST(t_hidden.status == 404);
  BOOST_TEST(without(t_hidden.body, "bap-saksi-a") == without(t_missing.body, "zz-bap-saksi-a"));
  // Never 403 for case material.
  BOOST_TEST(w().get("/law/uu-21-2007/2", &other).body.find("bap-saksi-a") == std::string::npos);
}

// Regression (service-layer issue, breach 2): a trainer read a released item's father's name,
// birth date, phone, passport and account numbers on /items and /api/v1/items.
BOOST_AUTO_TEST_CASE(a_trainer_reads_a_released_item_anonymised_on_page_and_api) {
  for (const char* path : {"/items/bap-latih-korban", "/api/v1/items/bap-latih-korban"}) {
    auto r = w().get(path, &as("pelatih"));
    BOOST_TEST(r.status == 200, path);
    for (const char* s : {"0812-7788-9900", "C4455667", "1234-5678-9012", "21 November 2003", "Kusnadi", "Kirana",
                          "Wulandari"})
      BOOST_TEST(r.body.find(s) == std::string::npos, path << ": " << s);
    BOOST_TEST(r.body.find("[nomor disamarkan]") != std::string::npos, path);
  }
  // A cleared administrator still reads it whole.
  BOOST_TEST(w().get("/api/v1/items/bap-latih-korban", &as("admin")).body.find("0812-7788-9900") != std::string::npos);
}

// Regression (service-layer issue, finding 4): the person page showed the viewer's role as the
// person's ("paralegal / pendamping" for the victim).
BOOST_AUTO_TEST_CASE(the_person_page_shows_the_persons_own_role) {
  auto page = w().get("/persons/org-saksi-a", &as("pendamping"));
  BOOST_TEST_REQUIRE(page.status == 200);
  BOOST_TEST(page.body.find("<dd>saksi-korban") != std::string::npos, page.body.substr(0, 3000));
  BOOST_TEST(page.body.find("<dd>paralegal / pendamping") == std::string::npos);
  // The header still names the viewer's own role.
  BOOST_TEST(page.body.find("pendamping (paralegal / pendamping)") != std::string::npos);
}

// Regression (service-layer issue, finding 6): every user's role list pre-selected
// "administrator" (one click promoted), a trainer could be assigned a case (accepted, no effect),
// and changes gave no confirmation.
BOOST_AUTO_TEST_CASE(the_admin_page_starts_at_each_users_role_refuses_trainer_assignments_and_confirms) {
  const auto& admin = as("admin");
  auto page = w().get("/admin", &admin);
  BOOST_TEST_REQUIRE(page.status == 200);
  BOOST_TEST(page.body.find("value=\"administrator\" selected") != std::string::npos);  // the admin's own row
  BOOST_TEST(page.body.find("value=\"trainer\" selected") != std::string::npos);        // pelatih's row
  BOOST_TEST(page.body.find("value=\"prosecutor\" selected") != std::string::npos);     // jaksa's rows
  // No assignment form in the trainer's row; the API refuses it too.
  const auto row = page.body.find("/admin/users/pelatih");
  BOOST_TEST_REQUIRE(row != std::string::npos);
  const auto row_end = page.body.find("</tr>", row);
  BOOST_TEST(page.body.substr(row, row_end - row).find("value=\"assign\"") == std::string::npos);
  auto api = w().api("PUT", "/api/v1/users/pelatih/assignments/perkara-demo-001", admin, R"({"cleared":false})");
  BOOST_TEST(api.status == 400, api.body);
  BOOST_TEST(api.body.find("trainers are not assigned to cases") != std::string::npos);
  // A change is confirmed after the redirect.
  auto made = w().call("POST", "/admin/users",
                       "csrf=" + admin.csrf + "&user=konfirmasi-uji&role=paralegal&password=kata-sandi-uji-12345",
                       "application/x-www-form-urlencoded", {{"Cookie", admin.cookie}});
  BOOST_TEST_REQUIRE(made.status == 303);
  BOOST_TEST(made.header("location") == "/admin?done=created");
  BOOST_TEST(w().get("/admin?done=created", &admin).body.find("Pengguna dibuat.") != std::string::npos);
  BOOST_TEST(w().get("/admin?done=%3Cscript%3E", &admin).body.find("<script>") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(search_counts_and_facets_exclude_hidden_items) {
  auto mine = w().get("/api/v1/search?q=paspor&limit=100", &as("jaksa"));
  auto other = w().get("/api/v1/search?q=paspor&limit=100", &as("jaksa_lain"));
  BOOST_REQUIRE_EQUAL(mine.status, 200);
  BOOST_REQUIRE_EQUAL(other.status, 200);
  BOOST_TEST(mine.body.find("perkara-demo-001") != std::string::npos);
  BOOST_TEST(other.body.find("perkara-demo-001") == std::string::npos);
  BOOST_TEST(other.body.find("bap-saksi-a") == std::string::npos);
  auto total = [](const Reply& r) {
    auto o = r.json();
    if (o->has("total")) return o->getValue<std::int64_t>("total");
    return o->getObject("results")->getValue<std::int64_t>("total");
  };
  BOOST_TEST(total(other) < total(mine));
  // The page: no snippet, no count of the hidden material.
  auto page = w().get("/search?q=paspor", &as("jaksa_lain"));
  BOOST_TEST(page.status == 200);
  BOOST_TEST(page.body.find("perkara-demo-001") == std::string::npos);
  BOOST_TEST(page.body.find("/items/") == std::string::npos);
  auto t = w().get("/search?q=paspor", &as("pelatih"));
  BOOST_TEST(t.body.find("perkara-demo-001") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(protected_name_never_reaches_an_uncleared_user) {
  const char* paths[] = {"/items/bap-saksi-a",       "/api/v1/items/bap-saksi-a",       "/items/bap-saksi-ibu",
                         "/api/v1/items/bap-saksi-ibu", "/items/bap-saksi-ibu@1",        "/items/bap-tersangka",
                         "/items/el-chat-telegram",  "/api/v1/items/el-chat-telegram",  "/items/ahli-forensik-digital",
                         "/cases/perkara-demo-001",  "/api/v1/cases/perkara-demo-001",  "/cases",
                         "/api/v1/cases",            "/search?q=rina",                  "/api/v1/search?q=rina",
                         "/search?q=Fiksiana",       "/api/v1/search?q=saksi+korban&limit=100",
                         "/search?q=paspor",         "/law/uu-21-2007/2",               "/api/v1/laws/uu-21-2007/pasal/2",
                         "/search?q=rina&lang=en"};
  for (const char* user : {"admin", "jaksa", "pendamping", "jaksa_lain", "pelatih"})
    for (const char* path : paths) {
      auto r = w().get(path, &as(user));
      // A search page shows the user's own query back to them: that is not a leak.
      std::string body = r.body;
      const std::string p = path;
      if (auto q = p.find("q="); q != std::string::npos) {
        std::string typed = p.substr(q + 2, p.find('&', q) == std::string::npos ? std::string::npos : p.find('&', q) - q - 2);
        body = core::replace_all(body, typed, "");
      }
      BOOST_TEST(!leaks(body), user << " " << path);
    }
  // The cleared prosecutor sees her name in the case and her statement.
  BOOST_TEST(leaks(w().get("/cases/perkara-demo-001", &as("jaksa.jelas")).body));
  BOOST_TEST(leaks(w().get("/api/v1/items/bap-saksi-a", &as("jaksa.jelas")).body));
  // Uncleared: the pseudonym instead.
  BOOST_TEST(w().get("/cases/perkara-demo-001", &as("jaksa")).body.find("Saksi A") != std::string::npos);
}

// ---------------------------------------------------------------- pages

BOOST_AUTO_TEST_CASE(api_search_without_facets_or_snippets) {
  auto full = w().get("/api/v1/search?q=paspor", &as("jaksa"));
  auto ranked = w().get("/api/v1/search?q=paspor&facets=0&snippets=false", &as("jaksa"));
  BOOST_REQUIRE_EQUAL(full.status, 200);
  BOOST_REQUIRE_EQUAL(ranked.status, 200);
  BOOST_TEST(full.body.find("<mark>") != std::string::npos);
  BOOST_TEST(ranked.body.find("<mark>") == std::string::npos);
  BOOST_TEST(ranked.body.find("bap-saksi-a") != std::string::npos);
  BOOST_TEST(w().get("/api/v1/search?q=paspor&facets=maybe", &as("jaksa")).status == 400);
}

BOOST_AUTO_TEST_CASE(search_page_snippets_facets_paging) {
  auto r = w().get("/search?q=paspor", &as("jaksa"));
  BOOST_REQUIRE_EQUAL(r.status, 200);
  BOOST_TEST(r.body.find("<mark>") != std::string::npos);
  BOOST_TEST(r.body.find("/search?q=paspor%20") != std::string::npos);  // a facet link narrows the query
  // Query text is escaped, never reflected raw.
  auto xss = w().get("/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", &as("jaksa"));
  BOOST_TEST(xss.body.find("<script>alert") == std::string::npos);
  BOOST_TEST(xss.body.find("&lt;script&gt;") != std::string::npos);
  auto empty = w().get("/search", &as("jaksa"));
  BOOST_TEST(empty.status == 200);
  auto paged = w().get("/search?q=pasal&page=2", &as("admin"));
  BOOST_TEST(paged.status == 200);
}

BOOST_AUTO_TEST_CASE(item_page_shows_bap_versions_hash_citations) {
  auto r = w().get("/items/bap-saksi-a", &as("jaksa"));
  BOOST_REQUIRE_EQUAL(r.status, 200);
  BOOST_TEST(r.body.find("class=\"qa\"") != std::string::npos);
  BOOST_TEST(r.body.find("Pertanyaan") != std::string::npos);
  BOOST_TEST(r.body.find("SHA-256") != std::string::npos);
  BOOST_TEST(r.body.find("/law/uu-21-2007/") != std::string::npos);
  BOOST_TEST(r.body.find("/cases/perkara-demo-001") != std::string::npos);
  auto v = w().get("/items/bap-saksi-ibu", &as("jaksa"));
  BOOST_TEST(v.body.find("/items/bap-saksi-ibu%401") != std::string::npos);
  BOOST_TEST(v.body.find("/items/bap-saksi-ibu%402") != std::string::npos);
  BOOST_TEST(w().get("/items/bap-saksi-ibu%401", &as("jaksa")).status == 200);
}

BOOST_AUTO_TEST_CASE(law_pages_and_api) {
  auto outline = w().get("/law", &as("pelatih"));
  BOOST_REQUIRE_EQUAL(outline.status, 200);
  BOOST_TEST(outline.body.find("BAB") != std::string::npos);
  BOOST_TEST(outline.body.find("/law/uu-21-2007/2") != std::string::npos);
  auto pasal = w().get("/law/uu-21-2007/2?as_of=2024-06-01", &as("jaksa"));
  BOOST_REQUIRE_EQUAL(pasal.status, 200);
  BOOST_TEST(pasal.body.find("Pasal 2") != std::string::npos);
  BOOST_TEST(pasal.body.find("berlaku") != std::string::npos);
  // Evidence citing the Pasal is listed only where visible.
  BOOST_TEST(w().get("/law/uu-21-2007/4", &as("jaksa_lain")).body.find("/items/") == std::string::npos);
  BOOST_TEST(w().get("/law/uu-21-2007/999", &as("jaksa")).status == 404);
  BOOST_TEST(w().get("/law/uu-21-2007/2?as_of=kemarin", &as("jaksa")).status == 400);
  BOOST_TEST(w().get("/api/v1/laws", &as("jaksa")).status == 200);
  BOOST_TEST(w().get("/api/v1/laws/uu-21-2007", &as("jaksa")).status == 200);
  BOOST_TEST(w().get("/api/v1/laws/uu-99-2099", &as("jaksa")).status == 404);
}

BOOST_AUTO_TEST_CASE(precedent_page_and_api) {
  auto s = w().get("/api/v1/search?q=putusan&limit=50", &as("pelatih"));
  BOOST_REQUIRE_EQUAL(s.status, 200);
  auto hits = s.json()->has("hits") ? s.json()->getArray("hits") : s.json()->getObject("results")->getArray("hits");
  std::string id;
  for (std::size_t i = 0; i < hits->size(); ++i) {
    auto h = hits->getObject(static_cast<unsigned>(i));
    if (h->getValue<std::string>("kind") == "putusan") {
      id = h->getValue<std::string>(h->has("object_id") ? "object_id" : "id");
      break;
    }
  }
  BOOST_REQUIRE(!id.empty());
  if (id.rfind("putusan:", 0) == 0) id = id.substr(8);
  BOOST_TEST(w().get("/precedents/" + id, &as("pelatih")).status == 200);
  BOOST_TEST(w().get("/api/v1/precedents/" + id, &as("pelatih")).status == 200);
  BOOST_TEST(w().get("/api/v1/precedents/zz-none", &as("pelatih")).status == 404);
}

// The acquittal in the demo: its page shows the outcome per defendant, the demand beside the
// sentence, both dates; the API gives the same fields; hasil: finds it and counts it.
BOOST_AUTO_TEST_CASE(precedent_outcome_on_the_page_the_api_and_the_facet) {
  auto page = w().get("/precedents/981-pid-sus-2025-pn-sby", &as("jaksa"));
  BOOST_REQUIRE_EQUAL(page.status, 200);
  for (const char* shown : {"Hasil per terdakwa", "Bebas / Acquitted", "dakwaan kesatu; dakwaan kedua", "Tuntutan",
                            "4 tahun", "Rp150.000.000", "2025-07-07", "2025-07-10", "outcome-bebas"})
    BOOST_TEST(page.body.find(shown) != std::string::npos, shown);
  auto api = w().get("/api/v1/precedents/981-pid-sus-2025-pn-sby", &as("jaksa"));
  BOOST_REQUIRE_EQUAL(api.status, 200);
  auto outcomes = api.json()->getArray("outcomes");
  BOOST_REQUIRE_EQUAL(outcomes->size(), 1u);
  BOOST_TEST(outcomes->getObject(0)->getValue<std::string>("outcome") == "bebas");
  BOOST_TEST(outcomes->getObject(0)->getObject("demand")->getObject("prison")->getValue<int>("years") == 4);
  BOOST_TEST(api.json()->getValue<std::string>("deliberated") == "2025-07-07");

  auto found = w().get("/api/v1/search?q=hasil%3Abebas&limit=50", &as("jaksa"));
  BOOST_REQUIRE_EQUAL(found.status, 200);
  BOOST_TEST(found.body.find("981-pid-sus-2025-pn-sby") != std::string::npos);
  BOOST_TEST(found.body.find("977-pid-sus-2024-pn-jkt-pst") == std::string::npos);
  auto html = w().get("/search?q=jenis%3Aputusan", &as("jaksa"));
  BOOST_REQUIRE_EQUAL(html.status, 200);
  BOOST_TEST(html.body.find("Hasil putusan") != std::string::npos);
  const bool link = html.body.find("hasil%3Abebas") != std::string::npos || html.body.find("hasil:bebas") != std::string::npos;
  BOOST_TEST(link);  // the facet's value links to the filter
}

// Sentencing across the demo's fictional decisions under UU 21/2007 Pasal 4: the page (form,
// distribution, an SVG chart without script, the table), its CSV, the API; a bad provision is
// refused in the user's words. The case page lists the decisions most like the case.
BOOST_AUTO_TEST_CASE(sentencing_page_csv_api_and_similar_decisions) {
  auto page = w().get("/sentencing?provision=4", &as("jaksa"));
  BOOST_REQUIRE_EQUAL(page.status, 200);
  for (const char* shown : {"<svg", "977/Pid.Sus/2024/PN Jkt.Pst", "988/PID.SUS/2025/PT DKI", "uu-21-2007/pasal-4",
                            "Penjara (bulan)", "/sentencing.csv?provision=4"})
    BOOST_TEST(page.body.find(shown) != std::string::npos, shown);
  BOOST_TEST(page.body.find("<script") == std::string::npos);
  BOOST_TEST(page.body.find("uu-21-2007/pasal-4 + :") == std::string::npos);  // no successor: no " + "
  // The acquittal charged under Pasal 4 is a row too (its outcome, no term); convictions only:
  BOOST_TEST(page.body.find("981/Pid.Sus/2025/PN Sby") != std::string::npos);
  auto guilty = w().get("/sentencing?provision=4&outcome=bersalah", &as("jaksa"));
  BOOST_TEST(guilty.body.find("981/Pid.Sus/2025/PN Sby") == std::string::npos);
  BOOST_TEST(guilty.body.find("977/Pid.Sus/2024/PN Jkt.Pst") != std::string::npos);

  auto csv = w().get("/sentencing.csv?provision=4", &as("jaksa"));
  BOOST_REQUIRE_EQUAL(csv.status, 200);
  BOOST_TEST(csv.header("content-type").find("text/csv") == 0u);
  BOOST_TEST(csv.body.rfind("putusan,nomor,pengadilan,tanggal", 0) == 0u);
  BOOST_TEST(std::count(csv.body.begin(), csv.body.end(), '\n') == 4);  // header + three defendants

  auto api = w().get("/api/v1/sentencing?provision=uu-21-2007%2Fpasal-4", &as("jaksa"));
  BOOST_REQUIRE_EQUAL(api.status, 200);
  BOOST_TEST(api.json()->getValue<int>("defendants") == 3);
  BOOST_TEST(api.json()->getObject("outcomes")->getValue<int>("bebas") == 1);
  BOOST_TEST(api.json()->getObject("prison_months")->getValue<int>("n") == 2);  // convictions only
  BOOST_TEST(api.json()->getObject("prison_months")->getValue<double>("median") == 72.0);

  auto bad = w().get("/api/v1/sentencing?provision=pasal%20%3Cx%3E", &as("jaksa"));
  BOOST_TEST(bad.status == 400);
  BOOST_TEST(bad.body.find("pasal tidak valid / invalid provision") != std::string::npos);
  BOOST_TEST(w().get("/api/v1/sentencing?from=2026&to=2020", &as("jaksa")).status == 400);

  auto case_page = w().get("/cases/perkara-demo-001", &as("jaksa"));
  BOOST_REQUIRE_EQUAL(case_page.status, 200);
  BOOST_TEST(case_page.body.find("Putusan serupa") != std::string::npos);
  BOOST_TEST(case_page.body.find("977/Pid.Sus/2024/PN Jkt.Pst") != std::string::npos);
}

// Identifiers across cases and the timeline on the web (demo, FIKTIF): the recruiter's number
// written in the second case links the two for who may see both, and for no one else.
BOOST_AUTO_TEST_CASE(identifiers_and_timeline_pages) {
  const std::string second = "perkara-demo-002";
  auto admin_case = w().get("/cases/perkara-demo-001", &as("admin"));
  BOOST_REQUIRE_EQUAL(admin_case.status, 200);
  BOOST_TEST(admin_case.body.find("Juga di perkara lain") != std::string::npos);
  BOOST_TEST(admin_case.body.find("/cases/" + second) != std::string::npos);
  auto jaksa_case = w().get("/cases/perkara-demo-001", &as("jaksa"));
  BOOST_REQUIRE_EQUAL(jaksa_case.status, 200);
  BOOST_TEST(jaksa_case.body.find(second) == std::string::npos);
  BOOST_TEST(jaksa_case.body.find("Juga di perkara lain") == std::string::npos);

  auto ids = w().get("/cases/perkara-demo-001/identifiers", &as("jaksa"));
  BOOST_REQUIRE_EQUAL(ids.status, 200);
  for (const char* shown : {"+6285724681357", "bca:8021357913", "telegram:jay_rekrut_fiktif", "Identitas digital"})
    BOOST_TEST(ids.body.find(shown) != std::string::npos, shown);
  // The protected victim's numbers: hidden from the uncleared prosecutor, shown to the cleared one.
  for (const char* hidden : {"3201014108010001", "0000-1111", second.c_str()}) BOOST_TEST(ids.body.find(hidden) == std::string::npos, hidden);
  auto cleared = w().get("/cases/perkara-demo-001/identifiers", &as("jaksa.jelas"));
  BOOST_TEST(cleared.body.find("3201014108010001") != std::string::npos);
  BOOST_TEST(ids.body.find("<script") == std::string::npos);

  auto csv = w().get("/cases/perkara-demo-001/identifiers.csv", &as("jaksa"));
  BOOST_REQUIRE_EQUAL(csv.status, 200);
  BOOST_TEST(csv.header("content-type").find("text/csv") == 0u);
  BOOST_TEST(csv.body.rfind("jenis,nilai,keterangan,perkara,item", 0) == 0u);

  // A number looked up by a form: the answer is a redirect to its key, which carries no digit of it.
  auto lookup = w().call("POST", "/identifiers", "csrf=" + as("admin").csrf + "&value=0857-2468-1357",
                         "application/x-www-form-urlencoded", {{"Cookie", as("admin").cookie}});
  BOOST_REQUIRE_EQUAL(lookup.status, 303);
  const auto location = lookup.header("location");
  BOOST_TEST(location.rfind("/identifiers/", 0) == 0u);
  BOOST_TEST(location.find("2468") == std::string::npos);
  auto page = w().get(location, &as("admin"));
  BOOST_REQUIRE_EQUAL(page.status, 200);
  BOOST_TEST(page.body.find("bap-korban-b") != std::string::npos);
  BOOST_TEST(page.body.find("bap-tersangka") != std::string::npos);
  // The same page for a prosecutor of the first case only: the second case's passage is not there.
  auto jaksa_page = w().get(location, &as("jaksa"));
  BOOST_REQUIRE_EQUAL(jaksa_page.status, 200);
  BOOST_TEST(jaksa_page.body.find("bap-korban-b") == std::string::npos);
  BOOST_TEST(jaksa_page.body.find(second) == std::string::npos);
  // Without the form's CSRF token: refused.
  auto forged = w().call("POST", "/identifiers", "value=0857-2468-1357", "application/x-www-form-urlencoded",
                         {{"Cookie", as("admin").cookie}});
  BOOST_TEST(forged.status == 403);
  // The API: the value in the body; not an identifier is a 400 naming what is wrong.
  auto api = w().api("POST", "/api/v1/identifiers", as("admin"), R"({"value":"+62 857 2468 1357"})");
  BOOST_REQUIRE_EQUAL(api.status, 200);
  BOOST_TEST(api.json()->getValue<std::string>("value") == "+6285724681357");
  BOOST_TEST(api.json()->getArray("cases")->size() == 2u);
  BOOST_TEST(w().api("POST", "/api/v1/identifiers", as("admin"), R"({"value":"bukan nomor"})").status == 400);

  auto timeline = w().get("/cases/perkara-demo-001/timeline", &as("jaksa"));
  BOOST_REQUIRE_EQUAL(timeline.status, 200);
  BOOST_TEST(timeline.body.find("<svg") != std::string::npos);
  BOOST_TEST(timeline.body.find("<script") == std::string::npos);
  BOOST_TEST(timeline.body.find("2024-02-12") != std::string::npos);
  BOOST_TEST(timeline.body.find("Rina") == std::string::npos);
  auto timeline_api = w().get("/api/v1/cases/perkara-demo-001/timeline", &as("jaksa"));
  BOOST_REQUIRE_EQUAL(timeline_api.status, 200);
  BOOST_TEST(timeline_api.body.find("\"dokumen\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(language_switch_by_query_and_cookie) {
  auto en = w().get("/search?lang=en", &as("jaksa"));
  BOOST_TEST(en.body.find("Sign out") != std::string::npos);
  BOOST_TEST(en.body.find("lang=\"en\"") != std::string::npos);
  BOOST_TEST(en.cookie("berkas_lang") == "en");
  Who with_lang = as("jaksa");
  with_lang.cookie += "; berkas_lang=en";
  BOOST_TEST(w().get("/cases", &with_lang).body.find("Sign out") != std::string::npos);
  auto id = w().get("/cases", &as("jaksa"));
  BOOST_TEST(id.body.find("Keluar") != std::string::npos);
  BOOST_TEST(id.body.find("lang=\"id\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(admin_pages_and_api_are_for_administrators) {
  for (const char* user : {"jaksa", "pendamping", "pelatih"}) {
    BOOST_TEST(w().get("/admin", &as(user)).status == 403, user);
    BOOST_TEST(w().get("/admin/audit", &as(user)).status == 403, user);
    BOOST_TEST(w().get("/api/v1/users", &as(user)).status == 403, user);
    BOOST_TEST(w().get("/api/v1/audit", &as(user)).status == 403, user);
    BOOST_TEST(w().api("POST", "/api/v1/users", as(user),
                       R"({"user":"evil","role":"administrator","password":"kata-sandi-uji-12345"})")
                   .status == 403,
               user);
  }
  auto page = w().get("/admin", &as("admin"));
  BOOST_REQUIRE_EQUAL(page.status, 200);
  BOOST_TEST(page.body.find("jaksa.jelas") != std::string::npos);
  BOOST_TEST(page.body.find("name=\"csrf\" value=\"" + as("admin").csrf + "\"") != std::string::npos);
  // A page form: create a user, then assign a case, then remove it.
  const auto& admin = as("admin");
  auto created = w().call("POST", "/admin/users",
                          "csrf=" + admin.csrf + "&user=baru&role=paralegal&password=kata-sandi-uji-12345",
                          "application/x-www-form-urlencoded", {{"Cookie", admin.cookie}});
  BOOST_TEST(created.status == 303);
  auto assigned = w().call("POST", "/admin/users/baru", "csrf=" + admin.csrf + "&action=assign&case=perkara-demo-001&cleared=1",
                           "application/x-www-form-urlencoded", {{"Cookie", admin.cookie}});
  BOOST_TEST(assigned.status == 303);
  auto users = w().api("GET", "/api/v1/users", admin);
  BOOST_TEST(users.body.find("\"baru\"") != std::string::npos);
  auto nocase = w().call("POST", "/admin/users/baru", "csrf=" + admin.csrf + "&action=assign&case=zz-none",
                         "application/x-www-form-urlencoded", {{"Cookie", admin.cookie}});
  BOOST_TEST(nocase.status == 404);
  auto weak = w().api("POST", "/api/v1/users", admin, R"({"user":"lemah","role":"trainer","password":"pendek"})");
  BOOST_TEST(weak.status == 400);
  auto dup = w().api("POST", "/api/v1/users", admin, R"({"user":"jaksa","role":"trainer","password":"kata-sandi-uji-12345"})");
  BOOST_TEST(dup.status == 409);
  // The audit log has the changes, with no password in it.
  auto audit = w().api("GET", "/api/v1/audit?limit=1000", admin);
  BOOST_REQUIRE_EQUAL(audit.status, 200);
  BOOST_TEST(audit.body.find("user.create") != std::string::npos);
  BOOST_TEST(audit.body.find("assignment.set") != std::string::npos);
  BOOST_TEST(audit.body.find("session.sign_in") != std::string::npos);
  BOOST_TEST(audit.body.find("setup.administrator") != std::string::npos);
  BOOST_TEST(audit.body.find(k_password) == std::string::npos);
  BOOST_TEST(w().get("/admin/audit", &admin).body.find("user.create") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(disabling_a_user_ends_their_sessions) {
  const auto& admin = as("admin");
  BOOST_REQUIRE(w().api("POST", "/api/v1/users", admin,
                        R"({"user":"sementara","role":"paralegal","password":"kata-sandi-uji-12345"})")
                    .status == 201);
  Who temp = w().sign_in("sementara");
  BOOST_TEST(w().get("/api/v1/session", &temp).status == 200);
  BOOST_TEST(w().api("PATCH", "/api/v1/users/sementara", admin, R"({"disabled":true})").status == 204);
  BOOST_TEST(w().get("/api/v1/session", &temp).status == 401);
  BOOST_TEST(w().call("POST", "/api/v1/session", R"({"user":"sementara","password":"kata-sandi-uji-12345"})",
                      "application/json")
                 .status == 401);
  // The last administrator cannot be demoted.
  BOOST_TEST(w().api("PATCH", "/api/v1/users/admin", admin, R"({"role":"trainer"})").status == 409);
}

// ---------------------------------------------------------------- upload

namespace {
std::string multipart(const std::vector<std::pair<std::string, std::string>>& files, const std::string& csrf = {}) {
  std::string b;
  if (!csrf.empty()) b += "--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + csrf + "\r\n";
  for (const auto& [name, bytes] : files)
    b += "--XyZ\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + name +
         "\"\r\nContent-Type: application/xml\r\n\r\n" + bytes + "\r\n";
  return b + "--XyZ--\r\n";
}
}  // namespace

BOOST_AUTO_TEST_CASE(upload_page_and_api_report_each_file) {
  std::string xml = test::read_file(test::source_path("demo/05-surat/surat-kbri-phnom-penh.xml"));
  xml = core::replace_all(xml, "id=\"surat-kbri-phnom-penh\"", "id=\"surat-unggahan-uji\"");
  const auto& jaksa = as("jaksa");
  auto api = w().call("POST", "/api/v1/ingest",
                      multipart({{"../../etc/surat baru.xml", xml}, {"rusak.xml", "<surat>"}, {"gambar.png", "PNG"}}),
                      "multipart/form-data; boundary=XyZ", {{"Cookie", jaksa.cookie}, {"X-CSRF-Token", jaksa.csrf}});
  BOOST_TEST(api.status == 422);  // one file failed
  BOOST_TEST(api.body.find("surat-unggahan-uji") != std::string::npos);
  BOOST_TEST(api.body.find("surat baru.xml") != std::string::npos);  // the display name only
  BOOST_TEST(api.body.find("../") == std::string::npos);
  BOOST_TEST(api.body.find("rusak.xml") != std::string::npos);
  BOOST_TEST(api.body.find("gambar.png") != std::string::npos);
  BOOST_TEST(api.body.find("unggahan-0") == std::string::npos);  // the generated name stays inside
  BOOST_TEST(api.body.find(w().data) == std::string::npos);
  BOOST_TEST(w().get("/api/v1/items/surat-unggahan-uji", &jaksa).status == 200);
  // The page form.
  auto page = w().call("POST", "/upload", multipart({{"lagi.xml", xml}}, jaksa.csrf), "multipart/form-data; boundary=XyZ",
                       {{"Cookie", jaksa.cookie}});
  BOOST_TEST(page.status == 200);
  BOOST_TEST(page.body.find("unchanged") != std::string::npos);
  BOOST_TEST(w().get("/upload", &jaksa).status == 200);
  // Trainers may not upload; nothing left behind in the data dir.
  BOOST_TEST(w().get("/upload", &as("pelatih")).status == 403);
  auto t = w().call("POST", "/api/v1/ingest", multipart({{"a.xml", xml}}), "multipart/form-data; boundary=XyZ",
                    {{"Cookie", as("pelatih").cookie}, {"X-CSRF-Token", as("pelatih").csrf}});
  BOOST_TEST(t.status == 403);
  std::size_t leftovers = 0;
  for (const auto& e : fs::recursive_directory_iterator(fs::path(w().data) / "uploads"))
    if (e.is_regular_file()) ++leftovers;
  BOOST_TEST(leftovers == 0u);
  auto bad = w().call("POST", "/api/v1/ingest", "no boundary here", "multipart/form-data",
                      {{"Cookie", jaksa.cookie}, {"X-CSRF-Token", jaksa.csrf}});
  BOOST_TEST(bad.status == 400);
  auto audit = w().api("GET", "/api/v1/audit?limit=1000", as("admin"));
  BOOST_TEST(audit.body.find("\"upload\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(unknown_routes_and_methods) {
  BOOST_TEST(w().get("/api/v1/nope", &as("jaksa")).status == 404);
  BOOST_TEST(w().get("/nope", &as("jaksa")).status == 404);
  BOOST_TEST(w().api("DELETE", "/api/v1/search?q=x", as("jaksa")).status == 405);
  BOOST_TEST(w().api("PUT", "/search", as("jaksa")).status == 405);
  BOOST_TEST(w().get("/api/v1/search", &as("jaksa")).status == 400);  // q required
  auto bad_query = w().get("/api/v1/search?q=%22unclosed", &as("jaksa"));
  BOOST_TEST((bad_query.status == 200 || bad_query.status == 400));
}

// ---------------------------------------------------------------- readers and the writer

namespace {
std::string demo_file(const std::string& rel) { return test::read_file(test::source_path(rel)); }

Reply upload(const Who& who, const std::vector<std::pair<std::string, std::string>>& files) {
  return w().call("POST", "/api/v1/ingest", multipart(files), "multipart/form-data; boundary=XyZ",
                  {{"Cookie", who.cookie}, {"X-CSRF-Token", who.csrf}});
}

std::int64_t total_of(const Reply& r) {
  auto o = r.json();
  if (o->has("total")) return o->getValue<std::int64_t>("total");
  return o->getObject("results")->getValue<std::int64_t>("total");
}
}  // namespace

BOOST_AUTO_TEST_CASE(readers_see_every_acknowledged_write) {
  const auto& jaksa = as("jaksa");
  for (int i = 0; i < 3; ++i) {
    const std::string id = "surat-baca-" + std::to_string(i);
    const std::string word = "zebrakuda" + std::string(1, static_cast<char>('a' + i));
    std::string xml = core::replace_all(demo_file("demo/05-surat/surat-kbri-phnom-penh.xml"),
                                        "id=\"surat-kbri-phnom-penh\"", "id=\"" + id + "\"");
    xml = core::replace_all(xml, "<judul>Surat keterangan KBRI", "<judul>Surat " + word + " KBRI");
    // Searches served before the upload warm every reader of the pool at the old revision.
    for (int k = 0; k < 6; ++k) BOOST_TEST(w().get("/api/v1/search?q=paspor", &jaksa).status == 200);
    BOOST_TEST(total_of(w().get("/api/v1/search?q=" + word, &jaksa)) == 0);
    auto up = upload(jaksa, {{id + ".xml", xml}});
    BOOST_REQUIRE_MESSAGE(up.status == 200, up.body);
    // At once, on whichever reader answers.
    for (int k = 0; k < 6; ++k) {
      auto r = w().get("/api/v1/search?q=" + word, &jaksa);
      BOOST_REQUIRE_EQUAL(r.status, 200);
      BOOST_TEST(total_of(r) == 1, word << " round " << k);
      BOOST_TEST(w().get("/items/" + id, &jaksa).status == 200);
    }
  }
}

BOOST_AUTO_TEST_CASE(reads_run_in_parallel_beside_uploads) {
  const auto& jaksa = as("jaksa");
  std::atomic<int> failures{0}, done{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t)
    threads.emplace_back([&, t] {
      const char* paths[] = {"/api/v1/search?q=paspor", "/api/v1/items/bap-saksi-a", "/search?q=perekrutan",
                             "/cases/perkara-demo-001", "/law/uu-21-2007/2"};
      for (int i = 0; i < 25; ++i) {
        try {
          auto r = w().get(paths[(i + t) % 5], &jaksa);
          if (r.status != 200) ++failures;
        } catch (const Poco::Exception&) {
          ++failures;
        }
        ++done;
      }
    });
  for (int i = 0; i < 3; ++i) {
    std::string xml = core::replace_all(demo_file("demo/05-surat/surat-kbri-phnom-penh.xml"),
                                        "id=\"surat-kbri-phnom-penh\"", "id=\"surat-paralel-" + std::to_string(i) + "\"");
    BOOST_TEST(upload(jaksa, {{"p.xml", xml}}).status == 200);
  }
  for (auto& th : threads) th.join();
  BOOST_TEST(done.load() == 150);
  BOOST_TEST(failures.load() == 0);
  BOOST_TEST(total_of(w().get("/api/v1/search?q=%22surat-paralel-2%22+OR+kbri&limit=100", &jaksa)) >= 1);
  BOOST_TEST(w().get("/api/v1/items/surat-paralel-2", &jaksa).status == 200);
}

// Regression (service-layer issue, breach 1): an uncleared paralegal uploaded a file with the id
// of the protected victim's statement; it became version 2, with no note and no review, and the
// next bundle used it. A file reusing an item's id is now a correction only when the upload says
// so, the file gives a <catatan-koreksi>, and the uploader may correct evidence in that case.
BOOST_AUTO_TEST_CASE(an_upload_reusing_an_items_id_never_replaces_it_silently) {
  const auto& admin = as("admin");
  auto upload_as = [](const Who& who, const std::string& name, const std::string& xml, bool correction) {
    std::string b;
    if (correction) b += "--XyZ\r\nContent-Disposition: form-data; name=\"correction\"\r\n\r\nya\r\n";
    b += "--XyZ\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + name +
         "\"\r\nContent-Type: application/xml\r\n\r\n" + xml + "\r\n--XyZ--\r\n";
    return w().call("POST", "/api/v1/ingest", b, "multipart/form-data; boundary=XyZ",
                    {{"Cookie", who.cookie}, {"X-CSRF-Token", who.csrf}});
  };
  auto versions_of = [](const std::string& id) {
    auto r = w().get("/api/v1/items/" + id, &as("admin"));
    return r.status == 200 ? r.json()->getArray("versions")->size() : 0u;
  };
  const std::string original = demo_file("demo/03-bap/bap-saksi-a.xml");
  const std::string changed = core::replace_all(original, "</ringkasan>", " (diubah)</ringkasan>");
  BOOST_REQUIRE(changed != original);
  const std::string noted = core::replace_all(
      changed, "</ringkasan>", "</ringkasan>\n    <catatan-koreksi>Ringkasan diperbaiki (uji, FIKTIF).</catatan-koreksi>");
  BOOST_REQUIRE_EQUAL(versions_of("bap-saksi-a"), 1u);
  struct Try {
    const char* who;
    const std::string* xml;
    bool correction;
    const char* says;
  };
  const Try refused[] = {
      {"pendamping", &changed, false, "hanya jaksa yang ditugaskan dan berwenang"},  // the reported breach
      {"pendamping", &noted, true, "hanya jaksa yang ditugaskan dan berwenang"},
      {"jaksa", &noted, true, "hanya jaksa yang ditugaskan dan berwenang"},          // not cleared
      {"admin", &noted, false, "unggahan ini bukan koreksi"},                      // not asked for
      {"jaksa.jelas", &changed, false, "unggahan ini bukan koreksi"},
      {"jaksa.jelas", &changed, true, "tanpa <catatan-koreksi>"},
  };
  for (const auto& t : refused) {
    auto r = upload_as(as(t.who), "bap.xml", *t.xml, t.correction);
    BOOST_TEST(r.status == 422, t.who << ": " << r.body);
    BOOST_TEST(r.body.find(t.says) != std::string::npos, t.who << ": " << r.body);
    BOOST_TEST(r.body.find("Fiksiana") == std::string::npos);
  }
  BOOST_TEST(versions_of("bap-saksi-a") == 1u);
  // The same bytes again are simply unchanged, for anyone who may upload into the case.
  BOOST_TEST(upload_as(as("pendamping"), "bap.xml", original, false).status == 200);
  // A correction that is asked for, says what changed, by a cleared prosecutor: the next version
  // (of a statement made for this test, so the demo's stays as it is for the other tests).
  const std::string own = core::replace_all(original, "id=\"bap-saksi-a\"", "id=\"bap-koreksi-uji\"");
  BOOST_REQUIRE_EQUAL(upload_as(admin, "baru.xml", own, false).status, 200);
  const std::string own_noted = core::replace_all(noted, "id=\"bap-saksi-a\"", "id=\"bap-koreksi-uji\"");
  auto ok = upload_as(as("jaksa.jelas"), "koreksi.xml", own_noted, true);
  BOOST_TEST(ok.status == 200, ok.body);
  BOOST_TEST(ok.body.find("\"new-version\"") != std::string::npos, ok.body);
  BOOST_TEST(versions_of("bap-koreksi-uji") == 2u);
}

// ---------------------------------------------------------------- upload and case assignment

BOOST_AUTO_TEST_CASE(upload_only_into_assigned_cases_and_hidden_reads_as_missing) {
  const auto& admin = as("admin");
  const auto& jaksa = as("jaksa");
  // A second case, which jaksa is not assigned to.
  const std::string kedua = core::replace_all(demo_file("demo/01-perkara/perkara-demo-001.xml"),
                                              "id=\"perkara-demo-001\"", "id=\"perkara-kedua\"");
  auto made = upload(admin, {{"perkara-kedua.xml", kedua}});
  BOOST_REQUIRE_MESSAGE(made.status == 200, made.body);
  BOOST_TEST(made.body.find("\"created\"") != std::string::npos);
  const std::string surat = demo_file("demo/05-surat/surat-kbri-phnom-penh.xml");
  auto item_for = [&](const std::string& item_id, const std::string& case_id) {
    return core::replace_all(core::replace_all(surat, "id=\"surat-kbri-phnom-penh\"", "id=\"" + item_id + "\""),
                             "perkara=\"perkara-demo-001\"", "perkara=\"" + case_id + "\"");
  };
  auto error_of = [](const Reply& r, std::size_t i) {
    auto files = r.json()->getArray("files");
    return files->getObject(static_cast<unsigned>(i))->getValue<std::string>("error");
  };
  auto r = upload(jaksa, {{"a.xml", item_for("surat-x1", "perkara-kedua")},
                          {"b.xml", item_for("surat-x2", "perkara-tidak-ada")},
                          {"c.xml", item_for("surat-x3", "perkara-demo-001")}});
  BOOST_REQUIRE_EQUAL(r.status, 422);
  const std::string hidden = error_of(r, 0), missing = error_of(r, 1);
  BOOST_TEST(hidden == "a.xml: perkara 'perkara-kedua' belum ada / case not found");
  BOOST_TEST(core::replace_all(core::replace_all(hidden, "perkara-kedua", "ID"), "a.xml", "F") ==
             core::replace_all(core::replace_all(missing, "perkara-tidak-ada", "ID"), "b.xml", "F"));
  BOOST_TEST(r.body.find("surat-x3") != std::string::npos);
  // The same words the service uses for a case that does not exist (the administrator's upload).
  auto a = upload(admin, {{"b.xml", item_for("surat-x2", "perkara-tidak-ada")}});
  BOOST_TEST(a.status == 422);
  BOOST_TEST(error_of(a, 0) == missing);
  // Nothing of the refused files was stored; the assigned case's file was.
  BOOST_TEST(w().get("/api/v1/items/surat-x1", &admin).status == 404);
  BOOST_TEST(w().get("/api/v1/items/surat-x2", &admin).status == 404);
  BOOST_TEST(w().get("/api/v1/items/surat-x3", &jaksa).status == 200);
  // A case file, a person or the law: only for the uploader's own cases, the law never.
  auto kase = upload(jaksa, {{"k.xml", kedua}});
  BOOST_TEST(kase.status == 422);
  BOOST_TEST(error_of(kase, 0) == "k.xml: perkara 'perkara-kedua' belum ada / case not found");
  const std::string person = core::replace_all(
      core::replace_all(demo_file("demo/02-orang/org-pendamping.xml"), "perkara-demo-001", "perkara-kedua"),
      "id=\"org-pendamping\"", "id=\"org-baru\"");
  auto pr = upload(jaksa, {{"o.xml", person}});
  BOOST_TEST(pr.status == 422);
  BOOST_TEST(error_of(pr, 0) == "o.xml: perkara 'perkara-kedua' belum ada / case not found");
  auto law = upload(as("pendamping"), {{"uu.xml", demo_file("law/uu-21-2007.xml")}});
  BOOST_TEST(law.status == 422);
  BOOST_TEST(error_of(law, 0).find("administrator") != std::string::npos);
  // An uncleared prosecutor may not rewrite the protected person of her own case.
  auto saksi = upload(jaksa, {{"s.xml", demo_file("demo/02-orang/org-saksi-a.xml")}});
  BOOST_TEST(saksi.status == 422);
  BOOST_TEST(!leaks(saksi.body));
  // The paralegal of the case may add to it; a prosecutor elsewhere may not.
  BOOST_TEST(upload(as("pendamping"), {{"p.xml", item_for("surat-x4", "perkara-demo-001")}}).status == 200);
  auto other = upload(as("jaksa_lain"), {{"p.xml", item_for("surat-x5", "perkara-demo-001")}});
  BOOST_TEST(other.status == 422);
  BOOST_TEST(error_of(other, 0) == "p.xml: perkara 'perkara-demo-001' belum ada / case not found");
}

// ---------------------------------------------------------------- attachments

BOOST_AUTO_TEST_CASE(attachment_download_is_audited_and_guarded) {
  // The Telegram export names the protected victim-witness; the PDF offer letter does not.
  const std::string chat = "/api/v1/items/el-chat-telegram/attachments/1";
  auto cleared = w().get(chat, &as("jaksa.jelas"));
  BOOST_REQUIRE_EQUAL(cleared.status, 200);
  BOOST_TEST(cleared.header("content-disposition") == "attachment; filename=\"telegram-export.json\"");
  BOOST_TEST(cleared.header("content-type") == "application/json; charset=utf-8");
  BOOST_TEST(cleared.header("x-content-type-options") == "nosniff");
  BOOST_TEST(cleared.body == demo_file("demo/06-elektronik/lampiran/telegram-export.json"));
  BOOST_TEST(leaks(cleared.body));
  // Not cleared (the administrator is not cleared either), not assigned, trainer, out of range:
  // one answer.
  auto missing = w().get("/api/v1/items/el-chat-telegram/attachments/9", &as("jaksa"));
  BOOST_TEST(missing.status == 404);
  for (const char* user : {"jaksa", "pendamping", "admin", "jaksa_lain", "pelatih"}) {
    auto r = w().get(chat, &as(user));
    BOOST_TEST(r.status == 404, user);
    BOOST_TEST(r.body == missing.body, user);
    BOOST_TEST(r.header("content-type") == missing.header("content-type"), user);
    BOOST_TEST(!leaks(r.body), user);
  }
  BOOST_TEST(w().get("/api/v1/items/zz-none/attachments/1", &as("jaksa")).body == missing.body);
  for (const char* n : {"0", "x", "1.0", "99999", "-1"})
    BOOST_TEST(w().get(std::string("/api/v1/items/el-chat-telegram/attachments/") + n, &as("jaksa.jelas")).status == 404,
               n);
  // The PDF offer letter names her too — in its compressed text layer, not in its raw bytes: it
  // is read (extract/) before it is handed out, so only the cleared prosecutor gets it.
  auto pdf = w().get("/items/surat-tawaran-kerja/attachments/1", &as("jaksa.jelas"));
  BOOST_REQUIRE_EQUAL(pdf.status, 200);
  BOOST_TEST(pdf.header("content-type") == "application/pdf");
  BOOST_TEST(pdf.header("content-disposition") == "attachment; filename=\"surat-tawaran-kerja.pdf\"");
  BOOST_TEST(pdf.body == demo_file("demo/05-surat/lampiran/surat-tawaran-kerja.pdf"));
  BOOST_TEST(!leaks(pdf.body));  // the name is not in the bytes as such
  for (const char* user : {"jaksa", "pendamping", "admin"})
    BOOST_TEST(w().get("/api/v1/items/surat-tawaran-kerja@1/attachments/1", &as(user)).status == 404, user);
  BOOST_TEST(w().get("/items/surat-tawaran-kerja/attachments/1", &as("jaksa_lain")).status == 404);
  BOOST_TEST(w().get("/items/surat-tawaran-kerja/attachments/1").status == 303);  // signed out
  BOOST_TEST(w().api("POST", "/api/v1/items/surat-tawaran-kerja/attachments/1", as("jaksa")).status == 405);
  // The item page links its attachments.
  BOOST_TEST(w().get("/items/surat-tawaran-kerja", &as("jaksa")).body.find(
                 "href=\"/items/surat-tawaran-kerja%401/attachments/1\"") != std::string::npos);
  // Every download, and every refusal for a protected name, is in the audit log.
  auto audit = w().api("GET", "/api/v1/audit?limit=1000", as("admin")).body;
  BOOST_TEST(audit.find("\"attachment.download\"") != std::string::npos);
  BOOST_TEST(audit.find("\"attachment.withheld\"") != std::string::npos);
  BOOST_TEST(audit.find("el-chat-telegram@1/attachments/1") != std::string::npos);
  BOOST_TEST(!leaks(audit));
}

// ---------------------------------------------------------------- originals

BOOST_AUTO_TEST_CASE(original_download_is_whole_audited_and_guarded) {
  // The cleared prosecutor gets the victim's statement exactly as it was ingested.
  auto bap = w().get("/api/v1/items/bap-saksi-a/original", &as("jaksa.jelas"));
  BOOST_REQUIRE_EQUAL(bap.status, 200);
  BOOST_TEST(bap.body == demo_file("demo/03-bap/bap-saksi-a.xml"));
  BOOST_TEST(bap.header("content-disposition") == "attachment; filename=\"bap-saksi-a.xml\"");
  BOOST_TEST(bap.header("x-content-type-options") == "nosniff");
  // Each version is its own original: the corrected statement and the one it corrected.
  auto v2 = w().get("/items/bap-saksi-ibu@2/original", &as("jaksa.jelas"));
  BOOST_REQUIRE_EQUAL(v2.status, 200);
  BOOST_TEST(v2.body == demo_file("demo/07-koreksi/bap-saksi-ibu.xml"));
  BOOST_TEST(v2.header("content-disposition") == "attachment; filename=\"bap-saksi-ibu-v2.xml\"");
  BOOST_TEST(w().get("/items/bap-saksi-ibu@1/original", &as("jaksa.jelas")).body ==
             demo_file("demo/03-bap/bap-saksi-ibu.xml"));
  // The uncleared prosecutor of the case may see the statement, redacted, but not its original:
  // the page does not offer it and asking anyway is refused without a name.
  BOOST_TEST(w().get("/items/bap-saksi-a", &as("jaksa")).body.find("/original") == std::string::npos);
  for (const char* user : {"jaksa", "pendamping"}) {
    auto r = w().get("/api/v1/items/bap-saksi-a/original", &as(user));
    BOOST_TEST(r.status == 403, user);
    BOOST_TEST(!leaks(r.body), user);
  }
  // A document that names no protected person is theirs whole, offered on the page.
  auto letter = w().get("/items/surat-tawaran-kerja/original", &as("jaksa"));
  BOOST_REQUIRE_EQUAL(letter.status, 200);
  BOOST_TEST(letter.body == demo_file("demo/05-surat/surat-tawaran-kerja.xml"));
  BOOST_TEST(w().get("/items/surat-tawaran-kerja", &as("jaksa")).body.find(
                 "href=\"/items/surat-tawaran-kerja%401/original\"") != std::string::npos);
  auto letter_json = w().get("/api/v1/items/surat-tawaran-kerja", &as("jaksa")).json();
  BOOST_TEST((letter_json && letter_json->optValue<bool>("original_offered", false)));
  // Another case's prosecutor and the trainer (released training material is anonymised, its
  // original never) are told it does not exist; signed out goes to the sign-in page.
  auto none = w().get("/api/v1/items/zz-none/original", &as("jaksa"));
  BOOST_TEST(none.status == 404);
  BOOST_TEST(w().get("/api/v1/items/surat-tawaran-kerja/original", &as("jaksa_lain")).status == 404);
  BOOST_TEST(w().get("/api/v1/items/bap-latih-korban/original", &as("pelatih")).status == 404);
  BOOST_TEST(w().get("/items/bap-latih-korban", &as("pelatih")).body.find("/original") == std::string::npos);
  BOOST_TEST(w().get("/items/surat-tawaran-kerja/original").status == 303);
  BOOST_TEST(w().api("POST", "/api/v1/items/surat-tawaran-kerja/original", as("jaksa")).status == 405);
  auto audit = w().api("GET", "/api/v1/audit?limit=1000", as("admin")).body;
  BOOST_TEST(audit.find("\"original.download\"") != std::string::npos);
  BOOST_TEST(audit.find("\"original.withheld\"") != std::string::npos);
  BOOST_TEST(audit.find("bap-saksi-ibu@2") != std::string::npos);
  BOOST_TEST(!leaks(audit));
}

// ---------------------------------------------------------------- documents: shared helpers

namespace {

// The text of a PDF, by pdftotext (poppler-utils).
std::string pdf_text(const std::string& pdf) {
  test::TempDir tmp;
  const std::string in = tmp.write("x.pdf", pdf);
  const std::string out = tmp.file("x.txt");
  const std::string cmd = "pdftotext -q -enc UTF-8 '" + in + "' '" + out + "'";
  BOOST_REQUIRE_EQUAL(std::system(cmd.c_str()), 0);
  return test::read_file(out);
}

Reply form_post(const std::string& path, const Who& who, const std::string& body) {
  return w().call("POST", path, body, "application/x-www-form-urlencoded", {{"Cookie", who.cookie}});
}

bool headers_leak(const Reply& r) {
  for (const auto& [k, v] : r.headers)
    if (leaks(v)) return true;
  return false;
}

std::string audit_text() { return w().api("GET", "/api/v1/audit?limit=1000", as("admin")).body; }

// Is there an audit entry by `actor` (empty = anyone) with `action` whose detail contains `detail`?
bool audited(const std::string& actor, const std::string& action, const std::string& detail = {}) {
  Poco::JSON::Parser p;
  auto a = p.parse(audit_text()).extract<Poco::JSON::Array::Ptr>();
  for (std::size_t i = 0; i < a->size(); ++i) {
    auto e = a->getObject(static_cast<unsigned>(i));
    if ((actor.empty() || e->getValue<std::string>("actor") == actor) && e->getValue<std::string>("action") == action &&
        e->getValue<std::string>("detail").find(detail) != std::string::npos)
      return true;
  }
  return false;
}

}  // namespace

// ---------------------------------------------------------------- court bundles

BOOST_AUTO_TEST_CASE(bundle_built_from_the_case_page_listed_and_downloaded_audited) {
  const auto& jaksa = as("jaksa");
  const std::string kase = "/cases/perkara-demo-001";
  // The form is on the case page, with the session's token.
  auto page = w().get(kase, &jaksa);
  BOOST_REQUIRE_EQUAL(page.status, 200);
  BOOST_TEST(page.body.find("action=\"/cases/perkara-demo-001/bundles\"") != std::string::npos);
  BOOST_TEST(page.body.find("name=\"csrf\" value=\"" + jaksa.csrf + "\"") != std::string::npos);
  // The person list links the person pages.
  BOOST_TEST(page.body.find("href=\"/persons/org-saksi-a?case=perkara-demo-001\"") != std::string::npos);
  // Without the token, or with another's: refused, nothing built.
  const auto before = w().api("GET", "/api/v1/cases/perkara-demo-001/bundles", jaksa).body;
  BOOST_TEST(form_post(kase + "/bundles", jaksa, "").status == 403);
  BOOST_TEST(form_post(kase + "/bundles", jaksa, "csrf=" + as("pendamping").csrf).status == 403);
  BOOST_TEST(w().api("POST", "/api/v1/cases/perkara-demo-001/bundles", jaksa, "", false).status == 403);
  BOOST_TEST(w().api("GET", "/api/v1/cases/perkara-demo-001/bundles", jaksa).body == before);
  // Built: back to the case page, where the new bundle is listed with its download.
  auto made = form_post(kase + "/bundles", jaksa, "csrf=" + jaksa.csrf);
  BOOST_REQUIRE_MESSAGE(made.status == 303, made.status << " " << made.body);
  const std::string location = made.header("location");
  BOOST_REQUIRE(location.rfind("/cases/perkara-demo-001?bundle=", 0) == 0);
  const std::string sha = location.substr(std::string("/cases/perkara-demo-001?bundle=").size(), 64);
  auto listed = w().get(location.substr(0, location.find('#')), &jaksa);
  BOOST_TEST(listed.body.find(sha) != std::string::npos);
  BOOST_TEST(listed.body.find("href=\"/cases/perkara-demo-001/bundles/" + sha + "\"") != std::string::npos);
  BOOST_TEST(!leaks(listed.body));
  // The file sits under the data dir, named by its hash, never by a name the user gave.
  BOOST_TEST(fs::exists(fs::path(w().data) / "bundles" / (sha + ".pdf")));
  auto pdf = w().get(kase + "/bundles/" + sha, &jaksa);
  BOOST_REQUIRE_EQUAL(pdf.status, 200);
  BOOST_TEST(pdf.header("content-type") == "application/pdf");
  BOOST_TEST(pdf.header("content-disposition").rfind("attachment; filename=\"", 0) == 0);
  BOOST_TEST(pdf.header("content-disposition").find(".pdf\"") != std::string::npos);
  BOOST_TEST(pdf.body.rfind("%PDF-", 0) == 0);
  BOOST_TEST(core::sha256_hex(pdf.body) == sha);
  const std::string txt = pdf_text(pdf.body);
  BOOST_TEST(txt.find("Saksi A") != std::string::npos);
  BOOST_TEST(!leaks(txt));
  BOOST_TEST(!leaks(pdf.body));
  BOOST_TEST(!headers_leak(pdf));
  // The API lists it with its download; the API download is the same file.
  auto api = w().api("GET", "/api/v1/cases/perkara-demo-001/bundles", jaksa);
  BOOST_REQUIRE_EQUAL(api.status, 200);
  BOOST_TEST(api.body.find("\"/api/v1/cases/perkara-demo-001/bundles/" + sha + "\"") != std::string::npos);
  BOOST_TEST(w().get("/api/v1/cases/perkara-demo-001/bundles/" + sha, &jaksa).body == pdf.body);
  // The paralegal of the case may build and download too (service/bundles: whoever sees the case).
  auto by_paralegal = w().api("POST", "/api/v1/cases/perkara-demo-001/bundles", as("pendamping"));
  BOOST_REQUIRE_MESSAGE(by_paralegal.status == 201 || by_paralegal.status == 200, by_paralegal.body);
  BOOST_TEST(by_paralegal.json()->getValue<bool>("redacted"));
  BOOST_TEST(by_paralegal.body.find(w().data) == std::string::npos);  // no server path
  BOOST_TEST(w().get(kase + "/bundles/" + sha, &as("pendamping")).status == 200);
  // Every build and download is audited, by hash and case, without the name.
  const auto audit = audit_text();
  BOOST_TEST(audited("jaksa", "bundle.download", "sha256=" + sha));
  BOOST_TEST(audited("pendamping", "bundle.download", "sha256=" + sha));
  BOOST_TEST(!leaks(audit));
}

BOOST_AUTO_TEST_CASE(bundle_showing_identities_reaches_only_the_cleared) {
  // The cleared prosecutor's identities copy shows the real name (so this test can fail).
  auto made = w().api("POST", "/api/v1/cases/perkara-demo-001/bundles", as("jaksa.jelas"), R"({"disclosure":"identities"})");
  BOOST_REQUIRE_MESSAGE(made.status == 201 || made.status == 200, made.body);
  const std::string sha = made.json()->getValue<std::string>("sha256");
  const std::string path = "/api/v1/cases/perkara-demo-001/bundles/" + sha;
  auto mine = w().get(path, &as("jaksa.jelas"));
  BOOST_REQUIRE_EQUAL(mine.status, 200);
  BOOST_TEST(leaks(pdf_text(mine.body)));
  // Anyone not cleared (the administrator included) gets the answer a missing bundle gets.
  const std::string fake(64, 'a');
  for (const char* user : {"jaksa", "pendamping", "admin", "jaksa_lain", "pelatih"}) {
    for (const std::string base : {"/api/v1/cases/perkara-demo-001/bundles/", "/cases/perkara-demo-001/bundles/"}) {
      auto r = w().get(base + sha, &as(user));
      auto missing = w().get(base + fake, &as(user));
      BOOST_TEST(r.status == 404, user << " " << base);
      BOOST_TEST(without(r.body, sha) == without(missing.body, fake), user << " " << base);
      BOOST_TEST(!leaks(r.body), user);
      BOOST_TEST(!headers_leak(r), user);
    }
    // Listed (a record holds no name) but without a download.
    auto list = w().get("/api/v1/cases/perkara-demo-001/bundles", &as(user));
    BOOST_TEST(list.body.find("bundles/" + sha) == std::string::npos, user);
    BOOST_TEST(!leaks(list.body), user);
    auto page = w().get("/cases/perkara-demo-001", &as(user));
    BOOST_TEST(page.body.find("bundles/" + sha + "\"") == std::string::npos, user);
  }
  BOOST_TEST(audited("jaksa", "bundle.withheld", "sha256=" + sha));
}

// Issue 10 ("Disclosure copies"): a cleared maker's bundle is pseudonymised unless they ask for
// identities; the labels say what the document shows, not what its maker could see.
BOOST_AUTO_TEST_CASE(a_cleared_prosecutors_default_bundle_is_pseudonymised_and_says_so) {
  const auto& jelas = as("jaksa.jelas");
  // The case page offers the cleared prosecutor the choice, pseudonyms checked.
  auto page = w().get("/cases/perkara-demo-001", &jelas);
  BOOST_TEST(page.body.find("name=\"disclosure\" value=\"pseudonyms\" checked") != std::string::npos, page.body);
  BOOST_TEST(page.body.find("name=\"disclosure\" value=\"identities\"") != std::string::npos);
  BOOST_TEST(page.body.find("Nama samaran (bawaan) / Pseudonyms (default)") != std::string::npos);
  BOOST_TEST(page.body.find("Identitas asli — dicatat di log audit / Real identities — audited") != std::string::npos);
  // The API, no body: pseudonyms.
  auto made = w().api("POST", "/api/v1/cases/perkara-demo-001/bundles", jelas);
  BOOST_REQUIRE_MESSAGE(made.status == 201 || made.status == 200, made.body);
  BOOST_TEST(made.json()->getValue<bool>("redacted"));
  BOOST_TEST(made.json()->optValue<std::string>("disclosure", "") == "pseudonyms");
  const std::string file_name = made.json()->getValue<std::string>("file_name");
  BOOST_TEST(file_name.find("-terbuka") == std::string::npos, file_name);
  const std::string sha = made.json()->getValue<std::string>("sha256");
  auto pdf = w().get("/api/v1/cases/perkara-demo-001/bundles/" + sha, &jelas);
  BOOST_REQUIRE_EQUAL(pdf.status, 200);
  const std::string txt = pdf_text(pdf.body);
  BOOST_TEST(txt.find("Saksi A") != std::string::npos);
  BOOST_TEST(!leaks(txt));
  BOOST_TEST(!leaks(pdf.body));
  BOOST_TEST(txt.find("NAMA SAMARAN") != std::string::npos);
  BOOST_TEST(txt.find("IDENTITAS ASLI") == std::string::npos);
  // Whoever sees the case may have it (it hides every protected name).
  BOOST_TEST(w().get("/api/v1/cases/perkara-demo-001/bundles/" + sha, &as("jaksa")).status == 200);
  // Listed as pseudonymised.
  auto list = w().api("GET", "/api/v1/cases/perkara-demo-001/bundles", jelas);
  Poco::JSON::Parser parser;
  auto a = parser.parse(list.body).extract<Poco::JSON::Array::Ptr>();
  bool found = false;
  for (std::size_t i = 0; i < a->size(); ++i) {
    auto b = a->getObject(static_cast<unsigned>(i));
    if (b->getValue<std::string>("sha256") != sha) continue;
    found = true;
    BOOST_TEST(b->getValue<bool>("redacted"));
    BOOST_TEST(b->optValue<std::string>("disclosure", "") == "pseudonyms");
  }
  BOOST_TEST(found);
  BOOST_TEST(audited("jaksa.jelas", "bundle", "disclosure=pseudonyms"));
  // The form without a choice: pseudonyms too.
  auto form = form_post("/cases/perkara-demo-001/bundles", jelas, "csrf=" + jelas.csrf);
  BOOST_REQUIRE_MESSAGE(form.status == 303, form.status << " " << form.body);
  const std::string loc = form.header("location");
  const std::string form_sha = loc.substr(std::string("/cases/perkara-demo-001?bundle=").size(), 64);
  auto form_pdf = w().get("/cases/perkara-demo-001/bundles/" + form_sha, &jelas);
  BOOST_REQUIRE_EQUAL(form_pdf.status, 200);
  BOOST_TEST(!leaks(pdf_text(form_pdf.body)));
}

BOOST_AUTO_TEST_CASE(an_identities_copy_shows_the_names_says_so_and_is_audited) {
  const auto& jelas = as("jaksa.jelas");
  auto made = w().api("POST", "/api/v1/cases/perkara-demo-001/bundles", jelas, R"({"disclosure":"identities"})");
  BOOST_REQUIRE_MESSAGE(made.status == 201 || made.status == 200, made.body);
  BOOST_TEST(!made.json()->getValue<bool>("redacted"));
  BOOST_TEST(made.json()->optValue<std::string>("disclosure", "") == "identities");
  const std::string file_name = made.json()->getValue<std::string>("file_name");
  BOOST_TEST(file_name.size() > 12u);
  BOOST_TEST(file_name.substr(file_name.size() - 12) == "-terbuka.pdf", file_name);
  const std::string sha = made.json()->getValue<std::string>("sha256");
  auto pdf = w().get("/api/v1/cases/perkara-demo-001/bundles/" + sha, &jelas);
  BOOST_REQUIRE_EQUAL(pdf.status, 200);
  const std::string txt = pdf_text(pdf.body);
  BOOST_TEST(leaks(txt));
  BOOST_TEST(txt.find("IDENTITAS ASLI") != std::string::npos);
  BOOST_TEST(txt.find("NAMA SAMARAN") == std::string::npos);
  BOOST_TEST(pdf.header("content-disposition").find("-terbuka.pdf\"") != std::string::npos);
  BOOST_TEST(audited("jaksa.jelas", "bundle", "sha256 " + sha));
  BOOST_TEST(audited("jaksa.jelas", "bundle", "disclosure=identities"));
  BOOST_TEST(!leaks(audit_text()));
  // The case page lists it as showing identities; the form's choice works the same.
  auto form = form_post("/cases/perkara-demo-001/bundles", jelas, "csrf=" + jelas.csrf + "&disclosure=identities");
  BOOST_REQUIRE_MESSAGE(form.status == 303, form.status << " " << form.body);
  const std::string loc = form.header("location");
  BOOST_TEST(loc.find(sha) != std::string::npos, loc);  // the same bytes
  auto page = w().get("/cases/perkara-demo-001", &jelas);
  const auto row = page.body.find("<td class=\"hash\">" + sha);
  BOOST_REQUIRE(row != std::string::npos);
  const std::string rest = page.body.substr(row, page.body.find("</tr>", row) - row);
  BOOST_TEST(rest.find("identitas asli") != std::string::npos, rest);
}

BOOST_AUTO_TEST_CASE(identities_are_refused_to_the_uncleared_and_nothing_is_made) {
  const auto before_list = w().api("GET", "/api/v1/cases/perkara-demo-001/bundles", as("admin")).body;
  const auto before_audit = audit_text();
  std::size_t files_before = 0;
  if (fs::exists(fs::path(w().data) / "bundles"))
    for (const auto& e : fs::directory_iterator(fs::path(w().data) / "bundles")) files_before += e.is_regular_file();
  for (const char* user : {"jaksa", "pendamping", "admin"}) {
    const auto& who = as(user);
    auto api = w().api("POST", "/api/v1/cases/perkara-demo-001/bundles", who, R"({"disclosure":"identities"})");
    BOOST_TEST(api.status == 403, user << " " << api.body);
    BOOST_TEST(api.body.find("hanya pengguna yang berwenang melihat identitas perkara ini") != std::string::npos, api.body);
    BOOST_TEST(api.body.find("only users cleared for this case's identities") != std::string::npos, api.body);
    auto form = form_post("/cases/perkara-demo-001/bundles", who, "csrf=" + who.csrf + "&disclosure=identities");
    BOOST_TEST(form.status == 403, user);
    // Users not cleared get no choice on the case page.
    auto page = w().get("/cases/perkara-demo-001", &who);
    BOOST_TEST(page.body.find("name=\"disclosure\"") == std::string::npos, user);
  }
  // A value that is not a choice: 400 naming the field.
  for (const char* body : {R"({"disclosure":"names"})", R"({"disclosure":true})", R"({"disclosure":""})"}) {
    auto bad = w().api("POST", "/api/v1/cases/perkara-demo-001/bundles", as("jaksa.jelas"), body);
    BOOST_TEST(bad.status == 400, body);
    BOOST_TEST(bad.body.find("disclosure") != std::string::npos, bad.body);
  }
  auto bad_form = form_post("/cases/perkara-demo-001/bundles", as("jaksa.jelas"),
                            "csrf=" + as("jaksa.jelas").csrf + "&disclosure=semua");
  BOOST_TEST(bad_form.status == 400);
  // Nothing written, listed or recorded.
  BOOST_TEST(w().api("GET", "/api/v1/cases/perkara-demo-001/bundles", as("admin")).body == before_list);
  std::size_t files_after = 0;
  if (fs::exists(fs::path(w().data) / "bundles"))
    for (const auto& e : fs::directory_iterator(fs::path(w().data) / "bundles")) files_after += e.is_regular_file();
  BOOST_TEST(files_after == files_before);
  BOOST_TEST(audit_text() == before_audit);
}

BOOST_AUTO_TEST_CASE(bundles_of_a_hidden_case_answer_like_a_missing_case) {
  struct Route {
    const char* method;
    const char* prefix;
    const char* suffix;
    bool api;
  };
  const Route routes[] = {{"POST", "/api/v1/cases/", "/bundles", true},
                          {"GET", "/api/v1/cases/", "/bundles", true},
                          {"GET", "/api/v1/cases/", "/bundles/0000000000000000000000000000000000000000000000000000000000000000", true},
                          {"POST", "/cases/", "/bundles", false},
                          {"GET", "/cases/", "/bundles/0000000000000000000000000000000000000000000000000000000000000000", false}};
  for (const char* user : {"jaksa_lain", "pelatih"}) {
    const auto& who = as(user);
    for (const auto& r : routes) {
      auto call = [&](const std::string& id) {
        const std::string path = std::string(r.prefix) + id + r.suffix;
        if (r.api) return w().api(r.method, path, who);
        if (std::string(r.method) == "POST") return form_post(path, who, "csrf=" + who.csrf);
        return w().get(path, &who);
      };
      auto hidden = call("perkara-demo-001");
      auto missing = call("perkara-tidak-ada");
      BOOST_TEST(hidden.status == 404, user << " " << r.method << " " << r.prefix << r.suffix);
      BOOST_TEST(hidden.status == missing.status, user << " " << r.prefix << r.suffix);
      BOOST_TEST(without(hidden.body, "perkara-demo-001") == without(missing.body, "perkara-tidak-ada"),
                 user << " " << r.method << " " << r.prefix << r.suffix);
      BOOST_TEST(hidden.header("content-type") == missing.header("content-type"));
    }
  }
  // Nothing was built for them.
  BOOST_TEST(!audited("pelatih", "bundle"));
  BOOST_TEST(!audited("jaksa_lain", "bundle"));
}

// ---------------------------------------------------------------- persons and witness files

namespace {
const std::string k_person = "/persons/org-saksi-a?case=perkara-demo-001";

bool has(const std::string& body, const std::string& part) { return body.find(part) != std::string::npos; }

std::string url_encode_for_test(const std::string& s) {
  std::string out;
  static const char* k_hex = "0123456789ABCDEF";
  for (unsigned char ch : s)
    if (std::isalnum(ch) || ch == '-' || ch == '.' || ch == '_') {
      out.push_back(static_cast<char>(ch));
    } else {
      out += '%';
      out += k_hex[ch >> 4];
      out += k_hex[ch & 15];
    }
  return out;
}
}  // namespace

BOOST_AUTO_TEST_CASE(person_page_shows_the_witness_by_clearance) {
  auto page = w().get(k_person, &as("jaksa"));
  BOOST_REQUIRE_MESSAGE(page.status == 200, page.status << " " << page.body.substr(0, 2000));
  BOOST_TEST(has(page.body, "Saksi A"));
  BOOST_TEST(!leaks(page.body));
  BOOST_TEST(!headers_leak(page));
  // Statements link their versions; the checklist, protection and restitution are there.
  BOOST_TEST(has(page.body, "href=\"/items/bap-saksi-a%40"));
  BOOST_TEST(has(page.body, "class=\"checklist\""));
  BOOST_TEST(has(page.body, "id=\"perlindungan\""));
  BOOST_TEST(has(page.body, "claim-total"));
  BOOST_TEST(has(page.body, "href=\"/persons/org-saksi-a/witness-file.pdf?case=perkara-demo-001\""));
  // The forms, with the session's token.
  BOOST_TEST(has(page.body, "id=\"form-perlindungan\""));
  BOOST_TEST(has(page.body, "id=\"form-restitusi\""));
  BOOST_TEST(has(page.body, "name=\"csrf\" value=\"" + as("jaksa").csrf + "\""));
  BOOST_TEST(!has(page.body, "<script"));
  BOOST_TEST(!has(page.body, "style="));
  // English labels with ?lang=en, still no name.
  auto en = w().get(k_person + "&lang=en", &as("jaksa"));
  BOOST_TEST(has(en.body, "Download the witness file"));
  BOOST_TEST(!leaks(en.body));
  // The cleared prosecutor sees the name (so the checks above can fail).
  BOOST_TEST(leaks(w().get(k_person, &as("jaksa.jelas")).body));
  // The paralegal of the case gets the page and the forms.
  auto para = w().get(k_person, &as("pendamping"));
  BOOST_TEST(para.status == 200);
  BOOST_TEST(has(para.body, "id=\"form-restitusi\""));
  BOOST_TEST(!leaks(para.body));
  // The case page links it; the item page of the statement reads as before.
  BOOST_TEST(has(w().get("/cases/perkara-demo-001", &as("jaksa")).body, "/persons/org-saksi-a?case=perkara-demo-001"));
}

BOOST_AUTO_TEST_CASE(hidden_person_answers_like_a_missing_one_on_every_route) {
  struct Route {
    const char* method;
    std::string path;  // {} = the person id
    bool api;
  };
  const std::vector<Route> routes = {
      {"GET", "/persons/{}", false},
      {"GET", "/persons/{}?case=perkara-demo-001", false},
      {"GET", "/persons/{}/witness-file.pdf", false},
      {"POST", "/persons/{}/protections", false},
      {"POST", "/persons/{}/restitution", false},
      {"GET", "/api/v1/persons/{}", true},
      {"GET", "/api/v1/persons/{}/witness-file.pdf?case=perkara-demo-001", true},
      {"POST", "/api/v1/persons/{}/protections", true},
      {"POST", "/api/v1/persons/{}/restitution", true},
  };
  // Valid entries, so that only the access rules can refuse them.
  const std::string json = R"({"case":"perkara-demo-001","kind":"lpsk","status":"diajukan","requested":"2024-05-01"})";
  const std::string restitution_json =
      R"({"case":"perkara-demo-001","status":"disusun","date":"2024-05-01",)"
      R"("lines":[{"head":"penderitaan","description":"uji","amount":"1000"}]})";
  for (const char* user : {"pelatih", "jaksa_lain"}) {
    const auto& who = as(user);
    for (const auto& r : routes) {
      auto call = [&](const std::string& id) {
        const std::string path = core::replace_all(r.path, "{}", id);
        if (r.api)
          return w().api(r.method, path, who,
                         std::string(r.method) != "POST"         ? std::string()
                         : has(r.path, "restitution") ? restitution_json
                                                                 : json);
        if (std::string(r.method) == "POST")
          return form_post(path, who,
                           "csrf=" + who.csrf +
                               "&case=perkara-demo-001&kind=lpsk&status=diajukan&requested=2024-05-01&date=2024-05-01"
                               "&head_1=penderitaan&description_1=uji&amount_1=1000");
        return w().get(path, &who);
      };
      auto hidden = call("org-saksi-a");
      auto missing = call("org-tidak-ada");
      BOOST_TEST(hidden.status == 404, user << " " << r.method << " " << r.path);
      BOOST_TEST(hidden.status == missing.status, user << " " << r.path);
      BOOST_TEST(without(hidden.body, "org-saksi-a") == without(missing.body, "org-tidak-ada"),
                 user << " " << r.method << " " << r.path << "\n" << hidden.body << "\n" << missing.body);
      BOOST_TEST(hidden.header("content-type") == missing.header("content-type"), user << " " << r.path);
      BOOST_TEST(!leaks(hidden.body));
      BOOST_TEST(!has(hidden.body, "Saksi A"), user << " " << r.path);
    }
  }
  BOOST_TEST(!audited("pelatih", "witness-file"));
  BOOST_TEST(!audited("jaksa_lain", "witness-file"));
}

BOOST_AUTO_TEST_CASE(witness_file_download_is_audited_and_names_no_one) {
  for (const std::string path : {"/persons/org-saksi-a/witness-file.pdf?case=perkara-demo-001",
                                 "/api/v1/persons/org-saksi-a/witness-file.pdf"}) {
    auto pdf = w().get(path, &as("jaksa"));
    BOOST_REQUIRE_MESSAGE(pdf.status == 200, path << " " << pdf.status << " " << pdf.body.substr(0, 500));
    BOOST_TEST(pdf.header("content-type") == "application/pdf");
    BOOST_TEST(pdf.header("content-disposition") == "attachment; filename=\"berkas-saksi-org-saksi-a.pdf\"");
    BOOST_TEST(pdf.body.rfind("%PDF-", 0) == 0);
    const std::string txt = pdf_text(pdf.body);
    BOOST_TEST(has(txt, "Saksi A"), path);
    BOOST_TEST(!leaks(txt), path);
    BOOST_TEST(!leaks(pdf.body), path);
    BOOST_TEST(!headers_leak(pdf), path);
    BOOST_TEST(audited("jaksa", "witness-file", core::sha256_hex(pdf.body)), path);
  }
  // The paralegal too; the cleared prosecutor's identities copy shows the name (the check above can fail).
  BOOST_TEST(w().get("/persons/org-saksi-a/witness-file.pdf", &as("pendamping")).status == 200);
  auto cleared = w().call("POST", "/persons/org-saksi-a/witness-file.pdf",
                          "csrf=" + as("jaksa.jelas").csrf + "&case=perkara-demo-001&disclosure=identities",
                          "application/x-www-form-urlencoded", {{"Cookie", as("jaksa.jelas").cookie}});
  BOOST_REQUIRE_EQUAL(cleared.status, 200);
  BOOST_TEST(leaks(pdf_text(cleared.body)));
  BOOST_TEST(!headers_leak(cleared));
  BOOST_TEST(!leaks(audit_text()));
  // No temporary file stays behind.
  std::size_t left = 0;
  for (const auto& e : fs::recursive_directory_iterator(fs::path(w().data) / "witness-files"))
    if (e.is_regular_file()) ++left;
  BOOST_TEST(left == 0u);
  // The JSON view, for the uncleared: pseudonym only.
  auto json = w().get("/api/v1/persons/org-saksi-a?case=perkara-demo-001", &as("jaksa"));
  BOOST_REQUIRE_EQUAL(json.status, 200);
  BOOST_TEST(has(json.body, "Saksi A"));
  BOOST_TEST(!leaks(json.body));
  // A POST without its CSRF token makes nothing.
  BOOST_TEST(w().api("POST", "/api/v1/persons/org-saksi-a/witness-file.pdf", as("jaksa"), "", false).status == 403);
  BOOST_TEST(w().call("POST", "/persons/org-saksi-a/witness-file.pdf", "case=perkara-demo-001&disclosure=pseudonyms",
                      "application/x-www-form-urlencoded", {{"Cookie", as("jaksa").cookie}})
                 .status == 403);
  BOOST_TEST(w().api("PUT", "/api/v1/persons/org-saksi-a/witness-file.pdf", as("jaksa")).status == 405);
}

namespace {
// Asks for the identities copy of `base` (a page or API witness-file address with ?case=) the way
// each side offers it: the page's form (POST with its CSRF field), the API's POST with a JSON body.
Reply ask_identities(const std::string& base, const Who& who) {
  const auto q = base.find('?');
  const std::string path = base.substr(0, q), query = base.substr(q + 1);
  if (base.rfind("/api/", 0) == 0)
    return w().api("POST", base, who, R"({"disclosure":"identities"})");
  return w().call("POST", path, "csrf=" + who.csrf + "&" + query + "&disclosure=identities",
                  "application/x-www-form-urlencoded", {{"Cookie", who.cookie}});
}
}  // namespace

// Issue 10 for witness files: pseudonyms unless identities are asked for by a cleared user.
BOOST_AUTO_TEST_CASE(witness_file_disclosure_choice) {
  const auto& jelas = as("jaksa.jelas");
  // The person page offers the cleared prosecutor the choice; others get none.
  auto page = w().get(k_person, &jelas);
  BOOST_TEST(has(page.body, "name=\"disclosure\" value=\"identities\""), page.body);
  BOOST_TEST(has(page.body, "Identitas asli — dicatat di log audit / Real identities — audited"));
  BOOST_TEST(has(page.body, "method=\"post\" action=\"/persons/org-saksi-a/witness-file.pdf\""));
  BOOST_TEST(has(page.body, "name=\"csrf\" value=\"" + jelas.csrf + "\""));
  for (const char* user : {"jaksa", "pendamping"})
    BOOST_TEST(!has(w().get(k_person, &as(user)).body, "name=\"disclosure\""), user);
  for (const std::string base : {"/persons/org-saksi-a/witness-file.pdf?case=perkara-demo-001",
                                 "/api/v1/persons/org-saksi-a/witness-file.pdf?case=perkara-demo-001"}) {
    // Default: pseudonyms, even for the cleared prosecutor.
    auto def = w().get(base, &jelas);
    BOOST_REQUIRE_MESSAGE(def.status == 200, base << " " << def.status << " " << def.body.substr(0, 300));
    const std::string txt = pdf_text(def.body);
    BOOST_TEST(has(txt, "Saksi A"), base);
    BOOST_TEST(!leaks(txt), base);
    BOOST_TEST(!leaks(def.body), base);
    BOOST_TEST(has(txt, "NAMA SAMARAN"), base);
    BOOST_TEST(!has(txt, "IDENTITAS ASLI"), base);
    BOOST_TEST(def.header("content-disposition") == "attachment; filename=\"berkas-saksi-org-saksi-a.pdf\"");
    BOOST_TEST(audited("jaksa.jelas", "witness-file", core::sha256_hex(def.body)), base);
    // Identities: the name, the label, the file name, the audit entry.
    // A copy showing identities is never made by a GET (a link another site could have a
    // browser follow): 405, nothing made, nothing audited.
    {
      const auto before = audit_text();
      auto linked = w().get(base + "&disclosure=identities", &jelas);
      BOOST_TEST(linked.status == 405, base);
      BOOST_TEST(!leaks(linked.body));
      BOOST_TEST(audit_text() == before, base);
    }
    auto shown = ask_identities(base, jelas);
    BOOST_REQUIRE_EQUAL(shown.status, 200);
    const std::string stxt = pdf_text(shown.body);
    BOOST_TEST(leaks(stxt), base);
    BOOST_TEST(has(stxt, "IDENTITAS ASLI"), base);
    BOOST_TEST(!has(stxt, "NAMA SAMARAN"), base);
    BOOST_TEST(shown.header("content-disposition") == "attachment; filename=\"berkas-saksi-org-saksi-a-terbuka.pdf\"");
    BOOST_TEST(!headers_leak(shown));
    BOOST_TEST(audited("jaksa.jelas", "witness-file", "sha256 " + core::sha256_hex(shown.body) + ", "));
    BOOST_TEST(audited("jaksa.jelas", "witness-file", "disclosure=identities"));
    // Refused to the uncleared, nothing recorded.
    for (const char* user : {"jaksa", "pendamping", "admin"}) {
      const auto before = audit_text();
      auto no = ask_identities(base, as(user));
      BOOST_TEST(no.status == 403, user << " " << base);
      BOOST_TEST(has(no.body, "hanya pengguna yang berwenang melihat identitas perkara ini"), no.body);
      BOOST_TEST(!leaks(no.body));
      BOOST_TEST(audit_text() == before, user);
    }
    auto bad = w().get(base + "&disclosure=nama", &jelas);
    BOOST_TEST(bad.status == 400);
    BOOST_TEST(has(bad.body, "disclosure"));
  }
  BOOST_TEST(!leaks(audit_text()));
}

BOOST_AUTO_TEST_CASE(restitution_form_refuses_bad_amounts_keeps_values_and_stores_nothing) {
  const auto& jaksa = as("jaksa");
  const std::string action = "/persons/org-saksi-a/restitution?case=perkara-demo-001";
  const std::string before = w().get("/api/v1/persons/org-saksi-a?case=perkara-demo-001", &jaksa).body;
  auto body = [&](const std::string& amount2) {
    return "csrf=" + jaksa.csrf +
           "&case=perkara-demo-001&id=restitusi-uji-web&status=disusun&date=2024-06-01&assessed_by=LPSK"
           "&head_1=kekayaan-penghasilan&description_1=Gaji+uji+web&amount_1=1000000&evidence_1=bap-saksi-a"
           "&head_2=medis-psikologis&description_2=Biaya+konseling+uji&amount_2=" +
           amount2 + "&evidence_2=";
  };
  // No token: refused before anything.
  BOOST_TEST(form_post(action, jaksa, core::replace_all(body("2500000"), "csrf=" + jaksa.csrf, "csrf=x")).status == 403);
  for (const std::string bad : {"-5", "abc", "12,5"}) {
    auto r = form_post(action, jaksa, body(url_encode_for_test(bad)));
    BOOST_TEST(r.status == 400, bad << ": " << r.status);
    BOOST_TEST(has(r.body, "form-error"), bad);
    // The values typed are back in the form.
    BOOST_TEST(has(r.body, "value=\"Biaya konseling uji\""), bad);
    BOOST_TEST(has(r.body, "value=\"restitusi-uji-web\""), bad);
    BOOST_TEST(has(r.body, "value=\"" + bad + "\""), bad);
    BOOST_TEST(!leaks(r.body), bad);
  }
  // Nothing stored.
  BOOST_TEST(w().get("/api/v1/persons/org-saksi-a?case=perkara-demo-001", &jaksa).body == before);
  // A valid claim: back to the page, the total computed.
  auto ok = form_post(action, jaksa, body("2500000"));
  BOOST_REQUIRE_MESSAGE(ok.status == 303, ok.status << " " << ok.body.substr(0, 3000));
  BOOST_TEST(ok.header("location") == "/persons/org-saksi-a?case=perkara-demo-001#restitusi");
  auto page = w().get(k_person, &jaksa);
  BOOST_TEST(has(page.body, "restitusi-uji-web"));
  BOOST_TEST(has(page.body, "Rp3.500.000"));
  BOOST_TEST(has(page.body, "Rp2.500.000"));
  BOOST_TEST(!leaks(page.body));
  BOOST_TEST(audited("jaksa", "ingest"));
  // The API: the same rules.
  auto api_bad = w().api("POST", "/api/v1/persons/org-saksi-a/restitution", jaksa,
                         R"({"case":"perkara-demo-001","id":"restitusi-uji-api","status":"disusun","date":"2024-06-02",)"
                         R"("lines":[{"head":"penderitaan","description":"x","amount":-1}]})");
  BOOST_TEST(api_bad.status == 400);
  BOOST_TEST(api_bad.header("content-type") == "application/problem+json");
  auto api_ok = w().api("POST", "/api/v1/persons/org-saksi-a/restitution", jaksa,
                        R"({"case":"perkara-demo-001","id":"restitusi-uji-api","status":"disusun","date":"2024-06-02",)"
                        R"("lines":[{"head":"penderitaan","description":"uji","amount":750000,"evidence_ids":["bap-saksi-a"]}]})");
  BOOST_TEST(api_ok.status == 201, api_ok.body);
  BOOST_TEST(has(w().get(k_person, &jaksa).body, "Rp750.000"));
  BOOST_TEST(w().api("POST", "/api/v1/persons/org-saksi-a/restitution", jaksa, "{}", false).status == 403);
}

BOOST_AUTO_TEST_CASE(protection_form_adds_a_measure_and_refuses_bad_dates) {
  const auto& para = as("pendamping");
  const std::string action = "/persons/org-saksi-a/protections?case=perkara-demo-001";
  auto bad = form_post(action, para,
                       "csrf=" + para.csrf +
                           "&case=perkara-demo-001&id=lindung-uji-web&kind=polri&status=diajukan&requested=2024-13-45"
                           "&authority=Polres+Uji");
  BOOST_TEST(bad.status == 400);
  BOOST_TEST(has(bad.body, "form-error"));
  BOOST_TEST(has(bad.body, "value=\"Polres Uji\""));
  BOOST_TEST(has(bad.body, "value=\"2024-13-45\""));
  BOOST_TEST(!has(w().get(k_person, &para).body, "lindung-uji-web"));
  auto ok = form_post(action, para,
                      "csrf=" + para.csrf +
                          "&case=perkara-demo-001&id=lindung-uji-web&kind=polri&status=diajukan&requested=2024-06-03"
                          "&authority=Polres+Uji");
  BOOST_REQUIRE_MESSAGE(ok.status == 303, ok.status << " " << ok.body.substr(0, 3000));
  auto page = w().get(k_person, &para);
  BOOST_TEST(has(page.body, "lindung-uji-web"));
  BOOST_TEST(has(page.body, "Polres Uji"));
  auto api = w().api("POST", "/api/v1/persons/org-saksi-a/protections", as("jaksa"),
                     R"({"case":"perkara-demo-001","id":"lindung-uji-web","kind":"polri","status":"dikabulkan",)"
                     R"("requested":"2024-06-03","decided":"2024-06-10","authority":"Polres Uji"})");
  BOOST_TEST(api.status == 201, api.body);
  BOOST_TEST(has(api.body, "\"new-version\""), api.body);
}

// ---------------------------------------------------------------- guidelines

BOOST_AUTO_TEST_CASE(guidelines_for_every_role_answer_keys_for_trainers_and_administrators) {
  const std::string id = "restitusi-korban-tppo";
  for (const char* user : {"pelatih", "jaksa", "pendamping", "admin", "jaksa_lain"}) {
    const auto& who = as(user);
    auto list = w().get("/guidelines", &who);
    BOOST_REQUIRE_EQUAL(list.status, 200);
    BOOST_TEST(has(list.body, "href=\"/guidelines/" + id + "\""), user);
    BOOST_TEST(has(list.body, "href=\"/guidelines/pendampingan-korban-tppo\""), user);
    const bool keys = std::string(user) == "pelatih" || std::string(user) == "admin";
    BOOST_TEST(has(list.body, "?answers=1") == keys, user);
    auto page = w().get("/guidelines/" + id, &who);
    BOOST_REQUIRE_EQUAL(page.status, 200);
    // The module inside the layout, its stylesheet linked, no script, no inline style.
    BOOST_TEST(has(page.body, "<article"), user);
    BOOST_TEST(has(page.body, "href=\"/guidelines.css\""), user);
    BOOST_TEST(!has(page.body, "<script"), user);
    BOOST_TEST(!has(page.body, "style="), user);
    BOOST_TEST(!has(page.body, "<style"), user);
    BOOST_TEST(!leaks(page.body), user);
    BOOST_TEST(has(page.body, "Pasal 48"), user);  // the law, pulled from the store
    auto pdf = w().get("/guidelines/" + id + "/pdf", &who);
    BOOST_REQUIRE_EQUAL(pdf.status, 200);
    BOOST_TEST(pdf.header("content-type") == "application/pdf");
    BOOST_TEST(pdf.header("content-disposition") == "attachment; filename=\"" + id + ".pdf\"");
    BOOST_TEST(!leaks(pdf_text(pdf.body)), user);
    auto key = w().get("/guidelines/" + id + "?answers=1", &who);
    auto key_pdf = w().get("/api/v1/guidelines/" + id + "/pdf?answers=1", &who);
    BOOST_TEST(key.status == (keys ? 200 : 403), user);
    BOOST_TEST(key_pdf.status == (keys ? 200 : 403), user);
    if (keys) BOOST_TEST(key_pdf.header("content-disposition") == "attachment; filename=\"" + id + "-kunci.pdf\"");
  }
  // The participants' edition carries no answer; the key differs from it.
  const auto module = w().get("/guidelines/" + id, &as("pelatih")).body;
  const auto key = w().get("/guidelines/" + id + "?answers=1", &as("pelatih")).body;
  BOOST_TEST(module != key);
  BOOST_TEST(audited("pelatih", "guideline"));
  BOOST_TEST(w().get("/guidelines/tidak-ada", &as("pelatih")).status == 404);
  BOOST_TEST(w().get("/api/v1/guidelines/tidak-ada/pdf", &as("pelatih")).status == 404);
  auto api = w().get("/api/v1/guidelines", &as("jaksa"));
  BOOST_TEST(api.status == 200);
  BOOST_TEST(has(api.body, "\"" + id + "\""));
  BOOST_TEST(!has(api.body, "answers_pdf"));
  auto css = w().get("/guidelines.css");
  BOOST_TEST(css.status == 200);
  BOOST_TEST(css.header("content-type").rfind("text/css", 0) == 0);
  BOOST_TEST(!has(css.body, "url("));
  BOOST_TEST(!has(css.body, "@import"));
}

BOOST_AUTO_TEST_CASE(trainer_navigation_shows_guidelines_and_no_case_material) {
  const auto& t = as("pelatih");
  auto page = w().get("/guidelines", &t);
  BOOST_TEST(has(page.body, "href=\"/guidelines\""));
  BOOST_TEST(!has(page.body, "href=\"/cases\""));
  BOOST_TEST(!has(page.body, "href=\"/upload\""));
  BOOST_TEST(has(w().get("/search", &as("jaksa")).body, "href=\"/cases\""));
  // Every new route that reaches case material, as a trainer: the missing answer.
  for (const std::string path :
       {"/cases/perkara-demo-001", "/api/v1/cases/perkara-demo-001/bundles", "/persons/org-saksi-a",
        "/persons/org-saksi-a/witness-file.pdf", "/api/v1/persons/org-saksi-a",
        "/api/v1/persons/org-saksi-a/witness-file.pdf", "/persons/org-pendamping", "/api/v1/persons/org-pendamping"}) {
    auto r = w().get(path, &t);
    BOOST_TEST(r.status == 404, path);
    BOOST_TEST(!leaks(r.body), path);
    BOOST_TEST(!has(r.body, "Saksi A"), path);
  }
}
