#include "extract/chat.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <optional>
#include <set>
#include <typeinfo>

#include "core/text.h"

namespace berkas::extract {

namespace {

using core::ErrorCode;

constexpr std::string_view k_bom = "\xEF\xBB\xBF";
constexpr std::string_view k_nbsp = "\xC2\xA0";
constexpr std::string_view k_narrow_nbsp = "\xE2\x80\xAF";  // U+202F, newer Android before AM/PM
constexpr std::string_view k_en_dash = "\xE2\x80\x93";
constexpr std::string_view k_deleted_account = "(akun terhapus / deleted account)";
constexpr int k_max_json_depth = 64;

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}
bool contains(std::string_view s, std::string_view p) { return s.find(p) != std::string_view::npos; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The length of the bidirectional control at `s[at]` (U+200E/U+200F marks, U+202A..U+202E
// embeddings, U+2066..U+2069 isolates, as WhatsApp puts around names and attachments), else 0.
std::size_t mark_at(std::string_view s, std::size_t at) {
  if (at + 3 > s.size() || s[at] != '\xE2') return 0;
  const auto b1 = static_cast<unsigned char>(s[at + 1]);
  const auto b2 = static_cast<unsigned char>(s[at + 2]);
  if (b1 == 0x80 && (b2 == 0x8E || b2 == 0x8F || (b2 >= 0xAA && b2 <= 0xAE))) return 3;
  if (b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9) return 3;
  return 0;
}

std::size_t skip_marks(std::string_view s, std::size_t at) {
  while (std::size_t n = mark_at(s, at)) at += n;
  return at;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// `s` without direction marks, trimmed: for names and times, never for message text.
std::string unmarked(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    if (std::size_t n = mark_at(s, i)) {
      i += n;
    } else {
      out.push_back(s[i++]);
    }
  }
  return std::string(trim(out));
}

// Unit text: valid UTF-8 (an invalid byte becomes U+FFFD: Telegram's JSON may escape a lone
// surrogate), without C0 controls other than \n and \t, DEL and C1 controls; all else kept.
std::string unit_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const auto u = static_cast<unsigned char>(s[i]);
    if (u < 0x80) {
      if ((u >= 0x20 && u != 0x7F) || u == '\n' || u == '\t') out.push_back(s[i]);
      ++i;
      continue;
    }
    const std::size_t len = u >= 0xF0 ? 4 : u >= 0xE0 ? 3 : u >= 0xC0 ? 2 : 1;
    const std::string_view seq = s.substr(i, len);
    if (len == 1 || seq.size() != len || !core::is_valid_utf8(seq)) {
      out += "\xEF\xBF\xBD";
      ++i;
      continue;
    }
    const bool c1 = u == 0xC2 && static_cast<unsigned char>(seq[1]) < 0xA0;
    if (!c1) out.append(seq);
    i += len;
  }
  return out;
}

std::string two_languages(std::string_view id, std::string_view en) {
  return std::string(id) + " / " + std::string(en);
}

tl::unexpected<core::Error> line_error(int line, std::string_view id, std::string_view en) {
  return core::fail(ErrorCode::invalid_input,
                    "baris " + std::to_string(line) + ": " + std::string(id) + " / line " + std::to_string(line) +
                        ": " + std::string(en),
                    {}, line);
}

// The 1-based number of the first line of `s` that is not valid UTF-8, or 0.
int first_invalid_utf8_line(std::string_view s) {
  int line = 1;
  for (std::size_t at = 0; at <= s.size(); ++line) {
    std::size_t end = s.find('\n', at);
    if (end == std::string_view::npos) end = s.size();
    if (!core::is_valid_utf8(s.substr(at, end - at))) return line;
    at = end + 1;
  }
  return 0;
}

tl::unexpected<core::Error> too_big(std::size_t max_bytes) {
  return core::fail(ErrorCode::invalid_input,
                    two_languages("berkas melebihi batas " + std::to_string(max_bytes) + " bita",
                                  "file exceeds the limit of " + std::to_string(max_bytes) + " bytes"),
                    {}, 0, "max_bytes");
}

// limits.max_entries * 10, saturating.
std::size_t message_limit(const Limits& limits) {
  constexpr std::size_t most = static_cast<std::size_t>(-1);
  return limits.max_entries > most / 10 ? most : limits.max_entries * 10;
}

tl::unexpected<core::Error> too_many(std::size_t max_messages) {
  return core::fail(ErrorCode::invalid_input,
                    two_languages("lebih dari " + std::to_string(max_messages) + " pesan (batas)",
                                  "more than " + std::to_string(max_messages) + " messages (the limit)"),
                    {}, 0, "max_entries");
}

// chat.participants, chat.messages, chat.first, chat.last, chat.media_omitted.
void add_summary(Extracted& out, std::size_t media_omitted) {
  if (media_omitted > 0) out.metadata["chat.media_omitted"] = std::to_string(media_omitted);
  std::set<std::string> senders;
  for (const Unit& u : out.units)
    if (!u.system && !u.sender.empty()) senders.insert(u.sender);
  std::string joined;
  for (const auto& s : senders) joined += (joined.empty() ? "" : "; ") + s;
  out.metadata["chat.participants"] = joined;
  out.metadata["chat.messages"] = std::to_string(out.units.size());
  if (!out.units.empty()) {
    out.metadata["chat.first"] = out.units.front().time;
    out.metadata["chat.last"] = out.units.back().time;
  }
}

// ---- WhatsApp ---------------------------------------------------------------------------------

// The date and time that open a WhatsApp message line, as written (the order of day and month is
// decided later, for the whole file).
struct Header {
  int f1 = 0, f2 = 0, f3 = 0;  // the three date fields in written order
  bool year_first = false;     // "2024-02-12": f1 is the year
  int f3_digits = 0;
  int hour = 0, minute = 0, second = 0;
  bool has_seconds = false;
  char time_sep = ':';
  enum class Half { none, am, pm } half = Half::none;
  std::size_t rest = 0;  // where the sender (or system text) starts
};

// Reads 1..max digits at `at` (at least `min`, and no digit right after them).
bool read_number(std::string_view s, std::size_t& at, int min_digits, int max_digits, int& value, int& digits) {
  value = 0;
  digits = 0;
  while (at < s.size() && is_digit(s[at]) && digits < max_digits) {
    value = value * 10 + (s[at] - '0');
    ++at;
    ++digits;
  }
  return digits >= min_digits && !(at < s.size() && is_digit(s[at]));
}

// "12/02/24 09.15 - ", "2/12/24, 9:15 AM - ", "[12/02/24 09.15.22] ", "\u200E[2/12/24, 9:15:22 AM] ".
std::optional<Header> parse_header(std::string_view l) {
  Header h;
  std::size_t p = skip_marks(l, 0);
  const bool ios = p < l.size() && l[p] == '[';
  if (ios) p = skip_marks(l, p + 1);
  int digits = 0, f1_digits = 0;
  if (!read_number(l, p, 1, 4, h.f1, f1_digits) || f1_digits == 3) return std::nullopt;
  h.year_first = f1_digits == 4;
  if (p >= l.size() || (l[p] != '/' && l[p] != '.' && l[p] != '-')) return std::nullopt;
  const char date_sep = l[p++];
  if (!read_number(l, p, 1, 2, h.f2, digits)) return std::nullopt;
  if (p >= l.size() || l[p] != date_sep) return std::nullopt;
  ++p;
  if (!read_number(l, p, 1, h.year_first ? 2 : 4, h.f3, h.f3_digits)) return std::nullopt;
  if (!h.year_first && h.f3_digits != 2 && h.f3_digits != 4) return std::nullopt;
  if (p < l.size() && l[p] == ',') ++p;
  if (p >= l.size() || l[p] != ' ') return std::nullopt;
  while (p < l.size() && l[p] == ' ') ++p;
  if (!read_number(l, p, 1, 2, h.hour, digits)) return std::nullopt;
  if (p >= l.size() || (l[p] != ':' && l[p] != '.')) return std::nullopt;
  h.time_sep = l[p++];
  if (!read_number(l, p, 2, 2, h.minute, digits)) return std::nullopt;
  if (p + 2 < l.size() && l[p] == h.time_sep && is_digit(l[p + 1])) {
    std::size_t q = p + 1;
    if (!read_number(l, q, 2, 2, h.second, digits)) return std::nullopt;
    h.has_seconds = true;
    p = q;
  }
  // AM/PM, after a space, a no-break space, a narrow no-break space, or nothing.
  {
    std::size_t q = p;
    if (q < l.size() && l[q] == ' ') {
      ++q;
    } else if (starts_with(l.substr(q), k_narrow_nbsp)) {
      q += k_narrow_nbsp.size();
    } else if (starts_with(l.substr(q), k_nbsp)) {
      q += k_nbsp.size();
    }
    if (q < l.size() && (l[q] == 'a' || l[q] == 'A' || l[q] == 'p' || l[q] == 'P')) {
      const bool pm = l[q] == 'p' || l[q] == 'P';
      std::size_t r = q + 1;
      if (r < l.size() && l[r] == '.') ++r;
      if (r < l.size() && (l[r] == 'm' || l[r] == 'M')) {
        ++r;
        if (r < l.size() && l[r] == '.') ++r;
        h.half = pm ? Header::Half::pm : Header::Half::am;
        p = r;
      }
    }
  }
  if (ios) {
    p = skip_marks(l, p);
    if (p >= l.size() || l[p] != ']') return std::nullopt;
    ++p;
    if (p < l.size() && l[p] == ' ') ++p;
  } else if (starts_with(l.substr(p), " - ")) {
    p += 3;
  } else if (starts_with(l.substr(p), " ") && starts_with(l.substr(p + 1), k_en_dash) &&
             starts_with(l.substr(p + 1 + k_en_dash.size()), " ")) {
    p += 2 + k_en_dash.size();
  } else {
    return std::nullopt;
  }
  h.rest = p;
  if (!h.year_first && (h.f1 < 1 || h.f1 > 31)) return std::nullopt;
  if (h.f2 < 1 || h.f2 > 31 || (h.year_first && (h.f3 < 1 || h.f3 > 31))) return std::nullopt;
  if (h.half == Header::Half::none ? h.hour > 23 : (h.hour < 1 || h.hour > 12)) return std::nullopt;
  if (h.minute > 59 || h.second > 59) return std::nullopt;
  return h;
}

// Texts WhatsApp writes itself. A line with no sender is always a system line; these decide the
// two cases that have one: iOS names the chat before its system lines (their text begins with a
// left-to-right mark), and a group subject or description change quotes text that may hold ": ".
constexpr std::string_view k_system_phrases[] = {
    "end-to-end", "terenkripsi", " added ", " menambahkan ", " removed ", " mengeluarkan ", " left",
    " keluar", "invite link", "tautan undangan", "created group", "membuat grup", "changed the subject",
    "mengubah subjek", "changed the group", "mengubah deskripsi", "mengubah nama grup", "changed this group",
    "mengubah ikon", "security code", "kode keamanan", "changed their phone number", "mengganti nomor",
    " joined", " bergabung", "disappearing messages", "pesan sementara",
};
constexpr std::string_view k_quoting_system[] = {
    " changed the subject", " mengubah subjek", " changed the group description", " mengubah deskripsi grup",
    " changed the group name", " mengubah nama grup", " created group", " membuat grup",
};
// A message that was deleted: a system text, but its sender is kept (who deleted it matters).
// Compared without a final "." (iOS writes one).
constexpr std::string_view k_deleted_notices[] = {
    "This message was deleted", "You deleted this message", "Pesan ini dihapus", "Pesan ini telah dihapus",
    "Anda menghapus pesan ini",
};
// Media the export left out: Android's placeholders, and iOS's "image omitted" / "gambar tidak
// disertakan" (after a left-to-right mark).
constexpr std::string_view k_omitted_media[] = {"<Media omitted>", "<Media tidak disertakan>"};
constexpr std::string_view k_omitted_media_ios[] = {" omitted", " tidak disertakan"};
// Text only an Indonesian-locale phone writes (a cue for day-first dates).
constexpr std::string_view k_indonesian_cues[] = {
    "terenkripsi", "tidak disertakan", "(file terlampir)", "<terlampir:", "bergabung menggunakan",
    "menambahkan", "mengeluarkan", "telah dihapus", "menghapus pesan ini", "membuat grup", "mengubah subjek",
};

template <std::size_t N>
bool contains_any(std::string_view s, const std::string_view (&list)[N]) {
  return std::any_of(std::begin(list), std::end(list), [&](std::string_view p) { return contains(s, p); });
}

struct Pending {
  int line = 0;
  Header header;
  Unit unit;
  bool media_omitted = false;
};

// The media file a message's first line names: "<attached: NAME>" (iOS; "<terlampir: NAME>"),
// "NAME (file attached)" (Android; "(file terlampir)"). Omitted media ("<Media omitted>") names none.
std::string named_media(std::string_view first_line) {
  const std::string t = unmarked(first_line);
  const std::string_view v = t;
  for (std::string_view open : {std::string_view("<attached: "), std::string_view("<terlampir: ")})
    if (starts_with(v, open)) {
      const std::size_t close = v.find('>', open.size());
      if (close != std::string_view::npos) return std::string(trim(v.substr(open.size(), close - open.size())));
    }
  for (std::string_view tail : {std::string_view(" (file attached)"), std::string_view(" (file terlampir)")})
    if (ends_with(v, tail)) return std::string(trim(v.substr(0, v.size() - tail.size())));
  return {};
}

int days_in_month(int year, int month) {
  static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)) return 29;
  return days[month - 1];
}

