// Fuzz target: ingest::parse_law_xml — the law XML reader (root <undang-undang>): Bab, Pasal,
// ayat, huruf, Penjelasan, periods of force and successors.
#include <cstddef>
#include <cstdint>

#include "fuzz_support.h"
#include "ingest/law_xml.h"

using namespace berkas;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto doc = ingest::parse_law_xml(fuzz::as_string(data, size), "law.xml");
  (void)doc;
  return 0;
}
