#include "server/internal/http_parse.h"

#include <algorithm>

namespace berkas::server::internal {

namespace {

constexpr std::size_t k_max_chunk_line = 4096;

bool is_tchar(unsigned char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  switch (c) {
    case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+': case '-': case '.':
    case '^': case '_': case '`': case '|': case '~':
      return true;
    default:
      return false;
  }
}

bool is_token(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return is_tchar(static_cast<unsigned char>(c)); });
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

tl::unexpected<core::Error> bad(const std::string& why) {
  return core::fail(core::ErrorCode::invalid_input, "permintaan tidak sah / malformed request: " + why);
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string RequestHead::get(std::string_view name) const {
  for (const auto& [n, v] : fields)
    if (iequals(n, name)) return v;
  return {};
}

std::size_t RequestHead::count(std::string_view name) const {
  return static_cast<std::size_t>(
      std::count_if(fields.begin(), fields.end(), [&](const auto& f) { return iequals(f.first, name); }));
}

std::size_t find_head_end(std::string_view bytes, std::size_t from) {
  // A line feed followed by an optional CR and another line feed ends the head.
  for (std::size_t i = from; i < bytes.size(); ++i) {
    if (bytes[i] != '\n') continue;
    if (i + 1 < bytes.size() && bytes[i + 1] == '\n') return i + 2;
    if (i + 2 < bytes.size() && bytes[i + 1] == '\r' && bytes[i + 2] == '\n') return i + 3;
  }
  return std::string_view::npos;
}

core::Result<RequestHead> parse_request_head(std::string_view bytes) {
  if (bytes.size() > k_max_head_bytes)
    return core::fail(core::ErrorCode::invalid_input,
                      "431 kepala permintaan terlalu besar / request header fields too large");
  if (bytes.find('\0') != std::string_view::npos) return bad("NUL");
  RequestHead head;
  bool first = true;
  while (!bytes.empty()) {
    const auto lf = bytes.find('\n');
    if (lf == std::string_view::npos) return bad("unterminated line");
    std::string_view line = bytes.substr(0, lf);
    bytes.remove_prefix(lf + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find('\r') != std::string_view::npos) return bad("stray CR");
    if (first) {
      first = false;
      const auto sp1 = line.find(' ');
      const auto sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
      if (sp2 == std::string_view::npos || line.find(' ', sp2 + 1) != std::string_view::npos)
        return bad("request line");
      const auto method = line.substr(0, sp1);
      const auto target = line.substr(sp1 + 1, sp2 - sp1 - 1);
      const auto version = line.substr(sp2 + 1);
      if (!is_token(method)) return bad("method");
      if (target.empty() || std::any_of(target.begin(), target.end(), [](char c) {
            const auto u = static_cast<unsigned char>(c);
            return u <= 0x20 || u == 0x7f;
          }))
        return bad("target");
      if (version == "HTTP/1.1")
        head.version_minor = 1;
      else if (version == "HTTP/1.0")
        head.version_minor = 0;
      else
        return bad("version");
      head.method = std::string(method);
      head.target = std::string(target);
      continue;
    }
    if (line.empty()) {
      if (!bytes.empty()) return bad("bytes after the head");
      return head;
    }
    if (line.front() == ' ' || line.front() == '\t') return bad("folded header line");
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) return bad("header line without ':'");
    const auto name = line.substr(0, colon);
    if (!is_token(name)) return bad("header name");
    const auto value = trim(line.substr(colon + 1));
    if (std::any_of(value.begin(), value.end(), [](char c) {
          const auto u = static_cast<unsigned char>(c);
          return (u < 0x20 && u != '\t') || u == 0x7f;
        }))
      return bad("control character in a header value");
    if (head.fields.size() >= k_max_header_fields)
      return core::fail(core::ErrorCode::invalid_input,
                        "431 terlalu banyak kolom kepala / too many header fields");
    head.fields.emplace_back(std::string(name), std::string(value));
  }
  return bad(first ? "empty" : "no blank line after the head");
}

core::Result<BodyFraming> body_framing(const RequestHead& head) {
  BodyFraming f;
  const std::size_t te = head.count("transfer-encoding");
  const std::size_t cl = head.count("content-length");
  if (te > 0) {
    if (cl > 0) return bad("Transfer-Encoding with Content-Length");
    if (te > 1 || !iequals(head.get("transfer-encoding"), "chunked")) return bad("unsupported Transfer-Encoding");
    f.kind = BodyFraming::Kind::chunked;
    return f;
  }
  if (cl == 0) return f;
  if (cl > 1) return bad("more than one Content-Length");
  const std::string v = head.get("content-length");
  if (v.empty() || v.size() > 18 || !std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return bad("Content-Length");
  std::uint64_t n = 0;
  for (char c : v) n = n * 10 + static_cast<std::uint64_t>(c - '0');
  f.kind = BodyFraming::Kind::length;
  f.length = n;
  return f;
}

ChunkedDecoder::Status ChunkedDecoder::feed(std::string_view in, std::string& out, std::size_t& consumed) {
  consumed = 0;
  const auto fail = [&] {
    m_status = Status::error;
    return m_status;
  };
  if (m_status != Status::need_more) return m_status;
  std::size_t i = 0;
  // After a size line: a chunk's data, or (size 0) the trailer section.
  const auto size_line_done = [&] {
    m_line = 0;
    m_state = m_left == 0 ? State::trailer : State::data;
  };
  while (i < in.size()) {
    const char c = in[i];
    switch (m_state) {
      case State::size: {
        const int h = hex_value(c);
        if (h >= 0) {
          if (++m_digits > 15) return consumed = i, fail();
          m_left = m_left * 16 + static_cast<std::uint64_t>(h);
          ++i;
        } else if (m_digits == 0) {
          return consumed = i, fail();
        } else if (c == ';' || c == ' ' || c == '\t') {
          m_state = State::size_ext;
          ++i;
        } else if (c == '\r') {
          m_state = State::size_lf;
          ++i;
        } else if (c == '\n') {
          ++i;
          size_line_done();
        } else {
          return consumed = i, fail();
        }
        break;
      }
      case State::size_ext:
        if (++m_line > k_max_chunk_line) return consumed = i, fail();
        if (c == '\r') {
          m_state = State::size_lf;
        } else if (c == '\n') {
          size_line_done();
        } else if (static_cast<unsigned char>(c) < 0x20 && c != '\t') {
          return consumed = i, fail();
        }
        ++i;
        break;
      case State::size_lf:
        if (c != '\n') return consumed = i, fail();
        ++i;
        size_line_done();
        break;
      case State::data: {
        const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(m_left, in.size() - i));
        out.append(in.data() + i, n);
        i += n;
        m_left -= n;
        if (m_left == 0) m_state = State::data_cr;
        break;
      }
      case State::data_cr:
        if (c == '\r') {
          m_state = State::data_lf;
        } else if (c == '\n') {
          m_state = State::size;
          m_digits = 0;
        } else {
          return consumed = i, fail();
        }
        ++i;
        break;
      case State::data_lf:
        if (c != '\n') return consumed = i, fail();
        m_state = State::size;
        m_digits = 0;
        ++i;
        break;
      case State::trailer:
        if (++m_trailers > k_max_head_bytes) return consumed = i, fail();
        ++i;
        if (m_line == 0 && c == '\r') {
          m_state = State::final_lf;
        } else if (c == '\n') {
          if (m_line == 0) {
            m_status = Status::done;
            consumed = i;
            return m_status;
          }
          m_line = 0;
        } else if (c == '\r') {
          m_state = State::trailer_lf;
        } else {
          if (++m_line > k_max_chunk_line) return consumed = i, fail();
        }
        break;
      case State::trailer_lf:
        if (c != '\n') return consumed = i, fail();
        ++i;
        m_line = 0;
        m_state = State::trailer;
        break;
      case State::final_lf:
        if (c != '\n') return consumed = i, fail();
        ++i;
        m_status = Status::done;
        consumed = i;
        return m_status;
    }
  }
  consumed = i;
  return m_status;
}

const char* reason_phrase(int status) {
  switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 206: return "Partial Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 406: return "Not Acceptable";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 411: return "Length Required";
    case 412: return "Precondition Failed";
    case 413: return "Payload Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 416: return "Range Not Satisfiable";
    case 417: return "Expectation Failed";
    case 422: return "Unprocessable Content";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    case 505: return "HTTP Version Not Supported";
    default: return "Unknown";
  }
}

}  // namespace berkas::server::internal
