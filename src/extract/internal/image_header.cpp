#include "extract/internal/image_header.h"

#include <algorithm>
#include <set>
#include <string>

namespace berkas::extract::internal {

namespace {

tl::unexpected<core::Error> invalid(std::string message) {
  return core::fail(core::ErrorCode::invalid_input, std::move(message));
}

std::uint32_t byte_at(std::string_view s, std::size_t at) { return static_cast<unsigned char>(s[at]); }
std::uint32_t be16(std::string_view s, std::size_t at) { return (byte_at(s, at) << 8) | byte_at(s, at + 1); }
std::uint32_t be32(std::string_view s, std::size_t at) { return (be16(s, at) << 16) | be16(s, at + 2); }

constexpr std::uint32_t k_max_side = 0x7fffffffu;

// A TIFF reader in the file's byte order.
struct Tiff {
  std::string_view bytes;
  bool little = true;
  std::uint32_t u16(std::size_t at) const {
    return little ? byte_at(bytes, at) | (byte_at(bytes, at + 1) << 8) : be16(bytes, at);
  }
  std::uint32_t u32(std::size_t at) const {
    return little ? u16(at) | (u16(at + 2) << 16) : (u16(at) << 16) | u16(at + 2);
  }
};

// One IFD's ImageWidth and ImageLength; `at` is within the file and 2 bytes fit.
core::Result<ImageSize> tiff_page(const Tiff& t, std::size_t at, int page) {
  const std::string n = std::to_string(page);
  const std::size_t entries = t.u16(at);
  if (at + 2 + entries * 12 + 4 > t.bytes.size())
    return invalid("TIFF halaman " + n + ": IFD terpotong / TIFF page " + n + ": truncated IFD");
  ImageSize size;
  bool have_width = false, have_height = false;
  for (std::size_t i = 0; i < entries; ++i) {
    const std::size_t e = at + 2 + i * 12;
    const std::uint32_t tag = t.u16(e), type = t.u16(e + 2), count = t.u32(e + 4);
    if (tag != 256 && tag != 257) continue;
    std::uint32_t value = 0;
    if (count != 1) return invalid("TIFF halaman " + n + ": ukuran tidak sah / TIFF page " + n +
                                   ": malformed size tag");
    if (type == 3) value = t.u16(e + 8);        // SHORT
    else if (type == 4) value = t.u32(e + 8);   // LONG
    else return invalid("TIFF halaman " + n + ": jenis ukuran tidak sah / TIFF page " + n +
                        ": malformed size tag type");
    // A duplicated tag: the larger value counts, whichever the decoder takes.
    if (tag == 256) {
      size.width = std::max(size.width, value);
      have_width = true;
    } else {
      size.height = std::max(size.height, value);
      have_height = true;
    }
  }
  if (!have_width || !have_height || size.width == 0 || size.height == 0 || size.width > k_max_side ||
      size.height > k_max_side)
    return invalid("TIFF halaman " + n + ": ukuran gambar tidak ada atau tidak sah / TIFF page " + n +
                   ": image size missing or malformed");
  return size;
}

}  // namespace

core::Result<ImageSize> png_size(std::string_view b) {
  // Signature (8), IHDR length (4) = 13, type (4), width (4), height (4), ...
  if (b.size() < 33 || b.substr(0, 8) != "\x89PNG\r\n\x1a\n" || be32(b, 8) != 13 || b.substr(12, 4) != "IHDR")
    return invalid("PNG tanpa IHDR yang sah / PNG without a valid IHDR");
  const ImageSize size{be32(b, 16), be32(b, 20)};
  if (size.width == 0 || size.height == 0 || size.width > k_max_side || size.height > k_max_side)
    return invalid("PNG: ukuran gambar tidak sah / PNG: malformed image size");
  return size;
}

core::Result<ImageSize> jpeg_size(std::string_view b) {
  if (b.size() < 4 || byte_at(b, 0) != 0xFF || byte_at(b, 1) != 0xD8)
    return invalid("JPEG tanpa SOI / JPEG without SOI");
  ImageSize size;
  bool found = false;
  std::size_t at = 2;
  for (;;) {
    // Fill bytes (0xFF) may precede a marker.
    while (at < b.size() && byte_at(b, at) == 0xFF && at + 1 < b.size() && byte_at(b, at + 1) == 0xFF) ++at;
    if (at + 2 > b.size() || byte_at(b, at) != 0xFF) break;
    const std::uint32_t marker = byte_at(b, at + 1);
    at += 2;
    if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) continue;  // no length
    if (marker == 0xD9 || marker == 0xDA) {                                // EOI, SOS
      if (!found) break;
      return size;
    }
    if (at + 2 > b.size()) break;
    const std::uint32_t length = be16(b, at);
    if (length < 2 || at + length > b.size()) break;
    const bool sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    if (sof) {
      // Length (2), precision (1), height (2), width (2), components (1), ...
      if (length < 8) break;
      const std::uint32_t height = be16(b, at + 3), width = be16(b, at + 5);
      if (width == 0 || height == 0)
        return invalid("JPEG: ukuran gambar tidak sah / JPEG: malformed image size");
      size.width = std::max(size.width, width);
      size.height = std::max(size.height, height);
      found = true;
    }
    at += length;
  }
  if (found) return size;  // truncated after the frame header: the decoder decides
  return invalid("JPEG tanpa header frame (SOF) yang sah / JPEG without a valid frame header (SOF)");
}

