// Fuzz target: ingest::extract_citations — references to provisions in free legal text, with the
// default law and without one (bare "Pasal N" dropped).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ingest/citations.h"

using namespace berkas;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)ingest::extract_citations(text);
  (void)ingest::extract_citations(text, "");
  return 0;
}
