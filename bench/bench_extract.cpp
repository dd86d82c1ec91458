// bench_extract: how fast Berkas reads real evidence, side by side with the standard tools on the
// same files, in one run (docs/BENCH.md, "Extraction"):
//   1. text extraction: extract::read_pdf on a text PDF against `pdftotext` (poppler-utils);
//   2. OCR: extract::read_pdf on an image-only PDF (pages rendered by pdftoppm, OCR'd on every
//      core) against the `tesseract` command on the same page images, one after another;
//   3. peak memory of reading an image-only PDF of many pages (getrusage, the whole process).
// The pages are FIKTIF text made here. Usage:
//   bench_extract [--text-pages N] [--ocr-pages N] [--memory-pages N] [--runs N]
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <thread>
#include <string>
#include <vector>

#include "extract/extract.h"
#include "extract/pdf.h"
#include "support/pdf_files.h"

namespace fs = std::filesystem;
using berkas::test::make_pdf;
using berkas::test::PdfPage;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// Runs a shell command (the tools compared against), output discarded; its exit status.
int sh(const std::string& command) { return std::system((command + " >/dev/null 2>&1").c_str()); }

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

void spit(const fs::path& p, const std::string& bytes) {
  std::ofstream out(p, std::ios::binary);
  out << bytes;
}

// A page of a fictional recruitment report: 30 lines of Indonesian text.
PdfPage report_page(int n) {
  PdfPage p;
  p.font_size = 11;
  static const char* k_lines[] = {
      "LAPORAN PEREKRUTAN (FIKTIF) - halaman ", "Agen perekrutan menjanjikan pekerjaan admin di Kamboja.",
      "Paspor para pekerja ditahan oleh agen setibanya di Phnom Penh.",
      "Gaji yang dijanjikan 1000 dolar per bulan tidak pernah dibayar.",
      "Para pekerja dipaksa menipu korban melalui aplikasi investasi.",
  };
  p.lines.push_back(std::string(k_lines[0]) + std::to_string(n));
  for (int i = 1; i < 30; ++i) p.lines.push_back(k_lines[1 + (i + n) % 4]);
  return p;
}

long max_rss_kib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

int arg(int argc, char** argv, const std::string& name, int fallback) {
  for (int i = 1; i + 1 < argc; ++i)
    if (argv[i] == name) return std::max(1, std::atoi(argv[i + 1]));
  return fallback;
}

}  // namespace

