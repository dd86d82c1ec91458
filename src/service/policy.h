// service/policy: the one access policy of Berkas. Every question the code asks about who may
// see or do what — a case, an item, an identity, a bundle, an answer key, an upload, a
// correction of evidence, the administration — is answered by this object and nowhere else:
// no role is compared outside policy.cpp (tests/structure checks it). Handlers, pages and the
// CLI ask the policy; they never look at a viewer's role themselves.
//
// The policy holds no state: it is shared by every thread (policy() returns the one instance).
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/model.h"
#include "service/access.h"

namespace berkas::service {

class AccessPolicy {
 public:
  // ---- seeing
  // Every case, without an assignment (administrators, the command line's system viewer).
  bool sees_every_case(const Viewer& v) const;
  // The case and its material. Trainers see no case: only items released for training.
  bool may_see_case(const Viewer& v, const std::string& case_id) const;
  // Case files as such: the case list, case and person pages, bundles, witness files.
  bool may_see_case_files(const Viewer& v) const;
  // One item: its case's rule; trainers only items released for training.
  bool may_see_item(const Viewer& v, const core::EvidenceItem& item) const;
  // The cases a search may return material of; nullopt = all.
  std::optional<std::vector<std::string>> visible_cases(const Viewer& v) const;
  // The real name of `person` (unprotected persons: always).
  bool may_see_identity(const Viewer& v, const core::Person& person) const;
  // The name, or the pseudonym ("[dilindungi]" when none) where the identity is hidden.
  std::string display_name(const Viewer& v, const core::Person& person) const;
  // Case material reaches `v` only anonymised as training material (trainers): every person by
  // role pseudonym, places generalised, identifying numbers masked, dates as month/year.
  bool must_anonymise(const Viewer& v) const;
  // Guideline answer keys (trainers, administrators, the command line).
  bool may_see_answer_keys(const Viewer& v) const;
  // A kept document whose guard lists the SHA-256s of the names hidden from its maker:
  // `v` may have it when every name hidden from `v` was hidden from the maker too.
  bool may_download_document(const std::set<std::string>& hidden_from_maker,
                             const std::set<std::string>& hidden_from_viewer) const;

  // ---- doing
  // Put evidence in at all (CLI ingest, uploads, witness entries): everyone but trainers.
  bool may_ingest(const Viewer& v) const;
  // Put evidence into `case_id` (an existing case the viewer works on; administrators any).
  bool may_ingest_into(const Viewer& v, const std::string& case_id) const;
  // Create a new case by an upload (only who sees every case: an assignment names a case).
  bool may_create_case(const Viewer& v) const;
  // Replace an existing item of `case_id` by a new version (a correction of evidence):
  // administrators and the system viewer, and prosecutors assigned to the case and cleared for
  // its protected identities (a statement names them). Never paralegals or trainers. The caller
  // still requires an explicit request for a correction and a correction note.
  bool may_supersede(const Viewer& v, const std::string& case_id) const;
  // Build a document of the case (court bundle, witness file).
  bool may_build_documents(const Viewer& v, const std::string& case_id) const;
  // Make a copy of `case_id`'s material showing protected identities (core::Disclosure::
  // identities): only a viewer who sees the case and is cleared for its identities (or cleared
  // for all: the command line's audited --reveal). Never trainers. Default copies use pseudonyms.
  bool may_disclose_identities(const Viewer& v, const std::string& case_id) const;
  // Follow a job (an upload being read on the server) started by the user `owner`: its owner
  // and administrators. Anyone else is told there is no such job.
  bool may_follow_job(const Viewer& v, const std::string& owner) const;
  // The names an upload's files were sent with (they may name anyone, a protected witness too):
  // their uploader only; an administrator following someone else's job sees the files by number.
  bool may_see_upload_names(const Viewer& v, const std::string& owner) const;
  // Users, roles, assignments, the audit log, reindex and verify from the web.
  bool may_administer(const Viewer& v) const;
  // The same for a role (an account not signed in: e.g. "is there an administrator yet?").
  bool administers(Role role) const;
  // Users of `role` work through case assignments (prosecutors, paralegals): administrators see
  // every case anyway, trainers none.
  bool uses_case_assignments(Role role) const;
  // A role an account may be given (every role but the command line's system viewer).
  bool is_account_role(Role role) const { return role != Role::system; }
  // The role an account gets when its stored role is not understood: the least (trainer).
  Role least_role() const { return Role::trainer; }
};

// The policy (stateless; shared by every thread).
const AccessPolicy& policy();

}  // namespace berkas::service
