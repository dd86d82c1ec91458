// ingest/internal/decision_text: small readers of the text of Indonesian court decisions,
// shared by putusan_text (the parts of a decision) and ruling (the amar and the demand).
// Every reader is a forward scan or a bounded window: hostile input costs linear time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/model.h"

namespace berkas::ingest::internal {

constexpr std::size_t npos = std::string::npos;

inline bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
inline bool is_alpha(char c) { return is_upper(c) || is_lower(c); }
inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string trim(std::string_view s, std::string_view chars = " \t\r\n");

// A decision's text with all white space collapsed to one space, and its lower-case twin (same
// offsets), so that phrases broken across lines ("Demikian\ndiputuskan") are still found.
struct Flat {
  std::string text;
  std::string lower;
};

// Word-boundary find of a lower-case needle in `lower`, from `from`, before `to`.
std::size_t find_word(const std::string& lower, std::string_view needle, std::size_t from = 0,
                      std::size_t to = npos);
// Plain find of `needle` that starts in [from, to): never looks past the window.
std::size_t find_in(const std::string& s, std::string_view needle, std::size_t from, std::size_t to);
// The last word-boundary occurrence starting before `before`.
std::size_t rfind_word(const std::string& lower, std::string_view needle, std::size_t before);

// Indonesian number words ("dua ratus lima puluh", "lima belas") → value; nullopt if `words`
// holds anything else.
std::optional<std::int64_t> number_words(const std::vector<std::string>& words);

// "Rp200.000.000,00", "Rp. 120.000.000,-", "Rp 120 juta" at `p` (pointing at "rp" in `lower`).
std::optional<std::int64_t> rupiah_at(const std::string& lower, std::size_t p);
// The first "rp" amount in [from, to), and where it starts.
std::optional<std::pair<std::int64_t, std::size_t>> first_rupiah(const std::string& lower,
                                                                  std::size_t from, std::size_t to);

// "tanggal 3 Maret 2025", "03 Maret 2025" in [from, to) of `lower` → ISO date and position.
std::optional<std::pair<core::Date, std::size_t>> find_date(const std::string& lower,
                                                            std::size_t from, std::size_t to);

// Mends, in lower-case OCR text, words split by a stray space ("sel ama", "t ahun") for the
// given `keywords` (at word boundaries), and puts spaces around parentheses ("3(tiga)tahun").
std::string mend_ocr_splits(const std::string& lower, std::initializer_list<std::string_view> keywords);

}  // namespace berkas::ingest::internal
