// server/internal/views: the pieces of page data that more than one feature's view mapper uses
// (links to the law, a provision's force, cited provisions, an identifier's other cases).
#pragma once

#include <string>
#include <vector>

#include "core/model.h"
#include "server/internal/render.h"
#include "service/investigation.h"
#include "service/service.h"

namespace berkas::server::internal {

// "uu-21-2007/pasal-2/ayat-1" → "/law/uu-21-2007/2"; empty if not a provision id.
std::string law_url(const std::string& provision_id);

// The catalogue key of a period-of-force status ("status_in_force", ...).
std::string status_key(core::ForceStatus s);

// The lower-case extension of a file name, with its dot ("" when none).
std::string lower_ext(const std::string& name);

// Cited, charged or applied provisions as page rows.
List citation_list(const std::vector<service::CitationView>& cs, const Templates& t, const std::string& lang);

// The cases besides `case_id` an identifier occurs in, as links ({id, url}); empty when none.
List other_cases(const service::IdentifierEntry& e, const std::string& case_id);

}  // namespace berkas::server::internal
