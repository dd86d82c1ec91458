// ingest/law_text: converts the authentic law texts in shared/data (one block per line, with
// '#' provenance lines) into the structured law XML shipped in law/ (schemas/law.xsd).
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"

namespace berkas::ingest {

// UU 21/2007 text → law XML (every Bab, Pasal, ayat, huruf, with the Penjelasan of each Pasal
// and the provenance header kept). invalid_input with the line on structure it cannot read.
core::Result<std::string> convert_uu21_text(std::string_view text, const std::string& file_name);

// KUHP 2023 trafficking excerpt (Pasal 455–456) text → law XML, applying the listed OCR
// corrections (each recorded in the XML beside the text it corrects).
core::Result<std::string> convert_kuhp_text(std::string_view text, const std::string& file_name);

}  // namespace berkas::ingest
