// Fuzz target: the guideline (training) module reader — bundle::load_guideline: bounded read,
// DOCTYPE refusal, safe parse, XSD validation, chapters, law excerpts, case studies and the
// statistics CSV files it names (the shipped ones are copied beside the input, in data/).
#include <cstddef>
#include <cstdint>
#include <string>

#include "bundle/guideline.h"
#include "fuzz_support.h"

using namespace berkas;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path = [] {
    const auto& dir = fuzz::scratch_dir();
    fuzz::copy_files(fuzz::source_path("templates/guidelines/data"), dir + "/data");
    return dir + "/module.xml";
  }();
  static const std::string xsd = fuzz::source_path("schemas/guideline.xsd");
  fuzz::write_file(path, fuzz::as_string(data, size));
  (void)bundle::load_guideline(path, xsd);
  return 0;
}
