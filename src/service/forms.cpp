#include "service/forms.h"

#include <algorithm>

#include "core/text.h"
#include "service/internal/form_xml.h"
#include "service/internal/store_access.h"
#include "service/policy.h"
#include "service/upload.h"
#include "store/store.h"

namespace berkas::service {

using core::ErrorCode;
using core::fail;
using internal::FieldRef;
using internal::XmlLines;

namespace {

// One text field of a form: its value, its name for people and the struct member, whether it
// is required and how long it may be.
struct Field {
  const std::string* value;
  FieldRef ref;
  bool required;
  std::size_t max_chars;
};

core::Status check_fields(const std::vector<Field>& fields) {
  for (const auto& f : fields) {
    if (auto s = internal::check_chars(*f.value, f.ref); !s) return s;
    if (auto s = internal::check_text(*f.value, f.ref, f.required, f.max_chars); !s) return s;
  }
  return {};
}

std::string attr(const char* name, const std::string& value) {
  return std::string(" ") + name + "=\"" + XmlLines::escape(value) + "\"";
}

// "uu-21-2007/pasal-2, uu-21-2007/pasal-4" → the ids.
std::vector<std::string> split_ids(std::string s) {
  for (char& c : s)
    if (c == ',' || c == ';' || c == '\t' || c == '\n' || c == '\r') c = ' ';
  std::vector<std::string> out;
  for (auto& part : core::split(core::squeeze_space(s), ' '))
    if (!part.empty()) out.push_back(part);
  return out;
}

bool is_time(const std::string& s) {
  return s.size() == 5 && s[2] == ':' && std::isdigit(static_cast<unsigned char>(s[0])) &&
         std::isdigit(static_cast<unsigned char>(s[1])) && std::isdigit(static_cast<unsigned char>(s[3])) &&
         std::isdigit(static_cast<unsigned char>(s[4])) && (s[0] < '2' || (s[0] == '2' && s[1] <= '3')) && s[3] <= '5';
}

// The statement's XML, every field checked first.
core::Result<XmlLines> build_statement(const StatementForm& f, bool correction) {
  const FieldRef kind_ref{"jenis", "kind"};
  if (f.kind != "bap" && f.kind != "terdakwa")
    return internal::form_error(ErrorCode::invalid_input, kind_ref,
                                "pilih BAP saksi atau keterangan terdakwa / choose a witness or a defendant statement");
  const std::vector<Field> fields = {
      {&f.case_id, {"perkara", "case_id"}, true, 80},
      {&f.person_id, {"orang", "person_id"}, true, 80},
      {&f.title, {"judul", "title"}, true, k_form_line_chars},
      {&f.date, {"tanggal", "date"}, true, 10},
      {&f.time, {"pukul", "time"}, false, 5},
      {&f.place, {"tempat", "place"}, true, k_form_line_chars},
      {&f.examiner, {"pemeriksa", "examiner"}, true, k_form_line_chars},
      {&f.status, {"status", "status"}, true, k_form_line_chars},
      {&f.country, {"negara", "country"}, false, 60},
      {&f.summary, {"ringkasan", "summary"}, false, k_form_text_chars},
      {&f.correction_note, {"catatan koreksi", "correction_note"}, correction, k_form_text_chars},
      {&f.id, {"id", "id"}, false, 80},
  };
  if (auto s = check_fields(fields); !s) return tl::unexpected(s.error());
  if (auto s = internal::check_id(f.case_id, fields[0].ref, true); !s) return tl::unexpected(s.error());
  if (auto s = internal::check_id(f.person_id, fields[1].ref, true); !s) return tl::unexpected(s.error());
  if (auto s = internal::check_date(f.date, fields[3].ref, true); !s) return tl::unexpected(s.error());
  if (!f.time.empty() && !is_time(f.time))
    return internal::form_error(ErrorCode::invalid_input, fields[4].ref,
                                "pukul ditulis JJ:MM, mis. 09:30 / a time is written HH:MM, e.g. 09:30");
  if (!correction && !f.correction_note.empty())
    return internal::form_error(ErrorCode::invalid_input, fields[10].ref,
                                "hanya untuk koreksi / only for a correction");
  const std::string id = f.id.empty() ? internal::derive_id(f.kind + "-" + f.person_id + "-" + f.date) : f.id;
  if (auto s = internal::check_id(id, fields[11].ref, true); !s) return tl::unexpected(s.error());

  std::vector<QaForm> pairs;
  for (const auto& p : f.qa)
    if (!core::squeeze_space(p.question).empty() || !core::squeeze_space(p.answer).empty()) pairs.push_back(p);
  const FieldRef qa_ref{"pertanyaan", "qa"};
  if (pairs.empty())
    return internal::form_error(ErrorCode::invalid_input, qa_ref,
                                "paling sedikit satu pertanyaan dengan jawabannya / at least one question with its "
                                "answer");
  if (pairs.size() > k_form_max_pairs)
    return internal::form_error(ErrorCode::invalid_input, qa_ref, "terlalu banyak pertanyaan / too many questions");
  // Numbered as they will be stored: the n-th pair that is not empty.
  std::vector<std::pair<FieldRef, FieldRef>> pair_refs;
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    const std::string n = std::to_string(i + 1);
    FieldRef q{"pertanyaan " + n, "qa." + n + ".question"}, a{"jawaban " + n, "qa." + n + ".answer"};
    const std::vector<Field> pair = {{&pairs[i].question, q, true, k_form_text_chars},
                                     {&pairs[i].answer, a, true, k_form_text_chars}};
    if (auto s = check_fields(pair); !s) return tl::unexpected(s.error());
    pair_refs.emplace_back(std::move(q), std::move(a));
  }

