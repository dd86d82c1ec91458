// extract/image: scans and photos (PNG, JPEG with EXIF, multi-page TIFF) read by OCR, the header
// size readers, and decompression bombs refused before decoding. Inputs are made here (FIKTIF).
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <string>
#include <vector>

#include "core/text.h"
#include "extract/image.h"
#include "extract/internal/image_header.h"
#include "page_files.h"

using namespace berkas;
using extract::internal::ImageSize;

namespace {

bool has_word(const std::string& text, const std::string& word) {
  return core::ascii_lower(text).find(core::ascii_lower(word)) != std::string::npos;
}

std::string page_pdf() {
  test::PdfPage p;
  p.lines = test::page_lines();
  return test::make_pdf({p});
}

// One IFD entry: tag, type (2 ASCII, 3 SHORT, 4 LONG, 5 RATIONAL, 1 BYTE), count, value bytes.
struct Entry {
  unsigned tag, type;
  std::uint32_t count;
  std::string value;
};

std::string ascii(const std::string& s) { return s + '\0'; }
std::string rationals(const std::vector<std::pair<std::uint32_t, std::uint32_t>>& rs) {
  std::string o;
  for (const auto& [n, d] : rs) {
    test::put32(o, n);
    test::put32(o, d);
  }
  return o;
}
std::string long_value(std::uint32_t v) {
  std::string o;
  test::put32(o, v);
  return o;
}

// An IFD at offset `at` of a little-endian TIFF stream, its long values right after it.
std::string ifd(const std::vector<Entry>& entries, std::uint32_t at) {
  std::string head, data;
  const std::uint32_t data_at = at + 2 + 12 * static_cast<std::uint32_t>(entries.size()) + 4;
  test::put16(head, static_cast<unsigned>(entries.size()));
  for (const Entry& e : entries) {
    test::put16(head, e.tag);
    test::put16(head, e.type);
    test::put32(head, e.count);
    if (e.value.size() <= 4) {
      head += e.value + std::string(4 - e.value.size(), '\0');
    } else {
      test::put32(head, data_at + static_cast<std::uint32_t>(data.size()));
      data += e.value;
      if (data.size() % 2) data += '\0';
    }
  }
  test::put32(head, 0);
  return head + data;
}

// A JPEG APP1 EXIF segment: Make, Model, DateTimeOriginal and GPS (6°10'31.4112"S, 106°49'37.7508"E).
std::string exif_app1(const std::string& make, const std::string& model, const std::string& when) {
  auto ifd0 = [&](std::uint32_t exif_at, std::uint32_t gps_at) {
    return ifd({{0x010F, 2, static_cast<std::uint32_t>(make.size() + 1), ascii(make)},
                {0x0110, 2, static_cast<std::uint32_t>(model.size() + 1), ascii(model)},
                {0x8769, 4, 1, long_value(exif_at)},
                {0x8825, 4, 1, long_value(gps_at)}},
               8);
  };
  const std::uint32_t exif_at = 8 + static_cast<std::uint32_t>(ifd0(0, 0).size());
  const std::string exif = ifd({{0x9003, 2, 20, ascii(when)}}, exif_at);
  const std::uint32_t gps_at = exif_at + static_cast<std::uint32_t>(exif.size());
  const std::string gps = ifd({{0x0000, 1, 4, std::string("\x02\x02\x00\x00", 4)},
                               {0x0001, 2, 2, ascii("S")},
                               {0x0002, 5, 3, rationals({{6, 1}, {10, 1}, {314112, 10000}})},
                               {0x0003, 2, 2, ascii("E")},
                               {0x0004, 5, 3, rationals({{106, 1}, {49, 1}, {377508, 10000}})}},
                              gps_at);
  const std::string tiff = std::string("II*\0\x08\0\0\0", 8) + ifd0(exif_at, gps_at) + exif + gps;
  const std::string body = std::string("Exif\0\0", 6) + tiff;
  const std::size_t length = body.size() + 2;
  return std::string("\xFF\xE1") + static_cast<char>(length >> 8) + static_cast<char>(length & 0xff) + body;
}

std::string with_app1(const std::string& jpeg, const std::string& app1) {
  return jpeg.substr(0, 2) + app1 + jpeg.substr(2);  // right after SOI
}

std::string png_header(std::uint32_t w, std::uint32_t h) {
  std::string p("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR", 16);
  for (std::uint32_t v : {w, h})
    for (int s = 24; s >= 0; s -= 8) p += static_cast<char>((v >> s) & 0xff);
  p += std::string("\x08\x00\x00\x00\x00", 5);  // 8-bit grey
  p += std::string("\0\0\0\0", 4);              // CRC (not checked before the size)
  return p;
}

std::string jpeg_header(unsigned w, unsigned h) {
  std::string j("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00", 20);
  j += std::string("\xFF\xC0\x00\x0B\x08", 5);
  j += static_cast<char>(h >> 8);
  j += static_cast<char>(h & 0xff);
  j += static_cast<char>(w >> 8);
  j += static_cast<char>(w & 0xff);
  j += std::string("\x01\x01\x11\x00", 4);
  j += std::string("\xFF\xDA\x00\x08\x01\x01\x00\x00\x3F\x00", 10);
  return j;
}

std::string error_of(const core::Result<extract::Extracted>& r) { return r ? std::string() : r.error().message; }

}  // namespace

