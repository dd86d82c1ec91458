// The small response helpers every handler file shares (shared.h): tokens, problem details, JSON.
#include "server/internal/shared.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <sstream>

#include "core/text.h"

namespace berkas::server::internal {

using core::ErrorCode;

std::string random_token() {
  unsigned char buf[32];
  if (RAND_bytes(buf, sizeof buf) != 1) return {};
  static const char* k_hex = "0123456789abcdef";
  std::string out;
  for (unsigned char b : buf) {
    out.push_back(k_hex[b >> 4]);
    out.push_back(k_hex[b & 15]);
  }
  return out;
}

bool same_secret(const std::string& a, const std::string& b) {
  return !a.empty() && a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

int status_of(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid_input: return 400;
    case ErrorCode::not_found: return 404;
    case ErrorCode::forbidden: return 403;
    case ErrorCode::conflict: return 409;
    default: return 500;
  }
}

const char* title_of(int status) {
  switch (status) {
    case 400: return "Permintaan tidak sah / Bad request";
    case 401: return "Belum masuk / Not signed in";
    case 403: return "Tidak diizinkan / Forbidden";
    case 404: return "Tidak ditemukan / Not found";
    case 405: return "Metode tidak diizinkan / Method not allowed";
    case 409: return "Konflik / Conflict";
    case 413: return "Terlalu besar / Payload too large";
    case 415: return "Jenis isi tidak didukung / Unsupported media type";
    case 429: return "Terlalu banyak percobaan / Too many requests";
    default: return "Galat server / Server error";
  }
}

const char* slug_of(int status) {
  switch (status) {
    case 400: return "bad-request";
    case 401: return "unauthorized";
    case 403: return "forbidden";
    case 404: return "not-found";
    case 405: return "method-not-allowed";
    case 409: return "conflict";
    case 413: return "payload-too-large";
    case 415: return "unsupported-media-type";
    case 429: return "too-many-requests";
    default: return "server-error";
  }
}

std::string stringify(const Poco::JSON::Object::Ptr& o) {
  std::ostringstream out;
  Poco::JSON::Stringifier::stringify(o, out, 2);
  return out.str();
}

Poco::JSON::Object::Ptr obj() { return new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER); }

// RFC 9457 problem details. `detail` is for people: Indonesian, then English.
Response problem(int status, const std::string& detail) {
  Response r;
  r.status = status;
  r.content_type = "application/problem+json";
  auto o = obj();
  o->set("type", std::string("urn:berkas:problem:") + slug_of(status));
  o->set("title", std::string(title_of(status)));
  o->set("status", status);
  o->set("detail", detail);
  r.body = stringify(o);
  return r;
}

Response problem(const core::Error& e) { return problem(status_of(e.code), e.message); }

Response json_response(const std::string& body, int status) {
  Response r;
  r.status = status;
  r.content_type = "application/json; charset=utf-8";
  r.body = body;
  return r;
}

// A download's file name: the last part of the stored name, reduced to harmless characters.
std::string download_name(const std::string& stored) {
  const auto slash = stored.find_last_of("/\\");
  std::string out;
  for (char ch : stored.substr(slash == std::string::npos ? 0 : slash + 1))
    out.push_back((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '.' ||
                          ch == '-' || ch == '_'
                      ? ch
                      : '_');
  if (out.empty() || out[0] == '.') out = "lampiran" + out;
  return out.substr(0, 100);
}

// The request body as a JSON object; a problem response when it is not one.
std::optional<Response> parse_json_object(const Request& req, Poco::JSON::Object::Ptr& out) {
  // The media type itself, before any parameters: "application/json; charset=utf-8" is JSON,
  // "application/jsonfoo" is not.
  const std::string ct = core::ascii_lower(req.header("content-type"));
  const std::string media = core::squeeze_space(ct.substr(0, ct.find(';')));
  if (media != "application/json")
    return problem(415, "isi harus application/json / the body must be application/json");
  try {
    Poco::JSON::Parser parser;
    auto v = parser.parse(req.body);
    out = v.extract<Poco::JSON::Object::Ptr>();
    if (!out) throw Poco::Exception("not an object");
    return std::nullopt;
  } catch (const Poco::Exception&) {
    return problem(400, "JSON tidak sah atau bukan objek / malformed JSON or not an object");
  } catch (const std::exception&) {
    return problem(400, "JSON tidak sah atau bukan objek / malformed JSON or not an object");
  }
}

std::string str_field(const Poco::JSON::Object::Ptr& o, const std::string& name) {
  if (!o->has(name)) return {};
  auto v = o->get(name);
  if (!v.isString()) return {};
  return v.extract<std::string>();
}

}  // namespace berkas::server::internal
