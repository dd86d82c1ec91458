// service/redact: replaces protected persons' names with their pseudonyms in free text.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/model.h"

namespace berkas::service {

// Built from the protected persons whose names must not appear. A name is matched as any run
// of two or more consecutive words of that name, or any single word of it of 3+ letters that is
// not a common particle (bin, binti, ...): "Rina Fiksiana binti Contoh" hides "Rina", "Sdri. RINA
// FIKSIANA", "Fiksiana" and "rina fiksiana binti contoh". Matching is case-insensitive on ASCII
// letters and respects word boundaries. Over-redaction (a different person sharing a first
// name) is accepted: a leak is the worse error. Thread-safe after construction.
class Redactor {
 public:
  explicit Redactor(const std::vector<core::Person>& protected_persons);

  // `text` with every protected name replaced by that person's pseudonym ("Saksi A"; or
  // "[dilindungi]" when the person has none).
  std::string apply(std::string_view text) const;

  // True if `text` still contains a protected name (used by tests and by output guards).
  bool leaks(std::string_view text) const;

  bool empty() const { return m_tokens.empty(); }

 private:
  // lower-cased name word → index of the person (last wins on collisions; both are hidden)
  std::unordered_map<std::string, size_t> m_tokens;
  std::vector<std::string> m_pseudonyms;
};

}  // namespace berkas::service
