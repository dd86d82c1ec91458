// service/internal/paths: where the shipped resources a document is made from are found.
#pragma once

#include <filesystem>
#include <string>

#include "service/service.h"

namespace berkas::service::internal {

// The store file of a data folder.
inline std::string store_path(const std::string& data_dir) {
  return (std::filesystem::path(data_dir) / "store.sqlite").string();
}

// A template by name ("court-bundle" → <resource_dir>/templates/court-bundle.xml), or the path
// given when it names a file (contains '/' or ends in ".xml").
inline std::string template_path(const Options& options, const std::string& name) {
  if (name.find('/') != std::string::npos || (name.size() > 4 && name.substr(name.size() - 4) == ".xml")) return name;
  return (std::filesystem::path(options.resource_dir) / "templates" / (name + ".xml")).string();
}

// A schema shipped in <resource_dir>/schemas/.
inline std::string schema_path(const Options& options, const std::string& file) {
  return (std::filesystem::path(options.resource_dir) / "schemas" / file).string();
}

}  // namespace berkas::service::internal
