// ingest/law_xml: reads a shipped law XML file (root <undang-undang>, schemas/law.xsd) into the
// law and its provisions (one per Pasal, one per ayat).
#pragma once

#include <string>
#include <vector>

#include "core/error.h"
#include "core/model.h"

namespace berkas::ingest {

// The root element name of a law XML file; ingest dispatches on it.
inline constexpr const char* k_law_root_element = "undang-undang";

struct LawDocument {
  core::Law law;
  std::vector<core::Provision> provisions;  // document order: each Pasal, then its ayat
};

// Parses law XML `bytes` (`path` is used only in messages). Per Pasal: text = all its
// ayat/huruf/angka with their labels, newline-separated; penjelasan = its whole Penjelasan
// (per-ayat parts with their "Ayat (n)" headings). Per ayat: its own text without the "(n)"
// label, and the Penjelasan given for that ayat (empty when the Penjelasan is not split by
// ayat). Period of force from berlaku-sejak / berlaku-sampai / pengganti and <keberlakuan>.
// Parsing is safe for untrusted input: no network, no entity expansion, no DTD loading, and
// any DOCTYPE is rejected. Errors: invalid_input with `path` and the line of the fault.
// Thread-safe (libxml2 state is per call; the library is initialised once).
core::Result<LawDocument> parse_law_xml(const std::string& bytes, const std::string& path);

}  // namespace berkas::ingest
