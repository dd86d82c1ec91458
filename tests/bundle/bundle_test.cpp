// bundle: court bundles and the generic renderer, checked with real tools (qpdf, pdftotext,
// pdfinfo, mutool) and read back with PoDoFo. All case data here is FIKTIF.
#define BOOST_TEST_MODULE bundle
#include <boost/test/unit_test.hpp>

#include <podofo/podofo.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <thread>

#include "bundle/bundle.h"
#include "core/file.h"
#include "core/hash.h"
#include "support/temp_dir.h"

using namespace berkas;
using berkas::test::TempDir;

namespace {

constexpr const char* k_protected_name = "Siti Rahmawati Fiktif";  // the "real" name: must never appear
constexpr const char* k_prefix = "PDM-17-2024-";

struct Cmd {
  int code = -1;
  std::string out;
};

Cmd sh(const std::string& command) {
  Cmd c;
  std::FILE* p = ::popen((command + " 2>/dev/null").c_str(), "r");
  if (!p) return c;
  char buf[65536];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) c.out.append(buf, n);
  const int st = ::pclose(p);
  c.code = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return c;
}

std::string page_text(const std::string& pdf, int page) {
  return sh("pdftotext -layout -f " + std::to_string(page) + " -l " + std::to_string(page) + " '" + pdf + "' -").out;
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string stamp(int page) {
  std::string n = std::to_string(page);
  return k_prefix + std::string(6 - n.size(), '0') + n;
}

// A real three-page PDF from another producer (PoDoFo's painter), one page rotated.
std::string exhibit_pdf() {
  using namespace PoDoFo;
  PdfMemDocument doc;
  PdfFont* font = doc.CreateFont("LiberationSans", false, false, false, PdfEncodingFactory::GlobalWinAnsiEncodingInstance(),
                                 PdfFontCache::eFontCreationFlags_None, true,
                                 "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf");
  for (int i = 1; i <= 3; ++i) {
    PdfPage* page = doc.CreatePage(PdfPage::CreateStandardPageSize(ePdfPageSize_Letter));
    if (i == 2) page->SetRotation(90);
    PdfPainter p;
    p.SetPage(page);
    font->SetFontSize(14);
    p.SetFont(font);
    p.DrawText(72, 700, PdfString(("EKSHIBIT HALAMAN " + std::to_string(i)).c_str()));
    p.DrawText(72, 680, PdfString("Tangkapan layar percakapan (FIKTIF)"));
    p.FinishPage();
  }
  PdfRefCountedBuffer buf;
  PdfOutputDevice dev(&buf);
  doc.Write(&dev);
  return std::string(buf.GetBuffer(), dev.GetLength());
}

std::string long_answer(int n) {
  std::string s = "Saya berangkat dari Indramayu bersama perekrut yang menjanjikan pekerjaan di restoran dengan gaji "
                  "Rp8.000.000 per bulan; di café bandara saya diberi tiket — tanpa kontrak kerja — dan paspor saya "
                  "dipegang oleh perekrut, katanya ‘untuk keamanan’. ";
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

bundle::CaseData fictional_case(const std::string& exhibit) {
  bundle::CaseData d;
  auto& c = d.case_info;
  c.id = "perkara-fiktif-2024-017";
  c.register_number = "PDM-17/JKT.PST/Eku.2/05/2024";
  c.title = "FIKTIF: Perekrutan ke Kamboja <penipuan daring> & eksploitasi {{case.id}}";
  c.court = "Pengadilan Negeri Jakarta Pusat";
  c.stage = core::CaseStage::penuntutan;
  c.charged_provisions = {"uu-21-2007/pasal-2", "uu-21-2007/pasal-4"};
  c.destination_country = "kamboja";
  c.offence_date = "2024-02-01";
  c.fictional = true;

  d.persons = {{"org-korban-a", "Saksi A", core::PersonRole::saksi_korban, true},
               {"org-saksi-b", "Budi Santoso (fiktif)", core::PersonRole::saksi, false},
               {"org-ahli-c", "Dr. Clara Hukum (fiktif)", core::PersonRole::ahli, false}};
  d.forbidden_strings = {k_protected_name};

  core::Provision p2;
  p2.id = "uu-21-2007/pasal-2";
  p2.label = "Pasal 2 UU 21/2007";
  p2.text = "(1) Setiap orang yang melakukan perekrutan, pengangkutan, penampungan, pengiriman, pemindahan, atau "
            "penerimaan seseorang dengan ancaman kekerasan ... dipidana dengan pidana penjara paling singkat 3 (tiga) "
            "tahun dan paling lama 15 (lima belas) tahun.\n(2) Jika perbuatan sebagaimana dimaksud pada ayat (1) "
            "mengakibatkan orang tereksploitasi, maka pelaku dipidana dengan pidana yang sama.";
  p2.penjelasan = "Ayat (1): yang dimaksud dengan \"untuk tujuan\" ...";
  core::Provision p4;
  p4.id = "uu-21-2007/pasal-4";
  p4.label = "Pasal 4 UU 21/2007";
  p4.text = "Setiap orang yang membawa warga negara Indonesia ke luar wilayah negara Republik Indonesia dengan maksud "
            "untuk dieksploitasi di luar wilayah negara Republik Indonesia dipidana ...";
  d.provisions = {p2, p4};

  core::EvidenceItem bap;
  bap.id = "bap-korban-a";
  bap.kind = core::EvidenceKind::keterangan_saksi;
  bap.case_id = c.id;
  bap.title = "BAP Saksi Korban A";
  bap.date = "2024-03-04";
  bap.place = "Bareskrim Polri, Jakarta";
  bap.examiner = "Penyidik Contoh (fiktif)";
  bap.person_id = "org-korban-a";
  bap.fictional = true;
  bap.source_sha256 = core::sha256_hex("bap-korban-a v1");
  for (int i = 1; i <= 40; ++i)
    bap.qa.push_back({i, "Pertanyaan nomor " + std::to_string(i) + ": jelaskan apa yang saudara alami pada tahap ini?",
                      i == 7 ? long_answer(30) : long_answer(1 + i % 3) + "JAWABAN-" + std::to_string(i) + "."});
  d.items.push_back(bap);

  core::EvidenceItem bap2;
  bap2.id = "bap-saksi-b";
  bap2.kind = core::EvidenceKind::keterangan_saksi;
  bap2.title = "BAP Saksi B";
  bap2.date = "2024-03-05";
  bap2.person_id = "org-saksi-b";
  bap2.examiner = "Penyidik Contoh (fiktif)";
  bap2.version = 2;
  bap2.correction_note = "tanggal lahir saksi diperbaiki";
  bap2.source_sha256 = core::sha256_hex("bap-saksi-b v2");
  bap2.qa = {{1, "Apakah saudara mengenal Saksi A?", "Ya, kami bertetangga."}};
  d.items.push_back(bap2);

  core::EvidenceItem ahli;
  ahli.id = "ahli-c";
  ahli.kind = core::EvidenceKind::keterangan_ahli;
  ahli.title = "Keterangan Ahli Hukum Pidana";
  ahli.date = "2024-03-10";
  ahli.person_id = "org-ahli-c";
  ahli.source_sha256 = core::sha256_hex("ahli-c");
  ahli.sections = {{"Pendapat", "Unsur proses, cara dan tujuan eksploitasi terpenuhi menurut pendapat ahli."}};
  d.items.push_back(ahli);

  core::EvidenceItem el;
  el.id = "chat-perekrut";
  el.kind = core::EvidenceKind::elektronik;
  el.title = "Ekspor percakapan dengan perekrut";
  el.date = "2024-01-20";
  el.source_sha256 = core::sha256_hex("chat");
  el.sections = {{"Ringkasan", "Percakapan menawarkan pekerjaan ‘customer service’ di Phnom Penh."}};
  core::Attachment a;
  a.name = "tangkapan-layar.pdf";
  a.media_type = "application/pdf";
  a.sha256 = core::sha256_hex(exhibit);
  a.size = static_cast<std::int64_t>(exhibit.size());
  a.description = "tangkapan layar percakapan";
  el.attachments = {a};
  d.items.push_back(el);
  d.attachments.emplace(a.sha256, exhibit);

  core::Precedent pr;
  pr.id = "133-pid-sus-2025-pn-idm";
  pr.number = "133/Pid.Sus/2025/PN Idm";
  pr.court = "Pengadilan Negeri Indramayu";
  pr.date = "2025-06-01";
  pr.provisions_applied = {"uu-21-2007/pasal-4"};
  pr.verdict = "terbukti secara sah dan meyakinkan bersalah (FIKTIF)";
  pr.prison_months = 48;
  pr.fine_rupiah = 120000000;
  pr.fictional = true;
  d.precedents = {pr};
  return d;
}

bundle::BundleOptions options() {
  bundle::BundleOptions o;
  o.template_path = test::source_path("templates/court-bundle.xml");
  o.stamp_prefix = k_prefix;
  o.creator = "jaksa.contoh";
  o.date = "2024-05-20";
  return o;
}

// One bundle shared by the structural checks (building it is the expensive part).
struct Built {
  TempDir dir;
  std::string exhibit = exhibit_pdf();
  bundle::CaseData data = fictional_case(exhibit);
  bundle::Bundle b;
  std::string path;
  Built() {
    auto r = bundle::build_bundle(data, options());
    if (!r) BOOST_FAIL("build_bundle: " + r.error().describe());
    b = std::move(*r);
    path = dir.file("bundle.pdf");
    auto st = core::write_file_atomically(path, b.pdf);
    BOOST_REQUIRE(st.has_value());
  }
};

Built& built() {
  static Built b;
  return b;
}

const bundle::ManifestEntry& entry(const std::string& id, const std::string& kind) {
  for (const auto& e : built().b.manifest)
    if (e.id == id && e.kind == kind) return e;
  BOOST_FAIL("no manifest entry " + id);
  throw;
}

}  // namespace

namespace berkas::core {
inline std::ostream& operator<<(std::ostream& os, ErrorCode c) { return os << to_string(c); }
}  // namespace berkas::core

BOOST_AUTO_TEST_CASE(shipped_template_is_valid) {
  auto st = bundle::check_template(test::source_path("templates/court-bundle.xml"));
  BOOST_TEST(st.has_value(), (st ? "" : st.error().describe()));
}

BOOST_AUTO_TEST_CASE(qpdf_check_and_pdfinfo) {
  auto& B = built();
  BOOST_TEST(B.b.sha256 == core::sha256_hex(B.b.pdf));
  const Cmd check = sh("qpdf --check '" + B.path + "'");
  BOOST_TEST(check.code == 0, check.out);
  const Cmd info = sh("pdfinfo '" + B.path + "'");
  BOOST_TEST(std::regex_search(info.out, std::regex("Pages:\\s+" + std::to_string(B.b.page_count) + "\n")), info.out);
  BOOST_TEST(std::regex_search(info.out, std::regex("Title:\\s+Berkas Perkara PDM-17/JKT\\.PST/Eku\\.2/05/2024\n")), info.out);
  BOOST_TEST(std::regex_search(info.out, std::regex("CreationDate:\\s+Mon May 20 00:00:00 2024 UTC")), info.out);
  BOOST_TEST(B.b.page_count >= 15);
  // The fonts are embedded subsets.
  const Cmd fonts = sh("pdffonts '" + B.path + "'");
  BOOST_TEST(fonts.out.find("+LiberationSerif") != std::string::npos, fonts.out);
  // Ours are embedded subsets with a ToUnicode map (the exhibit keeps its own font).
  std::istringstream lines(fonts.out);
  int ours = 0;
  for (std::string line; std::getline(lines, line);)
    if (line.find("+Liberation") != std::string::npos) {
      ++ours;
      BOOST_TEST(line.find("WinAnsi          yes yes yes") != std::string::npos, line);
    }
  BOOST_TEST(ours == 5);
  // XMP is there and carries the title.
  const Cmd qdf = sh("qpdf --qdf --object-streams=disable '" + B.path + "' -");
  BOOST_TEST(qdf.out.find("<dc:title>") != std::string::npos);
  BOOST_TEST(qdf.out.find("BerkasContentSHA256") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(index_page_numbers_match_where_documents_start) {
  auto& B = built();
  const auto& sections = B.b.sections;
  BOOST_REQUIRE(sections.size() == 11u);
  // The index is on page 2 (page 1 is the cover); it may run on.
  std::string toc;
  for (int p = 2; p <= 3; ++p) toc += page_text(B.path, p);
  BOOST_TEST(toc.find("Daftar Isi") != std::string::npos);
  auto printed_page = [&](const std::string& title) {
    std::regex re(std::regex_replace(title, std::regex(R"([.^$|()\[\]{}*+?\\])"), R"(\$&)") + R"([ .]+(\d+)\s*$)");
    std::istringstream in(toc);
    std::string line;
    while (std::getline(in, line)) {
      std::smatch m;
      if (std::regex_search(line, m, re)) return std::stoi(m[1]);
    }
    return -1;
  };
  for (const auto& s : sections) {
    if (s.id == "s-sampul") continue;
    BOOST_TEST_CONTEXT(s.title) {
      BOOST_TEST(s.first_page >= 1);
      BOOST_TEST(printed_page(s.title) == s.first_page);
      BOOST_TEST(page_text(B.path, s.first_page).find(s.title) != std::string::npos);
      // The page before holds no such heading (the index pages list every title, so they are skipped).
      if (s.first_page > 4) BOOST_TEST(page_text(B.path, s.first_page - 1).find(s.title) == std::string::npos);
    }
  }
  // Documents too: the BAP's heading shows the pseudonym, and its page is where it starts.
  const auto& bap = entry("bap-korban-a", "bap");
  BOOST_TEST(printed_page("BAP Saksi A (2024-03-04)") == bap.first_page);
  BOOST_TEST(page_text(B.path, bap.first_page).find("BAP Saksi A (2024-03-04)") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(long_bap_spans_pages_as_numbered_questions_and_answers) {
  auto& B = built();
  const auto& bap = entry("bap-korban-a", "bap");
  BOOST_TEST(bap.last_page > bap.first_page + 2);
  const std::string first = page_text(B.path, bap.first_page);
  BOOST_TEST(first.find("Yang diperiksa") != std::string::npos);
  BOOST_TEST(first.find("Pertanyaan") != std::string::npos);
  BOOST_TEST(first.find("Jawaban") != std::string::npos);
  std::string all;
  for (int p = bap.first_page; p <= bap.last_page; ++p) all += page_text(B.path, p);
  for (int i : {1, 20, 40}) BOOST_TEST(all.find("JAWABAN-" + std::to_string(i) + ".") != std::string::npos);
  BOOST_TEST(page_text(B.path, bap.last_page).find("JAWABAN-40.") != std::string::npos);
  // Characters outside ASCII come out as they went in.
  BOOST_TEST(all.find("café") != std::string::npos);
  BOOST_TEST(all.find("tiket — tanpa") != std::string::npos);
  BOOST_TEST(all.find("‘untuk keamanan’") != std::string::npos);
  BOOST_TEST(B.b.substituted_characters == 0);
}

BOOST_AUTO_TEST_CASE(every_page_is_stamped_and_numbered) {
  auto& B = built();
  for (int p = 1; p <= B.b.page_count; ++p) {
    BOOST_TEST_CONTEXT("page " << p) {
      const std::string t = page_text(B.path, p);
      BOOST_TEST(t.find(stamp(p)) != std::string::npos);
      if (p > 1) BOOST_TEST(t.find("Halaman " + std::to_string(p) + " dari " + std::to_string(B.b.page_count)) != std::string::npos);
    }
  }
}

BOOST_AUTO_TEST_CASE(exhibit_pages_are_merged_stamped_and_bookmarked) {
  auto& B = built();
  const auto& ex = entry("chat-perekrut#lampiran-1", "lampiran");
  BOOST_TEST(ex.last_page - ex.first_page + 1 == 3);
  for (int i = 0; i < 3; ++i) {
    const std::string t = page_text(B.path, ex.first_page + i);
    BOOST_TEST(t.find("EKSHIBIT HALAMAN " + std::to_string(i + 1)) != std::string::npos, t);
    BOOST_TEST(t.find(stamp(ex.first_page + i)) != std::string::npos);
  }
  const Cmd outline = sh("mutool show '" + B.path + "' outline");
  BOOST_TEST(outline.out.find("Lampiran 1 chat-perekrut") != std::string::npos, outline.out);
}

BOOST_AUTO_TEST_CASE(outline_mirrors_the_index) {
  auto& B = built();
  const Cmd outline = sh("mutool show '" + B.path + "' outline");
  BOOST_REQUIRE(outline.code == 0);
  for (const auto& s : B.b.sections) BOOST_TEST(outline.out.find(s.title) != std::string::npos, s.title);
  BOOST_TEST(outline.out.find("BAP Saksi A (2024-03-04)") != std::string::npos);
  BOOST_TEST(outline.out.find("Pasal 2 UU 21/2007") != std::string::npos);
  // Nested: a document's bookmark is indented under its section.
  const auto sec = outline.out.find("Berita Acara Pemeriksaan Saksi Korban");
  const auto doc = outline.out.find("BAP Saksi A");
  BOOST_REQUIRE(sec != std::string::npos);
  BOOST_REQUIRE(doc != std::string::npos);
  auto indent = [&](std::size_t pos) {
    const auto bol = outline.out.rfind('\n', pos);
    const auto start = bol == std::string::npos ? 0 : bol + 1;
    return outline.out.find_first_not_of("\t |+-", start) - start;
  };
  BOOST_TEST(indent(doc) > indent(sec));
}

BOOST_AUTO_TEST_CASE(index_links_point_to_the_right_pages) {
  auto& B = built();
  using namespace PoDoFo;
  PdfMemDocument doc;
  doc.LoadFromBuffer(B.b.pdf.data(), static_cast<long>(B.b.pdf.size()));
  std::map<PdfReference, int> page_no;
  for (int i = 0; i < doc.GetPageCount(); ++i) page_no[doc.GetPage(i)->GetObject()->Reference()] = i + 1;
  std::set<int> targets;
  int links = 0;
  for (int p = 0; p < 3; ++p) {
    PdfPage* page = doc.GetPage(p);
    for (int a = 0; a < page->GetNumAnnots(); ++a) {
      PdfAnnotation* an = page->GetAnnotation(a);
      if (an->GetType() != ePdfAnnotation_Link) continue;
      ++links;
      PdfObject* dest = an->GetObject()->GetDictionary().GetKey("Dest");
      BOOST_REQUIRE(dest);
      BOOST_REQUIRE(dest->IsArray());
      targets.insert(page_no.at(dest->GetArray()[0].GetReference()));
    }
  }
  BOOST_TEST(links >= 12);
  for (const auto& s : B.b.sections)
    if (s.id != "s-sampul") BOOST_TEST(targets.count(s.first_page) == 1u, s.title);
  BOOST_TEST(targets.count(entry("bap-korban-a", "bap").first_page) == 1u);
}

BOOST_AUTO_TEST_CASE(protected_name_is_nowhere_and_placeholders_are_literal) {
  auto& B = built();
  const Cmd qdf = sh("qpdf --qdf --object-streams=disable '" + B.path + "' -");
  BOOST_REQUIRE(qdf.code == 0);
  BOOST_TEST(lower(qdf.out).find(lower(k_protected_name)) == std::string::npos);
  const std::string text = sh("pdftotext '" + B.path + "' -").out;
  BOOST_TEST(lower(text).find(lower(k_protected_name)) == std::string::npos);
  BOOST_TEST(text.find("Saksi A") != std::string::npos);  // the pseudonym is what shows
  // Data that looks like markup or like a placeholder is printed as it is.
  BOOST_TEST(text.find("<penipuan daring> & eksploitasi {{case.id}}") != std::string::npos);
  BOOST_TEST(text.find("FIKTIF") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(manifest_lists_every_item_with_hash_and_pages) {
  auto& B = built();
  const auto& man = B.b.sections.back();
  BOOST_TEST(man.title == "Manifes Berkas");
  BOOST_TEST(man.last_page == B.b.page_count);
  std::string text;
  for (int p = man.first_page; p <= man.last_page; ++p) text += page_text(B.path, p);
  BOOST_TEST(text.find(B.b.manifest_sha256.substr(0, 32)) != std::string::npos);  // the rest wraps
  BOOST_TEST(B.b.manifest.size() == 6u);  // 4 items, 1 attachment, 1 precedent
  for (const auto& e : B.b.manifest) {
    BOOST_TEST_CONTEXT(e.id) {
      BOOST_TEST(e.first_page >= 1);
      BOOST_TEST(e.last_page >= e.first_page);
      BOOST_TEST(text.find(e.id) != std::string::npos);
      BOOST_TEST(text.find(e.sha256.substr(0, 16)) != std::string::npos);
      const std::string range = e.first_page == e.last_page ? std::to_string(e.first_page)
                                                            : std::to_string(e.first_page) + "–" + std::to_string(e.last_page);
      BOOST_TEST(text.find(range) != std::string::npos, range);
    }
  }
  BOOST_TEST(entry("bap-saksi-b", "bap").version == 2);
  BOOST_TEST(B.b.omitted_item_ids.empty());
}

BOOST_AUTO_TEST_CASE(same_inputs_give_the_same_bytes) {
  auto& B = built();
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // a clock in the output would show
  auto again = bundle::build_bundle(B.data, options());
  BOOST_REQUIRE(again.has_value());
  BOOST_TEST(again->sha256 == B.b.sha256);
  BOOST_TEST((again->pdf == B.b.pdf));
}

BOOST_AUTO_TEST_CASE(forbidden_name_in_the_data_fails_without_output) {
  TempDir dir;
  auto data = fictional_case(exhibit_pdf());
  data.items[1].qa[0].answer = "Ya, saya kenal SITI  RAHMAWATI fiktif sejak kecil.";  // case and spacing differ
  auto r = bundle::build_bundle(data, options());
  BOOST_REQUIRE(!r.has_value());
  BOOST_TEST(r.error().code == core::ErrorCode::forbidden);
  BOOST_TEST(lower(r.error().message).find("rahmawati") == std::string::npos);
  // And in a file name of an attachment, or the case title.
  data = fictional_case(exhibit_pdf());
  data.items[3].attachments[0].name = "ktp-Siti Rahmawati Fiktif.pdf";
  BOOST_TEST(!bundle::build_bundle(data, options()).has_value());
  data = fictional_case(exhibit_pdf());
  data.case_info.title = "Perkara atas nama Siti Rahmawati Fiktif";
  BOOST_TEST(!bundle::build_bundle(data, options()).has_value());
}

BOOST_AUTO_TEST_CASE(bad_templates_are_refused_with_file_and_line) {
  TempDir dir;
  const std::string good = test::read_file(test::source_path("templates/court-bundle.xml"));
  auto opts = options();
  opts.schema_path = test::source_path("schemas/bundle-template.xsd");
  const auto data = fictional_case(exhibit_pdf());
  struct Case {
    std::string name, from, to, expect;
  };
  const std::vector<Case> cases = {
      {"malformed", "</metadata>", "</metadatax>", ""},
      {"schema", "<index id=\"daftar-isi\"", "<indexx id=\"daftar-isi\"", "indexx"},
      {"unknown-kind", "kinds=\"ahli\"", "kinds=\"saksi-ahli\"", "saksi-ahli"},
      {"placeholder", "{{case.register_number}}</title>", "{{case.registr_number}}</title>", "case.registr_number"},
      {"partial", "{{case.register_number}}</title>", "{{> /etc/passwd}}</title>", "not allowed"},
      {"unclosed-section", "{{/case.fictional}}</header>", "</header>", "Unclosed section"},
      {"doctype", "<bundle-template ", "<!DOCTYPE x [<!ENTITY e \"boom\">]>\n<bundle-template ", "DOCTYPE"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.name) {
      std::string bad = good;
      const auto pos = bad.find(c.from);
      BOOST_REQUIRE(pos != std::string::npos);
      bad.replace(pos, c.from.size(), c.to);
      opts.template_path = dir.write("templates/" + c.name + ".xml", bad);
      const std::string out = dir.file(c.name + ".pdf");
      auto r = bundle::build_bundle(data, opts);
      if (r) (void)core::write_file_atomically(out, r->pdf);  // what a caller would do on success
      BOOST_REQUIRE(!r.has_value());
      BOOST_TEST(r.error().code == core::ErrorCode::invalid_input);
      BOOST_TEST(r.error().file == opts.template_path);
      BOOST_TEST(r.error().line > 0, r.error().describe());
      BOOST_TEST(r.error().describe().find(c.expect) != std::string::npos, r.error().describe());
      BOOST_TEST(!std::filesystem::exists(out));
    }
  }
}

BOOST_AUTO_TEST_CASE(missing_or_altered_exhibit_is_an_error) {
  auto data = fictional_case(exhibit_pdf());
  auto saved = data.attachments;
  data.attachments.clear();
  auto r = bundle::build_bundle(data, options());
  BOOST_REQUIRE(!r.has_value());
  BOOST_TEST(r.error().code == core::ErrorCode::not_found);
  data.attachments = saved;
  data.attachments.begin()->second += "x";
  r = bundle::build_bundle(data, options());
  BOOST_REQUIRE(!r.has_value());
  BOOST_TEST(r.error().code == core::ErrorCode::integrity);
}

BOOST_AUTO_TEST_CASE(generic_render_keeps_headings_with_their_text) {
  TempDir dir;
  // Whatever the amount of filler, a heading never sits alone at a page foot.
  for (int filler = 28; filler <= 40; ++filler) {  // ≈36 one-line paragraphs fill a page
    bundle::LayoutDocument doc;
    doc.info.title = "Modul pelatihan (FIKTIF)";
    doc.info.date = "2024-01-01";
    for (int i = 0; i < filler; ++i) doc.blocks.push_back(bundle::Block::make_paragraph("Baris pengisi " + std::to_string(i)));
    doc.blocks.push_back(bundle::Block::make_heading(2, "JUDUL-UJI", "judul"));
    doc.blocks.push_back(bundle::Block::make_paragraph("PARAGRAF-SETELAH judul, yang harus berada di halaman yang sama."));
    auto r = bundle::render(doc);
    BOOST_REQUIRE(r.has_value());
    const std::string path = dir.write("k" + std::to_string(filler) + ".pdf", r->pdf);
    int heading_page = 0, text_page = 0;
    for (int p = 1; p <= r->page_count; ++p) {
      const std::string t = page_text(path, p);
      if (t.find("JUDUL-UJI") != std::string::npos) heading_page = p;
      if (t.find("PARAGRAF-SETELAH") != std::string::npos) text_page = p;
    }
    BOOST_TEST(heading_page == text_page, "filler " << filler);
    BOOST_TEST(r->anchors.back().first_page == heading_page);
  }
}

BOOST_AUTO_TEST_CASE(generic_render_tables_repeat_their_header) {
  bundle::LayoutDocument doc;
  doc.info.title = "Tabel";
  bundle::Block t;
  t.kind = bundle::BlockKind::table;
  t.header = {"KOLOM-A", "KOLOM-B"};
  for (int i = 0; i < 150; ++i) t.rows.push_back({{"baris " + std::to_string(i), {}}, {"nilai " + std::to_string(i), {}}});
  doc.blocks.push_back(t);
  auto r = bundle::render(doc);
  BOOST_REQUIRE(r.has_value());
  BOOST_TEST(r->page_count >= 3);
  TempDir dir;
  const std::string path = dir.write("t.pdf", r->pdf);
  for (int p = 1; p <= r->page_count; ++p) BOOST_TEST(page_text(path, p).find("KOLOM-A") != std::string::npos);
  BOOST_TEST(sh("pdftotext '" + path + "' -").out.find("baris 149") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(generic_render_refuses_a_broken_exhibit) {
  bundle::LayoutDocument doc;
  bundle::Block b;
  b.kind = bundle::BlockKind::pdf;
  b.anchor = "x";
  b.pdf = "%PDF-1.4 not really";
  doc.blocks.push_back(b);
  auto r = bundle::render(doc);
  BOOST_REQUIRE(!r.has_value());
  BOOST_TEST(r.error().code == core::ErrorCode::invalid_input);
}

// ---------------------------------------------------------------- exhibits naming a protected person

namespace {

// A one-page PDF whose content stream is `content` (Flate-compressed unless `plain`).
std::string exhibit_with_content(const std::string& content, bool plain = false) {
  using namespace PoDoFo;
  PdfMemDocument doc;
  PdfFont* font = doc.CreateFont("LiberationSans", false, false, false, PdfEncodingFactory::GlobalWinAnsiEncodingInstance(),
                                 PdfFontCache::eFontCreationFlags_None, true,
                                 "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf");
  PdfPage* page = doc.CreatePage(PdfPage::CreateStandardPageSize(ePdfPageSize_A4));
  page->GetResources()->GetDictionary().AddKey("Font", PdfDictionary());
  page->GetResources()->GetDictionary().GetKey("Font")->GetDictionary().AddKey("F1", font->GetObject()->Reference());
  PdfStream* s = page->GetContents()->GetStream();
  if (plain) s->Set(content.data(), static_cast<pdf_long>(content.size()), TVecFilters());
  else s->Set(content.data(), static_cast<pdf_long>(content.size()));
  PdfRefCountedBuffer buf;
  PdfOutputDevice dev(&buf);
  doc.Write(&dev);
  return std::string(buf.GetBuffer(), dev.GetLength());
}

}  // namespace

BOOST_AUTO_TEST_CASE(exhibits_showing_a_protected_name_are_withheld) {
  TempDir dir;
  struct Case {
    std::string name, content;
    bool withheld;
  };
  const std::vector<Case> cases = {
      {"kerned-compressed", "BT /F1 12 Tf 72 700 Td [(Si)-15(ti Rah)20(mawa)-5(ti)] TJ ET", true},
      {"first-name-only", "BT /F1 12 Tf 72 700 Td (Kepada Sdri. Rahmawati,) Tj ET", true},
      {"hex-upper-case", "BT /F1 12 Tf 72 700 Td <53495449205241484D4157415449> Tj ET", true},  // SITI RAHMAWATI
      {"escaped-octal", "BT /F1 12 Tf 72 700 Td (\\123iti Rahmawati) Tj ET", true},
      {"label-only", "BT /F1 12 Tf 72 700 Td (SURAT FIKTIF untuk pelatihan) Tj ET", false},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.name) {
      auto data = fictional_case(exhibit_with_content(c.content));
      auto r = bundle::build_bundle(data, options());
      BOOST_REQUIRE_MESSAGE(r.has_value(), (r ? std::string() : r.error().describe()));
      const bundle::ManifestEntry* ex = nullptr;
      for (const auto& e : r->manifest)
        if (e.kind == "lampiran") ex = &e;
      BOOST_REQUIRE(ex);
      BOOST_TEST(ex->withheld == c.withheld);
      const std::string path = dir.write(c.name + ".pdf", r->pdf);
      const std::string text = sh("pdftotext '" + path + "' -").out;
      const std::string qdf = sh("qpdf --qdf --object-streams=disable '" + path + "' -").out;
      BOOST_TEST(lower(text).find("rahmawati") == std::string::npos);
      BOOST_TEST(lower(qdf).find("rahmawati") == std::string::npos);
      const bool placeholder = text.find("This exhibit contains a protected identity and is withheld") != std::string::npos;
      BOOST_TEST(placeholder == c.withheld);
      if (c.withheld) BOOST_TEST(text.find(ex->sha256) != std::string::npos);
      BOOST_TEST(sh("qpdf --check '" + path + "'").code == 0);
    }
  }
  // Without forbidden strings (a cleared reader) the same exhibit is merged.
  auto data = fictional_case(exhibit_with_content(cases[0].content));
  data.forbidden_strings.clear();
  auto r = bundle::build_bundle(data, options());
  BOOST_REQUIRE(r.has_value());
  for (const auto& e : r->manifest) BOOST_TEST(!e.withheld);
}

BOOST_AUTO_TEST_CASE(bundle_identity_reads_back_from_the_pdf) {
  auto& B = built();
  auto id = bundle::read_bundle_identity(B.b.pdf);
  BOOST_REQUIRE_MESSAGE(id.has_value(), (id ? std::string() : id.error().describe()));
  BOOST_TEST(id->identifier == "PDM-17/JKT.PST/Eku.2/05/2024");
  BOOST_TEST(id->manifest_sha256 == B.b.manifest_sha256);
  BOOST_TEST(id->manifest_matches);
  BOOST_TEST(id->page_count == B.b.page_count);
  BOOST_REQUIRE(id->manifest.size() == B.b.manifest.size());
  for (std::size_t i = 0; i < id->manifest.size(); ++i) {
    BOOST_TEST(id->manifest[i].id == B.b.manifest[i].id);
    BOOST_TEST(id->manifest[i].version == B.b.manifest[i].version);
    BOOST_TEST(id->manifest[i].sha256 == B.b.manifest[i].sha256);
  }
  BOOST_TEST(bundle::read_bundle_identity(exhibit_pdf()).error().code == core::ErrorCode::invalid_input);
  BOOST_TEST(bundle::read_bundle_identity("not a pdf").error().code == core::ErrorCode::integrity);
}
