// tests/support/pdf_files: PDFs written by hand in the tests (FIKTIF): pages of Helvetica text
// (a real text layer) or of a JPEG image (a scan with no text), xref offsets computed. Used by the
// tests and the extraction benchmark (no test framework here).
#pragma once

#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

namespace berkas::test {

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
  if (sof == std::string::npos || sof + 10 > jpeg.size()) throw std::runtime_error("not a baseline JPEG");
  auto byte = [&](std::size_t at) { return static_cast<int>(static_cast<unsigned char>(jpeg[at])); };
  PdfPage p;
  p.jpeg = jpeg;
  p.jpeg_height = byte(sof + 5) * 256 + byte(sof + 6);
  p.jpeg_width = byte(sof + 7) * 256 + byte(sof + 8);
  p.jpeg_components = byte(sof + 9);
  return p;
}

}  // namespace berkas::test
