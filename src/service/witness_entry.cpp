#include "service/witness_entry.h"

#include "core/text.h"
#include "service/internal/form_xml.h"
#include "service/internal/store_access.h"
#include "service/upload.h"
#include "service/policy.h"
#include "store/store.h"

namespace berkas::service {

using core::ErrorCode;
using core::fail;

namespace {

using internal::FieldRef;
using internal::XmlLines;
using internal::check_chars;
using internal::check_id;
using internal::derive_id;
using internal::form_error;

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
  return internal::enter_xml(svc, options, v, xml, "perlindungan.xml");
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
  return internal::enter_xml(svc, options, v, xml, "restitusi.xml");
}

}  // namespace berkas::service
