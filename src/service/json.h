// service/json: the JSON form of the service's views, shared by the CLI (--json) and the API.
// Every string passed here has already been through the access rules and redaction.
#pragma once

#include <string>
#include <vector>

#include "service/investigation.h"
#include "service/search_view.h"
#include "service/sentencing.h"
#include "service/service.h"
#include "service/upload.h"

namespace berkas::service::json {

std::string of(const IngestReport& r);
// {state, files, file, pages_done, pages_total, report (when done), error (when failed)}
std::string of(const UploadProgress& p);
std::string of(const SearchPage& p);
std::string of(const SearchResult& r);
std::string of(const ItemView& v);
std::string of(const PrecedentView& v);
std::string of(const std::vector<core::Case>& cases);
std::string of(const CaseView& v);
std::string of(const LawOutline& o);
std::string of(const ProvisionView& v);
std::string of(const VerifyReport& r);
std::string of(const std::vector<core::AuditEvent>& events);
std::string of(const SentencingReport& r);
std::string of(const std::vector<SimilarDecision>& decisions);
std::string of(const std::vector<IdentifierEntry>& identifiers);
std::string of(const IdentifierEntry& identifier);
std::string of(const std::vector<TimelineEvent>& events);
std::string of_error(const core::Error& e);

}  // namespace berkas::service::json
