// extract/ocr: tesseract on page images — the words of a rendered page, the same text on one
// thread or several, the time limit, and malformed images (FIKTIF pages, rendered by pdftoppm).
#include <boost/test/unit_test.hpp>

#include <dlfcn.h>

#include <atomic>
#include <string>
#include <vector>

#include "core/text.h"
#include "extract/ocr.h"
#include "page_files.h"

using namespace berkas;

namespace {

// A page of these lines rendered in grey at `dpi` by pdftoppm, as an extract::Image.
extract::Image page_image(const std::vector<std::string>& lines, int dpi = 200) {
  test::PdfPage p;
  p.lines = lines;
  const test::Pgm g = test::parse_pgm(test::render(test::make_pdf({p}), "pgm", dpi));
  extract::Image img;
  img.width = g.width;
  img.height = g.height;
  img.stride = g.width;
  img.channels = 1;
  img.dpi = dpi;
  img.pixels.assign(g.samples.begin(), g.samples.end());
  return img;
}

std::vector<extract::Image> four_pages() {
  std::vector<extract::Image> pages;
  pages.push_back(page_image(test::page_lines()));
  pages.push_back(page_image({"Halaman dua: Kamboja", "Kontrak kerja palsu"}));
  pages.push_back(page_image({"Halaman tiga: paspor ditahan"}));
  pages.push_back(page_image({"Halaman empat: pemulangan korban"}));
  return pages;
}

bool has_word(const std::string& text, const std::string& word) {
  return core::ascii_lower(text).find(core::ascii_lower(word)) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(ocr)

BOOST_AUTO_TEST_CASE(words_and_confidence_of_a_page) {
  extract::Limits limits;
  limits.ocr_threads = 1;
  const auto r = extract::ocr_pages({page_image(test::page_lines(), 300)}, limits);
  BOOST_TEST_REQUIRE(r.has_value(), (r ? "" : r.error().message));
  BOOST_TEST_REQUIRE(r->size() == 1u);
  const extract::Unit& u = r->front();
  BOOST_TEST(u.number == 1);
  BOOST_TEST((u.method == extract::Method::ocr));
  for (const char* w : {"perekrutan", "Kamboja", "Paspor", "ditahan", "pekerjaan"})
    BOOST_TEST(has_word(u.text, w), "OCR misses '" << w << "'");
  BOOST_TEST_MESSAGE("page confidence " << u.confidence);
  BOOST_TEST(u.confidence > 50);
  for (char c : u.text) BOOST_TEST((static_cast<unsigned char>(c) >= 0x20 || c == '\n' || c == '\t'));
}

BOOST_AUTO_TEST_CASE(two_threads_give_the_same_text_as_one) {
  const auto pages = four_pages();
  extract::Limits one;
  one.ocr_threads = 1;
  extract::Limits two;
  two.ocr_threads = 2;
  const auto a = extract::ocr_pages(pages, one);
  const auto b = extract::ocr_pages(pages, two);
  BOOST_TEST_REQUIRE(a.has_value());
  BOOST_TEST_REQUIRE(b.has_value());
  BOOST_TEST_REQUIRE(a->size() == 4u);
  BOOST_TEST_REQUIRE(b->size() == 4u);
  for (std::size_t i = 0; i < 4; ++i) {
    BOOST_TEST((*a)[i].number == static_cast<int>(i) + 1);
    BOOST_TEST((*b)[i].number == static_cast<int>(i) + 1);
    BOOST_TEST((*a)[i].text == (*b)[i].text);
    BOOST_TEST((*a)[i].confidence == (*b)[i].confidence);
  }
  BOOST_TEST(has_word((*a)[1].text, "Kontrak"));
  BOOST_TEST(has_word((*a)[2].text, "paspor"));
  BOOST_TEST(has_word((*a)[3].text, "pemulangan"));
}

BOOST_AUTO_TEST_CASE(openmp_setting_of_the_calling_thread_restored) {
  // ocr_pages reads on the calling thread too, with tesseract's OpenMP regions serial; the
  // caller's own setting must be as it was afterwards. Debian's tesseract links libgomp.
  auto get = reinterpret_cast<int (*)()>(dlsym(RTLD_DEFAULT, "omp_get_max_active_levels"));
  BOOST_TEST_REQUIRE(get != nullptr);
  const int before = get();
  BOOST_TEST(before > 0);
  extract::Limits limits;
  limits.ocr_threads = 1;
  BOOST_TEST(extract::ocr_pages({page_image({"Kamboja"}, 100)}, limits).has_value());
  BOOST_TEST(get() == before);
}

BOOST_AUTO_TEST_CASE(no_page_text_on_stderr) {
  // Page text can hold protected names: whatever tesseract prints (with no resolution given it
  // guesses one, and may say so) must not carry it.
  auto page = page_image(test::page_lines(), 200);
  page.dpi = 0;
  core::Result<std::vector<extract::Unit>> r;
  const std::string err = test::captured_stderr([&] { r = extract::ocr_pages({page}, {}); });
  BOOST_TEST_REQUIRE(r.has_value());
  BOOST_TEST(has_word(r->front().text, "Kamboja"));
  for (const char* w : {"Kamboja", "perekrutan", "Paspor", "Fiktifwan"}) BOOST_TEST(!has_word(err, w));
}

BOOST_AUTO_TEST_CASE(pages_made_on_demand_in_order_and_numbered) {
  const auto base = page_image({"Halaman lima: Kamboja"});
  std::vector<std::size_t> asked;
  auto page_at = [&](std::size_t i) -> core::Result<extract::Image> {
    asked.push_back(i);  // called under ocr_pages's lock
    extract::Image img = base;
    img.number = 10 + static_cast<int>(i);
    return img;
  };
  extract::Limits limits;
  limits.ocr_threads = 2;
  const auto r = extract::ocr_pages(3, page_at, limits);
  BOOST_TEST_REQUIRE(r.has_value());
  BOOST_TEST((asked == std::vector<std::size_t>{0, 1, 2}));
  BOOST_TEST((*r)[0].number == 10);
  BOOST_TEST((*r)[2].number == 12);
  BOOST_TEST(has_word((*r)[2].text, "Kamboja"));
}

BOOST_AUTO_TEST_CASE(an_error_from_page_at_ends_the_call) {
  const auto base = page_image({"Halaman enam"});
  std::atomic<int> calls{0};
  auto page_at = [&](std::size_t i) -> core::Result<extract::Image> {
    ++calls;
    if (i == 1) return core::fail(core::ErrorCode::invalid_input, "halaman 2 rusak / page 2 is broken");
    return base;
  };
  extract::Limits limits;
  limits.ocr_threads = 1;
  const auto r = extract::ocr_pages(5, page_at, limits);
  BOOST_TEST_REQUIRE(!r.has_value());
  BOOST_TEST(r.error().message == "halaman 2 rusak / page 2 is broken");
  BOOST_TEST(calls.load() == 2);
}

BOOST_AUTO_TEST_CASE(time_limit) {
  extract::Limits limits;
  limits.ocr_page_seconds = 0;
  limits.ocr_threads = 2;
  const auto r = extract::ocr_pages(four_pages(), limits);
  BOOST_TEST_REQUIRE(!r.has_value());
  BOOST_TEST((r.error().code == core::ErrorCode::invalid_input));
  BOOST_TEST(r.error().message.find("OCR melebihi batas waktu / page ") != std::string::npos);
  BOOST_TEST(r.error().message.find("OCR exceeded its time limit") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(malformed_and_oversized_images_refused) {
  extract::Image ok = page_image({"Kamboja"});
  std::vector<extract::Image> bad(5, ok);
  bad[0].stride = ok.width - 1;        // rows overlap
  bad[1].pixels.resize(ok.pixels.size() / 2);  // fewer samples than the rows need
  bad[2].channels = 2;
  bad[3].width = 0;
  for (int i = 0; i < 4; ++i) {
    const auto r = extract::ocr_pages({bad[static_cast<std::size_t>(i)]}, {});
    BOOST_TEST_REQUIRE(!r.has_value());
    BOOST_TEST(r.error().message == "halaman 1: gambar tidak sah / page 1: malformed image");
  }
  extract::Limits limits;
  limits.max_pixels = static_cast<std::uint64_t>(ok.width) * ok.height - 1;
  const auto r = extract::ocr_pages({ok}, limits);
  BOOST_TEST_REQUIRE(!r.has_value());
  BOOST_TEST(r.error().message == "halaman 1: gambar melebihi batas piksel / page 1: image exceeds the pixel limit");
}

BOOST_AUTO_TEST_CASE(missing_language_data_is_an_io_error) {
  extract::Limits limits;
  limits.ocr_languages = "xyz";
  const auto r = extract::ocr_pages({page_image({"Kamboja"})}, limits);
  BOOST_TEST_REQUIRE(!r.has_value());
  BOOST_TEST((r.error().code == core::ErrorCode::io));
}

BOOST_AUTO_TEST_CASE(no_pages_no_units) {
  const auto r = extract::ocr_pages(std::vector<extract::Image>{}, {});
  BOOST_TEST_REQUIRE(r.has_value());
  BOOST_TEST(r->empty());
}

BOOST_AUTO_TEST_SUITE_END()
