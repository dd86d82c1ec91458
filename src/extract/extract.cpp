#include "extract/extract.h"

#include <algorithm>
#include <cstring>
#include <regex>

#include "core/text.h"

namespace berkas::extract {

const char* to_string(Format f) {
  switch (f) {
    case Format::unknown: return "unknown";
    case Format::pdf: return "pdf";
    case Format::png: return "png";
    case Format::jpeg: return "jpeg";
    case Format::tiff: return "tiff";
    case Format::docx: return "docx";
    case Format::odt: return "odt";
    case Format::eml: return "eml";
    case Format::whatsapp_text: return "whatsapp-text";
    case Format::whatsapp_zip: return "whatsapp-zip";
    case Format::telegram_json: return "telegram-json";
    case Format::telegram_zip: return "telegram-zip";
    case Format::zip: return "zip";
    case Format::berkas_xml: return "xml";
    case Format::plain_text: return "text";
  }
  return "unknown";
}

const char* to_string(Method m) {
  switch (m) {
    case Method::text_layer: return "text-layer";
    case Method::ocr: return "ocr";
    case Method::parsed: return "parsed";
  }
  return "parsed";
}

namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.size() >= p.size() && s.substr(0, p.size()) == p; }

std::uint32_t le16(std::string_view s, std::size_t at) {
  return static_cast<unsigned char>(s[at]) | (static_cast<unsigned char>(s[at + 1]) << 8);
}
std::uint32_t le32(std::string_view s, std::size_t at) {
  return le16(s, at) | (le16(s, at + 2) << 16);
}

// The names of a zip's entries, read from its local file headers (names are never compressed),
// at most `max` of them; no entry is inflated.
std::vector<std::string> zip_names(std::string_view z, std::size_t max) {
  std::vector<std::string> names;
  std::size_t at = 0;
  while (names.size() < max && at + 30 <= z.size() && le32(z, at) == 0x04034b50u) {
    const std::uint32_t flags = le16(z, at + 6);
    const std::uint32_t compressed = le32(z, at + 18);
    const std::uint32_t name_len = le16(z, at + 26);
    const std::uint32_t extra_len = le16(z, at + 28);
    if (at + 30 + name_len > z.size()) break;
    names.emplace_back(z.substr(at + 30, name_len));
    // With a data descriptor (bit 3) the size is not known here: stop (the names so far decide).
    if (flags & 8u) break;
    at += 30 + name_len + extra_len + compressed;
  }
  return names;
}

bool ends_with(const std::string& s, std::string_view p) {
  return s.size() >= p.size() && std::string_view(s).substr(s.size() - p.size()) == p;
}

Format zip_kind(std::string_view z) {
  const auto names = zip_names(z, 200);
  bool result_json = false, chat_txt = false, docx = false;
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::string& n = names[i];
    const std::string base = n.substr(n.rfind('/') == std::string::npos ? 0 : n.rfind('/') + 1);
    if (i == 0 && n == "mimetype") {
      // ODF: the first entry, stored, holds the media type.
      const std::size_t body = 30 + le16(z, 26) + le16(z, 28);
      if (body < z.size() && z.substr(body).rfind("application/vnd.oasis.opendocument.text", 0) == 0) return Format::odt;
    }
    if (n == "word/document.xml") docx = true;
    if (base == "result.json") result_json = true;
    const std::string lower = core::ascii_lower(base);
    if (lower == "_chat.txt" || (ends_with(lower, ".txt") && (lower.rfind("whatsapp chat", 0) == 0 ||
                                                              lower.rfind("chat whatsapp", 0) == 0)))
      chat_txt = true;
  }
  if (docx) return Format::docx;
  if (chat_txt) return Format::whatsapp_zip;
  if (result_json) return Format::telegram_zip;
  return Format::zip;
}

// The first `n` lines of `text` (without their line ends).
std::vector<std::string_view> first_lines(std::string_view text, std::size_t n) {
  std::vector<std::string_view> out;
  std::size_t at = 0;
  while (out.size() < n && at < text.size()) {
    std::size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(at, end - at);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    out.push_back(line);
    at = end + 1;
  }
  return out;
}

bool is_utf8(std::string_view s) { return core::is_valid_utf8(s); }

Format text_kind(std::string_view bytes) {
  std::string_view t = bytes;
  if (starts_with(t, "\xEF\xBB\xBF")) t.remove_prefix(3);
  // Leading blank space.
  std::size_t i = 0;
  while (i < t.size() && (t[i] == ' ' || t[i] == '\n' || t[i] == '\r' || t[i] == '\t')) ++i;
  std::string_view body = t.substr(i);
  if (starts_with(body, "<?xml") || (starts_with(body, "<") && !starts_with(body, "<!DOCTYPE html")))
    return Format::berkas_xml;
  if (starts_with(body, "{")) {
    const std::string_view head = body.substr(0, std::min<std::size_t>(body.size(), 4096));
    if (head.find("\"messages\"") != std::string_view::npos ||
        (head.find("\"type\"") != std::string_view::npos && head.find("\"id\"") != std::string_view::npos &&
         head.find("_chat\"") != std::string_view::npos))
      return Format::telegram_json;
  }
  const auto lines = first_lines(body, 40);
  // WhatsApp: "12/02/24 09.15 - Nama: pesan", "2/12/24, 9:15 AM - Name: message",
  // "[12/02/24 09.15.22] Nama: pesan" (iOS; also with a left-to-right mark before the bracket).
  static const std::regex whatsapp(
      R"(^(\xE2\x80\x8E)?\[?\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4},? \d{1,2}[.:]\d{2}([.:]\d{2})?(\s?[AaPp]\.?[Mm]\.?)?\]? ?(-|–)? ?.+)");
  int chat_lines = 0;
  for (const auto& l : lines)
    if (std::regex_search(std::string(l), whatsapp)) ++chat_lines;
  if (chat_lines >= 2 || (chat_lines == 1 && lines.size() <= 2)) return Format::whatsapp_text;
  // E-mail: header fields first, at least two of the usual ones before the first blank line.
  int headers = 0;
  for (const auto& l : lines) {
    if (l.empty()) break;
    for (const char* h : {"From:", "To:", "Subject:", "Date:", "Message-ID:", "MIME-Version:", "Received:",
                          "Return-Path:", "Content-Type:"})
      if (l.size() >= std::strlen(h) && core::ascii_lower(std::string(l.substr(0, std::strlen(h)))) ==
                                            core::ascii_lower(h))
        ++headers;
  }
  if (headers >= 2) return Format::eml;
  return is_utf8(bytes) ? Format::plain_text : Format::unknown;
}

}  // namespace

Format sniff(std::string_view b) {
  if (starts_with(b, "%PDF-")) return Format::pdf;
  // A PDF may have up to 1024 bytes of junk before its header (ISO 32000-1, 7.5.2 note).
  if (b.substr(0, std::min<std::size_t>(b.size(), 1024)).find("%PDF-") != std::string_view::npos) return Format::pdf;
  if (starts_with(b, "\x89PNG\r\n\x1a\n")) return Format::png;
  if (starts_with(b, "\xFF\xD8\xFF")) return Format::jpeg;
  if (starts_with(b, std::string_view("II*\0", 4)) || starts_with(b, std::string_view("MM\0*", 4))) return Format::tiff;
  if (starts_with(b, "PK\x03\x04")) return zip_kind(b);
  if (starts_with(b, "PK\x05\x06")) return Format::zip;  // an empty zip
  return text_kind(b);
}

}  // namespace berkas::extract
