// The server's front under hostile or clumsy clients, with raw sockets against a real server on
// 127.0.0.1 port 0: slow and idle connections, many connections, truncated bodies, a taken
// port, status lines, Expect: 100-continue, a client that never reads. Each of these held or
// fooled the former Poco HTTPServer front (one thread per connection, bodies read to EOF).
#define BOOST_TEST_MODULE server_robustness
#include <boost/test/unit_test.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/text.h"
#include "server/server.h"
#include "service/service.h"
#include "support/temp_dir.h"

using namespace berkas;
using namespace std::chrono_literals;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

const char* k_password = "kata-sandi-uji-12345";
constexpr int k_threads = 2;
constexpr std::size_t k_big_file = 16u << 20;  // larger than any socket buffer

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// ---------------------------------------------------------------- raw HTTP over a socket

struct Sock {
  int fd = -1;
  // `from`: the client's own loopback address (127.0.0.x), so one test can be several clients.
  explicit Sock(std::uint16_t port, int rcvbuf = 0, const char* from = nullptr) {
    fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    BOOST_REQUIRE(fd >= 0);
    if (rcvbuf > 0) ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
    if (from) {
      sockaddr_in local{};
      local.sin_family = AF_INET;
      ::inet_pton(AF_INET, from, &local.sin_addr);
      BOOST_REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local) == 0);
    }
    timeout(5s);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    BOOST_REQUIRE_MESSAGE(::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0, std::strerror(errno));
  }
  ~Sock() {
    if (fd >= 0) ::close(fd);
  }
  Sock(const Sock&) = delete;
  Sock& operator=(const Sock&) = delete;

  void timeout(std::chrono::milliseconds ms) {
    timeval tv{static_cast<time_t>(ms.count() / 1000), static_cast<suseconds_t>((ms.count() % 1000) * 1000)};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  }
  bool send_all(const std::string& s) {
    std::size_t off = 0;
    while (off < s.size()) {
      const ssize_t n = ::send(fd, s.data() + off, s.size() - off, MSG_NOSIGNAL);
      if (n <= 0) return false;
      off += static_cast<std::size_t>(n);
    }
    return true;
  }
  // recv once: >0 bytes, 0 EOF, -1 error (errno: EAGAIN on timeout, ECONNRESET, ...)
  ssize_t recv_some(std::string& into) {
    char buf[65536];
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n > 0) into.append(buf, static_cast<std::size_t>(n));
    return n;
  }
  // True when the server has already closed the connection (EOF or reset), without waiting.
  bool closed_now() {
    char c;
    const ssize_t n = ::recv(fd, &c, 1, MSG_DONTWAIT | MSG_PEEK);
    return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK);
  }
  // True when the server has closed the connection (EOF or reset) within the receive timeout.
  bool closed_by_server() {
    std::string ignored;
    for (;;) {
      const ssize_t n = recv_some(ignored);
      if (n == 0) return true;
      if (n < 0) return errno != EAGAIN && errno != EWOULDBLOCK;
    }
  }
};

struct Reply {
  int status = 0;  // 0: closed without an answer
  std::string status_line;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  std::string header(const std::string& n) const {
    auto it = headers.find(n);
    return it == headers.end() ? std::string() : it->second;
  }
};

// Reads one response (head, then Content-Length bytes) from `s`; `pending` keeps what follows.
Reply read_reply(Sock& s, std::string& pending) {
  Reply r;
  std::size_t end;
  while ((end = pending.find("\r\n\r\n")) == std::string::npos)
    if (s.recv_some(pending) <= 0) return r;
  const std::string head = pending.substr(0, end);
  pending.erase(0, end + 4);
  auto lines = core::split(head, '\n');
  for (auto& l : lines)
    if (!l.empty() && l.back() == '\r') l.pop_back();
  r.status_line = lines.at(0);
  r.status = std::stoi(r.status_line.substr(9, 3));
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const auto colon = lines[i].find(':');
    if (colon != std::string::npos)
      r.headers[core::ascii_lower(lines[i].substr(0, colon))] = core::squeeze_space(lines[i].substr(colon + 1));
  }
  const std::size_t length = r.headers.count("content-length") ? std::stoul(r.header("content-length")) : 0;
  while (pending.size() < length)
    if (s.recv_some(pending) <= 0) break;
  r.body = pending.substr(0, length);
  pending.erase(0, std::min(length, pending.size()));
  return r;
}

