#include "extract/email.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <gmime/gmime.h>
#include <iconv.h>

#include "core/text.h"
#include "extract/internal/derived_text.h"

namespace berkas::extract {

namespace {

using core::ErrorCode;
using internal::clean_line;
using internal::clean_text;

constexpr int k_max_depth = 20;                           // multiparts and nested messages
constexpr std::size_t k_max_field_bytes = 256u << 10;      // one header field, folded lines included
constexpr std::size_t k_max_header_bytes = 16u << 20;      // all header fields of the file
constexpr std::size_t k_max_address_bytes = 1u << 20;     // all address fields (From, To, Cc, ...)
constexpr std::size_t k_max_name_bytes = 120;             // a child's name
constexpr std::size_t k_max_extension_bytes = 16;

tl::unexpected<core::Error> refuse(const std::string& id, const std::string& en) {
  return core::fail(ErrorCode::invalid_input, id + " / " + en);
}

std::string num(std::size_t n) { return std::to_string(n); }

// ---- GMime, once -------------------------------------------------------------------------------

void drop_log(const gchar*, GLogLevelFlags, const gchar*, gpointer) {}
void ignore_warning(gint64, GMimeParserWarning, const gchar*, gpointer) {}

void init_gmime() {
  static std::once_flag once;
  std::call_once(once, [] {
    // GMime logs only through g_return_if_fail (programmer errors); never let it print.
    g_log_set_handler("gmime", static_cast<GLogLevelFlags>(G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL | G_LOG_FLAG_RECURSION),
                      drop_log, nullptr);
    g_mime_init();
  });
}

struct Unref {
  void operator()(gpointer p) const {
    if (p) g_object_unref(p);
  }
};
template <class T>
using GPtr = std::unique_ptr<T, Unref>;

struct OptionsFree {
  void operator()(GMimeParserOptions* p) const { g_mime_parser_options_free(p); }
};

struct GFree {
  void operator()(gpointer p) const { g_free(p); }
};
using GString_ = std::unique_ptr<char, GFree>;

std::string_view bytes_of(GMimeStream* mem) {
  GByteArray* a = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
  return a ? std::string_view(reinterpret_cast<const char*>(a->data), a->len) : std::string_view();
}

// ---- The pre-scan: what GMime would allocate, bounded before it does ---------------------------

// The length of the field name of a header-like line ("Name:" or "Name :"), 0 if it is not one.
// Wider than what GMime accepts as a field (any run of bytes other than white space, controls
// and ':'), so that the count below is an upper bound.
std::size_t field_name_length(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && line[i] != ':' && line[i] != ' ' && line[i] != '\t' &&
         static_cast<unsigned char>(line[i]) >= 0x20)
    ++i;
  const std::size_t name = i;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  return (name > 0 && i < line.size() && line[i] == ':') ? name : 0;
}

bool is_address_field(const std::string& lower) {
  static const char* const k_names[] = {"from", "to", "cc", "bcc", "reply-to", "sender", "resent-from", "resent-to",
                                        "resent-cc", "resent-bcc", "resent-sender", "resent-reply-to"};
  return std::any_of(std::begin(k_names), std::end(k_names), [&](const char* n) { return lower == n; });
}

// One pass over the lines. Header context starts at the top, after every line starting with "--"
// (a possible boundary) and after a header block declaring a message (or, in a digest, declaring
// no type): there header-like lines are counted as fields. Lines starting with "--" bound the
// number of parts GMime makes (every part of a multipart opens with one; nested messages are
// bounded by GMime's own depth limit and by k_max_depth after).
class Prescan {
 public:
  explicit Prescan(const Limits& l) : m_max_dash(2 * l.max_entries + 1000), m_max_fields(20 * l.max_entries + 1000) {}

  core::Status run(std::string_view b) {
    std::size_t at = 0, number = 0;
    while (at < b.size()) {
      std::size_t end = b.find('\n', at);
      if (end == std::string_view::npos) end = b.size();
      std::string_view line = b.substr(at, end - at);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      ++number;
      if (auto s = step(line, number); !s) return s;
      at = end + 1;
    }
    return {};
  }

