// tests/service: the entry forms (service/forms.h) end to end on a real store and index with the
// demo case: the XML each form becomes parses through ingest::parse_bytes and gives back the
// fields; escaping of markup, quotes and control characters; field errors before anything is
// stored; a protected name typed into an answer is stored but hidden from an uncleared viewer;
// corrections as version 2 with their note, only for whom the policy lets supersede; new cases
// (administrators) and persons (the upload screening's rule).
#define BOOST_TEST_MODULE forms
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <functional>
#include <ostream>
#include <string>

#include "ingest/ingest.h"
#include "service/forms.h"
#include "service/service.h"
#include "store/store.h"
#include "support/temp_dir.h"

using namespace berkas;
using service::FileOutcome;
using service::Role;
using service::Viewer;

namespace berkas::core {
inline std::ostream& operator<<(std::ostream& o, ErrorCode v) { return o << to_string(v); }
}  // namespace berkas::core
namespace berkas::service {
inline std::ostream& operator<<(std::ostream& o, FileOutcome::Status v) { return o << to_string(v); }
}  // namespace berkas::service

namespace {

const char* k_case = "perkara-demo-001";
const char* k_protected_name = "Rina Fiksiana";

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

service::StatementForm statement() {
  service::StatementForm f;
  f.kind = "bap";
  f.case_id = k_case;
  f.person_id = "org-saksi-dedi";
  f.date = "2024-05-02";
  f.time = "10:15";
  f.place = "Polda Metro Jaya, Jakarta Selatan";
  f.examiner = "Bripka Andi Contoh (NRP 87010123)";
  f.status = "saksi";
  f.title = "Berita Acara Pemeriksaan Saksi Tambahan (FIKTIF)";
  f.country = "kamboja";
  f.summary = "Saksi menerangkan keberangkatan bersama para korban.";
  f.qa = {{"Apakah Saudara sehat?", "Ya, saya sehat."}, {"Kapan Saudara berangkat?", "Pada 12 Februari 2024."}};
  f.fictional = true;
  return f;
}

ingest::Parsed parse(const std::string& xml) {
  auto parsed = ingest::parse_bytes(xml, "form.xml", test::source_path("schemas"));
  BOOST_REQUIRE_MESSAGE(parsed, (parsed ? "" : parsed.error().describe()) + "\n" + xml);
  return std::move(*parsed);
}

struct Fixture {
  test::TempDir dir;
  service::Options options;
  std::unique_ptr<service::Service> svc;

  Fixture() {
    options.data_dir = dir.file("data");
    options.resource_dir = test::source_path("");
    auto s = service::Service::open(options, true);
    BOOST_REQUIRE_MESSAGE(s, (s ? "" : s.error().describe()));
    svc = std::move(*s);
    auto report = svc->init(Viewer::command_line("test"), true);
    BOOST_REQUIRE(report);
    BOOST_REQUIRE_MESSAGE(report->failed() == 0u, "demo files failed to load");
  }

  std::unique_ptr<store::Store> store() const {
    auto st = store::Store::open((std::filesystem::path(options.data_dir) / "store.sqlite").string(),
                                 store::OpenMode::must_exist);
    BOOST_REQUIRE(st);
    return std::move(*st);
  }
  std::int64_t seq() const { return store()->last_seq(); }
  bool no_leftovers() const {
    for (const auto& e : std::filesystem::directory_iterator(options.data_dir))
      if (contains(e.path().filename().string(), ".entry-")) return false;
    return true;
  }

  static Viewer user(const std::string& name, Role role, bool assigned, bool cleared = false) {
    Viewer v;
    v.user = name;
    v.role = role;
    if (assigned) v.assigned_cases = {k_case};
    if (cleared) v.cleared_cases = {k_case};
    return v;
  }
  static Viewer admin() {
    Viewer v;
    v.user = "admin";
    v.role = Role::administrator;
    return v;
  }
};

}  // namespace

