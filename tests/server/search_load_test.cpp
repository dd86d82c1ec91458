// The server's threads under a search load: 16 keep-alive connections of signed-in users of every
// role send /api/v1/search (and the search page) while a writer uploads evidence, for
// BERKAS_LOAD_SECONDS (default 5; the ThreadSanitizer step of scripts/setup.sh runs it for 60).
// Every answer must be the answer to that user's own request: JSON search results for the API
// (never a sign-in or setup page, never a 5xx), the search page for the page, and no protected
// name for a viewer not cleared. Run under ThreadSanitizer it also shows that no state is shared
// between the server's threads unguarded (scripts/setup.sh tsan; docs/RELIABILITY.md).
#define BOOST_TEST_MODULE search_load
#include <boost/test/unit_test.hpp>

#include <Poco/Exception.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/text.h"
#include "support/server_world.h"

using namespace berkas;
using Clock = std::chrono::steady_clock;

namespace {

int load_seconds() {
  const char* s = std::getenv("BERKAS_LOAD_SECONDS");
  const int n = s ? std::atoi(s) : 0;
  return n > 0 && n <= 3600 ? n : 5;
}

// The protected victim-witness of the demo case (demo/02-orang/org-saksi-a.xml): FIKTIF.
bool leaks(const std::string& body) {
  return body.find("Rina") != std::string::npos || body.find("Fiksiana") != std::string::npos;
}

struct Failures {
  std::mutex mu;
  std::vector<std::string> list;
  std::atomic<long> requests{0};
  void add(const std::string& what) {
    std::lock_guard lock(mu);
    if (list.size() < 20) list.push_back(what);
  }
};

// One connection (kept alive) of one user, sending searches until `until`.
void client(const test::World& w, const std::string& user, const test::Who& who, int index, Clock::time_point until,
            Failures& f) {
  const char* queries[] = {"paspor", "perekrutan", "pasal 2", "korban", "jenis:bap", "kamboja", "gaji", "restitusi"};
  Poco::Net::HTTPClientSession session("127.0.0.1", w.port);
  session.setKeepAlive(true);
  session.setTimeout(Poco::Timespan(60, 0));
  for (long n = index; Clock::now() < until; ++n) {
    const std::string q = queries[n % 8];
    const bool page = n % 5 == 0;
    const std::string path = (page ? "/search?q=" : "/api/v1/search?q=") + core::replace_all(q, " ", "+") +
                             (n % 3 == 0 ? "&facets=0" : "");
    Poco::Net::HTTPRequest req("GET", path, Poco::Net::HTTPMessage::HTTP_1_1);
    req.add("Cookie", who.cookie);
    req.setKeepAlive(true);
    std::string body;
    Poco::Net::HTTPResponse resp;
    try {
      session.sendRequest(req);
      auto& in = session.receiveResponse(resp);
      Poco::StreamCopier::copyToString(in, body);
    } catch (const Poco::Exception& e) {
      f.add(user + " " + path + ": " + e.displayText());
      session.reset();
      continue;
    }
    ++f.requests;
    const std::string type = resp.getContentType();
    if (resp.getStatus() != 200)
      f.add(user + " " + path + ": status " + std::to_string(resp.getStatus()));
    else if (!page && (type.rfind("application/json", 0) != 0 || body.find("\"hits\"") == std::string::npos))
      f.add(user + " " + path + ": not the search results (" + type + ")");
    else if (page && (body.find("name=\"password\"") != std::string::npos || body.find("/setup") != std::string::npos))
      f.add(user + " " + path + ": a sign-in or setup page");
    else if (user != "jaksa.jelas" && user != "admin" && leaks(body))
      f.add(user + " " + path + ": a protected name");
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(sixteen_connections_search_while_a_writer_uploads) {
  test::World w(8);
  test::set_up_users(w);
  const auto until = Clock::now() + std::chrono::seconds(load_seconds());
  Failures f;
  const std::vector<std::string> users = {"admin", "jaksa", "jaksa.jelas", "jaksa_lain", "pendamping", "pelatih"};
  std::vector<std::thread> clients;
  for (int i = 0; i < 16; ++i) {
    const std::string& u = users[i % users.size()];
    clients.emplace_back([&, i, u] { client(w, u, w.users.at(u), i, until, f); });
  }
  // The writer: an upload of a new item (the demo's FIKTIF letter under a new id) about every
  // 200 ms, so readers are overtaken and reopened throughout.
  const std::string demo = test::read_file(test::source_path("demo/05-surat/surat-kbri-phnom-penh.xml"));
  int uploads = 0, failed_uploads = 0;
  const auto& admin = w.users.at("admin");
  for (int n = 0; Clock::now() < until; ++n) {
    const std::string id = "surat-beban-" + std::to_string(n);
    const std::string xml =
        core::replace_all(demo, "id=\"surat-kbri-phnom-penh\"", "id=\"" + id + "\"");
    const std::string boundary = "batasuji" + std::to_string(n);
    const std::string body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + id +
                             ".xml\"\r\nContent-Type: application/xml\r\n\r\n" + xml + "\r\n--" + boundary + "--\r\n";
    auto r = w.call("POST", "/api/v1/ingest", body, "multipart/form-data; boundary=" + boundary,
                    {{"Cookie", admin.cookie}, {"X-CSRF-Token", admin.csrf}});
    ++uploads;
    if (r.status != 200) {
      ++failed_uploads;
      if (failed_uploads == 1) BOOST_TEST_MESSAGE("upload: " << r.status << " " << r.body);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  for (auto& t : clients) t.join();
  BOOST_TEST_MESSAGE(f.requests.load() << " searches and " << uploads << " uploads in " << load_seconds() << " s");
  for (const auto& e : f.list) BOOST_ERROR(e);
  BOOST_TEST(f.requests.load() > 16);
  BOOST_TEST(failed_uploads == 0);
}
