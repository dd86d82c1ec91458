#include "service/redact.h"

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
  }
}

std::string Redactor::apply(std::string_view text) const {
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
  if (m_tokens.empty()) return false;
  return apply(text) != text;
}

}  // namespace berkas::service