BOOST_AUTO_TEST_SUITE(image)

BOOST_AUTO_TEST_CASE(png_scan_read_by_ocr) {
  const auto r = extract::read_image(test::render(page_pdf(), "png"), {});
  BOOST_TEST_REQUIRE(r.has_value(), error_of(r));
  BOOST_TEST((r->format == extract::Format::png));
  BOOST_TEST_REQUIRE(r->units.size() == 1u);
  BOOST_TEST((r->units[0].method == extract::Method::ocr));
  for (const char* w : {"perekrutan", "Kamboja", "Paspor", "ditahan"})
    BOOST_TEST(has_word(r->units[0].text, w), "OCR misses '" << w << "'");
  BOOST_TEST(r->units[0].confidence > 50);
  BOOST_TEST(r->metadata.empty());
}

BOOST_AUTO_TEST_CASE(jpeg_photo_with_exif) {
  const std::string jpeg = with_app1(test::render(page_pdf(), "jpeg"),
                                     exif_app1("FiktifCam", "X100", "2024:02:12 09:15:30"));
  const auto r = extract::read_image(jpeg, {});
  BOOST_TEST_REQUIRE(r.has_value(), error_of(r));
  BOOST_TEST((r->format == extract::Format::jpeg));
  BOOST_TEST(r->metadata.at("exif.datetime") == "2024-02-12T09:15:30");
  BOOST_TEST(r->metadata.at("exif.camera") == "FiktifCam X100");
  BOOST_TEST(r->metadata.at("exif.gps") == "-6.175392,106.827153");
  BOOST_TEST_REQUIRE(r->units.size() == 1u);
  BOOST_TEST(has_word(r->units[0].text, "Kamboja"));
  BOOST_TEST(r->units[0].confidence > 50);
}

BOOST_AUTO_TEST_CASE(exif_camera_not_repeated_and_bad_time_dropped) {
  const std::string jpeg = with_app1(test::render(page_pdf(), "jpeg", 100),
                                     exif_app1("Fiktif", "Fiktif Z9", "2024:13:40 25:00:00"));
  const auto r = extract::read_image(jpeg, {});
  BOOST_TEST_REQUIRE(r.has_value(), error_of(r));
  BOOST_TEST(r->metadata.at("exif.camera") == "Fiktif Z9");
  BOOST_TEST(r->metadata.count("exif.datetime") == 0u);
}