 private:
  core::Status step(std::string_view line, std::size_t number) {
    if (line.size() >= 2 && line[0] == '-' && line[1] == '-') {
      if (++m_dash > m_max_dash)
        return refuse("terlalu banyak batas bagian MIME (lebih dari " + num(m_max_dash) + ", baris " + num(number) + ")",
                      "too many MIME boundary lines (more than " + num(m_max_dash) + ", line " + num(number) + ")");
      close_field();
      new_block(true);
      return {};
    }
    if (!m_in_headers) return {};
    // An mbox "From " line before the first header keeps the header context.
    if (number == 1 && line.substr(0, 5) == "From ") return {};
    if (line.empty()) {
      close_field();
      new_block(m_block_message || (m_digest && !m_block_typed));
      return {};
    }
    if (line[0] == ' ' || line[0] == '\t') return add_to_field(line, number);
    const std::size_t name = field_name_length(line);
    close_field();
    if (name == 0) {
      m_in_headers = false;
      return {};
    }
    if (++m_fields > m_max_fields)
      return refuse("terlalu banyak baris kepala (lebih dari " + num(m_max_fields) + ", baris " + num(number) + ")",
                    "too many header lines (more than " + num(m_max_fields) + ", line " + num(number) + ")");
    const std::string lower = core::ascii_lower(line.substr(0, name));
    m_field_open = true;
    m_field_address = is_address_field(lower);
    m_field_type = lower == "content-type";
    m_field_bytes = 0;
    return add_to_field(line, number);
  }

  core::Status add_to_field(std::string_view line, std::size_t number) {
    const std::size_t n = line.size() + 1;
    m_field_bytes += n;
    m_header_bytes += n;
    if (m_field_address) m_address_bytes += n;
    if (m_field_type) {
      const std::string lower = core::ascii_lower(line);
      if (lower.find("message") != std::string::npos) m_block_message = true;
      if (lower.find("digest") != std::string::npos) m_digest = true;
      m_block_typed = true;
    }
    if (m_field_bytes > k_max_field_bytes)
      return refuse("baris kepala lebih dari " + num(k_max_field_bytes) + " bita (baris " + num(number) + ")",
                    "a header field longer than " + num(k_max_field_bytes) + " bytes (line " + num(number) + ")");
    if (m_header_bytes > k_max_header_bytes)
      return refuse("kepala-kepala melebihi " + num(k_max_header_bytes) + " bita (baris " + num(number) + ")",
                    "the header fields exceed " + num(k_max_header_bytes) + " bytes (line " + num(number) + ")");
    if (m_address_bytes > k_max_address_bytes)
      return refuse("kolom alamat melebihi " + num(k_max_address_bytes) + " bita (baris " + num(number) + ")",
                    "the address fields exceed " + num(k_max_address_bytes) + " bytes (line " + num(number) + ")");
    return {};
  }

  void close_field() {
    m_field_open = m_field_address = m_field_type = false;
    m_field_bytes = 0;
  }

  // A new block starts: a header block if `headers`, else a body.
  void new_block(bool headers) {
    m_in_headers = headers;
    m_block_message = m_block_typed = false;
  }

