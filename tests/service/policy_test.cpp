// The access policy (service/policy.h) on its own: every question it answers, for every role —
// administrator, cleared prosecutor, uncleared prosecutor, prosecutor of another case,
// paralegal, trainer, and the command line's system viewer.
#define BOOST_TEST_MODULE policy
#include <boost/test/unit_test.hpp>

#include "service/policy.h"

using namespace berkas;
using service::policy;
using service::Role;
using service::Viewer;

namespace {

const std::string k_case = "perkara-demo-001";

Viewer make(Role role, bool assigned, bool cleared) {
  Viewer v;
  v.user = "u";
  v.role = role;
  if (assigned) v.assigned_cases.insert(k_case);
  if (cleared) v.cleared_cases.insert(k_case);
  return v;
}

Viewer admin() { return make(Role::administrator, false, false); }
Viewer cleared() { return make(Role::prosecutor, true, true); }
Viewer uncleared() { return make(Role::prosecutor, true, false); }
Viewer other() { return make(Role::prosecutor, false, false); }
Viewer paralegal() { return make(Role::paralegal, true, false); }
Viewer trainer() { return make(Role::trainer, false, false); }
Viewer cli() { return Viewer::command_line("x"); }

core::Person protected_person() {
  core::Person p;
  p.id = "org-saksi-a";
  p.name = "Nama Asli (FIKTIF)";
  p.pseudonym = "Saksi A";
  p.is_protected = true;
  p.case_ids = {k_case};
  return p;
}

core::EvidenceItem item(bool released) {
  core::EvidenceItem i;
  i.id = "bap-x";
  i.case_id = k_case;
  i.released_for_training = released;
  return i;
}

}  // namespace

BOOST_AUTO_TEST_CASE(cases_and_items) {
  BOOST_TEST(policy().may_see_case(admin(), k_case));
  BOOST_TEST(policy().may_see_case(cli(), k_case));
  BOOST_TEST(policy().may_see_case(cleared(), k_case));
  BOOST_TEST(policy().may_see_case(uncleared(), k_case));
  BOOST_TEST(policy().may_see_case(paralegal(), k_case));
  BOOST_TEST(!policy().may_see_case(other(), k_case));
  BOOST_TEST(!policy().may_see_case(trainer(), k_case));
  // Not case material (the law, precedents): everyone.
  for (const auto& v : {admin(), other(), trainer()}) BOOST_TEST(policy().may_see_case(v, ""));
  // Trainers: released items only, never the case.
  BOOST_TEST(!policy().may_see_item(trainer(), item(false)));
  BOOST_TEST(policy().may_see_item(trainer(), item(true)));
  BOOST_TEST(!policy().may_see_item(other(), item(true)));
  BOOST_TEST(policy().may_see_item(paralegal(), item(false)));
  BOOST_TEST(!policy().may_see_case_files(trainer()));
  BOOST_TEST(policy().may_see_case_files(other()));
  // Search filters.
  BOOST_TEST(!policy().visible_cases(admin()).has_value());
  BOOST_TEST(policy().visible_cases(trainer())->empty());
  BOOST_TEST(policy().visible_cases(other())->empty());
  BOOST_TEST(policy().visible_cases(uncleared())->size() == 1u);
}

BOOST_AUTO_TEST_CASE(identities) {
  const auto p = protected_person();
  BOOST_TEST(policy().display_name(cleared(), p) == p.name);
  for (const auto& v : {admin(), cli(), uncleared(), other(), paralegal(), trainer()})
    BOOST_TEST(policy().display_name(v, p) == "Saksi A");
  // Cleared for everything (the command line's audited --reveal) — but never a trainer.
  Viewer reveal = cli();
  reveal.cleared_all = true;
  BOOST_TEST(policy().may_see_identity(reveal, p));
  Viewer t = trainer();
  t.cleared_all = true;
  BOOST_TEST(!policy().may_see_identity(t, p));
  // Cleared for a case one is not assigned to counts for nothing.
  Viewer stale = other();
  stale.cleared_cases.insert(k_case);
  BOOST_TEST(!policy().may_see_identity(stale, p));
  core::Person open = p;
  open.is_protected = false;
  BOOST_TEST(policy().display_name(trainer(), open) == open.name);
  auto nameless = p;
  nameless.pseudonym.clear();
  BOOST_TEST(policy().display_name(uncleared(), nameless) == "[dilindungi]");
  BOOST_TEST(policy().must_anonymise(trainer()));
  for (const auto& v : {admin(), cli(), cleared(), paralegal()}) BOOST_TEST(!policy().must_anonymise(v));
}

