// Tests for ingest/law_text (text → law XML) and ingest/law_xml (law XML → Law + Provisions),
// against the shipped files in law/ and the source texts copied beside them in law/source/.
//
// To regenerate the shipped XML after changing the converter (until `berkas convert-law`
// exists): BERKAS_REGENERATE_LAW=1 ./law_text_test --run_test=shipped_xml_is_regenerated_exactly
#define BOOST_TEST_MODULE law_text
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "core/model.h"
#include "core/text.h"
#include "ingest/law_text.h"
#include "ingest/law_xml.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;
using berkas::core::ErrorCode;
using berkas::core::ForceStatus;
using berkas::core::Provision;
using berkas::ingest::convert_kuhp_text;
using berkas::ingest::convert_uu21_text;
using berkas::ingest::LawDocument;
using berkas::ingest::parse_law_xml;
using berkas::test::read_file;
using berkas::test::source_path;

namespace {

const std::string k_uu21_src = "law/source/uu-21-2007.txt";
const std::string k_kuhp_src = "law/source/kuhp-2023-tppo.txt";
const std::string k_uu21_xml = "law/uu-21-2007.xml";
const std::string k_kuhp_xml = "law/uu-1-2023-tppo.xml";

std::vector<std::string> words(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

// The law text of a source file: every line but the '#' provenance header and the
// extract markers "[1]", "[2]" of the KUHP excerpt.
std::vector<std::string> source_words(const std::string& text) {
  static const std::regex marker(R"(^\[\d+\]\r?$)");
  std::string body;
  for (const auto& line : berkas::core::split(text, '\n')) {
    if (!line.empty() && line[0] == '#') continue;
    if (std::regex_match(line, marker)) continue;
    body += line + "\n";
  }
  return words(body);
}

std::string unescape(std::string s) {
  for (auto [from, to] : {std::pair{"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}})
    s = berkas::core::replace_all(s, from, to);
  return s;
}

std::string attr_of(const std::string& tag, const std::string& name) {
  std::smatch m;
  const std::regex re("\\s" + name + "=\"([^\"]*)\"");
  return std::regex_search(tag, m, re) ? unescape(m[1].str()) : std::string();
}

// A deliberately independent reading of the generated XML (a small scanner, not libxml2 and
// not the converter): the words of the law text in document order, skipping the metadata
// (<meta>, <keberlakuan>). With `original`, a <koreksi> yields its `asli` (what the source
// says) instead of its corrected reading. Also counts the corrections.
struct XmlWords {
  std::vector<std::string> words;
  int corrections = 0;
  bool corrections_consistent = true;  // each <koreksi>'s text equals its `menjadi`
};

XmlWords xml_words(const std::string& xml, bool original) {
  XmlWords out;
  std::vector<std::string> stack;
  std::string text;
  std::string koreksi_text;
  std::string koreksi_menjadi;
  const auto skipping = [&] {
    return std::any_of(stack.begin(), stack.end(),
                       [](const std::string& n) { return n == "meta" || n == "keberlakuan"; });
  };
  std::size_t i = 0;
  while (i < xml.size()) {
    if (xml[i] != '<') {
      const std::size_t end = xml.find('<', i);
      const std::string t = unescape(xml.substr(i, end - i));
      if (!stack.empty() && stack.back() == "koreksi")
        koreksi_text += t;
      else if (!skipping())
        text += t;
      i = end;
      continue;
    }
    if (xml.compare(i, 4, "<!--") == 0) {
      i = xml.find("-->", i) + 3;
      continue;
    }
    if (xml.compare(i, 2, "<?") == 0) {
      i = xml.find("?>", i) + 2;
      continue;
    }
    const std::size_t end = xml.find('>', i);
    const std::string tag = xml.substr(i, end - i + 1);
    i = end + 1;
    const bool closing = tag[1] == '/';
    std::string name = closing ? stack.back() : tag.substr(1, tag.find_first_of(" />", 1) - 1);
    // Element boundaries separate words; a correction sits inside a word's run of text.
    if (name != "koreksi") text += ' ';
    if (closing) {
      stack.pop_back();
      if (name == "koreksi") {
        out.corrections_consistent = out.corrections_consistent && koreksi_text == koreksi_menjadi;
        if (!original && !skipping()) text += koreksi_text;
      }
      continue;
    }
    const bool self_closing = tag[tag.size() - 2] == '/';
    if (name == "koreksi") {
      ++out.corrections;
      koreksi_text.clear();
      koreksi_menjadi = attr_of(tag, "menjadi");
      if (original && !skipping()) text += attr_of(tag, "asli");
    }
    if (!self_closing) stack.push_back(name);
  }
  out.words = words(text);
  return out;
}

// Where two word sequences first differ, for a readable failure.
std::string first_difference(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::size_t k = 0;
  while (k < a.size() && k < b.size() && a[k] == b[k]) ++k;
  if (k == a.size() && k == b.size()) return "identical";
  std::string ctx = "at word " + std::to_string(k) + ": source '";
  for (std::size_t j = k; j < std::min(a.size(), k + 6); ++j) ctx += a[j] + " ";
  ctx += "' vs xml '";
  for (std::size_t j = k; j < std::min(b.size(), k + 6); ++j) ctx += b[j] + " ";
  return ctx + "'";
}

LawDocument parse_shipped(const std::string& rel) {
  auto doc = parse_law_xml(read_file(source_path(rel)), rel);
  BOOST_TEST_REQUIRE(doc.has_value(), (doc ? "" : doc.error().describe()));
  return *doc;
}

const Provision* find(const LawDocument& d, const std::string& id) {
  for (const auto& p : d.provisions)
    if (p.id == id) return &p;
  return nullptr;
}

std::string one_line(std::string s) {
  std::replace(s.begin(), s.end(), '\n', ' ');
  return s;
}

}  // namespace

// ---------------------------------------------------------------- the shipped files

BOOST_AUTO_TEST_CASE(source_copies_are_the_shared_texts) {
  const std::string shared = source_path("../shared/data");
  if (!fs::exists(shared)) {
    BOOST_TEST_MESSAGE("../shared/data not present (CI): law/source copies are the reference");
    return;
  }
  BOOST_TEST(read_file(source_path(k_uu21_src)) == read_file(shared + "/uu-21-2007.txt"));
  BOOST_TEST(read_file(source_path(k_kuhp_src)) == read_file(shared + "/kuhp-2023-tppo.txt"));
}

BOOST_AUTO_TEST_CASE(shipped_xml_is_regenerated_exactly) {
  struct Job {
    std::string src, xml;
    bool kuhp;
  };
  std::vector<std::string> dirs = {source_path("law/source")};
  if (fs::exists(source_path("../shared/data"))) dirs.push_back(source_path("../shared/data"));
  for (const Job& j : {Job{"uu-21-2007.txt", k_uu21_xml, false}, Job{"kuhp-2023-tppo.txt", k_kuhp_xml, true}}) {
    for (const auto& dir : dirs) {
      const std::string path = dir + "/" + j.src;
      const std::string text = read_file(path);
      auto xml = j.kuhp ? convert_kuhp_text(text, path) : convert_uu21_text(text, path);
      BOOST_TEST_REQUIRE(xml.has_value(), (xml ? "" : xml.error().describe()));
      if (std::getenv("BERKAS_REGENERATE_LAW") && dir == dirs.front())
        std::ofstream(source_path(j.xml), std::ios::binary) << *xml;
      BOOST_TEST((*xml == read_file(source_path(j.xml))), j.xml << " differs from its regeneration from " << path);
    }
  }
}

BOOST_AUTO_TEST_CASE(xml_reproduces_the_source_word_for_word) {
  for (auto [src, xml_path, expected_corrections] :
       {std::tuple{k_uu21_src, k_uu21_xml, 0}, std::tuple{k_kuhp_src, k_kuhp_xml, 5}}) {
    const auto expected = source_words(read_file(source_path(src)));
    const std::string xml = read_file(source_path(xml_path));
    // With every correction undone, the XML says exactly what the source says ...
    const XmlWords as_found = xml_words(xml, true);
    BOOST_TEST(expected.size() > 1000u);
    BOOST_TEST(as_found.words.size() == expected.size(), xml_path);
    BOOST_TEST((as_found.words == expected), xml_path << " " << first_difference(expected, as_found.words));
    // ... and the corrections are the only changes, each listed beside its text.
    BOOST_TEST(as_found.corrections == expected_corrections, xml_path);
    BOOST_TEST(as_found.corrections_consistent, xml_path);
    const XmlWords corrected = xml_words(xml, false);
    std::size_t differing = 0;
    for (std::size_t k = 0; k < std::min(corrected.words.size(), expected.size()); ++k)
      differing += corrected.words[k] != expected[k];
    if (expected_corrections == 0) BOOST_TEST((corrected.words == expected));
    else BOOST_TEST((differing > 0u && corrected.words.size() + 1 == expected.size()));  // "dan/ atau" → one word
  }
}

BOOST_AUTO_TEST_CASE(readme_lists_every_ocr_correction) {
  const std::string readme = read_file(source_path("law/README.md"));
  const std::string xml = read_file(source_path(k_kuhp_xml));
  const std::regex re(R"re(<koreksi asli="([^"]*)" menjadi="([^"]*)")re");
  int n = 0;
  for (auto it = std::sregex_iterator(xml.begin(), xml.end(), re); it != std::sregex_iterator(); ++it, ++n) {
    BOOST_TEST(readme.find((*it)[1].str()) != std::string::npos, (*it)[1].str());
    BOOST_TEST(readme.find((*it)[2].str()) != std::string::npos, (*it)[2].str());
    // and in the comment at the top of the file
    BOOST_TEST(xml.find("\"" + (*it)[1].str() + "\" -> \"" + (*it)[2].str() + "\"") < xml.find("<undang-undang"));
  }
  BOOST_TEST(n == 5);
}

BOOST_AUTO_TEST_CASE(shipped_xml_validates_against_the_schema) {
  if (std::system("xmllint --version >/dev/null 2>&1") != 0) {
    BOOST_TEST_MESSAGE("xmllint not installed: schema check skipped");
    return;
  }
  for (const auto& xml : {k_uu21_xml, k_kuhp_xml}) {
    const std::string cmd = "xmllint --noout --nonet --schema '" + source_path("schemas/law.xsd") + "' '" +
                            source_path(xml) + "' >/dev/null 2>&1";
    BOOST_TEST(std::system(cmd.c_str()) == 0, xml);
  }
}

// ---------------------------------------------------------------- the period of force, from the KUHP text

BOOST_AUTO_TEST_CASE(kuhp_text_revokes_uu21_pasal_2_and_redirects_to_455) {
  // Read from the raw OCR text, lines joined, so the claim does not depend on the converter.
  const std::string t = one_line(read_file(source_path(k_kuhp_src)));
  // Pasal 622 ayat (1) huruf q names Pasal 2 of UU 21/2007 (OCR: "2l Tal:run 2OO7") ...
  BOOST_TEST(t.find("q. Pasal 2 Undang-Undang Nomor 2l Tal:run 2OO7 tentang Pemberantasan Tindak Pidana "
                    "Perdagangan Orang") != std::string::npos);
  // ... in the list that ayat (1) revokes ...
  const auto q = t.find("q. Pasal 2 Undang-Undang");
  const auto revoked = t.find("dicabut dan dinyatakan tidak berlaku.");
  const auto ayat2 = t.find("(2) Dalam hal ketentuan Pasal");
  BOOST_TEST((q < revoked && revoked < ayat2));
  // ... ayat (9) redirects references to it to Pasal 455 ...
  BOOST_TEST(t.find("(9) Dalam hal ketentuan Pasal mengenai Tindak Pidana perdagangan orang sebagaimana "
                    "dimaksud pada ayat (1) huruf q mengacu Pasal 2 Undang-Undang yang bersangkutan, "
                    "pengacuannya diganti dengan Pasal 455 Undang-Undang ini.") != std::string::npos);
  // ... and Pasal 624 puts the code in force three years after promulgation.
  BOOST_TEST(t.find("Pasal 624 Undang-Undang ini mulai berlaku setelah 3 (tiga) tahun terhitung sejak tanggal "
                    "diundangkan.") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(both_files_agree_on_the_succession) {
  const std::string uu21 = read_file(source_path(k_uu21_xml));
  const std::string kuhp = read_file(source_path(k_kuhp_xml));
  BOOST_TEST(kuhp.find(R"(<huruf id="uu-1-2023/pasal-622/ayat-1/huruf-q" nomor="q" mencabut="uu-21-2007/pasal-2">)") !=
             std::string::npos);
  BOOST_TEST(kuhp.find(R"(pengacuan-dari="uu-21-2007/pasal-2" pengacuan-ke="uu-1-2023/pasal-455")") !=
             std::string::npos);
  BOOST_TEST(uu21.find(R"(<pasal id="uu-21-2007/pasal-2" nomor="2" berlaku-sampai="2026-01-02" )"
                       R"(pengganti="uu-1-2023/pasal-455">)") != std::string::npos);
  const LawDocument k = parse_shipped(k_kuhp_xml);
  BOOST_TEST(k.law.in_force_from == "2026-01-02");
  BOOST_TEST(find(k, "uu-1-2023/pasal-455")->in_force_from == "2026-01-02");
}

// ---------------------------------------------------------------- UU 21/2007 structure

BOOST_AUTO_TEST_CASE(uu21_structure) {
  const LawDocument d = parse_shipped(k_uu21_xml);
  BOOST_TEST(d.law.id == "uu-21-2007");
  BOOST_TEST(d.law.title == "Undang-Undang Nomor 21 Tahun 2007 tentang Pemberantasan Tindak Pidana Perdagangan Orang");
  BOOST_TEST(d.law.short_name == "UU 21/2007");
  BOOST_TEST(d.law.enacted == "2007-04-19");  // "Diundangkan di Jakarta pada tanggal 19 April 2007"
  BOOST_TEST(d.law.in_force_from == "2007-04-19");  // Pasal 67: "mulai berlaku pada tanggal diundangkan"
  BOOST_TEST(d.law.source.find("# SOURCE: github petrabarus/perundangan") != std::string::npos);

  std::vector<const Provision*> pasal;
  std::vector<std::string> babs;
  for (const auto& p : d.provisions) {
    if (p.level == Provision::Level::pasal) pasal.push_back(&p);
    if (babs.empty() || babs.back() != p.bab) babs.push_back(p.bab);
  }
  BOOST_TEST(pasal.size() == 67u);
  BOOST_TEST(pasal.front()->id == "uu-21-2007/pasal-1");
  BOOST_TEST(pasal.back()->id == "uu-21-2007/pasal-67");
  BOOST_TEST(babs == (std::vector<std::string>{"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"}),
             boost::test_tools::per_element());
  for (std::size_t k = 0; k < d.provisions.size(); ++k) BOOST_TEST(d.provisions[k].ordinal == int(k) + 1);
  for (const auto* p : pasal) BOOST_TEST(!p->penjelasan.empty(), p->id);

  const Provision* p2 = find(d, "uu-21-2007/pasal-2");
  BOOST_TEST_REQUIRE(p2);
  BOOST_TEST(p2->bab == "II");
  BOOST_TEST(p2->bab_heading == "TINDAK PIDANA PERDAGANGAN ORANG");
  BOOST_TEST(p2->label == "Pasal 2 UU 21/2007");
  BOOST_TEST(p2->text.rfind("(1) Setiap orang yang melakukan perekrutan, pengangkutan,", 0) == 0);
  BOOST_TEST(p2->text.find("\n(2) Jika perbuatan sebagaimana dimaksud pada ayat (1) mengakibatkan orang "
                           "tereksploitasi") != std::string::npos);
  int ayat2 = 0;
  for (const auto& p : d.provisions) ayat2 += p.parent_id == "uu-21-2007/pasal-2";
  BOOST_TEST(ayat2 == 2);
  const Provision* p2a1 = find(d, "uu-21-2007/pasal-2/ayat-1");
  BOOST_TEST_REQUIRE(p2a1);
  BOOST_TEST((p2a1->level == Provision::Level::ayat));
  BOOST_TEST(p2a1->ayat == 1);
  BOOST_TEST(p2a1->label == "Pasal 2 ayat (1) UU 21/2007");
  BOOST_TEST(p2a1->text.rfind("Setiap orang yang melakukan perekrutan", 0) == 0);
  BOOST_TEST(p2a1->penjelasan.find("delik formil") != std::string::npos);
  BOOST_TEST(find(d, "uu-21-2007/pasal-2/ayat-2")->penjelasan == "Cukup jelas.");
  BOOST_TEST(p2->penjelasan.rfind("Ayat (1)\nDalam ketentuan ini, kata \"untuk tujuan\"", 0) == 0);

  // Period of force and successor (UU 1/2023 Pasal 622 ayat (1) huruf q, ayat (9), Pasal 624).
  for (const Provision* p : {p2, p2a1, find(d, "uu-21-2007/pasal-2/ayat-2")}) {
    BOOST_TEST(p->in_force_until == "2026-01-02", p->id);
    BOOST_TEST(p->successor_id == "uu-1-2023/pasal-455", p->id);
    BOOST_TEST(p->status_note.find("Pasal 622 ayat (1) huruf q") != std::string::npos, p->id);
    BOOST_TEST(p->status_note.find("ayat (9)") != std::string::npos, p->id);
  }
  BOOST_TEST((p2->status_on("2025-12-31", d.law.in_force_from) == ForceStatus::in_force));
  BOOST_TEST((p2->status_on("2026-01-02", d.law.in_force_from) == ForceStatus::revoked));
  const Provision* p3 = find(d, "uu-21-2007/pasal-3");
  BOOST_TEST(p3->in_force_until.empty());
  BOOST_TEST(p3->successor_id.empty());
  BOOST_TEST((p3->status_on("2026-06-01", d.law.in_force_from) == ForceStatus::in_force));

  // Pasal 48: seven ayat, ayat (2) with its huruf a-d, Penjelasan split by ayat.
  int ayat48 = 0;
  for (const auto& p : d.provisions) ayat48 += p.parent_id == "uu-21-2007/pasal-48";
  BOOST_TEST(ayat48 == 7);
  const Provision* p48a2 = find(d, "uu-21-2007/pasal-48/ayat-2");
  BOOST_TEST_REQUIRE(p48a2);
  BOOST_TEST(p48a2->text == "Restitusi sebagaimana dimaksud pada ayat (1) berupa ganti kerugian atas:\n"
                            "a. kehilangan kekayaan atau penghasilan;\n"
                            "b. penderitaan;\n"
                            "c. biaya untuk tindakan perawatan medis dan/atau psikologis; dan/atau\n"
                            "d. kerugian lain yang diderita korban sebagai akibat perdagangan orang.");
  BOOST_TEST(p48a2->penjelasan.rfind("Yang dimaksud dengan \"kerugian lain\"", 0) == 0);
  BOOST_TEST(find(d, "uu-21-2007/pasal-48")->text.find("\n(2) Restitusi sebagaimana dimaksud pada ayat (1) berupa "
                                                      "ganti kerugian atas:\na. kehilangan") != std::string::npos);

  // Pasal 29: electronic evidence, huruf b with numbered points, and its Penjelasan.
  const Provision* p29 = find(d, "uu-21-2007/pasal-29");
  BOOST_TEST_REQUIRE(p29);
  BOOST_TEST(p29->text.find("\nb. data, rekaman, atau informasi") != std::string::npos);
  BOOST_TEST(p29->text.find("\n1) tulisan, suara, atau gambar;\n2) peta,") != std::string::npos);
  BOOST_TEST(p29->text.find("memiliki makna atau dapat dipahami") != std::string::npos);
  BOOST_TEST(p29->penjelasan.find("catatan rekening bank") != std::string::npos);
  BOOST_TEST(p29->penjelasan.find("bantuan hukum timbal balik") != std::string::npos);

  // Pasal 1: numbered definitions; Bab VII has Bagian (sections) and its Pasal keep the Bab.
  BOOST_TEST(find(d, "uu-21-2007/pasal-1")->text.find("\n15. Penjeratan Utang adalah") != std::string::npos);
  BOOST_TEST(find(d, "uu-21-2007/pasal-59")->bab == "VII");
  BOOST_TEST(find(d, "uu-21-2007/pasal-59")->bab_heading == "KERJA SAMA INTERNASIONAL DAN PERAN SERTA MASYARAKAT");
  BOOST_TEST(find(d, "uu-21-2007/pasal-19")->bab_heading ==
             "TINDAK PIDANA LAIN YANG BERKAITAN DENGAN TINDAK PIDANA PERDAGANGAN ORANG");
  BOOST_TEST(find(d, "uu-21-2007/pasal-1")->penjelasan == "Cukup jelas.");
}

BOOST_AUTO_TEST_CASE(uu21_xml_keeps_every_part) {
  const std::string xml = read_file(source_path(k_uu21_xml));
  BOOST_TEST(xml.find("<p>I. UMUM</p>") == std::string::npos);  // a heading, not a paragraph
  BOOST_TEST(xml.find("<judul>I. UMUM</judul>") != std::string::npos);
  BOOST_TEST(xml.find("Perdagangan orang adalah bentuk modern dari perbudakan manusia.") != std::string::npos);
  BOOST_TEST(xml.find("<p>Menimbang: a. bahwa setiap orang") != std::string::npos);
  BOOST_TEST(xml.find("<p>DR. H. SUSILO BAMBANG YUDHOYONO</p>") != std::string::npos);
  BOOST_TEST(xml.find(R"(<penjelasan-pasal untuk="uu-21-2007/pasal-29">)") != std::string::npos);
  BOOST_TEST(xml.find(R"(<huruf id="uu-21-2007/pasal-15/ayat-2/huruf-e" nomor="e">)") != std::string::npos);
  BOOST_TEST(xml.find(R"(<bagian id="uu-21-2007/bab-7/bagian-kesatu" nomor="Kesatu">)") != std::string::npos);
  // The provenance header, line for line.
  const std::string src = read_file(source_path(k_uu21_src));
  const std::string header = src.substr(0, src.find("\nLEMBARAN NEGARA"));
  BOOST_TEST(xml.find(R"(<sumber berkas="uu-21-2007.txt">)" + header + "</sumber>") != std::string::npos);
}

// ---------------------------------------------------------------- KUHP excerpt

BOOST_AUTO_TEST_CASE(kuhp_455_456) {
  const LawDocument d = parse_shipped(k_kuhp_xml);
  BOOST_TEST(d.law.id == "uu-1-2023");
  BOOST_TEST(d.law.short_name == "UU 1/2023");
  BOOST_TEST(d.law.enacted == "2023-01-02");
  BOOST_TEST(d.law.source.find("'dimalsud' -> 'dimaksud'") != std::string::npos);

  const Provision* a1 = find(d, "uu-1-2023/pasal-455/ayat-1");
  const Provision* a2 = find(d, "uu-1-2023/pasal-455/ayat-2");
  BOOST_TEST_REQUIRE(a1);
  BOOST_TEST_REQUIRE(a2);
  BOOST_TEST(a1->text ==
             "Setiap Orang yang melakukan perekrutan, pengangkutan, penampungan, pengiriman, pemindahan, atau "
             "penerimaan seseorang dengan Ancaman Kekerasan, penggunaan Kekerasan, penculikan, penyekapan, "
             "pemalsuan, penipuan, penyalahgunaan kekuasaan atau posisi rentan, penjeratan utang, atau memberi "
             "bayaran atau manfaat walaupun memperoleh persetujuan dari orang yang memegang kendali atas orang "
             "lain, untuk tujuan mengeksploitasi orang tersebut di wilayah Negara Kesatuan Republik Indonesia, "
             "dipidana karena melakukan Tindak Pidana perdagangan orang, dengan pidana penjara paling singkat 3 "
             "(tiga) tahun dan paling lama 15 (lima belas) tahun dan pidana denda paling sedikit kategori IV dan "
             "paling banyak kategori VII.");
  BOOST_TEST(a2->text ==
             "Jika perbuatan sebagaimana dimaksud pada ayat (1) mengakibatkan orang tereksploitasi, pelaku dipidana "
             "dengan pidana yang sama.");
  BOOST_TEST(a1->label == "Pasal 455 ayat (1) UU 1/2023");
  BOOST_TEST(a1->parent_id == "uu-1-2023/pasal-455");
  BOOST_TEST(a1->in_force_from == "2026-01-02");
  BOOST_TEST(a1->in_force_until.empty());
  BOOST_TEST((a1->status_on("2025-12-31", d.law.in_force_from) == ForceStatus::not_yet_in_force));
  BOOST_TEST((a1->status_on("2026-01-02", d.law.in_force_from) == ForceStatus::in_force));

  const Provision* p456 = find(d, "uu-1-2023/pasal-456");
  BOOST_TEST_REQUIRE(p456);
  BOOST_TEST(p456->in_force_from == "2026-01-02");
  BOOST_TEST(p456->text.find("Pasal 86 huruf a, huruf b, huruf c, dan/atau huruf d.") != std::string::npos);
  BOOST_TEST(find(d, "uu-1-2023/pasal-455")->text.rfind("(1) Setiap Orang", 0) == 0);
  BOOST_TEST(find(d, "uu-1-2023/pasal-455")->penjelasan.empty());  // the excerpt has no Penjelasan

  // Context shipped as well: Pasal 622 (21 ayat), 623, 624.
  int ayat622 = 0;
  for (const auto& p : d.provisions) ayat622 += p.parent_id == "uu-1-2023/pasal-622";
  BOOST_TEST(ayat622 == 21);
  BOOST_TEST(find(d, "uu-1-2023/pasal-624")->text ==
             "Undang-Undang ini mulai berlaku setelah 3 (tiga) tahun terhitung sejak tanggal diundangkan.");
  BOOST_TEST(find(d, "uu-1-2023/pasal-622/ayat-1")->text.find(
                 "\nq. Pasal 2 Undang-Undang Nomor 21 Tahun 2007 tentang Pemberantasan Tindak Pidana Perdagangan "
                 "Orang (Lembaran Negara Republik Indonesia Tahun 2007 Nomor 58") != std::string::npos);
  BOOST_TEST(find(d, "uu-1-2023/pasal-622/ayat-1")->text.find("\ncc. Pasal 37, Pasal 38") != std::string::npos);
}

// ---------------------------------------------------------------- errors

BOOST_AUTO_TEST_CASE(parse_rejects_doctype_and_entities) {
  const std::string billion =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE undang-undang [\n<!ENTITY a \"aaaa\">\n<!ENTITY b \"&a;&a;&a;\">\n]>\n"
      "<undang-undang id=\"x\"><meta><judul>&b;</judul></meta></undang-undang>\n";
  auto r = parse_law_xml(billion, "evil.xml");
  BOOST_TEST_REQUIRE(!r.has_value());
  BOOST_TEST((r.error().code == ErrorCode::invalid_input));
  BOOST_TEST(r.error().file == "evil.xml");
  BOOST_TEST(r.error().line == 2);
  BOOST_TEST(r.error().message.find("DOCTYPE") != std::string::npos);

  const std::string external =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE undang-undang SYSTEM \"http://example.invalid/law.dtd\">\n"
      "<undang-undang id=\"x\"/>\n";
  auto e = parse_law_xml(external, "ext.xml");
  BOOST_TEST_REQUIRE(!e.has_value());
  BOOST_TEST(e.error().line == 2);

  // An undeclared entity is an error, never a lookup.
  auto u = parse_law_xml("<undang-undang id=\"x\">\n<meta>&ext;</meta></undang-undang>", "u.xml");
  BOOST_TEST_REQUIRE(!u.has_value());
  BOOST_TEST(u.error().line == 2);
}

BOOST_AUTO_TEST_CASE(parse_reports_malformed_xml_with_file_and_line) {
  const std::string bad = "<?xml version=\"1.0\"?>\n<undang-undang id=\"x\">\n<meta>\n<judul>a</jdul>\n</meta>\n";
  auto r = parse_law_xml(bad, "bad.xml");
  BOOST_TEST_REQUIRE(!r.has_value());
  BOOST_TEST((r.error().code == ErrorCode::invalid_input));
  BOOST_TEST(r.error().file == "bad.xml");
  BOOST_TEST(r.error().line == 4);
  BOOST_TEST(r.error().describe().find("bad.xml:4") != std::string::npos, r.error().describe());
}

BOOST_AUTO_TEST_CASE(parse_reports_structural_errors_with_line) {
  auto wrong_root = parse_law_xml("<?xml version=\"1.0\"?>\n<putusan/>\n", "p.xml");
  BOOST_TEST_REQUIRE(!wrong_root.has_value());
  BOOST_TEST(wrong_root.error().line == 2);

  // The shipped file with a bad date in Pasal 2: the line of that <pasal> is reported.
  std::string xml = read_file(source_path(k_uu21_xml));
  const std::string good = R"(berlaku-sampai="2026-01-02" pengganti="uu-1-2023/pasal-455">)";
  const auto pos = xml.find(good);
  BOOST_TEST_REQUIRE(pos != std::string::npos);
  xml.replace(pos, good.size(), R"(berlaku-sampai="2026-13-02" pengganti="uu-1-2023/pasal-455">)");
  const int line = 1 + static_cast<int>(std::count(xml.begin(), xml.begin() + static_cast<long>(pos), '\n'));
  auto r = parse_law_xml(xml, "uu.xml");
  BOOST_TEST_REQUIRE(!r.has_value());
  BOOST_TEST(r.error().line == line);
  BOOST_TEST(r.error().field == "berlaku-sampai");
}

BOOST_AUTO_TEST_CASE(converters_reject_text_they_cannot_read) {
  const std::string uu21 = read_file(source_path(k_uu21_src));
  // Remove the Penjelasan of Pasal 29: every Pasal must be explained.
  std::string missing = berkas::core::replace_all(uu21, "Pasal 29\nYang dimaksud dengan \"data,", "Yang dimaksud dengan \"data,");
  BOOST_TEST_REQUIRE(missing != uu21);
  auto r = convert_uu21_text(missing, "uu.txt");
  BOOST_TEST_REQUIRE(!r.has_value());
  BOOST_TEST((r.error().code == ErrorCode::invalid_input));

  // An ayat out of sequence is reported at its line.
  std::string skipped = berkas::core::replace_all(uu21, "(2) Jika perbuatan sebagaimana dimaksud pada ayat (1) mengakibatkan orang",
                                                  "(3) Jika perbuatan sebagaimana dimaksud pada ayat (1) mengakibatkan orang");
  auto s = convert_uu21_text(skipped, "uu.txt");
  BOOST_TEST_REQUIRE(!s.has_value());
  BOOST_TEST(s.error().line == 61);

  // The KUHP with the OCR error already fixed: the correction no longer matches, loudly.
  const std::string kuhp = read_file(source_path(k_kuhp_src));
  auto k = convert_kuhp_text(berkas::core::replace_all(kuhp, "dimalsud pada ayat (1)\nmengakibatkan",
                                                       "dimaksud pada ayat (1)\nmengakibatkan"),
                             "k.txt");
  BOOST_TEST_REQUIRE(!k.has_value());
  BOOST_TEST(k.error().line == 27);

  // A KUHP text that no longer revokes UU 21/2007 Pasal 2 is not converted.
  auto n = convert_kuhp_text(berkas::core::replace_all(kuhp, "pengacuannya diganti dengan Pasal 455", "pengacuannya diganti dengan Pasal 456"),
                             "k.txt");
  BOOST_TEST_REQUIRE(!n.has_value());
  BOOST_TEST(n.error().message.find("ayat (9)") != std::string::npos);
}
