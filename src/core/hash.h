// core/hash: SHA-256 of bytes and files, as lowercase hex.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"

namespace berkas::core {

// SHA-256 of `bytes` as 64 lowercase hex digits. Thread-safe.
std::string sha256_hex(std::string_view bytes);

// SHA-256 of a file's bytes; io error if it cannot be read. Thread-safe.
Result<std::string> sha256_file(const std::string& path);

// Incremental SHA-256 (for chaining or large inputs). Not thread-safe per object.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void update(std::string_view bytes);
  std::string hex_digest();  // finalises; the object may not be updated after

 private:
  void* m_ctx;
};

}  // namespace berkas::core
