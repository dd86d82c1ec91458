// Crash test: `berkas ingest` is killed (SIGKILL) at random points; after each kill the store
// and the index must be consistent (verify passes: every stored object indexed, nothing twice)
// and every file the command acknowledged ("created" printed) must be there.
#define BOOST_TEST_MODULE e2e_crash
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <filesystem>
#include <random>
#include <sstream>
#include <thread>

#include "bench/bap_generator.h"
#include "e2e/e2e.h"

namespace fs = std::filesystem;
using namespace berkas::test;

namespace {

// Ids acknowledged in the text output: lines "created  PATH  item ID@1".
std::vector<std::string> acknowledged(const std::string& out) {
  std::vector<std::string> ids;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("created  ", 0) != 0) continue;
    auto item = line.find("  item ");
    if (item == std::string::npos) continue;
    auto id = line.substr(item + 7);
    auto at = id.find('@');
    ids.push_back(id.substr(0, at));
  }
  return ids;
}

}  // namespace

BOOST_AUTO_TEST_CASE(killed_ingest_leaves_store_and_index_consistent) {
  TempDir dir;
  const auto data = dir.file("data");
  const auto in = dir.file("in");
  const std::size_t n = 300;
  berkas::bench::write_statements(in, n, 7);
  BOOST_TEST_REQUIRE(run_berkas(data, {"init"}).code == 0);
  BOOST_TEST_REQUIRE(run_berkas(data, {"ingest", in + "/setup"}).code == 0);

  std::mt19937 rng(std::random_device{}());
  std::set<std::string> acked;
  for (int round = 0; round < 6; ++round) {
    const auto out = dir.file("out-" + std::to_string(round));
    pid_t pid = spawn({BERKAS_BINARY, "--data", data, "ingest", in + "/bap"}, out, dir.file("err"));
    std::this_thread::sleep_for(std::chrono::milliseconds(50 + rng() % 600));
    kill(pid, SIGKILL);
    wait_exit(pid);
    for (const auto& id : acknowledged(read_file(out))) acked.insert(id);

    // Opening the store catches the index up; verify then checks every hash and document.
    auto v = run_berkas(data, {"verify", "--json"});
    BOOST_TEST_REQUIRE(v.code == 0, "round " << round << ": " << v.out << v.err);
    auto report = json_object(v.out);
    BOOST_TEST(report->getValue<long>("index_docs") == report->getValue<long>("expected_docs"));
    for (const auto& id : acked) {
      auto s = run_berkas(data, {"show", "--json", id});
      BOOST_TEST(s.code == 0, "acknowledged " << id << " lost after round " << round);
      if (s.code != 0) break;
    }
  }
  // Finally the whole folder goes in, and everything is there exactly once.
  auto last = run_berkas(data, {"ingest", "--json", in + "/bap"});
  BOOST_TEST(last.code == 0, last.err);
  auto v = json_object(run_berkas(data, {"verify", "--json"}).out);
  BOOST_TEST(v->getValue<bool>("ok"));
  auto s = json_object(run_berkas(data, {"search", "--json", "jenis:bap"}).out);
  BOOST_TEST(s->getValue<long>("total") == static_cast<long>(n));
  BOOST_TEST_MESSAGE("acknowledged before kills: " << acked.size());
}
