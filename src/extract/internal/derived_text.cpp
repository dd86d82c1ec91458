#include "extract/internal/derived_text.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <mutex>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>

namespace berkas::extract::internal {

namespace {

constexpr std::string_view k_replacement = "\xEF\xBF\xBD";  // U+FFFD

// The length of the valid UTF-8 sequence at s[i], or 0 if none starts there.
std::size_t utf8_sequence(std::string_view s, std::size_t i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned char c = b(0);
  if (c < 0x80) return 1;
  std::size_t n;
  std::uint32_t cp;
  if (c >= 0xC2 && c <= 0xDF) n = 2, cp = c & 0x1Fu;
  else if (c >= 0xE0 && c <= 0xEF) n = 3, cp = c & 0x0Fu;
  else if (c >= 0xF0 && c <= 0xF4) n = 4, cp = c & 0x07u;
  else return 0;
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((b(k) & 0xC0u) != 0x80u) return 0;
    cp = (cp << 6) | (b(k) & 0x3Fu);
  }
  if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF))) return 0;  // overlong, too big
  if (cp >= 0xD800 && cp <= 0xDFFF) return 0;                                            // surrogate
  return n;
}

}  // namespace

std::string clean_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '\r') {
      out += '\n';
      i += (i + 1 < s.size() && s[i + 1] == '\n') ? 2 : 1;
      continue;
    }
    const std::size_t n = utf8_sequence(s, i);
    if (n == 0) {
      out += k_replacement;
      ++i;
      continue;
    }
    const bool c0 = n == 1 && (c < 0x20 || c == 0x7F) && c != '\n' && c != '\t';
    const bool c1 = n == 2 && c == 0xC2 && static_cast<unsigned char>(s[i + 1]) < 0xA0;
    if (!c0 && !c1) out.append(s.substr(i, n));
    i += n;
  }
  return out;
}