// Starts a message from its first line; `chat_name` gets the name iOS writes before system lines.
Pending start_message(int line, const Header& h, std::string_view l, bool& indonesian, std::string& chat_name) {
  Pending p{line, h, {}, false};
  Unit& u = p.unit;
  const std::string_view rest = l.substr(h.rest);
  std::size_t colon = rest.find(": ");
  std::string_view body = rest;
  std::string sender;
  if (colon == std::string_view::npos && ends_with(rest, ":")) colon = rest.size() - 1;  // "Name:" and no text
  if (colon != std::string_view::npos) {
    const std::string_view candidate = rest.substr(0, colon);
    if (!contains_any(candidate, k_quoting_system)) {
      sender = unmarked(candidate);
      body = rest.substr(std::min(rest.size(), colon + 2));
    }
  }
  const std::string plain = unmarked(body);
  if (sender.empty()) {
    u.system = true;
  } else if (mark_at(body, 0) && contains_any(plain, k_system_phrases)) {
    u.system = true;  // iOS: "[...] Chat name: \u200EMessages and calls are end-to-end encrypted."
    if (chat_name.empty()) chat_name = sender;
    sender.clear();
  } else if (std::find(std::begin(k_deleted_notices), std::end(k_deleted_notices),
                       ends_with(plain, ".") ? std::string_view(plain).substr(0, plain.size() - 1)
                                             : std::string_view(plain)) != std::end(k_deleted_notices)) {
    u.system = true;
  }
  if (!sender.empty()) {
    p.media_omitted = std::find(std::begin(k_omitted_media), std::end(k_omitted_media), plain) !=
                          std::end(k_omitted_media) ||
                      (mark_at(body, 0) && plain.find(' ') != std::string::npos &&
                       std::any_of(std::begin(k_omitted_media_ios), std::end(k_omitted_media_ios),
                                   [&](std::string_view t) { return ends_with(plain, t); }));
  }
  if (sender.empty()) body = rest;  // a system line keeps all its text
  if (!sender.empty() || u.system) {
    if ((u.system && contains_any(plain, k_indonesian_cues)) || plain == "<Media tidak disertakan>" ||
        ends_with(plain, "(file terlampir)") || starts_with(plain, "<terlampir:") ||
        ends_with(plain, "tidak disertakan"))
      indonesian = true;
  }
  u.sender = std::move(sender);
  u.media = named_media(body);
  u.text = std::string(body);
  return p;
}

}  // namespace

