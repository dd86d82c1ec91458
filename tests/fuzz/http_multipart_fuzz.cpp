// Fuzz target: server::internal::parse_multipart, as the upload and form routes call it. The input
// is the Content-Type header value up to the first newline, then the body.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.h"
#include "server/internal/http.h"

using namespace berkas;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string in = fuzz::as_string(data, size);
  const auto nl = in.find('\n');
  const std::string content_type = nl == std::string::npos ? in : in.substr(0, nl);
  const std::string body = nl == std::string::npos ? std::string() : in.substr(nl + 1);
  (void)server::internal::parse_multipart(content_type, body, 32);
  return 0;
}
