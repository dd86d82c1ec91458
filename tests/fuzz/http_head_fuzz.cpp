// Fuzz target: the event-loop front's wire parsing (server/internal/http_parse.h) — find_head_end,
// parse_request_head and body_framing on the head, then the rest through ChunkedDecoder, once
// whole and once split into pieces whose sizes come from the input. Properties: find_head_end
// never points past the bytes; consumed never exceeds what was given; the split decoding gives
// the same status and body as the whole one.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "server/internal/http_parse.h"

using namespace berkas::server::internal;

namespace {

struct Decoded {
  ChunkedDecoder::Status status = ChunkedDecoder::Status::need_more;
  std::string body;
  std::size_t used = 0;
};

Decoded decode(std::string_view in, std::size_t step_seed) {
  ChunkedDecoder d;
  Decoded r;
  std::size_t pos = 0;
  while (pos < in.size() && r.status == ChunkedDecoder::Status::need_more) {
    std::size_t piece = step_seed == 0 ? in.size() - pos : 1 + (step_seed * (pos + 7)) % 13;
    if (piece > in.size() - pos) piece = in.size() - pos;
    std::size_t consumed = 0;
    r.status = d.feed(in.substr(pos, piece), r.body, consumed);
    if (consumed > piece) std::abort();
    if (r.status == ChunkedDecoder::Status::need_more && consumed != piece) std::abort();
    pos += consumed;
  }
  r.used = pos;
  return r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  const std::size_t end = find_head_end(in);
  if (end != std::string_view::npos && end > in.size()) std::abort();
  std::string_view rest = in;
  if (end != std::string_view::npos) {
    auto head = parse_request_head(in.substr(0, end));
    if (head) {
      (void)head->get("host");
      (void)head->count("content-length");
      (void)body_framing(*head);
    }
    rest = in.substr(end);
  }
  const Decoded whole = decode(rest, 0);
  const Decoded split = decode(rest, size % 5 + 1);
  if (whole.status != split.status) std::abort();
  if (whole.status != ChunkedDecoder::Status::error && (whole.body != split.body || whole.used != split.used))
    std::abort();
  (void)reason_phrase(static_cast<int>(size % 600));
  return 0;
}