Reply read_reply(Sock& s) {
  std::string pending;
  return read_reply(s, pending);
}

std::string request(const std::string& method, const std::string& path, const std::string& extra_headers = {},
                    const std::string& body = {}) {
  std::string r = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra_headers;
  if (!body.empty() || method == "POST") r += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  return r + "\r\n" + body;
}

std::string multipart_upload(const std::string& item_id) {
  std::string xml = test::read_file(test::source_path("demo/05-surat/surat-kbri-phnom-penh.xml"));
  xml = core::replace_all(xml, "id=\"surat-kbri-phnom-penh\"", "id=\"" + item_id + "\"");
  return "--XyZ\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + item_id +
         ".xml\"\r\nContent-Type: application/xml\r\n\r\n" + xml + "\r\n--XyZ--\r\n";
}

// ---------------------------------------------------------------- the shared world

struct World {
  test::TempDir dir;
  std::string data = dir.file("data");
  std::string resources = dir.file("resources");
  server::Options options;
  std::unique_ptr<server::Server> srv;
  std::uint16_t port = 0;
  std::string admin_cookie, admin_csrf;

  World() {
    // Room for a few hundred connections on both ends.
    rlimit rl{};
    if (::getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < 4096) {
      rl.rlim_cur = std::min<rlim_t>(4096, rl.rlim_max);
      ::setrlimit(RLIMIT_NOFILE, &rl);
    }
    // The shipped resources, with a copy of templates/web whose static/ holds one big file.
    fs::create_directories(fs::path(resources) / "templates");
    for (const char* sub : {"schemas", "law", "demo", "index"})
      fs::create_directory_symlink(test::source_path(sub), fs::path(resources) / sub);
    for (const auto& e : fs::directory_iterator(test::source_path("templates")))
      if (e.path().filename() != "web")
        fs::create_symlink(e.path(), fs::path(resources) / "templates" / e.path().filename());
    fs::copy(test::source_path("templates/web"), fs::path(resources) / "templates" / "web",
             fs::copy_options::recursive);
    dir.write("resources/templates/web/static/besar.css", std::string(k_big_file, 'x'));
    {
      auto svc = service::Service::open({data, resources}, true);
      BOOST_REQUIRE_MESSAGE(svc, (svc ? "" : svc.error().describe()));
      auto report = (*svc)->init(service::Viewer::command_line("test"), true);
      BOOST_REQUIRE_MESSAGE(report, (report ? "" : report.error().describe()));
    }
    std::string token;
    options.data_dir = data;
    options.resource_dir = resources;
    options.port = 0;
    options.threads = k_threads;
    options.pbkdf2_iterations = 1000;
    options.header_timeout = 2s;
    options.keepalive_timeout = 2s;
    options.transfer_grace = 2s;
    options.min_transfer_rate = 8u << 20;  // the big file: 2 s + 2 s before a non-reader is closed
    options.max_connections = 300;
    options.max_connections_per_client = 200;
    options.on_setup_token = [&token](const std::string& t) { token = t; };
    auto s = server::Server::start(options);
    BOOST_REQUIRE_MESSAGE(s, (s ? "" : s.error().describe()));
    srv = std::move(*s);
    port = srv->port();
    auto setup = call(request("POST", "/api/v1/setup", "Content-Type: application/json\r\n",
                              R"({"token":")" + token + R"(","user":"admin","password":")" + k_password + "\"}"));
    BOOST_REQUIRE_MESSAGE(setup.status == 201, setup.status_line + setup.body);
    auto in = call(request("POST", "/api/v1/session", "Content-Type: application/json\r\n",
                           R"({"user":"admin","password":")" + std::string(k_password) + "\"}"));
    BOOST_REQUIRE_MESSAGE(in.status == 200, in.status_line + in.body);
    const std::string sc = in.header("set-cookie");
    admin_cookie = sc.substr(0, sc.find(';'));
    const auto k = in.body.find("\"csrf_token\"");
    const auto q1 = in.body.find('"', in.body.find(':', k) + 1);
    admin_csrf = in.body.substr(q1 + 1, in.body.find('"', q1 + 1) - q1 - 1);
    BOOST_REQUIRE(!admin_csrf.empty());
  }

  Reply call(const std::string& raw) const {
    Sock s(port);
    BOOST_REQUIRE(s.send_all(raw));
    return read_reply(s);
  }

  std::string admin_headers() const { return "Cookie: " + admin_cookie + "\r\nX-CSRF-Token: " + admin_csrf + "\r\n"; }

  int item_status(const std::string& id) const {
    return call(request("GET", "/api/v1/items/" + id, "Cookie: " + admin_cookie + "\r\n")).status;
  }

  // A normal request, timed.
  double timed_login(int& status) const {
    const auto t = Clock::now();
    status = call(request("GET", "/login")).status;
    return seconds_since(t);
  }
};

