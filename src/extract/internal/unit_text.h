// extract/internal/unit_text: the text of a page unit as Unit::text promises it (shared by the PDF,
// image and OCR readers).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace berkas::extract::internal {

// `s` with "\r\n", "\r" and form feeds as "\n", other C0 control bytes except '\t' removed, and
// trailing blank space dropped; UTF-8 sequences are kept as they are.
inline std::string unit_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '\r') {
      if (i + 1 < s.size() && s[i + 1] == '\n') continue;
      out += '\n';
    } else if (c == '\f') {
      out += '\n';
    } else if (static_cast<unsigned char>(c) >= 0x20 || c == '\n' || c == '\t') {
      out += c;
    }
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '\n' || out.back() == '\t')) out.pop_back();
  return out;
}

// The letters in UTF-8 text, roughly: ASCII letters and every non-ASCII character (Indonesian
// text is Latin; a text layer of only digits, punctuation or spaces is not a usable one).
inline std::size_t letter_count(std::string_view s) {
  std::size_t n = 0;
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0xC0) ++n;
  }
  return n;
}

}  // namespace berkas::extract::internal