BOOST_AUTO_TEST_CASE(statement_xml_parses_and_round_trips_the_fields) {
  const auto f = statement();
  auto xml = service::statement_xml(f);
  BOOST_REQUIRE_MESSAGE(xml, (xml ? "" : xml.error().describe()));
  const auto parsed = parse(*xml);
  BOOST_REQUIRE(parsed.item);
  const auto& it = *parsed.item;
  BOOST_TEST(it.id == "bap-org-saksi-dedi-2024-05-02");  // derived: kind, person, date
  BOOST_TEST((it.kind == core::EvidenceKind::keterangan_saksi));
  BOOST_TEST(it.case_id == k_case);
  BOOST_TEST(it.person_id == "org-saksi-dedi");
  BOOST_TEST(it.title == f.title);
  BOOST_TEST(it.date == f.date);
  BOOST_TEST(it.place == f.place);
  BOOST_TEST(it.examiner == f.examiner);
  BOOST_TEST(it.country == "kamboja");
  BOOST_TEST(it.fictional);
  BOOST_TEST(contains(it.summary, "Status: saksi"));
  BOOST_TEST(contains(it.summary, "Pukul: 10:15"));
  BOOST_TEST(contains(it.summary, f.summary));
  BOOST_REQUIRE_EQUAL(it.qa.size(), 2u);
  BOOST_TEST(it.qa[1].number == 2);
  BOOST_TEST(it.qa[1].question == f.qa[1].question);
  BOOST_TEST(it.qa[1].answer == f.qa[1].answer);

  auto terdakwa = statement();
  terdakwa.kind = "terdakwa";
  terdakwa.person_id = "org-tersangka";
  const auto p2 = parse(*service::statement_xml(terdakwa));
  BOOST_TEST((p2.item->kind == core::EvidenceKind::keterangan_terdakwa));
}

BOOST_AUTO_TEST_CASE(markup_quotes_and_control_characters) {
  auto f = statement();
  const std::string nasty = "a < b && c > d \"kutip\" 'tunggal' ]]> <!-- x --> <jawaban>";
  f.title = nasty;
  f.qa[0].answer = nasty;
  f.examiner = "O'Brien & \"Sons\"";
  auto xml = service::statement_xml(f);
  BOOST_REQUIRE(xml);
  const auto parsed = parse(*xml);
  BOOST_TEST(parsed.item->title == nasty);
  BOOST_TEST(parsed.item->qa[0].answer == nasty);
  BOOST_TEST(parsed.item->examiner == f.examiner);

  // An id attribute cannot be broken out of either: the id must match the pattern.
  auto g = statement();
  g.id = "x\" orang=\"org-saksi-a";
  auto bad_id = service::statement_xml(g);
  BOOST_REQUIRE(!bad_id);
  BOOST_TEST(bad_id.error().field == "id");

  for (const std::string& ctl : {std::string("a\x01z"), std::string("a\x7fz"), std::string("a\x1bz")}) {
    auto h = statement();
    h.qa[1].answer = ctl;
    auto r = service::statement_xml(h);
    BOOST_REQUIRE(!r);
    BOOST_TEST(r.error().code == core::ErrorCode::invalid_input);
    BOOST_TEST(r.error().field == "qa.2.answer");
    BOOST_TEST(contains(r.error().message, "jawaban 2"));
  }
  auto bad_utf8 = statement();
  bad_utf8.place = "\xff\xfe";
  BOOST_TEST(service::statement_xml(bad_utf8).error().field == "place");
}

