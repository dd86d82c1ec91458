// bundle: native evidence items in the court bundle — a scanned PDF's OCR text as an invisible
// layer on its page, photos (PNG, JPEG, TIFF made by poppler's pdftoppm) decoded by PoDoFo and
// placed one to a page, withholding by the OCR text, the forbidden-string guard over invisible
// text. Bundles are read back with PoDoFo, pdftotext and pdfimages. All data here is FIKTIF.
#define BOOST_TEST_MODULE bundle_native
#include <boost/test/unit_test.hpp>

#include <podofo/podofo.h>

#include <algorithm>
#include <string>

#include "bundle/bundle.h"
#include "core/hash.h"
#include "support/pdf_files.h"
#include "support/process.h"
#include "support/temp_dir.h"

using namespace berkas;
using berkas::test::TempDir;

namespace {

constexpr const char* k_protected_name = "Siti Rahmawati Fiktif";

std::string tool(const std::vector<std::string>& argv) {
  auto r = test::run(argv);
  BOOST_REQUIRE_MESSAGE(r.code == 0, argv[0] << " failed: " << r.err);
  return r.out;
}

std::string page_text(const std::string& pdf, int page) {
  return tool({"/usr/bin/pdftotext", "-f", std::to_string(page), "-l", std::to_string(page), pdf, "-"});
}

// A grey raster of a one-page text PDF in `format` ("png", "jpeg", "tiff") by pdftoppm, at 72 dpi.
std::string raster(const TempDir& dir, const std::string& format, const std::string& line) {
  test::PdfPage p;
  p.lines = {line};
  const auto src = dir.write(format + "-src.pdf", test::make_pdf({p}));
  const auto prefix = dir.file("img-" + format);
  tool({"/usr/bin/pdftoppm", "-r", "72", "-gray", "-" + format, "-singlefile", src, prefix});
  return test::read_file(prefix + (format == "jpeg" ? ".jpg" : format == "tiff" ? ".tif" : ".png"));
}

bundle::CaseData base_case() {
  bundle::CaseData d;
  d.case_info.id = "perkara-fiktif-native";
  d.case_info.register_number = "PDM-99/FIKTIF/2024";
  d.case_info.title = "FIKTIF: bukti asli";
  d.case_info.offence_date = "2024-02-01";
  d.case_info.fictional = true;
  d.persons = {{"org-korban-a", "Saksi A", core::PersonRole::saksi_korban, true}};
  d.forbidden_strings = {k_protected_name};
  return d;
}

core::EvidenceItem native_item(const std::string& id, const std::string& format, const std::string& bytes) {
  core::EvidenceItem it;
  it.id = id;
  it.kind = core::EvidenceKind::surat;
  it.title = "Bukti asli " + id + " (FIKTIF)";
  it.date = "2024-02-10";
  it.source_sha256 = core::sha256_hex(bytes);
  it.original.file_name = id + "." + format;
  it.original.format = format;
  it.original.media_type = format == "pdf" ? "application/pdf" : "image/" + format;
  return it;
}

core::TextUnit unit(int number, const std::string& method, const std::string& text) {
  core::TextUnit u;
  u.number = number;
  u.method = method;
  u.text = text;
  return u;
}

bundle::BundleOptions options() {
  bundle::BundleOptions o;
  o.template_path = test::source_path("templates/court-bundle.xml");
  o.stamp_prefix = "UJI-";
  o.date = "2024-05-20";
  return o;
}

// The first 1-based page whose text holds every one of `parts`; 0 if none.
int page_with(const std::string& pdf, int pages, const std::vector<std::string>& parts) {
  for (int p = 1; p <= pages; ++p) {
    const std::string t = page_text(pdf, p);
    if (std::all_of(parts.begin(), parts.end(), [&](const std::string& x) { return t.find(x) != std::string::npos; }))
      return p;
  }
  return 0;
}

}  // namespace

namespace berkas::core {
inline std::ostream& operator<<(std::ostream& os, ErrorCode c) { return os << to_string(c); }
}  // namespace berkas::core

