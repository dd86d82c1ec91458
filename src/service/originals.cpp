#include "service/originals.h"

#include <vector>

#include "core/hash.h"
#include "extract/extract.h"
#include "service/internal/json_util.h"
#include "service/internal/store_access.h"
#include "service/policy.h"
#include "service/redact.h"

namespace berkas::service {

using core::ErrorCode;
using core::fail;

namespace {

core::Error missing_item(const std::string& ref) {
  return core::Error{ErrorCode::not_found, "barang bukti '" + ref + "' tidak ditemukan / evidence item not found", {},
                     0, {}};
}

// The protected names `v` may not see in the material of `case_id`, as a redactor that tells
// whether a text shows one.
core::Result<Redactor> hidden_names(const Service& svc, const Viewer& v, const std::string& case_id) {
  auto m = svc.case_material(v, case_id);
  if (!m) return tl::unexpected(m.error());
  std::vector<core::Person> hidden;
  for (const auto& name : m->forbidden) {
    core::Person p;
    p.name = name;
    p.is_protected = true;
    hidden.push_back(std::move(p));
  }
  return Redactor(hidden);
}

// Whether `bytes` show a name `hidden` stands for: in the bytes themselves (XML, text, a chat
// export) or in the text a reader derives from them — a PDF's (compressed) text layer, a scan by
// OCR, a Word file, an e-mail and what it carries. What cannot be read cannot be cleared, so it
// counts as showing one (an encrypted PDF, a recording, an archive).
bool shows_hidden_name(const std::string& bytes, const Redactor& hidden) {
  if (hidden.empty()) return false;
  if (hidden.leaks(bytes)) return true;
  const auto f = extract::sniff(bytes);
  if (f == extract::Format::berkas_xml || f == extract::Format::plain_text) return false;
  extract::Limits limits;
  limits.ocr_page_seconds = 60;
  auto x = extract::read(bytes, limits);
  if (!x) return true;
  for (const auto& u : x->units)
    if (hidden.leaks(u.text) || hidden.leaks(u.sender) || hidden.leaks(u.media)) return true;
  for (const auto& [key, value] : x->metadata)
    if (hidden.leaks(value)) return true;
  for (const auto& c : x->children)
    if (hidden.leaks(c.name) || shows_hidden_name(c.bytes, hidden)) return true;
  return false;
}

// The checks both kinds of original share: visible, not a trainer, no hidden name (in the bytes,
// in the text read from them, or — `view_redacted` — in the item's view), bytes intact, audited.
core::Result<OriginalFile> hand_out(const Service& svc, const Viewer& v, const core::EvidenceItem& item,
                                    OriginalFile out, const char* what, bool view_redacted, const AuditFn& audit) {
  auto hidden = hidden_names(svc, v, item.case_id);
  if (!hidden) return tl::unexpected(hidden.error());
  if ((view_redacted && !hidden->empty()) || shows_hidden_name(out.bytes, *hidden)) {
    (void)audit(std::string(what) + ".withheld", out.object, "sha256=" + out.sha256 + " reason=protected-name");
    return fail(ErrorCode::forbidden,
                "berkas asli memuat identitas yang dilindungi; hanya pengguna yang berwenang atas perkara ini yang "
                "dapat mengunduhnya / the original names a protected person; only users cleared for this case may "
                "download it");
  }
  if (core::sha256_hex(out.bytes) != out.sha256)
    return fail(ErrorCode::integrity, "berkas asli tidak cocok dengan SHA-256-nya / the original does not match its SHA-256",
                out.object);
  if (auto s = audit(std::string(what) + ".download", out.object,
                     "sha256=" + out.sha256 + " bytes=" + std::to_string(out.bytes.size()));
      !s)
    return tl::unexpected(s.error());
  return out;
}

}  // namespace

core::Result<OriginalFile> item_original(const Service& svc, const Viewer& v, const std::string& ref,
                                         const AuditFn& audit) {
  if (policy().must_anonymise(v)) return tl::unexpected(missing_item(ref));
  auto view = svc.item(v, ref);
  if (!view) return tl::unexpected(view.error().code == ErrorCode::not_found ? missing_item(ref) : view.error());
  const auto& item = view->item;
  auto st = internal::store_of(svc);
  if (!st) return tl::unexpected(st.error());
  auto bytes = (*st)->source(item.source_sha256);
  if (!bytes) return tl::unexpected(bytes.error());
  OriginalFile out;
  out.object = item.id + "@" + std::to_string(item.version);
  // Berkas XML is saved as ID[-vN].xml; a native file under its own (safe) name, the version
  // added when there is more than one.
  const std::string version_suffix = item.version > 1 ? "-v" + std::to_string(item.version) : std::string();
  if (item.original.empty()) {
    out.file_name = item.id + version_suffix + ".xml";
    out.media_type = "application/xml";
  } else {
    const auto dot = item.original.file_name.rfind('.');
    out.file_name = dot == std::string::npos ? item.original.file_name + version_suffix
                                             : item.original.file_name.substr(0, dot) + version_suffix +
                                                   item.original.file_name.substr(dot);
    out.media_type = item.original.media_type;
  }
  out.sha256 = item.source_sha256;
  out.bytes = std::move(*bytes);
  return hand_out(svc, v, item, std::move(out), "original", view->redacted, audit);
}

core::Result<OriginalFile> item_attachment(const Service& svc, const Viewer& v, const std::string& ref, std::size_t n,
                                           const AuditFn& audit) {
  const auto missing = [] {
    return core::Error{ErrorCode::not_found, "lampiran tidak ditemukan / attachment not found", {}, 0, {}};
  };
  if (policy().must_anonymise(v)) return tl::unexpected(missing());
  auto view = svc.item(v, ref);
  if (!view || n < 1 || n > view->item.attachments.size()) return tl::unexpected(missing());
  const auto& item = view->item;
  const auto& meta = item.attachments[n - 1];
  auto m = svc.case_material(v, item.case_id);
  if (!m) return tl::unexpected(missing());
  auto bytes = m->attachments.find(meta.sha256);
  if (bytes == m->attachments.end()) return tl::unexpected(missing());
  OriginalFile out;
  out.object = item.id + "@" + std::to_string(item.version) + "/attachments/" + std::to_string(n);
  out.file_name = meta.name;
  out.media_type = meta.media_type;
  out.sha256 = meta.sha256;
  out.bytes = bytes->second;
  auto r = hand_out(svc, v, item, std::move(out), "attachment", false, audit);
  // A withheld attachment answers like a missing one (its existence is told by the item page only
  // to who may see the item; the bytes are the point).
  if (!r && r.error().code == ErrorCode::forbidden) return tl::unexpected(missing());
  return r;
}

std::string original_saved_json(const OriginalFile& f, const std::string& saved_to) {
  auto o = internal::json_object();
  o->set("object", f.object);
  o->set("file_name", f.file_name);
  o->set("media_type", f.media_type);
  o->set("sha256", f.sha256);
  o->set("bytes", static_cast<Poco::Int64>(f.bytes.size()));
  o->set("saved_to", saved_to);
  return internal::json_text(o);
}

}  // namespace berkas::service
