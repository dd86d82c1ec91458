// ingest: reads input files (XML validated against schemas/, and plain-text court decisions)
// into domain objects. Never touches the store or the index; never fetches from the network.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/model.h"

namespace berkas::ingest {

// Bounds applied to every input before and during parsing.
struct Limits {
  std::size_t max_file_bytes = 32u << 20;   // larger files are rejected unread
  std::size_t max_attachment_bytes = 256u << 20;
  int max_depth = 64;                        // element nesting
  std::size_t max_text_bytes = 16u << 20;    // one text node
  int max_attributes = 64;                   // per element (libxml2's duplicate check is quadratic)
};

// An attachment referenced by an XML file, resolved and hash-checked.
struct AttachmentFile {
  core::Attachment meta;  // name, sha256 (verified), media type, size
  std::string bytes;
};

// What one input file holds after validation. Exactly one of the optionals is set
// (for a law: `law` and `provisions`).
struct Parsed {
  enum class Kind { law, case_file, person, item, precedent, protection, restitution };
  Kind kind = Kind::item;
  std::optional<core::Law> law;
  std::vector<core::Provision> provisions;
  std::optional<core::Case> case_file;
  std::optional<core::Person> person;
  std::optional<core::EvidenceItem> item;
  std::optional<core::Precedent> precedent;
  std::optional<core::ProtectionMeasure> protection;    // <perlindungan>
  std::optional<core::RestitutionClaim> restitution;    // <restitusi>
  std::vector<core::Citation> citations;  // extracted from item / precedent text
  std::vector<AttachmentFile> attachments;
  std::string source;         // the exact bytes read
  std::string source_sha256;  // their SHA-256
  std::string path;           // as given
  // A native file (ingest/native.h): its attachments are files found inside it (an e-mail's,
  // a chat's media), named by their sender, not by us.
  bool native = false;
};

// Reads, validates and parses one file. XML files are recognised by their root element and
// validated against the matching schema in `schema_dir`; `.txt` files are read as court
// decisions (putusan). Errors carry file, line and reason (invalid_input), and nothing is
// returned. Attachments are resolved relative to the file's folder, may not escape it
// (no "..", no absolute paths, no symlinks out), and must match their declared SHA-256.
// Thread-safe (libxml2 is initialised once).
core::Result<Parsed> parse_file(const std::string& path, const std::string& schema_dir,
                                const Limits& limits = {});

// Same, from bytes already read (path used for messages and attachment resolution).
core::Result<Parsed> parse_bytes(const std::string& bytes, const std::string& path,
                                 const std::string& schema_dir, const Limits& limits = {});

// Reads an amount of rupiah as written in a <restitusi>: whole rupiah, digits either plain
// ("12500000") or grouped by dots in threes ("12.500.000"), optionally after "Rp" ("Rp12.500.000",
// "Rp 12.500.000"). invalid_input (no file or line: the caller adds them) for an empty,
// negative, non-numeric, wrongly grouped or decimal amount, or one above 10^15 rupiah; the
// message is Indonesian / English and quotes the text.
core::Result<std::int64_t> parse_rupiah(const std::string& text);

// The input files under a folder (recursively, sorted, hidden files and "lampiran" folders
// skipped): .xml and .txt only, or with `any_file` every regular file (native evidence: what a
// file is comes from its content).
core::Result<std::vector<std::string>> list_inputs(const std::string& dir, bool any_file = false);

}  // namespace berkas::ingest