  const char* root = f.kind == "bap" ? "keterangan-saksi" : "keterangan-terdakwa";
  XmlLines xml;
  xml.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
  xml.raw(std::string("<") + root + attr("id", id) + attr("perkara", f.case_id) + attr("orang", f.person_id) +
              (f.fictional ? attr("fiktif", "ya") : "") +
              (f.released_for_training ? attr("rilis-pelatihan", "ya") : "") +
              ">",
          {"formulir", ""});
  xml.raw("  <kepala>", {"formulir", ""});
  xml.element("    ", "judul", f.title, fields[2].ref);
  xml.element("    ", "tempat", f.place, fields[5].ref);
  xml.element("    ", "tanggal", f.date, fields[3].ref);
  if (!f.time.empty()) xml.element("    ", "waktu", f.time, fields[4].ref);
  xml.raw("    <pemeriksa>", fields[6].ref);
  xml.element("      ", "nama", f.examiner, fields[6].ref);
  xml.raw("    </pemeriksa>", fields[6].ref);
  xml.element("    ", "status", f.status, fields[7].ref);
  if (!f.country.empty()) xml.element("    ", "negara", core::ascii_lower(f.country), fields[8].ref);
  if (!f.summary.empty()) xml.element("    ", "ringkasan", f.summary, fields[9].ref);
  if (correction) xml.element("    ", "catatan-koreksi", f.correction_note, fields[10].ref);
  xml.raw("  </kepala>", {"formulir", ""});
  for (const auto& about : f.about_person_ids) xml.raw("  <tentang" + attr("orang", about) + "/>", {"formulir", ""});
  xml.raw("  <pemeriksaan>", qa_ref);
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    xml.raw("    <tanya-jawab nomor=\"" + std::to_string(i + 1) + "\">", pair_refs[i].first);
    xml.element("      ", "pertanyaan", pairs[i].question, pair_refs[i].first);
    xml.element("      ", "jawaban", pairs[i].answer, pair_refs[i].second);
    xml.raw("    </tanya-jawab>", pair_refs[i].second);
  }
  xml.raw("  </pemeriksaan>", qa_ref);
  xml.raw(std::string("</") + root + ">", {"formulir", ""});
  return xml;
}

