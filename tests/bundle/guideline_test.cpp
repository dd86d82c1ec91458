// bundle/guideline: reading modules (schema, hostile input, CSV data), the PDF (vector chart,
// outline, answers kept apart) and the HTML page, checked with real tools (qpdf, pdftotext,
// mutool, xmllint). All data here is FIKTIF.
#define BOOST_TEST_MODULE guideline
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <string>

#include "bundle/guideline.h"
#include "support/process.h"
#include "support/temp_dir.h"

using namespace berkas;
using berkas::test::TempDir;

namespace {

namespace fs = std::filesystem;

std::string schema() { return test::source_path("schemas/guideline.xsd"); }
std::string quote(const std::string& s) { return "'" + s + "'"; }
test::RunResult sh(const std::string& cmd) { return test::run({"/bin/sh", "-c", cmd}); }

const char* k_csv = "# data ilustrasi FIKTIF\nNegara,Kasus\nKamboja,18\nMyanmar,11\n\"Filipina, Manila\",7\n";

// A module with one of each part; `extra` goes into the first chapter.
std::string module_xml(const std::string& extra = {}, const std::string& date = "2025-06-02") {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<modul id=\"uji-modul\" versi=\"1.0\" tanggal=\"" + date + "\">\n"
         "  <judul>Modul Uji</judul>\n"
         "  <sasaran>Paralegal</sasaran>\n"
         "  <penyusun>Tim Uji</penyusun>\n"
         "  <lembaga>Lembaga Uji</lembaga>\n"
         "  <bab>\n"
         "    <judul>Bab Pertama</judul>\n"
         "    <tujuan><butir>memahami hak korban</butir></tujuan>\n"
         "    <paragraf>Panduan penyusun.</paragraf>\n"
         "    <catatan jenis=\"penting\">Catatan penting.</catatan>\n"
         "    <daftar-periksa><butir>Butir periksa satu</butir><butir>Butir periksa dua</butir></daftar-periksa>\n"
         "    <kutipan-pasal ref=\"uu-21-2007/pasal-48\"/>\n"
         "    <studi-kasus item=\"bap-uji\" fiktif=\"ya\"/>\n"
         "    <statistik data=\"data/negara.csv\" judul=\"Kasus menurut negara\" fiktif=\"ya\"/>\n" +
         extra +
         "    <latihan judul=\"Latihan Uji\">\n"
         "      <soal><pertanyaan>Apa hak korban?</pertanyaan><kunci>KUNCIRAHASIA restitusi</kunci></soal>\n"
         "    </latihan>\n"
         "  </bab>\n"
         "  <bab><judul>Bab Kedua</judul><paragraf>Isi bab kedua.</paragraf></bab>\n"
         "  <referensi><sumber>UU 21/2007</sumber></referensi>\n"
         "</modul>\n";
}

struct Fixture {
  TempDir dir;
  std::string write_module(const std::string& xml, const std::string& csv = k_csv) {
    dir.write("modul/data/negara.csv", csv);
    return dir.write("modul/modul.xml", xml);
  }
};

bundle::GuidelineData data_for() {
  bundle::GuidelineData d;
  bundle::LawExcerpt x;
  x.id = "uu-21-2007/pasal-48";
  x.label = "Pasal 48 UU 21/2007";
  x.text = "(1) Teks uji pasal.";
  x.status = "berlaku";
  x.as_of = "2025-06-02";
  d.excerpts[x.id] = x;
  bundle::CaseStudy cs;
  cs.id = "bap-uji";
  cs.title = "BAP uji";
  cs.kind_label = "Keterangan Saksi (BAP)";
  cs.period = "Juni 2024";
  cs.place = "sebuah kota di Kamboja";
  cs.summary = "Ringkasan <script>alert(1)</script> & \"kutip\"";
  cs.qa = {{1, "Pertanyaan uji?", "Jawaban uji."}};
  cs.fictional = true;
  d.case_studies[cs.id] = cs;
  d.creator = "penguji";
  return d;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(guideline, Fixture)

BOOST_AUTO_TEST_CASE(reads_a_module_with_every_part) {
  auto m = bundle::load_guideline(write_module(module_xml()), schema());
  BOOST_REQUIRE_MESSAGE(m, (m ? "" : m.error().describe()));
  BOOST_TEST(m->id == "uji-modul");
  BOOST_TEST(m->date == "2025-06-02");
  BOOST_REQUIRE(m->chapters.size() == 2u);
  const auto& parts = m->chapters[0].parts;
  BOOST_REQUIRE(parts.size() == 8u);
  BOOST_TEST((parts[6].kind == bundle::PartKind::statistics));
  BOOST_TEST(parts[6].data.rows.size() == 3u);
  BOOST_TEST(parts[6].data.rows[2][0] == "Filipina, Manila");  // quoted field with a comma
  BOOST_TEST(parts[6].data.values[0] == 18.0);
  BOOST_TEST(parts[7].questions.at(0).key == "KUNCIRAHASIA restitusi");
}

BOOST_AUTO_TEST_CASE(schema_errors_name_file_and_line) {
  // line 8 of the module: an element the schema does not know
  const std::string path = write_module(module_xml().replace(module_xml().find("    <tujuan>"), 0, "<rahasia/>\n"));
  auto m = bundle::load_guideline(path, schema());
  BOOST_REQUIRE(!m);
  BOOST_TEST(m.error().file == path);
  BOOST_TEST(m.error().line == 9);
  BOOST_TEST(m.error().describe().find(path + ":9:") != std::string::npos);

  auto bad_date = bundle::load_guideline(write_module(module_xml({}, "2025-02-30")), schema());
  BOOST_REQUIRE(!bad_date);
  BOOST_TEST(bad_date.error().line == 2);
}

BOOST_AUTO_TEST_CASE(doctype_and_entities_are_refused_before_parsing) {
  const std::string xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE modul [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n" +
                          module_xml().substr(module_xml().find("<modul"));
  const std::string path = write_module(xml);
  auto m = bundle::load_guideline(path, schema());
  BOOST_REQUIRE(!m);
  BOOST_TEST(m.error().line == 2);
  BOOST_TEST(m.error().message.find("DOCTYPE") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(data_paths_stay_in_the_module_folder) {
  dir.write("rahasia.csv", "a,b\nx,1\n");
  for (const std::string bad : {"../rahasia.csv", "/etc/passwd", "data/../../rahasia.csv"}) {
    std::string xml = module_xml();
    xml.replace(xml.find("data/negara.csv"), std::string("data/negara.csv").size(), bad);
    const std::string path = write_module(xml);
    auto m = bundle::load_guideline(path, schema());
    BOOST_REQUIRE_MESSAGE(!m, bad);
    BOOST_TEST(m.error().file == path);
    BOOST_TEST(m.error().line == 15);
  }
  // A symlink inside the folder that leads out of it.
  std::string xml = module_xml();
  xml.replace(xml.find("data/negara.csv"), std::string("data/negara.csv").size(), "data/tautan.csv");
  const std::string path = write_module(xml);
  fs::create_symlink(dir.file("rahasia.csv"), dir.path / "modul/data/tautan.csv");
  auto m = bundle::load_guideline(path, schema());
  BOOST_REQUIRE(!m);
  BOOST_TEST(m.error().message.find("outside") != std::string::npos);
  BOOST_TEST(m.error().line == 15);
}

BOOST_AUTO_TEST_CASE(csv_errors_name_the_data_file_and_line) {
  auto m = bundle::load_guideline(write_module(module_xml(), "# komentar\nNegara,Kasus\nKamboja,18\nMyanmar\n"), schema());
  BOOST_REQUIRE(!m);
  BOOST_TEST(m.error().file.find("negara.csv") != std::string::npos);
  BOOST_TEST(m.error().line == 4);
  auto nan = bundle::load_guideline(write_module(module_xml(), "Negara,Kasus\nKamboja,delapan\n"), schema());
  BOOST_REQUIRE(!nan);
  BOOST_TEST(nan.error().line == 2);
  BOOST_TEST(nan.error().message.find("number") != std::string::npos);
  std::string huge = "Negara,Kasus\n";
  while (huge.size() < 70 * 1024) huge += "Kamboja,1\n";
  auto big = bundle::load_guideline(write_module(module_xml(), huge), schema());
  BOOST_REQUIRE(!big);
  BOOST_TEST(big.error().message.find("64 KiB") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(pdf_has_cover_toc_outline_and_a_vector_chart) {
  auto m = bundle::load_guideline(write_module(module_xml()), schema());
  BOOST_REQUIRE(m);
  auto pdf = bundle::render_guideline(*m, data_for(), bundle::Edition::participant);
  BOOST_REQUIRE_MESSAGE(pdf, (pdf ? "" : pdf.error().describe()));
  const std::string file = dir.write("modul.pdf", pdf->pdf);
  BOOST_TEST(sh("qpdf --check " + quote(file)).code == 0);
  const auto text = sh("pdftotext " + quote(file) + " -").out;
  for (const char* s : {"Modul Uji", "Daftar Isi", "Bab 1. Bab Pertama", "Bab 2. Bab Kedua", "Kasus menurut negara", "Kamboja",
                        "Myanmar", "Filipina, Manila", "data ilustrasi FIKTIF", "Pasal 48 UU 21/2007", "(1) Teks uji pasal.",
                        "Butir periksa satu", "FIKTIF / FICTIONAL", "Halaman 2 dari"})
    BOOST_TEST(text.find(s) != std::string::npos, s);
  BOOST_TEST(text.find("KUNCIRAHASIA") == std::string::npos);  // no answers in the participants' edition
  // The chart is drawn, not pasted: no image anywhere in the file.
  const auto qdf = sh("qpdf --qdf --object-streams=disable " + quote(file) + " -").out;
  BOOST_TEST(!qdf.empty());
  BOOST_TEST(qdf.find("/Subtype /Image") == std::string::npos);
  BOOST_TEST(qdf.find("/XObject") == std::string::npos);
  BOOST_TEST(qdf.find(" Do") == std::string::npos);
  BOOST_TEST(qdf.find("0.45 g") != std::string::npos);  // the bars' fill
  const auto outline = sh("mutool show " + quote(file) + " outline").out;
  BOOST_TEST(outline.find("Bab 1. Bab Pertama") != std::string::npos);
  BOOST_TEST(outline.find("Bab 2. Bab Kedua") != std::string::npos);
  BOOST_TEST(outline.find("Statistik: Kasus menurut negara") != std::string::npos);
  BOOST_TEST(outline.find("Kutipan: Pasal 48 UU 21/2007") != std::string::npos);
  // Deterministic.
  auto again = bundle::render_guideline(*m, data_for(), bundle::Edition::participant);
  BOOST_REQUIRE(again);
  BOOST_TEST(again->sha256 == pdf->sha256);
}

BOOST_AUTO_TEST_CASE(answer_key_is_its_own_document) {
  auto m = bundle::load_guideline(write_module(module_xml()), schema());
  BOOST_REQUIRE(m);
  auto key = bundle::render_guideline(*m, data_for(), bundle::Edition::answer_key);
  BOOST_REQUIRE(key);
  const std::string file = dir.write("kunci.pdf", key->pdf);
  const auto text = sh("pdftotext " + quote(file) + " -").out;
  BOOST_TEST(text.find("KUNCIRAHASIA restitusi") != std::string::npos);
  BOOST_TEST(text.find("KUNCI JAWABAN") != std::string::npos);
  BOOST_TEST(text.find("Jawaban uji.") == std::string::npos);  // the module's body is not in it
  auto html = bundle::guideline_html_article(*m, data_for(), bundle::Edition::participant);
  BOOST_REQUIRE(html);
  BOOST_TEST(html->find("KUNCIRAHASIA") == std::string::npos);
  auto key_html = bundle::guideline_html_article(*m, data_for(), bundle::Edition::answer_key);
  BOOST_REQUIRE(key_html);
  BOOST_TEST(key_html->find("KUNCIRAHASIA") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(html_is_well_formed_escaped_and_self_contained) {
  auto m = bundle::load_guideline(write_module(module_xml()), schema());
  BOOST_REQUIRE(m);
  auto page = bundle::guideline_html_page(*m, data_for(), bundle::Edition::participant);
  BOOST_REQUIRE(page);
  const std::string file = dir.write("modul.html", *page);
  // libxml2's HTML parser predates HTML5: it names the new elements (section, svg, ...) "invalid"
  // but must find nothing else wrong.
  auto html_parse = sh("xmllint --html --noout " + quote(file) + " 2>&1 | grep 'error' | grep -v 'Tag [a-z]* invalid'");
  BOOST_TEST(html_parse.out.empty(), html_parse.out);
  // Stricter: it is well-formed XML too (every element closed, every entity escaped).
  auto xml_parse = sh("xmllint --noout " + quote(file) + " 2>&1");
  BOOST_TEST(xml_parse.code == 0, xml_parse.out);
  BOOST_TEST(page->find("<script") == std::string::npos);
  BOOST_TEST(page->find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;kutip&quot;") != std::string::npos);
  for (const char* s : {"src=", "href=\"http", "url(", "@import", "<link"}) BOOST_TEST(page->find(s) == std::string::npos, s);
  BOOST_TEST(page->find("<svg") != std::string::npos);
  BOOST_TEST(page->find("<a href=\"#bab-1\">") != std::string::npos);
  BOOST_TEST(page->find("id=\"bab-1\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(missing_data_and_forbidden_names_fail) {
  auto m = bundle::load_guideline(write_module(module_xml()), schema());
  BOOST_REQUIRE(m);
  auto d = data_for();
  d.excerpts.clear();
  auto r = bundle::guideline_layout(*m, d, bundle::Edition::participant);
  BOOST_REQUIRE(!r);
  BOOST_TEST(r.error().line == 13);
  auto guarded = data_for();
  guarded.forbidden_strings = {"Jawaban uji"};
  auto pdf = bundle::render_guideline(*m, guarded, bundle::Edition::participant);
  BOOST_REQUIRE(!pdf);
  BOOST_TEST((pdf.error().code == core::ErrorCode::forbidden));
  auto html = bundle::guideline_html_article(*m, guarded, bundle::Edition::participant);
  BOOST_REQUIRE(!html);
}

BOOST_AUTO_TEST_SUITE_END()
