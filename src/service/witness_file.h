// service/witness_file: the witness file (berkas saksi) end to end — one person's statements,
// expert testimony and documents about them, protection measures and restitution claims, read
// through the access rules and redaction, with the checklist "before the witness is heard"; laid
// out by the bundle module, written atomically and audited. The person's web page shows the same
// data (witness_file_data / witness_file_json).
//
// Thread safety: like Service, one thread at a time per Service; these functions open their own
// read-only store connection for persons, protection measures and restitution claims.
#pragma once

#include <string>

#include "bundle/witness_file.h"
#include "core/error.h"
#include "core/model.h"
#include "service/service.h"

namespace berkas::service {

struct WitnessFileRequest {
  std::string person_id;
  std::string case_id;                          // empty = every case of the person the viewer may see
  std::string template_name = "witness-file";   // <resource_dir>/templates/<name>.xml, or a path to an .xml file
  std::string out_path;                         // empty = "berkas-saksi-<person id>[-terbuka].pdf" in the current folder
  // What the file shows of protected persons: pseudonyms (the default, whoever makes it) or
  // identities (only a maker cleared for every case the file covers; audited as such).
  core::Disclosure disclosure = core::Disclosure::pseudonyms;
};

// Everything the witness file and the person's web page show, through the access rules:
// the person (display name = pseudonym unless the viewer is cleared; `pseudonymised`), the
// companion, the cases, every statement version (newest first, superseded marked), expert
// testimony and documents about the person, protection measures and restitution claims (each with
// its version history, free texts redacted), the checklist, the file's date and the protected
// names the viewer may not see (`forbidden_strings`). See bundle/witness_file.h for the fields.
using WitnessFileData = bundle::WitnessData;

// Where one entry of the checklist "before the witness is heard" stands, in the service's words.
enum class ChecklistStatus { met, missing };
// The status of `entry`, one of WitnessFileData::checklist. Pure.
ChecklistStatus checklist_status(const bundle::CheckItem& entry);

// Gathers the witness data of `person_id` (in `case_id`, or every visible case of the person) as
// `v` may see it. Items come through Service::item (access and redaction are the service's).
// Errors: not_found "orang '<id>' tidak ditemukan / person not found" — the same text when the
// person does not exist, is in no case the viewer may see (trainers: always), or is not in
// `case_id`; io/internal from the store.
core::Result<WitnessFileData> witness_file_data(Service& svc, const Options& options, const Viewer& v,
                                                const std::string& person_id, const std::string& case_id = {});

struct WitnessFileMade {
  std::string path;
  std::string sha256;
  int page_count = 0;
  core::Disclosure disclosure = core::Disclosure::pseudonyms;  // what was applied
  bool redacted = true;  // disclosure == pseudonyms: protected persons shown by pseudonym only
  int checks = 0;        // checklist entries
  int open_checks = 0;   // of which "belum" (not yet met)
};

// Builds the witness file of `r.person_id` from what `v` may see, with the disclosure asked for:
// pseudonyms — read as `v` without any clearance (every protected person by pseudonym, texts
// redacted, every protected name guarded), even when `v` is cleared; identities — the names `v`
// is cleared for, only when may_disclose_identities(v, case) for every case the file covers.
// Dated from the data (never the clock), written atomically to the output path and audited
// "witness-file" with the person id, the SHA-256 and "disclosure=pseudonyms|identities" (never a
// name). No file is left behind on failure. Errors: those of witness_file_data; invalid_input (no
// person id, bad template); not_found (template missing); forbidden (identities asked for by a
// viewer not cleared — nothing is made or audited; or a protected name would appear); io.
core::Result<WitnessFileMade> make_witness_file(Service& svc, const Options& options, const Viewer& v,
                                                const WitnessFileRequest& r);

// JSON views (service/json.h style) for the CLI (--json) and the API.
std::string witness_file_json(const WitnessFileData& d);
std::string witness_file_made_json(const WitnessFileMade& m);

}  // namespace berkas::service
