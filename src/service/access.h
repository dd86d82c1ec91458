// service/access: who may see what — the one place the access rules live. Every path (CLI,
// search results, snippets, facets, pages, API, bundles, error messages) asks these functions.
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

// May the viewer see the case (and its items)? Trainers see no case material here: their
// route is material released for training, always anonymised.
bool may_see_case(const Viewer& v, const std::string& case_id);

// May the viewer see this item? (Case rule; trainers: only items released for training.)
bool may_see_item(const Viewer& v, const core::EvidenceItem& item);

// The cases the viewer may see for search filtering; nullopt = all.
std::optional<std::vector<std::string>> visible_cases(const Viewer& v);

// Is the viewer cleared to see the real name of `person` (protected or not)?
// Whether users of `role` work through case assignments (administrators see every case anyway;
// trainers see none, only released training material).
bool uses_case_assignments(Role role);

// May `v` replace an existing item of `case_id` by a new version (a correction of evidence)?
// Administrators (and the command line's system viewer), and prosecutors assigned to the case and
// cleared for its protected identities (a statement names them). Never paralegals or trainers.
// The caller still requires an explicit request for a correction and a correction note.
bool may_supersede(const Viewer& v, const std::string& case_id);

// True when `v` sees case material only anonymised as training material (trainers): every
// person by a pseudonym, places generalised, identifying numbers masked, dates as month/year.
bool must_anonymise(const Viewer& v);

bool may_see_identity(const Viewer& v, const core::Person& person);

// What `v` is shown for `person`: the name when cleared, else the pseudonym ("[dilindungi]"
// when the person has none).
std::string display_name(const Viewer& v, const core::Person& person);

// May `v` make a copy of `case_id`'s material showing protected identities (core::Disclosure::
// identities)? Only a viewer who sees the case and is cleared for its identities (or cleared for
// all: the command line's audited --reveal). Never trainers.
bool may_disclose_identities(const Viewer& v, const std::string& case_id);

}  // namespace berkas::service