core::Result<Extracted> read_whatsapp_text(std::string_view text, const Limits& limits) {
  if (text.size() > limits.max_bytes) return too_big(limits.max_bytes);
  if (starts_with(text, k_bom)) text.remove_prefix(k_bom.size());
  const std::size_t max_messages = message_limit(limits);

  std::vector<Pending> messages;
  bool indonesian = false;
  std::string chat_name;
  int line_no = 0;
  for (std::size_t at = 0; at < text.size();) {
    ++line_no;
    std::size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(at, end - at);
    at = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!core::is_valid_utf8(line)) return line_error(line_no, "bukan UTF-8 yang sah", "not valid UTF-8");
    if (auto header = parse_header(line)) {
      if (messages.size() >= max_messages) return too_many(max_messages);
      messages.push_back(start_message(line_no, *header, line, indonesian, chat_name));
    } else if (!messages.empty()) {
      messages.back().unit.text.append("\n").append(line);
    } else if (!trim(line).empty()) {
      return line_error(line_no, "bukan pesan WhatsApp", "not a WhatsApp message");
    }
  }
  if (messages.empty()) return line_error(1, "tidak ada pesan WhatsApp", "no WhatsApp message");

  // Day and month: the first line whose first field is over 12 says day-first, one whose second is
  // says month-first; both in one file contradict each other.
  int dmy_line = 0, mdy_line = 0;
  bool dotted_time = false, half_day = false;
  for (const Pending& m : messages) {
    const Header& h = m.header;
    dotted_time = dotted_time || h.time_sep == '.';
    half_day = half_day || h.half != Header::Half::none;
    if (h.year_first) continue;
    if (h.f1 > 12 && h.f2 > 12) return line_error(m.line, "tanggal tidak sah", "invalid date");
    if (h.f1 > 12 && dmy_line == 0) dmy_line = m.line;
    if (h.f2 > 12 && mdy_line == 0) mdy_line = m.line;
  }
  if (dmy_line != 0 && mdy_line != 0) {
    const int later = std::max(dmy_line, mdy_line), earlier = std::min(dmy_line, mdy_line);
    return line_error(later, "urutan hari/bulan bertentangan dengan baris " + std::to_string(earlier),
                      "day/month order contradicts line " + std::to_string(earlier));
  }
  bool day_first = true;
  std::string order;
  if (dmy_line != 0) {
    order = "dmy";
  } else if (mdy_line != 0) {
    day_first = false;
    order = "mdy";
  } else if (dotted_time || indonesian || !half_day) {
    order = "dmy (assumed)";
  } else {
    day_first = false;
    order = "mdy (assumed)";
  }

  Extracted out;
  out.format = Format::whatsapp_text;
  out.units.reserve(messages.size());
  std::size_t media_omitted = 0;
  for (Pending& m : messages) {
    if (m.media_omitted) ++media_omitted;
    const Header& h = m.header;
    int year = 0, month = 0, day = 0;
    if (h.year_first) {
      year = h.f1, month = h.f2, day = h.f3;
    } else {
      year = h.f3_digits == 2 ? 2000 + h.f3 : h.f3;
      day = day_first ? h.f1 : h.f2;
      month = day_first ? h.f2 : h.f1;
    }
    if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month))
      return line_error(m.line, "tanggal tidak sah", "invalid date");
    int hour = h.hour;
    if (h.half != Header::Half::none) hour = h.hour % 12 + (h.half == Header::Half::pm ? 12 : 0);
    char buf[32];
    if (h.has_seconds) {
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", year, month, day, hour, h.minute, h.second);
    } else {
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d", year, month, day, hour, h.minute);
    }
    Unit& u = m.unit;
    u.number = static_cast<int>(out.units.size()) + 1;
    u.method = Method::parsed;
    u.time = buf;
    u.text = unit_text(u.text);
    u.sender = unit_text(u.sender);
    u.media = unit_text(u.media);
    out.units.push_back(std::move(u));
  }
  out.metadata["chat.platform"] = "whatsapp";
  out.metadata["chat.date_order"] = order;
  if (!chat_name.empty()) out.metadata["chat.name"] = chat_name;
  add_summary(out, media_omitted);
  return out;
}

