#include "service/access.h"

namespace berkas::service {

const char* to_string(Role r) {
  switch (r) {
    case Role::administrator: return "administrator";
    case Role::prosecutor: return "prosecutor";
    case Role::paralegal: return "paralegal";
    case Role::trainer: return "trainer";
    case Role::system: return "system";
  }
  return "";
}

Viewer Viewer::command_line(const std::string& user) {
  Viewer v;
  v.user = user.empty() ? "cli" : "cli:" + user;
  v.role = Role::system;
  return v;
}

namespace {
bool sees_all_cases(const Viewer& v) { return v.role == Role::administrator || v.role == Role::system; }
}  // namespace

bool may_see_case(const Viewer& v, const std::string& case_id) {
  if (case_id.empty()) return true;  // not case material (law, precedents)
  if (sees_all_cases(v)) return true;
  if (v.role == Role::trainer) return false;
  return v.assigned_cases.count(case_id) > 0;
}

bool may_see_item(const Viewer& v, const core::EvidenceItem& item) {
  if (v.role == Role::trainer) return item.released_for_training;
  return may_see_case(v, item.case_id);
}

std::optional<std::vector<std::string>> visible_cases(const Viewer& v) {
  if (sees_all_cases(v)) return std::nullopt;
  if (v.role == Role::trainer) return std::vector<std::string>{};
  return std::vector<std::string>(v.assigned_cases.begin(), v.assigned_cases.end());
}

bool uses_case_assignments(Role role) { return role == Role::prosecutor || role == Role::paralegal; }

bool may_supersede(const Viewer& v, const std::string& case_id) {
  if (v.role == Role::administrator || v.role == Role::system) return true;
  if (v.role != Role::prosecutor || !may_see_case(v, case_id)) return false;
  return v.cleared_all || v.cleared_cases.count(case_id) > 0;
}

bool must_anonymise(const Viewer& v) { return v.role == Role::trainer; }

bool may_see_identity(const Viewer& v, const core::Person& person) {
  if (!person.is_protected) return true;
  if (v.role == Role::trainer) return false;
  if (v.cleared_all) return true;
  for (const auto& c : person.case_ids)
    if (v.cleared_cases.count(c) && may_see_case(v, c)) return true;
  return false;
}

std::string display_name(const Viewer& v, const core::Person& person) {
  if (may_see_identity(v, person)) return person.name;
  return person.pseudonym.empty() ? "[dilindungi]" : person.pseudonym;
}

bool may_disclose_identities(const Viewer& v, const std::string& case_id) {
  if (v.role == Role::trainer || case_id.empty() || !may_see_case(v, case_id)) return false;
  return v.cleared_all || v.cleared_cases.count(case_id) > 0;
}

}  // namespace berkas::service
