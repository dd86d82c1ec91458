// Fuzz target: the bundle module's template reader — check_template (court bundle) and
// check_witness_template (witness file) on the same bytes: bounded read, DOCTYPE refusal, safe
// parse, XSD validation, the section reader and mustache checks of every text. The readers take
// a path, so the input goes to a file in the scratch folder (tmpfs where there is one).
#include <cstddef>
#include <cstdint>
#include <string>

#include "bundle/bundle.h"
#include "bundle/witness_file.h"
#include "fuzz_support.h"

using namespace berkas;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path = fuzz::scratch_dir() + "/template.xml";
  static const std::string court_xsd = fuzz::source_path("schemas/bundle-template.xsd");
  static const std::string witness_xsd = fuzz::source_path("schemas/witness-file-template.xsd");
  fuzz::write_file(path, fuzz::as_string(data, size));
  (void)bundle::check_template(path, court_xsd);
  (void)bundle::check_witness_template(path, witness_xsd);
  return 0;
}