// ---- Telegram ---------------------------------------------------------------------------------

namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

tl::unexpected<core::Error> not_telegram(std::string_view id, std::string_view en) {
  return core::fail(ErrorCode::invalid_input, two_languages(std::string("bukan ekspor Telegram: ") + std::string(id),
                                                            std::string("not a Telegram export: ") + std::string(en)));
}

// The deepest nesting of `json`'s arrays and objects, counted outside strings (Poco's parser
// recurses per level, so the depth is bounded before it runs).
int json_depth(std::string_view json) {
  int depth = 0, deepest = 0;
  bool in_string = false, escaped = false;
  for (char c : json) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      deepest = std::max(deepest, ++depth);
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return deepest;
}

std::optional<std::string> string_field(const Object& o, const std::string& key) {
  if (!o.has(key)) return std::nullopt;
  const Poco::Dynamic::Var v = o.get(key);
  if (!v.isString()) return std::nullopt;
  return v.extract<std::string>();
}

// "text": a string, or an array of strings and entities ({"type": "link", "text": "..."}).
std::string text_of(const Poco::Dynamic::Var& v) {
  if (v.isString()) return v.extract<std::string>();
  if (v.type() != typeid(Array::Ptr)) return {};
  const Array::Ptr parts = v.extract<Array::Ptr>();
  std::string out;
  for (std::size_t i = 0; i < parts->size(); ++i) {
    const auto index = static_cast<unsigned>(i);
    if (parts->get(index).isString()) {
      out += parts->get(index).extract<std::string>();
    } else if (parts->isObject(index)) {
      if (auto t = string_field(*parts->getObject(index), "text")) out += *t;
    }
  }
  return out;
}

