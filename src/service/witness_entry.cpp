#include "service/witness_entry.h"

#include <stdlib.h>  // mkdtemp

#include <filesystem>
#include <fstream>
#include <map>

#include "core/hash.h"
#include "core/text.h"
#include "service/internal/paths.h"
#include "service/internal/store_access.h"
#include "service/upload.h"
#include "service/policy.h"
#include "store/store.h"

namespace fs = std::filesystem;

namespace berkas::service {

using core::ErrorCode;
using core::fail;

namespace {

// One field of the form: where it goes in the XML, what the form calls it (for messages) and
// the struct member (Error::field, for the page to mark the input).
struct FieldRef {
  std::string label;   // "jenis", "rincian 2: jumlah"
  std::string member;  // "kind", "lines.2.amount"
};

// Builds the XML line by line, remembering which form field each line holds, so that an error
// the ingest reports at "file:LINE" can be told in the form's terms.
class XmlLines {
 public:
  void raw(const std::string& line, FieldRef ref = {}) {
    m_text += line;
    m_text += '\n';
    ++m_line;
    m_fields[m_line] = std::move(ref);
  }
  void element(const std::string& indent, const char* name, const std::string& value, FieldRef ref) {
    raw(indent + "<" + name + ">" + escape(value) + "</" + name + ">", std::move(ref));
  }
  const std::string& text() const { return m_text; }
  const FieldRef* field_at(int line) const {
    auto it = m_fields.find(line);
    return it == m_fields.end() || it->second.label.empty() ? nullptr : &it->second;
  }

  // Every character that could end a text or an attribute value is an entity, so any value
  // survives byte for byte (including "]]>" and quotes).
  static std::string escape(const std::string& s) { return core::escape_xml(s); }

 private:
  std::string m_text;
  int m_line = 0;
  std::map<int, FieldRef> m_fields;
};

tl::unexpected<core::Error> form_error(ErrorCode code, const FieldRef& f, const std::string& message) {
  return fail(code, f.label.empty() ? message : f.label + ": " + message, {}, 0, f.member);
}

// Control characters (other than tab and line breaks) cannot be written in XML 1.0 and have no
// business in a form; invalid UTF-8 neither.
core::Status check_chars(const std::string& value, const FieldRef& f) {
  if (!core::is_valid_utf8(value))
    return form_error(ErrorCode::invalid_input, f, "bukan teks UTF-8 yang sah / not valid UTF-8 text");
  for (unsigned char c : value)
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)
      return form_error(ErrorCode::invalid_input, f,
                        "karakter kendali tidak diizinkan / control characters are not allowed");
  return {};
}

bool is_id(const std::string& s) {
  if (s.empty() || s.size() > 80) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && i > 0);
    if (!ok) return false;
  }
  return true;
}

core::Status check_id(const std::string& value, const FieldRef& f, bool required) {
  if (value.empty() && !required) return {};
  if (value.empty()) return form_error(ErrorCode::invalid_input, f, "wajib diisi / required");
  if (!is_id(value))
    return form_error(ErrorCode::invalid_input, f,
                      "id hanya huruf kecil, angka dan '-', paling panjang 80 / an id is lower-case letters, digits "
                      "and '-', at most 80 characters: '" + value + "'");
  return {};
}

// A derived id from its parts, kept within the 80 characters of an id: a long one is cut and
// made unique again by a short hash of the whole.
std::string derive_id(const std::string& whole) {
  if (whole.size() <= 80) return whole;
  std::string cut = whole.substr(0, 70);
  while (!cut.empty() && cut.back() == '-') cut.pop_back();
  return cut + "-" + core::sha256_hex(whole).substr(0, 8);
}

