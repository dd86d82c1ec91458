// tests/support: a fixture that gives each test a fresh temporary directory, removed afterwards
// (kept when BERKAS_KEEP_TEST_DIRS is set, for post-mortems).
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

namespace berkas::test {

struct TempDir {
  std::filesystem::path path;

  TempDir() {
    std::random_device rd;
    std::mt19937_64 gen(rd());
    path = std::filesystem::temp_directory_path() / ("berkas-test-" + std::to_string(gen()));
    std::filesystem::create_directories(path);
  }
  ~TempDir() {
    if (!std::getenv("BERKAS_KEEP_TEST_DIRS")) {
      std::error_code ec;
      std::filesystem::remove_all(path, ec);
    }
  }
  std::string file(const std::string& name) const { return (path / name).string(); }
  std::string write(const std::string& name, const std::string& content) const {
    auto p = path / name;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
    return p.string();
  }
};

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::string source_path(const std::string& rel) { return std::string(BERKAS_SOURCE_DIR) + "/" + rel; }

}  // namespace berkas::test