BOOST_AUTO_TEST_CASE(field_errors_name_the_field_in_the_users_words) {
  struct Case {
    std::function<void(service::StatementForm&)> change;
    std::string field, words;
  };
  const std::vector<Case> cases = {
      {[](auto& f) { f.date = "2024-02-30"; }, "date", "YYYY-MM-DD"},
      {[](auto& f) { f.date = "02/05/2024"; }, "date", "YYYY-MM-DD"},
      {[](auto& f) { f.title = "  "; }, "title", "wajib diisi"},
      {[](auto& f) { f.examiner.clear(); }, "examiner", "wajib diisi"},
      {[](auto& f) { f.time = "25:00"; }, "time", "HH:MM"},
      {[](auto& f) { f.id = "Bap_1"; }, "id", "lower-case"},
      {[](auto& f) { f.id = std::string(81, 'a'); }, "id", "at most 80"},
      {[](auto& f) { f.title = std::string(301, 'x'); }, "title", "too long"},
      {[](auto& f) { f.qa.clear(); }, "qa", "at least one question"},
      {[](auto& f) { f.qa = {{"", ""}, {"Pertanyaan?", ""}}; }, "qa.1.answer", "jawaban 1"},
      {[](auto& f) { f.kind = "ahli"; }, "kind", "choose"},
      {[](auto& f) { f.correction_note = "catatan"; f.id = "x"; }, "", ""},  // a note makes it a correction's XML
  };
  for (const auto& c : cases) {
    auto f = statement();
    c.change(f);
    auto r = service::statement_xml(f);
    if (c.field.empty()) {
      BOOST_TEST(r.has_value());
      continue;
    }
    BOOST_REQUIRE_MESSAGE(!r, "accepted: " + c.field);
    BOOST_TEST(r.error().field == c.field);
    BOOST_TEST_MESSAGE(r.error().message);
    BOOST_TEST(contains(r.error().message, c.words), r.error().message);
    BOOST_TEST(!contains(r.error().message, "xs:"));
  }
}

BOOST_FIXTURE_TEST_CASE(a_statement_is_stored_and_a_protected_name_stays_hidden, Fixture) {
  const Viewer prosecutor = user("jaksa", Role::prosecutor, true);
  auto f = statement();
  f.qa[1].answer = "Saya berangkat bersama " + std::string(k_protected_name) + " pada 12 Februari 2024.";
  auto out = service::enter_statement(*svc, options, prosecutor, f);
  BOOST_REQUIRE_MESSAGE(out, (out ? "" : out.error().describe()));
  BOOST_TEST(out->status == FileOutcome::Status::created);
  BOOST_TEST(out->object_id == "bap-org-saksi-dedi-2024-05-02");
  BOOST_TEST(no_leftovers());

  // Stored as typed.
  auto stored = store()->item(out->object_id);
  BOOST_REQUIRE(stored);
  BOOST_TEST(contains(stored->qa[1].answer, k_protected_name));
  // Shown redacted to an uncleared viewer, like any item; in full to a cleared one.
  auto seen = svc->item(user("paralegal", Role::paralegal, true), out->object_id);
  BOOST_REQUIRE(seen);
  BOOST_TEST(!contains(seen->item.qa[1].answer, k_protected_name));
  BOOST_TEST(seen->redacted);
  auto cleared = svc->item(user("jaksa2", Role::prosecutor, true, true), out->object_id);
  BOOST_TEST(contains(cleared->item.qa[1].answer, k_protected_name));

  // The same statement again: the id is in use, nothing changes.
  const auto before = seq();
  auto again = service::enter_statement(*svc, options, prosecutor, f);
  BOOST_REQUIRE(!again);
  BOOST_TEST(again.error().field == "id");
  BOOST_TEST(contains(again.error().message, "sudah dipakai"));
  BOOST_TEST(seq() == before);
}

BOOST_FIXTURE_TEST_CASE(who_may_enter_a_statement, Fixture) {
  const auto before = seq();
  auto f = statement();
  auto unassigned = service::enter_statement(*svc, options, user("p", Role::paralegal, false), f);
  BOOST_REQUIRE(!unassigned);
  BOOST_TEST(unassigned.error().code == core::ErrorCode::not_found);
  BOOST_TEST(!contains(unassigned.error().message, ".entry-"));
  auto trainer = service::enter_statement(*svc, options, user("t", Role::trainer, false), f);
  BOOST_REQUIRE(!trainer);
  BOOST_TEST(trainer.error().code == core::ErrorCode::forbidden);
  // A person not on the case.
  auto g = f;
  g.person_id = "org-latih-korban";
  auto elsewhere = service::enter_statement(*svc, options, admin(), g);
  BOOST_REQUIRE(!elsewhere);
  BOOST_TEST(elsewhere.error().field == "person_id");
  // A malformed field: nothing stored, no file left behind.
  auto h = f;
  h.date = "2024-13-01";
  auto bad = service::enter_statement(*svc, options, admin(), h);
  BOOST_REQUIRE(!bad);
  BOOST_TEST(bad.error().field == "date");
  BOOST_TEST(seq() == before);
  BOOST_TEST(no_leftovers());
  // An assigned paralegal may enter one.
  auto ok = service::enter_statement(*svc, options, user("p", Role::paralegal, true), f);
  BOOST_REQUIRE_MESSAGE(ok, (ok ? "" : ok.error().describe()));
}

