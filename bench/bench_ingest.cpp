// bench_ingest: Berkas ingest and search speed beside two baselines measured in the same run —
// a plain Xapian loop over the same text (the ceiling for indexing) and SQLite FTS5.
//
//   bench_ingest [--sizes 10000,100000] [--out REPORT.md] [--keep DIR]
//
// For each size N it generates N fictional BAP statements (~3 KB of law-vocabulary text each,
// marked FIKTIF), then reports:
//   - Berkas ingest (validate, hash, store, index — the `berkas ingest` path), statements/s;
//   - plain Xapian: TermGenerator + the same Snowball stemmer, positions, one transaction;
//   - FTS5: the same texts inserted in one transaction;
//   - query latency (median, p99) over a fixed query set: Berkas (as `berkas search` serves it:
//     ranked top 20 with total, facets and snippets; and ranked only) and FTS5 (bm25, top 20).
// Figures are also given as ratios against the baselines of the same run.
#include <sqlite3.h>
#include <sys/resource.h>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "bench/bap_generator.h"
#include "service/service.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

long peak_rss_mb() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss / 1024;
}

struct Latency {
  double median_ms = 0, p99_ms = 0;
};

Latency summarise(std::vector<double> ms) {
  std::sort(ms.begin(), ms.end());
  Latency l;
  if (ms.empty()) return l;
  l.median_ms = ms[ms.size() / 2];
  l.p99_ms = ms[std::min(ms.size() - 1, static_cast<size_t>(ms.size() * 0.99))];
  return l;
}

const std::vector<std::string> k_queries = {
    "perekrutan",        "penipuan",           "eksploitasi korban",  "paspor ditahan",
    "restitusi",         "pengiriman anak",    "jeratan utang",       "kekerasan",
    "rekrut",            "tipu",               "kamboja",             "penampungan",
    "perdagangan orang", "gaji tidak dibayar", "disekap",             "ancaman kekerasan",
    "telegram",          "bandara",            "agen perekrut",       "pekerja migran",
};

double plain_xapian(const std::vector<std::string>& texts, const std::string& dir) {
  fs::remove_all(dir);
  const auto t0 = Clock::now();
  Xapian::WritableDatabase db(dir, Xapian::DB_CREATE_OR_OVERWRITE);
  Xapian::TermGenerator tg;
  tg.set_stemmer(Xapian::Stem("indonesian"));
  db.begin_transaction();
  for (const auto& t : texts) {
    Xapian::Document doc;
    tg.set_document(doc);
    tg.index_text(t);
    doc.set_data(t);
    db.add_document(doc);
  }
  db.commit_transaction();
  db.close();
  return seconds_since(t0);
}

struct Fts {
  sqlite3* db = nullptr;
  ~Fts() { sqlite3_close(db); }
};

double fts5_insert(Fts& fts, const std::vector<std::string>& texts, const std::string& path) {
  fs::remove(path);
  const auto t0 = Clock::now();
  sqlite3_open(path.c_str(), &fts.db);
  sqlite3_exec(fts.db, "PRAGMA journal_mode=WAL; CREATE VIRTUAL TABLE t USING fts5(body); BEGIN;", nullptr, nullptr, nullptr);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(fts.db, "INSERT INTO t(body) VALUES (?)", -1, &st, nullptr);
  for (const auto& t : texts) {
    sqlite3_bind_text(st, 1, t.data(), static_cast<int>(t.size()), SQLITE_STATIC);
    sqlite3_step(st);
    sqlite3_reset(st);
  }
  sqlite3_finalize(st);
  sqlite3_exec(fts.db, "COMMIT;", nullptr, nullptr, nullptr);
  return seconds_since(t0);
}

Latency fts5_queries(Fts& fts, int rounds) {
  std::vector<double> ms;
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(fts.db, "SELECT rowid, bm25(t) FROM t WHERE t MATCH ? ORDER BY rank LIMIT 20", -1, &st, nullptr);
  for (int r = 0; r < rounds; ++r)
    for (const auto& q : k_queries) {
      // FTS5 syntax: quote each word so that it is a plain term query.
      std::string fq;
      std::istringstream words(q);
      for (std::string w; words >> w;) fq += (fq.empty() ? "\"" : " \"") + w + "\"";
      const auto t0 = Clock::now();
      sqlite3_bind_text(st, 1, fq.c_str(), -1, SQLITE_TRANSIENT);
      int n = 0;
      while (sqlite3_step(st) == SQLITE_ROW) ++n;
      sqlite3_reset(st);
      ms.push_back(seconds_since(t0) * 1000);
    }
  sqlite3_finalize(st);
  return summarise(ms);
}

Latency berkas_queries(berkas::service::Service& svc, int rounds, bool full) {
  std::vector<double> ms;
  const auto viewer = berkas::service::Viewer::command_line("bench");
  for (int r = 0; r < rounds; ++r)
    for (const auto& q : k_queries) {
      berkas::search::Query query;
      query.text = q;
      query.limit = 20;
      query.facets = full;
      query.snippets = full;
      const auto t0 = Clock::now();
      auto res = svc.search(viewer, query);
      ms.push_back(seconds_since(t0) * 1000);
      if (!res) {
        std::cerr << "search failed: " << res.error().describe() << "\n";
        std::exit(1);
      }
    }
  return summarise(ms);
}