BOOST_AUTO_TEST_CASE(jpeg_without_exif_no_metadata) {
  const auto r = extract::read_image(test::render(page_pdf(), "jpeg", 100), {});
  BOOST_TEST_REQUIRE(r.has_value(), error_of(r));
  BOOST_TEST(r->metadata.empty());
}

BOOST_AUTO_TEST_CASE(multi_page_tiff_one_unit_per_page) {
  test::PdfPage second;
  second.lines = {"Halaman kedua: pemulangan korban dari Kamboja"};
  const test::Pgm a = test::parse_pgm(test::render(page_pdf(), "pgm", 200));
  const test::Pgm b = test::parse_pgm(test::render(test::make_pdf({second}), "pgm", 200));
  const auto r = extract::read_image(test::make_tiff({a, b}), {});
  BOOST_TEST_REQUIRE(r.has_value(), error_of(r));
  BOOST_TEST((r->format == extract::Format::tiff));
  BOOST_TEST_REQUIRE(r->units.size() == 2u);
  BOOST_TEST(r->units[0].number == 1);
  BOOST_TEST(r->units[1].number == 2);
  BOOST_TEST(has_word(r->units[0].text, "perekrutan"));
  BOOST_TEST(has_word(r->units[1].text, "pemulangan"));
  BOOST_TEST(!has_word(r->units[0].text, "pemulangan"));
  extract::Limits limits;
  limits.max_pages = 1;
  const auto refused = extract::read_image(test::make_tiff({a, b}), limits);
  BOOST_TEST_REQUIRE(!refused.has_value());
  BOOST_TEST(refused.error().message == "TIFF melebihi batas halaman (> 1) / TIFF exceeds the page limit");
}

BOOST_AUTO_TEST_CASE(tiff_camera_from_ifd0) {
  // A small scan whose IFD0 (within the first 64 KiB, where libexif reads) names the scanner.
  test::Pgm blank{200, 150, std::string(200 * 150, '\xff')};
  const auto r = extract::read_image(test::make_tiff({blank}, "PemindaiFiktif", "PF-200"), {});
  BOOST_TEST_REQUIRE(r.has_value(), error_of(r));
  BOOST_TEST_REQUIRE(r->metadata.count("exif.camera") == 1u);
  BOOST_TEST(r->metadata.at("exif.camera") == "PemindaiFiktif PF-200");
  BOOST_TEST(r->metadata.count("exif.datetime") == 0u);
  BOOST_TEST_REQUIRE(r->units.size() == 1u);
  BOOST_TEST(r->units[0].text.empty());
}

BOOST_AUTO_TEST_CASE(header_sizes) {
  BOOST_TEST(extract::internal::png_size(png_header(640, 480))->width == 640u);
  BOOST_TEST(extract::internal::png_size(png_header(640, 480))->height == 480u);
  const auto j = extract::internal::jpeg_size(jpeg_header(1200, 900));
  BOOST_TEST_REQUIRE(j.has_value());
  BOOST_TEST(j->width == 1200u);
  BOOST_TEST(j->height == 900u);
  // Fill bytes before a marker, and an APP1 segment before the frame header.
  std::string filled = jpeg_header(10, 20);
  filled.insert(2, exif_app1("A", "B", "2024:01:01 00:00:00"));
  filled.insert(2, "\xFF\xFF");
  BOOST_TEST(extract::internal::jpeg_size(filled)->height == 20u);
  test::Pgm g{3, 2, "abcdef"};
  const auto t = extract::internal::tiff_sizes(test::make_tiff({g, g, g}), 10);
  BOOST_TEST_REQUIRE(t.has_value());
  BOOST_TEST(t->size() == 3u);
  BOOST_TEST((*t)[2].width == 3u);
  BOOST_TEST((*t)[2].height == 2u);
  // Big-endian TIFF with SHORT sizes.
  const std::string mm(
      "MM\0*\0\0\0\x08"                       // header, IFD at 8
      "\0\x02"                                 // 2 entries
      "\x01\x00\0\x03\0\0\0\x01\0\x05\0\0"     // ImageWidth SHORT 5
      "\x01\x01\0\x03\0\0\0\x01\0\x07\0\0"     // ImageLength SHORT 7
      "\0\0\0\0",                             // no next IFD
      38);
  const auto m = extract::internal::tiff_sizes(mm, 10);
  BOOST_TEST_REQUIRE(m.has_value(), (m ? "" : m.error().message));
  BOOST_TEST(m->at(0).width == 5u);
  BOOST_TEST(m->at(0).height == 7u);
}

