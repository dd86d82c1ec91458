// core/identifier: the numbers that identify a person as a person file records them
// (<nomor-identitas jenis="…">), normalised so that every written form of one number is known:
// "0857-1122-3344", "+62 857 1122 3344" and "62857 11223344" are one telephone number.
// Pure; no library (the evidence text extractor, extract/identifiers, uses libphonenumber and
// gives the same E.164 form for these).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"

namespace berkas::core {

// The kinds a person file may give: "nik", "paspor", "telepon", "rekening", "email", "akun".
bool is_person_identifier_kind(std::string_view kind);

// `written` normalised by `kind`, or nullopt when it is not one:
//  nik       16 digits (spaces, dots and dashes between groups allowed);
//  paspor    6–12 letters and digits, at least one digit, upper-cased, blanks removed;
//  telepon   E.164: "+" and 8–15 digits; "0…" is Indonesian (+62…), "62…" gets its "+";
//  rekening  6–20 digits (separators removed);
//  email     lower-cased local@domain with a dot in the domain, at most 128 bytes;
//  akun      a handle without '@' or "t.me/", lower-cased, 3–64 of [a-z0-9_.].
std::optional<std::string> normalise_person_identifier(std::string_view kind, std::string_view written);

// The digit strings under which a normalised identifier may appear in text, longest first:
// telepon +6285711223344 → "6285711223344", "085711223344", "85711223344"; nik and rekening
// their digits; other kinds none.
std::vector<std::string> digit_forms(const PersonIdentifier& id);

}  // namespace berkas::core