core::Result<XmlLines> build_case(const CaseForm& f) {
  const std::vector<Field> fields = {
      {&f.id, {"id", "id"}, true, 80},
      {&f.register_number, {"nomor register", "register_number"}, true, k_form_line_chars},
      {&f.title, {"judul", "title"}, true, k_form_line_chars},
      {&f.court, {"pengadilan", "court"}, true, k_form_line_chars},
      {&f.stage, {"tahap", "stage"}, true, 20},
      {&f.charged, {"pasal didakwakan", "charged"}, true, k_form_text_chars},
      {&f.country, {"negara tujuan", "country"}, false, 60},
      {&f.channel, {"saluran perekrutan", "channel"}, false, k_form_line_chars},
      {&f.offence_date, {"tempus delicti", "offence_date"}, true, 10},
      {&f.summary, {"ringkasan", "summary"}, false, k_form_text_chars},
  };
  if (auto s = check_fields(fields); !s) return tl::unexpected(s.error());
  if (auto s = internal::check_id(f.id, fields[0].ref, true); !s) return tl::unexpected(s.error());
  if (!core::parse_case_stage(f.stage))
    return internal::form_error(ErrorCode::invalid_input, fields[4].ref,
                                "pilih penyidikan, penuntutan, persidangan atau putus / choose a stage");
  if (auto s = internal::check_date(f.offence_date, fields[8].ref, true); !s) return tl::unexpected(s.error());
  const auto charged = split_ids(f.charged);
  for (const auto& p : charged) {
    const bool ok = !p.empty() && p.size() <= 120 && std::all_of(p.begin(), p.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '/';
    });
    if (!ok)
      return internal::form_error(ErrorCode::invalid_input, fields[5].ref,
                                  "id ketentuan seperti uu-21-2007/pasal-2/ayat-1 / a provision id such as "
                                  "uu-21-2007/pasal-2/ayat-1: '" + p + "'");
  }
  XmlLines xml;
  xml.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
  xml.raw("<perkara" + attr("id", f.id) + (f.fictional ? attr("fiktif", "ya") : "") + ">", fields[0].ref);
  xml.element("  ", "nomor-register", f.register_number, fields[1].ref);
  xml.element("  ", "judul", f.title, fields[2].ref);
  xml.element("  ", "pengadilan", f.court, fields[3].ref);
  xml.element("  ", "tahap", f.stage, fields[4].ref);
  xml.raw("  <pasal-didakwakan>", fields[5].ref);
  for (const auto& p : charged) xml.raw("    <ketentuan" + attr("id", p) + "/>", fields[5].ref);
  xml.raw("  </pasal-didakwakan>", fields[5].ref);
  if (!f.country.empty()) xml.element("  ", "negara-tujuan", core::ascii_lower(f.country), fields[6].ref);
  if (!f.channel.empty()) xml.element("  ", "saluran-perekrutan", f.channel, fields[7].ref);
  xml.element("  ", "tempus-delicti", f.offence_date, fields[8].ref);
  if (!f.summary.empty()) xml.element("  ", "ringkasan", f.summary, fields[9].ref);
  xml.raw("</perkara>", {"formulir", ""});
  return xml;
}