std::string clean_line(std::string_view s) {
  const std::string text = clean_text(s);
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\t') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

namespace {

// The SAX state of one html_to_text call.
struct HtmlText {
  std::size_t max_bytes = 0;
  htmlParserCtxtPtr ctxt = nullptr;
  std::string out;
  int skip = 0;        // inside script, style, head, ... (their text is not shown)
  int pre = 0;         // inside <pre>: white space kept
  int pending = 0;     // line breaks owed before the next text: 1 a new line, 2 a blank line
  bool space = false;  // a collapsed space owed before the next text
  bool cell = false;   // a table cell started: a tab owed before the next text on the line
  bool over = false;

  bool at_line_start() const { return out.empty() || out.back() == '\n'; }

  // Writes the breaks and separator owed before text.
  void flush() {
    if (pending > 0 && !out.empty()) {
      std::size_t trailing = 0;
      while (trailing < out.size() && out[out.size() - 1 - trailing] == '\n') ++trailing;
      for (std::size_t k = trailing; k < static_cast<std::size_t>(pending); ++k) out += '\n';
    } else if (cell && !at_line_start()) {
      out += '\t';
    } else if (space && !at_line_start()) {
      out += ' ';
    }
    pending = 0;
    space = false;
    cell = false;
  }

  void check_size() {
    if (out.size() > max_bytes && !over) {
      over = true;
      xmlStopParser(ctxt);
    }
  }

  void text(const char* s, std::size_t n) {
    if (skip > 0 || over) return;
    for (std::size_t i = 0; i < n; ++i) {
      const char c = s[i];
      if (pre > 0) {
        if (pending || space || cell) flush();
        out += c;
        continue;
      }
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
        space = true;
        continue;
      }
      flush();
      // A no-break space (U+00A0) is shown as a plain space, never collapsed.
      if (c == '\xC2' && i + 1 < n && s[i + 1] == '\xA0') {
        out += ' ';
        ++i;
        continue;
      }
      out += c;
    }
    check_size();
  }

  void line_break() {
    if (skip > 0 || over) return;
    pending = 0;
    space = false;
    cell = false;
    out += '\n';
    check_size();
  }

  void owe(int breaks) { pending = std::max(pending, breaks); }
};

bool one_of(const char* name, std::initializer_list<const char*> names) {
  for (const char* n : names)
    if (std::strcmp(name, n) == 0) return true;
  return false;
}

// Where an element breaks the text: 2 a blank line, 1 a new line, 0 nowhere.
int breaks_of(const char* name) {
  if (one_of(name, {"p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "dl", "blockquote", "pre", "hr",
                    "section", "article", "header", "footer", "nav", "aside", "form", "fieldset", "main", "figure"}))
    return 2;
  if (one_of(name, {"div", "li", "tr", "dt", "dd", "caption", "address", "figcaption", "center", "option",
                    "legend", "tbody", "thead", "tfoot"}))
    return 1;
  return 0;
}

bool hidden(const char* name) {
  return one_of(name, {"script", "style", "head", "title", "template", "noscript", "object", "iframe"});
}

void on_start(void* ctx, const xmlChar* tag, const xmlChar**) {
  auto& t = *static_cast<HtmlText*>(ctx);
  const char* name = reinterpret_cast<const char*>(tag);
  if (hidden(name)) {
    ++t.skip;
    return;
  }
  if (std::strcmp(name, "br") == 0) return t.line_break();
  if (std::strcmp(name, "pre") == 0) ++t.pre;
  if (std::strcmp(name, "td") == 0 || std::strcmp(name, "th") == 0) t.cell = true;
  if (const int b = breaks_of(name)) t.owe(b);
}

void on_end(void* ctx, const xmlChar* tag) {
  auto& t = *static_cast<HtmlText*>(ctx);
  const char* name = reinterpret_cast<const char*>(tag);
  if (hidden(name)) {
    if (t.skip > 0) --t.skip;
    return;
  }
  if (std::strcmp(name, "pre") == 0 && t.pre > 0) --t.pre;
  if (const int b = breaks_of(name)) t.owe(b);
}

void on_text(void* ctx, const xmlChar* s, int n) {
  static_cast<HtmlText*>(ctx)->text(reinterpret_cast<const char*>(s), static_cast<std::size_t>(n));
}

// Trailing blanks of each line removed, at most one blank line in a row, no blank lines at the ends.
std::string tidy(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  int newlines = 0;
  std::size_t at = 0;
  while (at <= s.size()) {
    std::size_t end = s.find('\n', at);
    if (end == std::string::npos) end = s.size();
    std::string_view line(s.data() + at, end - at);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    if (line.empty()) {
      ++newlines;
    } else {
      if (!out.empty()) out.append(static_cast<std::size_t>(std::min(newlines + 1, 2)), '\n');
      out.append(line);
      newlines = 0;
    }
    at = end + 1;
  }
  return out;
}

}  // namespace

core::Result<std::string> html_to_text(std::string_view html, std::size_t max_bytes) {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });

  htmlSAXHandler sax;
  std::memset(&sax, 0, sizeof sax);
  sax.startElement = on_start;
  sax.endElement = on_end;
  sax.characters = on_text;
  sax.ignorableWhitespace = on_text;

  HtmlText t;
  t.max_bytes = max_bytes;
  t.ctxt = htmlCreatePushParserCtxt(&sax, &t, nullptr, 0, nullptr, XML_CHAR_ENCODING_UTF8);
  if (!t.ctxt)
    return core::fail(core::ErrorCode::io, "pengurai HTML tidak dapat dibuat / the HTML parser could not be created");
  htmlCtxtUseOptions(t.ctxt, HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_IGNORE_ENC |
                                 HTML_PARSE_NOIMPLIED);
  constexpr std::size_t k_chunk = 1u << 16;
  for (std::size_t at = 0; at < html.size() && !t.over; at += k_chunk) {
    const std::size_t n = std::min(k_chunk, html.size() - at);
    htmlParseChunk(t.ctxt, html.data() + at, static_cast<int>(n), 0);
  }
  if (!t.over) htmlParseChunk(t.ctxt, nullptr, 0, 1);
  htmlFreeParserCtxt(t.ctxt);
  if (t.over)
    return core::fail(core::ErrorCode::invalid_input,
                      "teks HTML melebihi batas " + std::to_string(max_bytes) + " bita / the HTML text exceeds " +
                          std::to_string(max_bytes) + " bytes");
  return tidy(clean_text(t.out));
}

}  // namespace berkas::extract::internal
