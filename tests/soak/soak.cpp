// berkas_soak: runs the real `berkas serve` under mixed load — searches as every role, uploads,
// court-bundle builds, good and bad sign-ins — and kills it with SIGKILL at random moments,
// restarting it each time. At the end it checks what a crash must never cost:
//   - the server never died on its own (only our kills ended it);
//   - no answer was a 5xx other than 503 (a full queue, said with Retry-After);
//   - `berkas verify` is clean (every stored hash, the audit chain, the index);
//   - every upload the server acknowledged (200 with the file "created") is in the store.
// Prints one report line per check and the counts; exit 0 only if all hold.
//
//   berkas_soak --berkas build/release/src/berkas [--seconds 60] [--workers 4] [--kill-every 8]
//               [--data DIR] [--keep]
// Every file it writes says FIKTIF / fictional (bench/bap_generator).
#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "bench/bap_generator.h"
#include "support/process.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using berkas::test::read_file;
using berkas::test::run;

namespace {

constexpr const char* k_password = "kata-sandi-soak-12345";

// The server process: started with --listen 127.0.0.1:PORT (the same port after every restart).
class ServerProcess {
 public:
  ServerProcess(std::string berkas, std::string data, std::string scratch)
      : m_berkas(std::move(berkas)), m_data(std::move(data)), m_scratch(std::move(scratch)) {}