World* g_world = nullptr;
struct Setup {
  Setup() { g_world = new World; }
  ~Setup() { delete g_world; }
};
BOOST_TEST_GLOBAL_FIXTURE(Setup);
World& w() { return *g_world; }

}  // namespace

BOOST_AUTO_TEST_CASE(slow_headers_hold_no_worker_and_are_closed_after_the_header_timeout) {
  std::vector<std::unique_ptr<Sock>> slow;
  for (int i = 0; i < 2 * k_threads + 4; ++i) {
    slow.push_back(std::make_unique<Sock>(w().port));
    slow.back()->send_all("GET /login HTTP/1.1\r\n");
  }
  const auto start = Clock::now();
  std::atomic<bool> done{false};
  std::thread trickle([&] {
    for (int line = 0; !done && line < 6; ++line) {
      for (auto& s : slow) s->send_all("X-Pelan-" + std::to_string(line) + ": 1\r\n");
      for (int i = 0; i < 10 && !done; ++i) std::this_thread::sleep_for(100ms);
    }
  });
  std::this_thread::sleep_for(300ms);
  int status = 0;
  const double took = w().timed_login(status);
  BOOST_TEST(status == 200);
  BOOST_TEST(took < 1.0, "GET /login beside slow clients took " << took << " s");
  for (auto& s : slow) BOOST_TEST(s->closed_by_server());
  const double closed_after = seconds_since(start);
  done = true;
  trickle.join();
  BOOST_TEST(closed_after >= 1.5);  // header_timeout (2 s) from the first byte, not before
  BOOST_TEST(closed_after < 3.5, "slow clients closed after " << closed_after << " s");
}

BOOST_AUTO_TEST_CASE(idle_connections_delay_nothing) {
  std::vector<std::unique_ptr<Sock>> idle;
  for (int i = 0; i < 50; ++i) idle.push_back(std::make_unique<Sock>(w().port));
  std::this_thread::sleep_for(100ms);
  int status = 0;
  const double took = w().timed_login(status);
  BOOST_TEST(status == 200);
  BOOST_TEST(took < 1.0, "GET /login beside 50 idle connections took " << took << " s");
}

BOOST_AUTO_TEST_CASE(many_connections_a_new_client_is_still_answered) {
  // 400 open connections from two clients, over the cap of 300: the longest idle are closed for
  // newcomers; a third client is answered at once.
  std::vector<std::unique_ptr<Sock>> open;
  for (const char* from : {"127.0.0.1", "127.0.0.2"})
    for (int i = 0; i < 200; ++i) open.push_back(std::make_unique<Sock>(w().port, 0, from));
  std::this_thread::sleep_for(200ms);
  const auto t = Clock::now();
  Sock third(w().port, 0, "127.0.0.3");
  BOOST_REQUIRE(third.send_all(request("GET", "/login")));
  BOOST_TEST(read_reply(third).status == 200);
  BOOST_TEST(seconds_since(t) < 1.0, "GET /login beside 400 connections took " << seconds_since(t) << " s");
  std::size_t closed = 0;
  for (std::size_t i = 0; i < 200; ++i) closed += open[i]->closed_now() ? 1 : 0;
  BOOST_TEST(closed >= 100u, closed << " of the first client's 200 closed");
  // The newest are still open and served.
  BOOST_REQUIRE(open.back()->send_all(request("GET", "/login")));
  BOOST_TEST(read_reply(*open.back()).status == 200);
  // One client may hold 200 connections: the 201st is closed at once.
  Sock over(w().port, 0, "127.0.0.2");
  over.timeout(1s);
  BOOST_TEST(over.closed_by_server());
}

