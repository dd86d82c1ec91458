// extract/internal/identifier_codes: the identifier extractor's pass over codes of letters and
// digits — passport numbers ("X1234567"), Indonesian vehicle plates ("B 1234 XYZ") and flight
// numbers ("QZ 123"). Module-private; identifiers.cpp runs it beside its other passes.
//
// Thread safety: pure; safe to call from several threads at once with different sinks.
#pragma once

#include <string_view>

#include "extract/internal/identifier_scan.h"

namespace berkas::extract::internal {

// Adds to `sink` every code written in `text`, in order of offset, until the sink is full. In
// Mode::text a passport number needs a word near it ("paspor"), a plate or a flight number its
// usual spaced form ("B 1234 XYZ", "QZ 123") or a word near it ("plat", "penerbangan"); in
// Mode::typed no word is needed (docs/INPUT.md, "Identifiers"). Time is linear in the text.
void scan_codes(std::string_view text, Mode mode, Sink& sink);

}  // namespace berkas::extract::internal
