#include "store/internal/audit_chain.h"

#include <string_view>

#include "core/hash.h"

namespace berkas::store::internal {

std::string audit_hash(const core::AuditEvent& e) {
  core::Sha256 h;
  h.update("berkas-audit-v1\n");
  const std::string seq = std::to_string(e.seq);
  for (std::string_view field : {std::string_view(e.prev_hash), std::string_view(seq), std::string_view(e.time),
                                 std::string_view(e.actor), std::string_view(e.action),
                                 std::string_view(e.object), std::string_view(e.detail)}) {
    h.update(std::to_string(field.size()));
    h.update(":");
    h.update(field);
    h.update("\n");
  }
  return h.hex_digest();
}

}  // namespace berkas::store::internal