BOOST_AUTO_TEST_CASE(truncated_bodies_never_reach_the_app) {
  {
    // Content-Length promises more than arrives; the client half-closes.
    const std::string body = multipart_upload("surat-terpotong-uji");
    Sock s(w().port);
    s.send_all("POST /api/v1/ingest HTTP/1.1\r\nHost: x\r\n" + w().admin_headers() +
               "Content-Type: multipart/form-data; boundary=XyZ\r\nContent-Length: " +
               std::to_string(body.size() + 100) + "\r\n\r\n" + body);
    ::shutdown(s.fd, SHUT_WR);
    const Reply r = read_reply(s);
    BOOST_TEST((r.status == 400 || r.status == 0), r.status_line);
    if (r.status == 400) {
      BOOST_TEST(r.body.find("tidak lengkap / the request body is incomplete") != std::string::npos);
      BOOST_TEST(r.header("content-type") == "application/problem+json");
    }
  }
  BOOST_TEST(w().item_status("surat-terpotong-uji") == 404);
  {
    // A chunked body without its last chunk.
    const std::string body = multipart_upload("surat-terpotong-chunked");
    Sock s(w().port);
    char size[32];
    std::snprintf(size, sizeof size, "%zx", body.size());
    s.send_all("POST /api/v1/ingest HTTP/1.1\r\nHost: x\r\n" + w().admin_headers() +
               "Content-Type: multipart/form-data; boundary=XyZ\r\nTransfer-Encoding: chunked\r\n\r\n" + size +
               "\r\n" + body + "\r\n");
    ::shutdown(s.fd, SHUT_WR);
    const Reply r = read_reply(s);
    BOOST_TEST((r.status == 400 || r.status == 0), r.status_line);
  }
  BOOST_TEST(w().item_status("surat-terpotong-chunked") == 404);
  {
    // The same chunked body whole is stored: the refusal above was about the missing end.
    const std::string body = multipart_upload("surat-chunked-utuh");
    Sock s(w().port);
    char size[32];
    std::snprintf(size, sizeof size, "%zx", body.size());
    s.send_all("POST /api/v1/ingest HTTP/1.1\r\nHost: x\r\n" + w().admin_headers() +
               "Content-Type: multipart/form-data; boundary=XyZ\r\nTransfer-Encoding: chunked\r\n\r\n" + size +
               "\r\n" + body + "\r\n0\r\n\r\n");
    const Reply r = read_reply(s);
    BOOST_TEST(r.status == 200, r.status_line << " " << r.body);
  }
  BOOST_TEST(w().item_status("surat-chunked-utuh") == 200);
}

BOOST_AUTO_TEST_CASE(a_second_server_on_the_same_port_fails_to_start) {
  server::Options o = w().options;
  o.port = w().port;
  o.on_setup_token = nullptr;
  auto second = server::Server::start(o);
  BOOST_REQUIRE(!second);
  BOOST_TEST((second.error().code == core::ErrorCode::io));
  BOOST_TEST(second.error().message ==
             "port sudah dipakai / address already in use: 127.0.0.1:" + std::to_string(w().port));
  int status = 0;
  w().timed_login(status);
  BOOST_TEST(status == 200);  // the first one is untouched
}

BOOST_AUTO_TEST_CASE(status_lines_carry_their_reason_phrase) {
  BOOST_TEST(w().call(request("GET", "/favicon.ico")).status_line == "HTTP/1.1 404 Not Found");
  BOOST_TEST(w().call(request("GET", "/login")).status_line == "HTTP/1.1 200 OK");
  BOOST_TEST(w().call(request("GET", "/")).status_line == "HTTP/1.1 303 See Other");
  const auto big = w().call("POST /login HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\n\r\n");
  BOOST_TEST(big.status_line == "HTTP/1.1 413 Payload Too Large");
  BOOST_TEST(big.header("connection") == "close");
  const auto bad = w().call("GET /login HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n");
  BOOST_TEST(bad.status_line == "HTTP/1.1 400 Bad Request");
  const auto huge = w().call("GET /login HTTP/1.1\r\nX-Besar: " + std::string(20000, 'a') + "\r\n\r\n");
  BOOST_TEST(huge.status == 431);
}

