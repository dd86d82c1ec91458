// The checks follow their specifications' reference code (Bitcoin's Base58Check, BIP-173 and
// BIP-350, EIP-55); SHA-256 comes from core/hash.h, Keccak-256 from internal/keccak.h.
#include "extract/internal/identifier_checks.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstring>
#include <string>
#include <vector>

#include "core/hash.h"
#include "extract/internal/identifier_scan.h"
#include "extract/internal/identifier_tables.h"
#include "extract/internal/keccak.h"

namespace berkas::extract::internal {

namespace {

// The 32 raw bytes of SHA-256 (core/hash.h gives them as hex).
std::string sha256_raw(std::string_view bytes) {
  const std::string hex = core::sha256_hex(bytes);
  std::string raw(hex.size() / 2, '\0');
  auto nibble = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
  for (std::size_t i = 0; i < raw.size(); ++i) {
    raw[i] = static_cast<char>(nibble(hex[2 * i]) << 4 | nibble(hex[2 * i + 1]));
  }
  return raw;
}

constexpr std::string_view k_base58 =
    "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

std::uint32_t bech32_polymod(const std::vector<std::uint8_t>& values) {
  constexpr std::uint32_t k_gen[5] = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
  std::uint32_t chk = 1;
  for (std::uint8_t v : values) {
    const std::uint32_t top = chk >> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (int i = 0; i < 5; ++i) {
      if ((top >> i) & 1) chk ^= k_gen[i];
    }
  }
  return chk;
}

int two(std::string_view d, std::size_t at) { return (d[at] - '0') * 10 + (d[at + 1] - '0'); }

}  // namespace

std::optional<std::uint8_t> base58check_version(std::string_view s) {
  std::array<std::uint8_t, 25> b{};
  for (char c : s) {
    const std::size_t v = k_base58.find(c);
    if (v == std::string_view::npos) return std::nullopt;
    unsigned carry = static_cast<unsigned>(v);
    for (std::size_t k = b.size(); k-- > 0;) {
      carry += 58u * b[k];
      b[k] = static_cast<std::uint8_t>(carry & 0xFF);
      carry >>= 8;
    }
    if (carry != 0) return std::nullopt;
  }
  std::size_t ones = 0;
  while (ones < s.size() && s[ones] == '1') ++ones;
  std::size_t zeros = 0;
  while (zeros < b.size() && b[zeros] == 0) ++zeros;
  if (ones != zeros) return std::nullopt;
  const std::string payload(reinterpret_cast<const char*>(b.data()), 21);
  const std::string check = sha256_raw(sha256_raw(payload));
  if (std::memcmp(check.data(), b.data() + 21, 4) != 0) return std::nullopt;
  return b[0];
}

bool valid_segwit(std::string_view s) {
  if (s.size() < 14 || s.size() > 90) return false;
  const bool has_lower = std::any_of(s.begin(), s.end(), is_lower);
  const bool has_upper = std::any_of(s.begin(), s.end(), is_upper);
  if (has_lower && has_upper) return false;
  const std::string a = lower(s);
  if (a.compare(0, 3, "bc1") != 0) return false;
  static constexpr std::string_view k_charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
  std::vector<std::uint8_t> values = {3, 3, 0, 2, 3};  // "bc" expanded
  std::vector<std::uint8_t> data;
  for (std::size_t i = 3; i < a.size(); ++i) {
    const std::size_t v = k_charset.find(a[i]);
    if (v == std::string_view::npos) return false;
    data.push_back(static_cast<std::uint8_t>(v));
  }
  if (data.size() < 7) return false;
  values.insert(values.end(), data.begin(), data.end());
  const std::uint32_t pm = bech32_polymod(values);
  const int version = data[0];
  if (version > 16) return false;
  if (pm != (version == 0 ? 1u : 0x2bc830a3u)) return false;
  // the program: 5-bit groups to bytes, no padding beyond 4 zero bits
  std::uint32_t acc = 0;
  int bits = 0;
  std::size_t bytes = 0;
  for (std::size_t i = 1; i + 6 < data.size(); ++i) {
    acc = (acc << 5) | data[i];
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      ++bytes;
    }
  }
  if (bits >= 5 || (acc & ((1u << bits) - 1)) != 0) return false;
  if (bytes < 2 || bytes > 40) return false;
  return version != 0 || bytes == 20 || bytes == 32;
}

bool valid_ethereum(std::string_view s) {
  if (s.size() != 42 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X')) return false;
  const std::string_view hex = s.substr(2);
  for (char c : hex) {
    if (!is_digit(c) && !(to_lower(c) >= 'a' && to_lower(c) <= 'f')) return false;
  }
  const bool has_lower = std::any_of(hex.begin(), hex.end(), is_lower);
  const bool has_upper = std::any_of(hex.begin(), hex.end(), is_upper);
  if (!has_lower || !has_upper) return true;
  const auto hash = keccak256(lower(hex));
  for (std::size_t i = 0; i < hex.size(); ++i) {
    if (is_digit(hex[i])) continue;
    const int nibble = (i % 2 == 0 ? hash[i / 2] >> 4 : hash[i / 2]) & 0x0F;
    if ((nibble >= 8) != is_upper(hex[i])) return false;
  }
  return true;
}

bool nik_ok(std::string_view d, bool strict) {
  if (d.size() != 16 || !nik_province(two(d, 0)) || d.substr(12) == "0000") return false;
  if (!strict) return true;
  const int day = two(d, 6);
  const int month = two(d, 8);
  return two(d, 2) != 0 && two(d, 4) != 0 && ((day >= 1 && day <= 31) || (day >= 41 && day <= 71)) &&
         month >= 1 && month <= 12;
}

}  // namespace berkas::extract::internal
