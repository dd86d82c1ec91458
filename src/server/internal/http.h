// server/internal/http: the server's own request and response values (so routes never touch
// Poco.Net types), and the small HTTP helpers they need: decoding, forms, cookies, multipart.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/error.h"

namespace berkas::server::internal {

struct Request {
  std::string method;               // "GET", "POST", ...
  std::string path;                 // raw (still percent-encoded), without the query
  std::string query_string;
  std::map<std::string, std::string> query;    // decoded; the first value of a repeated name
  std::map<std::string, std::string> headers;  // names lower-cased
  std::map<std::string, std::string> cookies;
  std::string body;
  std::string client;               // the peer's address, without the port
  bool tls = false;

  std::string header(const std::string& lower_name) const;
  std::string param(const std::string& name) const;  // from the query
  // A whole-number query parameter: `fallback` when absent or not a number, clamped to
  // [min, max] when it is one (no std::atoi: "99999999999" is max, not a wrapped value).
  std::int64_t int_param(const std::string& name, std::int64_t fallback, std::int64_t min, std::int64_t max) const;
};

struct Response {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;  // extra (Set-Cookie may repeat)
  std::string body;
  std::string file_path;  // if set, the body is this file (static files)

  void set_header(const std::string& name, const std::string& value) { headers.emplace_back(name, value); }
};

// Percent-decoding; with `plus_is_space` a '+' becomes ' ' (forms, query strings). Returns false
// for a malformed escape or a decoded NUL.
bool url_decode(const std::string& in, std::string& out, bool plus_is_space);
std::string url_encode(const std::string& in);

// application/x-www-form-urlencoded (or a query string) → name → value (first wins).
std::map<std::string, std::string> parse_form(const std::string& body);

// Cookie header → name → value.
std::map<std::string, std::string> parse_cookies(const std::string& header);

// Splits a raw path into decoded segments; false if any segment decodes to "..", ".", contains
// '/', '\\' or NUL, or the path is not absolute.
bool split_path(const std::string& raw_path, std::vector<std::string>& segments);

struct UploadedFile {
  std::string field;      // form field name
  std::string file_name;  // as the client sent it: for display only, never a path
  std::string content_type;
  std::string bytes;
};

struct Multipart {
  std::map<std::string, std::string> fields;  // non-file parts
  std::vector<UploadedFile> files;
};

// Parses a multipart/form-data body. invalid_input for a missing boundary, a malformed body, or
// more than `max_parts` parts.
core::Result<Multipart> parse_multipart(const std::string& content_type, const std::string& body,
                                        std::size_t max_parts);

// "Saksi A & <b>" → HTML-escaped text.
std::string html_escape(const std::string& s);

}  // namespace berkas::server::internal
