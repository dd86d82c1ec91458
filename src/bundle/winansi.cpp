#include "bundle/internal/winansi.h"

#include <array>

namespace berkas::bundle::internal {
namespace {

// 0x80..0x9F of Windows-1252; 0 marks the undefined bytes.
constexpr std::array<char32_t, 32> k_c1 = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

int encode(char32_t cp) {
  if (cp < 0x80) return static_cast<int>(cp);
  if (cp >= 0xA0 && cp <= 0xFF) return static_cast<int>(cp);
  for (int i = 0; i < 32; ++i)
    if (k_c1[i] == cp && cp != 0) return 0x80 + i;
  return -1;
}

// Decodes one UTF-8 sequence at s[i]; returns the code point or -1 (and advances i either way).
long decode(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  int len = b0 < 0x80 ? 1 : (b0 >> 5) == 6 ? 2 : (b0 >> 4) == 14 ? 3 : (b0 >> 3) == 30 ? 4 : 0;
  if (len == 0 || i + len > s.size()) {
    ++i;
    return -1;
  }
  long cp = len == 1 ? b0 : len == 2 ? (b0 & 0x1F) : len == 3 ? (b0 & 0x0F) : (b0 & 0x07);
  for (int k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) {
      ++i;
      return -1;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  i += len;
  static constexpr long k_min[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < k_min[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return -1;
  return cp;
}

}  // namespace

std::string to_winansi(std::string_view utf8, int& substituted) {
  std::string out;
  out.reserve(utf8.size());
  std::size_t i = 0;
  while (i < utf8.size()) {
    const long cp = decode(utf8, i);
    if (cp == '\n') {
      out += '\n';
    } else if (cp == '\t') {
      out += ' ';
    } else if (cp >= 0 && (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))) {
      // controls (including our page markers) never reach the page
    } else if (cp == 0x00AD || cp == 0x200B || cp == 0xFEFF) {
      // soft hyphen, zero-width space, BOM: invisible, and not in our fonts' repertoire
    } else {
      const int c = cp < 0 ? -1 : encode(static_cast<char32_t>(cp));
      if (c < 0) {
        ++substituted;
        out += '?';
      } else {
        out += static_cast<char>(c);
      }
    }
  }
  return out;
}

char32_t winansi_to_unicode(unsigned char c) {
  if (c >= 0x80 && c < 0xA0) return k_c1[c - 0x80];
  return c;
}

std::string winansi_to_utf8(std::string_view bytes) {
  std::string out;
  for (unsigned char c : bytes) {
    const char32_t cp = winansi_to_unicode(c);
    if (cp == 0) continue;
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  return out;
}

std::string fold_for_match(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (char ch : s) {
    const bool ws = ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r' || ch == '\f' || ch == '\v';
    if (ws) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch;
  }
  return out;
}

}  // namespace berkas::bundle::internal
