#include "core/identifier.h"

#include <algorithm>

#include "core/text.h"

namespace berkas::core {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// The digits of `s` when everything else is a separator a number is written with; else nullopt.
std::optional<std::string> digits_of(std::string_view s, std::string_view separators) {
  std::string out;
  for (char c : s) {
    if (is_digit(c)) out += c;
    else if (separators.find(c) == std::string_view::npos) return std::nullopt;
  }
  return out;
}

}  // namespace

bool is_person_identifier_kind(std::string_view kind) {
  return kind == "nik" || kind == "paspor" || kind == "telepon" || kind == "rekening" || kind == "email" ||
         kind == "akun";
}

std::optional<std::string> normalise_person_identifier(std::string_view kind, std::string_view written) {
  if (written.size() > 128) return std::nullopt;
  const std::string w = squeeze_space(written);
  if (kind == "nik") {
    auto d = digits_of(w, " .-");
    if (!d || d->size() != 16) return std::nullopt;
    return d;
  }
  if (kind == "rekening") {
    auto d = digits_of(w, " .-");
    if (!d || d->size() < 6 || d->size() > 20) return std::nullopt;
    return d;
  }
  if (kind == "telepon") {
    const bool plus = !w.empty() && w[0] == '+';
    auto d = digits_of(plus ? std::string_view(w).substr(1) : std::string_view(w), " .-()");
    if (!d || d->empty()) return std::nullopt;
    std::string e164;
    if (plus) e164 = *d;
    else if ((*d)[0] == '0') e164 = "62" + d->substr(1);
    else if (d->rfind("62", 0) == 0) e164 = *d;
    else return std::nullopt;  // a foreign number is written with its "+country code"
    if (e164.size() < 8 || e164.size() > 15 || e164[0] == '0') return std::nullopt;
    return "+" + e164;
  }
  if (kind == "paspor") {
    std::string out;
    for (char c : w) {
      if (c == ' ' || c == '-') continue;
      if (!is_alnum(c)) return std::nullopt;
      out += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    }
    if (out.size() < 6 || out.size() > 12 || std::none_of(out.begin(), out.end(), is_digit)) return std::nullopt;
    return out;
  }
  if (kind == "email") {
    const std::string e = ascii_lower(w);
    const auto at = e.find('@');
    if (at == 0 || at == std::string::npos || e.find('@', at + 1) != std::string::npos) return std::nullopt;
    const auto dot = e.find('.', at);
    if (dot == std::string::npos || dot == at + 1 || e.back() == '.') return std::nullopt;
    for (char c : e)
      if (!(is_alnum(c) || c == '@' || c == '.' || c == '_' || c == '-' || c == '+')) return std::nullopt;
    return e;
  }
  if (kind == "akun") {
    std::string h = ascii_lower(w);
    for (const char* prefix : {"https://", "http://", "t.me/", "@"})
      if (h.rfind(prefix, 0) == 0) h = h.substr(std::string_view(prefix).size());
    if (h.size() < 3 || h.size() > 64) return std::nullopt;
    for (char c : h)
      if (!(is_alnum(c) || c == '_' || c == '.')) return std::nullopt;
    return h;
  }
  return std::nullopt;
}

std::vector<std::string> digit_forms(const PersonIdentifier& id) {
  if (id.kind == "nik" || id.kind == "rekening") return {id.value};
  if (id.kind == "telepon" && id.value.size() > 1) {
    const std::string e164 = id.value.substr(1);
    std::vector<std::string> out = {e164};
    if (e164.rfind("62", 0) == 0 && e164.size() > 2) {
      out.push_back("0" + e164.substr(2));
      out.push_back(e164.substr(2));
    }
    return out;
  }
  return {};
}

}  // namespace berkas::core