  std::size_t m_max_dash, m_max_fields;
  std::size_t m_dash = 0, m_fields = 0, m_header_bytes = 0, m_address_bytes = 0, m_field_bytes = 0;
  bool m_in_headers = true, m_block_message = false, m_block_typed = false, m_digest = false;
  bool m_field_open = false, m_field_address = false, m_field_type = false;
};

// ---- Charsets ----------------------------------------------------------------------------------

// `raw` converted from `charset` (an iconv name) to UTF-8; a byte invalid in it becomes U+FFFD.
// nullopt if iconv does not know the charset.
core::Result<std::optional<std::string>> convert(std::string_view raw, const char* charset, std::size_t max_bytes) {
  iconv_t cd = iconv_open("UTF-8", charset);
  if (cd == reinterpret_cast<iconv_t>(-1)) return std::optional<std::string>();
  std::string out;
  char buf[16384];
  char* in = const_cast<char*>(raw.data());
  std::size_t in_left = raw.size();
  bool too_big = false;
  while (in_left > 0 && !too_big) {
    char* o = buf;
    std::size_t o_left = sizeof buf;
    const std::size_t r = iconv(cd, &in, &in_left, &o, &o_left);
    const int e = errno;
    out.append(buf, static_cast<std::size_t>(o - buf));
    if (r == static_cast<std::size_t>(-1) && e != E2BIG) {
      out += "\xEF\xBF\xBD";  // EILSEQ or EINVAL (truncated at the end): skip one byte
      ++in;
      --in_left;
      iconv(cd, nullptr, nullptr, nullptr, nullptr);
    }
    too_big = out.size() > max_bytes;
  }
  iconv_close(cd);
  if (too_big)
    return refuse("teks badan pesan melebihi batas " + num(max_bytes) + " bita",
                  "the message body text exceeds " + num(max_bytes) + " bytes");
  return std::optional<std::string>(std::move(out));
}

// The text of a body part's decoded bytes in UTF-8 from its declared charset; undeclared (or
// unknown) 8-bit text is UTF-8 when valid, else windows-1252.
core::Result<std::string> to_utf8(std::string_view raw, const char* declared, std::size_t max_bytes) {
  if (declared && *declared) {
    const char* iconv_name = g_mime_charset_iconv_name(declared);
    const char* name = iconv_name ? iconv_name : declared;
    const std::string lower = core::ascii_lower(name);
    if (lower == "utf-8" || lower == "utf8") return clean_text(raw);  // invalid bytes become U+FFFD
    // US-ASCII with 8-bit bytes is mislabelled: read it as undeclared.
    if (lower != "us-ascii" && lower != "ascii" && lower != "ansi_x3.4-1968") {
      auto converted = convert(raw, name, max_bytes);
      if (!converted) return tl::unexpected(converted.error());
      if (*converted) return clean_text(**converted);
    }
  }
  if (core::is_valid_utf8(raw)) return clean_text(raw);
  auto converted = convert(raw, "WINDOWS-1252", max_bytes);
  if (!converted) return tl::unexpected(converted.error());
  return clean_text(*converted ? **converted : std::string(raw));
}

// ---- Child names -------------------------------------------------------------------------------

std::string extension_for(const std::string& media_type) {
  static const std::pair<const char*, const char*> k_types[] = {
      {"application/pdf", ".pdf"},   {"image/jpeg", ".jpg"},        {"image/png", ".png"},
      {"image/gif", ".gif"},         {"image/tiff", ".tif"},        {"message/rfc822", ".eml"},
      {"message/global", ".eml"},    {"text/plain", ".txt"},        {"text/html", ".html"},
      {"text/calendar", ".ics"},     {"application/zip", ".zip"},   {"application/pgp-signature", ".asc"},
      {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"},
      {"application/vnd.oasis.opendocument.text", ".odt"}, {"application/msword", ".doc"}};
  for (const auto& [type, ext] : k_types)
    if (media_type == type) return ext;
  return "";
}

// The longest prefix of `s` of at most `n` bytes that ends on a UTF-8 character boundary.
std::string_view utf8_prefix(std::string_view s, std::size_t n) {
  if (s.size() <= n) return s;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0u) == 0x80u) --n;
  return s.substr(0, n);
}

std::string safe_name(const char* declared, std::size_t position, const std::string& media_type) {
  std::string name = declared ? clean_line(declared) : std::string();
  const std::size_t slash = name.find_last_of("/\\");
  if (slash != std::string::npos) name.erase(0, slash + 1);
  name.erase(std::remove_if(name.begin(), name.end(),
                            [](char c) { return std::strchr("<>:\"|?*", c) != nullptr && c != '\0'; }),
             name.end());
  const auto trim = [](char c) { return c == ' ' || c == '.'; };
  while (!name.empty() && trim(name.front())) name.erase(0, 1);
  while (!name.empty() && trim(name.back())) name.pop_back();
  if (name.empty()) return "lampiran-" + num(position) + extension_for(media_type);
  if (name.size() > k_max_name_bytes) {
    const std::size_t dot = name.rfind('.');
    const std::string ext =
        (dot != std::string::npos && name.size() - dot <= k_max_extension_bytes) ? name.substr(dot) : std::string();
    name = std::string(utf8_prefix(name, k_max_name_bytes - ext.size())) + ext;
  }
  return name;
}

// ---- The message tree --------------------------------------------------------------------------

