// bench_web: the in-process half of the web benchmark (bench/bench_web.sh runs the HTTP half
// with wrk). It prepares a data dir with N generated statements (once; reused when it exists),
// then times the query set of the HTTP run straight through the service, on read-only services
// as the server's threads use them, with the same Query the API builds (top 20, total, facets,
// snippets, as an administrator).
//
//   bench_web --data DIR [--items N] [--rounds R] [--queries OUT.txt]
//
// Prints `key=value` lines (inproc_median_ms, inproc_p99_ms, inproc_qps_1, inproc_qps_2, ...; the
// same prefixed `ranked_` without facets, the API's facets=0) for the script, and writes the
// URL-encoded queries, one a line, to OUT.txt.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "bench/bap_generator.h"
#include "service/service.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using berkas::service::Service;
using berkas::service::Viewer;

namespace {

// The query set of bench_ingest, so the two reports can be read side by side.
const std::vector<std::string> k_queries = {
    "perekrutan",        "penipuan",           "eksploitasi korban",  "paspor ditahan",
    "restitusi",         "pengiriman anak",    "jeratan utang",       "kekerasan",
    "rekrut",            "tipu",               "kamboja",             "penampungan",
    "perdagangan orang", "gaji tidak dibayar", "disekap",             "ancaman kekerasan",
    "telegram",          "bandara",            "agen perekrut",       "pekerja migran",
};

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

std::string url_encode(const std::string& s) {
  std::string out;
  char buf[4];
  for (unsigned char c : s) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
        c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

Viewer administrator() {
  Viewer v;
  v.user = "bench";
  v.role = berkas::service::Role::administrator;
  return v;
}

// Generates and ingests n statements (with the law) into data_dir.
bool prepare(const fs::path& data_dir, std::size_t n) {
  const fs::path in = data_dir.string() + ".in";
  fs::remove_all(in);
  fs::create_directories(in);
  std::cerr << "bench_web: generating " << n << " statements…\n";
  berkas::bench::write_statements(in.string(), n, 20260101);
  auto svc = Service::open({data_dir.string(), berkas::service::default_resource_dir()}, true);
  if (!svc) {
    std::cerr << svc.error().describe() << "\n";
    return false;
  }
  const auto cli = Viewer::command_line("bench");
  auto init = (*svc)->init(cli, false);
  if (!init || init->failed()) {
    std::cerr << "init failed\n";
    return false;
  }
  std::cerr << "bench_web: ingesting…\n";
  const auto t0 = Clock::now();
  for (const char* sub : {"setup", "bap"}) {
    auto r = (*svc)->ingest(cli, {(in / sub).string()});
    if (!r || r->failed()) {
      std::cerr << "ingest of " << sub << " failed\n";
      return false;
    }
  }
  std::cerr << "bench_web: ingested in " << seconds_since(t0) << " s\n";
  fs::remove_all(in);
  return true;
}

// Runs `rounds` passes over the query set on one reader; latencies in ms. `facets` false is the
// API's `facets=0` (a ranked page with snippets).
std::vector<double> run(Service& svc, int rounds, bool facets = true) {
  std::vector<double> ms;
  const auto viewer = administrator();
  for (int r = 0; r < rounds; ++r)
    for (const auto& q : k_queries) {
      berkas::search::Query query;
      query.text = q;
      query.limit = 20;
      query.facets = facets;
      const auto t0 = Clock::now();
      auto res = svc.search(viewer, query);
      ms.push_back(seconds_since(t0) * 1000);
      if (!res) {
        std::cerr << "search failed: " << res.error().describe() << "\n";
        std::exit(1);
      }
    }
  return ms;
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(v.size() * p))];
}

}  // namespace

int main(int argc, char** argv) {
  std::string data;
  std::string queries_out;
  std::size_t items = 100000;
  int rounds = 20;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--data" && i + 1 < argc) {
      data = argv[++i];
    } else if (a == "--items" && i + 1 < argc) {
      items = std::stoul(argv[++i]);
    } else if (a == "--rounds" && i + 1 < argc) {
      rounds = std::stoi(argv[++i]);
    } else if (a == "--queries" && i + 1 < argc) {
      queries_out = argv[++i];
    } else {
      std::cerr << "usage: bench_web --data DIR [--items N] [--rounds R] [--queries OUT.txt]\n";
      return 2;
    }
  }
  if (data.empty()) {
    std::cerr << "bench_web: --data DIR is required\n";
    return 2;
  }
  if (!fs::exists(fs::path(data) / "store.sqlite") && !prepare(data, items)) return 1;
  if (!queries_out.empty()) {
    std::ofstream out(queries_out);
    for (const auto& q : k_queries) out << url_encode(q) << "\n";
  }
  berkas::service::Options o{data, berkas::service::default_resource_dir()};
  {
    // As `berkas serve` does: the writer first (it migrates an older store and catches the
    // index up), then the readers.
    auto writer = Service::open(o);
    if (!writer) {
      std::cerr << writer.error().describe() << "\n";
      return 1;
    }
  }
  o.read_only = true;
  auto a = Service::open(o);
  auto b = Service::open(o);
  if (!a || !b) {
    std::cerr << (a ? b.error() : a.error()).describe() << "\n";
    return 1;
  }
  auto counts = (*a)->counts();
  std::printf("items=%lld\n", counts ? static_cast<long long>(counts->items) : -1LL);
  for (bool facets : {true, false}) {
    const std::string tag = facets ? "" : "ranked_";
    run(**a, 1, facets);  // warm the page cache and the reader
    run(**b, 1, facets);
    // One thread: the latency of a query without the HTTP layer.
    auto t0 = Clock::now();
    auto one = run(**a, rounds, facets);
    const double one_s = seconds_since(t0);
    // Two threads, two readers: what two cores can answer in process.
    std::vector<double> ms_a, ms_b;
    t0 = Clock::now();
    std::thread ta([&] { ms_a = run(**a, rounds, facets); });
    std::thread tb([&] { ms_b = run(**b, rounds, facets); });
    ta.join();
    tb.join();
    const double two_s = seconds_since(t0);
    double sum = 0;
    for (double x : one) sum += x;
    const char* t = tag.c_str();
    std::printf("%squeries=%zu\n", t, one.size());
    std::printf("%sinproc_mean_ms=%.3f\n", t, sum / static_cast<double>(one.size()));
    std::printf("%sinproc_median_ms=%.3f\n", t, percentile(one, 0.5));
    std::printf("%sinproc_p90_ms=%.3f\n", t, percentile(one, 0.9));
    std::printf("%sinproc_p99_ms=%.3f\n", t, percentile(one, 0.99));
    std::printf("%sinproc_qps_1=%.0f\n", t, static_cast<double>(one.size()) / one_s);
    std::printf("%sinproc_qps_2=%.0f\n", t, static_cast<double>(ms_a.size() + ms_b.size()) / two_s);
  }
  return 0;
}
