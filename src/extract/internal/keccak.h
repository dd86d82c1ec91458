// extract/internal/keccak: Keccak-256 as Ethereum uses it (the original Keccak padding 0x01, not
// SHA3-256's 0x06), for EIP-55 address checksums. Module-private.
//
// Thread safety: a pure function; safe to call from several threads at once.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace berkas::extract::internal {

// The 32-byte Keccak-256 digest of `bytes` (rate 1088 bits, capacity 512).
std::array<std::uint8_t, 32> keccak256(std::string_view bytes);

}  // namespace berkas::extract::internal
