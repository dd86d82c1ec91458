// extract/internal/image_header: the size of every image in a PNG, JPEG or TIFF file, read from
// its headers alone (PNG's IHDR, JPEG's SOFn, each TIFF IFD's ImageWidth and ImageLength), so
// that a decompression bomb is refused before a decoder allocates anything.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "extract/extract.h"

namespace berkas::extract::internal {

struct ImageSize {
  std::uint32_t width = 0;
  std::uint32_t height = 0;
};

// The size of a PNG's image from its IHDR, which must be the first chunk.
// Errors: invalid_input when the signature or IHDR is missing, truncated or declares a zero size
// or a side over 2^31 - 1. Reads at most the first 33 bytes.
core::Result<ImageSize> png_size(std::string_view bytes);

// The size of a JPEG's frame from its first SOFn segment (baseline, progressive, lossless,
// arithmetic), reached by walking the marker segments from SOI; a later SOFn before the scan
// that declares a larger size wins. Errors: invalid_input when SOI is missing, a segment is
// truncated, the scan (SOS) or end (EOI) comes before any SOFn, or the size is zero (a height
// defined later by DNL is not supported). Each segment is visited once: linear in the bytes.
core::Result<ImageSize> jpeg_size(std::string_view bytes);

// The size of every page of a TIFF (classic, either byte order), following the IFD chain from
// the header. Errors: invalid_input when the header is malformed, BigTIFF, an IFD or a tag lies
// outside the file, an IFD is visited twice (a loop), a page lacks ImageWidth or ImageLength or
// has a zero size, or there are more than `max_pages` IFDs (refused as soon as the next one is
// reached). Work is bounded by max_pages times 65535 entries.
core::Result<std::vector<ImageSize>> tiff_sizes(std::string_view bytes, int max_pages);

// The sizes of the images of `bytes` (a PNG, JPEG or TIFF, sniffed from the content), each
// checked against limits.max_pixels and, for TIFF, the page count against limits.max_pages.
// Errors: invalid_input, Indonesian first then English, saying which bound or which page.
core::Result<std::vector<ImageSize>> checked_image_sizes(std::string_view bytes, const Limits& limits);

}  // namespace berkas::extract::internal
