// tests/support/server_world: the web application in-process, shared by the server suites — a
// real data dir with the law and the fictional (FIKTIF) demo case, `berkas serve`'s server on
// 127.0.0.1 port 0, a real Poco HTTP client, and the users of every role.
#pragma once

#include <boost/test/unit_test.hpp>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/text.h"
#include "server/server.h"
#include "service/service.h"
#include "support/temp_dir.h"

namespace berkas::test {

namespace fs = std::filesystem;

inline constexpr const char* k_password = "kata-sandi-uji-12345";

struct Reply {
  int status = 0;
  std::string body;
  std::multimap<std::string, std::string> headers;  // names lower-cased
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
  // value of cookie `name` set by this reply, if any
  std::string cookie(const std::string& name) const {
    auto range = headers.equal_range("set-cookie");
    for (auto it = range.first; it != range.second; ++it)
      if (it->second.rfind(name + "=", 0) == 0) return it->second.substr(name.size() + 1, it->second.find(';') - name.size() - 1);
    return {};
  }
  std::string set_cookie_line(const std::string& name) const {
    auto range = headers.equal_range("set-cookie");
    for (auto it = range.first; it != range.second; ++it)
      if (it->second.rfind(name + "=", 0) == 0) return it->second;
    return {};
  }
  Poco::JSON::Object::Ptr json() const {
    Poco::JSON::Parser p;
    return p.parse(body).extract<Poco::JSON::Object::Ptr>();
  }
};

struct Who {
  std::string cookie;  // "berkas_session=..."
  std::string csrf;
};

// The shared world: one data dir, one server, the users of every role. Built once: the demo
// ingest and PBKDF2 at full cost make it too slow to repeat per test.
struct World {
  TempDir dir;
  std::string data = dir.file("data");
  std::string resources = dir.file("resources");
  std::string setup_token;
  std::unique_ptr<server::Server> srv;
  std::uint16_t port = 0;
  std::map<std::string, Who> users;

  // `threads`: the server's worker threads; `tune` changes the server's other options before it starts.
  explicit World(int threads = 4, const std::function<void(server::Options&)>& tune = {}) {
    // A resource dir of its own, so a test can plant a symlink in static/ without touching the
    // source tree: the shipped folders are linked, templates/web is copied.
    fs::create_directories(resources);
    for (const char* sub : {"schemas", "law", "demo", "index"})
      fs::create_directory_symlink(source_path(sub), fs::path(resources) / sub);
    fs::create_directories(fs::path(resources) / "templates");
    // The document templates (court bundle, witness file, guideline modules) as shipped.
    for (const auto& e : fs::directory_iterator(source_path("templates")))
      if (e.path().filename() != "web")
        fs::create_symlink(e.path(), fs::path(resources) / "templates" / e.path().filename());
    fs::copy(source_path("templates/web"), fs::path(resources) / "templates" / "web",
             fs::copy_options::recursive);
    fs::create_symlink("/etc/passwd", fs::path(resources) / "templates/web/static/escape.css");
    {
      auto svc = service::Service::open({data, resources}, true);
      BOOST_REQUIRE_MESSAGE(svc, (svc ? "" : svc.error().describe()));
      auto report = (*svc)->init(service::Viewer::command_line("test"), true);
      BOOST_REQUIRE_MESSAGE(report, (report ? "" : report.error().describe()));
      BOOST_REQUIRE_EQUAL(report->failed(), 0u);
    }
    server::Options o;
    o.data_dir = data;
    o.resource_dir = resources;
    o.port = 0;
    o.threads = threads;
    o.on_setup_token = [this](const std::string& t) { setup_token = t; };
    if (tune) tune(o);
    auto s = server::Server::start(o);
    BOOST_REQUIRE_MESSAGE(s, (s ? "" : s.error().describe()));
    srv = std::move(*s);
    port = srv->port();
    BOOST_REQUIRE(!setup_token.empty());
  }