// "2024-02-12T09:15:22".
bool is_iso_time(std::string_view s) {
  static constexpr std::string_view shape = "dddd-dd-ddTdd:dd:dd";
  if (s.size() != shape.size()) return false;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (shape[i] == 'd' ? !is_digit(s[i]) : s[i] != shape[i]) return false;
  return true;
}

// A media path as Telegram names it; "(File not included. ...)" names none and counts in `omitted`.
std::string media_of(const Object& m, std::size_t& omitted) {
  for (const char* key : {"photo", "file"}) {
    auto v = string_field(m, key);
    if (!v || v->empty()) continue;
    if (v->front() != '(') return *v;
    ++omitted;
    return {};
  }
  return {};
}

// "Actor invite_members: A, B", "Actor edit_group_title \"T\"", and the message's text if any.
std::string service_text(const Object& m) {
  std::string actor;
  if (m.has("actor")) actor = m.isNull("actor") ? std::string(k_deleted_account) : string_field(m, "actor").value_or("");
  std::string out = actor;
  if (auto action = string_field(m, "action")) out += (out.empty() ? "" : " ") + *action;
  if (m.isArray("members")) {
    const Array::Ptr members = m.getArray("members");
    std::string names;
    for (std::size_t i = 0; i < members->size(); ++i) {
      const Poco::Dynamic::Var v = members->get(static_cast<unsigned>(i));
      names += (names.empty() ? "" : ", ") + (v.isString() ? v.extract<std::string>() : std::string(k_deleted_account));
    }
    if (!names.empty()) out += ": " + names;
  }
  if (auto title = string_field(m, "title")) out += " \"" + *title + "\"";
  const std::string text = m.has("text") ? text_of(m.get("text")) : std::string();
  if (!text.empty()) out += (out.empty() ? "" : "\n") + text;
  return out;
}