// A temporary folder under the data dir holding the one generated file; removed with it on
// every path out of enter_*.
class TempEntry {
 public:
  ~TempEntry() {
    if (!m_dir.empty()) {
      std::error_code ec;
      fs::remove_all(m_dir, ec);
    }
  }
  core::Result<std::string> write(const std::string& data_dir, const char* file_name, const std::string& bytes) {
    std::string pattern = (fs::path(data_dir) / ".entry-XXXXXX").string();
    if (!mkdtemp(pattern.data()))
      return fail(ErrorCode::io, "tidak dapat membuat berkas sementara / cannot create a temporary file");
    m_dir = pattern;
    const std::string path = (fs::path(m_dir) / file_name).string();
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) return fail(ErrorCode::io, "tidak dapat menulis berkas sementara / cannot write a temporary file");
    return path;
  }

 private:
  std::string m_dir;
};

// "PATH:LINE: message" or "PATH: message" (an ingest error about the temporary file) in the
// form's terms: the field on that line, never the path.
core::Error to_form_error(const std::string& described, const std::string& path, const XmlLines& xml) {
  std::string rest = described;
  if (rest.compare(0, path.size(), path) == 0) rest.erase(0, path.size());
  int line = 0;
  if (!rest.empty() && rest.front() == ':') {
    rest.erase(0, 1);
    std::size_t digits = 0;
    while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9') ++digits;
    if (digits > 0 && digits < rest.size() && rest[digits] == ':') {
      line = std::stoi(rest.substr(0, digits));
      rest.erase(0, digits + 1);
    }
  }
  rest = core::squeeze_space(rest);
  // The path may also appear inside a library's message.
  rest = core::replace_all(rest, path, "formulir");
  ErrorCode code = ErrorCode::invalid_input;
  if (rest.find("belum ada / ") != std::string::npos) code = ErrorCode::not_found;
  else if (rest.find("versi baru tidak boleh") != std::string::npos) code = ErrorCode::conflict;
  core::Error e{code, rest, {}, 0, {}};
  if (const FieldRef* f = xml.field_at(line)) {
    e.message = f->label + ": " + rest;
    e.field = f->member;
  }
  return e;
}

// Writes the XML, screens it as an upload of `v` and ingests it.
core::Result<FileOutcome> enter(Service& svc, const Options& options, const Viewer& v, const XmlLines& xml,
                                const char* file_name) {
  TempEntry temp;
  auto path = temp.write(options.data_dir, file_name, xml.text());
  if (!path) return tl::unexpected(path.error());
  const std::string resource_dir = options.resource_dir.empty() ? default_resource_dir() : options.resource_dir;
  auto screen = screen_upload(svc, v, {*path}, resource_dir);
  if (!screen) return tl::unexpected(screen.error());
  if (!screen->refused.empty()) {
    auto e = to_form_error(screen->refused.front().error, *path, xml);
    if (e.code == ErrorCode::invalid_input) e.code = ErrorCode::forbidden;
    return tl::unexpected(std::move(e));
  }
  auto report = svc.ingest(v, {*path});
  if (!report) return tl::unexpected(report.error());
  if (report->files.size() != 1)
    return fail(ErrorCode::internal, "ingest reported " + std::to_string(report->files.size()) + " files for one");
  FileOutcome out = report->files.front();
  if (out.status == FileOutcome::Status::failed) return tl::unexpected(to_form_error(out.error, *path, xml));
  out.path.clear();  // the temporary file is gone
  return out;
}

// The id an entry without one stands for: the one existing record of the same person and case
// (and, for a protection measure, kind) — so the entry is its next version, whether or not the
// form showed it to the user — else a new id derived from its parts. Several such records: the
// user must say which (invalid_input on the id field), never a silent extra record.
template <class Record>
core::Result<std::string> id_for_entry(const std::vector<Record>& existing, const std::string& derived,
                                       const FieldRef& id_field) {
  if (existing.empty()) return derived;
  if (existing.size() == 1) return existing.front().id;
  std::string ids;
  for (const auto& r : existing) ids += (ids.empty() ? "" : ", ") + r.id;
  return form_error(ErrorCode::invalid_input, id_field,
                    "ada beberapa catatan; sebutkan id yang diubah (" + ids + ") / several records exist; give the id to "
                    "change (" + ids + ")");
}


}  // namespace

