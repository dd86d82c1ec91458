#include "service/access.h"

#include "service/policy.h"

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

bool may_see_case(const Viewer& v, const std::string& case_id) { return policy().may_see_case(v, case_id); }
bool may_see_item(const Viewer& v, const core::EvidenceItem& item) { return policy().may_see_item(v, item); }
std::optional<std::vector<std::string>> visible_cases(const Viewer& v) { return policy().visible_cases(v); }
bool uses_case_assignments(Role role) { return policy().uses_case_assignments(role); }
bool may_supersede(const Viewer& v, const std::string& case_id) { return policy().may_supersede(v, case_id); }
bool must_anonymise(const Viewer& v) { return policy().must_anonymise(v); }
bool may_see_identity(const Viewer& v, const core::Person& person) { return policy().may_see_identity(v, person); }
std::string display_name(const Viewer& v, const core::Person& person) { return policy().display_name(v, person); }

bool may_disclose_identities(const Viewer& v, const std::string& case_id) {
  return policy().may_disclose_identities(v, case_id);
}

}  // namespace berkas::service
