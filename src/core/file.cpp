#include "core/file.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>

namespace berkas::core {

namespace {

std::string random_letters(int n) {
  std::random_device rd;
  static const char* k_hex = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < n; ++i) out.push_back(k_hex[rd() & 15]);
  return out;
}

}  // namespace

Status write_file_atomically(const std::string& path, const std::string& bytes) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  const fs::path tmp =
      target.parent_path() / (".berkas-tmp-" + std::to_string(::getpid()) + "-" + random_letters(12) + ".part");
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out)
      return fail(ErrorCode::io, "berkas tidak dapat dibuat / cannot create the output file", path);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) {
      out.close();
      std::error_code ec;
      fs::remove(tmp, ec);
      return fail(ErrorCode::io, "berkas tidak dapat ditulis / cannot write the output file", path);
    }
  }
  std::error_code ec;
  fs::rename(tmp, target, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return fail(ErrorCode::io, "berkas tidak dapat dipindahkan ke tempatnya / cannot move the output file into place: " +
                                   ec.message(),
                path);
  }
  return {};
}

}  // namespace berkas::core
