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

// The longest prefix of `s` of at most `max` bytes that does not end inside a UTF-8 sequence.
std::string_view utf8_prefix(std::string_view s, std::size_t max);

// Splits on `sep`, keeping empty fields.
std::vector<std::string> split(std::string_view s, char sep);

// One CSV field (RFC 4180): quoted when it holds a comma, quote or line break; text a
// spreadsheet would run as a formula (= + - @ first) is prefixed with ' so it stays text.
std::string csv_field(const std::string& s);

// Replaces every occurrence of `from` (non-empty) with `to`, case-sensitively.
std::string replace_all(std::string s, std::string_view from, std::string_view to);

// HTML text and attribute values: & < > " ' become &amp; &lt; &gt; &quot; &#39;; every other
// byte (UTF-8 sequences, control characters) is kept. The one HTML escape of the program.
std::string escape_html(std::string_view s);

// The inverse of escape_html for exactly its five entities (left to right, one pass); any
// other '&' sequence is kept as it is. Used to show HTML snippets as plain text.
std::string unescape_html(std::string_view s);

// Which quote characters escape_xml turns into entities; & < > always are.
enum class XmlQuotes {
  both,         // " → &quot; and ' → &apos;: safe in text and in either kind of attribute
  double_only,  // " → &quot;, ' kept: text and attributes written in double quotes
  none,         // both kept: element text only
};

// XML text (and, per `quotes`, attribute values): & < > become &amp; &lt; &gt;, quotes as
// `quotes` says; every other byte is kept. The one XML escape of the program.
std::string escape_xml(std::string_view s, XmlQuotes quotes = XmlQuotes::both);

// `s` without the C0 control bytes (below 0x20) except '\n', which PDF text and HTML pages
// cannot show; DEL and UTF-8 sequences are kept.
std::string without_control_chars(std::string_view s);

// Roman numeral "XIV" → 14; 0 if not a valid numeral.
int roman_to_int(std::string_view s);

// A whole decimal number from input: ASCII digits only (a leading '-' when min < 0), nothing
// else, within [min, max]; nullopt otherwise (empty, sign, spaces, overflow: "4294967297" for an
// int is out of range, never wrapped as std::atoi would).
std::optional<std::int64_t> parse_decimal(std::string_view s, std::int64_t min, std::int64_t max);

}  // namespace berkas::core
