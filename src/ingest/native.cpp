#include "ingest/native.h"

#include <algorithm>
#include <filesystem>
#include <regex>
#include <set>

#include "core/hash.h"
#include "core/text.h"
#include "ingest/citations.h"
#include "ingest/internal/files.h"

namespace berkas::ingest {

using core::ErrorCode;
using core::fail;
using extract::Format;

namespace {

// Ids as the schemas allow them (schemas/*.xsd: [a-z0-9][a-z0-9-]{0,79}).
bool is_id(const std::string& s) {
  static const std::regex k_id("[a-z0-9][a-z0-9\\-]{0,79}");
  return std::regex_match(s, k_id);
}

core::Error bad(const std::string& path, const std::string& message, const std::string& field = {}) {
  return core::Error{ErrorCode::invalid_input, message, path, 0, field};
}

// The evidence kind a format is when the person ingesting does not say.
core::EvidenceKind default_kind(Format f) {
  switch (f) {
    case Format::png:
    case Format::jpeg:
    case Format::tiff:
    case Format::eml:
    case Format::whatsapp_text:
    case Format::whatsapp_zip:
    case Format::telegram_json:
    case Format::telegram_zip: return core::EvidenceKind::elektronik;
    default: return core::EvidenceKind::surat;
  }
}

const char* extension_of(Format f) {
  switch (f) {
    case Format::pdf: return ".pdf";
    case Format::png: return ".png";
    case Format::jpeg: return ".jpg";
    case Format::tiff: return ".tif";
    case Format::docx: return ".docx";
    case Format::odt: return ".odt";
    case Format::eml: return ".eml";
    case Format::whatsapp_text: return ".txt";
    case Format::telegram_json: return ".json";
    case Format::whatsapp_zip:
    case Format::telegram_zip:
    case Format::zip: return ".zip";
    case Format::berkas_xml: return ".xml";
    case Format::plain_text: return ".txt";
    case Format::unknown: break;
  }
  return ".bin";
}

// A name that is safe to offer as a download and to show: the base name only (either kind of
// separator), control characters and quotes removed, no leading dot, a stem of at most 100
// bytes and an extension of at most 10. Empty when nothing usable is left.
std::string safe_base_name(const std::string& path) {
  std::string base = path.substr(path.find_last_of("/\\") == std::string::npos ? 0 : path.find_last_of("/\\") + 1);
  std::string clean;
  for (char c : base)
    if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f && c != '"') clean += c;
  clean = core::squeeze_space(clean);
  while (!clean.empty() && clean.front() == '.') clean.erase(0, 1);
  const auto dot = clean.rfind('.');
  std::string stem = dot == std::string::npos ? clean : clean.substr(0, dot);
  std::string ext = dot == std::string::npos ? std::string() : clean.substr(dot);
  if (ext.size() > 10) ext.clear();
  stem = std::string(core::utf8_prefix(stem, 100));
  if (stem.empty() || !core::is_valid_utf8(stem + ext)) return {};
  return stem + ext;
}

// safe_base_name with the extension of what the file really is.
std::string safe_file_name(const std::string& path, Format f) {
  std::string base = safe_base_name(path);
  if (base.empty()) return {};
  const auto dot = base.rfind('.');
  return (dot == std::string::npos ? base : base.substr(0, dot)) + extension_of(f);
}

// "2024-02-12T09:15:30" or "2024-02-12 ..." → "2024-02-12" when it is a date.
std::string date_part(const std::string& s) {
  if (s.size() < 10) return {};
  const std::string d = s.substr(0, 10);
  return core::is_iso_date(d) ? d : std::string();
}

std::string meta(const extract::Extracted& x, const std::string& key) {
  auto it = x.metadata.find(key);
  return it == x.metadata.end() ? std::string() : it->second;
}

// A title from what the file says of itself, else from its name.
std::string default_title(const extract::Extracted& x, const std::string& path) {
  std::string t = meta(x, "doc.title");
  if (t.empty()) t = meta(x, "pdf.title");
  if (t.empty() && !meta(x, "email.subject").empty()) t = "Surel / e-mail: " + meta(x, "email.subject");
  if (t.empty() && !meta(x, "chat.platform").empty()) {
    const std::string app = meta(x, "chat.platform") == "telegram" ? "Telegram" : "WhatsApp";
    std::string name = meta(x, "chat.name");
    if (name.empty()) name = meta(x, "chat.names");
    t = "Percakapan " + app + (name.empty() ? std::string() : ": " + name) + " (" + meta(x, "chat.messages") + " pesan)";
  }
  if (t.empty()) t = std::filesystem::path(path).stem().string();
  t = core::squeeze_space(core::without_control_chars(t));
  t = std::string(core::utf8_prefix(t, 300));
  if (t.empty() || !core::is_valid_utf8(t)) t = "Berkas " + std::string(extract::to_string(x.format));
  return t;
}

// The date the evidence itself states: a photo's capture, an e-mail's sending, a chat's first message.
std::string default_date(const extract::Extracted& x) {
  for (const char* key : {"exif.datetime", "email.date", "chat.first", "doc.created"})
    if (auto d = date_part(meta(x, key)); !d.empty()) return d;
  return {};
}

// A name whose extension claims one kind of file for content of another is refused: a PDF
// dressed as a photo, a program dressed as a document. Names without a known extension are
// judged by their content alone.
core::Status check_name_matches(const std::string& path, Format f) {
  std::string ext = core::ascii_lower(std::filesystem::path(path).extension().string());
  struct Claim {
    const char* ext;
    std::vector<Format> formats;
  };
  static const std::vector<Claim> k_claims = {
      {".pdf", {Format::pdf}},
      {".png", {Format::png}},
      {".jpg", {Format::jpeg}},
      {".jpeg", {Format::jpeg}},
      {".tif", {Format::tiff}},
      {".tiff", {Format::tiff}},
      {".docx", {Format::docx}},
      {".odt", {Format::odt}},
      {".eml", {Format::eml}},
      {".zip", {Format::zip, Format::whatsapp_zip, Format::telegram_zip}},
      {".json", {Format::telegram_json}},
      {".txt", {Format::plain_text, Format::whatsapp_text, Format::eml}},
  };
  for (const auto& c : k_claims)
    if (ext == c.ext && std::find(c.formats.begin(), c.formats.end(), f) == c.formats.end())
      return tl::unexpected(bad(path, "nama berkas berakhiran " + ext + " tetapi isinya " + extract::to_string(f) +
                                          "; periksa berkasnya / the file is named " + ext + " but holds " +
                                          extract::to_string(f) + "; check the file"));
  return {};
}

core::Status check_options(const NativeOptions& o, const std::string& path) {
  if (!is_id(o.case_id))
    return tl::unexpected(bad(path, "perkara '" + o.case_id + "' bukan ID yang sah (huruf kecil, angka, '-') / not a valid case id", "case"));
  if (!o.kind.empty() && !core::parse_evidence_kind(o.kind))
    return tl::unexpected(bad(path, "jenis '" + o.kind + "' tidak dikenal (bap, ahli, surat, terdakwa, elektronik) / unknown kind", "kind"));
  if (!o.id.empty() && !is_id(o.id))
    return tl::unexpected(bad(path, "ID '" + o.id + "' tidak sah (huruf kecil, angka, '-', paling banyak 80) / not a valid id", "id"));
  if (!o.person_id.empty() && !is_id(o.person_id))
    return tl::unexpected(bad(path, "orang '" + o.person_id + "' bukan ID yang sah / not a valid person id", "person"));
  if (!o.date.empty() && !core::is_iso_date(o.date))
    return tl::unexpected(bad(path, "tanggal '" + o.date + "' harus YYYY-MM-DD / the date must be YYYY-MM-DD", "date"));
  for (const auto* text : {&o.title, &o.correction_note})
    if (text->size() > 4000 || !core::is_valid_utf8(*text))
      return tl::unexpected(bad(path, "judul atau catatan terlalu panjang atau bukan UTF-8 / title or note too long or not UTF-8"));
  return {};
}

// The items's units from the extracted ones (text cleaned as every stored text is).
std::vector<core::TextUnit> units_of(const extract::Extracted& x) {
  std::vector<core::TextUnit> out;
  out.reserve(x.units.size());
  for (const auto& u : x.units) {
    core::TextUnit t;
    t.number = u.number;
    t.method = extract::to_string(u.method);
    t.confidence = u.confidence;
    t.time = u.time;
    t.sender = core::without_control_chars(u.sender);
    t.system = u.system;
    t.media = core::without_control_chars(u.media);
    t.text = u.text;
    out.push_back(std::move(t));
  }
  return out;
}

// The files found inside (an e-mail's attachments, a chat's media, a document's pictures) as the
// item's attachments, each content-addressed; two with one name get a number.
void attach_children(const extract::Extracted& x, Parsed& out) {
  const char* what = x.format == Format::eml ? "Lampiran surel / e-mail attachment"
                     : (x.format == Format::docx || x.format == Format::odt) ? "Gambar dalam dokumen / picture in the document"
                                                                              : "Berkas media percakapan / chat media file";
  std::set<std::string> names;
  int n = 0;
  for (const auto& c : x.children) {
    ++n;
    AttachmentFile a;
    std::string name = safe_base_name(c.name);
    if (name.empty()) name = "lampiran-" + std::to_string(n);
    if (names.count(name)) name = std::to_string(n) + "-" + name;
    names.insert(name);
    a.meta.name = name;
    a.meta.sha256 = core::sha256_hex(c.bytes);
    a.meta.media_type = c.media_type.empty() ? "application/octet-stream" : c.media_type;
    a.meta.size = static_cast<std::int64_t>(c.bytes.size());
    a.meta.description = what;
    a.bytes = c.bytes;
    out.item->attachments.push_back(a.meta);
    out.attachments.push_back(std::move(a));
  }
}

core::Result<Parsed> evidence_item(const std::string& bytes, const std::string& path, const NativeOptions& o,
                                   extract::Extracted x) {
  Parsed out;
  out.kind = Parsed::Kind::item;
  out.native = true;
  out.path = path;
  out.source = bytes;
  out.source_sha256 = core::sha256_hex(bytes);
  core::EvidenceItem item;
  item.kind = o.kind.empty() ? default_kind(x.format) : *core::parse_evidence_kind(o.kind);
  item.id = o.id.empty() ? std::string(core::code_of(item.kind)) + "-" + out.source_sha256.substr(0, 12) : o.id;
  item.case_id = o.case_id;
  item.person_id = o.person_id;
  item.title = o.title.empty() ? default_title(x, path) : core::squeeze_space(core::without_control_chars(o.title));
  item.date = o.date.empty() ? default_date(x) : o.date;
  item.correction_note = o.correction_note;
  item.fictional = o.fictional;
  item.source_sha256 = out.source_sha256;
  item.original.format = extract::to_string(x.format);
  item.original.media_type = media_type_of(x.format);
  item.original.file_name = safe_file_name(path, x.format);
  if (item.original.file_name.empty()) item.original.file_name = item.id + extension_of(x.format);
  for (const auto& [k, v] : x.metadata) item.original.metadata.emplace_back(k, v);
  item.units = units_of(x);
  out.item = std::move(item);
  attach_children(x, out);
  out.citations = extract_citations(out.item->full_text());
  return out;
}

// A decision that came as a PDF: its text through the decision import; the PDF stays the source.
core::Result<Parsed> decision_pdf(const std::string& bytes, const std::string& path, const extract::Extracted& x) {
  std::string text;
  for (const auto& u : x.units) text += u.text + "\n";
  Parsed out;
  out.path = path;
  out.source = text;
  auto p = internal::parse_decision_text(std::move(out));
  if (!p) {
    auto e = p.error();
    e.message += " — bila ini barang bukti, berikan perkaranya (--case) / if this is evidence, give its case (--case)";
    e.file = path;
    return tl::unexpected(e);
  }
  p->source = bytes;
  p->source_sha256 = core::sha256_hex(bytes);
  p->precedent->source_sha256 = p->source_sha256;
  return p;
}

}  // namespace

