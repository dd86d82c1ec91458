// service/access: the caller of a service operation (Viewer) and its role. Who may see or do
// what is decided by the access policy (service/policy.h) — every path (CLI, search results,
// snippets, facets, pages, API, bundles, error messages) asks it.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/model.h"

namespace berkas::service {

enum class Role { administrator, prosecutor, paralegal, trainer, system };
const char* to_string(Role r);

// The caller of a service operation.
struct Viewer {
  std::string user = "system";
  Role role = Role::system;
  // Cases the viewer is assigned to (prosecutor, paralegal). Ignored for administrator/system,
  // who see every case.
  std::set<std::string> assigned_cases;
  // Cases for which the viewer is cleared to see protected identities.
  std::set<std::string> cleared_cases;
  // Cleared for every case (an explicit, audited choice; never a default).
  bool cleared_all = false;

  // The command-line user: sees every case, protected identities hidden unless revealed.
  static Viewer command_line(const std::string& user);
};

// The access questions are answered by the one policy object (service/policy.h); these
// forwarders keep the call sites short. Nothing here decides anything.
class AccessPolicy;
const AccessPolicy& policy();
bool may_see_case(const Viewer& v, const std::string& case_id);
bool may_see_item(const Viewer& v, const core::EvidenceItem& item);
std::optional<std::vector<std::string>> visible_cases(const Viewer& v);
bool uses_case_assignments(Role role);
bool may_supersede(const Viewer& v, const std::string& case_id);
bool must_anonymise(const Viewer& v);
bool may_see_identity(const Viewer& v, const core::Person& person);
std::string display_name(const Viewer& v, const core::Person& person);

bool may_disclose_identities(const Viewer& v, const std::string& case_id);

}  // namespace berkas::service
