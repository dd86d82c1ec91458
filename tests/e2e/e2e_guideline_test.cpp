// End-to-end through the `berkas` binary: both shipped training modules built on `init --demo`
// data, as PDF (qpdf --check, outline, text) and HTML, the answer key apart, no real name and no
// gazetteer place of the case study anywhere, and a bad module leaving no file. FIKTIF data only.
#define BOOST_TEST_MODULE e2e_guideline
#include <boost/test/unit_test.hpp>

#include <cctype>
#include <filesystem>
#include <fstream>

#include "e2e/e2e.h"

namespace fs = std::filesystem;
using namespace berkas::test;

namespace {

std::string quote(const std::string& s) { return "'" + s + "'"; }
RunResult sh(const std::string& cmd) { return run({"/bin/sh", "-c", cmd}); }

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool has_word(const std::string& text, const std::string& word) {
  const std::string t = lower(text), w = lower(word);
  for (std::size_t p = t.find(w); p != std::string::npos; p = t.find(w, p + 1)) {
    const bool left = p == 0 || !std::isalnum(static_cast<unsigned char>(t[p - 1]));
    const std::size_t e = p + w.size();
    if (left && (e >= t.size() || !std::isalnum(static_cast<unsigned char>(t[e])))) return true;
  }
  return false;
}

// The gazetteer's place names (index/places.txt).
std::vector<std::string> places() {
  std::ifstream in(source_path("index/places.txt"));
  std::vector<std::string> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    auto bar = line.find(" | ");
    if (bar != std::string::npos) out.push_back(line.substr(0, bar));
  }
  return out;
}

struct DemoData {
  TempDir dir;
  std::string data;
  DemoData() {
    data = dir.file("data");
    auto r = run_berkas(data, {"init", "--demo"});
    BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
  }
};

DemoData& demo() {
  static DemoData d;
  return d;
}

// Names of the training case's persons and of the demo case's protected victim-witness.
const char* k_names[] = {"Sekar Wulandari", "Sekar", "Wulandari", "Bambang Kusnadi", "Kusnadi", "Yohanes Kirana", "Kirana",
                         "Rahmat Fiktif", "Rina Fiksiana", "Fiksiana"};

}  // namespace

BOOST_AUTO_TEST_CASE(both_shipped_modules_build_from_the_demo) {
  auto& d = demo();
  const auto gazetteer = places();
  BOOST_REQUIRE(gazetteer.size() > 100u);
  for (const std::string name : {"pendampingan-korban-paralegal", "restitusi-korban-tppo"}) {
    BOOST_TEST_CONTEXT(name) {
      const std::string module = source_path("templates/guidelines/" + name + ".xml");
      const std::string pdf = d.dir.file(name + ".pdf"), html = d.dir.file(name + ".html");
      auto r = run_berkas(d.data, {"guideline", module, "--out", pdf, "--html", html, "--json"});
      BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
      auto j = json_object(r.out);
      BOOST_TEST(j->getValue<std::string>("pdf") == pdf);
      BOOST_TEST(j->getValue<int>("pages") > 3);
      BOOST_TEST(j->getArray("case_studies")->getElement<std::string>(0) == "bap-latih-korban");
      BOOST_TEST(sh("qpdf --check " + quote(pdf)).code == 0);
      const auto outline = sh("mutool show " + quote(pdf) + " outline").out;
      BOOST_TEST(outline.find("Bab 1. ") != std::string::npos);
      BOOST_TEST(outline.find("Bab 2. ") != std::string::npos);
      BOOST_TEST(outline.find("Studi Kasus: ") != std::string::npos);
      BOOST_TEST(outline.find("Kutipan: Pasal ") != std::string::npos);
      const auto text = sh("pdftotext " + quote(pdf) + " -").out;
      for (const char* s : {"Daftar Isi", "Tujuan Pembelajaran", "Daftar Periksa", "Latihan: ", "Referensi", "Saksi L",
                            "data ilustrasi FIKTIF", "FIKTIF / FICTIONAL", "Halaman 3 dari", "Kamboja"})
        BOOST_TEST(text.find(s) != std::string::npos, s);
      const std::string page = read_file(html);
      BOOST_TEST(page.rfind("<!DOCTYPE html>", 0) == 0u);
      BOOST_TEST(sh("xmllint --noout " + quote(html)).code == 0);  // well-formed
      BOOST_TEST(page.find("<script") == std::string::npos);
      BOOST_TEST(page.find("<svg") != std::string::npos);
      const std::string raw = read_file(pdf);
      for (const auto* out : {&text, &page, &raw})
        for (const char* n : k_names) BOOST_TEST(!has_word(*out, n), n);
      for (const auto* out : {&text, &page})
        for (const auto& p : gazetteer) BOOST_TEST(!has_word(*out, p), p);
      // The participants' edition has no answer; the key is its own document.
      BOOST_TEST(text.find("Kunci / key") == std::string::npos);
      const std::string key = d.dir.file(name + "-kunci.pdf");
      auto k = run_berkas(d.data, {"guideline", module, "--answers", "--out", key});
      BOOST_REQUIRE_MESSAGE(k.code == 0, k.err);
      const auto key_text = sh("pdftotext " + quote(key) + " -").out;
      BOOST_TEST(key_text.find("KUNCI JAWABAN") != std::string::npos);
      BOOST_TEST(key_text.find("Kunci") != std::string::npos);
      // Same inputs, same bytes.
      const std::string again = d.dir.file(name + "-2.pdf");
      BOOST_REQUIRE(run_berkas(d.data, {"guideline", module, "--out", again}).code == 0);
      BOOST_TEST(read_file(again) == raw);
    }
  }
  // One answer key text of each module, present only in the key.
  const auto part = sh("pdftotext " + quote(d.dir.file("restitusi-korban-tppo.pdf")) + " -").out;
  const auto keyt = sh("pdftotext " + quote(d.dir.file("restitusi-korban-tppo-kunci.pdf")) + " -").out;
  BOOST_TEST(part.find("kurungan pengganti paling lama 1 (satu) tahun (Pasal 50 ayat (4))") == std::string::npos);
  BOOST_TEST(keyt.find("Pasal 50 ayat (4)") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_bad_module_writes_nothing) {
  auto& d = demo();
  const std::string module = d.dir.write("buruk/modul.xml",
                                         "<?xml version=\"1.0\"?>\n<modul id=\"x\" versi=\"1\" tanggal=\"2025-01-01\">\n"
                                         "<judul>X</judul><sasaran>Y</sasaran><penyusun>Z</penyusun><lembaga>L</lembaga>\n"
                                         "<bab><judul>B</judul>\n<studi-kasus item=\"bap-saksi-a\"/>\n</bab>\n</modul>\n");
  const std::string out = d.dir.file("buruk.pdf");
  auto r = run_berkas(d.data, {"guideline", module, "--out", out, "--html", d.dir.file("buruk.html")});
  BOOST_TEST(r.code != 0);
  BOOST_TEST(r.err.find("modul.xml:5") != std::string::npos, r.err);
  BOOST_TEST(r.err.find("tidak tersedia untuk pelatihan") != std::string::npos, r.err);
  BOOST_TEST(!fs::exists(out));
  BOOST_TEST(!fs::exists(d.dir.file("buruk.html")));
}