std::string media_type_of(GMimeObject* o) {
  GMimeContentType* ct = g_mime_object_get_content_type(o);
  if (!ct) return "";
  GString_ type(g_mime_content_type_get_mime_type(ct));
  return type ? core::ascii_lower(clean_line(type.get())) : std::string();
}

bool is_attachment(GMimeObject* o) {
  GMimeContentDisposition* d = g_mime_object_get_content_disposition(o);
  return d && g_mime_content_disposition_is_attachment(d);
}

// 2 a text/plain body leaf, 1 a text/html body leaf, 0 anything else.
int body_kind(GMimeObject* o) {
  if (!GMIME_IS_PART(o) || is_attachment(o)) return 0;
  GMimeContentType* ct = g_mime_object_get_content_type(o);
  if (!ct) return 0;
  if (g_mime_content_type_is_type(ct, "text", "plain")) return 2;
  if (g_mime_content_type_is_type(ct, "text", "html")) return 1;
  return 0;
}

// The best body a subtree gives (2 plain, 1 html, 0 none); nested messages give none.
int best_body(GMimeObject* o) {
  if (GMIME_IS_MULTIPART(o)) {
    int best = 0;
    const int n = g_mime_multipart_get_count(GMIME_MULTIPART(o));
    for (int i = 0; i < n && best < 2; ++i) best = std::max(best, best_body(g_mime_multipart_get_part(GMIME_MULTIPART(o), i)));
    return best;
  }
  return body_kind(o);
}

class Reader {
 public:
  explicit Reader(const Limits& limits) : m_limits(limits) {}

  // Every object of the tree (nested messages included) counted and its depth checked.
  core::Status check(GMimeObject* o, int depth) {
    if (!o) return {};
    if (depth > k_max_depth)
      return refuse("bagian MIME bersarang lebih dari " + num(k_max_depth) + " tingkat",
                    "MIME parts nested more than " + num(k_max_depth) + " levels deep");
    if (++m_parts > m_limits.max_entries)
      return refuse("lebih dari " + num(m_limits.max_entries) + " bagian MIME",
                    "more than " + num(m_limits.max_entries) + " MIME parts");
    if (GMIME_IS_MULTIPART(o)) {
      const int n = g_mime_multipart_get_count(GMIME_MULTIPART(o));
      for (int i = 0; i < n; ++i)
        if (auto s = check(g_mime_multipart_get_part(GMIME_MULTIPART(o), i), depth + 1); !s) return s;
    } else if (GMIME_IS_MESSAGE_PART(o)) {
      GMimeMessage* m = g_mime_message_part_get_message(GMIME_MESSAGE_PART(o));
      if (m) return check(g_mime_message_get_mime_part(m), depth + 1);
    }
    return {};
  }

  // The body text of a subtree, in pieces (one per body part).
  core::Status body(GMimeObject* o, std::vector<std::string>& pieces) {
    if (!o) return {};
    if (GMIME_IS_MULTIPART(o)) {
      GMimeMultipart* mp = GMIME_MULTIPART(o);
      const int n = g_mime_multipart_get_count(mp);
      GMimeContentType* ct = g_mime_object_get_content_type(o);
      if (ct && g_mime_content_type_is_type(ct, "multipart", "alternative")) {
        GMimeObject* chosen = nullptr;
        for (int want = 2; want >= 1 && !chosen; --want)
          for (int i = 0; i < n && !chosen; ++i)
            if (best_body(g_mime_multipart_get_part(mp, i)) == want) chosen = g_mime_multipart_get_part(mp, i);
        return body(chosen, pieces);
      }
      for (int i = 0; i < n; ++i)
        if (auto s = body(g_mime_multipart_get_part(mp, i), pieces); !s) return s;
      return {};
    }
    const int kind = body_kind(o);
    if (kind == 0) return {};
    auto raw = decoded(GMIME_PART(o));
    if (!raw) return tl::unexpected(raw.error());
    auto text = to_utf8(*raw, g_mime_object_get_content_type_parameter(o, "charset"), m_limits.max_bytes);
    if (!text) return tl::unexpected(text.error());
    if (kind == 1) {
      text = internal::html_to_text(*text, m_limits.max_bytes);
      if (!text) return tl::unexpected(text.error());
    }
    m_body_bytes += text->size();
    if (m_body_bytes > m_limits.max_bytes)
      return refuse("teks badan pesan melebihi batas " + num(m_limits.max_bytes) + " bita",
                    "the message body text exceeds " + num(m_limits.max_bytes) + " bytes");
    pieces.push_back(std::move(*text));
    return {};
  }