core::Result<FileOutcome> enter_protection(Service& svc, const Options& options, const Viewer& v,
                                           const ProtectionForm& f) {
  if (!policy().may_ingest(v)) return fail(ErrorCode::forbidden, "pelatih tidak dapat mengunggah / trainers cannot upload");
  const std::pair<const std::string*, FieldRef> fields[] = {
      {&f.id, {"id", "id"}},
      {&f.person_id, {"orang", "person_id"}},
      {&f.case_id, {"perkara", "case_id"}},
      {&f.kind, {"jenis", "kind"}},
      {&f.status, {"status", "status"}},
      {&f.requested, {"diajukan", "requested"}},
      {&f.decided, {"diputus", "decided"}},
      {&f.until, {"sampai", "until"}},
      {&f.authority, {"oleh", "authority"}},
      {&f.reference, {"nomor", "reference"}},
      {&f.description, {"keterangan", "description"}},
  };
  for (const auto& [value, ref] : fields)
    if (auto s = check_chars(*value, ref); !s) return tl::unexpected(s.error());
  if (auto s = check_id(f.person_id, fields[1].second, true); !s) return tl::unexpected(s.error());
  if (auto s = check_id(f.case_id, fields[2].second, true); !s) return tl::unexpected(s.error());
  if (f.kind.empty()) return form_error(ErrorCode::invalid_input, fields[3].second, "wajib diisi / required");
  // The kind is part of a derived id: an unknown one is named as such, not as a bad id.
  if (!core::parse_protection_kind(f.kind))
    return form_error(ErrorCode::invalid_input, fields[3].second,
                      "jenis perlindungan tidak dikenal / unknown kind of protection: '" + f.kind + "'");
  std::string id = f.id;
  if (id.empty()) {
    auto st = internal::store_of(svc);
    if (!st) return tl::unexpected(st.error());
    auto measures = (*st)->protections(f.person_id, f.case_id);
    if (!measures) return tl::unexpected(measures.error());
    std::vector<core::ProtectionMeasure> same_kind;
    for (auto& m : *measures)
      if (core::code_of(m.kind) == f.kind) same_kind.push_back(std::move(m));
    auto chosen = id_for_entry(same_kind, derive_id("lindung-" + f.person_id + "-" + f.kind), fields[0].second);
    if (!chosen) return tl::unexpected(chosen.error());
    id = std::move(*chosen);
  }
  if (auto s = check_id(id, fields[0].second, true); !s) return tl::unexpected(s.error());

  XmlLines xml;
  xml.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
  xml.raw("<perlindungan id=\"" + XmlLines::escape(id) + "\" orang=\"" + XmlLines::escape(f.person_id) +
              "\" perkara=\"" + XmlLines::escape(f.case_id) + "\">",
          {"formulir", ""});
  const char* elements[] = {"jenis", "status", "diajukan", "diputus", "sampai", "oleh", "nomor", "keterangan"};
  for (std::size_t i = 0; i < std::size(elements); ++i) {
    const auto& [value, ref] = fields[i + 3];
    // Required elements are written even when empty, so that the ingest names what is missing.
    if (!value->empty() || i < 3) xml.element("  ", elements[i], *value, ref);
  }
  xml.raw("</perlindungan>");
  return enter(svc, options, v, xml, "perlindungan.xml");
}