  Reply call(const std::string& method, const std::string& path, const std::string& body = {},
             const std::string& content_type = {}, const std::vector<std::pair<std::string, std::string>>& headers = {},
             std::int64_t declared_length = -1) const {
    Poco::Net::HTTPClientSession session("127.0.0.1", port);
    session.setTimeout(Poco::Timespan(30, 0));
    Poco::Net::HTTPRequest req(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    for (const auto& [k, v] : headers) req.add(k, v);
    if (!content_type.empty()) req.setContentType(content_type);
    if (declared_length >= 0)
      req.setContentLength64(declared_length);
    else if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH")
      req.setContentLength64(static_cast<Poco::Int64>(body.size()));
    Reply r;
    try {
      auto& out = session.sendRequest(req);
      out << body;
      out.flush();
    } catch (const Poco::Exception&) {
      // The server may answer (413) and close before the whole body is sent.
    }
    Poco::Net::HTTPResponse resp;
    auto& in = session.receiveResponse(resp);
    r.status = resp.getStatus();
    for (const auto& [k, v] : resp) r.headers.emplace(core::ascii_lower(k), v);
    Poco::StreamCopier::copyToString(in, r.body);
    return r;
  }

  Reply get(const std::string& path, const Who* who = nullptr) const {
    std::vector<std::pair<std::string, std::string>> h;
    if (who) h.emplace_back("Cookie", who->cookie);
    return call("GET", path, {}, {}, h);
  }

  Reply api(const std::string& method, const std::string& path, const Who& who, const std::string& json = {},
            bool with_csrf = true) const {
    std::vector<std::pair<std::string, std::string>> h{{"Cookie", who.cookie}};
    if (with_csrf) h.emplace_back("X-CSRF-Token", who.csrf);
    return call(method, path, json, json.empty() ? std::string() : "application/json", h);
  }

  Who sign_in(const std::string& user, const std::string& password = k_password) const {
    auto r = call("POST", "/api/v1/session", "{\"user\":\"" + user + "\",\"password\":\"" + password + "\"}",
                  "application/json");
    BOOST_REQUIRE_MESSAGE(r.status == 200, user + ": " + std::to_string(r.status) + " " + r.body);
    return {"berkas_session=" + r.cookie("berkas_session"), r.json()->getValue<std::string>("csrf_token")};
  }
};

// First run through the one-time token (a wrong and a second use refused), then one user of
// every kind the tests need, signed in (w.users): "admin"; "jaksa" (prosecutor assigned to the
// demo case, not cleared), "jaksa.jelas" (assigned and cleared), "jaksa_lain" (prosecutor of no
// case), "pendamping" (paralegal assigned, not cleared), "pelatih" (trainer), and "dikunci" (a
// prosecutor never signed in here, for lockout tests).
inline void set_up_users(World& w) {
  // First run: the administrator is created with the one-time token.
  auto bad = w.call("POST", "/api/v1/setup",
                    R"({"token":"0000","user":"admin","password":")" + std::string(k_password) + "\"}",
                    "application/json");
  BOOST_REQUIRE_EQUAL(bad.status, 403);
  auto ok = w.call("POST", "/api/v1/setup",
                   R"({"token":")" + w.setup_token + R"(","user":"admin","password":")" + k_password + "\"}",
                   "application/json");
  BOOST_REQUIRE_MESSAGE(ok.status == 201, ok.body);
  auto again = w.call("POST", "/api/v1/setup",
                      R"({"token":")" + w.setup_token + R"(","user":"admin2","password":")" + k_password + "\"}",
                      "application/json");
  BOOST_REQUIRE_EQUAL(again.status, 403);
  Who admin = w.sign_in("admin");
  w.users["admin"] = admin;
  struct U {
    const char* name;
    const char* role;
    const char* assign;
    bool cleared;
  };
  const U us[] = {{"jaksa", "prosecutor", "perkara-demo-001", false},
                  {"jaksa.jelas", "prosecutor", "perkara-demo-001", true},
                  {"jaksa_lain", "prosecutor", nullptr, false},
                  {"pendamping", "paralegal", "perkara-demo-001", false},
                  {"pelatih", "trainer", nullptr, false},
                  {"dikunci", "prosecutor", nullptr, false}};
  for (const auto& u : us) {
    auto r = w.api("POST", "/api/v1/users", admin,
                   std::string(R"({"user":")") + u.name + R"(","role":")" + u.role + R"(","password":")" +
                       k_password + "\"}");
    BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
    if (u.assign) {
      auto a = w.api("PUT", std::string("/api/v1/users/") + u.name + "/assignments/" + u.assign, admin,
                     u.cleared ? R"({"cleared":true})" : R"({"cleared":false})");
      BOOST_REQUIRE_MESSAGE(a.status == 204, a.body);
    }
    if (std::string(u.name) != "dikunci") w.users[u.name] = w.sign_in(u.name);
  }
}

}  // namespace berkas::test