  // The attachments of a subtree, in order; nested messages are kept whole.
  core::Status attachments(GMimeObject* o, std::vector<Child>& out) {
    if (!o) return {};
    if (GMIME_IS_MULTIPART(o)) {
      const int n = g_mime_multipart_get_count(GMIME_MULTIPART(o));
      for (int i = 0; i < n; ++i)
        if (auto s = attachments(g_mime_multipart_get_part(GMIME_MULTIPART(o), i), out); !s) return s;
      return {};
    }
    Child c;
    c.media_type = media_type_of(o);
    const char* declared = g_mime_object_get_content_disposition_parameter(o, "filename");
    if (!declared) declared = g_mime_object_get_content_type_parameter(o, "name");
    if (GMIME_IS_MESSAGE_PART(o)) {
      GMimeMessage* m = g_mime_message_part_get_message(GMIME_MESSAGE_PART(o));
      if (!m) return {};
      GPtr<GMimeStream> mem(g_mime_stream_mem_new());
      if (g_mime_object_write_to_stream(GMIME_OBJECT(m), nullptr, mem.get()) < 0)
        return core::fail(ErrorCode::io, "pesan terlampir tidak dapat ditulis / a nested message could not be written");
      c.bytes = std::string(bytes_of(mem.get()));
      if (c.media_type.empty()) c.media_type = "message/rfc822";
    } else if (GMIME_IS_PART(o) && body_kind(o) == 0) {
      auto raw = decoded(GMIME_PART(o));
      if (!raw) return tl::unexpected(raw.error());
      c.bytes = std::move(*raw);
    } else {
      return {};
    }
    const std::size_t position = out.size() + 1;
    if (c.bytes.size() > m_limits.max_bytes)
      return refuse("lampiran " + num(position) + " melebihi batas " + num(m_limits.max_bytes) + " bita",
                    "attachment " + num(position) + " exceeds " + num(m_limits.max_bytes) + " bytes");
    m_total += c.bytes.size();
    if (m_total > m_limits.max_total_inflated)
      return refuse("lampiran-lampiran bersama melebihi batas " + num(m_limits.max_total_inflated) + " bita",
                    "the attachments together exceed " + num(m_limits.max_total_inflated) + " bytes");
    std::string name_type = c.media_type;
    if (GMIME_IS_MESSAGE_PART(o)) name_type = "message/rfc822";
    c.name = safe_name(declared, position, name_type);
    out.push_back(std::move(c));
    return {};
  }

 private:
  // A leaf's content with its transfer encoding (base64, quoted-printable, uuencode) undone.
  // These encodings never grow, so the result is bounded by the input; the bounds are checked by
  // the callers.
  core::Result<std::string> decoded(GMimePart* part) {
    GMimeDataWrapper* w = g_mime_part_get_content(part);
    if (!w) return std::string();
    GPtr<GMimeStream> mem(g_mime_stream_mem_new());
    if (g_mime_data_wrapper_write_to_stream(w, mem.get()) < 0)
      return core::fail(ErrorCode::io, "isi bagian MIME tidak dapat diuraikan / a MIME part's content could not be decoded");
    return std::string(bytes_of(mem.get()));
  }

  const Limits& m_limits;
  std::size_t m_parts = 0, m_total = 0, m_body_bytes = 0;
};

// ---- Headers -----------------------------------------------------------------------------------

std::string addresses(InternetAddressList* list) {
  if (!list || internet_address_list_length(list) == 0) return "";
  GString_ s(internet_address_list_to_string(list, nullptr, FALSE));
  return s ? clean_line(s.get()) : std::string();
}

bool has_email_header(GMimeObject* m) {
  for (const char* h : {"From", "Sender", "To", "Cc", "Bcc", "Subject", "Date", "Message-ID"})
    if (g_mime_object_get_header(m, h)) return true;
  return false;
}