  // Starts and waits until it prints its address. Returns the setup token if it printed one.
  bool start(std::string& token) {
    const std::string out = m_scratch + "/serve.out";
    const std::string listen = "127.0.0.1:" + std::to_string(m_port);
    std::error_code ec;
    fs::remove(out, ec);  // else the last run's address would be read before the child starts
    m_pid = fork();
    if (m_pid == 0) {
      int o = open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      int e = open((m_scratch + "/serve.err").c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
      dup2(o, 1);
      dup2(e, 2);
      execl(m_berkas.c_str(), m_berkas.c_str(), "--data", m_data.c_str(), "serve", "--listen", listen.c_str(),
            static_cast<char*>(nullptr));
      _exit(127);
    }
    const auto deadline = Clock::now() + std::chrono::seconds(60);
    while (Clock::now() < deadline) {
      const std::string text = read_file(out);
      const auto at = text.find("running at http://127.0.0.1:");
      if (at != std::string::npos) {
        const auto p = at + std::string("running at http://127.0.0.1:").size();
        m_port = std::stoi(text.substr(p, text.find('/', p) - p));
        const auto t = text.find("setup token: ");
        if (t != std::string::npos) token = text.substr(t + 13, text.find('\n', t) - t - 13);
        return true;
      }
      int status = 0;
      if (waitpid(m_pid, &status, WNOHANG) == m_pid) {
        m_pid = -1;
        return false;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
  }

  // True if the server ended on its own (a crash) since it was started.
  bool died() {
    if (m_pid <= 0) return true;
    int status = 0;
    if (waitpid(m_pid, &status, WNOHANG) == m_pid) {
      m_pid = -1;
      return true;
    }
    return false;
  }

  void kill_hard() {
    if (m_pid <= 0) return;
    ::kill(m_pid, SIGKILL);
    waitpid(m_pid, nullptr, 0);
    m_pid = -1;
  }

  void stop() {
    if (m_pid <= 0) return;
    ::kill(m_pid, SIGTERM);
    waitpid(m_pid, nullptr, 0);
    m_pid = -1;
  }

  int port() const { return m_port; }

 private:
  std::string m_berkas, m_data, m_scratch;
  pid_t m_pid = -1;
  int m_port = 0;
};

struct Answer {
  int status = 0;  // 0: no answer (connection refused or cut: the server was being killed)
  std::string body;
};

Answer call(int port, const std::string& method, const std::string& path, const std::string& body = {},
            const std::string& content_type = {}, const std::string& cookie = {}, const std::string& csrf = {}) {
  Answer a;
  try {
    Poco::Net::HTTPClientSession s("127.0.0.1", static_cast<Poco::UInt16>(port));
    s.setTimeout(Poco::Timespan(60, 0));
    Poco::Net::HTTPRequest req(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    if (!cookie.empty()) req.set("Cookie", cookie);
    if (!csrf.empty()) req.set("X-CSRF-Token", csrf);
    if (!content_type.empty()) req.setContentType(content_type);
    if (!body.empty() || method == "POST") req.setContentLength(static_cast<std::streamsize>(body.size()));
    s.sendRequest(req) << body;
    Poco::Net::HTTPResponse resp;
    std::istream& in = s.receiveResponse(resp);
    Poco::StreamCopier::copyToString(in, a.body);
    a.status = static_cast<int>(resp.getStatus());
  } catch (const Poco::Exception&) {
    a.status = 0;
  } catch (const std::exception&) {
    a.status = 0;
  }
  return a;
}

Poco::JSON::Object::Ptr json(const std::string& s) {
  try {
    Poco::JSON::Parser p;
    return p.parse(s).extract<Poco::JSON::Object::Ptr>();
  } catch (...) {
    return nullptr;
  }
}

struct Who {
  std::string cookie, csrf;
};

struct Counts {
  std::mutex mu;
  std::map<std::string, long> by_kind;  // "search 200", "upload 0", ...
  std::set<std::string> acknowledged;   // item ids the server said it created
  std::vector<std::string> bad;         // 5xx other than 503
  void add(const std::string& what, int status) {
    if (status == 0) std::this_thread::sleep_for(std::chrono::milliseconds(20));  // restarting: don't spin
    std::lock_guard lock(mu);
    ++by_kind[what + " " + std::to_string(status)];
    if (status >= 500 && status != 503 && bad.size() < 20) bad.push_back(what + " " + std::to_string(status));
  }
};

struct Options {
  std::string berkas, data;
  int seconds = 60, workers = 4, kill_every = 8;
  bool keep = false;
};

// The command line, or nullopt after printing why it is wrong.
std::optional<Options> parse_options(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--berkas") o.berkas = next();
    else if (a == "--data") o.data = next();
    else if (a == "--seconds") o.seconds = std::stoi(next());
    else if (a == "--workers") o.workers = std::stoi(next());
    else if (a == "--kill-every") o.kill_every = std::stoi(next());
    else if (a == "--keep") o.keep = true;
    else {
      std::cerr << "usage: berkas_soak --berkas PATH [--seconds N] [--workers N] [--kill-every S] [--data DIR] [--keep]\n";
      return std::nullopt;
    }
  }
  if (o.berkas.empty() || o.seconds < 1 || o.workers < 1 || o.kill_every < 1) {
    std::cerr << "berkas_soak: --berkas PATH is required\n";
    return std::nullopt;
  }
  return o;
}

std::optional<Who> sign_in(int port, const std::string& user) {
  Poco::Net::HTTPClientSession s("127.0.0.1", static_cast<Poco::UInt16>(port));
  Poco::Net::HTTPRequest req("POST", "/api/v1/session", Poco::Net::HTTPMessage::HTTP_1_1);
  const std::string body = R"({"user":")" + user + R"(","password":")" + k_password + "\"}";
  req.setContentType("application/json");
  req.setContentLength(static_cast<std::streamsize>(body.size()));
  s.sendRequest(req) << body;
  Poco::Net::HTTPResponse resp;
  std::string text;
  Poco::StreamCopier::copyToString(s.receiveResponse(resp), text);
  if (resp.getStatus() != 200) return std::nullopt;
  std::string cookie;
  for (auto it = resp.find("Set-Cookie"); it != resp.end() && it->first == "Set-Cookie"; ++it)
    if (it->second.rfind("berkas_session=", 0) == 0) cookie = it->second.substr(0, it->second.find(';'));
  auto o = json(text);
  if (!o || cookie.empty()) return std::nullopt;
  return Who{cookie, o->getValue<std::string>("csrf_token")};
}

// The administrator (from the setup token), then a cleared prosecutor, a paralegal and a
// trainer, each signed in. Empty after printing what failed.
std::map<std::string, Who> create_users(int port, const std::string& token) {
  std::map<std::string, Who> who;
  {
    auto a = call(port, "POST", "/api/v1/setup",
                  R"({"token":")" + token + R"(","user":"admin","password":")" + k_password + "\"}", "application/json");
    if (a.status != 201) {
      std::cerr << "berkas_soak: setup answered " << a.status << ": " << a.body << "\n";
      return {};
    }
  }
  auto admin = sign_in(port, "admin");
  if (!admin) {
    std::cerr << "berkas_soak: the administrator cannot sign in\n";
    return {};
  }
  who["admin"] = *admin;
  const struct {
    const char* name;
    const char* role;
    bool cleared;
  } users[] = {{"jaksa", "prosecutor", true}, {"paralegal", "paralegal", false}, {"pelatih", "trainer", false}};
  for (const auto& u : users) {
    auto c = call(port, "POST", "/api/v1/users",
                  std::string(R"({"user":")") + u.name + R"(","role":")" + u.role + R"(","password":")" + k_password + "\"}",
                  "application/json", admin->cookie, admin->csrf);
    if (c.status != 201) {
      std::cerr << "berkas_soak: creating " << u.name << " answered " << c.status << ": " << c.body << "\n";
      return {};
    }
    if (std::string(u.role) != "trainer")
      for (const char* kase : {"perkara-demo-001", "perkara-bench"})
        call(port, "PUT", std::string("/api/v1/users/") + u.name + "/assignments/" + kase,
             std::string(R"({"cleared":)") + (u.cleared ? "true" : "false") + "}", "application/json", admin->cookie,
             admin->csrf);
    auto s = sign_in(port, u.name);
    if (!s) {
      std::cerr << "berkas_soak: " << u.name << " cannot sign in\n";
      return {};
    }
    who[u.name] = *s;
  }
  return who;
}

// What the workers share: the users, the tallies, the server's current port, the next file
// to upload, and the stop flag.
struct Traffic {
  const std::map<std::string, Who>& who;
  Counts& counts;
  std::atomic<bool>& stop;
  std::atomic<int>& port;
  std::atomic<std::size_t>& next_file;
  std::string in;       // the generated statements (in/bap/bap-NNNNNN.xml)
  std::size_t n_files;  // how many there are
};

// One upload of the next generated statement; acknowledged ids are recorded in the counts.
void upload_next(Traffic& t, std::mt19937& rng, int p) {
  const std::size_t k = t.next_file.fetch_add(1);
  if (k >= t.n_files) return;
  char name[32];
  std::snprintf(name, sizeof name, "bap-%06zu.xml", k + 1);
  const std::string file = read_file(t.in + "/bap/" + name);
  const std::string boundary = "soakboundary7d1";
  const std::string body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" +
                           name + "\"\r\nContent-Type: application/xml\r\n\r\n" + file + "\r\n--" + boundary +
                           "--\r\n";
  const Who& up = t.who.at(rng() % 2 ? "admin" : "jaksa");
  auto a = call(p, "POST", "/api/v1/ingest", body, "multipart/form-data; boundary=" + boundary, up.cookie, up.csrf);
  t.counts.add("upload", a.status);
  if (a.status == 200)
    if (auto o = json(a.body)) {
      auto files = o->getArray("files");
      for (std::size_t i = 0; files && i < files->size(); ++i) {
        auto f = files->getObject(static_cast<unsigned>(i));
        if (f && f->has("id") && (f->getValue<std::string>("status") == "created" ||
                                  f->getValue<std::string>("status") == "new_version" ||
                                  f->getValue<std::string>("status") == "unchanged")) {
          std::lock_guard lock(t.counts.mu);
          t.counts.acknowledged.insert(f->getValue<std::string>("id"));
        }
      }
    }
}

// Worker n's mixed load until t.stop: searches, uploads, bundles, sign-ins and reads.
void drive(Traffic& t, int n) {
  static const std::vector<std::string> queries = {"perekrutan", "pasal 2", "jenis:bap negara:kamboja paspor", "rekrut",
                                                   "eksploitasi", "jenis:putusan", "\"jeratan utang\"", "tanggal:2024..",
                                                   "restitusi", "korban AND paspor"};
  std::mt19937 rng(static_cast<unsigned>(n * 7919 + 1));
  const char* names[] = {"admin", "jaksa", "paralegal", "pelatih"};
  while (!t.stop) {
    const int p = t.port.load();
    const auto roll = rng() % 100;
    const std::string& user = names[rng() % 4];
    const Who& w = t.who.at(user);
    if (roll < 60) {
      std::string q = queries[rng() % queries.size()];
      for (auto& c : q)
        if (c == ' ') c = '+';
      std::string encoded;
      for (char c : q) {
        if (c == '"') encoded += "%22";
        else encoded += c;
      }
      auto a = call(p, "GET", "/api/v1/search?q=" + encoded + (rng() % 3 == 0 ? "&as_of=2024-06-01" : ""), {}, {},
                    w.cookie);
      t.counts.add("search", a.status);
    } else if (roll < 80) {
      upload_next(t, rng, p);
    } else if (roll < 85) {
      const Who& b = t.who.at(rng() % 2 ? "jaksa" : "paralegal");
      auto a = call(p, "POST", "/api/v1/cases/perkara-demo-001/bundles", "", "application/json", b.cookie, b.csrf);
      t.counts.add("bundle", a.status);
    } else if (roll < 93) {
      const bool good = rng() % 2;
      auto a = call(p, "POST", "/api/v1/session",
                    std::string(R"({"user":")") + (good ? "pelatih" : "acak" + std::to_string(rng() % 1000)) +
                        R"(","password":")" + (good ? k_password : "salah-salah-salah") + "\"}",
                    "application/json");
      t.counts.add(good ? "sign-in" : "sign-in-wrong", a.status);
    } else {
      auto a = call(p, "GET", rng() % 2 ? "/api/v1/cases/perkara-demo-001" : "/api/v1/items/bap-saksi-a", {}, {},
                    w.cookie);
      t.counts.add("read", a.status);
    }
  }
}

struct Kills {
  int kills = 0, crashes = 0;
  double restart_seconds = 0;
};

// Until `seconds` have passed: waits a random while (restarting the server if it died on its
// own), kills it with SIGKILL and starts it again, publishing its port.
Kills kill_repeatedly(ServerProcess& server, const Options& o, const std::string& scratch, std::atomic<int>& port) {
  Kills k;
  std::mt19937 rng(12345);
  const auto end = Clock::now() + std::chrono::seconds(o.seconds);
  while (Clock::now() < end) {
    const auto wait = std::chrono::milliseconds(500 + rng() % (static_cast<unsigned>(o.kill_every) * 1000));
    const auto until = std::min(end, Clock::now() + wait);
    while (Clock::now() < until) {
      if (server.died()) {
        ++k.crashes;
        std::cerr << "berkas_soak: the server died on its own (see " << scratch << "/serve.err)\n";
        std::string ignored;
        if (!server.start(ignored)) break;
        port = server.port();
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    if (Clock::now() >= end) break;
    server.kill_hard();
    ++k.kills;
    std::string ignored;
    const auto restart = Clock::now();
    const bool started = server.start(ignored);
    k.restart_seconds += std::chrono::duration<double>(Clock::now() - restart).count();
    if (!started) {
      std::cerr << "berkas_soak: the server did not start again after kill " << k.kills << "\n";
      ++k.crashes;
      break;
    }
    port = server.port();
  }
  return k;
}

// The checks after the load: the store verifies, every acknowledged upload is there, no
// unexpected 5xx, no crash. Prints the report; true if every check passed.
bool report(const Options& o, const std::string& store, const Counts& counts, const Kills& k) {
  bool ok = true;
  auto verify = run({o.berkas, "--data", store, "verify", "--json"});
  auto v = json(verify.out);
  const bool verified = verify.code == 0 && v && v->getValue<bool>("ok");
  std::size_t missing = 0;
  {
    // One search for every acknowledged id would be slow; `show` each (they are few hundred).
    for (const auto& id : counts.acknowledged)
      if (run({o.berkas, "--data", store, "show", "--json", id}).code != 0) {
        if (++missing <= 5) std::cerr << "berkas_soak: acknowledged upload missing: " << id << "\n";
      }
  }
  long requests = 0, unanswered = 0;
  for (const auto& [kind, n] : counts.by_kind) {
    requests += n;
    if (kind.size() > 2 && kind.substr(kind.size() - 2) == " 0") unanswered += n;
  }
  std::cout << "soak: " << o.seconds << " s, " << o.workers << " workers, " << requests << " requests (" << unanswered
            << " unanswered during kills), " << k.kills << " kills, restart "
            << (k.kills ? static_cast<int>(1000 * k.restart_seconds / k.kills) : 0) << " ms on average\n";
  for (const auto& [kind, n] : counts.by_kind) std::cout << "  " << kind << ": " << n << "\n";
  auto check = [&](bool pass, const std::string& what) {
    std::cout << (pass ? "OK    " : "GAGAL ") << what << "\n";
    ok = ok && pass;
  };
  check(k.crashes == 0, "the server never died on its own (" + std::to_string(k.crashes) + " times)");
  check(counts.bad.empty(), "no 5xx answer but 503 (" + std::to_string(counts.bad.size()) + ")");
  for (const auto& b : counts.bad) std::cout << "        " << b << "\n";
  check(verified, "verify: hashes, audit chain and index whole" + (verified ? std::string() : ": " + verify.out));
  check(missing == 0, "every acknowledged upload is stored (" + std::to_string(counts.acknowledged.size()) +
                          " acknowledged, " + std::to_string(missing) + " missing)");
  check(counts.acknowledged.size() > 0, "uploads were acknowledged at all");
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  const auto opts = parse_options(argc, argv);
  if (!opts) return 2;
  const Options& o = *opts;
  const std::string& berkas = o.berkas;
  const fs::path root = o.data.empty() ? fs::temp_directory_path() / ("berkas-soak-" + std::to_string(getpid())) : fs::path(o.data);
  fs::create_directories(root);
  const std::string store = (root / "data").string(), scratch = (root / "scratch").string(), in = (root / "in").string();
  fs::create_directories(scratch);

  // A store with the law, the demo case and a generated case of FIKTIF statements to upload.
  const std::size_t n_files = 4000;
  berkas::bench::write_statements(in, n_files, 11);
  for (const auto& argv : {std::vector<std::string>{berkas, "--data", store, "init", "--demo"},
                           std::vector<std::string>{berkas, "--data", store, "ingest", in + "/setup"}})
    if (auto r = run(argv); r.code != 0) {
      std::cerr << "berkas_soak: " << argv[3] << " failed: " << r.err << r.out << "\n";
      return 1;
    }

  ServerProcess server(berkas, store, scratch);
  std::string token;
  if (!server.start(token) || token.empty()) {
    std::cerr << "berkas_soak: the server did not start with a setup token\n";
    return 1;
  }
  const std::map<std::string, Who> who = create_users(server.port(), token);
  if (who.empty()) return 1;

  Counts counts;
  std::atomic<bool> stop{false};
  std::atomic<int> port{server.port()};
  std::atomic<std::size_t> next_file{0};
  Traffic traffic{who, counts, stop, port, next_file, in, n_files};
  std::vector<std::thread> threads;
  for (int i = 0; i < o.workers; ++i) threads.emplace_back([&traffic, i] { drive(traffic, i); });
  Kills kills = kill_repeatedly(server, o, scratch, port);
  stop = true;
  for (auto& t : threads) t.join();
  if (server.died()) ++kills.crashes;
  server.stop();

  const bool ok = report(o, store, counts, kills);
  if (!o.keep) {
    std::error_code ec;
    fs::remove_all(root, ec);
  } else {
    std::cout << "kept: " << root << "\n";
  }
  return ok ? 0 : 1;
}