BOOST_AUTO_TEST_CASE(a_scanned_page_carries_its_ocr_text_invisibly_on_its_own_page) {
  TempDir dir;
  test::PdfPage typed;
  typed.lines = {"HALAMAN BERTEKS (FIKTIF)"};
  test::PdfPage blank;  // stands for a scan: nothing to extract
  const std::string pdf = test::make_pdf({typed, blank});
  auto data = base_case();
  auto it = native_item("surat-pindaian", "pdf", pdf);
  it.units = {unit(1, "text-layer", "HALAMAN BERTEKS (FIKTIF)"), unit(2, "ocr", "KATAOCRTERSEMBUNYI rekening penampungan")};
  data.items.push_back(it);
  data.attachments.emplace(it.source_sha256, pdf);
  auto b = bundle::build_bundle(data, options());
  BOOST_REQUIRE_MESSAGE(b.has_value(), (b ? std::string() : b.error().describe()));
  const auto path = dir.write("b.pdf", b->pdf);
  BOOST_TEST(test::run({"/usr/bin/qpdf", "--check", path}).code == 0);
  const int p2 = page_with(path, b->page_count, {"halaman 2 dari 2"});
  BOOST_REQUIRE(p2 > 0);
  BOOST_TEST(page_text(path, p2).find("KATAOCRTERSEMBUNYI") != std::string::npos);
  BOOST_TEST(page_text(path, p2 - 1).find("HALAMAN BERTEKS") != std::string::npos);
  // Only on that page: the derived text is not laid out as text elsewhere.
  int found = 0;
  for (int p = 1; p <= b->page_count; ++p) found += page_text(path, p).find("KATAOCRTERSEMBUNYI") != std::string::npos;
  BOOST_TEST(found == 1);
  // Read back: the page draws it in text render mode 3.
  PoDoFo::PdfMemDocument doc;
  doc.LoadFromBuffer(b->pdf.data(), static_cast<long>(b->pdf.size()));
  char* buf = nullptr;
  PoDoFo::pdf_long len = 0;
  doc.GetPage(p2 - 1)->GetContents()->GetStream()->GetFilteredCopy(&buf, &len);
  const std::string content(buf, static_cast<std::size_t>(len));
  PoDoFo::podofo_free(buf);
  const auto tr = content.find("3 Tr");
  BOOST_REQUIRE(tr != std::string::npos);
  BOOST_TEST(content.find("(KATAOCRTERSEMBUNYI") > tr);
  // The manifest says how the text was obtained.
  BOOST_TEST(b->manifest.front().origin.find("OCR (hlm. 2)") != std::string::npos, b->manifest.front().origin);
  // Same inputs, same bytes.
  auto again = bundle::build_bundle(data, options());
  BOOST_REQUIRE(again.has_value());
  BOOST_TEST(again->pdf == b->pdf);
}

BOOST_AUTO_TEST_CASE(photos_in_png_jpeg_and_tiff_each_get_a_page_with_one_image) {
  TempDir dir;
  auto data = base_case();
  for (const std::string f : {"png", "jpeg", "tiff"}) {
    const std::string img = raster(dir, f, "FOTO " + f);
    auto it = native_item("foto-" + f, f, img);
    it.units = {unit(1, "ocr", "TEKSFOTO" + f)};
    it.original.metadata = {{"exif.camera", "Kamera Contoh " + f}, {"exif.datetime", "2024-02-11T10:00:00"}};
    data.items.push_back(it);
    data.attachments.emplace(it.source_sha256, img);
  }
  auto b = bundle::build_bundle(data, options());
  BOOST_REQUIRE_MESSAGE(b.has_value(), (b ? std::string() : b.error().describe()));
  const auto path = dir.write("foto.pdf", b->pdf);
  BOOST_TEST(test::run({"/usr/bin/qpdf", "--check", path}).code == 0);
  for (const std::string f : {"png", "jpeg", "tiff"}) {
    BOOST_TEST_CONTEXT(f) {
      // The caption with the facts under the photo (the index names the photo too).
      const int p = page_with(path, b->page_count, {"Berkas asli / original foto-" + f, "EXIF"});
      BOOST_REQUIRE(p > 0);
      const std::string text = page_text(path, p);
      BOOST_TEST(text.find("TEKSFOTO" + f) != std::string::npos, text);
      BOOST_TEST(text.find("Kamera Contoh " + f) != std::string::npos, text);
      BOOST_TEST(text.find("UJI-" + std::string(6 - std::to_string(p).size(), '0') + std::to_string(p)) != std::string::npos);
      const std::string list = tool({"/usr/bin/pdfimages", "-f", std::to_string(p), "-l", std::to_string(p), "-list", path});
      BOOST_TEST(std::count(list.begin(), list.end(), '\n') == 3, list);
    }
  }
  // Bad bytes are refused by name, with nothing returned.
  auto broken = base_case();
  auto it = native_item("foto-rusak", "png", "\x89PNG\r\n\x1a\n not a picture");
  broken.items.push_back(it);
  broken.attachments.emplace(it.source_sha256, "\x89PNG\r\n\x1a\n not a picture");
  auto r = bundle::build_bundle(broken, options());
  BOOST_REQUIRE(!r.has_value());
  BOOST_TEST(r.error().code == core::ErrorCode::invalid_input);
}

