// extract/pdf: text layers, OCR of scanned pages, metadata, and the hostile PDFs read_pdf must
// refuse. Every PDF is written here by hand or made from one with qpdf and pdftoppm (FIKTIF).
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <thread>
#include <string>
#include <utility>
#include <vector>

#include "core/text.h"
#include "extract/pdf.h"
#include "page_files.h"
#include "support/temp_dir.h"

using namespace berkas;
using extract::Method;

namespace {

bool has_word(const std::string& text, const std::string& word) {
  return core::ascii_lower(text).find(core::ascii_lower(word)) != std::string::npos;
}

test::PdfPage text_page() {
  test::PdfPage p;
  p.lines = test::page_lines();
  return p;
}

// A PDF whose one page is a 300 dpi grey scan (JPEG) of the text page, with no text layer.
std::string scanned_pdf() {
  return test::make_pdf({test::jpeg_page(test::render(test::make_pdf({text_page()}), "jpeg"))});
}

std::string error_of(const core::Result<extract::Extracted>& r) { return r ? std::string() : r.error().message; }

}  // namespace

BOOST_AUTO_TEST_SUITE(pdf)

BOOST_AUTO_TEST_CASE(text_layer_per_page_with_metadata) {
  test::PdfPage second;
  second.lines = {"Halaman kedua: keterangan saksi tentang Kamboja."};
  const auto r = extract::read_pdf(test::make_pdf({text_page(), second}), {});
  BOOST_TEST_REQUIRE(r.has_value(), error_of(r));
  BOOST_TEST((r->format == extract::Format::pdf));
  BOOST_TEST_REQUIRE(r->units.size() == 2u);
  BOOST_TEST(r->units[0].number == 1);
  BOOST_TEST(r->units[1].number == 2);
  BOOST_TEST((r->units[0].method == Method::text_layer));
  BOOST_TEST(r->units[0].confidence == -1);
  BOOST_TEST(has_word(r->units[0].text, "Agen perekrutan menjanjikan pekerjaan di Kamboja."));
  BOOST_TEST(has_word(r->units[0].text, "Paspor para pekerja"));
  BOOST_TEST(!has_word(r->units[0].text, "Halaman kedua"));
  BOOST_TEST(has_word(r->units[1].text, "Halaman kedua"));
  BOOST_TEST(r->metadata.at("pdf.pages") == "2");
  BOOST_TEST(r->metadata.at("pdf.ocr_pages") == "0");
  BOOST_TEST(r->metadata.at("pdf.producer") == "Berkas uji FIKTIF");
  BOOST_TEST(r->metadata.at("pdf.title") == "Laporan perekrutan fiktif");
  BOOST_TEST(r->metadata.count("pdf.creator") == 0u);
}

BOOST_AUTO_TEST_CASE(no_info_dictionary_no_metadata) {
  const auto r = extract::read_pdf(test::make_pdf({text_page()}, false), {});
  BOOST_TEST_REQUIRE(r.has_value(), error_of(r));
  BOOST_TEST(r->metadata.count("pdf.producer") == 0u);
  BOOST_TEST(r->metadata.count("pdf.title") == 0u);
  BOOST_TEST(r->metadata.at("pdf.pages") == "1");
}

BOOST_AUTO_TEST_CASE(scanned_page_read_by_ocr_beside_a_text_page) {
  // Page 1 has a text layer, page 2 is the scan: only page 2 is OCR'd.
  const test::PdfPage scan = test::jpeg_page(test::render(test::make_pdf({text_page()}), "jpeg"));
  test::PdfPage first;
  first.lines = {"Sampul berkas perkara fiktif"};
  const auto r = extract::read_pdf(test::make_pdf({first, scan}), {});
  BOOST_TEST_REQUIRE(r.has_value(), error_of(r));
  BOOST_TEST_REQUIRE(r->units.size() == 2u);
  BOOST_TEST((r->units[0].method == Method::text_layer));
  BOOST_TEST((r->units[1].method == Method::ocr));
  BOOST_TEST(r->units[1].number == 2);
  for (const char* w : {"perekrutan", "Kamboja", "Paspor", "ditahan", "Fiktifwan"})
    BOOST_TEST(has_word(r->units[1].text, w), "OCR misses '" << w << "'");
  BOOST_TEST(r->units[1].confidence > 50);
  BOOST_TEST(r->units[1].confidence <= 100);
  BOOST_TEST(r->metadata.at("pdf.ocr_pages") == "1");
}

