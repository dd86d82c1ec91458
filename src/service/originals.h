// service/originals: the evidence as it came in — an item version's ingested bytes and its
// attachments — handed back byte for byte, checked against their SHA-256, and audited.
//
// The original is not redacted: it is the evidence. So it goes only to a viewer who may see the
// item and every protected identity it names (AccessPolicy: cleared for the case, or the command
// line's audited --reveal); never to trainers (released training material reaches them only
// anonymised). A viewer who may see the item but not a name in it is told so (forbidden) and the
// refusal is audited ("original.withheld", "attachment.withheld"); an item they may not see
// answers as a missing one.
//
// Thread safety as Service.
#pragma once

#include <functional>
#include <string>

#include "core/error.h"
#include "service/service.h"

namespace berkas::service {

struct OriginalFile {
  std::string object;     // "ID@VERSION" or "ID@VERSION/attachments/N"
  std::string file_name;  // a name to save it under (never a path): the item id + ".xml", or the attachment's name
  std::string media_type;
  std::string sha256;
  std::string bytes;
};

// Writes one audit entry (action, object, detail) for the viewer; fails when it cannot.
using AuditFn = std::function<core::Status(const std::string& action, const std::string& object,
                                           const std::string& detail)>;

// The ingested bytes of item `ref` ("ID" = the current version, or "ID@VERSION"). No audit
// entry, no bytes. Errors: not_found (no such item, or not visible), forbidden (names a protected
// person the viewer may not see), integrity (stored bytes no longer match their SHA-256).
core::Result<OriginalFile> item_original(const Service& svc, const Viewer& v, const std::string& ref,
                                         const AuditFn& audit);

// Attachment `n` (1-based) of item `ref`, with the same rules.
core::Result<OriginalFile> item_attachment(const Service& svc, const Viewer& v, const std::string& ref, std::size_t n,
                                           const AuditFn& audit);

// {"object", "file_name", "media_type", "sha256", "bytes", "saved_to"}: what the command line
// reports after saving an original to `saved_to`.
std::string original_saved_json(const OriginalFile& f, const std::string& saved_to);

}  // namespace berkas::service
