// Fuzz target: the server's small HTTP helpers as the routes use them (server/internal/http.h) —
// url_decode (both modes), parse_form (bodies and query strings), parse_cookies, split_path — on
// the same bytes, with two properties checked: decode(encode(s)) == s for any s without NUL,
// and split_path never yields a segment that is ".", "..", empty-but-traversing, or holds '/',
// '\\' or NUL.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "fuzz_support.h"
#include "server/internal/http.h"

using namespace berkas;
namespace http = berkas::server::internal;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string in = fuzz::as_string(data, size);
  std::string out;
  (void)http::url_decode(in, out, true);
  (void)http::url_decode(in, out, false);
  (void)http::parse_form(in);
  (void)http::parse_cookies(in);
  std::vector<std::string> segments;
  if (http::split_path(in, segments)) {
    for (const auto& s : segments)
      if (s == "." || s == ".." || s.find_first_of(std::string("/\\\0", 3)) != std::string::npos) std::abort();
  }
  if (in.find('\0') == std::string::npos) {
    std::string back;
    if (!http::url_decode(http::url_encode(in), back, false) || back != in) std::abort();
  }
  (void)http::html_escape(in);
  return 0;
}
