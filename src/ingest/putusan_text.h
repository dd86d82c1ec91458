// ingest/putusan_text: reads a court decision (putusan) published as plain text (pdftotext
// output of the Supreme Court's directory) into a Precedent.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"
#include "core/model.h"

namespace berkas::ingest {

// The version of the decision reader: raised whenever it reads any field differently, so that
// stores re-derive the fields of decisions read by an older one (core::Precedent::reader).
inline constexpr int k_decision_reader = 2;

// Extracts number ("PUTUSAN Nomor 133/Pid.Sus/2025/PN Idm"), court, the dates of deliberation
// and pronouncement, defendant, provisions charged (dakwaan) and applied (after "Mengingat"/
// "MENGADILI"), the verdict, and per defendant the outcome, the count proven, the sentence
// (prison term, fine and its substitute, restitution) and the prosecutor's demand, from the
// last ruling (MENGADILI, or MENETAPKAN for a court order); keeps the full text.
// invalid_input (with `file_name` and the line) when the text is not a decision (no number).
// Pure function; thread-safe.
core::Result<core::Precedent> parse_putusan_text(std::string_view text, const std::string& file_name);

}  // namespace berkas::ingest
