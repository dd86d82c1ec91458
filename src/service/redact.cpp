#include "service/redact.h"

#include <algorithm>

#include "core/identifier.h"
#include "core/text.h"

namespace berkas::service {

namespace {

// Words of a name that are too common to be identifying on their own.
bool is_particle(const std::string& w) {
  static const char* k_particles[] = {"bin", "binti", "bt", "bte", "van", "de", "al", "el", "dan"};
  for (const char* p : k_particles)
    if (w == p) return true;
  return false;
}

bool is_word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80 || c == '\'';
}

struct Word {
  size_t begin, end;
  std::string lower;
};

std::vector<Word> words_of(std::string_view text) {
  std::vector<Word> out;
  size_t i = 0;
  while (i < text.size()) {
    if (!is_word_byte(static_cast<unsigned char>(text[i]))) { ++i; continue; }
    size_t j = i;
    while (j < text.size() && is_word_byte(static_cast<unsigned char>(text[j]))) ++j;
    out.push_back({i, j, core::ascii_lower(text.substr(i, j - i))});
    i = j;
  }
  return out;
}

// Only blanks and simple punctuation between two words of one name ("RINA  FIKTIF", "Rina-Fiktif").
bool joinable_gap(std::string_view gap) {
  if (gap.size() > 3) return false;
  for (char c : gap)
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '-' && c != '.') return false;
  return true;
}

}  // namespace

Redactor::Redactor(const std::vector<core::Person>& protected_persons) {
  for (const auto& p : protected_persons) {
    if (!p.is_protected) continue;
    const size_t index = m_pseudonyms.size();
    m_pseudonyms.push_back(p.pseudonym.empty() ? "[dilindungi]" : p.pseudonym);
    for (const auto& w : words_of(p.name)) {
      // Short words and particles are only hidden inside a run of name words (see apply()).
      m_tokens[w.lower] = index;
    }
    for (const auto& id : p.identifiers) {
      for (auto& d : core::digit_forms(id))
        if (d.size() >= 8) m_digit_forms.push_back(std::move(d));
      if (id.kind == "paspor" && !id.value.empty()) m_passports.push_back(id.value);
      if ((id.kind == "email" || id.kind == "akun") && id.value.size() >= 3) m_texts.push_back(core::ascii_lower(id.value));
    }
  }
}

std::string Redactor::apply(std::string_view text) const {
  if (m_digit_forms.empty() && m_passports.empty() && m_texts.empty()) return apply_names(text);
  return apply_names(apply_numbers(text));
}