core::Status read_chat(const Object& chat, std::size_t max_messages, Extracted& out, std::string& names,
                       std::size_t& omitted) {
  if (auto name = string_field(chat, "name"); name && !name->empty())
    names += (names.empty() ? "" : "; ") + unit_text(*name);
  if (!chat.isArray("messages")) return not_telegram("obrolan tanpa \"messages\"", "a chat without \"messages\"");
  const Array::Ptr messages = chat.getArray("messages");
  for (std::size_t i = 0; i < messages->size(); ++i) {
    const auto index = static_cast<unsigned>(i);
    if (!messages->isObject(index)) return not_telegram("pesan yang bukan objek", "a message that is not an object");
    const Object& m = *messages->getObject(index);
    if (out.units.size() >= max_messages) return too_many(max_messages);
    const std::string id = m.has("id") && m.get("id").isNumeric() ? m.get("id").convert<std::string>() : "?";
    const std::string date = string_field(m, "date").value_or("");
    if (!is_iso_time(date))
      return core::fail(ErrorCode::invalid_input,
                        two_languages("pesan id " + id + ": tanggal tidak sah \"" + date + "\"",
                                      "message id " + id + ": invalid date \"" + date + "\""),
                        {}, 0, "date");
    Unit u;
    u.number = static_cast<int>(out.units.size()) + 1;
    u.method = Method::parsed;
    u.time = date;
    if (string_field(m, "type").value_or("message") == "service") {
      u.system = true;
      u.text = unit_text(service_text(m));
    } else {
      if (m.has("from"))
        u.sender = m.isNull("from") ? std::string(k_deleted_account) : unit_text(string_field(m, "from").value_or(""));
      u.text = unit_text(m.has("text") ? text_of(m.get("text")) : std::string());
      u.media = unit_text(media_of(m, omitted));
    }
    out.units.push_back(std::move(u));
  }
  return {};
}

}  // namespace

