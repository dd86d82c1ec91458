// tests/extract: the page files the PDF and image tests read, made here (FIKTIF): PDFs written by
// hand (a Helvetica text layer, or a JPEG page image with no text), scans rendered from them by
// poppler-utils' pdftoppm, uncompressed TIFFs, and EXIF segments.
#pragma once

#include <boost/test/unit_test.hpp>

#include <array>
#include <cstdint>
#include <functional>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "support/temp_dir.h"

#include <fcntl.h>
#include <unistd.h>

namespace berkas::test {

// The fictional text of the test pages: distinctive Indonesian words OCR must find.
inline const std::vector<std::string>& page_lines() {
  static const std::vector<std::string> lines = {
      "LAPORAN PEREKRUTAN FIKTIF",
      "Agen perekrutan menjanjikan pekerjaan di Kamboja.",
      "Paspor para pekerja ditahan oleh agen tersebut.",
      "Saksi Budi Fiktifwan tiba di Phnom Penh.",
  };
  return lines;
}

// One page of a hand-written PDF: text lines in Helvetica, or a grey JPEG filling the page, or
// nothing (a blank page), on a MediaBox of `width` x `height` points.
struct PdfPage {
  std::vector<std::string> lines;
  std::string jpeg;  // DCTDecode bytes, drawn over the whole page
  int jpeg_width = 0, jpeg_height = 0, jpeg_components = 1;
  double width = 595, height = 842;  // A4
  int font_size = 16;
};

inline std::string pdf_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '(' || c == ')' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

// A valid PDF 1.4 with these pages (xref offsets computed), with an Info dictionary naming its
// producer and title when `info` is set.
inline std::string make_pdf(const std::vector<PdfPage>& pages, bool info = true) {
  std::vector<std::string> objects;  // objects[i] is object i + 1
  const std::size_t n = pages.size();
  // 1 Catalog, 2 Pages, 3 Font, 4 Info, then per page: page, content, image.
  std::string kids;
  for (std::size_t i = 0; i < n; ++i) kids += std::to_string(5 + 3 * i) + " 0 R ";
  objects.push_back("<< /Type /Catalog /Pages 2 0 R >>");
  objects.push_back("<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(n) + " >>");
  objects.push_back("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
  objects.push_back("<< /Producer (Berkas uji FIKTIF) /Title (Laporan perekrutan fiktif) >>");
  for (std::size_t i = 0; i < n; ++i) {
    const PdfPage& p = pages[i];
    const std::string self = std::to_string(5 + 3 * i);
    const std::string content_ref = std::to_string(6 + 3 * i) + " 0 R";
    const std::string image_ref = std::to_string(7 + 3 * i) + " 0 R";
    char box[128];
    std::snprintf(box, sizeof box, "[0 0 %g %g]", p.width, p.height);
    objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox " + std::string(box) + " /Contents " + content_ref +
                      " /Resources << /Font << /F1 3 0 R >> /XObject << /Im1 " + image_ref + " >> >> >>");
    std::string stream;
    if (!p.jpeg.empty()) {
      char cm[128];
      std::snprintf(cm, sizeof cm, "q %g 0 0 %g 0 0 cm /Im1 Do Q\n", p.width, p.height);
      stream += cm;
    }
    if (!p.lines.empty()) {
      stream += "BT /F1 " + std::to_string(p.font_size) + " Tf 60 " + std::to_string(static_cast<int>(p.height) - 90) +
                " Td " + std::to_string(p.font_size * 2) + " TL\n";
      for (const auto& l : p.lines) {
        stream += '(';
        stream += pdf_escape(l);
        stream += ") Tj T*\n";
      }
      stream += "ET\n";
    }
    objects.push_back("<< /Length " + std::to_string(stream.size()) + " >>\nstream\n" + stream + "\nendstream");
    if (!p.jpeg.empty())
      objects.push_back("<< /Type /XObject /Subtype /Image /Width " + std::to_string(p.jpeg_width) + " /Height " +
                        std::to_string(p.jpeg_height) +
                        " /ColorSpace " + (p.jpeg_components == 3 ? "/DeviceRGB" : "/DeviceGray") +
                        " /BitsPerComponent 8 /Filter /DCTDecode /Length " +
                        std::to_string(p.jpeg.size()) + " >>\nstream\n" + p.jpeg + "\nendstream");
    else
      objects.push_back("<< /Type /XObject /Subtype /Form /BBox [0 0 1 1] /Length 0 >>\nstream\n\nendstream");
  }
  std::string pdf = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const std::size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (std::size_t off : offsets) {
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", off);
    pdf += line;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R" + (info ? " /Info 4 0 R" : "") +
         " >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

// A page showing a baseline JPEG (as pdftoppm writes it) over the whole page, its size and
// colour components read from its SOF0 segment.
inline PdfPage jpeg_page(const std::string& jpeg) {
  const std::size_t sof = jpeg.find("\xFF\xC0");
  BOOST_TEST_REQUIRE((sof != std::string::npos && sof + 10 <= jpeg.size()));
  auto byte = [&](std::size_t at) { return static_cast<int>(static_cast<unsigned char>(jpeg[at])); };
  PdfPage p;
  p.jpeg = jpeg;
  p.jpeg_height = byte(sof + 5) * 256 + byte(sof + 6);
  p.jpeg_width = byte(sof + 7) * 256 + byte(sof + 8);
  p.jpeg_components = byte(sof + 9);
  return p;
}

// What `fn` writes to this process's stderr (file descriptor 2), by any library.
inline std::string captured_stderr(const std::function<void()>& fn) {
  TempDir tmp;
  const std::string path = tmp.file("stderr");
  std::fflush(stderr);
  const int saved = dup(2);
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  dup2(fd, 2);
  close(fd);
  fn();
  std::fflush(stderr);
  dup2(saved, 2);
  close(saved);
  return read_file(path);
}

// Runs a shell command; the test fails if it does not exit with 0 (the tools are installed).
inline void shell(const std::string& command) {
  const int rc = std::system(command.c_str());
  BOOST_TEST_REQUIRE(rc == 0, "command failed: " << command);
}

// Page 1 of `pdf` rendered by pdftoppm in grey at `dpi` as "png", "jpeg", "tiff" or "pgm".
inline std::string render(const std::string& pdf, const std::string& kind, int dpi = 300) {
  TempDir tmp;
  const std::string in = tmp.write("in.pdf", pdf);
  const std::string out = tmp.file("out");
  const std::string format = kind == "pgm" ? std::string() : "-" + kind;  // -gray alone writes PGM
  shell("pdftoppm -r " + std::to_string(dpi) + " -gray -singlefile -f 1 -l 1 " + format + " " + in + " " + out);
  const std::string ext = kind == "jpeg" ? ".jpg" : kind == "tiff" ? ".tif" : "." + kind;
  return read_file(out + ext);
}

// A binary PGM (what pdftoppm -pgm writes): width, height and the grey samples.
struct Pgm {
  int width = 0, height = 0;
  std::string samples;
};

inline Pgm parse_pgm(const std::string& p) {
  Pgm g;
  int maxval = 0, used = 0;
  BOOST_TEST_REQUIRE(std::sscanf(p.c_str(), "P5 %d %d %d%n", &g.width, &g.height, &maxval, &used) == 3);
  BOOST_TEST_REQUIRE(maxval == 255);
  g.samples = p.substr(static_cast<std::size_t>(used) + 1);
  BOOST_TEST_REQUIRE(g.samples.size() == static_cast<std::size_t>(g.width) * static_cast<std::size_t>(g.height));
  return g;
}

// Little-endian byte writers.
inline void put16(std::string& o, unsigned v) {
  o += static_cast<char>(v & 0xff);
  o += static_cast<char>((v >> 8) & 0xff);
}
inline void put32(std::string& o, std::uint32_t v) {
  put16(o, v & 0xffff);
  put16(o, v >> 16);
}

// An uncompressed little-endian grey TIFF, one page per image, IFDs chained in order, each IFD
// after its page's samples; page 1 names its camera (Make, Model) when `make` is given.
inline std::string make_tiff(const std::vector<Pgm>& pages, const std::string& make = {},
                             const std::string& model = {}) {
  std::string t("II*\0", 4);
  put32(t, 0);  // the first IFD's offset, set below
  std::size_t link = 4;  // where the offset of the next IFD goes
  for (const Pgm& g : pages) {
    const std::size_t data = t.size();
    t += g.samples;
    if (t.size() % 2) t += '\0';
    const bool camera = !make.empty() && &g == &pages.front();
    const std::size_t make_at = t.size();
    if (camera) t += make + '\0' + model + '\0' + (((make.size() + model.size()) % 2) ? "" : "\0");
    const std::size_t model_at = make_at + make.size() + 1;
    const std::size_t ifd = t.size();
    t[link] = static_cast<char>(ifd & 0xff);
    t[link + 1] = static_cast<char>((ifd >> 8) & 0xff);
    t[link + 2] = static_cast<char>((ifd >> 16) & 0xff);
    t[link + 3] = static_cast<char>((ifd >> 24) & 0xff);
    // tag, type (2 ASCII, 3 SHORT, 4 LONG), count, value (or where it is)
    std::vector<std::array<std::uint32_t, 4>> tags = {
        {256, 4, 1, static_cast<std::uint32_t>(g.width)}, {257, 4, 1, static_cast<std::uint32_t>(g.height)},
        {258, 3, 1, 8}, {259, 3, 1, 1}, {262, 3, 1, 1}};
    if (camera) {
      tags.push_back({271, 2, static_cast<std::uint32_t>(make.size() + 1), static_cast<std::uint32_t>(make_at)});
      tags.push_back({272, 2, static_cast<std::uint32_t>(model.size() + 1), static_cast<std::uint32_t>(model_at)});
    }
    tags.insert(tags.end(), {{273, 4, 1, static_cast<std::uint32_t>(data)}, {277, 3, 1, 1},
                             {278, 4, 1, static_cast<std::uint32_t>(g.height)},
                             {279, 4, 1, static_cast<std::uint32_t>(g.samples.size())}});
    put16(t, static_cast<unsigned>(tags.size()));
    for (const auto& [tag, type, count, value] : tags) {
      put16(t, tag);
      put16(t, type);
      put32(t, count);
      if (type == 3) {
        put16(t, value);
        put16(t, 0);
      } else {
        put32(t, value);
      }
    }
    link = t.size();
    put32(t, 0);
  }
  return t;
}

}  // namespace berkas::test
