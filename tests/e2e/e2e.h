// tests/e2e: helpers to run the real `berkas` binary and read its JSON output.
#pragma once

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <string>
#include <vector>

#include "support/process.h"
#include "support/temp_dir.h"

namespace berkas::test {

inline RunResult run_berkas(const std::string& data, std::vector<std::string> args) {
  std::vector<std::string> argv = {BERKAS_BINARY, "--data", data};
  argv.insert(argv.end(), args.begin(), args.end());
  return run(argv);
}

inline Poco::Dynamic::Var parse_json(const std::string& s) {
  Poco::JSON::Parser parser;
  return parser.parse(s);
}

inline Poco::JSON::Object::Ptr json_object(const std::string& s) {
  return parse_json(s).extract<Poco::JSON::Object::Ptr>();
}

inline Poco::JSON::Array::Ptr json_array(const std::string& s) {
  return parse_json(s).extract<Poco::JSON::Array::Ptr>();
}

// The protected victim-witness of the demo case (demo/02-orang/org-saksi-a.xml).
inline const char* k_protected_name = "Rina Fiksiana";
inline const char* k_protected_parts[] = {"Rina", "Fiksiana", "RINA", "FIKSIANA"};

}  // namespace berkas::test