BOOST_FIXTURE_TEST_CASE(a_correction_is_version_2_with_its_note, Fixture) {
  const Viewer cleared = user("jaksa", Role::prosecutor, true, true);
  auto form = service::statement_form_of(*svc, cleared, "bap-saksi-dedi");
  BOOST_REQUIRE_MESSAGE(form, (form ? "" : form.error().describe()));
  auto current = store()->item("bap-saksi-dedi");
  BOOST_REQUIRE(current);
  // The form holds the current version: written back unchanged, it is the same statement.
  BOOST_TEST(form->title == current->title);
  BOOST_TEST(form->examiner == current->examiner);
  BOOST_TEST(!form->status.empty());
  BOOST_REQUIRE_EQUAL(form->qa.size(), current->qa.size());
  auto xml = service::statement_xml(*form);
  BOOST_REQUIRE(xml);
  const auto reparsed = parse(*xml);
  BOOST_TEST(reparsed.item->summary == current->summary);
  BOOST_TEST(reparsed.item->examiner == current->examiner);
  BOOST_TEST(reparsed.item->qa.back().answer == current->qa.back().answer);

  // Without a note: refused beside the note, nothing stored.
  const auto before = seq();
  auto f = *form;
  f.qa[0].answer = "Ya, saya sehat (diperbaiki).";
  auto no_note = service::correct_statement(*svc, options, cleared, f);
  BOOST_REQUIRE(!no_note);
  BOOST_TEST(no_note.error().field == "correction_note");
  BOOST_TEST(seq() == before);

  // A paralegal, even assigned, may not correct evidence; nor a prosecutor not cleared.
  f.correction_note = "Perbaikan jawaban 1 atas permintaan saksi (FIKTIF).";
  for (const auto& v : {user("para", Role::paralegal, true, true), user("j2", Role::prosecutor, true, false)}) {
    auto refused = service::correct_statement(*svc, options, v, f);
    BOOST_REQUIRE(!refused);
    BOOST_TEST(refused.error().code == core::ErrorCode::forbidden);
  }
  BOOST_TEST(seq() == before);

  auto out = service::correct_statement(*svc, options, cleared, f);
  BOOST_REQUIRE_MESSAGE(out, (out ? "" : out.error().describe()));
  BOOST_TEST(out->status == FileOutcome::Status::new_version);
  auto v2 = store()->item("bap-saksi-dedi");
  BOOST_TEST(v2->version == 2);
  BOOST_TEST(v2->correction_note == f.correction_note);
  BOOST_TEST(v2->qa[0].answer == "Ya, saya sehat (diperbaiki).");
  BOOST_TEST(v2->case_id == current->case_id);
  BOOST_TEST(v2->person_id == current->person_id);
  BOOST_TEST(store()->item("bap-saksi-dedi", 1)->qa[0].answer == current->qa[0].answer);
  BOOST_TEST(no_leftovers());

  // An administrator not cleared for the case sees the victim's pseudonym: the form would write
  // it back as evidence, so it is refused (the statement names the protected victim).
  auto uncleared_admin = service::statement_form_of(*svc, admin(), "bap-saksi-dedi");
  BOOST_REQUIRE(!uncleared_admin);
  BOOST_TEST(uncleared_admin.error().code == core::ErrorCode::forbidden);
  BOOST_TEST(contains(uncleared_admin.error().message, "clearance"));
  BOOST_TEST(!contains(uncleared_admin.error().message, k_protected_name));
  Viewer cleared_admin = admin();
  cleared_admin.cleared_cases = {k_case};
  BOOST_TEST(service::statement_form_of(*svc, cleared_admin, "bap-saksi-dedi").has_value());

  // A correction starts from the current version, never from an older one.
  auto old = service::statement_form_of(*svc, cleared, "bap-saksi-dedi@1");
  BOOST_REQUIRE(!old);
  BOOST_TEST(old.error().code == core::ErrorCode::not_found);

  // Only statements: an expert's testimony has no such form.
  auto expert = service::statement_form_of(*svc, cleared, "ahli-forensik-digital");
  BOOST_REQUIRE(!expert);
  BOOST_TEST(expert.error().code == core::ErrorCode::not_found);
}

