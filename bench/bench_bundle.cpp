// bench_bundle: a court bundle of ~1,000 pages (≈150 fictional statements plus ≈300 pages of
// merged exhibit PDFs), timed, with peak memory, against `qpdf --empty --pages ... --` merging
// the same exhibits. One run, one report. All data is FIKTIF.
//
//   bench_bundle [statements=150] [exhibit_pages=300] [work_dir=/tmp]

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "bundle/bundle.h"
#include "core/hash.h"

using namespace berkas;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

double peak_rss_mb() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

const char* k_sentences[] = {
    "Saya direkrut melalui media sosial dengan janji pekerjaan sebagai operator layanan pelanggan.",
    "Perekrut menanggung tiket pesawat dan meminta paspor saya dengan alasan pengurusan visa kerja.",
    "Setibanya di lokasi, kami dipaksa bekerja menipu orang melalui aplikasi percakapan daring.",
    "Jika target harian tidak tercapai, kami didenda dan tidak diberi makan.",
    "Saya tidak dapat pulang karena utang yang dibebankan kepada saya terus bertambah.",
    "Pendamping dari lembaga perlindungan saksi hadir selama pemeriksaan ini.",
};

std::string answer(std::size_t seed, int sentences) {
  std::string s;
  for (int i = 0; i < sentences; ++i) {
    if (!s.empty()) s += ' ';
    s += k_sentences[(seed * 7 + static_cast<std::size_t>(i) * 3) % 6];
  }
  return s;
}

// An exhibit as another office would send it: a PDF of `pages` text pages (made with our own
// renderer, each with its own embedded fonts).
std::string exhibit(int index, int pages) {
  bundle::LayoutDocument doc;
  doc.info.title = "Ekshibit " + std::to_string(index) + " (FIKTIF)";
  for (int p = 0; p < pages; ++p) {
    if (p) doc.blocks.push_back(bundle::Block::make_page_break());
    doc.blocks.push_back(bundle::Block::make_heading(1, "Ekshibit " + std::to_string(index) + ", lembar " + std::to_string(p + 1), ""));
    for (int k = 0; k < 12; ++k) doc.blocks.push_back(bundle::Block::make_paragraph(answer(static_cast<std::size_t>(p * 13 + k), 3)));
  }
  auto r = bundle::render(doc);
  if (!r) {
    std::fprintf(stderr, "exhibit: %s\n", r.error().describe().c_str());
    std::exit(1);
  }
  return r->pdf;
}

}  // namespace

