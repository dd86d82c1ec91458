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
//
// The numbers a protected person's file records (core::PersonIdentifier: NIK, passport,
// telephone, account, e-mail, handle) are hidden in every written form as "[nomor dilindungi]":
// a run of digits and separators whose digits contain one of the number's digit forms
// (0857-1122-3344, +62 857 1122 3344 and 62857 11223344 alike; a NIK split by spaces); a
// passport number with or without a blank after its letter; an e-mail address or handle,
// case-insensitively. The whole run is hidden, a neighbouring number too (over-redaction again).
class Redactor {
 public:
  explicit Redactor(const std::vector<core::Person>& protected_persons);

  // `text` with every protected name replaced by that person's pseudonym ("Saksi A"; or
  // "[dilindungi]" when the person has none).
  std::string apply(std::string_view text) const;

  // True if `text` still contains a protected name (used by tests and by output guards).
  bool leaks(std::string_view text) const;

  bool empty() const { return m_tokens.empty() && m_digit_forms.empty() && m_passports.empty() && m_texts.empty(); }

 private:
  std::string apply_names(std::string_view text) const;
  std::string apply_numbers(std::string_view text) const;

  // lower-cased name word → index of the person (last wins on collisions; both are hidden)
  std::unordered_map<std::string, size_t> m_tokens;
  std::vector<std::string> m_pseudonyms;
  // Protected numbers: digit forms (8+ digits), compact upper-case passport numbers, and
  // lower-case e-mail addresses and handles.
  std::vector<std::string> m_digit_forms;
  std::vector<std::string> m_passports;
  std::vector<std::string> m_texts;
};

}  // namespace berkas::service
