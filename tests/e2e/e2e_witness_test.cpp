// End-to-end through the `berkas` binary: the witness file (berkas saksi) of the demo's protected
// victim-witness — redacted by default (text, outline, metadata, whole file, file name, stdout,
// audit), --reveal shows the name and is audited, same bytes twice, usage and not-found exits,
// nothing left behind on failure. Checked with qpdf, pdfinfo, pdftotext and mutool. FIKTIF data.
#define BOOST_TEST_MODULE e2e_witness
#include <boost/test/unit_test.hpp>

#include <cctype>
#include <filesystem>
#include <regex>

#include "core/hash.h"
#include "e2e/e2e.h"

namespace fs = std::filesystem;
using namespace berkas::test;

namespace {

const char* k_person = "org-saksi-a";

std::string quote(const std::string& s) { return "'" + s + "'"; }
RunResult sh(const std::string& cmd) { return run({"/bin/sh", "-c", cmd}); }

bool mentions_protected_name(const std::string& s) {
  std::string l = s;
  for (auto& c : l) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return l.find("rina") != std::string::npos || l.find("fiksiana") != std::string::npos;
}

struct Made {
  RunResult result;
  std::string path, sha256;
  int pages = 0;
};

Made parse_made(const RunResult& r) {
  Made m;
  m.result = r;
  std::smatch g;
  if (std::regex_search(r.out, g, std::regex("Berkas saksi / witness file: (.+)\n"))) m.path = g[1];
  if (std::regex_search(r.out, g, std::regex("Halaman / pages: ([0-9]+)"))) m.pages = std::stoi(g[1]);
  if (std::regex_search(r.out, g, std::regex("SHA-256: ([0-9a-f]{64})"))) m.sha256 = g[1];
  return m;
}

struct Demo {
  TempDir dir;
  std::string data, out;
  Made redacted, revealed;
  Demo() : data(dir.file("data")), out(dir.file("out")) {
    auto r = run_berkas(data, {"init", "--demo", "--json"});
    if (r.code != 0) throw std::runtime_error("init --demo failed: " + r.err + r.out);
    fs::create_directories(out);
    // The default output name, in the output folder.
    redacted = parse_made(sh("cd " + quote(out) + " && " + BERKAS_BINARY + " --data " + quote(data) +
                             " witness-file --person " + k_person));
    revealed = parse_made(run_berkas(data, {"--reveal", "witness-file", "--person", k_person, "--out", out + "/terbuka.pdf"}));
  }
};

Demo& demo() {
  static Demo d;
  return d;
}

}  // namespace

BOOST_AUTO_TEST_CASE(witness_file_is_a_valid_pdf_named_by_id) {
  const auto& m = demo().redacted;
  BOOST_TEST_REQUIRE(m.result.code == 0, m.result.err + m.result.out);
  BOOST_TEST(m.path == "berkas-saksi-org-saksi-a.pdf");
  const std::string file = demo().out + "/" + m.path;
  BOOST_TEST_REQUIRE(fs::exists(file));
  BOOST_TEST(m.sha256 == berkas::core::sha256_hex(read_file(file)));
  auto check = sh("qpdf --check " + quote(file));
  BOOST_TEST(check.code == 0, check.out + check.err);
  auto info = sh("pdfinfo " + quote(file));
  BOOST_TEST(info.out.find("Pages:           " + std::to_string(m.pages) + "\n") != std::string::npos, info.out);
  BOOST_TEST(info.out.find("Title:           Berkas Saksi Saksi A") != std::string::npos, info.out);
  BOOST_TEST(m.result.out.find("Daftar periksa / checklist:") != std::string::npos);
  // Only the two files in the output folder: no temporary left behind.
  int files = 0;
  for (const auto& e : fs::directory_iterator(demo().out)) files += e.is_regular_file() ? 1 : 0;
  BOOST_TEST(files == 2);
}

BOOST_AUTO_TEST_CASE(default_file_shows_the_pseudonym_only) {
  const std::string file = demo().out + "/" + demo().redacted.path;
  const auto text = sh("pdftotext " + quote(file) + " -");
  BOOST_TEST(text.out.find("Saksi A") != std::string::npos);
  BOOST_TEST(text.out.find("Kontak melalui pendamping") != std::string::npos);
  BOOST_TEST(text.out.find("Daftar Periksa Sebelum Saksi Didengar") != std::string::npos);
  BOOST_TEST(!mentions_protected_name(text.out));
  const auto outline = sh("mutool show " + quote(file) + " outline");
  BOOST_TEST(outline.out.find("Restitusi") != std::string::npos);
  BOOST_TEST(!mentions_protected_name(outline.out));
  const auto meta = sh("pdfinfo -meta " + quote(file));
  BOOST_TEST(!mentions_protected_name(meta.out));
  const auto qdf = sh("qpdf --qdf --object-streams=disable " + quote(file) + " -");
  BOOST_TEST(qdf.out.size() > 10000u);
  BOOST_TEST(!mentions_protected_name(qdf.out));
  BOOST_TEST(!mentions_protected_name(demo().redacted.result.out + demo().redacted.result.err));
}