core::Result<Extracted> read_telegram_json(std::string_view json, const Limits& limits) {
  if (json.size() > limits.max_bytes) return too_big(limits.max_bytes);
  if (starts_with(json, k_bom)) json.remove_prefix(k_bom.size());
  if (const int line = first_invalid_utf8_line(json))
    return line_error(line, "bukan UTF-8 yang sah", "not valid UTF-8");
  if (json_depth(json) > k_max_json_depth)
    return core::fail(ErrorCode::invalid_input,
                      two_languages("JSON bersarang lebih dari " + std::to_string(k_max_json_depth) + " tingkat",
                                    "JSON nested deeper than " + std::to_string(k_max_json_depth) + " levels"));
  Extracted out;
  out.format = Format::telegram_json;
  std::string names;
  std::size_t omitted = 0;
  try {
    Poco::JSON::Parser parser;
    const Poco::Dynamic::Var root = parser.parse(std::string(json));
    if (root.type() != typeid(Object::Ptr)) return not_telegram("bukan objek JSON", "not a JSON object");
    const Object& top = *root.extract<Object::Ptr>();
    const std::size_t max_messages = message_limit(limits);
    if (top.isObject("chats")) {
      const Object& chats = *top.getObject("chats");
      if (!chats.isArray("list")) return not_telegram("\"chats\" tanpa \"list\"", "\"chats\" without \"list\"");
      const Array::Ptr list = chats.getArray("list");
      for (std::size_t i = 0; i < list->size(); ++i) {
        if (!list->isObject(static_cast<unsigned>(i)))
          return not_telegram("obrolan yang bukan objek", "a chat that is not an object");
        if (auto st = read_chat(*list->getObject(static_cast<unsigned>(i)), max_messages, out, names, omitted); !st)
          return tl::unexpected(st.error());
      }
    } else if (top.isArray("messages")) {
      if (auto st = read_chat(top, max_messages, out, names, omitted); !st) return tl::unexpected(st.error());
    } else {
      return not_telegram("tidak ada \"messages\" atau \"chats\"", "no \"messages\" or \"chats\"");
    }
  } catch (const Poco::Exception& e) {
    // Poco 1.11's parser gives a reason but no position.
    return core::fail(ErrorCode::invalid_input,
                      two_languages("JSON tidak sah: " + e.message(), "malformed JSON: " + e.message()));
  } catch (const std::exception& e) {
    return core::fail(ErrorCode::invalid_input,
                      two_languages(std::string("JSON tidak sah: ") + e.what(), std::string("malformed JSON: ") + e.what()));
  }
  out.metadata["chat.platform"] = "telegram";
  out.metadata["chat.names"] = names;
  add_summary(out, omitted);
  return out;
}

std::vector<std::string> chat_media_names(const Extracted& chat) {
  std::vector<std::string> names;
  std::set<std::string> seen;
  for (const Unit& u : chat.units)
    if (!u.media.empty() && seen.insert(u.media).second) names.push_back(u.media);
  return names;
}

// ---- A chat's archive ----------------------------------------------------------------------

namespace {

std::string_view base_name(std::string_view name) {
  const std::size_t slash = name.find_last_of("/\\");
  return slash == std::string_view::npos ? name : name.substr(slash + 1);
}

bool is_whatsapp_chat_name(std::string_view name) {
  const std::string lower = core::ascii_lower(base_name(name));
  return lower == "_chat.txt" ||
         (ends_with(lower, ".txt") && (starts_with(lower, "whatsapp chat") || starts_with(lower, "chat whatsapp")));
}

bool is_telegram_chat_name(std::string_view name) { return base_name(name) == "result.json"; }

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : "; ") + n;
  return out;
}