BOOST_AUTO_TEST_CASE(malformed_headers_refused) {
  BOOST_TEST(!extract::internal::png_size(png_header(0, 10)).has_value());
  BOOST_TEST(!extract::internal::png_size(png_header(0x80000000u, 10)).has_value());
  BOOST_TEST(!extract::internal::png_size(png_header(10, 10).substr(0, 20)).has_value());
  BOOST_TEST(!extract::internal::jpeg_size(jpeg_header(0, 10)).has_value());
  BOOST_TEST(!extract::internal::jpeg_size("\xFF\xD8\xFF\xDA\x00\x08").has_value());   // scan before frame
  BOOST_TEST(!extract::internal::jpeg_size("\xFF\xD8\xFF\xE0\xFF\xFF").has_value());   // segment past the end
  BOOST_TEST(!extract::internal::tiff_sizes(std::string("II+\0\x10\0\0\0", 8), 10).has_value());  // BigTIFF
  BOOST_TEST(!extract::internal::tiff_sizes(std::string("II*\0\xff\0\0\0", 8), 10).has_value());  // IFD outside
  BOOST_TEST(!extract::internal::tiff_sizes(std::string("II*\0\0\0\0\0", 8), 10).has_value());    // no pages
  test::Pgm g{3, 2, "abcdef"};
  std::string no_width = test::make_tiff({g});
  no_width[no_width.size() - 4 - 9 * 12] = 0x2F;  // tag 256 becomes 0x012F
  const auto r = extract::internal::tiff_sizes(no_width, 10);
  BOOST_TEST_REQUIRE(!r.has_value());
  BOOST_TEST(r.error().message ==
             "TIFF halaman 1: ukuran gambar tidak ada atau tidak sah / TIFF page 1: image size missing or malformed");
}

BOOST_AUTO_TEST_CASE(decompression_bombs_refused_from_their_headers) {
  const auto start = std::chrono::steady_clock::now();
  // A PNG whose IHDR says 100000 x 100000 (10^10 pixels), and nothing else.
  const auto png = extract::read_image(png_header(100000, 100000), {});
  BOOST_TEST_REQUIRE(!png.has_value());
  BOOST_TEST((png.error().code == core::ErrorCode::invalid_input));
  BOOST_TEST(png.error().message ==
             "gambar 1 (100000x100000) melebihi batas piksel / image 1 (100000x100000) exceeds the pixel limit");
  // A JPEG frame of 65535 x 65535.
  const auto jpeg = extract::read_image(jpeg_header(65535, 65535), {});
  BOOST_TEST_REQUIRE(!jpeg.has_value());
  BOOST_TEST(jpeg.error().message.find("(65535x65535) melebihi batas piksel") != std::string::npos);
  // A TIFF whose second page is 50000 x 50000 (the first is fine).
  test::Pgm small{3, 2, "abcdef"};
  std::string tiff = test::make_tiff({small, small});
  const std::size_t second_ifd = tiff.size() - 4 - 9 * 12 - 2;
  for (std::size_t e : {second_ifd + 2 + 8, second_ifd + 2 + 12 + 8}) {
    tiff[e] = static_cast<char>(50000 & 0xff);
    tiff[e + 1] = static_cast<char>(50000 >> 8);
  }
  const auto t = extract::read_image(tiff, {});
  BOOST_TEST_REQUIRE(!t.has_value());
  BOOST_TEST(t.error().message.find("gambar 2 (50000x50000) melebihi batas piksel") == 0u);
  BOOST_TEST((std::chrono::steady_clock::now() - start < std::chrono::seconds(1)));
}

