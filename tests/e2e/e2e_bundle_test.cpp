// End-to-end through the `berkas` binary: court bundles of the demo case (bundle, bundles,
// verify-bundle), checked with real tools — qpdf, pdfinfo, pdftotext, mutool — never against
// stored bytes. The demo's letter exhibit names the protected victim-witness in its content
// stream: the default bundle must withhold it, the --reveal bundle include it.
#define BOOST_TEST_MODULE e2e_bundle
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "core/hash.h"
#include "e2e/e2e.h"

namespace fs = std::filesystem;
using namespace berkas::test;

namespace {

const char* k_case = "perkara-demo-001";
const char* k_prefix = "PDM-17-JKT-BRT-EKU-2-04-2024-";  // from the register number PDM-17/JKT.BRT/Eku.2/04/2024

std::string quote(const std::string& s) { return "'" + s + "'"; }

RunResult sh(const std::string& cmd) { return run({"/bin/sh", "-c", cmd}); }

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool mentions_protected_name(const std::string& s) {
  const std::string l = lower(s);
  return l.find("rina") != std::string::npos || l.find("fiksiana") != std::string::npos;
}

std::string page_text(const std::string& pdf, int page, bool layout = false) {
  auto r = sh(std::string("pdftotext ") + (layout ? "-layout " : "") + "-f " + std::to_string(page) + " -l " +
              std::to_string(page) + " " + quote(pdf) + " -");
  BOOST_REQUIRE(r.code == 0);
  return r.out;
}

std::string stamp(int page) {
  std::string n = std::to_string(page);
  return k_prefix + std::string(6 - n.size(), '0') + n;
}

struct Made {
  std::string path, sha256;
  int pages = 0;
  RunResult result;
};

// Parses the command's three lines: path, page count, SHA-256.
Made parse_made(const RunResult& r) {
  Made m;
  m.result = r;
  std::smatch g;
  if (std::regex_search(r.out, g, std::regex("Berkas / bundle: (.+)\n"))) m.path = g[1];
  if (std::regex_search(r.out, g, std::regex("Halaman / pages: ([0-9]+)"))) m.pages = std::stoi(g[1]);
  if (std::regex_search(r.out, g, std::regex("SHA-256: ([0-9a-f]{64})"))) m.sha256 = g[1];
  return m;
}

// One demo store and its two bundles (uncleared default, and --reveal) for the suite.
struct Demo {
  TempDir dir;
  std::string data, out;
  Made redacted, revealed;
  Demo() : data(dir.file("data")), out(dir.file("out")) {
    auto r = run_berkas(data, {"init", "--demo", "--json"});
    if (r.code != 0) throw std::runtime_error("init --demo failed: " + r.err + r.out);
    fs::create_directories(out);
    // The default output name, made in the output folder.
    redacted = parse_made(sh("cd " + quote(out) + " && " + BERKAS_BINARY + " --data " + quote(data) + " bundle --case " +
                             k_case));
    revealed = parse_made(run_berkas(data, {"--reveal", "bundle", "--case", k_case, "--out", out + "/revealed.pdf"}));
  }
};

Demo& demo() {
  static Demo d;
  return d;
}

}  // namespace

BOOST_AUTO_TEST_CASE(bundle_prints_path_pages_and_hash_and_the_file_is_a_valid_pdf) {
  const auto& m = demo().redacted;
  BOOST_TEST_REQUIRE(m.result.code == 0, m.result.err + m.result.out);
  BOOST_TEST(m.path == "pdm-17-jkt-brt-eku-2-04-2024.pdf");  // from the register number, never a name
  const std::string file = demo().out + "/" + m.path;
  BOOST_TEST_REQUIRE(fs::exists(file));
  BOOST_TEST(m.sha256 == berkas::core::sha256_hex(read_file(file)));
  auto check = sh("qpdf --check " + quote(file));
  BOOST_TEST(check.code == 0, check.out + check.err);
  auto info = sh("pdfinfo " + quote(file));
  BOOST_TEST_REQUIRE(info.code == 0);
  BOOST_TEST(info.out.find("Pages:           " + std::to_string(m.pages) + "\n") != std::string::npos, info.out);
  BOOST_TEST(info.out.find("Title:           Berkas Perkara PDM-17/JKT.BRT/Eku.2/04/2024") != std::string::npos, info.out);
  BOOST_TEST(info.out.find("2024") != std::string::npos);
  BOOST_TEST(m.pages > 10);
  // Nothing but the bundles in the output folder (no temporary file left).
  int files = 0;
  for (const auto& e : fs::directory_iterator(demo().out)) files += e.is_regular_file() ? 1 : 0;
  BOOST_TEST(files == 2);
}

