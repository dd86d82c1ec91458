#include "service/policy.h"

#include <algorithm>

namespace berkas::service {

const AccessPolicy& policy() {
  static const AccessPolicy instance;
  return instance;
}

bool AccessPolicy::sees_every_case(const Viewer& v) const {
  return v.role == Role::administrator || v.role == Role::system;
}

bool AccessPolicy::may_see_case(const Viewer& v, const std::string& case_id) const {
  if (case_id.empty()) return true;  // not case material (law, precedents)
  if (sees_every_case(v)) return true;
  if (!may_see_case_files(v)) return false;
  return v.assigned_cases.count(case_id) > 0;
}

bool AccessPolicy::may_see_case_files(const Viewer& v) const { return v.role != Role::trainer; }

bool AccessPolicy::may_see_item(const Viewer& v, const core::EvidenceItem& item) const {
  if (must_anonymise(v)) return item.released_for_training;
  return may_see_case(v, item.case_id);
}

std::optional<std::vector<std::string>> AccessPolicy::visible_cases(const Viewer& v) const {
  if (sees_every_case(v)) return std::nullopt;
  if (!may_see_case_files(v)) return std::vector<std::string>{};
  return std::vector<std::string>(v.assigned_cases.begin(), v.assigned_cases.end());
}

bool AccessPolicy::may_see_identity(const Viewer& v, const core::Person& person) const {
  if (!person.is_protected) return true;
  if (must_anonymise(v)) return false;
  if (v.cleared_all) return true;
  for (const auto& c : person.case_ids)
    if (v.cleared_cases.count(c) && may_see_case(v, c)) return true;
  return false;
}

std::string AccessPolicy::display_name(const Viewer& v, const core::Person& person) const {
  if (may_see_identity(v, person)) return person.name;
  return person.pseudonym.empty() ? "[dilindungi]" : person.pseudonym;
}

bool AccessPolicy::must_anonymise(const Viewer& v) const { return v.role == Role::trainer; }

bool AccessPolicy::may_see_answer_keys(const Viewer& v) const {
  return v.role == Role::trainer || v.role == Role::administrator || v.role == Role::system;
}

bool AccessPolicy::may_download_document(const std::set<std::string>& hidden_from_maker,
                                         const std::set<std::string>& hidden_from_viewer) const {
  return std::includes(hidden_from_maker.begin(), hidden_from_maker.end(), hidden_from_viewer.begin(),
                       hidden_from_viewer.end());
}

bool AccessPolicy::may_ingest(const Viewer& v) const { return v.role != Role::trainer; }

bool AccessPolicy::may_ingest_into(const Viewer& v, const std::string& case_id) const {
  return may_ingest(v) && may_see_case(v, case_id);
}

bool AccessPolicy::may_create_case(const Viewer& v) const { return sees_every_case(v); }

bool AccessPolicy::may_supersede(const Viewer& v, const std::string& case_id) const {
  if (sees_every_case(v)) return true;
  if (v.role != Role::prosecutor || !may_see_case(v, case_id)) return false;
  return v.cleared_all || v.cleared_cases.count(case_id) > 0;
}

bool AccessPolicy::may_build_documents(const Viewer& v, const std::string& case_id) const {
  return may_see_case_files(v) && may_see_case(v, case_id);
}

bool AccessPolicy::may_disclose_identities(const Viewer& v, const std::string& case_id) const {
  if (case_id.empty() || !may_build_documents(v, case_id)) return false;
  return v.cleared_all || (v.cleared_cases.count(case_id) > 0 && may_see_case(v, case_id));
}

bool AccessPolicy::may_administer(const Viewer& v) const {
  return v.role == Role::administrator || v.role == Role::system;
}

bool AccessPolicy::may_follow_job(const Viewer& v, const std::string& owner) const {
  return (!owner.empty() && v.user == owner) || may_administer(v);
}

bool AccessPolicy::may_see_upload_names(const Viewer& v, const std::string& owner) const {
  return !owner.empty() && v.user == owner;
}

bool AccessPolicy::administers(Role role) const { return role == Role::administrator; }

bool AccessPolicy::uses_case_assignments(Role role) const {
  return role == Role::prosecutor || role == Role::paralegal;
}

}  // namespace berkas::service
