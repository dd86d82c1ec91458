// Fuzz target: ingest::parse_putusan_text — a court decision as plain text (pdftotext output):
// number, court, date, defendant, provisions, verdict, sentence.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ingest/putusan_text.h"

using namespace berkas;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto p = ingest::parse_putusan_text(std::string_view(reinterpret_cast<const char*>(data), size), "putusan.txt");
  (void)p;
  return 0;
}
