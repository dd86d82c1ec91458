// Keccak-f[1600] after the Keccak team's reference description (FIPS 202 §3 without SHA-3's
// domain bits): 24 rounds of theta, rho and pi, chi, iota over 25 little-endian 64-bit lanes.
#include "extract/internal/keccak.h"

#include <cstddef>
#include <cstring>

namespace berkas::extract::internal {

namespace {

constexpr std::size_t k_rate = 136;  // bytes: 1600 - 2 * 256 bits

constexpr std::uint64_t k_round_constants[24] = {
    0x0000000000000001ULL, 0x0000000000008082ULL, 0x800000000000808aULL, 0x8000000080008000ULL,
    0x000000000000808bULL, 0x0000000080000001ULL, 0x8000000080008081ULL, 0x8000000000008009ULL,
    0x000000000000008aULL, 0x0000000000000088ULL, 0x0000000080008009ULL, 0x000000008000000aULL,
    0x000000008000808bULL, 0x800000000000008bULL, 0x8000000000008089ULL, 0x8000000000008003ULL,
    0x8000000000008002ULL, 0x8000000000000080ULL, 0x000000000000800aULL, 0x800000008000000aULL,
    0x8000000080008081ULL, 0x8000000000008080ULL, 0x0000000080000001ULL, 0x8000000080008008ULL,
};

// rho offsets and pi destinations, walked along pi's cycle starting at lane 1.
constexpr int k_rho[24] = {1,  3,  6,  10, 15, 21, 28, 36, 45, 55, 2,  14,
                           27, 41, 56, 8,  25, 43, 62, 18, 39, 61, 20, 44};
constexpr int k_pi[24] = {10, 7,  11, 17, 18, 3, 5,  16, 8,  21, 24, 4,
                          15, 23, 19, 13, 12, 2, 20, 14, 22, 9,  6,  1};

std::uint64_t rotl(std::uint64_t x, int n) { return (x << n) | (x >> (64 - n)); }

void keccak_f(std::uint64_t a[25]) {
  for (std::uint64_t rc : k_round_constants) {
    std::uint64_t c[5];
    for (int x = 0; x < 5; ++x) c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
    for (int x = 0; x < 5; ++x) {
      const std::uint64_t d = c[(x + 4) % 5] ^ rotl(c[(x + 1) % 5], 1);
      for (int y = 0; y < 25; y += 5) a[y + x] ^= d;
    }
    std::uint64_t carried = a[1];
    for (int i = 0; i < 24; ++i) {
      const int j = k_pi[i];
      const std::uint64_t next = a[j];
      a[j] = rotl(carried, k_rho[i]);
      carried = next;
    }
    for (int y = 0; y < 25; y += 5) {
      std::uint64_t row[5];
      for (int x = 0; x < 5; ++x) row[x] = a[y + x];
      for (int x = 0; x < 5; ++x) a[y + x] = row[x] ^ (~row[(x + 1) % 5] & row[(x + 2) % 5]);
    }
    a[0] ^= rc;
  }
}

void absorb(std::uint64_t a[25], const unsigned char* block) {
  for (std::size_t i = 0; i < k_rate / 8; ++i) {
    std::uint64_t lane = 0;
    for (int b = 7; b >= 0; --b) lane = (lane << 8) | block[i * 8 + static_cast<std::size_t>(b)];
    a[i] ^= lane;
  }
  keccak_f(a);
}

}  // namespace

std::array<std::uint8_t, 32> keccak256(std::string_view bytes) {
  std::uint64_t a[25] = {};
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  std::size_t left = bytes.size();
  for (; left >= k_rate; left -= k_rate, p += k_rate) absorb(a, p);
  unsigned char last[k_rate] = {};
  if (left > 0) std::memcpy(last, p, left);
  last[left] ^= 0x01;
  last[k_rate - 1] ^= 0x80;
  absorb(a, last);
  std::array<std::uint8_t, 32> out{};
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i] = static_cast<std::uint8_t>(a[i / 8] >> (8 * (i % 8)));
  }
  return out;
}

}  // namespace berkas::extract::internal
