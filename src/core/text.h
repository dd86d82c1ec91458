// core/text: small UTF-8 text helpers shared by ingest, search and service.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace berkas::core {

// Lower-cases ASCII letters; other bytes (UTF-8 sequences) are kept as they are.
std::string ascii_lower(std::string_view s);

// Collapses runs of white space to one space and trims both ends.
std::string squeeze_space(std::string_view s);

// A stable id from free text: lower-case ASCII letters and digits, other runs → '-'.
// "133/Pid.Sus/2025/PN Idm" → "133-pid-sus-2025-pn-idm".
std::string slugify(std::string_view s);

// True if `s` is valid UTF-8 (no overlongs, no surrogates).
bool is_valid_utf8(std::string_view s);

// Splits on `sep`, keeping empty fields.
std::vector<std::string> split(std::string_view s, char sep);

// Replaces every occurrence of `from` (non-empty) with `to`, case-sensitively.
std::string replace_all(std::string s, std::string_view from, std::string_view to);

// Roman numeral "XIV" → 14; 0 if not a valid numeral.
int roman_to_int(std::string_view s);

// A whole decimal number from input: ASCII digits only (a leading '-' when min < 0), nothing
// else, within [min, max]; nullopt otherwise (empty, sign, spaces, overflow: "4294967297" for an
// int is out of range, never wrapped as std::atoi would).
std::optional<std::int64_t> parse_decimal(std::string_view s, std::int64_t min, std::int64_t max);

}  // namespace berkas::core