core::Result<XmlLines> build_person(const PersonForm& f) {
  const std::vector<Field> fields = {
      {&f.id, {"id", "id"}, true, 80},
      {&f.name, {"nama", "name"}, true, k_form_line_chars},
      {&f.pseudonym, {"nama samaran", "pseudonym"}, f.is_protected, k_form_line_chars},
      {&f.role, {"peran", "role"}, true, 20},
      {&f.case_id, {"perkara", "case_id"}, true, 80},
      {&f.gender, {"jenis kelamin", "gender"}, false, 1},
      {&f.birth_date, {"tanggal lahir", "birth_date"}, false, 10},
      {&f.origin, {"asal", "origin"}, false, k_form_line_chars},
      {&f.language, {"bahasa", "language"}, false, k_form_line_chars},
      {&f.companion_id, {"pendamping", "companion_id"}, false, 80},
      {&f.organisation, {"lembaga", "organisation"}, false, k_form_line_chars},
      {&f.contact, {"kontak", "contact"}, false, k_form_line_chars},
  };
  if (auto s = check_fields(fields); !s) return tl::unexpected(s.error());
  if (auto s = internal::check_id(f.id, fields[0].ref, true); !s) return tl::unexpected(s.error());
  const auto role = core::parse_person_role(f.role);
  if (!role) return internal::form_error(ErrorCode::invalid_input, fields[3].ref, "pilih peran / choose a role");
  if (auto s = internal::check_id(f.case_id, fields[4].ref, true); !s) return tl::unexpected(s.error());
  if (!f.gender.empty() && f.gender != "L" && f.gender != "P")
    return internal::form_error(ErrorCode::invalid_input, fields[5].ref, "L atau / or P");
  if (auto s = internal::check_date(f.birth_date, fields[6].ref, false); !s) return tl::unexpected(s.error());
  if (auto s = internal::check_id(f.companion_id, fields[9].ref, false); !s) return tl::unexpected(s.error());
  // A witness, victim or suspect is reached only through a companion (orang.xsd).
  const bool reached_through_companion = *role == core::PersonRole::saksi || *role == core::PersonRole::saksi_korban ||
                                         *role == core::PersonRole::tersangka || *role == core::PersonRole::terdakwa;
  if (reached_through_companion && !f.contact.empty())
    return internal::form_error(ErrorCode::invalid_input, fields[11].ref,
                                "saksi, korban dan tersangka dihubungi melalui pendamping, tanpa kontak sendiri / "
                                "witnesses, victims and suspects are contacted through their companion, no contact "
                                "of their own");
  XmlLines xml;
  xml.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
  xml.raw("<orang" + attr("id", f.id) + (f.is_protected ? attr("dilindungi", "ya") : "") +
              (f.fictional ? attr("fiktif", "ya") : "") + ">",
          fields[0].ref);
  xml.element("  ", "nama", f.name, fields[1].ref);
  if (!f.pseudonym.empty()) xml.element("  ", "nama-samaran", f.pseudonym, fields[2].ref);
  xml.element("  ", "peran", f.role, fields[3].ref);
  xml.element("  ", "perkara", f.case_id, fields[4].ref);
  if (!f.gender.empty()) xml.element("  ", "jenis-kelamin", f.gender, fields[5].ref);
  if (!f.birth_date.empty()) xml.element("  ", "tanggal-lahir", f.birth_date, fields[6].ref);
  if (!f.origin.empty()) xml.element("  ", "asal", f.origin, fields[7].ref);
  if (!f.language.empty()) xml.element("  ", "bahasa", f.language, fields[8].ref);
  if (f.interpreter) xml.element("  ", "juru-bahasa", "ya", {"juru bahasa", "interpreter"});
  if (!f.companion_id.empty()) xml.raw("  <pendamping" + attr("orang", f.companion_id) + "/>", fields[9].ref);
  if (!f.organisation.empty()) xml.element("  ", "lembaga", f.organisation, fields[10].ref);
  if (!f.contact.empty()) xml.element("  ", "kontak", f.contact, fields[11].ref);
  xml.raw("</orang>", {"formulir", ""});
  return xml;
}

tl::unexpected<core::Error> id_in_use(const std::string& id) {
  return internal::form_error(ErrorCode::invalid_input, {"id", "id"},
                              "id sudah dipakai; pilih id lain / the id is already in use; choose another: '" + id +
                                  "'");
}

// enter_xml, with what the ingest still finds said in the user's words: Berkas's own messages
// are bilingual ("... / ..."); anything else (a schema validator's, a parser's) becomes a plain
// statement beside the field it is about, or about the form.
core::Result<FileOutcome> enter(Service& svc, const Options& options, const Viewer& v, const XmlLines& xml,
                                const char* file_name, const UploadOptions& upload = {}) {
  auto out = internal::enter_xml(svc, options, v, xml, file_name, upload);
  if (out) return out;
  core::Error e = out.error();
  if (e.message.find(" / ") == std::string::npos) {
    const std::string plain = "isian ini tidak dapat diterima; periksa lagi / this entry cannot be accepted; check it";
    if (!e.field.empty()) {
      const std::string label = e.message.substr(0, e.message.find(':'));
      e.message = label + ": " + plain;
    } else {
      e.message = "formulir tidak dapat disimpan; periksa isinya / the form cannot be saved; check its entries";
    }
  }
  return tl::unexpected(std::move(e));
}

