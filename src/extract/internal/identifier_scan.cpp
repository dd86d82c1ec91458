// Word boundaries decode only the one code point next to a position, so that a pass stays linear
// in the text; CueWindow reads each word once and forgets it when no later candidate can be near.
#include "extract/internal/identifier_scan.h"

#include <algorithm>

namespace berkas::extract::internal {

namespace {

constexpr std::size_t k_max_cue_word = 16;

// The code point that starts at `pos` (its byte count in *len); U+FFFD, one byte, when invalid.
char32_t decode_at(std::string_view s, std::size_t pos, std::size_t* len) {
  const auto b0 = static_cast<unsigned char>(s[pos]);
  *len = 1;
  if (b0 < 0x80) return b0;
  std::size_t n = 0;
  char32_t cp = 0;
  if ((b0 & 0xE0) == 0xC0) n = 2, cp = b0 & 0x1F;
  else if ((b0 & 0xF0) == 0xE0) n = 3, cp = b0 & 0x0F;
  else if ((b0 & 0xF8) == 0xF0) n = 4, cp = b0 & 0x07;
  else return 0xFFFD;
  if (pos + n > s.size()) return 0xFFFD;
  for (std::size_t i = 1; i < n; ++i) {
    const auto b = static_cast<unsigned char>(s[pos + i]);
    if ((b & 0xC0) != 0x80) return 0xFFFD;
    cp = (cp << 6) | (b & 0x3F);
  }
  *len = n;
  return cp;
}

// The code point that ends just before `pos`.
char32_t decode_before(std::string_view s, std::size_t pos) {
  std::size_t start = pos - 1;
  while (start > 0 && pos - start < 4 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) {
    --start;
  }
  std::size_t len = 0;
  const char32_t cp = decode_at(s, start, &len);
  return start + len == pos ? cp : 0xFFFD;
}

// A code point that belongs to a word, as word_char_at says (identifier_scan.h).
bool word_char(char32_t c) {
  if (c < 0x80) return is_alnum(static_cast<char>(c)) || c == '_';
  if (c < 0xC0 || c == 0xD7 || c == 0xF7 || c == 0xFFFD) return false;
  if (c >= 0x2000 && c <= 0x2BFF) return false;   // punctuation, symbols, arrows, shapes
  if (c >= 0x3000 && c <= 0x303F) return false;   // CJK punctuation
  if (c >= 0xFE30 && c <= 0xFE6F) return false;   // compatibility and small forms
  if (c >= 0xFF00 && c <= 0xFF20) return false;   // full-width punctuation and digits
  return c < 0x1F000;                             // emoji and pictographs are no letters
}

// True when [begin, end) holds a line break or a run of at least 4 digits (another number).
bool gap_is_blocked(std::string_view s, std::size_t begin, std::size_t end) {
  int run = 0;
  for (std::size_t i = begin; i < end; ++i) {
    if (s[i] == '\n') return true;
    run = is_digit(s[i]) ? run + 1 : 0;
    if (run >= 4) return true;
  }
  return false;
}

}  // namespace

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = to_lower(c);
  return out;
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = to_upper(c);
  return out;
}

bool all_of(std::string_view s, bool (*pred)(char)) {
  return std::all_of(s.begin(), s.end(), pred);
}

bool word_char_at(std::string_view s, std::size_t pos) {
  if (pos >= s.size()) return false;
  std::size_t len = 0;
  return word_char(decode_at(s, pos, &len));
}

bool word_char_before(std::string_view s, std::size_t pos) {
  return pos > 0 && word_char(decode_before(s, pos));
}

const std::vector<NearCue>& CueWindow::near(std::size_t begin, std::size_t end) {
  scan_to(end + k_window + 1);
  while (!m_cues.empty() && m_cues.front().end + k_window < begin) m_cues.pop_front();
  m_found.clear();
  for (const Cue& c : m_cues) {
    NearCue n{c, 0, true, 0};
    std::size_t lo = 0;
    std::size_t hi = 0;
    if (c.end <= begin) {
      n.gap = begin - c.end, lo = c.end, hi = begin;
    } else if (c.begin >= end) {
      n.gap = c.begin - end, n.before = false, lo = end, hi = c.begin;
    } else {
      continue;
    }
    n.rank = n.gap + (n.before ? 0 : k_after_penalty);
    if (n.gap <= k_window && !gap_is_blocked(m_text, lo, hi)) m_found.push_back(n);
  }
  return m_found;
}

void CueWindow::scan_to(std::size_t limit) {
  const std::size_t n = m_text.size();
  while (m_pos < n && m_pos < limit) {
    if (!is_alpha(m_text[m_pos])) {
      ++m_pos;
      continue;
    }
    const std::size_t b = m_pos;
    while (m_pos < n && is_alpha(m_text[m_pos])) ++m_pos;
    on_word(b, m_pos);
  }
}

void CueWindow::on_word(std::size_t b, std::size_t e) {
  std::string word;
  if (e - b <= k_max_cue_word) word = lower(m_text.substr(b, e - b));
  // Two words read as one ("no. rek", "a.n.", "Go-Pay", "Bank Jatim"): at most two bytes of
  // space or punctuation between them.
  bool joined = !m_prev.empty() && b - m_prev_end <= 2;
  for (std::size_t i = m_prev_end; joined && i < b; ++i) {
    const char c = m_text[i];
    joined = c == ' ' || c == '.' || c == '-' || c == '/' || c == ':';
  }
  if (!word.empty()) {
    const auto& table = cue_words();
    auto it = std::lower_bound(table.begin(), table.end(), word,
                               [](const CueWord& w, const std::string& s) { return w.word < s; });
    for (; it != table.end() && it->word == word; ++it) {
      std::size_t begin = b;
      if (!it->prev.empty()) {
        if (!joined || m_prev != it->prev) continue;
        begin = m_prev_begin;
      }
      if (it->capital && !is_upper(m_text[b]) && !(joined && m_prev == "bank")) continue;
      if (it->kind == CueKind::account_after && it->prev == "a" &&
          (b - m_prev_end != 1 || (m_text[m_prev_end] != '.' && m_text[m_prev_end] != '/'))) {
        continue;
      }
      m_cues.push_back({begin, e, it->kind, it->index});
    }
  }
  m_prev = std::move(word);
  m_prev_begin = b;
  m_prev_end = e;
}

const NearCue* nearest(const std::vector<NearCue>& cues, CueKind kind) {
  const NearCue* best = nullptr;
  for (const NearCue& n : cues) {
    if (n.cue.kind != kind) continue;
    if (!best || n.rank < best->rank || (n.rank == best->rank && n.before && !best->before)) {
      best = &n;
    }
  }
  return best;
}

bool nearer(const NearCue* a, const NearCue* b) { return a && (!b || a->rank < b->rank); }

}  // namespace berkas::extract::internal