struct Row {
  std::size_t n = 0;
  double berkas_s = 0, xapian_s = 0, fts_s = 0;
  Latency berkas_full, berkas_ranked, fts;
  long rss_mb = 0;
};

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::size_t> sizes = {10000, 100000};
  std::string out_path;
  std::string keep;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--sizes" && i + 1 < argc) {
      sizes.clear();
      std::istringstream in(argv[++i]);
      for (std::string s; std::getline(in, s, ',');) sizes.push_back(std::stoul(s));
    } else if (a == "--out" && i + 1 < argc) {
      out_path = argv[++i];
    } else if (a == "--keep" && i + 1 < argc) {
      keep = argv[++i];
    } else {
      std::cerr << "usage: bench_ingest [--sizes 10000,100000] [--out REPORT.md] [--keep DIR]\n";
      return 2;
    }
  }
  const fs::path root = keep.empty() ? fs::temp_directory_path() / ("berkas-bench-" + std::to_string(getpid())) : fs::path(keep);
  fs::create_directories(root);
  std::vector<Row> rows;
  for (std::size_t n : sizes) {
    Row row;
    row.n = n;
    const fs::path work = root / std::to_string(n);
    fs::remove_all(work);
    fs::create_directories(work / "in");
    std::cerr << "[" << n << "] generating statements…\n";
    auto texts = berkas::bench::write_statements((work / "in").string(), n, 20260101);
    berkas::service::Options opts{(work / "data").string(), berkas::service::default_resource_dir()};
    auto svc = berkas::service::Service::open(opts, true);
    if (!svc) {
      std::cerr << svc.error().describe() << "\n";
      return 1;
    }
    const auto viewer = berkas::service::Viewer::command_line("bench");
    auto init = (*svc)->init(viewer, false);
    if (!init || init->failed()) {
      std::cerr << "init failed\n";
      return 1;
    }
    // The case and persons the statements belong to.
    auto setup = (*svc)->ingest(viewer, {(work / "in" / "setup").string()});
    if (!setup || setup->failed()) {
      std::cerr << "setup failed" << (setup && !setup->files.empty() ? ": " + setup->files[0].error : "") << "\n";
      return 1;
    }
    std::cerr << "[" << n << "] Berkas ingest…\n";
    auto t0 = Clock::now();
    auto report = (*svc)->ingest(viewer, {(work / "in" / "bap").string()});
    row.berkas_s = seconds_since(t0);
    if (!report || report->failed()) {
      std::cerr << "ingest failed: " << (report ? report->files[0].error : report.error().describe()) << "\n";
      return 1;
    }
    std::cerr << "[" << n << "] plain Xapian loop…\n";
    row.xapian_s = plain_xapian(texts, (work / "plain-xapian").string());
    std::cerr << "[" << n << "] FTS5…\n";
    Fts fts;
    row.fts_s = fts5_insert(fts, texts, (work / "fts5.sqlite").string());
    std::cerr << "[" << n << "] queries…\n";
    berkas_queries(**svc, 1, true);  // warm the caches the same way for both
    fts5_queries(fts, 1);
    row.berkas_full = berkas_queries(**svc, 10, true);
    row.berkas_ranked = berkas_queries(**svc, 10, false);
    row.fts = fts5_queries(fts, 10);
    row.rss_mb = peak_rss_mb();
    rows.push_back(row);
    if (keep.empty()) fs::remove_all(work);
  }
  if (keep.empty()) fs::remove_all(root);

  std::ostringstream rep;
  char buf[512];
  rep << "## bench_ingest — " << k_queries.size() << " queries × 10 rounds, statements ≈3 KB (FIKTIF)\n\n";
  rep << "| N | Berkas ingest/s | plain Xapian/s | FTS5/s | Berkas ÷ Xapian | search median ms (Berkas full / ranked / FTS5) | p99 ms (full / ranked / FTS5) | median ratio full÷FTS5 | p99 ratio full÷FTS5 | peak RSS MB |\n";
  rep << "|---|---|---|---|---|---|---|---|---|---|\n";
  for (const auto& r : rows) {
    std::snprintf(buf, sizeof buf,
                  "| %zu | %.0f | %.0f | %.0f | %.2f× | %.2f / %.2f / %.2f | %.2f / %.2f / %.2f | %.3f | %.3f | %ld |\n", r.n,
                  r.n / r.berkas_s, r.n / r.xapian_s, r.n / r.fts_s, r.xapian_s / r.berkas_s, r.berkas_full.median_ms,
                  r.berkas_ranked.median_ms, r.fts.median_ms, r.berkas_full.p99_ms, r.berkas_ranked.p99_ms, r.fts.p99_ms,
                  r.berkas_full.median_ms / r.fts.median_ms, r.berkas_full.p99_ms / r.fts.p99_ms, r.rss_mb);
    rep << buf;
  }
  std::cout << rep.str();
  if (!out_path.empty()) std::ofstream(out_path) << rep.str();
  return 0;
}