BOOST_AUTO_TEST_CASE(index_entries_point_to_where_documents_start) {
  const auto& m = demo().redacted;
  const std::string file = demo().out + "/" + m.path;
  const std::string toc = page_text(file, 2, true);
  BOOST_TEST_REQUIRE(toc.find("Daftar Isi") != std::string::npos);
  std::istringstream lines(toc);
  std::regex entry("^\\s*(.*?) \\.{3,}\\s+([0-9]+)\\s*$");
  int checked = 0;
  for (std::string line; std::getline(lines, line);) {
    std::smatch g;
    if (!std::regex_match(line, g, entry)) continue;
    const std::string title = g[1];
    const int page = std::stoi(g[2]);
    BOOST_TEST_CONTEXT("index entry '" << title << "' → page " << page) {
      BOOST_TEST_REQUIRE(page >= 1);
      BOOST_TEST_REQUIRE(page <= m.pages);
      const std::string text = page_text(file, page);
      if (title == "Sampul") continue;  // the cover page's index entry has no printed heading
      if (title.find("withheld") != std::string::npos) {
        BOOST_TEST(text.find("This exhibit contains a protected identity and is withheld") != std::string::npos, text);
        continue;
      }
      BOOST_TEST(text.find(title) != std::string::npos, text);
      // ...and not on the page before (a short section title such as "Surat" may occur in text).
      if (page > 3 && title.size() > 12)
        BOOST_TEST(page_text(file, page - 1).find(title) == std::string::npos, title);
      ++checked;
    }
  }
  BOOST_TEST(checked >= 10);
  for (const char* t : {"Berita Acara Pemeriksaan Saksi Korban", "Keterangan Ahli", "Surat", "Manifes Berkas"})
    BOOST_TEST(toc.find(t) != std::string::npos, t);
}

BOOST_AUTO_TEST_CASE(outline_and_stamps_on_every_page) {
  const auto& m = demo().redacted;
  const std::string file = demo().out + "/" + m.path;
  auto outline = sh("mutool show " + quote(file) + " outline");
  BOOST_TEST_REQUIRE(outline.code == 0, outline.err);
  BOOST_TEST(outline.out.find("\"Daftar Isi\"\t#page=2") != std::string::npos, outline.out);
  BOOST_TEST(outline.out.find("\"Manifes Berkas\"\t#page=" + std::to_string(m.pages)) != std::string::npos, outline.out);
  BOOST_TEST(outline.out.find("BAP Saksi A") != std::string::npos);  // the pseudonym
  for (int p = 1; p <= m.pages; ++p)
    BOOST_TEST_CONTEXT("page " << p) { BOOST_TEST(page_text(file, p).find(stamp(p)) != std::string::npos); }
}