BOOST_AUTO_TEST_CASE(a_chats_photo_attachment_follows_its_transcript_as_an_image_exhibit) {
  TempDir dir;
  const std::string photo = raster(dir, "jpeg", "FOTO LAMPIRAN");
  const std::string chat = "12/02/24 09.19 - Saksi A: IMG-0003.jpg (file terlampir)\n";
  auto data = base_case();
  auto it = native_item("elektronik-obrolan", "whatsapp-text", chat);
  it.original.media_type = "text/plain";
  core::TextUnit m = unit(1, "parsed", "foto paspor");
  m.sender = "Saksi A";
  m.time = "2024-02-12T09:19";
  m.media = "IMG-0003.jpg";
  it.units = {m};
  core::Attachment a;
  a.name = "IMG-0003.jpg";
  a.media_type = "image/jpeg";
  a.sha256 = core::sha256_hex(photo);
  a.size = static_cast<std::int64_t>(photo.size());
  it.attachments = {a};
  data.items.push_back(it);
  data.attachments.emplace(a.sha256, photo);
  auto b = bundle::build_bundle(data, options());
  BOOST_REQUIRE_MESSAGE(b.has_value(), (b ? std::string() : b.error().describe()));
  const auto path = dir.write("obrolan.pdf", b->pdf);
  const int transcript = page_with(path, b->page_count, {"Pengirim / sender", "[media: IMG-0003.jpg]"});
  const int exhibit = page_with(path, b->page_count, {"Lampiran 1 elektronik-obrolan: IMG-0003.jpg", a.sha256});
  BOOST_REQUIRE(transcript > 0);
  BOOST_REQUIRE(exhibit > transcript);
  const std::string list = tool({"/usr/bin/pdfimages", "-f", std::to_string(exhibit), "-l", std::to_string(exhibit), "-list", path});
  BOOST_TEST(std::count(list.begin(), list.end(), '\n') == 3, list);
  bool listed = false;
  for (const auto& e : b->manifest) listed |= e.kind == "lampiran" && e.sha256 == a.sha256 && !e.withheld;
  BOOST_TEST(listed);
}

BOOST_AUTO_TEST_CASE(originals_showing_a_protected_name_are_withheld) {
  TempDir dir;
  const std::string pdf = test::make_pdf({test::PdfPage{}});
  const std::string png = raster(dir, "png", "FOTO");
  // By the OCR text (a scan has no text layer), by the caller's word, by an EXIF fact.
  auto by_ocr = native_item("pindaian", "pdf", pdf);
  by_ocr.units = {unit(1, "ocr", "Diterima oleh Rahmawati")};
  auto by_caller = native_item("foto-a", "png", png);
  by_caller.units = {unit(1, "ocr", "diterima oleh Saksi A")};
  auto by_exif = native_item("foto-b", "png", png + std::string(1, '\0'));
  by_exif.original.metadata = {{"exif.camera", "Ponsel Siti Rahmawati"}};
  for (bool reveal : {false, true}) {
    BOOST_TEST_CONTEXT((reveal ? "revealed" : "pseudonymised")) {
      auto data = base_case();
      if (reveal) data.forbidden_strings.clear();
      data.items = {by_ocr, by_caller, by_exif};
      data.attachments = {{by_ocr.source_sha256, pdf}, {by_caller.source_sha256, png}, {by_exif.source_sha256, png + std::string(1, '\0')}};
      if (!reveal) data.originals_naming_protected = {by_caller.source_sha256};
      // The OCR'd name and the EXIF fact stand for what a caller's redaction missed.
      auto b = bundle::build_bundle(data, options());
      BOOST_REQUIRE_MESSAGE(b.has_value(), (b ? std::string() : b.error().describe()));
      int withheld = 0;
      for (const auto& e : b->manifest) withheld += e.withheld;
      BOOST_TEST(withheld == (reveal ? 0 : 3));
      const auto path = dir.write(std::string(reveal ? "open" : "closed") + ".pdf", b->pdf);
      const std::string text = tool({"/usr/bin/pdftotext", path, "-"});
      const std::string list = tool({"/usr/bin/pdfimages", "-list", path});
      BOOST_TEST(std::count(list.begin(), list.end(), '\n') == (reveal ? 4 : 2), list);
      BOOST_TEST((text.find("This exhibit contains a protected identity and is withheld") != std::string::npos) == !reveal);
    }
  }
}

BOOST_AUTO_TEST_CASE(the_guard_sees_invisible_text) {
  auto data = base_case();
  const std::string pdf = test::make_pdf({test::PdfPage{}});
  auto it = native_item("pindaian", "pdf", pdf);
  it.units = {unit(1, "ocr", std::string("nama ") + k_protected_name)};
  data.items.push_back(it);
  data.attachments.emplace(it.source_sha256, pdf);
  // Withheld (it shows the name) ...
  auto b = bundle::build_bundle(data, options());
  BOOST_REQUIRE(b.has_value());
  BOOST_TEST(b->manifest.front().withheld);
  // ... and a layout that lays it invisibly anyway is refused outright.
  auto doc = bundle::make_layout(data, options());
  BOOST_REQUIRE(doc.has_value());
  bundle::Block leak;
  leak.kind = bundle::BlockKind::pdf;
  leak.pdf = pdf;
  leak.page_texts = {k_protected_name};
  doc->blocks.push_back(leak);
  auto r = bundle::render(*doc);
  BOOST_REQUIRE(!r.has_value());
  BOOST_TEST(r.error().code == core::ErrorCode::forbidden);
}
