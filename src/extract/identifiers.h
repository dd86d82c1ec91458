// extract/identifiers: the digital identities written in derived text — phone numbers, bank
// accounts, e-wallets, e-mail addresses, domains, social media handles, passport numbers, NIK,
// crypto wallets, vehicle plates and flight numbers — each normalised to one value, so the same
// identity written differently in two cases gives the same key (docs/INPUT.md, "Identifiers").
//
// Everything here is pure: no file, no network, no shared mutable state. Phone numbers are
// checked with libphonenumber (its PhoneNumberUtil singleton is thread-safe); SHA-256 comes from
// core/hash.h and Keccak-256 from internal/keccak.h.
//
// Thread safety: every function is safe to call from several threads at once.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace berkas::extract {

// What an identifier is. The codes (code_of) are the stored and typed names.
enum class IdentifierKind {
  phone,          // "telepon": E.164, "+6285711223344"; qualifier the region ("ID", "KH", ...)
  bank_account,   // "rekening": "bca:1234567890" (bank slug, ':', digits); qualifier "BCA"
  ewallet,        // "dompet": "dana:+6285711223344"; qualifier "DANA"
  email,          // "email": lower-case
  domain,         // "domain": lower-case host without "www."
  handle,         // "akun": "telegram:name" (lower-case, no '@'); "@name" when no platform is named
  passport,       // "paspor": "X1234567"
  nik,            // "nik": the 16 digits of a Nomor Induk Kependudukan
  crypto_wallet,  // "kripto": TRON and Bitcoin as written (bech32 lower-cased), Ethereum lower-case
  vehicle_plate,  // "plat": "B1234XYZ"
  flight,         // "penerbangan": "QZ123" (no leading zeros in the number)
};

// The code of a kind: "telepon", "rekening", "dompet", "email", "domain", "akun", "paspor",
// "nik", "kripto", "plat", "penerbangan". Never null.
const char* code_of(IdentifierKind k);

// The kind of exactly one of those codes (case-sensitive); nullopt for anything else.
std::optional<IdentifierKind> parse_identifier_kind(std::string_view code);

// A label for people, Indonesian first: "Nomor telepon / Phone number". Never null.
const char* label_of(IdentifierKind k);

struct Identifier {
  IdentifierKind kind = IdentifierKind::phone;
  std::string value;      // normalised: the cross-case key; at most 128 bytes
  std::string qualifier;  // bank ("BCA"), e-wallet ("DANA"), platform ("telegram"), phone region
                          // ("ID", "KH"), chain ("tron", "ethereum", "bitcoin"); may be empty
  std::size_t offset = 0; // byte offset in the text where it is written
  std::size_t length = 0; // bytes as written
};

// Every identifier written in `text` (UTF-8; an invalid byte is never part of one), in order
// of offset, at most `max_found` of them; only the first `max_bytes` bytes are read. Written
// spans never overlap: where two readings compete for the same bytes, the longer (then the more
// specific) wins. What counts as written, and near which words, is in docs/INPUT.md. Never
// throws (an allocation failure gives an empty result); time grows linearly with the text, and
// at most 20 000 candidate numbers per call are given to libphonenumber (each costs ~15 µs).
std::vector<Identifier> find_identifiers(std::string_view text, std::size_t max_found = 5000,
                                         std::size_t max_bytes = 16u << 20);

// A value a person typed (`berkas identifier VALUE`): its kind and normalised value, or nullopt
// when it is none or more than one. Accepts what find_identifiers reads (without the need for a
// nearby word: "X1234567", "B1234XYZ", "qz 123" are read as a passport, a plate, a flight) and the
// normalised values themselves ("bca:1234567890", "dana:+6285711223344", "telegram:name").
// A bare number that is neither a valid phone number nor a NIK is none (a bank account needs its
// bank: "BCA 1234567890"). offset and length refer to `typed`. At most 512 bytes are considered.
std::optional<Identifier> parse_identifier(std::string_view typed);

// The identifier for a viewer not cleared to see it: a hint of its kind (bank, e-wallet, country
// code, platform, chain, the e-mail's domain, the TLD) and at most the first 4 and the last 2
// characters of its identifying part — never more than half of it, and never the whole value:
// "+62 857******44", "BCA 123*****90", "NIK 3201**********01", "telegram @bud******if".
std::string masked(const Identifier& id);

}  // namespace berkas::extract
