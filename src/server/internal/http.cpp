#include "server/internal/http.h"

#include <Poco/Exception.h>
#include <Poco/Net/MediaType.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/MultipartReader.h>
#include <Poco/Net/NameValueCollection.h>

#include <algorithm>
#include <climits>
#include <sstream>

#include "core/text.h"

namespace berkas::server::internal {

std::string Request::header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? std::string() : it->second;
}

std::string Request::param(const std::string& name) const {
  auto it = query.find(name);
  return it == query.end() ? std::string() : it->second;
}

std::int64_t Request::int_param(const std::string& name, std::int64_t fallback, std::int64_t min,
                                std::int64_t max) const {
  const std::string v = param(name);
  if (v.empty()) return fallback;
  if (auto n = core::parse_decimal(v, INT64_MIN, INT64_MAX)) return std::clamp(*n, min, max);
  // All digits but too many for 64 bits: as large (or small) as allowed.
  const bool negative = v[0] == '-';
  const auto digits = v.substr(negative ? 1 : 0);
  if (!digits.empty() && digits.find_first_not_of("0123456789") == std::string::npos) return negative ? min : max;
  return fallback;
}

bool url_decode(const std::string& in, std::string& out, bool plus_is_space) {
  out.clear();
  out.reserve(in.size());
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (std::size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%') {
      int hi = i + 1 < in.size() ? hex(in[i + 1]) : -1;
      int lo = i + 2 < in.size() ? hex(in[i + 2]) : -1;
      if (hi < 0 || lo < 0) return false;
      c = static_cast<char>(hi * 16 + lo);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      c = ' ';
    }
    // A NUL in the result, escaped or raw, is refused (found by http_fuzz: a raw NUL passed).
    if (c == '\0') return false;
    out.push_back(c);
  }
  return true;
}

std::string url_encode(const std::string& in) {
  static const char* k_hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : in) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
        c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(k_hex[c >> 4]);
      out.push_back(k_hex[c & 15]);
    }
  }
  return out;
}

std::map<std::string, std::string> parse_form(const std::string& body) {
  std::map<std::string, std::string> out;
  for (const auto& pair : core::split(body, '&')) {
    if (pair.empty()) continue;
    auto eq = pair.find('=');
    std::string name, value;
    if (!url_decode(pair.substr(0, eq), name, true)) continue;
    if (eq != std::string::npos && !url_decode(pair.substr(eq + 1), value, true)) continue;
    out.emplace(std::move(name), std::move(value));
  }
  return out;
}

std::map<std::string, std::string> parse_cookies(const std::string& header) {
  std::map<std::string, std::string> out;
  for (auto part : core::split(header, ';')) {
    part = core::squeeze_space(part);
    auto eq = part.find('=');
    if (eq == std::string::npos || eq == 0) continue;
    out.emplace(part.substr(0, eq), part.substr(eq + 1));
  }
  return out;
}

bool split_path(const std::string& raw_path, std::vector<std::string>& segments) {
  segments.clear();
  if (raw_path.empty() || raw_path[0] != '/') return false;
  for (const auto& raw : core::split(raw_path.substr(1), '/')) {
    if (raw.empty()) continue;
    std::string seg;
    if (!url_decode(raw, seg, false)) return false;
    // Decoding must not smuggle in a separator or a dot segment ("%2e%2e", "%2f").
    if (seg == "." || seg == ".." || seg.find('/') != std::string::npos || seg.find('\\') != std::string::npos)
      return false;
    segments.push_back(std::move(seg));
  }
  return true;
}

core::Result<Multipart> parse_multipart(const std::string& content_type, const std::string& body,
                                        std::size_t max_parts) {
  const auto bad = [](const std::string& why) {
    return core::fail(core::ErrorCode::invalid_input, "unggahan tidak sah / malformed upload: " + why);
  };
  try {
    Poco::Net::MediaType mt(content_type);
    if (!mt.matches("multipart", "form-data")) return bad("not multipart/form-data");
    const std::string boundary = mt.hasParameter("boundary") ? mt.getParameter("boundary") : std::string();
    if (boundary.empty() || boundary.size() > 200) return bad("no boundary");
    // The body must end with its close delimiter ("--BOUNDARY--" at the start of a line,
    // then only an epilogue): without it the upload was cut short, and a part read to the end
    // of what arrived would be stored as if whole.
    const std::string delimiter = "--" + boundary;
    std::size_t last = std::string::npos;
    for (std::size_t p = body.find(delimiter); p != std::string::npos; p = body.find(delimiter, p + 1))
      if (p == 0 || body[p - 1] == '\n') last = p;
    if (last == std::string::npos || body.compare(last + delimiter.size(), 2, "--") != 0)
      return bad("tidak ada batas penutup; unggahan terpotong? / no closing boundary; was the upload cut short?");
    std::istringstream in(body);
    Poco::Net::MultipartReader reader(in, boundary);
    Multipart out;
    std::size_t parts = 0;
    while (reader.hasNextPart()) {
      if (++parts > max_parts) return bad("too many parts");
      Poco::Net::MessageHeader header;
      reader.nextPart(header);
      std::string disposition;
      Poco::Net::NameValueCollection params;
      Poco::Net::MessageHeader::splitParameters(header.get("Content-Disposition", ""), disposition, params);
      std::ostringstream bytes;
      bytes << reader.stream().rdbuf();
      const std::string name = params.get("name", "");
      if (params.has("filename")) {
        out.files.push_back({name, params.get("filename", ""), header.get("Content-Type", ""), bytes.str()});
      } else {
        out.fields.emplace(name, bytes.str());
      }
    }
    return out;
  } catch (const Poco::Exception& e) {
    return bad(e.displayText());
  } catch (const std::exception& e) {
    return bad(e.what());
  }
}

std::string html_escape(const std::string& s) { return core::escape_html(s); }

}  // namespace berkas::server::internal
