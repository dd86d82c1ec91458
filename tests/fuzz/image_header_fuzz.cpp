// Fuzz target: the image header readers (extract/internal/image_header) — PNG IHDR, JPEG SOFn
// and TIFF IFD chains — each on the raw input, then the size check read_image runs before any
// decoder, with a small page and pixel bound.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "extract/internal/image_header.h"

using namespace berkas;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)extract::internal::png_size(bytes);
  (void)extract::internal::jpeg_size(bytes);
  if (auto pages = extract::internal::tiff_sizes(bytes, 50); pages && (pages->empty() || pages->size() > 50))
    __builtin_trap();  // a success has between 1 and max_pages pages
  extract::Limits limits;
  limits.max_pages = 20;
  limits.max_pixels = 1'000'000;
  if (auto sizes = extract::internal::checked_image_sizes(bytes, limits))
    for (const auto& s : *sizes)
      if (static_cast<std::uint64_t>(s.width) * s.height > limits.max_pixels || s.width == 0 || s.height == 0)
        __builtin_trap();
  return 0;
}
