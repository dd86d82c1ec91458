// extract/internal/identifier_scan: what every pass of the identifier extractor (identifiers.cpp)
// shares — ASCII character classes, word boundaries in UTF-8 text, the words near a candidate
// (CueWindow) and the Sink a pass adds its readings to. Module-private.
//
// Thread safety: the functions are pure and safe to call from several threads at once; a
// CueWindow or a Sink belongs to one pass, on one thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "extract/identifiers.h"
#include "extract/internal/identifier_tables.h"

namespace berkas::extract::internal {

inline constexpr std::size_t k_max_value = 128;     // bytes of a normalised value
inline constexpr std::size_t k_window = 40;         // bytes between a candidate and a word near it
inline constexpr std::size_t k_after_penalty = 20;  // a word after a number is that much farther

// --- Characters (ASCII only: any other byte is none of these) ---------------------------------

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
inline bool is_alpha(char c) { return is_upper(c) || is_lower(c); }
inline bool is_alnum(char c) { return is_alpha(c) || is_digit(c); }
inline char to_lower(char c) { return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }
inline char to_upper(char c) { return is_lower(c) ? static_cast<char>(c - 'a' + 'A') : c; }

// `s` with its ASCII letters lower-cased (upper-cased); other bytes unchanged.
std::string lower(std::string_view s);
std::string upper(std::string_view s);

// True when every byte of `s` satisfies `pred` (also when `s` is empty).
bool all_of(std::string_view s, bool (*pred)(char));

// Whether the character that starts at `pos` (ends just before `pos`) belongs to a word: ASCII
// letters, digits and '_', and what lies beyond ASCII except punctuation, symbols, spaces and
// emoji (approximately: letters of other scripts). False at the ends of `s` and for invalid UTF-8.
bool word_char_at(std::string_view s, std::size_t pos);
bool word_char_before(std::string_view s, std::size_t pos);

// --- Output ------------------------------------------------------------------------------------

// What a pass reads: running text, or one value a person typed (no cue word needed).
enum class Mode { text, typed };

// The readings of one pass, at most max_found of them.
struct Sink {
  std::vector<Identifier> found;
  std::size_t max_found = 0;

  bool full() const { return found.size() >= max_found; }

  // Adds a reading of [begin, end); an empty or over-long value, or one past max_found, is dropped.
  void add(IdentifierKind kind, std::string value, std::string qualifier, std::size_t begin,
           std::size_t end) {
    if (value.empty() || value.size() > k_max_value || full()) return;
    found.push_back({kind, std::move(value), std::move(qualifier), begin, end - begin});
  }
};

// --- The words near a candidate ----------------------------------------------------------------

struct Cue {
  std::size_t begin = 0;
  std::size_t end = 0;
  CueKind kind = CueKind::phone;
  std::uint8_t index = 0;
};

struct NearCue {
  Cue cue;
  std::size_t gap = 0;
  bool before = true;     // the cue is written before the candidate
  std::size_t rank = 0;   // the gap, plus k_after_penalty for a cue written after: "OVO 0812…,
                          // GoPay 0813…" gives the first number to OVO
};

// Reads the words of a text lazily, in order, keeping only those that may still be near a
// candidate. The candidates asked about must come in order of their begin. `text` must outlive
// the window.
class CueWindow {
 public:
  explicit CueWindow(std::string_view text) : m_text(text) {}

  // The cues within k_window bytes of [begin, end), on the same line, with no other number
  // (4 digits or more) between. Valid until the next call.
  const std::vector<NearCue>& near(std::size_t begin, std::size_t end);

 private:
  void scan_to(std::size_t limit);
  void on_word(std::size_t b, std::size_t e);

  std::string_view m_text;
  std::size_t m_pos = 0;
  std::deque<Cue> m_cues;
  std::vector<NearCue> m_found;
  std::string m_prev;
  std::size_t m_prev_begin = 0;
  std::size_t m_prev_end = 0;
};

// The nearest cue of `kind` by rank (a cue before the candidate wins a tie), or null.
const NearCue* nearest(const std::vector<NearCue>& cues, CueKind kind);

// True when `a` is a cue and nearer than `b` (or `b` is none).
bool nearer(const NearCue* a, const NearCue* b);

}  // namespace berkas::extract::internal
