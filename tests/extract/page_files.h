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

#include "support/pdf_files.h"
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