int main(int argc, char** argv) {
  const int statements = argc > 1 ? std::atoi(argv[1]) : 150;
  const int exhibit_pages = argc > 2 ? std::atoi(argv[2]) : 300;
  const std::filesystem::path work = std::filesystem::path(argc > 3 ? argv[3] : "/tmp") / "berkas-bench-bundle";
  std::filesystem::create_directories(work);
  constexpr int k_pages_per_exhibit = 10;

  bundle::CaseData data;
  data.case_info.id = "perkara-bench";
  data.case_info.register_number = "PDM-99/BENCH/2024";
  data.case_info.title = "Perkara tolok ukur (FIKTIF)";
  data.case_info.court = "Pengadilan Negeri Contoh";
  data.case_info.fictional = true;
  data.forbidden_strings = {"Nama Asli Terlindung"};
  for (int i = 0; i < statements; ++i) {
    const std::string n = std::to_string(i + 1);
    data.persons.push_back({"org-" + n, "Saksi " + n, i % 3 == 0 ? core::PersonRole::saksi_korban : core::PersonRole::saksi, i % 3 == 0});
    core::EvidenceItem it;
    it.id = "bap-" + n;
    it.kind = core::EvidenceKind::keterangan_saksi;
    it.title = "BAP Saksi " + n;
    it.date = "2024-03-" + std::string(i % 28 < 9 ? "0" : "") + std::to_string(i % 28 + 1);
    it.person_id = "org-" + n;
    it.examiner = "Penyidik Contoh";
    it.source_sha256 = core::sha256_hex(it.id);
    for (int q = 1; q <= 30; ++q)
      it.qa.push_back({q, "Jelaskan kejadian pada tahap " + std::to_string(q) + "?", answer(static_cast<std::size_t>(i * 31 + q), 2 + q % 4)});
    data.items.push_back(std::move(it));
  }

  std::vector<std::string> exhibit_files;
  const int exhibits = exhibit_pages / k_pages_per_exhibit;
  for (int e = 0; e < exhibits; ++e) {
    const std::string bytes = exhibit(e + 1, k_pages_per_exhibit);
    const std::string path = (work / ("ekshibit-" + std::to_string(e + 1) + ".pdf")).string();
    std::ofstream(path, std::ios::binary) << bytes;
    exhibit_files.push_back(path);
    core::EvidenceItem it;
    it.id = "surat-" + std::to_string(e + 1);
    it.kind = core::EvidenceKind::surat;
    it.title = "Dokumen pindaian " + std::to_string(e + 1);
    it.date = "2024-02-01";
    core::Attachment a{"pindaian.pdf", core::sha256_hex(bytes), "application/pdf", static_cast<std::int64_t>(bytes.size()), ""};
    it.attachments.push_back(a);
    data.attachments.emplace(a.sha256, bytes);
    data.items.push_back(std::move(it));
  }

  bundle::BundleOptions opt;
  opt.template_path = std::string(BERKAS_SOURCE_DIR) + "/templates/court-bundle.xml";
  opt.stamp_prefix = "PDM-99-2024-";
  opt.creator = "bench";
  opt.date = "2024-05-20";

  // The whole bundle: template, layout passes, writing, guard.
  const double rss_before = peak_rss_mb();
  auto t0 = Clock::now();
  auto b = bundle::build_bundle(data, opt);
  const double whole = seconds_since(t0);
  if (!b) {
    std::fprintf(stderr, "build_bundle: %s\n", b.error().describe().c_str());
    return 1;
  }
  const double rss_after = peak_rss_mb();
  std::ofstream(work / "bundle.pdf", std::ios::binary) << b->pdf;

  // The merging part alone: a document of only the exhibits (stamped, as in the bundle).
  bundle::LayoutDocument merge;
  merge.furniture.stamp_prefix = "M-";
  for (const auto& [sha, bytes] : data.attachments) {
    bundle::Block blk;
    blk.kind = bundle::BlockKind::pdf;
    blk.anchor = sha.substr(0, 12);
    blk.pdf = bytes;
    merge.blocks.push_back(std::move(blk));
  }
  t0 = Clock::now();
  auto m = bundle::render(merge);
  const double ours_merge = seconds_since(t0);
  if (!m) {
    std::fprintf(stderr, "merge: %s\n", m.error().describe().c_str());
    return 1;
  }

  std::string cmd = "qpdf --empty --pages";
  for (const auto& f : exhibit_files) cmd += " '" + f + "'";
  cmd += " -- '" + (work / "qpdf-merged.pdf").string() + "'";
  t0 = Clock::now();
  const int rc = std::system(cmd.c_str());
  const double qpdf = seconds_since(t0);

  std::printf("bench_bundle (FIKTIF data): %d statements, %d exhibit PDFs of %d pages\n", statements, exhibits,
              k_pages_per_exhibit);
  std::printf("  whole bundle      %6d pages  %7.3f s  %8.0f pages/s  (target <= 1.0 s)\n", b->page_count, whole,
              b->page_count / whole);
  std::printf("  bundle size       %6.1f MB\n", static_cast<double>(b->pdf.size()) / 1e6);
  std::printf("  peak RSS          %6.1f MB  (before build %.1f MB; target <= 100 MB)\n", rss_after, rss_before);
  std::printf("  merge, ours       %6d pages  %7.3f s\n", m->page_count, ours_merge);
  std::printf("  merge, qpdf       %6d files  %7.3f s  (exit %d)\n", exhibits, qpdf, rc);
  std::printf("  merge ratio       %6.2fx qpdf  (target <= 1.5x)\n", qpdf > 0 ? ours_merge / qpdf : 0.0);
  std::printf("  output            %s\n", (work / "bundle.pdf").string().c_str());
  return 0;
}
