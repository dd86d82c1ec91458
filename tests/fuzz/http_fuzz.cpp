// Fuzz target: the server's small HTTP helpers as the routes use them (server/internal/http.h) —
// url_decode (both modes), parse_form (bodies and query strings), parse_cookies, split_path — on
// the same bytes, and the request numbers (core::parse_decimal, Request::int_param). Properties:
// decode(encode(s)) == s for any s without NUL; split_path never yields a segment that is ".",
// "..", or holds '/', '\\' or NUL; parse_decimal answers exactly when std::from_chars reads the
// whole input as a number in range (a '-' only when negatives are allowed), with the same value;
// int_param stays within its bounds.
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "core/text.h"
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

  constexpr auto lowest = std::numeric_limits<std::int64_t>::min();
  constexpr auto highest = std::numeric_limits<std::int64_t>::max();
  for (const auto& [lo, hi] : {std::pair<std::int64_t, std::int64_t>{0, 100}, {1, 500}, {-5, 5}, {lowest, highest}}) {
    const auto v = core::parse_decimal(in, lo, hi);
    std::int64_t ref = 0;
    const auto [end, ec] = std::from_chars(in.data(), in.data() + in.size(), ref);
    // (parse_decimal also refuses more than 20 characters, e.g. zero-padded: a bound on input.)
    const bool ref_ok = !in.empty() && in.size() <= 20 && ec == std::errc() && end == in.data() + in.size() &&
                        (in[0] != '-' || lo < 0) && ref >= lo && ref <= hi;
    if (v.has_value() != ref_ok || (v && *v != ref)) std::abort();
    http::Request r;
    r.query["n"] = in;
    const auto p = r.int_param("n", lo, lo, hi);
    if (p < lo || p > hi) std::abort();
  }
  return 0;
}
