// tests/fuzz/fuzz_support: what the libFuzzer targets share — the source tree's path, a private
// scratch folder (in /dev/shm when there is one: targets that must go through a file write to
// memory, not disk) and the input as a string.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

#include <unistd.h>

namespace berkas::fuzz {

inline std::string source_path(const std::string& rel) { return std::string(BERKAS_SOURCE_DIR) + "/" + rel; }

inline std::string as_string(const std::uint8_t* data, std::size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

// A fresh folder for this process, removed at exit. Aborts if it cannot be made (a fuzz run
// without its scratch space would report nothing useful).
inline const std::string& scratch_dir() {
  static const std::string dir = [] {
    std::error_code ec;
    std::filesystem::path base = std::filesystem::is_directory("/dev/shm", ec) ? "/dev/shm" : std::filesystem::temp_directory_path();
    std::string tmpl = (base / "berkas-fuzz-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) std::abort();
    static std::string keep = tmpl;
    std::atexit([] {
      std::error_code e;
      std::filesystem::remove_all(keep, e);
    });
    return tmpl;
  }();
  return dir;
}

inline void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) std::abort();
}

// Copies the regular files of `from` (a folder of the source tree) into `to`, for targets whose
// inputs name neighbouring files (attachments, statistics).
inline void copy_files(const std::string& from, const std::string& to) {
  std::filesystem::create_directories(to);
  for (const auto& e : std::filesystem::directory_iterator(from)) {
    if (!e.is_regular_file()) continue;
    std::filesystem::copy_file(e.path(), std::filesystem::path(to) / e.path().filename(),
                               std::filesystem::copy_options::overwrite_existing);
  }
}

}  // namespace berkas::fuzz