void read_headers(GMimeMessage* m, Extracted& out) {
  auto put = [&](const char* key, std::string value) {
    if (!value.empty()) out.metadata[key] = std::move(value);
  };
  put("email.from", addresses(g_mime_message_get_from(m)));
  put("email.to", addresses(g_mime_message_get_to(m)));
  put("email.cc", addresses(g_mime_message_get_cc(m)));
  const char* subject = g_mime_message_get_subject(m);
  put("email.subject", subject ? clean_line(subject) : "");
  const char* id = g_mime_message_get_message_id(m);
  put("email.message_id", id ? clean_line(id) : "");
  std::string date;
  if (GDateTime* dt = g_mime_message_get_date(m)) {
    GString_ iso(g_date_time_format(dt, "%Y-%m-%dT%H:%M:%S%:z"));
    if (iso) date = iso.get();
  }
  put("email.date", date);
  if (date.empty()) {
    const char* raw = g_mime_object_get_header(GMIME_OBJECT(m), "Date");
    date = raw ? clean_line(raw) : "";
  }

  auto value = [&](const char* key) {
    auto it = out.metadata.find(key);
    return it == out.metadata.end() ? std::string() : " " + it->second;
  };
  std::string block = "Dari / From:" + value("email.from") + "\nKepada / To:" + value("email.to") + "\n";
  if (out.metadata.count("email.cc")) block += "Cc:" + value("email.cc") + "\n";
  block += "Tanggal / Date:" + (date.empty() ? std::string() : " " + date) + "\n";
  block += "Perihal / Subject:" + value("email.subject");
  Unit u;
  u.number = 1;
  u.text = std::move(block);
  u.method = Method::parsed;
  out.units.push_back(std::move(u));
}

}  // namespace

core::Result<Extracted> read_eml(std::string_view bytes, const Limits& limits) {
  if (bytes.size() > limits.max_bytes)
    return refuse("e-mail lebih besar dari batas " + num(limits.max_bytes) + " bita",
                  "the e-mail is larger than " + num(limits.max_bytes) + " bytes");
  if (auto s = Prescan(limits).run(bytes); !s) return tl::unexpected(s.error());
  init_gmime();

  std::unique_ptr<GMimeParserOptions, OptionsFree> options(g_mime_parser_options_new());
  g_mime_parser_options_set_warning_callback(options.get(), ignore_warning, nullptr);
  g_mime_parser_options_set_rfc2047_compliance_mode(options.get(), GMIME_RFC_COMPLIANCE_LOOSE);
  const char* fallback[] = {"UTF-8", "windows-1252", nullptr};
  g_mime_parser_options_set_fallback_charsets(options.get(), fallback);

  GPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(bytes.data(), bytes.size()));
  GPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  g_mime_parser_set_format(parser.get(), GMIME_FORMAT_MESSAGE);
  GPtr<GMimeMessage> message(g_mime_parser_construct_message(parser.get(), options.get()));
  if (!message || !has_email_header(GMIME_OBJECT(message.get())))
    return refuse("berkas bukan e-mail: tidak ada blok kepala (From, To, Subject, Date, Message-ID)",
                  "not an e-mail: no header block (From, To, Subject, Date, Message-ID)");

  Reader reader(limits);
  GMimeObject* root = g_mime_message_get_mime_part(message.get());
  if (auto s = reader.check(root, 0); !s) return tl::unexpected(s.error());

  Extracted out;
  out.format = Format::eml;
  read_headers(message.get(), out);

  std::vector<std::string> pieces;
  if (auto s = reader.body(root, pieces); !s) return tl::unexpected(s.error());
  std::string body;
  for (auto& p : pieces) {
    while (!p.empty() && (p.back() == '\n' || p.back() == ' ' || p.back() == '\t')) p.pop_back();
    if (p.empty()) continue;
    if (!body.empty()) body += "\n\n";
    body += p;
  }
  if (!body.empty()) {
    Unit u;
    u.number = 2;
    u.text = std::move(body);
    u.method = Method::parsed;
    out.units.push_back(std::move(u));
  }

  if (auto s = reader.attachments(root, out.children); !s) return tl::unexpected(s.error());
  out.metadata["email.attachments"] = num(out.children.size());
  return out;
}

}  // namespace berkas::extract