// The archive's bounds, and the one entry that is its chat (an error if none or several).
core::Result<std::size_t> find_chat_entry(const std::vector<Child>& entries, const Limits& limits) {
  if (entries.size() > limits.max_entries)
    return core::fail(ErrorCode::invalid_input,
                      two_languages("arsip berisi lebih dari " + std::to_string(limits.max_entries) + " berkas (batas)",
                                    "archive holds more than " + std::to_string(limits.max_entries) +
                                        " files (the limit)"),
                      {}, 0, "max_entries");
  std::size_t total = 0;
  std::vector<std::size_t> chats;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const Child& e = entries[i];
    if (e.bytes.size() > limits.max_bytes)
      return core::fail(ErrorCode::invalid_input,
                        two_languages("berkas melebihi batas " + std::to_string(limits.max_bytes) + " bita",
                                      "file exceeds the limit of " + std::to_string(limits.max_bytes) + " bytes"),
                        e.name, 0, "max_bytes");
    total += e.bytes.size();
    if (total > limits.max_total_inflated)
      return core::fail(ErrorCode::invalid_input,
                        two_languages("isi arsip melebihi batas " + std::to_string(limits.max_total_inflated) + " bita",
                                      "archive contents exceed the limit of " +
                                          std::to_string(limits.max_total_inflated) + " bytes"),
                        e.name, 0, "max_total_inflated");
    if (is_whatsapp_chat_name(e.name) || is_telegram_chat_name(e.name)) chats.push_back(i);
  }
  if (chats.empty())
    return core::fail(ErrorCode::invalid_input,
                      two_languages("arsip tanpa berkas obrolan (_chat.txt, \"Chat WhatsApp dengan ….txt\", result.json)",
                                    "archive without a chat file (_chat.txt, \"WhatsApp Chat with ….txt\", result.json)"));
  if (chats.size() > 1) {
    std::vector<std::string> names;
    for (std::size_t i : chats) names.push_back(entries[i].name);
    return core::fail(ErrorCode::invalid_input,
                      two_languages("arsip berisi lebih dari satu berkas obrolan: " + joined(names),
                                    "archive holds more than one chat file: " + joined(names)));
  }
  return chats.front();
}

}  // namespace

core::Result<Extracted> read_chat_archive(const std::vector<Child>& entries, const Limits& limits) {
  const auto chat_index = find_chat_entry(entries, limits);
  if (!chat_index) return tl::unexpected(chat_index.error());
  const Child& chat_file = entries[*chat_index];
  const bool whatsapp = is_whatsapp_chat_name(chat_file.name);
  auto chat = whatsapp ? read_whatsapp_text(chat_file.bytes, limits) : read_telegram_json(chat_file.bytes, limits);
  if (!chat) {
    core::Error e = chat.error();
    e.message = chat_file.name + ": " + e.message;
    e.file = chat_file.name;
    return tl::unexpected(std::move(e));
  }
  Extracted out = std::move(*chat);
  out.format = whatsapp ? Format::whatsapp_zip : Format::telegram_zip;

  // The first entry of each base name (a directory entry, with an empty one, names no file).
  std::map<std::string_view, std::size_t> by_name;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const std::string_view base = base_name(entries[i].name);
    if (i != *chat_index && !base.empty()) by_name.emplace(base, i);
  }
  std::vector<bool> used(entries.size(), false);
  used[*chat_index] = true;
  std::vector<std::string> missing, unreferenced;
  for (const std::string& name : chat_media_names(out)) {
    const auto found = by_name.find(base_name(name));
    if (found == by_name.end()) {
      missing.push_back(name);
    } else if (!used[found->second]) {
      used[found->second] = true;
      out.children.push_back(entries[found->second]);
    }
  }
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (used[i] || base_name(entries[i].name).empty()) continue;
    unreferenced.push_back(entries[i].name);
    out.children.push_back(entries[i]);
  }
  if (!missing.empty()) out.metadata["chat.media_missing"] = joined(missing);
  if (!unreferenced.empty()) out.metadata["chat.media_unreferenced"] = joined(unreferenced);
  return out;
}

}  // namespace berkas::extract
