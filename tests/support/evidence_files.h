// tests/support/evidence_files: real evidence files made in the test — a PDF with a text layer
// (pdf_files.h), a scan of it rasterised by poppler's pdftoppm, DOCX and zip files written by
// Python's zipfile, PNG headers with their CRCs. Every text in them is FIKTIF.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "support/pdf_files.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace berkas::test {

// A PDF whose pages show `pages[i]` (lines of ASCII text, Helvetica) as a real text layer.
inline std::string text_pdf(const std::vector<std::vector<std::string>>& pages) {
  std::vector<PdfPage> out;
  for (const auto& lines : pages) {
    PdfPage p;
    p.lines = lines;
    p.font_size = 14;
    out.push_back(std::move(p));
  }
  return make_pdf(out, false);
}

// Page `page` of the PDF at `pdf_path` rasterised to a PNG at `dpi` in grey (a scan without a
// text layer), by poppler's pdftoppm; the PNG's path, or "" when pdftoppm failed.
inline std::string scan_png(const TempDir& dir, const std::string& pdf_path, int page, int dpi,
                            const std::string& stem) {
  const auto prefix = dir.file(stem);
  auto r = run({"/usr/bin/pdftoppm", "-r", std::to_string(dpi), "-gray", "-png", "-singlefile", "-f", std::to_string(page),
                "-l", std::to_string(page), pdf_path, prefix});
  return r.code == 0 ? prefix + ".png" : std::string();
}

// A scanned document of `pages` pages without any text layer: each page of the text PDF at
// `pdf_path` rasterised (scan_png at `dpi`), made a PDF page of its own by mutool, the pages
// joined by qpdf. The PDF's bytes, or "" when a tool failed.
inline std::string scan_pdf(const TempDir& dir, const std::string& pdf_path, int pages, int dpi,
                            const std::string& stem) {
  std::vector<std::string> join{"/usr/bin/qpdf", "--empty", "--pages"};
  for (int i = 1; i <= pages; ++i) {
    const auto png = scan_png(dir, pdf_path, i, dpi, stem + "-" + std::to_string(i));
    if (png.empty()) return {};
    const auto page = dir.file(stem + "-" + std::to_string(i) + ".pdf");
    if (run({"/usr/bin/mutool", "convert", "-o", page, png}).code != 0) return {};
    join.push_back(page);
  }
  join.insert(join.end(), {"--", dir.file(stem + ".pdf")});
  if (run(join).code != 0) return {};
  return read_file(dir.file(stem + ".pdf"));
}

// Runs a Python 3 script (zipfile is how the tests write DOCX, ODT and zip files); its exit code.
inline int python(const TempDir& dir, const std::string& script) {
  const auto path = dir.write("make.py", script);
  return run({"/usr/bin/python3", path}).code;
}

inline std::uint32_t crc32(const std::string& s) {
  std::uint32_t c = 0xFFFFFFFFu;
  for (unsigned char b : s) {
    c ^= b;
    for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
  }
  return ~c;
}

// A PNG signature and IHDR chunk declaring `width` x `height` (8-bit grey), CRC correct, followed
// by a tiny IDAT and IEND: a decompression bomb's header without its bomb.
inline std::string png_header_only(std::uint32_t width, std::uint32_t height) {
  auto be32 = [](std::uint32_t v) {
    return std::string{static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
                       static_cast<char>(v)};
  };
  auto chunk = [&](const std::string& type, const std::string& data) {
    return be32(static_cast<std::uint32_t>(data.size())) + type + data + be32(crc32(type + data));
  };
  const std::string ihdr = be32(width) + be32(height) + std::string("\x08\x00\x00\x00\x00", 5);
  return std::string("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", ihdr) + chunk("IDAT", std::string("\x78\x9c\x03\x00\x00\x00\x00\x01", 8)) +
         chunk("IEND", "");
}

}  // namespace berkas::test