BOOST_AUTO_TEST_CASE(the_protected_name_is_nowhere_in_the_default_bundle) {
  const auto& m = demo().redacted;
  const std::string file = demo().out + "/" + m.path;
  auto text = sh("pdftotext " + quote(file) + " -");
  BOOST_TEST_REQUIRE(text.code == 0);
  BOOST_TEST(!mentions_protected_name(text.out));
  auto qdf = sh("qpdf --qdf --object-streams=disable " + quote(file) + " -");
  BOOST_TEST_REQUIRE(qdf.out.size() > 1000u);
  BOOST_TEST(!mentions_protected_name(qdf.out));
  BOOST_TEST(!mentions_protected_name(read_file(file)));
  BOOST_TEST(!mentions_protected_name(m.result.out + m.result.err));
  // The exhibit naming her is withheld: a placeholder with its hash instead, reported by the command.
  BOOST_TEST(m.result.out.find("Ditahan / withheld: surat-tawaran-kerja#lampiran-1") != std::string::npos, m.result.out);
  const std::string exhibit_sha = berkas::core::sha256_hex(
      read_file(std::string(BERKAS_SOURCE_DIR) + "/demo/05-surat/lampiran/surat-tawaran-kerja.pdf"));
  BOOST_TEST(text.out.find("Lampiran ini memuat identitas yang dilindungi dan tidak disertakan") != std::string::npos);
  BOOST_TEST(text.out.find(exhibit_sha) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_revealed_bundle_shows_the_name_and_is_audited) {
  const auto& m = demo().revealed;
  BOOST_TEST_REQUIRE(m.result.code == 0, m.result.err + m.result.out);
  auto text = sh("pdftotext " + quote(m.path) + " -");
  BOOST_TEST(text.out.find(k_protected_name) != std::string::npos);
  BOOST_TEST(text.out.find("identitas yang dilindungi dan tidak disertakan") == std::string::npos);
  BOOST_TEST(m.sha256 != demo().redacted.sha256);
  auto audit = run_berkas(demo().data, {"audit", "--json"});
  BOOST_TEST_REQUIRE(audit.code == 0);
  BOOST_TEST(audit.out.find("\"reveal\"") != std::string::npos);
  BOOST_TEST(audit.out.find(m.sha256) != std::string::npos);
  BOOST_TEST(audit.out.find(demo().redacted.sha256) != std::string::npos);
  BOOST_TEST(!mentions_protected_name(audit.out));
}

// Issue 10 ("Disclosure copies"): the cover and the document information say what the bundle
// shows; --reveal asks for identities, the default is pseudonyms.
BOOST_AUTO_TEST_CASE(cover_and_document_info_say_what_the_bundle_shows) {
  const std::string def = demo().out + "/" + demo().redacted.path;
  BOOST_TEST(demo().redacted.path.find("-terbuka") == std::string::npos);
  const std::string cover = page_text(def, 1);
  BOOST_TEST(cover.find("NAMA SAMARAN") != std::string::npos, cover);
  BOOST_TEST(cover.find("IDENTITAS ASLI") == std::string::npos, cover);
  auto info = sh("pdfinfo " + quote(def));
  BOOST_TEST(info.out.find("nama samaran / pseudonyms") != std::string::npos, info.out);
  const std::string rcover = page_text(demo().revealed.path, 1);
  BOOST_TEST(rcover.find("IDENTITAS ASLI") != std::string::npos, rcover);
  BOOST_TEST(rcover.find("NAMA SAMARAN") == std::string::npos, rcover);
  auto rinfo = sh("pdfinfo " + quote(demo().revealed.path));
  BOOST_TEST(rinfo.out.find("IDENTITAS ASLI / real identities") != std::string::npos, rinfo.out);
  BOOST_TEST(!mentions_protected_name(rinfo.out));
  // --reveal without --out: the default name ends in -terbuka; --json says what was applied.
  const std::string other = demo().dir.file("terbuka");
  fs::create_directories(other);
  auto r = sh("cd " + quote(other) + " && " + BERKAS_BINARY + " --data " + quote(demo().data) +
              " --reveal --json bundle --case " + k_case);
  BOOST_TEST_REQUIRE(r.code == 0, r.err + r.out);
  auto o = json_object(r.out);
  BOOST_TEST(!o->getValue<bool>("redacted"));
  BOOST_TEST(o->optValue<std::string>("disclosure", "") == "identities");
  const std::string path = o->getValue<std::string>("path");
  BOOST_TEST(path.size() > 12u);
  BOOST_TEST(path.substr(path.size() - 12) == "-terbuka.pdf", path);
  // The audit says which: identities for --reveal, pseudonyms for the default, never a name.
  auto audit = run_berkas(demo().data, {"audit", "--json", "--limit", "1000"});
  BOOST_TEST_REQUIRE(audit.code == 0);
  auto entries = json_array(audit.out);
  bool pseudonyms = false, identities = false;
  for (std::size_t i = 0; i < entries->size(); ++i) {
    auto e = entries->getObject(static_cast<unsigned>(i));
    if (e->getValue<std::string>("action") != "bundle") continue;
    const std::string detail = e->getValue<std::string>("detail");
    if (detail.find(demo().redacted.sha256) != std::string::npos)
      pseudonyms = detail.find("disclosure=pseudonyms") != std::string::npos;
    if (detail.find(demo().revealed.sha256) != std::string::npos)
      identities = detail.find("disclosure=identities") != std::string::npos;
  }
  BOOST_TEST(pseudonyms);
  BOOST_TEST(identities);
  BOOST_TEST(!mentions_protected_name(audit.out));
  // The list says which, too.
  auto list = run_berkas(demo().data, {"bundles", "--case", k_case});
  BOOST_TEST(list.out.find("[identitas asli / real identities]") != std::string::npos, list.out);
}

BOOST_AUTO_TEST_CASE(same_inputs_give_the_same_bytes) {
  const std::string a = demo().dir.file("a.pdf"), b = demo().dir.file("b.pdf");
  auto ra = parse_made(run_berkas(demo().data, {"bundle", "--case", k_case, "--out", a}));
  auto rb = parse_made(run_berkas(demo().data, {"bundle", "--case", k_case, "--out", b}));
  BOOST_TEST_REQUIRE(ra.result.code == 0);
  BOOST_TEST_REQUIRE(rb.result.code == 0);
  BOOST_TEST(read_file(a) == read_file(b));
  BOOST_TEST(ra.sha256 == demo().redacted.sha256);
  BOOST_TEST(rb.result.out.find("Sudah tercatat / already recorded") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(stamp_prefix_option) {
  const std::string f = demo().dir.file("stamped.pdf");
  auto r = parse_made(run_berkas(demo().data, {"bundle", "--case", k_case, "--out", f, "--stamp-prefix", "KEJARI-"}));
  BOOST_TEST_REQUIRE(r.result.code == 0, r.result.err);
  BOOST_TEST(page_text(f, r.pages).find("KEJARI-" + std::string(6 - std::to_string(r.pages).size(), '0') +
                                        std::to_string(r.pages)) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(bad_template_is_a_clear_error_and_leaves_no_file) {
  TempDir t;
  const std::string tpl = t.file("rusak.xml");
  std::ofstream(tpl) << "<bundle-template name=\"rusak\" version=\"1\"><sections><unknown/></sections></bundle-template>\n";
  const std::string out = t.file("out.pdf");
  auto r = run_berkas(demo().data, {"bundle", "--case", k_case, "--template", tpl, "--out", out});
  BOOST_TEST(r.code == 4, r.err);
  BOOST_TEST(r.err.find("rusak.xml") != std::string::npos, r.err);
  BOOST_TEST(!fs::exists(out));
  for (const auto& e : fs::directory_iterator(t.path)) BOOST_TEST(e.path().filename() == "rusak.xml", e.path());

  auto missing = run_berkas(demo().data, {"bundle", "--case", k_case, "--template", "tidak-ada", "--out", out});
  BOOST_TEST(missing.code == 3, missing.err);
  BOOST_TEST(!fs::exists(out));
  auto no_case = run_berkas(demo().data, {"bundle", "--case", "perkara-tidak-ada", "--out", out});
  BOOST_TEST(no_case.code == 3, no_case.err);
  BOOST_TEST(!fs::exists(out));
  BOOST_TEST(run_berkas(demo().data, {"bundle"}).code == 2);
}

BOOST_AUTO_TEST_CASE(bundles_lists_them_with_their_hashes) {
  demo();
  auto r = run_berkas(demo().data, {"bundles", "--json", "--case", k_case});
  BOOST_TEST_REQUIRE(r.code == 0, r.err);
  auto list = json_array(r.out);
  BOOST_TEST_REQUIRE(list->size() >= 2u);
  bool found = false;
  for (std::size_t i = 0; i < list->size(); ++i) {
    auto b = list->getObject(static_cast<unsigned>(i));
    if (b->getValue<std::string>("sha256") != demo().redacted.sha256) continue;
    found = true;
    BOOST_TEST(b->getValue<std::string>("case") == k_case);
    BOOST_TEST(b->getValue<int>("pages") == demo().redacted.pages);
    BOOST_TEST(b->getValue<bool>("redacted"));
    BOOST_TEST(b->getValue<std::string>("date") == "2024-05-06");
    auto entries = b->getArray("entries");
    BOOST_TEST(entries->size() > 5u);
    bool withheld = false;
    for (std::size_t k = 0; k < entries->size(); ++k) {
      auto e = entries->getObject(static_cast<unsigned>(k));
      BOOST_TEST(e->getValue<int>("first_page") >= 1);
      if (e->has("withheld")) withheld = e->getValue<std::string>("id") == "surat-tawaran-kerja#lampiran-1";
    }
    BOOST_TEST(withheld);
  }
  BOOST_TEST(found);
  BOOST_TEST(!mentions_protected_name(r.out));
  auto text = run_berkas(demo().data, {"bundles"});
  BOOST_TEST(text.code == 0);
  BOOST_TEST(text.out.find(demo().redacted.sha256) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(verify_bundle_intact_then_modified) {
  const std::string file = demo().out + "/" + demo().redacted.path;
  auto ok = run_berkas(demo().data, {"verify-bundle", file});
  BOOST_TEST(ok.code == 0, ok.out + ok.err);
  BOOST_TEST(ok.out.find("UTUH / INTACT") != std::string::npos, ok.out);
  BOOST_TEST(ok.out.find(k_case) != std::string::npos);
  BOOST_TEST(ok.out.find("Barang bukti utuh / items intact") != std::string::npos);

  // One byte flipped in a copy, inside the first page's text stream area.
  std::string bytes = read_file(file);
  const std::string copy = demo().dir.file("flipped.pdf");
  bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x01);
  std::ofstream(copy, std::ios::binary) << bytes;
  auto bad = run_berkas(demo().data, {"verify-bundle", copy});
  BOOST_TEST(bad.code == 5, bad.out + bad.err);
  BOOST_TEST(bad.out.find("BERUBAH / MODIFIED") != std::string::npos, bad.out);
  // What it claims to be (its manifest, read from the file), and its items are still as listed.
  BOOST_TEST(bad.out.find("claims to be berkas #") != std::string::npos, bad.out);
  BOOST_TEST(bad.out.find(demo().redacted.sha256) != std::string::npos, bad.out);
  BOOST_TEST(bad.out.find("items intact") != std::string::npos, bad.out);

  auto json = run_berkas(demo().data, {"verify-bundle", "--json", copy});
  BOOST_TEST(json.code == 5);
  BOOST_TEST(!json_object(json.out)->getValue<bool>("intact"));

  // Not a PDF at all.
  const std::string junk = demo().dir.file("junk.pdf");
  std::ofstream(junk) << "not a pdf";
  BOOST_TEST(run_berkas(demo().data, {"verify-bundle", junk}).code == 5);
  BOOST_TEST(run_berkas(demo().data, {"verify-bundle", demo().dir.file("missing.pdf")}).code != 0);
}

BOOST_AUTO_TEST_CASE(verify_bundle_against_another_store_names_the_missing_items) {
  // A store with the law only: the bundle is not recorded there and its items are unknown.
  TempDir t;
  const std::string other = t.file("other");
  BOOST_TEST_REQUIRE(run_berkas(other, {"init"}).code == 0);
  const std::string file = demo().out + "/" + demo().redacted.path;
  auto r = run_berkas(other, {"verify-bundle", file});
  BOOST_TEST(r.code == 5, r.out + r.err);
  BOOST_TEST(r.out.find("MASALAH / PROBLEM  bap-saksi-a@1") != std::string::npos, r.out);
  BOOST_TEST(r.out.find("Barang bukti berbeda / items differ") != std::string::npos, r.out);
  BOOST_TEST(!mentions_protected_name(r.out));
}
