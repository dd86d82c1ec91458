// core/error: the error value every module returns for expected failures.
#pragma once

#include <string>
#include <utility>

#include <tl/expected.hpp>

namespace berkas::core {

// What kind of failure; the CLI maps these to exit codes, the server to HTTP status.
enum class ErrorCode {
  invalid_input,  // a file or argument is malformed or fails validation
  not_found,      // no such item / case / provision (or not visible to the caller)
  forbidden,      // the caller may not do this (never used to reveal existence)
  conflict,       // the action contradicts stored state (e.g. immutable item changed)
  integrity,      // a stored hash or the index disagrees with the store
  io,             // the file system or a library failed
  internal,       // a bug: should not happen
};

const char* to_string(ErrorCode code);

// An expected failure: a code, a message for people, and where it applies.
struct Error {
  ErrorCode code = ErrorCode::internal;
  std::string message;
  std::string file;   // source file the error is about, if any
  int line = 0;       // 1-based line in `file`, 0 if unknown
  std::string field;  // element/attribute/field name, if any

  // "file:line: message" (only the parts that are known).
  std::string describe() const;
};

template <class T>
using Result = tl::expected<T, Error>;
using Status = tl::expected<void, Error>;

inline tl::unexpected<Error> fail(ErrorCode code, std::string message, std::string file = {},
                                  int line = 0, std::string field = {}) {
  return tl::unexpected<Error>(
      Error{code, std::move(message), std::move(file), line, std::move(field)});
}

}  // namespace berkas::core
