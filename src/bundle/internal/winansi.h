// bundle/internal/winansi: UTF-8 ↔ Windows-1252 (WinAnsiEncoding), the encoding of our fonts.
//
// Why WinAnsi and not Identity-H: PoDoFo 0.9.8 subsets simple TrueType fonts reliably (checked
// with pdffonts and pdftotext: subset, ToUnicode, correct widths for é — ’ “ ”), and Windows-1252
// covers Indonesian and the typographic punctuation court documents use.
#pragma once

#include <string>
#include <string_view>

namespace berkas::bundle::internal {

// Converts UTF-8 to Windows-1252 bytes. Tabs become spaces, '\r' and other C0/C1 controls are
// dropped ('\n' is kept), code points outside Windows-1252 (and invalid UTF-8 bytes) become '?'
// and are counted in `substituted`.
std::string to_winansi(std::string_view utf8, int& substituted);

// The Unicode code point of a Windows-1252 byte (0 for the five undefined bytes).
char32_t winansi_to_unicode(unsigned char c);

// Windows-1252 bytes back to UTF-8.
std::string winansi_to_utf8(std::string_view bytes);

// For the forbidden-string guard: ASCII lower-cased, white space runs squeezed to one space.
std::string fold_for_match(std::string_view s);

}  // namespace berkas::bundle::internal
