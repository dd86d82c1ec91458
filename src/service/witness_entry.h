// service/witness_entry: entry of witness protection measures and restitution claims from the
// web forms. A form becomes the same XML a file ingest reads (<perlindungan>, <restitusi>), which
// then goes through screen_upload and Service::ingest: one set of rules for validation, versions,
// storage and audit, whichever way the data comes in.
#pragma once

#include <string>
#include <vector>

#include "core/error.h"
#include "service/access.h"
#include "service/service.h"

namespace berkas::service {

// Values as typed in the form (dates "YYYY-MM-DD"; codes as in docs/INPUT.md). Empty = absent.
struct ProtectionForm {
  std::string id, person_id, case_id, kind, status, requested, decided, until, authority, reference, description;
};
struct RestitutionLineForm {
  std::string head, description, amount, evidence_ids;  // amount as typed; evidence_ids separated by spaces/commas
};
struct RestitutionForm {
  std::string id, person_id, case_id, status, date, assessed_by, claimant_note, granted, decision_reference;
  std::vector<RestitutionLineForm> lines;
};

// Builds the XML (every value XML-escaped; control characters refused), writes it to a temporary
// file under options.data_dir, and ingests it through screen_upload + Service::ingest, so
// validation, versions, storage and audit are the ingest's. An empty id stands for the one
// existing record of the same person and case (protection: and kind), so the entry is its next
// version (a status change) even when the form did not show it; with none, a new id is derived
// (protection: "lindung-PERSON-KIND", restitution: "restitusi-PERSON-CASE"); with several, the
// id must be given (invalid_input on "id"). Never a silent second record. Returns the ingest's
// outcome (created, new_version or unchanged).
// Errors: invalid_input naming the form's field (and line: "rincian 2: jumlah ..."), never a
// temporary path; not_found when the viewer may not see the case or person (the same text as a
// missing one); forbidden for trainers. The temporary file is removed in every case.
// Thread safety as Service.
core::Result<FileOutcome> enter_protection(Service& svc, const Options& options, const Viewer& v,
                                           const ProtectionForm& f);
core::Result<FileOutcome> enter_restitution(Service& svc, const Options& options, const Viewer& v,
                                            const RestitutionForm& f);

}  // namespace berkas::service
