// One pass over the words of the text: a word of at most 9 letters and digits, on word
// boundaries, is tried as a passport number, then a plate, then a flight number; the first that
// reads wins and the pass resumes after it.
#include "extract/internal/identifier_codes.h"

#include <cstddef>
#include <string>
#include <utility>

#include "extract/internal/identifier_tables.h"

namespace berkas::extract::internal {

namespace {

class CodeScanner {
 public:
  CodeScanner(std::string_view text, Mode mode, Sink& sink)
      : m_text(text), m_mode(mode), m_sink(sink), m_cues(text) {}

  void run() {
    const std::size_t n = m_text.size();
    std::size_t p = 0;
    while (p < n && !m_sink.full()) {
      if (!is_alnum(m_text[p])) {
        ++p;
        continue;
      }
      const std::size_t s = p;
      while (p < n && is_alnum(m_text[p])) ++p;
      if (p - s > 9 || word_char_before(m_text, s) || word_char_at(m_text, p)) continue;
      if (const std::size_t end = read_word(s, p); end > 0) p = end;
    }
  }

 private:
  bool typed() const { return m_mode == Mode::typed; }

  bool cued(CueKind kind, std::size_t b, std::size_t e) {
    return typed() || nearest(m_cues.near(b, e), kind) != nullptr;
  }

  // Digits right at `pos`, 1..max of them, ending at a word boundary: their end, else 0.
  std::size_t digits_at(std::size_t pos, std::size_t min, std::size_t max) const {
    std::size_t e = pos;
    while (e < m_text.size() && is_digit(m_text[e])) ++e;
    const std::size_t len = e - pos;
    return len >= min && len <= max && !word_char_at(m_text, e) ? e : 0;
  }

  bool letters(std::string_view w) const {
    return typed() ? all_of(w, is_alpha) : all_of(w, is_upper);
  }

  // The word [s, w) starts a code: where the code ends, else 0.
  std::size_t read_word(std::size_t s, std::size_t w) {
    const std::string_view word = m_text.substr(s, w - s);
    const bool spaced = w + 1 < m_text.size() && m_text[w] == ' ';
    // passport: "X1234567", "A 1234567"
    if (is_alpha(word[0])) {
      std::size_t end = 0;
      if (word.size() == 8 && all_of(word.substr(1), is_digit)) end = w;
      if (word.size() == 1 && spaced) end = digits_at(w + 1, 7, 7);
      if (end > 0 && cued(CueKind::passport, s, end)) {
        std::string v = upper(word.substr(0, 1)) + std::string(m_text.substr(end - 7, 7));
        m_sink.add(IdentifierKind::passport, std::move(v), "", s, end);
        return end;
      }
    }
    if (const std::size_t end = read_plate(s, w); end > 0) return end;
    return read_flight(s, w);
  }

  // "B 1234 XYZ" (region, 1–4 digits, 1–3 letters, single spaces, capitals) anywhere; near a
  // plate word also "B1234XYZ" and no suffix letters when there are 3 or 4 digits.
  std::size_t read_plate(std::size_t s, std::size_t w) {
    const std::string_view word = m_text.substr(s, w - s);
    std::size_t region_len = 0;
    while (region_len < word.size() && is_alpha(word[region_len])) ++region_len;
    if (region_len == 0 || region_len > 2) return 0;
    const std::string region = upper(word.substr(0, region_len));
    if (!letters(word.substr(0, region_len)) || !plate_region(region)) return 0;
    std::size_t digits_b = 0;
    std::size_t digits_e = 0;
    std::size_t suffix_b = 0;
    std::size_t suffix_e = 0;
    bool exact = false;
    if (region_len == word.size()) {  // spaced: "B 1234 XYZ"
      if (w + 1 >= m_text.size() || m_text[w] != ' ') return 0;
      digits_b = w + 1;
      digits_e = digits_at(digits_b, 1, 4);
      if (digits_e == 0) return 0;
      suffix_b = suffix_e = digits_e;
      if (digits_e + 1 < m_text.size() && m_text[digits_e] == ' ' && is_alpha(m_text[digits_e + 1])) {
        std::size_t e = digits_e + 1;
        while (e < m_text.size() && is_alpha(m_text[e])) ++e;
        if (e - digits_e - 1 <= 3 && !word_char_at(m_text, e) &&
            letters(m_text.substr(digits_e + 1, e - digits_e - 1))) {
          suffix_b = digits_e + 1, suffix_e = e;
        }
      }
      exact = suffix_e > suffix_b;
    } else {  // glued: "B1234XYZ"
      digits_b = digits_e = s + region_len;
      while (digits_e < w && is_digit(m_text[digits_e])) ++digits_e;
      suffix_b = digits_e, suffix_e = w;
      if (digits_e == digits_b || digits_e - digits_b > 4 || suffix_e - suffix_b > 3 ||
          !letters(m_text.substr(suffix_b, suffix_e - suffix_b))) {
        return 0;
      }
    }
    const std::size_t end = suffix_e;
    const bool has_suffix = suffix_e > suffix_b;
    if (exact && !typed()) {
      if (digits_e - digits_b < 2) return 0;  // "A 1 B" in a list is no plate
    } else {
      if (!has_suffix && digits_e - digits_b < 3) return 0;
      if (!cued(CueKind::plate, s, end)) return 0;  // typed: always
    }
    std::string v = region + std::string(m_text.substr(digits_b, digits_e - digits_b)) +
                    upper(m_text.substr(suffix_b, suffix_e - suffix_b));
    m_sink.add(IdentifierKind::vehicle_plate, std::move(v), "", s, end);
    return end;
  }

  // "QZ 123", "JT-610" (a listed carrier) anywhere; near a flight word also "QZ123" and any
  // two-character code.
  std::size_t read_flight(std::size_t s, std::size_t w) {
    const std::string_view word = m_text.substr(s, w - s);
    if (word.size() < 2) return 0;
    const std::string code = upper(word.substr(0, 2));
    if (!(is_alpha(word[0]) || is_alpha(word[1])) || !letters_or_digits(word.substr(0, 2))) {
      return 0;
    }
    std::size_t digits_b = 0;
    std::size_t end = 0;
    bool spaced = false;
    if (word.size() == 2) {
      if (w + 1 >= m_text.size() || (m_text[w] != ' ' && m_text[w] != '-')) return 0;
      digits_b = w + 1;
      end = digits_at(digits_b, 1, 4);
      spaced = true;
    } else {
      digits_b = s + 2;
      if (word.size() > 6 || !all_of(word.substr(2), is_digit)) return 0;
      end = w;
    }
    if (end == 0) return 0;
    const Carrier* c = carrier(code);
    const bool free = spaced && c && !c->needs_cue && !typed();
    if (!free) {
      if (typed() ? c == nullptr : !cued(CueKind::flight, s, end)) return 0;
    }
    std::string_view number = m_text.substr(digits_b, end - digits_b);
    while (number.size() > 1 && number[0] == '0') number.remove_prefix(1);
    m_sink.add(IdentifierKind::flight, code + std::string(number), "", s, end);
    return end;
  }

  bool letters_or_digits(std::string_view code) const {
    for (char c : code) {
      if (!is_digit(c) && !(typed() ? is_alpha(c) : is_upper(c))) return false;
    }
    return true;
  }

  std::string_view m_text;
  Mode m_mode;
  Sink& m_sink;
  CueWindow m_cues;
};

}  // namespace

void scan_codes(std::string_view text, Mode mode, Sink& sink) {
  CodeScanner(text, mode, sink).run();
}

}  // namespace berkas::extract::internal