BOOST_FIXTURE_TEST_CASE(a_new_case_by_an_administrator, Fixture) {
  service::CaseForm f{"perkara-form-002", "PDM-99/JKT/2024 <&>", "Perkara uji \"formulir\" (FIKTIF)",
                      "PN Jakarta Pusat", "penyidikan", "uu-21-2007/pasal-2/ayat-1, uu-21-2007/pasal-4", "malaysia",
                      "media sosial", "2024-03-01", "Ringkasan & rincian.", true};
  auto xml = service::case_xml(f);
  BOOST_REQUIRE(xml);
  const auto parsed = parse(*xml);
  BOOST_REQUIRE(parsed.case_file);
  BOOST_TEST(parsed.case_file->register_number == f.register_number);
  BOOST_TEST(parsed.case_file->title == f.title);
  BOOST_TEST(parsed.case_file->charged_provisions.size() == 2u);
  BOOST_TEST(parsed.case_file->offence_date == f.offence_date);

  const auto before = seq();
  auto prosecutor = service::enter_case(*svc, options, user("j", Role::prosecutor, true), f);
  BOOST_REQUIRE(!prosecutor);
  BOOST_TEST(prosecutor.error().code == core::ErrorCode::forbidden);
  auto unknown = f;
  unknown.charged = "uu-21-2007/pasal-999";
  auto bad = service::enter_case(*svc, options, admin(), unknown);
  BOOST_REQUIRE(!bad);
  BOOST_TEST(bad.error().field == "charged");
  auto taken = f;
  taken.id = k_case;
  BOOST_TEST(service::enter_case(*svc, options, admin(), taken).error().field == "id");
  BOOST_TEST(seq() == before);

  auto out = service::enter_case(*svc, options, admin(), f);
  BOOST_REQUIRE_MESSAGE(out, (out ? "" : out.error().describe()));
  BOOST_TEST(store()->get_case("perkara-form-002")->title == f.title);
}

BOOST_FIXTURE_TEST_CASE(a_new_person_as_the_upload_screening_allows, Fixture) {
  service::PersonForm f;
  f.id = "org-saksi-baru";
  f.name = "Budi Rekaan";
  f.role = "saksi";
  f.case_id = k_case;
  f.gender = "L";
  f.birth_date = "1990-01-31";
  f.fictional = true;
  auto parsed = parse(*service::person_xml(f));
  BOOST_TEST(parsed.person->name == "Budi Rekaan");
  BOOST_TEST(parsed.person->case_ids.front() == k_case);

  auto protected_no_pseudonym = f;
  protected_no_pseudonym.is_protected = true;
  BOOST_TEST(service::person_xml(protected_no_pseudonym).error().field == "pseudonym");
  auto contact = f;
  contact.contact = "0812";
  BOOST_TEST(service::person_xml(contact).error().field == "contact");

  const auto before = seq();
  auto unassigned = service::enter_person(*svc, options, user("j", Role::prosecutor, false), f);
  BOOST_REQUIRE(!unassigned);
  BOOST_TEST(unassigned.error().code == core::ErrorCode::not_found);
  auto trainer = service::enter_person(*svc, options, user("t", Role::trainer, false), f);
  BOOST_TEST(trainer.error().code == core::ErrorCode::forbidden);
  auto taken = f;
  taken.id = "org-saksi-a";
  BOOST_TEST(service::enter_person(*svc, options, admin(), taken).error().field == "id");
  BOOST_TEST(seq() == before);

  auto out = service::enter_person(*svc, options, user("j", Role::prosecutor, true), f);
  BOOST_REQUIRE_MESSAGE(out, (out ? "" : out.error().describe()));
  BOOST_TEST(store()->person("org-saksi-baru")->name == "Budi Rekaan");
}