core::Result<FileOutcome> enter_restitution(Service& svc, const Options& options, const Viewer& v,
                                            const RestitutionForm& f) {
  if (!policy().may_ingest(v)) return fail(ErrorCode::forbidden, "pelatih tidak dapat mengunggah / trainers cannot upload");
  const std::pair<const std::string*, FieldRef> fields[] = {
      {&f.id, {"id", "id"}},
      {&f.person_id, {"orang", "person_id"}},
      {&f.case_id, {"perkara", "case_id"}},
      {&f.status, {"status", "status"}},
      {&f.date, {"tanggal", "date"}},
      {&f.assessed_by, {"dinilai-oleh", "assessed_by"}},
      {&f.claimant_note, {"catatan-pemohon", "claimant_note"}},
      {&f.granted, {"dikabulkan", "granted"}},
      {&f.decision_reference, {"putusan", "decision_reference"}},
  };
  for (const auto& [value, ref] : fields)
    if (auto s = check_chars(*value, ref); !s) return tl::unexpected(s.error());
  if (auto s = check_id(f.person_id, fields[1].second, true); !s) return tl::unexpected(s.error());
  if (auto s = check_id(f.case_id, fields[2].second, true); !s) return tl::unexpected(s.error());
  std::string id = f.id;
  if (id.empty()) {
    auto st = internal::store_of(svc);
    if (!st) return tl::unexpected(st.error());
    auto claims = (*st)->restitution_claims(f.person_id, f.case_id);
    if (!claims) return tl::unexpected(claims.error());
    auto chosen = id_for_entry(*claims, derive_id("restitusi-" + f.person_id + "-" + f.case_id), fields[0].second);
    if (!chosen) return tl::unexpected(chosen.error());
    id = std::move(*chosen);
  }
  if (auto s = check_id(id, fields[0].second, true); !s) return tl::unexpected(s.error());

  XmlLines xml;
  xml.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
  xml.raw("<restitusi id=\"" + XmlLines::escape(id) + "\" orang=\"" + XmlLines::escape(f.person_id) + "\" perkara=\"" +
              XmlLines::escape(f.case_id) + "\">",
          {"formulir", ""});
  xml.element("  ", "status", f.status, fields[3].second);
  xml.element("  ", "tanggal", f.date, fields[4].second);
  if (!f.assessed_by.empty()) xml.element("  ", "dinilai-oleh", f.assessed_by, fields[5].second);
  if (!f.claimant_note.empty()) xml.element("  ", "catatan-pemohon", f.claimant_note, fields[6].second);
  for (std::size_t i = 0; i < f.lines.size(); ++i) {
    const auto& l = f.lines[i];
    if (l.head.empty() && l.description.empty() && l.amount.empty() && l.evidence_ids.empty()) continue;  // a blank row
    const std::string n = std::to_string(i + 1);
    auto ref = [&](const char* label, const char* member) {
      return FieldRef{"rincian " + n + ": " + label, "lines." + n + "." + member};
    };
    for (const auto& [value, r] : {std::pair{&l.head, ref("jenis", "head")}, std::pair{&l.description, ref("uraian", "description")},
                                   std::pair{&l.amount, ref("jumlah", "amount")},
                                   std::pair{&l.evidence_ids, ref("bukti", "evidence_ids")}})
      if (auto s = check_chars(*value, r); !s) return tl::unexpected(s.error());
    xml.raw("  <rincian jenis=\"" + XmlLines::escape(l.head) + "\">", ref("jenis", "head"));
    xml.element("    ", "uraian", l.description, ref("uraian", "description"));
    xml.element("    ", "jumlah", l.amount, ref("jumlah", "amount"));
    std::string ids = l.evidence_ids;
    for (char& c : ids)
      if (c == ',' || c == ';' || c == '\t' || c == '\n' || c == '\r') c = ' ';
    for (const auto& item : core::split(core::squeeze_space(ids), ' '))
      if (!item.empty())
        xml.raw("    <bukti item=\"" + XmlLines::escape(item) + "\"/>", ref("bukti", "evidence_ids"));
    xml.raw("  </rincian>", ref("jenis", "head"));
  }
  if (!f.granted.empty()) xml.element("  ", "dikabulkan", f.granted, fields[7].second);
  if (!f.decision_reference.empty()) xml.element("  ", "putusan", f.decision_reference, fields[8].second);
  xml.raw("</restitusi>", {"rincian", "lines"});
  return enter(svc, options, v, xml, "restitusi.xml");
}

}  // namespace berkas::service
