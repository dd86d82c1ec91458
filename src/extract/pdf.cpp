#include "extract/pdf.h"

#include <climits>
#include <cmath>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include "extract/internal/unit_text.h"
#include "extract/ocr.h"

namespace berkas::extract {

namespace {

constexpr double k_ocr_dpi = 300;
constexpr std::size_t k_min_letters = 3;  // fewer letters than this: not a usable text layer

tl::unexpected<core::Error> invalid(std::string message) {
  return core::fail(core::ErrorCode::invalid_input, std::move(message));
}

std::string utf8(const poppler::ustring& s) {
  if (s.empty()) return {};
  const poppler::byte_array b = s.to_utf8();
  return std::string(b.begin(), b.end());
}

// Poppler reports every repairable flaw of a file on stderr; a hostile file is refused by its
// load result, not by what poppler prints. Set once for the process.
void quiet_poppler() {
  static std::once_flag once;
  std::call_once(once, [] { poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr); });
}

}  // namespace

core::Result<Extracted> read_pdf(std::string_view bytes, const Limits& limits) {
  if (bytes.size() > limits.max_bytes || bytes.size() > static_cast<std::size_t>(INT_MAX))
    return invalid("PDF melebihi batas ukuran / PDF exceeds the size limit");
  quiet_poppler();
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!doc) {
    // Poppler loads nothing it cannot decrypt: tell a locked file from an unreadable one.
    if (bytes.find("/Encrypt") != std::string_view::npos)
      return invalid("PDF terenkripsi / encrypted PDF");
    return invalid("PDF tidak dapat dibaca / unreadable PDF");
  }
  if (doc->is_locked() || doc->is_encrypted()) return invalid("PDF terenkripsi / encrypted PDF");
  const int pages = doc->pages();
  if (pages <= 0) return invalid("PDF tanpa halaman / PDF without pages");
  if (pages > limits.max_pages)
    return invalid("PDF melebihi batas halaman (" + std::to_string(pages) + " > " +
                   std::to_string(limits.max_pages) + ") / PDF exceeds the page limit");

  Extracted out;
  out.format = Format::pdf;
  out.metadata["pdf.pages"] = std::to_string(pages);
  for (const auto& [key, value] : {std::pair{"pdf.producer", doc->get_producer()},
                                   std::pair{"pdf.creator", doc->get_creator()},
                                   std::pair{"pdf.title", doc->get_title()}}) {
    std::string v = internal::unit_text(utf8(value));
    if (!v.empty()) out.metadata[key] = std::move(v);
  }

  // The text layer of each page; the pages without a usable one are read by OCR afterwards.
  out.units.resize(static_cast<std::size_t>(pages));
  std::vector<int> to_ocr;
  for (int i = 0; i < pages; ++i) {
    Unit& u = out.units[static_cast<std::size_t>(i)];
    u.number = i + 1;
    u.method = Method::text_layer;
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    if (!page) return invalid("halaman " + std::to_string(i + 1) + " tidak dapat dibaca / page " +
                              std::to_string(i + 1) + " is unreadable");
    u.text = internal::unit_text(utf8(page->text(poppler::rectf(), poppler::page::non_raw_non_physical_layout)));
    if (internal::letter_count(u.text) >= k_min_letters) continue;
    // Bound the rendering before any pixel is drawn.
    const poppler::rectf box = page->page_rect(poppler::crop_box);
    const double w = std::ceil(std::abs(box.width()) * k_ocr_dpi / 72.0);
    const double h = std::ceil(std::abs(box.height()) * k_ocr_dpi / 72.0);
    if (!(w >= 1 && h >= 1) || w * h > static_cast<double>(limits.max_pixels) || w > INT_MAX || h > INT_MAX) {
      const std::string n = std::to_string(i + 1);
      return invalid("halaman " + n + ": ukuran untuk OCR melebihi batas piksel / page " + n +
                     ": its size for OCR exceeds the pixel limit");
    }
    to_ocr.push_back(i);
  }
  out.metadata["pdf.ocr_pages"] = std::to_string(to_ocr.size());
  // The pages with a text layer are read: they count as done before the first OCR page.
  const int text_pages = pages - static_cast<int>(to_ocr.size());
  if (limits.on_page) limits.on_page(text_pages, pages);
  if (to_ocr.empty()) return out;
  Limits ocr_limits = limits;
  if (limits.on_page) ocr_limits.on_page = [&](int done, int) { limits.on_page(text_pages + done, pages); };

  // Rendering happens on the OCR threads, one page at a time (ocr_pages calls page_at under its
  // lock), so the document is never used by two threads at once and at most one rendered page per
  // thread is held.
  poppler::page_renderer renderer;
  renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  renderer.set_image_format(poppler::image::format_gray8);
  auto page_at = [&](std::size_t k) -> core::Result<Image> {
    const int i = to_ocr[k];
    const std::string n = std::to_string(i + 1);
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    poppler::image rendered = page ? renderer.render_page(page.get(), k_ocr_dpi, k_ocr_dpi) : poppler::image();
    if (!rendered.is_valid() || rendered.format() != poppler::image::format_gray8)
      return invalid("halaman " + n + " tidak dapat dirender / page " + n + " could not be rendered");
    Image img;
    img.width = rendered.width();
    img.height = rendered.height();
    img.stride = rendered.bytes_per_row();
    img.channels = 1;
    img.dpi = static_cast<int>(k_ocr_dpi);
    img.number = i + 1;
    const auto* data = reinterpret_cast<const std::uint8_t*>(rendered.const_data());
    img.pixels.assign(data, data + static_cast<std::size_t>(img.stride) * static_cast<std::size_t>(img.height));
    return img;
  };
  auto read = ocr_pages(to_ocr.size(), page_at, ocr_limits);
  if (!read) return tl::unexpected(read.error());
  for (Unit& u : *read) out.units[static_cast<std::size_t>(u.number - 1)] = std::move(u);
  return out;
}

}  // namespace berkas::extract