namespace {

constexpr std::string_view k_hidden_number = "[nomor dilindungi]";

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
// Characters a number is written with between its digits.
bool is_number_separator(char c) { return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/'; }
bool is_handle_byte(char c) { return is_alnum(c) || c == '_' || c == '.' || c == '-' || c == '+' || c == '@'; }

}  // namespace

std::string Redactor::apply_numbers(std::string_view text) const {
  // Spans to hide, in order: runs of digits (and the letters of a passport number) joined by
  // single separators; e-mail addresses and handles.
  std::vector<std::pair<size_t, size_t>> hide;
  size_t i = 0;
  while (i < text.size()) {
    // A run starts at a digit, or at one or two letters directly followed (optionally after a
    // blank) by a digit: "X1234567", "X 1234567".
    size_t start = i;
    if (!is_digit(text[i])) {
      if (!is_alnum(text[i]) || (i > 0 && is_alnum(text[i - 1]))) { ++i; continue; }
      size_t j = i;
      while (j < text.size() && j - i < 3 && is_alnum(text[j]) && !is_digit(text[j])) ++j;
      if (j - i > 2 || j == i) { i = j > i ? j : i + 1; continue; }
      size_t k = j < text.size() && text[j] == ' ' ? j + 1 : j;
      if (k >= text.size() || !is_digit(text[k])) { i = j; continue; }
    }
    if (start > 0 && text[start - 1] == '+') --start;
    size_t end = start;
    std::string digits, compact;
    size_t k = start;
    while (k < text.size()) {
      if (is_alnum(text[k]) || text[k] == '+') {
        if (is_digit(text[k])) digits += text[k];
        if (text[k] != '+') compact += static_cast<char>(text[k] >= 'a' && text[k] <= 'z' ? text[k] - 'a' + 'A' : text[k]);
        ++k;
        end = k;
      } else {
        // At most two separators between groups: "0857-1122", "(0857) 1122", "62 - 857".
        size_t gap = k;
        while (gap < text.size() && gap - k < 3 && is_number_separator(text[gap])) ++gap;
        if (gap == k || gap - k > 2 + (text[k] == ' ' ? 1 : 0) || gap >= text.size() || !is_digit(text[gap])) break;
        k = gap;
      }
      if (compact.size() > 256) break;  // bounded: a number is never this long
    }
    bool secret = false;
    for (const auto& p : m_passports)
      if (compact.find(p) != std::string::npos) { secret = true; break; }
    if (secret) {
      hide.emplace_back(start, end);  // with the passport's letters
    } else {
      for (const auto& d : m_digit_forms)
        if (digits.size() >= d.size() && digits.find(d) != std::string::npos) { secret = true; break; }
      if (secret) {
        // From the first digit (or its '+'): a word before the number ("HP") stays.
        size_t from = start;
        while (from < end && !is_digit(text[from]) && text[from] != '+') ++from;
        hide.emplace_back(from, end);
      }
    }
    i = std::max(end, i + 1);
  }
  if (!m_texts.empty()) {
    const std::string lower = core::ascii_lower(text);
    for (const auto& t : m_texts) {
      for (size_t pos = lower.find(t); pos != std::string::npos; pos = lower.find(t, pos + 1)) {
        const size_t stop = pos + t.size();
        // A whole handle or address, not part of a longer one ("rina" in "rinafiksiana").
        if ((pos > 0 && is_handle_byte(lower[pos - 1]) && lower[pos - 1] != '@' && lower[pos - 1] != '/') ||
            (stop < lower.size() && is_handle_byte(lower[stop]) && lower[stop] != '.'))
          continue;
        hide.emplace_back(pos > 0 && lower[pos - 1] == '@' ? pos - 1 : pos, stop);
      }
    }
  }
  if (hide.empty()) return std::string(text);
  std::sort(hide.begin(), hide.end());
  std::string out;
  out.reserve(text.size());
  size_t copied = 0;
  for (const auto& [a, b] : hide) {
    if (b <= copied) continue;
    const size_t from = std::max(a, copied);
    out.append(text.substr(copied, from - copied));
    if (from == a) out += k_hidden_number;
    copied = b;
  }
  out.append(text.substr(copied));
  return out;
}

std::string Redactor::apply_names(std::string_view text) const {
  if (m_tokens.empty()) return std::string(text);
  const auto words = words_of(text);
  std::string out;
  out.reserve(text.size());
  size_t copied = 0;
  size_t i = 0;
  while (i < words.size()) {
    auto it = m_tokens.find(words[i].lower);
    if (it == m_tokens.end()) { ++i; continue; }
    // Extend to the longest run of name words joined by blanks.
    size_t j = i + 1;
    while (j < words.size() && m_tokens.count(words[j].lower) &&
           joinable_gap(text.substr(words[j - 1].end, words[j].begin - words[j - 1].end)))
      ++j;
    // Trim particles at the ends of the run ("dan Rina" keeps "dan").
    size_t a = i, b = j;
    while (a < b && is_particle(words[a].lower)) ++a;
    while (b > a && is_particle(words[b - 1].lower)) --b;
    const bool identifying =
        b - a >= 2 || (b - a == 1 && words[a].lower.size() >= 3 && !is_particle(words[a].lower));
    if (identifying) {
      out.append(text.substr(copied, words[a].begin - copied));
      out += m_pseudonyms[m_tokens.at(words[a].lower)];
      copied = words[b - 1].end;
    }
    i = j;
  }
  out.append(text.substr(copied));
  return out;
}

bool Redactor::leaks(std::string_view text) const {
  if (empty()) return false;
  return apply(text) != text;
}

}  // namespace berkas::service
