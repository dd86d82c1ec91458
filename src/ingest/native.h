// ingest/native: evidence that arrives as it was made — a PDF, a scan or photo, a Word or
// OpenDocument file, an e-mail, a WhatsApp or Telegram export, a plain text — read through
// extract/ into an evidence item whose source is the file itself, byte for byte, and whose text
// is kept by page, message or block with how it was obtained (docs/INPUT.md).
//
// What a file is comes from its content, never its name. Berkas XML and court decisions keep
// their own import (ingest.h); a decision as a PDF goes through the decision import too.
// Thread-safe.
#pragma once

#include <string>

#include "core/error.h"
#include "extract/extract.h"
#include "ingest/ingest.h"

namespace berkas::ingest {

// What the person ingesting says about a native file (the CLI's options, the upload form's
// fields). Every value is checked here, as bounded as the XML schemas bound it.
struct NativeOptions {
  std::string case_id;          // the case the evidence belongs to; empty = not evidence
  std::string kind;             // "bap", "ahli", "surat", "terdakwa", "elektronik"; "" = by format
  std::string id;               // "" = kind + "-" + the first 12 hex digits of the file's SHA-256
  std::string title;            // "" = from the file (its title, subject) or its name
  std::string date;             // YYYY-MM-DD; "" = from the file (EXIF, e-mail, chat) if it says
  std::string person_id;        // whose statement or file it is, if anyone's
  std::string correction_note;  // required when `id` names an existing item (a new version)
  bool fictional = false;       // demo and test material (FIKTIF)
};

// The options' values as the schemas bound them (ids, kind, date, lengths): invalid_input naming
// the field ("case", "kind", "id", "person", "date"), no file.
core::Status check_native_options(const NativeOptions& native);

// Reads `bytes` (from `path`, used for messages and the default title and file name) by their
// content: Berkas XML and (without a case) a decision's text or PDF as parse_bytes does; with
// `native.case_id`, any supported file as an evidence item of that case. Errors are
// invalid_input in the user's words ("berkas.pdf: PDF terenkripsi ... / encrypted PDF ..."),
// nothing returned.
core::Result<Parsed> parse_input(const std::string& bytes, const std::string& path, const std::string& schema_dir,
                                 const NativeOptions& native, const Limits& limits = {},
                                 const extract::Limits& extract_limits = {});

// parse_input on a file, read only up to the larger of the two size bounds.
core::Result<Parsed> parse_input_file(const std::string& path, const std::string& schema_dir,
                                      const NativeOptions& native, const Limits& limits = {},
                                      const extract::Limits& extract_limits = {});

// The media type Berkas gives a format ("application/pdf", "image/jpeg", ...).
std::string media_type_of(extract::Format f);

}  // namespace berkas::ingest