int main(int argc, char** argv) {
  const int text_pages = arg(argc, argv, "--text-pages", 200);
  const int ocr_pages = arg(argc, argv, "--ocr-pages", 8);
  const int memory_pages = arg(argc, argv, "--memory-pages", 0 + 40);
  const int runs = arg(argc, argv, "--runs", 3);
  const fs::path dir = fs::temp_directory_path() / ("bench-extract-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  berkas::extract::Limits limits;
  limits.max_pages = std::max({text_pages, ocr_pages, memory_pages}) + 10;
  std::cout << "bench_extract: " << text_pages << " text pages, " << ocr_pages << " OCR pages, " << memory_pages
            << " pages for memory; best of " << runs << " runs; cores: " << std::thread::hardware_concurrency()
            << "\n";

  // 1. Text layer.
  std::vector<PdfPage> pages;
  for (int i = 1; i <= text_pages; ++i) pages.push_back(report_page(i));
  const std::string text_pdf = make_pdf(pages);
  spit(dir / "teks.pdf", text_pdf);
  double ours = 1e9, theirs = 1e9;
  for (int r = 0; r < runs; ++r) {
    auto t0 = Clock::now();
    auto x = berkas::extract::read_pdf(text_pdf, limits);
    ours = std::min(ours, seconds_since(t0));
    if (!x || static_cast<int>(x->units.size()) != text_pages) {
      std::cerr << "read_pdf failed on the text PDF\n";
      return 1;
    }
    t0 = Clock::now();
    if (sh("pdftotext " + (dir / "teks.pdf").string() + " " + (dir / "teks.txt").string()) != 0) {
      std::cerr << "pdftotext failed\n";
      return 1;
    }
    theirs = std::min(theirs, seconds_since(t0));
  }
  std::printf("text layer: read_pdf %.1f pages/s, pdftotext %.1f pages/s, ratio %.2f (target >= 0.8)\n",
              text_pages / ours, text_pages / theirs, theirs / ours);

  // 2. OCR: the first pages rendered at 300 dpi in grey (JPEG, as a scanner's PDF holds them).
  std::vector<PdfPage> scans;
  std::vector<fs::path> images;
  for (int i = 1; i <= ocr_pages; ++i) {
    const fs::path stem = dir / ("scan-" + std::to_string(i));
    if (sh("pdftoppm -r 300 -gray -jpeg -singlefile -f " + std::to_string(i) + " -l " + std::to_string(i) + " " +
           (dir / "teks.pdf").string() + " " + stem.string()) != 0) {
      std::cerr << "pdftoppm failed\n";
      return 1;
    }
    images.push_back(stem.string() + ".jpg");
    scans.push_back(berkas::test::jpeg_page(slurp(images.back())));
  }
  const std::string scan_pdf = make_pdf(scans);
  // The tesseract command twice: as installed (its OpenMP threads on both cores) and with
  // OMP_THREAD_LIMIT=1 (one thread per process, often faster on few cores): the better of the two
  // is the baseline.
  double as_installed = 1e9, one_thread = 1e9;
  ours = 1e9;
  for (int r = 0; r < std::min(runs, 2); ++r) {
    auto t0 = Clock::now();
    auto x = berkas::extract::read_pdf(scan_pdf, limits);
    ours = std::min(ours, seconds_since(t0));
    if (!x || x->metadata["pdf.ocr_pages"] != std::to_string(ocr_pages)) {
      std::cerr << "read_pdf did not OCR every page: " << (x ? "" : x.error().describe()) << "\n";
      return 1;
    }
    for (const char* env : {"", "OMP_THREAD_LIMIT=1 "}) {
      t0 = Clock::now();
      for (const auto& img : images)
        if (sh(std::string(env) + "tesseract " + img.string() + " " + (dir / "ocr").string() + " -l ind+eng") != 0) {
          std::cerr << "tesseract failed\n";
          return 1;
        }
      (*env ? one_thread : as_installed) = std::min(*env ? one_thread : as_installed, seconds_since(t0));
    }
  }
  theirs = std::min(as_installed, one_thread);
  std::printf("OCR: read_pdf %.1f pages/min; tesseract command %.1f pages/min as installed, %.1f with "
              "OMP_THREAD_LIMIT=1; ratio against the better %.2f (target >= 1.6)\n",
              ocr_pages * 60 / ours, ocr_pages * 60 / as_installed, ocr_pages * 60 / one_thread, theirs / ours);

  // 3. Peak memory: an image-only PDF of many pages (the scans repeated).
  std::vector<PdfPage> many;
  for (int i = 0; i < memory_pages; ++i) many.push_back(scans[static_cast<std::size_t>(i) % scans.size()]);
  std::string big = make_pdf(many);
  many.clear();
  const long before = max_rss_kib();
  auto t0 = Clock::now();
  auto x = berkas::extract::read_pdf(big, limits);
  const double took = seconds_since(t0);
  if (!x) {
    std::cerr << "read_pdf failed on the large scan: " << x.error().describe() << "\n";
    return 1;
  }
  std::printf("memory: %d scanned pages (%.1f MB PDF) read in %.0f s; peak RSS %.0f MB (%.0f MB before; target <= 500 MB "
              "for 300 pages)\n",
              memory_pages, big.size() / 1e6, took, max_rss_kib() / 1024.0, before / 1024.0);
  fs::remove_all(dir);
  return 0;
}
