// service/internal/json_util: the small Poco::JSON helpers shared by the JSON views
// (service/json.cpp, service/bundles.cpp).
#pragma once

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Stringifier.h>

#include <sstream>
#include <string>
#include <vector>

namespace berkas::service::internal {

// An object that keeps its keys in insertion order (the documented field order).
inline Poco::JSON::Object::Ptr json_object() { return new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER); }

// Pretty-printed JSON text of an object or array.
template <class T>
std::string json_text(const T& ptr) {
  std::ostringstream out;
  Poco::JSON::Stringifier::stringify(ptr, out, 2);
  return out.str();
}

inline Poco::JSON::Array::Ptr json_strings(const std::vector<std::string>& v) {
  Poco::JSON::Array::Ptr a = new Poco::JSON::Array;
  for (const auto& s : v) a->add(s);
  return a;
}

}  // namespace berkas::service::internal
