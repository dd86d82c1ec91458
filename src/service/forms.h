// service/forms: the web's entry forms for what is otherwise written as XML by hand — a witness
// or defendant statement (BAP) with its question/answer pairs, the correction of one, a new case
// and a new person. Each form is checked field by field first (required, date YYYY-MM-DD, id
// pattern, lengths, characters), then becomes the same Berkas XML the schemas define and goes the
// way an uploaded file goes: screen_upload with the viewer's assignments, then the ingest. A form
// that fails changes nothing.
#pragma once

#include <string>
#include <vector>

#include "core/error.h"
#include "core/model.h"
#include "service/access.h"
#include "service/service.h"

namespace berkas::service {

// Values as typed. Empty = absent.
struct QaForm {
  std::string question, answer;
};
struct StatementForm {
  std::string kind = "bap";  // "bap" (<keterangan-saksi>) or "terdakwa" (<keterangan-terdakwa>)
  std::string id;            // empty for a new statement: derived ("bap-PERSON-DATE")
  std::string case_id, person_id, date, time, place, examiner, status, title, country, summary;
  std::vector<QaForm> qa;    // numbered 1, 2, ... in this order; an entirely empty pair is skipped
  std::string correction_note;  // a correction's <catatan-koreksi> (required there, refused elsewhere)
  // Kept from the version being corrected; not fields of the page.
  std::vector<std::string> about_person_ids;
  bool fictional = false;
  bool released_for_training = false;
};
struct CaseForm {
  std::string id, register_number, title, court, stage, charged, country, channel, offence_date, summary;
  // charged: provision ids ("uu-21-2007/pasal-2/ayat-1") separated by spaces, commas or lines.
  bool fictional = false;
};
struct PersonForm {
  std::string id, name, pseudonym, role, case_id, gender, birth_date, origin, language, companion_id, organisation,
      contact;
  bool is_protected = false;
  bool interpreter = false;
  bool fictional = false;
};

// The limits of the fields (characters).
constexpr std::size_t k_form_line_chars = 300;     // titles, places, names
constexpr std::size_t k_form_text_chars = 20000;   // summaries, questions, answers, notes
constexpr std::size_t k_form_max_pairs = 500;

// The XML a form becomes (the text the ingest reads), with the field each error is about.
// invalid_input naming the field (Error::field: "date", "qa.2.answer", ...) when a value is
// missing or malformed. Pure: reads nothing. Exposed for tests and for the API's preview.
core::Result<std::string> statement_xml(const StatementForm& f);
core::Result<std::string> case_xml(const CaseForm& f);
core::Result<std::string> person_xml(const PersonForm& f);

// A new statement: checked, made into XML, screened as the viewer's upload and ingested.
// Errors: invalid_input naming the field (an id already in use included: "id sudah dipakai");
// not_found when the viewer may not see the case or person (worded as for a missing one);
// forbidden for trainers. Returns the ingest's outcome (created).
core::Result<FileOutcome> enter_statement(Service& svc, const Options& options, const Viewer& v,
                                          const StatementForm& f);
// The current version of statement `item_id` as a form (for the correction page): not_found when
// the viewer cannot see it, it is not a bap/terdakwa item, or `item_id` names a version ("id@1"); forbidden unless
// policy().may_supersede(v, its case), when it names a protected person hidden from the viewer
// (the form would write the pseudonym back as evidence: an administrator not cleared for the
// case), or when it has attachments (they are corrected by upload).
core::Result<StatementForm> statement_form_of(const Service& svc, const Viewer& v, const std::string& item_id);
// A correction of statement `f.id`: the same checks, a correction note required, the XML with
// <catatan-koreksi> ingested as a correction (UploadOptions::correction). Returns new_version, or
// unchanged for a form identical to the current version. Errors as statement_form_of and
// enter_statement.
core::Result<FileOutcome> correct_statement(Service& svc, const Options& options, const Viewer& v,
                                            const StatementForm& f);
// A new case (policy().may_create_case) / a new person (what the upload screening allows for a
// person file). invalid_input on "id" when the id is already in use; forbidden otherwise refused.
core::Result<FileOutcome> enter_case(Service& svc, const Options& options, const Viewer& v, const CaseForm& f);
core::Result<FileOutcome> enter_person(Service& svc, const Options& options, const Viewer& v, const PersonForm& f);

// The cases `v` may put a statement or person into (policy().may_ingest_into), by title.
core::Result<std::vector<core::Case>> form_cases(const Service& svc, const Viewer& v);

}  // namespace berkas::service