const char* k_trainers = "pelatih tidak dapat mengunggah / trainers cannot upload";

}  // namespace

core::Result<std::string> statement_xml(const StatementForm& f) {
  auto xml = build_statement(f, !f.correction_note.empty());
  if (!xml) return tl::unexpected(xml.error());
  return xml->text();
}
core::Result<std::string> case_xml(const CaseForm& f) {
  auto xml = build_case(f);
  if (!xml) return tl::unexpected(xml.error());
  return xml->text();
}
core::Result<std::string> person_xml(const PersonForm& f) {
  auto xml = build_person(f);
  if (!xml) return tl::unexpected(xml.error());
  return xml->text();
}

core::Result<FileOutcome> enter_statement(Service& svc, const Options& options, const Viewer& v,
                                          const StatementForm& f) {
  if (!policy().may_ingest(v)) return fail(ErrorCode::forbidden, k_trainers);
  auto xml = build_statement(f, false);
  if (!xml) return tl::unexpected(xml.error());
  const std::string id = f.id.empty() ? internal::derive_id(f.kind + "-" + f.person_id + "-" + f.date) : f.id;
  auto st = internal::store_of(svc);
  if (!st) return tl::unexpected(st.error());
  // A new statement never replaces evidence: an id in use is the user's to change (the screening
  // would refuse it too, in an upload's words).
  if ((*st)->item(id)) return id_in_use(id);
  // The person chosen must be one of the case's that the viewer sees (the page offers no other).
  auto view = svc.case_view(v, f.case_id);
  if (!view) return tl::unexpected(view.error());
  const auto& persons = view->persons;
  if (std::none_of(persons.begin(), persons.end(), [&](const PersonView& p) { return p.id == f.person_id; }))
    return internal::form_error(ErrorCode::invalid_input, {"orang", "person_id"},
                                "orang ini tidak tercatat pada perkara ini / this person is not on this case");
  return enter(svc, options, v, *xml, "keterangan.xml");
}

core::Result<StatementForm> statement_form_of(const Service& svc, const Viewer& v, const std::string& item_id) {
  // A correction supersedes the current version: an older one ("id@1") is no starting point.
  if (item_id.find('@') != std::string::npos)
    return fail(ErrorCode::not_found, "koreksi dimulai dari versi terkini / a correction starts from the current "
                                      "version: '" + item_id + "'");
  auto view = svc.item(v, item_id);
  if (!view) return tl::unexpected(view.error());
  const auto& item = view->item;
  const bool statement = item.kind == core::EvidenceKind::keterangan_saksi ||
                         item.kind == core::EvidenceKind::keterangan_terdakwa;
  if (!statement || !item.original.format.empty())
    return fail(ErrorCode::not_found, "bukan keterangan saksi atau terdakwa / not a witness or defendant statement: '" +
                                          item_id + "'");
  if (!policy().may_supersede(v, item.case_id))
    return fail(ErrorCode::forbidden,
                "tidak berwenang mengoreksi keterangan ini / not allowed to correct this statement");
  // The form would write back what the viewer sees: never a statement with names hidden from them.
  if (view->redacted)
    return fail(ErrorCode::forbidden,
                "keterangan ini memuat identitas yang dilindungi yang tersembunyi bagi Anda; koreksi memerlukan "
                "izin atas identitas perkara ini / this statement names protected persons hidden from you; "
                "correcting it needs clearance for this case's identities");
  if (!item.attachments.empty())
    return fail(ErrorCode::forbidden, "keterangan berlampiran dikoreksi dengan mengunggah berkasnya / a statement with "
                                      "attachments is corrected by uploading its file");
  StatementForm f;
  f.kind = core::code_of(item.kind);
  f.id = item.id;
  f.case_id = item.case_id;
  f.person_id = item.person_id;
  f.date = item.date;
  f.place = item.place;
  f.examiner = item.examiner;
  f.title = item.title;
  f.country = item.country;
  f.about_person_ids = item.about_person_ids;
  f.fictional = item.fictional;
  f.released_for_training = item.released_for_training;
  // The ingest leads the summary with the header facts the model has no field for
  // ("Status: saksi; Pukul: 09:30", ingest.cpp read_item); they become fields again.
  std::string summary = item.summary;
  const std::string first = summary.substr(0, summary.find('\n'));
  if (first.rfind("Status: ", 0) == 0 || first.rfind("Pukul: ", 0) == 0) {
    for (const auto& fact : core::split(first, ';')) {
      const std::string t = core::squeeze_space(fact);
      if (t.rfind("Status: ", 0) == 0) f.status = t.substr(8);
      else if (t.rfind("Pukul: ", 0) == 0) f.time = t.substr(7);
    }
    summary = summary.find('\n') == std::string::npos ? std::string() : summary.substr(summary.find('\n') + 1);
  }
  f.summary = summary;
  for (const auto& p : item.qa) f.qa.push_back({p.question, p.answer});
  return f;
}

