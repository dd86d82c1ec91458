// ingest/internal/decision_text: the small readers shared by the readers of court decisions.
#include "ingest/internal/decision_text.h"

#include <algorithm>
#include <array>
#include <cstdio>

#include "core/text.h"

namespace berkas::ingest::internal {

std::string trim(std::string_view s, std::string_view chars) {
  const auto b = s.find_first_not_of(chars);
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(chars);
  return std::string(s.substr(b, e - b + 1));
}


// Word-boundary find of a lower-case needle in `lower`, from `from`, before `to`.
std::size_t find_word(const std::string& lower, std::string_view needle, std::size_t from,
                      std::size_t to) {
  to = std::min(to, lower.size());
  // Never looks past the window: a loop of windowed searches stays linear.
  const std::string_view window = std::string_view(lower).substr(0, to);
  std::size_t p = from;
  while ((p = window.find(needle, p)) != npos) {
    const bool left_ok = p == 0 || !is_alpha(lower[p - 1]);
    const bool right_ok = p + needle.size() == lower.size() || !is_alpha(lower[p + needle.size()]) ||
                          !is_alpha(needle.back());
    if (left_ok && right_ok) return p;
    ++p;
  }
  return npos;
}

// Plain find of `needle` that starts in [from, to): never looks past the window, so a loop of
// windowed searches stays linear.
std::size_t find_in(const std::string& s, std::string_view needle, std::size_t from, std::size_t to) {
  to = std::min(to, s.size());
  if (from >= to) return npos;
  const std::size_t p = std::string_view(s).substr(0, std::min(s.size(), to + needle.size())).find(needle, from);
  return p < to ? p : npos;
}

std::size_t rfind_word(const std::string& lower, std::string_view needle, std::size_t before) {
  std::size_t found = npos;
  std::size_t p = 0;
  while ((p = find_word(lower, needle, p, before)) != npos) {
    found = p;
    ++p;
  }
  return found;
}

// Indonesian number words ("dua ratus lima puluh", "lima belas") → value; nullopt if `words`
// holds anything else.
std::optional<std::int64_t> number_words(const std::vector<std::string>& words) {
  static const std::array<std::pair<std::string_view, int>, 10> units{{{"nol", 0},
                                                                        {"satu", 1},
                                                                        {"dua", 2},
                                                                        {"tiga", 3},
                                                                        {"empat", 4},
                                                                        {"lima", 5},
                                                                        {"enam", 6},
                                                                        {"tujuh", 7},
                                                                        {"delapan", 8},
                                                                        {"sembilan", 9}}};
  if (words.empty()) return std::nullopt;
  std::int64_t total = 0, group = 0, unit = 0;
  for (const auto& w : words) {
    auto u = std::find_if(units.begin(), units.end(), [&](const auto& p) { return p.first == w; });
    if (u != units.end()) unit = u->second;
    else if (w == "sepuluh") group += 10;
    else if (w == "sebelas") group += 11;
    else if (w == "seratus") group += 100;
    else if (w == "belas") { group += unit + 10; unit = 0; }
    else if (w == "puluh") { group += unit * 10; unit = 0; }
    else if (w == "ratus") { group += unit * 100; unit = 0; }
    else if (w == "seribu") total += 1000;
    else if (w == "ribu") { total += (group + unit) * 1000; group = unit = 0; }
    else if (w == "juta") { total += (group + unit) * 1000000; group = unit = 0; }
    else if (w == "miliar" || w == "milyar") { total += (group + unit) * 1000000000LL; group = unit = 0; }
    else return std::nullopt;
  }
  return total + group + unit;
}

// "Rp200.000.000,00", "Rp. 120.000.000,-", "Rp 120 juta" at `p` (pointing at "rp" in `lower`).
std::optional<std::int64_t> rupiah_at(const std::string& lower, std::size_t p) {
  std::size_t i = p + 2;
  while (i < lower.size() && (lower[i] == '.' || lower[i] == ' ')) ++i;
  std::string digits;
  while (i < lower.size() && (is_digit(lower[i]) || (lower[i] == '.' && i + 1 < lower.size() &&
                                                     is_digit(lower[i + 1])))) {
    if (is_digit(lower[i])) digits += lower[i];
    ++i;
  }
  if (digits.empty() || digits.size() > 15) return std::nullopt;
  std::int64_t value = std::stoll(digits);
  for (auto [word, scale] : {std::pair<std::string_view, std::int64_t>{" juta", 1000000},
                             {" miliar", 1000000000LL}, {" milyar", 1000000000LL}, {" ribu", 1000}})
    if (lower.compare(i, word.size(), word) == 0)
      return value < 1000000000LL ? std::optional(value * scale) : std::nullopt;  // no overflow
  return value;
}

// The first "rp" amount in [from, to).
std::optional<std::pair<std::int64_t, std::size_t>> first_rupiah(const std::string& lower,
                                                                  std::size_t from, std::size_t to) {
  std::size_t p = from;
  while ((p = find_word(lower, "rp", p, to)) != npos) {
    if (auto v = rupiah_at(lower, p)) return std::pair{*v, p};
    ++p;
  }
  return std::nullopt;
}

// "tanggal 3 Maret 2025", "03 Maret 2025" in [from, to) of `lower` → ISO date and position.
std::optional<std::pair<core::Date, std::size_t>> find_date(const std::string& lower,
                                                            std::size_t from, std::size_t to) {
  static const std::array<std::string_view, 12> months{
      "januari", "februari", "maret", "april", "mei", "juni",
      "juli", "agustus", "september", "oktober", "november", "desember"};
  to = std::min(to, lower.size());
  for (std::size_t i = from; i < to; ++i) {
    if (!is_digit(lower[i]) || (i > 0 && (is_digit(lower[i - 1]) || is_alpha(lower[i - 1])))) continue;
    std::size_t j = i;
    while (j < to && is_digit(lower[j])) ++j;
    if (j - i > 2 || j >= to || lower[j] != ' ') continue;
    const int day = std::stoi(lower.substr(i, j - i));
    std::size_t k = j + 1;
    std::size_t e = k;
    while (e < to && is_alpha(lower[e])) ++e;
    std::string month(lower.substr(k, e - k));
    if (month == "pebruari") month = "februari";
    if (month == "nopember") month = "november";
    const auto m = std::find(months.begin(), months.end(), month);
    if (m == months.end() || e + 5 > to || lower[e] != ' ') continue;
    // Four digits, OCR sometimes splitting them with one space ("202 5").
    std::string year;
    std::size_t y = e + 1;
    bool split = false;
    while (y < lower.size() && year.size() < 4) {
      if (is_digit(lower[y])) year += lower[y];
      else if (lower[y] == ' ' && !split && !year.empty() && y + 1 < lower.size() && is_digit(lower[y + 1])) split = true;
      else break;
      ++y;
    }
    if (year.size() != 4 || (y < lower.size() && is_digit(lower[y]))) continue;
    char buf[16];
    std::snprintf(buf, sizeof buf, "%s-%02d-%02d", year.c_str(),
                  static_cast<int>(m - months.begin()) + 1, day);
    if (core::is_iso_date(buf)) return std::pair{core::Date(buf), i};
  }
  return std::nullopt;
}
// Published decisions are often OCR text: a word split by a stray space ("sel ama", "t ahun")
// and a number glued to its words ("3(tiga) tahun", "(lima belas)tahun"). Mends, in lower-case
// text, the splits of `keywords` (at word boundaries) and puts spaces around parentheses.
std::string mend_ocr_splits(const std::string& lower, std::initializer_list<std::string_view> keywords) {
  std::string s;
  s.reserve(lower.size() + 16);
  for (std::size_t i = 0; i < lower.size(); ++i) {
    const char c = lower[i];
    if (c == '(' && !s.empty() && s.back() != ' ') s += ' ';
    s += c;
    if (c == ')' && i + 1 < lower.size() && lower[i + 1] != ' ') s += ' ';
  }
  for (const auto k : keywords) {
    for (std::size_t j = 1; j < k.size(); ++j) {
      const std::string split = std::string(k.substr(0, j)) + ' ' + std::string(k.substr(j));
      for (std::size_t p = s.find(split); p != npos; p = s.find(split, p + 1)) {
        const bool start = p == 0 || !is_lower(s[p - 1]);
        const bool end = p + split.size() >= s.size() || !is_lower(s[p + split.size()]);
        if (start && end) s.replace(p, split.size(), std::string(k));
      }
    }
  }
  return s;
}

}  // namespace berkas::ingest::internal