BOOST_AUTO_TEST_CASE(two_calls_at_once) {
  // read_pdf from two threads at once (each OCR'ing on its own thread) reads the same.
  const std::string pdf = scanned_pdf();
  extract::Limits limits;
  limits.ocr_threads = 1;
  core::Result<extract::Extracted> a, b;
  std::thread other([&] { b = extract::read_pdf(pdf, limits); });
  a = extract::read_pdf(pdf, limits);
  other.join();
  BOOST_TEST_REQUIRE(a.has_value(), error_of(a));
  BOOST_TEST_REQUIRE(b.has_value(), error_of(b));
  BOOST_TEST(a->units.at(0).text == b->units.at(0).text);
  BOOST_TEST(has_word(a->units.at(0).text, "Kamboja"));
}

BOOST_AUTO_TEST_CASE(blank_page_is_an_empty_ocr_unit) {
  const auto r = extract::read_pdf(test::make_pdf({test::PdfPage{}}), {});
  BOOST_TEST_REQUIRE(r.has_value(), error_of(r));
  BOOST_TEST_REQUIRE(r->units.size() == 1u);
  BOOST_TEST((r->units[0].method == Method::ocr));
  BOOST_TEST(r->units[0].text.empty());
  BOOST_TEST(r->metadata.at("pdf.ocr_pages") == "1");
}

BOOST_AUTO_TEST_CASE(ocr_page_over_its_time_limit_fails_the_whole_call) {
  extract::Limits limits;
  limits.ocr_page_seconds = 0;
  const auto start = std::chrono::steady_clock::now();
  const auto r = extract::read_pdf(scanned_pdf(), limits);
  BOOST_TEST_REQUIRE(!r.has_value());
  BOOST_TEST((r.error().code == core::ErrorCode::invalid_input));
  BOOST_TEST(r.error().message == "halaman 1: OCR melebihi batas waktu / page 1: OCR exceeded its time limit");
  BOOST_TEST((std::chrono::steady_clock::now() - start < std::chrono::seconds(60)));
}

BOOST_AUTO_TEST_CASE(encrypted_pdfs_refused) {
  test::TempDir tmp;
  const std::string plain = tmp.write("plain.pdf", test::make_pdf({text_page()}));
  // With a user password, and with an empty one (opens without asking, still encrypted).
  for (const std::string user : {"rahasia", ""}) {
    const std::string out = tmp.file("locked.pdf");
    test::shell("qpdf --encrypt '" + user + "' pemilik 256 -- " + plain + " " + out);
    const auto r = extract::read_pdf(test::read_file(out), {});
    BOOST_TEST_REQUIRE(!r.has_value(), "user password '" << user << "'");
    BOOST_TEST((r.error().code == core::ErrorCode::invalid_input));
    BOOST_TEST(r.error().message == "PDF terenkripsi / encrypted PDF");
  }
}

BOOST_AUTO_TEST_CASE(garbage_truncated_and_empty_refused) {
  std::string garbage = "%PDF-1.7\n";
  for (int i = 0; i < 4000; ++i) garbage += static_cast<char>((i * 7919) % 251);
  const std::string good = test::make_pdf({text_page()});
  for (const std::string& bad : {garbage, good.substr(0, good.size() / 4), std::string("%PDF-"), std::string()}) {
    const auto r = extract::read_pdf(bad, {});
    BOOST_TEST_REQUIRE(!r.has_value());
    BOOST_TEST((r.error().code == core::ErrorCode::invalid_input));
    BOOST_TEST(r.error().message == "PDF tidak dapat dibaca / unreadable PDF");
  }
}