BOOST_AUTO_TEST_CASE(changing_evidence) {
  for (const auto& v : {admin(), cli(), cleared(), uncleared(), paralegal()}) BOOST_TEST(policy().may_ingest(v));
  BOOST_TEST(!policy().may_ingest(trainer()));
  BOOST_TEST(policy().may_ingest_into(uncleared(), k_case));
  BOOST_TEST(!policy().may_ingest_into(other(), k_case));
  BOOST_TEST(!policy().may_ingest_into(trainer(), k_case));
  BOOST_TEST(policy().may_create_case(admin()));
  BOOST_TEST(!policy().may_create_case(cleared()));
  // Correcting evidence (breach 1 of issue 10): never a paralegal, never an uncleared prosecutor.
  BOOST_TEST(policy().may_supersede(admin(), k_case));
  BOOST_TEST(policy().may_supersede(cli(), k_case));
  BOOST_TEST(policy().may_supersede(cleared(), k_case));
  BOOST_TEST(!policy().may_supersede(uncleared(), k_case));
  BOOST_TEST(!policy().may_supersede(other(), k_case));
  Viewer para_cleared = paralegal();
  para_cleared.cleared_cases.insert(k_case);
  BOOST_TEST(!policy().may_supersede(para_cleared, k_case));
  BOOST_TEST(!policy().may_supersede(trainer(), k_case));
}

BOOST_AUTO_TEST_CASE(documents_and_administration) {
  BOOST_TEST(policy().may_build_documents(uncleared(), k_case));
  BOOST_TEST(policy().may_build_documents(paralegal(), k_case));
  BOOST_TEST(!policy().may_build_documents(other(), k_case));
  BOOST_TEST(!policy().may_build_documents(trainer(), k_case));
  BOOST_TEST(policy().may_disclose_identities(cleared(), k_case));
  for (const auto& v : {admin(), uncleared(), other(), paralegal(), trainer()})
    BOOST_TEST(!policy().may_disclose_identities(v, k_case));
  // A kept document: the viewer may have it when everything hidden from them was hidden from its maker.
  BOOST_TEST(policy().may_download_document({"a", "b"}, {"a"}));
  BOOST_TEST(policy().may_download_document({"a"}, {}));
  BOOST_TEST(!policy().may_download_document({}, {"a"}));
  BOOST_TEST(!policy().may_download_document({"b"}, {"a"}));
  BOOST_TEST(policy().may_see_answer_keys(trainer()));
  BOOST_TEST(policy().may_see_answer_keys(admin()));
  BOOST_TEST(!policy().may_see_answer_keys(cleared()));
  BOOST_TEST(!policy().may_see_answer_keys(paralegal()));
  BOOST_TEST(policy().may_administer(admin()));
  BOOST_TEST(policy().may_administer(cli()));
  for (const auto& v : {cleared(), uncleared(), paralegal(), trainer()}) BOOST_TEST(!policy().may_administer(v));
  BOOST_TEST(policy().uses_case_assignments(Role::prosecutor));
  BOOST_TEST(policy().uses_case_assignments(Role::paralegal));
  BOOST_TEST(!policy().uses_case_assignments(Role::trainer));
  BOOST_TEST(!policy().uses_case_assignments(Role::administrator));
  BOOST_TEST(!policy().is_account_role(Role::system));
  BOOST_TEST(policy().administers(Role::administrator));
  BOOST_TEST(!policy().administers(Role::system));
}

BOOST_AUTO_TEST_CASE(upload_jobs) {
  // Its uploader and administrators follow a job; nobody else, whatever their cases.
  BOOST_TEST(policy().may_follow_job(uncleared(), "u"));
  BOOST_TEST(policy().may_follow_job(paralegal(), "u"));
  BOOST_TEST(policy().may_follow_job(admin(), "someone-else"));
  BOOST_TEST(policy().may_follow_job(cli(), "someone-else"));
  for (const auto& v : {cleared(), uncleared(), other(), paralegal(), trainer()})
    BOOST_TEST(!policy().may_follow_job(v, "someone-else"));
  Viewer nobody = trainer();
  nobody.user = "";
  BOOST_TEST(!policy().may_follow_job(nobody, ""));  // no owner is nobody's job
  // The names the files were sent with: the uploader only, not even an administrator.
  BOOST_TEST(policy().may_see_upload_names(uncleared(), "u"));
  BOOST_TEST(!policy().may_see_upload_names(admin(), "someone-else"));
  BOOST_TEST(!policy().may_see_upload_names(cli(), "someone-else"));
  BOOST_TEST(!policy().may_see_upload_names(nobody, ""));
}
