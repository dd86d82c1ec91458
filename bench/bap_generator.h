// bench/bap_generator: writes N fictional BAP statements (≈3 KB each, law vocabulary) for the
// benchmarks and the crash test. Every file says FIKTIF / fictional.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace berkas::bench {

// Writes `dir`/setup/ (one case "perkara-bench" and its persons) and `dir`/bap/bap-NNNNNN.xml
// (n statements), deterministic for a seed. Returns each statement's text (title, questions and
// answers) — the same text a plain indexing loop is given.
std::vector<std::string> write_statements(const std::string& dir, std::size_t n, std::uint64_t seed);

// One statement as XML (used by write_statements); `text` receives its plain text.
std::string statement_xml(std::size_t index, std::uint64_t seed, std::string& text);

}  // namespace berkas::bench
