// bundle/internal/layout: the layout engine — blocks to positioned text runs, rules and links on
// A4 pages. Knows nothing of PoDoFo: fonts are width tables, pages are display lists, so that the
// engine can run several passes (page numbers in the index) before anything is written.
#pragma once

#include <array>
#include <map>
#include <string>
#include <vector>

#include "bundle/bundle.h"

namespace berkas::bundle::internal {

enum FontId { serif = 0, serif_bold, serif_italic, sans, sans_bold, font_count };

// Advance widths in em (1.0 = the font size) for each Windows-1252 byte.
struct Metrics {
  std::array<std::array<double, 256>, font_count> widths{};
  double width(FontId f, double size, std::string_view text) const;
};

// Page geometry in PDF points (A4).
struct Geometry {
  static constexpr double page_w = 595.276;
  static constexpr double page_h = 841.890;
  static constexpr double left = 70.87;    // 25 mm: room for binding
  static constexpr double right = 56.69;   // 20 mm
  static constexpr double body_top = page_h - 70.0;
  static constexpr double body_bottom = 68.0;
  static constexpr double header_y = page_h - 44.0;
  static constexpr double footer_y = 44.0;
  static constexpr double stamp_bottom_y = 24.0;  // below the footer: no text lives there
  static constexpr double stamp_top_y = page_h - 24.0;
  static constexpr double body_w = page_w - left - right;
};

struct TextRun {
  FontId font = serif;
  double size = 11;
  double x = 0, y = 0;         // baseline start
  double word_spacing = 0;     // Tw: extra points per space (justification)
  std::string text;            // Windows-1252
  bool invisible = false;      // text render mode 3: found by search and copy, never seen
};

struct Box {
  double x = 0, y = 0, w = 0, h = 0;
  bool fill = false;           // filled light grey, else stroked
  double gray = -1;            // fill: this grey level (0 black .. 1 white) instead of the light grey
};

struct Link {
  double x = 0, y = 0, w = 0, h = 0;
  std::string anchor;          // target: the first page of this anchor
};

struct PageLayout {
  std::vector<TextRun> runs;
  std::vector<Box> boxes;
  std::vector<Link> links;
  int pdf_block = -1;          // an exhibit page: index of the pdf block ...
  int pdf_page = -1;           // ... and its 0-based page in that PDF
  int image_block = -1;        // a photo page: index of the image block, drawn fitted into ...
  Box image_box;               // ... this area (aspect kept, centred at its top)
};

struct LaidOut {
  std::vector<PageLayout> pages;
  std::vector<AnchorPages> anchors;  // in document order
  int substituted = 0;
};

// Where the exhibit is drawn on an exhibit page (below its caption line).
struct ExhibitArea {
  static constexpr double x = Geometry::left;
  static constexpr double y = Geometry::body_bottom;
  static constexpr double w = Geometry::body_w;
  static constexpr double h = Geometry::body_top - Geometry::body_bottom - 18.0;
};

// One layout pass. `pdf_pages[i]` is the page count of block i if it is a pdf block.
// `known` holds the anchors' pages from the previous pass (empty on the first): the toc and
// `pages_of` cells print them, reserving the same room whatever the numbers are, so that a
// second pass normally settles. Adds the running header, footer and stamps.
LaidOut lay_out(const LayoutDocument& doc, const Metrics& metrics, const std::vector<int>& pdf_pages,
                const std::map<std::string, AnchorPages>& known);

// "12" or "12–15" (en dash, UTF-8).
std::string page_range(int first, int last);

}  // namespace berkas::bundle::internal