core::Result<std::vector<ImageSize>> tiff_sizes(std::string_view b, int max_pages) {
  if (b.size() < 8) return invalid("TIFF terpotong / truncated TIFF");
  Tiff t{b, true};
  if (b.substr(0, 2) == "II") t.little = true;
  else if (b.substr(0, 2) == "MM") t.little = false;
  else return invalid("bukan TIFF / not a TIFF");
  if (t.u16(2) == 43) return invalid("BigTIFF tidak didukung / BigTIFF is not supported");
  if (t.u16(2) != 42) return invalid("bukan TIFF / not a TIFF");
  std::vector<ImageSize> pages;
  std::set<std::uint32_t> seen;
  std::uint32_t offset = t.u32(4);
  if (offset == 0) return invalid("TIFF tanpa halaman / TIFF without pages");
  while (offset != 0) {
    const int page = static_cast<int>(pages.size()) + 1;
    if (page > max_pages)
      return invalid("TIFF melebihi batas halaman (> " + std::to_string(max_pages) +
                     ") / TIFF exceeds the page limit");
    const std::string n = std::to_string(page);
    if (offset < 8 || static_cast<std::size_t>(offset) + 2 > b.size())
      return invalid("TIFF halaman " + n + ": IFD di luar berkas / TIFF page " + n +
                     ": IFD outside the file");
    if (!seen.insert(offset).second)
      return invalid("TIFF halaman " + n + ": rantai IFD berulang / TIFF page " + n +
                     ": the IFD chain loops");
    auto size = tiff_page(t, offset, page);
    if (!size) return tl::unexpected(size.error());
    pages.push_back(*size);
    offset = t.u32(offset + 2 + static_cast<std::size_t>(t.u16(offset)) * 12);
  }
  return pages;
}

core::Result<std::vector<ImageSize>> checked_image_sizes(std::string_view bytes, const Limits& limits) {
  std::vector<ImageSize> sizes;
  switch (sniff(bytes)) {
    case Format::png: {
      auto s = png_size(bytes);
      if (!s) return tl::unexpected(s.error());
      sizes.push_back(*s);
      break;
    }
    case Format::jpeg: {
      auto s = jpeg_size(bytes);
      if (!s) return tl::unexpected(s.error());
      sizes.push_back(*s);
      break;
    }
    case Format::tiff: {
      auto s = tiff_sizes(bytes, limits.max_pages);
      if (!s) return tl::unexpected(s.error());
      sizes = std::move(*s);
      break;
    }
    default:
      return invalid("bukan gambar PNG, JPEG atau TIFF / not a PNG, JPEG or TIFF image");
  }
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    const std::uint64_t pixels = static_cast<std::uint64_t>(sizes[i].width) * sizes[i].height;
    if (pixels > limits.max_pixels) {
      const std::string n = std::to_string(i + 1);
      const std::string dims = std::to_string(sizes[i].width) + "x" + std::to_string(sizes[i].height);
      return invalid("gambar " + n + " (" + dims + ") melebihi batas piksel / image " + n + " (" +
                     dims + ") exceeds the pixel limit");
    }
  }
  return sizes;
}

}  // namespace berkas::extract::internal