BOOST_AUTO_TEST_CASE(keep_alive_and_pipelined_requests_in_order) {
  Sock s(w().port);
  s.send_all(request("GET", "/favicon.ico") + request("HEAD", "/login") + request("GET", "/login"));
  std::string pending;
  const Reply a = read_reply(s, pending);
  BOOST_TEST(a.status == 404);
  BOOST_TEST(a.header("connection") == "keep-alive");
  // HEAD: the length of the body that is not sent; the next reply follows at once.
  std::size_t end;
  while ((end = pending.find("\r\n\r\n")) == std::string::npos) BOOST_REQUIRE(s.recv_some(pending) > 0);
  BOOST_TEST(pending.rfind("HTTP/1.1 200 OK\r\n", 0) == 0);
  pending.erase(0, end + 4);
  const Reply c = read_reply(s, pending);
  BOOST_TEST(c.status == 200);
  BOOST_TEST(c.body.find("csrf") != std::string::npos);
  BOOST_TEST(c.header("cache-control") == "no-store");
  BOOST_TEST(c.header("x-frame-options") == "DENY");
  // HTTP/1.0 closes unless asked otherwise.
  Sock old(w().port);
  old.send_all("GET /login HTTP/1.0\r\n\r\n");
  BOOST_TEST(read_reply(old).header("connection") == "close");
  BOOST_TEST(old.closed_by_server());
}

BOOST_AUTO_TEST_CASE(expect_100_continue_upload) {
  const std::string body = multipart_upload("surat-lanjut-uji");
  Sock s(w().port);
  s.send_all("POST /api/v1/ingest HTTP/1.1\r\nHost: x\r\n" + w().admin_headers() +
             "Content-Type: multipart/form-data; boundary=XyZ\r\nExpect: 100-continue\r\nContent-Length: " +
             std::to_string(body.size()) + "\r\n\r\n");
  std::string got;
  while (got.find("\r\n\r\n") == std::string::npos) BOOST_REQUIRE(s.recv_some(got) > 0);
  BOOST_TEST(got == "HTTP/1.1 100 Continue\r\n\r\n");
  s.send_all(body);
  const Reply r = read_reply(s);
  BOOST_TEST(r.status == 200, r.status_line << " " << r.body);
  BOOST_TEST(w().item_status("surat-lanjut-uji") == 200);
}

BOOST_AUTO_TEST_CASE(a_client_that_never_reads_blocks_no_one) {
  // As many non-readers as workers, each asking for a file larger than any socket buffer.
  std::vector<std::unique_ptr<Sock>> stalled;
  for (int i = 0; i < k_threads; ++i) {
    stalled.push_back(std::make_unique<Sock>(w().port, 4096));
    stalled.back()->send_all(request("GET", "/static/besar.css"));
  }
  const auto start = Clock::now();
  std::this_thread::sleep_for(300ms);
  for (int i = 0; i < 3; ++i) {
    int status = 0;
    const double took = w().timed_login(status);
    BOOST_TEST(status == 200);
    BOOST_TEST(took < 1.0, "GET /login beside non-readers took " << took << " s");
  }
  // The write deadline (grace 2 s + 16 MiB at 8 MiB/s) closes them: they never get the whole file.
  std::this_thread::sleep_for(std::chrono::duration<double>(std::max(0.0, 4.5 - seconds_since(start))));
  for (auto& s : stalled) {
    std::string got;
    s->timeout(2s);
    while (s->recv_some(got) > 0) {
    }
    BOOST_TEST(got.size() < k_big_file, got.size() << " bytes received");
    BOOST_TEST(got.rfind("HTTP/1.1 200 OK\r\n", 0) == 0);
  }
}
