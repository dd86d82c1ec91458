// extract/image: the text of scans and photos (PNG, JPEG, multi-page TIFF) by OCR, and what a
// photo's EXIF says. Leptonica and libexif stay inside image.cpp.
#pragma once

#include <string_view>

#include "core/error.h"
#include "extract/extract.h"

namespace berkas::extract {

// One Unit per image (per TIFF page), Method::ocr (see ocr_pages for threads and time limits).
// The size of every image is read from its header first — PNG's IHDR, JPEG's SOF, each TIFF
// IFD's ImageWidth/ImageLength — and nothing is decoded unless every image is within max_pixels
// and a TIFF has at most max_pages pages. Metadata when the EXIF says it (a JPEG's APP1; a
// TIFF's IFD0 only when its tags lie in the file's first 64 KiB, as far as libexif reads):
// "exif.datetime" (DateTimeOriginal, ISO 8601 "2024-02-12T09:15:30"), "exif.camera" (Make and
// Model), "exif.gps" ("lat,lon" in signed decimal degrees, e.g. "-6.175392,106.827153").
// Errors (invalid_input, Indonesian first then English): over max_bytes, not PNG/JPEG/TIFF, a
// header that is malformed or declares a size over max_pixels, too many TIFF pages, image data
// the decoder cannot read or that decodes to another size than its header said; OCR errors as
// ocr_pages gives them. (libpng and libjpeg may print a one-line diagnostic of a damaged file on
// stderr — leptonica offers no way to silence them; leptonica's own messages are silenced.)
// Reads `bytes` only; writes nothing.
// Thread safety: safe to call from several threads at once.
core::Result<Extracted> read_image(std::string_view bytes, const Limits& limits);

}  // namespace berkas::extract
