// ingest/internal/files: reading an input file whole, never past a bound.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

#include "core/error.h"
#include "ingest/ingest.h"

namespace berkas::ingest::internal {

// The bytes of `p`; invalid_input "WHAT too large" when its size (checked before reading, so an
// oversized file is never loaded) exceeds `max_bytes`; io when it cannot be read or changes
// while being read.
core::Result<std::string> read_bounded(const std::filesystem::path& p, std::size_t max_bytes, const std::string& what);

// A court decision from its text (out.source: UTF-8, already checked): the precedent with its
// citations, or invalid_input naming what a whole decision lacks (the ruling, the date).
core::Result<Parsed> parse_decision_text(Parsed out);

}  // namespace berkas::ingest::internal
