// bundle/witness_file: the witness file (berkas saksi) — everything about one witness or
// victim-witness that the companion and the prosecutor need before and during the hearing
// (identity or pseudonym, contact through the companion, every statement version, expert
// testimony and documents about them, protection measures, restitution under UU 21/2007 Pasal 48,
// and a checklist of what is still missing), laid out from a template
// (templates/witness-file.xml, schema schemas/witness-file-template.xsd) and written by render().
//
// Pure data in → PDF out. The caller (service/witness_file) gathers the data through the access
// rules and redacts it: every string handed in is printed as given, and `forbidden_strings` is the
// renderer's last guard. Nothing here reads a clock or a file other than the template and fonts.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "bundle/bundle.h"
#include "core/error.h"
#include "core/model.h"

namespace berkas::bundle {

// The witness as the file may show them. The real name is given only when the reader is cleared;
// otherwise `display_name` is already the pseudonym ("Saksi A").
struct WitnessPerson {
  std::string id;
  std::string display_name;
  bool pseudonymised = false;   // display_name is the pseudonym (the reader is not cleared)
  bool is_protected = false;    // UU 21/2007 Pasal 44
  core::PersonRole role = core::PersonRole::saksi;
  std::string gender;           // "L" / "P" / empty
  core::Date birth_date;        // only for the age on the file's date; not printed
  std::string language;         // language of testimony
  bool needs_interpreter = false;
  std::string companion_id;     // empty = no companion assigned
  bool fictional = false;
};

// The companion through whom the witness is contacted (a witness has no contact of their own).
struct CompanionView {
  std::string id;               // = WitnessPerson::companion_id
  bool found = false;           // the companion exists in the store (and is a pendamping)
  std::string display_name;
  std::string organisation;
  std::string contact;
};

// One version of a statement (BAP) of the witness.
struct StatementVersion {
  core::EvidenceItem item;      // that version, redacted by the caller
  bool current = false;         // the latest version of its statement
  int superseded_by = 0;        // the version that replaced this one (0 when current)
  std::string superseded_note;  // that version's correction note: why it replaced this one
};

// A protection measure (latest version) with every version, oldest first (status history).
struct MeasureView {
  core::ProtectionMeasure measure;
  std::vector<core::ProtectionMeasure> history;
};

// A restitution claim (latest version) with every version, oldest first.
struct ClaimView {
  core::RestitutionClaim claim;
  std::vector<core::RestitutionClaim> history;
};

enum class CheckStatus { terpenuhi, belum };  // met / not yet
const char* code_of(CheckStatus s);           // "terpenuhi", "belum"

// One entry of the checklist "before the witness is heard".
struct CheckItem {
  std::string id;           // stable code: "bap", "pendamping", "juru-bahasa", "perlindungan-diputus",
                            // "tanggal-lahir", "sidang-tertutup-anak", "restitusi", "restitusi-diajukan",
                            // "restitusi-bukti", "restitusi-bukti-ada" (see witness_checklist)
  CheckStatus status = CheckStatus::belum;
  std::string text;         // what is checked, "Indonesia / English"
  std::string detail;       // what exactly is missing or found (ids, dates); may be empty
  std::string legal_basis;  // "UU 21/2007 Pasal 35", or empty where the check has none
};

// Everything the witness file (and the person's web page) shows, already read through the access
// rules and redacted.
struct WitnessData {
  WitnessPerson person;
  CompanionView companion;                      // id empty when no companion is assigned
  std::vector<core::Case> cases;                // the case(s) the file covers, texts redacted
  // Statements by the witness: grouped by statement id (the group with the latest date first),
  // each group's versions newest first; superseded versions marked.
  std::vector<StatementVersion> statements;
  std::vector<core::EvidenceItem> expert;       // keterangan ahli about the witness (latest versions)
  std::vector<core::EvidenceItem> documents;    // surat / elektronik by or about the witness (latest)
  std::vector<MeasureView> protections;
  std::vector<ClaimView> claims;
  // Supporting evidence ids named by the claims' entries that exist and the reader may see.
  std::set<std::string> visible_evidence_ids;
  std::vector<CheckItem> checklist;             // witness_checklist(*this); printed as given
  core::Date date;                              // the file's date: witness_file_date(*this)
  std::vector<std::string> forbidden_strings;   // protected real names the reader may not see
};

// Whole years from `birth` to `on` (both "YYYY-MM-DD"); nullopt when either is not a valid date
// or `on` is before `birth`.
std::optional<int> age_on(const core::Date& birth, const core::Date& on);

// The file's date from the data, never the clock: the latest of the statements' and items'
// dates, the measures' requested/decided dates and the claims' dates; else the latest offence
// date of the cases; else "".
core::Date witness_file_date(const WitnessData& d);

// The checklist "before the witness is heard", computed from `d` alone (uses d.date for the
// age). Lists only the checks that apply, in a fixed order:
//   bap                   a statement (BAP) of the witness exists          KUHAP Pasal 184 ayat (1) huruf a
//   pendamping            victim: a companion is assigned and exists         UU 21/2007 Pasal 35
//   juru-bahasa           needs an interpreter: a juru-bahasa measure is granted (KUHAP Pasal 177)
//   perlindungan-diputus  every protection request is decided (one entry per pending request, or one met entry)
//   tanggal-lahir         victim: the birth date is known (child or not)     UU 21/2007 Pasal 39
//   sidang-tertutup-anak  child (< 18 on d.date): closed hearing granted     UU 21/2007 Pasal 39 ayat (1)
//   restitusi             victim: a restitution claim exists (the victim's right; the prosecutor informs)
//                                                                            UU 21/2007 Pasal 48 ayat (1)
//   restitusi-diajukan    per claim: not still "disusun" (filed)
//   restitusi-bukti       per claim: every entry has supporting evidence
//   restitusi-bukti-ada   per claim: every supporting id is in d.visible_evidence_ids
// Pure and thread-safe.
std::vector<CheckItem> witness_checklist(const WitnessData& d);

struct WitnessFileOptions {
  std::string template_path;  // e.g. templates/witness-file.xml
  std::string schema_path;    // empty = <template dir>/../schemas/witness-file-template.xsd
  std::string creator;        // who made it (user name), for the document info
  core::Disclosure disclosure = core::Disclosure::pseudonyms;  // as BundleOptions::disclosure
};

// Checks a witness-file template (safe parse, schema, placeholders), like check_template.
core::Status check_witness_template(const std::string& template_path, const std::string& schema_path = {});

// The layout document of the witness file (for tests and previews). Errors: those of the template
// check; invalid_input when d.date is set and not YYYY-MM-DD. Thread-safe.
core::Result<LayoutDocument> make_witness_layout(const WitnessData& d, const WitnessFileOptions& options);

// Builds the witness file PDF: make_witness_layout then render() (same guards: a forbidden string
// anywhere fails with `forbidden` and returns nothing). Deterministic: the same data gives the
// same bytes. Nothing is written to disk. Thread-safe.
core::Result<RenderedPdf> build_witness_file(const WitnessData& d, const WitnessFileOptions& options);

}  // namespace berkas::bundle
