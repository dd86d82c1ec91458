// store/internal/audit_chain: the canonical form hashed into each audit event (docs/STORE.md).
#pragma once

#include <string>

#include "core/model.h"

namespace berkas::store::internal {

// prev_hash of the first event: 64 zeros.
inline const std::string k_genesis_hash(64, '0');

// SHA-256 (lowercase hex) of the event's canonical form: the tag "berkas-audit-v1\n", then for
// each of prev_hash, seq (decimal), time, actor, action, object, detail, in that order:
// "<byte length in decimal>:<bytes>\n". Length prefixes make the form unambiguous whatever
// bytes (newlines, colons) a field holds. `e.hash` is ignored.
std::string audit_hash(const core::AuditEvent& e);

}  // namespace berkas::store::internal