BOOST_AUTO_TEST_CASE(reveal_shows_the_name_and_is_audited) {
  const auto& m = demo().revealed;
  BOOST_TEST_REQUIRE(m.result.code == 0, m.result.err + m.result.out);
  BOOST_TEST(m.result.out.find("PERHATIAN / WARNING") != std::string::npos);
  const auto text = sh("pdftotext " + quote(m.path) + " -");
  BOOST_TEST(text.out.find("Rina Fiksiana") != std::string::npos);
  auto audit = run_berkas(demo().data, {"audit", "--json", "--limit", "1000"});
  BOOST_TEST_REQUIRE(audit.code == 0, audit.err);
  BOOST_TEST(audit.out.find("\"reveal\"") != std::string::npos);
  BOOST_TEST(audit.out.find("\"witness-file\"") != std::string::npos);
  BOOST_TEST(audit.out.find(demo().redacted.sha256) != std::string::npos);
  BOOST_TEST(!mentions_protected_name(audit.out));
}

// Issue 10 for witness files: the cover says what the file shows; --reveal asks for identities.
BOOST_AUTO_TEST_CASE(cover_says_what_the_witness_file_shows) {
  const std::string def = demo().out + "/" + demo().redacted.path;
  const auto cover = sh("pdftotext -f 1 -l 1 " + quote(def) + " -");
  BOOST_TEST(cover.out.find("NAMA SAMARAN") != std::string::npos, cover.out);
  BOOST_TEST(cover.out.find("IDENTITAS ASLI") == std::string::npos, cover.out);
  const auto rcover = sh("pdftotext -f 1 -l 1 " + quote(demo().revealed.path) + " -");
  BOOST_TEST(rcover.out.find("IDENTITAS ASLI") != std::string::npos, rcover.out);
  BOOST_TEST(rcover.out.find("NAMA SAMARAN") == std::string::npos, rcover.out);
  const auto info = sh("pdfinfo " + quote(demo().revealed.path));
  BOOST_TEST(info.out.find("IDENTITAS ASLI / real identities") != std::string::npos, info.out);
  // --reveal without --out: "-terbuka" in the default name; --json says what was applied.
  const std::string other = demo().dir.file("terbuka");
  fs::create_directories(other);
  auto r = sh("cd " + quote(other) + " && " + BERKAS_BINARY + " --data " + quote(demo().data) +
              " --reveal --json witness-file --person " + k_person);
  BOOST_TEST_REQUIRE(r.code == 0, r.err + r.out);
  auto o = json_object(r.out);
  BOOST_TEST(o->getValue<std::string>("path") == "berkas-saksi-org-saksi-a-terbuka.pdf");
  BOOST_TEST(!o->getValue<bool>("redacted"));
  BOOST_TEST(o->optValue<std::string>("disclosure", "") == "identities");
  auto audit = run_berkas(demo().data, {"audit", "--json", "--limit", "1000"});
  BOOST_TEST(audit.out.find("disclosure=identities") != std::string::npos);
  BOOST_TEST(audit.out.find("disclosure=pseudonyms") != std::string::npos);
  BOOST_TEST(!mentions_protected_name(audit.out));
}

BOOST_AUTO_TEST_CASE(same_data_same_bytes_and_json_output) {
  auto r = run_berkas(demo().data, {"witness-file", "--person", k_person, "--out", demo().dir.file("again.pdf"), "--json"});
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  auto o = json_object(r.out);
  BOOST_TEST(o->getValue<std::string>("sha256") == demo().redacted.sha256);
  BOOST_TEST(o->getValue<bool>("redacted"));
  BOOST_TEST(o->getValue<int>("pages") == demo().redacted.pages);
  BOOST_TEST(o->getValue<int>("checks") > 0);
}

BOOST_AUTO_TEST_CASE(usage_not_found_and_bad_template_leave_nothing) {
  auto none = run_berkas(demo().data, {"witness-file"});
  BOOST_TEST(none.code == 2);
  const std::string out = demo().dir.file("never.pdf");
  auto missing = run_berkas(demo().data, {"witness-file", "--person", "org-tidak-ada", "--out", out});
  BOOST_TEST(missing.code == 3);
  BOOST_TEST(missing.err.find("tidak ditemukan") != std::string::npos);
  auto other_case = run_berkas(demo().data, {"witness-file", "--person", k_person, "--case", "perkara-lain", "--out", out});
  BOOST_TEST(other_case.code == 3);
  BOOST_TEST(other_case.err.find(k_person) != std::string::npos);
  auto court_template = run_berkas(demo().data, {"witness-file", "--person", k_person, "--template",
                                                 std::string(BERKAS_SOURCE_DIR) + "/templates/court-bundle.xml", "--out", out});
  BOOST_TEST(court_template.code == 4);
  BOOST_TEST(!fs::exists(out));
  for (const auto& r : {none, missing, other_case, court_template}) BOOST_TEST(!mentions_protected_name(r.out + r.err));
}
