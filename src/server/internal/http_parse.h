// server/internal/http_parse: the pure HTTP/1.x wire parsing of the event-driven front — a request
// head, its body framing, and an incremental chunked-body decoder. No sockets, no clocks, no
// allocation beyond the values returned: each function is safe to call on any bytes (the fuzz
// targets under tests/fuzz/ do).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"

namespace berkas::server::internal {

constexpr std::size_t k_max_head_bytes = 16u << 10;  // request line + header fields
constexpr std::size_t k_max_header_fields = 100;

struct RequestHead {
  std::string method;  // a token, e.g. "GET"
  std::string target;  // the request target as sent (origin form "/path?query", or "*" / absolute)
  int version_minor = 1;  // HTTP/1.0 → 0, HTTP/1.1 → 1
  std::vector<std::pair<std::string, std::string>> fields;  // names as sent, values without outer blanks

  // The value of the first field named `name` (case-insensitive); empty if absent.
  std::string get(std::string_view name) const;
  // How many fields are named `name` (case-insensitive).
  std::size_t count(std::string_view name) const;
};

// Where a request head ends: the offset just past its blank line ("\r\n\r\n" or a bare "\n\n"),
// or npos when `bytes` does not hold a whole head yet. Scans from `from` (an earlier result's
// scan position may be passed to avoid scanning twice; 0 is always correct).
std::size_t find_head_end(std::string_view bytes, std::size_t from = 0);

// Parses one request head: `bytes` is exactly the head, from the request line through the blank
// line that ends it (as delimited by find_head_end). Lines end in CRLF or a bare LF.
// Errors (all invalid_input, the message in the user's words, Indonesian first):
//   - more than k_max_head_bytes, or more than k_max_header_fields fields: the message starts
//     with "431" (the front answers 431 Request Header Fields Too Large);
//   - a malformed request line (method not a token, empty target or one with controls or
//     blanks, a version other than HTTP/1.0 or HTTP/1.1), a field name that is not a token or is
//     followed by blanks before ':', a folded line (obs-fold), a control character in a value,
//     a NUL anywhere: 400.
// Thread-safe (pure).
core::Result<RequestHead> parse_request_head(std::string_view bytes);

// How the body of a request is delimited (RFC 9112 §6).
struct BodyFraming {
  enum class Kind { none, length, chunked };
  Kind kind = Kind::none;
  std::uint64_t length = 0;  // for Kind::length
};

// The body framing of `head`: Transfer-Encoding "chunked" (exactly; any other coding is refused),
// else one Content-Length of 1 to 18 decimal digits, else no body. invalid_input for
// Transfer-Encoding together with Content-Length, more than one Content-Length field (even equal
// ones), a list value ("5, 5"), a sign, blanks or any non-digit. Thread-safe (pure).
core::Result<BodyFraming> body_framing(const RequestHead& head);

// Decodes a chunked body incrementally (RFC 9112 §7.1): chunk sizes in hex (at most 15 digits),
// chunk extensions and trailer fields skipped (each line at most 4 KiB, trailers at most
// k_max_head_bytes in all). Not thread-safe; one decoder per body.
class ChunkedDecoder {
 public:
  enum class Status {
    need_more,  // everything given was consumed; the body is not finished
    done,       // the last chunk and the trailers have been read; bytes after them are not consumed
    error,      // malformed; the decoder stays in this state
  };

  // Consumes bytes from the front of `in`, appending decoded body bytes to `out`. Sets `consumed`
  // to how many bytes of `in` were used (all of them unless the status is done, when the rest
  // belongs to the next request, or error).
  Status feed(std::string_view in, std::string& out, std::size_t& consumed);

  Status status() const { return m_status; }

 private:
  enum class State { size, size_ext, size_lf, data, data_cr, data_lf, trailer, trailer_lf, final_lf };
  State m_state = State::size;
  Status m_status = Status::need_more;
  std::uint64_t m_left = 0;      // bytes left in the current chunk
  int m_digits = 0;              // hex digits of the current size
  std::size_t m_line = 0;        // length of the current size or trailer line
  std::size_t m_trailers = 0;    // bytes of trailer seen
};

// "Not Found" for 404 and so on; "Unknown" for a code without a phrase.
const char* reason_phrase(int status);

}  // namespace berkas::server::internal