core::Status check_native_options(const NativeOptions& native) { return check_options(native, {}); }

std::string media_type_of(Format f) {
  switch (f) {
    case Format::pdf: return "application/pdf";
    case Format::png: return "image/png";
    case Format::jpeg: return "image/jpeg";
    case Format::tiff: return "image/tiff";
    case Format::docx: return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    case Format::odt: return "application/vnd.oasis.opendocument.text";
    case Format::eml: return "message/rfc822";
    case Format::telegram_json: return "application/json";
    case Format::whatsapp_zip:
    case Format::telegram_zip:
    case Format::zip: return "application/zip";
    case Format::berkas_xml: return "application/xml";
    case Format::whatsapp_text:
    case Format::plain_text: return "text/plain; charset=utf-8";
    case Format::unknown: break;
  }
  return "application/octet-stream";
}

core::Result<Parsed> parse_input(const std::string& bytes, const std::string& path, const std::string& schema_dir,
                                 const NativeOptions& native, const Limits& limits,
                                 const extract::Limits& extract_limits) {
  const Format f = extract::sniff(bytes);
  const bool evidence = !native.case_id.empty();
  const bool xml_named = std::filesystem::path(path).extension() == ".xml";
  // Berkas XML, a decision's text and what is not recognised at all (refused there, in the
  // words the XML and decision import use): the import of our own formats. A plain text given
  // a case is evidence.
  if (f == Format::unknown && evidence)
    return tl::unexpected(bad(path, "jenis berkas tidak dikenali dari isinya (PDF, PNG, JPEG, TIFF, DOCX, ODT, surel, "
                                    "ekspor WhatsApp/Telegram, teks) / file type not recognised from its content"));
  if (f == Format::berkas_xml || f == Format::unknown || (f == Format::plain_text && (!evidence || xml_named)))
    return parse_bytes(bytes, path, schema_dir, limits);
  if (f == Format::zip)
    return tl::unexpected(bad(path, "arsip zip yang bukan ekspor percakapan tidak diterima; unggah berkas di dalamnya "
                                    "satu per satu / a zip that is not a chat export is not accepted; ingest its files "
                                    "one by one"));
  if (!evidence && f != Format::pdf)
    return tl::unexpected(bad(path, std::string("berkas ") + extract::to_string(f) +
                                        " adalah barang bukti: sebutkan perkaranya (--case ID) / this file is evidence: "
                                        "name its case (--case ID)",
                              "case"));
  if (auto s = check_name_matches(path, f); !s) return tl::unexpected(s.error());
  if (evidence)
    if (auto s = check_options(native, path); !s) return tl::unexpected(s.error());
  auto x = extract::read(bytes, extract_limits);
  if (!x) {
    auto e = x.error();
    e.file = path;
    if (e.code != ErrorCode::io) e.code = ErrorCode::invalid_input;
    return tl::unexpected(e);
  }
  if (!evidence) return decision_pdf(bytes, path, *x);
  return evidence_item(bytes, path, native, std::move(*x));
}

core::Result<Parsed> parse_input_file(const std::string& path, const std::string& schema_dir,
                                      const NativeOptions& native, const Limits& limits,
                                      const extract::Limits& extract_limits) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return fail(ErrorCode::io, "tidak ada berkas / no such file", path);
  auto bytes = internal::read_bounded(path, std::max(limits.max_file_bytes, extract_limits.max_bytes), "file");
  if (!bytes) {
    auto e = bytes.error();
    e.file = path;
    return tl::unexpected(e);
  }
  return parse_input(*bytes, path, schema_dir, native, limits, extract_limits);
}

}  // namespace berkas::ingest
