// Fuzz target: ingest::parse_bytes on XML — the path every uploaded or ingested file takes: safe
// parse, dispatch on the root element (perkara, orang, keterangan (BAP), keterangan-ahli,
// keterangan-terdakwa, surat, bukti-elektronik, putusan, perlindungan, restitusi, undang-undang),
// schema validation, the kind's reader, attachment resolution and citation extraction. No store.
// The scratch folder holds the demo's attachments (lampiran/) so the hash checks run too.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.h"
#include "ingest/ingest.h"

using namespace berkas;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string schemas = fuzz::source_path("schemas");
  static const std::string input = [] {
    const auto& dir = fuzz::scratch_dir();
    fuzz::copy_files(fuzz::source_path("demo/05-surat/lampiran"), dir + "/lampiran");
    fuzz::copy_files(fuzz::source_path("demo/06-elektronik/lampiran"), dir + "/lampiran");
    return dir + "/input.xml";
  }();
  ingest::Limits limits;
  limits.max_file_bytes = 1u << 20;
  limits.max_text_bytes = 256u << 10;
  auto parsed = ingest::parse_bytes(fuzz::as_string(data, size), input, schemas, limits);
  if (parsed && parsed->item) (void)parsed->item->full_text();
  return 0;
}
