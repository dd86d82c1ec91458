// ingest/putusan_text: reads a court decision (putusan) published as plain text (pdftotext
// output of the Supreme Court's directory) into a Precedent.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"
#include "core/model.h"

namespace berkas::ingest {

// Extracts number ("PUTUSAN Nomor 133/Pid.Sus/2025/PN Idm"), court, date of the decision,
// defendant, provisions charged (dakwaan) and applied (after "Mengingat"/"MENGADILI"), the
// verdict and sentence (prison term in months, fine, restitution) and keeps the full text.
// invalid_input (with `file_name` and the line) when the text is not a decision (no number).
// Pure function; thread-safe.
core::Result<core::Precedent> parse_putusan_text(std::string_view text, const std::string& file_name);

}  // namespace berkas::ingest