BOOST_AUTO_TEST_CASE(xref_loop_terminates) {
  // The trailer's /Prev points at its own cross-reference section: poppler must not follow it
  // forever. The objects themselves are intact, so the text is still read.
  std::string pdf = test::make_pdf({text_page()});
  const std::size_t startxref = pdf.rfind("startxref\n") + 10;
  const std::string xref_at = pdf.substr(startxref, pdf.find('\n', startxref) - startxref);
  const std::size_t trailer_end = pdf.rfind(" >>\nstartxref");
  pdf.insert(trailer_end, " /Prev " + xref_at);
  const auto start = std::chrono::steady_clock::now();
  const auto r = extract::read_pdf(pdf, {});
  BOOST_TEST((std::chrono::steady_clock::now() - start < std::chrono::seconds(10)));
  BOOST_TEST_REQUIRE(r.has_value(), error_of(r));
  BOOST_TEST(has_word(r->units.at(0).text, "Kamboja"));
}

BOOST_AUTO_TEST_CASE(page_tree_loop_refused) {
  // The page tree's only kid is the tree itself, and no object is a page.
  std::string pdf = test::make_pdf({text_page()});
  const std::size_t kids = pdf.find("/Kids [5 0 R ]");
  BOOST_TEST_REQUIRE(kids != std::string::npos);
  pdf.replace(kids, 14, "/Kids [2 0 R ]");
  const std::size_t page = pdf.find("/Type /Page /Parent");
  pdf.replace(page, 11, "/Type /Pagx");
  const auto r = extract::read_pdf(pdf, {});
  BOOST_TEST_REQUIRE(!r.has_value());
  BOOST_TEST((r.error().code == core::ErrorCode::invalid_input));
}

BOOST_AUTO_TEST_CASE(more_pages_than_max_pages_refused) {
  extract::Limits limits;
  limits.max_pages = 2;
  const auto r = extract::read_pdf(test::make_pdf({text_page(), text_page(), text_page()}), limits);
  BOOST_TEST_REQUIRE(!r.has_value());
  BOOST_TEST(r.error().message == "PDF melebihi batas halaman (3 > 2) / PDF exceeds the page limit");
  limits.max_pages = 3;
  BOOST_TEST(extract::read_pdf(test::make_pdf({text_page(), text_page(), text_page()}), limits).has_value());
}

BOOST_AUTO_TEST_CASE(absurd_page_count_refused_quickly) {
  // The page tree claims a billion pages and holds one.
  std::string pdf = test::make_pdf({text_page()});
  const std::size_t count = pdf.find("/Count 1 ");
  BOOST_TEST_REQUIRE(count != std::string::npos);
  pdf.replace(count, 9, "/Count 1000000000 ");
  const auto start = std::chrono::steady_clock::now();
  const auto r = extract::read_pdf(pdf, {});
  BOOST_TEST((std::chrono::steady_clock::now() - start < std::chrono::seconds(5)));
  BOOST_TEST_REQUIRE(!r.has_value());
  BOOST_TEST((r.error().code == core::ErrorCode::invalid_input));
  // Poppler does not believe a count above the number of objects in the file: no pages.
  BOOST_TEST(r.error().message == "PDF tanpa halaman / PDF without pages");
}

BOOST_AUTO_TEST_CASE(page_too_large_to_render_refused_before_rendering) {
  // 200 x 200 inches with no text: 60000 x 60000 pixels at 300 dpi.
  test::PdfPage huge;
  huge.width = huge.height = 14400;
  const auto start = std::chrono::steady_clock::now();
  const auto r = extract::read_pdf(test::make_pdf({text_page(), huge}), {});
  BOOST_TEST((std::chrono::steady_clock::now() - start < std::chrono::seconds(5)));
  BOOST_TEST_REQUIRE(!r.has_value());
  BOOST_TEST(r.error().message ==
             "halaman 2: ukuran untuk OCR melebihi batas piksel / page 2: its size for OCR exceeds the pixel limit");
  // The same page with a text layer is not rendered, so it is read.
  huge.lines = {"Teks pada halaman besar"};
  BOOST_TEST(extract::read_pdf(test::make_pdf({huge}), {}).has_value());
}