BOOST_AUTO_TEST_CASE(tiff_with_too_many_pages_or_a_loop_refused) {
  // 10000 IFDs of 1 x 1 pages, chained.
  test::Pgm dot{1, 1, "x"};
  const std::vector<test::Pgm> many(10000, dot);
  const auto start = std::chrono::steady_clock::now();
  const auto r = extract::read_image(test::make_tiff(many), {});
  BOOST_TEST_REQUIRE(!r.has_value());
  BOOST_TEST(r.error().message == "TIFF melebihi batas halaman (> 2000) / TIFF exceeds the page limit");
  // Two IFDs pointing at each other.
  std::string loop = test::make_tiff({dot, dot});
  const std::uint32_t first = static_cast<unsigned char>(loop[4]) | (static_cast<unsigned char>(loop[5]) << 8);
  loop[loop.size() - 4] = static_cast<char>(first & 0xff);
  loop[loop.size() - 3] = static_cast<char>(first >> 8);
  const auto l = extract::read_image(loop, {});
  BOOST_TEST_REQUIRE(!l.has_value());
  BOOST_TEST(l.error().message == "TIFF halaman 3: rantai IFD berulang / TIFF page 3: the IFD chain loops");
  BOOST_TEST((std::chrono::steady_clock::now() - start < std::chrono::seconds(2)));
}

BOOST_AUTO_TEST_CASE(undecodable_and_foreign_bytes_refused) {
  // A valid IHDR followed by garbage instead of image data.
  const auto png = extract::read_image(png_header(64, 64) + std::string(200, '\x5a'), {});
  BOOST_TEST_REQUIRE(!png.has_value());
  BOOST_TEST(png.error().message == "gambar 1 tidak dapat diurai / image 1 could not be decoded");
  const auto pdf = extract::read_image(page_pdf(), {});
  BOOST_TEST_REQUIRE(!pdf.has_value());
  BOOST_TEST(pdf.error().message == "bukan gambar PNG, JPEG atau TIFF / not a PNG, JPEG or TIFF image");
  extract::Limits limits;
  limits.max_bytes = 10;
  const auto big = extract::read_image(png_header(1, 1), limits);
  BOOST_TEST_REQUIRE(!big.has_value());
  BOOST_TEST(big.error().message == "gambar melebihi batas ukuran / image exceeds the size limit");
}

BOOST_AUTO_TEST_CASE(leptonica_prints_nothing) {
  // Damaged image data makes leptonica complain ("Error in pixReadMemPng: ..."); none of that
  // may reach the process's stderr. (libpng's and libjpeg's own one-line diagnostics, which
  // leptonica gives no way to silence, name only the library's complaint, never image content.)
  const std::string png = test::render(page_pdf(), "png", 50);
  const std::string jpeg = test::render(page_pdf(), "jpeg", 50);
  test::Pgm g{3, 2, "abcdef"};
  std::string tiff = test::make_tiff({g});
  tiff[tiff.size() - 4 - 4 * 12 + 8] = '\x7f';  // StripOffsets far past the end
  std::vector<std::string> damaged = {png.substr(0, png.size() / 2), jpeg.substr(0, jpeg.size() / 2), tiff};
  std::string mid = png;
  for (std::size_t i = 60; i < 400 && i < mid.size(); ++i) mid[i] = static_cast<char>(i * 31);  // inside IDAT
  damaged.push_back(mid);
  int refused = 0;
  const std::string err = test::captured_stderr([&] {
    for (const auto& d : damaged) refused += extract::read_image(d, {}).has_value() ? 0 : 1;
  });
  BOOST_TEST(err.find("Error in") == std::string::npos, "stderr: " << err);
  BOOST_TEST(err.find("Warning in") == std::string::npos, "stderr: " << err);
  BOOST_TEST(refused == 4);
}

BOOST_AUTO_TEST_SUITE_END()
