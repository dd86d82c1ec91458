// extract/internal/identifier_checks: the checksums and plausibility rules that tell an
// identifier from a string that merely looks like one — Base58Check (TRON and legacy Bitcoin
// addresses), bech32 and bech32m (Bitcoin segwit addresses), EIP-55 (Ethereum addresses) and the
// structure of a NIK. Module-private.
//
// Thread safety: pure functions; safe to call from several threads at once.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace berkas::extract::internal {

// Base58Check of a 25-byte payload (version, 20-byte hash, 4-byte checksum): the version byte if
// `s` decodes to exactly that and its checksum (double SHA-256) holds, else nullopt. TRON
// addresses have version 0x41, Bitcoin's P2PKH 0x00 and P2SH 0x05.
std::optional<std::uint8_t> base58check_version(std::string_view s);

// A Bitcoin segwit address, "bc1…" in one case: BIP-173 bech32 for witness version 0 (a 20- or
// 32-byte program), BIP-350 bech32m for versions 1–16.
bool valid_segwit(std::string_view s);

// An Ethereum address "0x" + 40 hex digits: all one case, or mixed as EIP-55 says (the case of
// each letter from the Keccak-256 of the lower-case hex).
bool valid_ethereum(std::string_view s);

// A NIK (Nomor Induk Kependudukan) `d`: 16 digits, a province code, a serial other than 0000;
// `strict` (no "NIK" near) also wants a regency and district other than 00, a day 01–31 (41–71
// for women) and a month 01–12. `d` must hold digits only.
bool nik_ok(std::string_view d, bool strict);

}  // namespace berkas::extract::internal