core::Result<FileOutcome> correct_statement(Service& svc, const Options& options, const Viewer& v,
                                            const StatementForm& f) {
  if (!policy().may_ingest(v)) return fail(ErrorCode::forbidden, k_trainers);
  // The current version decides what may change: the case, the person, the kind and what the
  // page does not show stay as they are.
  auto current = statement_form_of(svc, v, f.id);
  if (!current) return tl::unexpected(current.error());
  StatementForm g = f;
  g.kind = current->kind;
  g.case_id = current->case_id;
  g.person_id = current->person_id;
  g.about_person_ids = current->about_person_ids;
  g.fictional = current->fictional;
  g.released_for_training = current->released_for_training;
  auto xml = build_statement(g, true);
  if (!xml) return tl::unexpected(xml.error());
  UploadOptions upload;
  upload.correction = true;
  return enter(svc, options, v, *xml, "keterangan.xml", upload);
}

core::Result<FileOutcome> enter_case(Service& svc, const Options& options, const Viewer& v, const CaseForm& f) {
  if (!policy().may_create_case(v))
    return fail(ErrorCode::forbidden, "hanya administrator yang membuat perkara / only administrators create cases");
  auto xml = build_case(f);
  if (!xml) return tl::unexpected(xml.error());
  auto st = internal::store_of(svc);
  if (!st) return tl::unexpected(st.error());
  if ((*st)->get_case(f.id)) return id_in_use(f.id);
  for (const auto& p : split_ids(f.charged))
    if (!(*st)->provision(p))
      return internal::form_error(ErrorCode::invalid_input, {"pasal didakwakan", "charged"},
                                  "ketentuan tidak dikenal / unknown provision: '" + p + "'");
  return enter(svc, options, v, *xml, "perkara.xml");
}

core::Result<FileOutcome> enter_person(Service& svc, const Options& options, const Viewer& v, const PersonForm& f) {
  if (!policy().may_ingest(v)) return fail(ErrorCode::forbidden, k_trainers);
  auto xml = build_person(f);
  if (!xml) return tl::unexpected(xml.error());
  if (!policy().may_ingest_into(v, f.case_id))
    return fail(ErrorCode::not_found, "perkara '" + f.case_id + "' belum ada / case not found", {}, 0, "case_id");
  auto st = internal::store_of(svc);
  if (!st) return tl::unexpected(st.error());
  if ((*st)->person(f.id)) return id_in_use(f.id);
  return enter(svc, options, v, *xml, "orang.xml");
}

core::Result<std::vector<core::Case>> form_cases(const Service& svc, const Viewer& v) {
  auto cases = svc.cases(v);
  if (!cases) return cases;
  std::vector<core::Case> out;
  for (auto& c : *cases)
    if (policy().may_ingest_into(v, c.id)) out.push_back(std::move(c));
  return out;
}

}  // namespace berkas::service
