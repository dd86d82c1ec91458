#include "core/error.h"

namespace berkas::core {

const char* to_string(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid_input: return "invalid input";
    case ErrorCode::not_found: return "not found";
    case ErrorCode::forbidden: return "forbidden";
    case ErrorCode::conflict: return "conflict";
    case ErrorCode::integrity: return "integrity error";
    case ErrorCode::io: return "i/o error";
    case ErrorCode::internal: return "internal error";
  }
  return "error";
}

std::string Error::describe() const {
  std::string out;
  if (!file.empty()) {
    out += file;
    if (line > 0) out += ":" + std::to_string(line);
    out += ": ";
  }
  out += message;
  if (!field.empty() && message.find(field) == std::string::npos) out += " (" + field + ")";
  return out;
}

}  // namespace berkas::core