BOOST_AUTO_TEST_CASE(over_max_bytes_refused) {
  extract::Limits limits;
  const std::string pdf = test::make_pdf({text_page()});
  limits.max_bytes = pdf.size() - 1;
  const auto r = extract::read_pdf(pdf, limits);
  BOOST_TEST_REQUIRE(!r.has_value());
  BOOST_TEST(r.error().message == "PDF melebihi batas ukuran / PDF exceeds the size limit");
}

BOOST_AUTO_TEST_CASE(poppler_prints_nothing) {
  // A broken file makes poppler complain; none of it may reach the process's stderr (a PDF's
  // text can hold protected names, and logs are not the place for any of it).
  std::string pdf = test::make_pdf({text_page()});
  pdf[pdf.rfind("startxref\n") + 10] = '9';  // a wrong xref offset: poppler repairs, and says so
  core::Result<extract::Extracted> repaired, garbage;
  const std::string err = test::captured_stderr([&] {
    repaired = extract::read_pdf(pdf, {});
    garbage = extract::read_pdf("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\n", {});
  });
  BOOST_TEST(repaired.has_value());
  BOOST_TEST(!garbage.has_value());
  BOOST_TEST(err.empty(), "stderr: " << err);
}

BOOST_AUTO_TEST_CASE(pages_are_told_as_they_are_read_text_layer_first_then_each_ocr_page) {
  // Page 1 has a text layer, pages 2 to 4 are scans read on two OCR threads: the text page is
  // told at once (1 of 4), then each OCR page as it finishes, one call at a time, only forward.
  const test::PdfPage scan = test::jpeg_page(test::render(test::make_pdf({text_page()}), "jpeg"));
  test::PdfPage first;
  first.lines = {"Sampul berkas perkara fiktif"};
  std::vector<std::pair<int, int>> told;
  std::atomic<int> inside{0};
  bool overlapped = false;
  extract::Limits limits;
  limits.ocr_threads = 2;
  limits.on_page = [&](int done, int total) {
    overlapped = overlapped || inside.fetch_add(1) != 0;  // another call at the same time?
    told.emplace_back(done, total);
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    inside.fetch_sub(1);
  };
  const auto r = extract::read_pdf(test::make_pdf({first, scan, scan, scan}), limits);
  BOOST_TEST_REQUIRE(r.has_value(), error_of(r));
  BOOST_TEST(!overlapped);
  const std::vector<std::pair<int, int>> expected{{1, 4}, {2, 4}, {3, 4}, {4, 4}};
  BOOST_TEST((told == expected));
}

BOOST_AUTO_TEST_CASE(a_cancelled_read_stops_with_its_reason) {
  const test::PdfPage scan = test::jpeg_page(test::render(test::make_pdf({text_page()}), "jpeg"));
  std::atomic<bool> cancel{false};
  extract::Limits limits;
  limits.ocr_threads = 1;
  limits.cancel = &cancel;
  int told = 0;
  // Cancelled once the first page is read: the second is not started.
  limits.on_page = [&](int done, int) {
    told = done;
    if (done >= 1) cancel = true;
  };
  const auto r = extract::read_pdf(test::make_pdf({scan, scan, scan}), limits);
  BOOST_TEST_REQUIRE(!r.has_value());
  BOOST_TEST(r.error().message.find("reading cancelled") != std::string::npos, r.error().message);
  BOOST_TEST(told == 1);
  // Not cancelled: the same file reads whole.
  cancel = false;
  limits.on_page = {};
  BOOST_TEST(extract::read_pdf(test::make_pdf({scan}), limits).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
