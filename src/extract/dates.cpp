#include "extract/dates.h"

#include <array>
#include <cstdio>

namespace berkas::extract {
namespace {

// ---------------------------------------------------------------- tokens

// The text is read as tokens made on demand (no token list: 16 MiB of text would need hundreds of
// MiB of tokens). A pattern looks at most a few tokens ahead and three behind, so the whole scan
// is linear: each token is made a bounded number of times.
enum class Kind { end, word, number, punct };

struct Token {
  Kind kind = Kind::end;
  std::size_t begin = 0;
  std::size_t end = 0;
  bool attached = false;  // no white space between the token before and this one
  int value = -1;         // number: its value when it has at most 9 digits, else -1
  char mark = 0;          // punct: the ASCII character; '-' also for an en or em dash
  std::size_t size() const { return end - begin; }
};

bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
bool is_letter(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// The bytes of white space at `i`: ASCII space and control spaces, and the no-break and other
// spaces word processors and chat apps write (U+00A0, U+2000..U+200B, U+202F); 0 if none.
std::size_t space_at(std::string_view t, std::size_t i) {
  const auto c = static_cast<unsigned char>(t[i]);
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
  if (c == 0xC2 && i + 1 < t.size() && static_cast<unsigned char>(t[i + 1]) == 0xA0) return 2;
  if (c == 0xE2 && i + 2 < t.size() && static_cast<unsigned char>(t[i + 1]) == 0x80) {
    const auto d = static_cast<unsigned char>(t[i + 2]);
    if ((d >= 0x80 && d <= 0x8B) || d == 0xAF) return 3;
  }
  return 0;
}

// An en or em dash (U+2013, U+2014), read as '-': "12–15 Februari 2024".
bool dash_at(std::string_view t, std::size_t i) {
  return i + 2 < t.size() && static_cast<unsigned char>(t[i]) == 0xE2 &&
         static_cast<unsigned char>(t[i + 1]) == 0x80 &&
         (static_cast<unsigned char>(t[i + 2]) == 0x93 || static_cast<unsigned char>(t[i + 2]) == 0x94);
}

// The token at or after `pos`.
Token lex(std::string_view t, std::size_t pos) {
  std::size_t i = pos;
  while (i < t.size()) {
    const std::size_t s = space_at(t, i);
    if (s == 0) break;
    i += s;
  }
  Token k;
  k.begin = i;
  k.attached = i == pos;
  if (i >= t.size()) {
    k.end = i;
    return k;
  }
  const auto c = static_cast<unsigned char>(t[i]);
  std::size_t j = i;
  if (is_digit(c)) {
    k.kind = Kind::number;
    long v = 0;
    while (j < t.size() && is_digit(static_cast<unsigned char>(t[j]))) {
      if (j - i < 9) v = v * 10 + (t[j] - '0');
      ++j;
    }
    k.value = j - i <= 9 ? static_cast<int>(v) : -1;
  } else if (dash_at(t, i)) {
    k.kind = Kind::punct;
    k.mark = '-';
    j = i + 3;
  } else if (is_letter(c) || c >= 0x80) {
    k.kind = Kind::word;
    while (j < t.size()) {
      const auto d = static_cast<unsigned char>(t[j]);
      if (!(is_letter(d) || (d >= 0x80 && space_at(t, j) == 0 && !dash_at(t, j)))) break;
      ++j;
    }
  } else {
    k.kind = Kind::punct;
    k.mark = static_cast<char>(c);
    j = i + 1;
  }
  k.end = j;
  return k;
}

// The last tokens before the one in hand, most recent first.
struct History {
  std::array<Token, 3> tokens{};
  int count = 0;
  void push(const Token& t) {
    tokens[2] = tokens[1];
    tokens[1] = tokens[0];
    tokens[0] = t;
    if (count < 3) ++count;
  }
  const Token* at(int i) const { return i < count ? &tokens[static_cast<std::size_t>(i)] : nullptr; }
};

struct Scan {
  std::string_view text;
  bool typed = false;  // parse_date: a bare year and "YYYY-MM" are dates too

  Token next(const Token& t) const { return lex(text, t.end); }

  // A word, lower-cased; empty when `t` is not a word or is too long to be one we know.
  std::string_view word(const Token& t, std::array<char, 16>& buf) const {
    if (t.kind != Kind::word || t.size() > buf.size()) return {};
    for (std::size_t i = 0; i < t.size(); ++i) buf[i] = lower(text[t.begin + i]);
    return {buf.data(), t.size()};
  }
  bool is(const Token& t, std::string_view w) const {
    if (t.kind != Kind::word || t.size() != w.size()) return false;
    for (std::size_t i = 0; i < w.size(); ++i)
      if (lower(text[t.begin + i]) != w[i]) return false;
    return true;
  }
  template <std::size_t N>
  bool is_any(const Token& t, const std::array<std::string_view, N>& words) const {
    for (auto w : words)
      if (is(t, w)) return true;
    return false;
  }
  static bool is_mark(const Token& t, char c) { return t.kind == Kind::punct && t.mark == c; }
};

// ---------------------------------------------------------------- words

struct Named {
  std::string_view name;
  int value;
};

constexpr Named k_months[] = {
    {"januari", 1},   {"jan", 1},       {"january", 1},   {"februari", 2},  {"feb", 2},
    {"pebruari", 2},  {"february", 2},  {"maret", 3},     {"mar", 3},       {"march", 3},
    {"april", 4},     {"apr", 4},       {"mei", 5},       {"may", 5},       {"juni", 6},
    {"jun", 6},       {"june", 6},      {"juli", 7},      {"jul", 7},       {"july", 7},
    {"agustus", 8},   {"agt", 8},       {"agu", 8},       {"agust", 8},     {"aug", 8},
    {"august", 8},    {"september", 9}, {"sep", 9},       {"sept", 9},      {"oktober", 10},
    {"okt", 10},      {"oct", 10},      {"october", 10},  {"november", 11}, {"nov", 11},
    {"nop", 11},      {"nopember", 11}, {"desember", 12}, {"des", 12},      {"dec", 12},
    {"december", 12},
};

int month_of(const Scan& s, const Token& t) {
  std::array<char, 16> buf{};
  const std::string_view w = s.word(t, buf);
  if (w.empty()) return 0;
  for (const auto& m : k_months)
    if (m.name == w) return m.value;
  return 0;
}

constexpr std::array<Named, 9> k_units{{{"satu", 1}, {"dua", 2}, {"tiga", 3}, {"empat", 4}, {"lima", 5},
                                        {"enam", 6}, {"tujuh", 7}, {"delapan", 8}, {"sembilan", 9}}};

struct Part {
  int value = -1;
  Token last;
};

// A number written in Indonesian words, as court documents write dates: "dua belas" 12, "tiga
// puluh satu" 31, "dua ribu dua puluh empat" 2024, "seribu sembilan ratus sembilan puluh delapan"
// 1998. Magnitudes must fall ("dua puluh tiga ratus" stops before "ratus"); at most 12 words.
std::optional<Part> words_number(const Scan& s, Token t) {
  long total = 0;
  long group = 0;
  long pending = 0;         // a unit word waiting for belas / puluh / ratus / ribu
  long last_scale = 10000;  // the scale last added to `group`; the next must be smaller
  int words = 0;
  Token last;
  std::array<char, 16> buf{};
  for (; words < 12 && t.kind == Kind::word; t = s.next(t)) {
    const std::string_view w = s.word(t, buf);
    int unit = 0;
    for (const auto& u : k_units)
      if (u.name == w) unit = u.value;
    if (unit != 0) {
      if (pending != 0 || last_scale <= 1) break;
      pending = unit;
    } else if (w == "belas" || w == "puluh" || w == "ratus") {
      const long scale = w == "ratus" ? 100 : 10;
      if (pending == 0 || last_scale <= scale) break;
      group += w == "belas" ? pending + 10 : pending * scale;
      pending = 0;
      last_scale = w == "belas" ? 1 : scale;
    } else if (w == "sepuluh" || w == "sebelas" || w == "seratus") {
      const long scale = w == "seratus" ? 100 : 10;
      if (pending != 0 || last_scale <= scale) break;
      group += w == "sepuluh" ? 10 : w == "sebelas" ? 11 : 100;
      last_scale = w == "seratus" ? 100 : 1;
    } else if (w == "ribu" || w == "seribu") {
      const bool have_group = group + pending != 0;  // "dua ribu" needs one, "seribu" none
      if (total != 0 || (w == "ribu" ? !have_group : have_group)) break;
      total = w == "seribu" ? 1000 : (group + pending) * 1000;
      group = pending = 0;
      last_scale = 1000;
    } else {
      break;
    }
    ++words;
    last = t;
  }
  if (words == 0) return std::nullopt;
  return Part{static_cast<int>(total + group + pending), last};
}

bool is_number_word(const Scan& s, const Token& t) {
  static constexpr std::array<std::string_view, 8> k_others{"belas", "puluh", "ratus", "ribu",
                                                            "sepuluh", "sebelas", "seratus", "seribu"};
  std::array<char, 16> buf{};
  const std::string_view w = s.word(t, buf);
  if (w.empty()) return false;
  for (const auto& u : k_units)
    if (u.name == w) return true;
  return s.is_any(t, k_others);
}

// ---------------------------------------------------------------- boundaries

// Nothing glued before `t` that would make it part of a longer number or a code: a letter or
// digit right before it, or (strict) a separator right after a digit ("981/12/05/2024", "+62").
bool clear_before(const History& h, const Token& t, bool strict) {
  const Token* p = h.at(0);
  if (p == nullptr || !t.attached) return true;
  if (p->kind == Kind::word || p->kind == Kind::number) return false;
  if (p->mark == '+') return false;
  if (!strict) return true;
  const Token* q = h.at(1);
  const bool separator = p->mark == '/' || p->mark == '-' || p->mark == '.' || p->mark == ',' || p->mark == ':';
  return !(separator && q != nullptr && p->attached && q->kind == Kind::number);
}

// Nothing glued after `last` that would make it part of a longer number or a code: a letter or
// digit right after it, "/" or "-" before a letter or digit ("2025/PN"), "." or "," before a digit
// ("1.2.2024.5"). A sentence's full stop or comma is fine.
bool clear_after(const Scan& s, const Token& last) {
  const Token n = s.next(last);
  if (n.kind == Kind::end || !n.attached) return true;
  if (n.kind == Kind::word || n.kind == Kind::number) return false;
  const Token m = s.next(n);
  if (!m.attached) return true;
  if (n.mark == '/' || n.mark == '-') return m.kind != Kind::number && m.kind != Kind::word;
  if (n.mark == '.' || n.mark == ',' || n.mark == ':') return m.kind != Kind::number;
  return true;
}

// The word before the token in hand, over one ':' or '.' ("No. 12/03/2024", "Nomor: ...").
template <std::size_t N>
bool after_word(const Scan& s, const History& h, const std::array<std::string_view, N>& words) {
  const Token* p = h.at(0);
  if (p != nullptr && (p->mark == ':' || p->mark == '.')) p = h.at(1);
  if (p == nullptr) return false;
  return s.is_any(*p, words);
}

// Words after which digits are an amount, a number or a version, never a date.
constexpr std::array<std::string_view, 21> k_not_date_after{
    "rp",  "idr", "usd",  "nomor", "nomer", "no", "nr", "number", "versi", "version", "ver",
    "v",   "telp", "tlp", "tel",   "hp",    "wa", "phone", "nik", "reg",   "register"};

// ---------------------------------------------------------------- dates

struct Found {
  bool valid = false;
  int year = 0;
  int month = 0;
  int day = 0;
  DatePrecision precision = DatePrecision::day;
  std::size_t begin = 0;
  std::size_t end = 0;      // end of the date
  std::size_t end_all = 0;  // end of the date and its time
  Token last;               // the last token read (of the date or its time)
  std::string time;
};

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

bool real_day(int y, int m, int d) {
  static constexpr std::array<int, 12> k_days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= k_days[static_cast<std::size_t>(m - 1)] + (m == 2 && leap(y) ? 1 : 0);
}

constexpr int k_first_year = 1900;  // a year with a month (or in d/m/y) is read in 1900..2100
constexpr int k_last_year = 2100;
constexpr int k_first_bare_year = 1950;  // a year alone ("pada 2023") only in 1950..2100

Found day_found(const Token& first, const Token& last, int y, int m, int d) {
  Found f;
  f.valid = y >= k_first_year && y <= k_last_year && real_day(y, m, d);
  f.year = y;
  f.month = m;
  f.day = d;
  f.precision = DatePrecision::day;
  f.begin = first.begin;
  f.end = f.end_all = last.end;
  f.last = last;
  return f;
}

// A year in digits at `t`: four digits, or (split_ok, right after a month) one OCR split in two
// by a single space, "202 4" or "20 24", starting with 1 or 2.
std::optional<Part> digit_year(const Scan& s, const Token& t, bool split_ok) {
  if (t.kind != Kind::number) return std::nullopt;
  if (t.size() == 4) return Part{t.value, t};
  if (!split_ok || t.size() < 2 || t.size() > 3 || (s.text[t.begin] != '1' && s.text[t.begin] != '2'))
    return std::nullopt;
  const Token u = s.next(t);
  if (u.kind != Kind::number || u.begin != t.end + 1 || s.text[t.end] != ' ' || t.size() + u.size() != 4)
    return std::nullopt;
  return Part{t.value * (u.size() == 1 ? 10 : 100) + u.value, u};
}

// A year after a month: digits (an OCR split allowed) or Indonesian words; nothing glued after.
std::optional<Part> year_after_month(const Scan& s, const Token& t) {
  std::optional<Part> y = digit_year(s, t, true);
  if (!y && t.kind == Kind::word) {
    y = words_number(s, t);
    if (y && (y->value < k_first_year || y->value > k_last_year)) y.reset();
  }
  if (!y || !clear_after(s, y->last)) return std::nullopt;
  return y;
}

// An ordinal suffix glued to a day: "12th", "1st".
Token with_ordinal(const Scan& s, const Token& day) {
  const Token n = s.next(day);
  if (n.attached && (s.is(n, "st") || s.is(n, "nd") || s.is(n, "rd") || s.is(n, "th"))) return n;
  return day;
}

// A time after a day: "pukul 09.15 WIB", "sekira jam 21:30", "pkl. 14.00 WITA", "at 9:15 pm";
// bare "09:15", "09.15 WIB" (dots only with a zone) and ISO's "T09:15" right after the date.
struct Time {
  std::string text;
  Token last;
};

std::optional<Time> time_after(const Scan& s, const Token& date_last) {
  static constexpr std::array<std::string_view, 9> k_skip{
      "sekira", "sekitar", "kurang", "lebih", "kira", "pada", "around", "about", "approximately"};
  static constexpr std::array<std::string_view, 5> k_intro{"pukul", "pkl", "pk", "jam", "at"};
  Token t = s.next(date_last);
  int skipped = 0;
  while (skipped < 4 && (Scan::is_mark(t, ',') || Scan::is_mark(t, '-') || s.is_any(t, k_skip))) {
    t = s.next(t);
    ++skipped;
  }
  bool intro = false;
  if (s.is_any(t, k_intro)) {
    intro = true;
    t = s.next(t);
    if (Scan::is_mark(t, '.') && t.attached) t = s.next(t);
  } else if (skipped != 0) {
    return std::nullopt;
  } else if ((s.is(t, "t")) && t.attached) {
    t = s.next(t);
    if (!t.attached) return std::nullopt;
  } else if (t.attached) {
    return std::nullopt;
  }
  if (t.kind != Kind::number || t.size() > 2) return std::nullopt;
  const Token sep = s.next(t);
  if (!sep.attached || !(sep.mark == '.' || sep.mark == ':')) return std::nullopt;
  const Token mm = s.next(sep);
  if (!mm.attached || mm.kind != Kind::number || mm.size() != 2) return std::nullopt;
  int hour = t.value;
  const int minute = mm.value;
  Token last = mm;
  const Token p = s.next(last);
  if (p.attached && p.mark == sep.mark) {
    const Token ss = s.next(p);
    if (ss.attached && ss.kind == Kind::number && ss.size() == 2) last = ss;
  }
  static constexpr std::array<std::string_view, 5> k_zones{"wib", "wita", "wit", "utc", "gmt"};
  Token n = s.next(last);
  bool zone = false;
  if (s.is_any(n, k_zones)) {
    zone = true;
    last = n;
    n = s.next(n);
  }
  if (s.is(n, "am") || s.is(n, "pm")) {
    if (hour < 1 || hour > 12) return std::nullopt;
    hour = (hour % 12) + (s.is(n, "pm") ? 12 : 0);
    last = n;
  }
  if (!intro && sep.mark == '.' && !zone) return std::nullopt;
  if (hour > 23 || minute > 59 || !clear_after(s, last)) return std::nullopt;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d:%02d", hour, minute);
  return Time{buf, last};
}

void add_time(const Scan& s, Found& f) {
  if (!f.valid || f.precision != DatePrecision::day) return;
  if (auto t = time_after(s, f.last)) {
    f.time = t->text;
    f.end_all = t->last.end;
    f.last = t->last;
  }
}

// Numbers: "05/03/2024", "5-3-2024", "5.3.2024", "05/03/24", "2024-03-05" (and, typed,
// "2024-03" and "2024").
std::optional<Found> numeric(const Scan& s, const History& h, const Token& n1) {
  if (n1.size() > 4) return std::nullopt;
  const bool context_ok = clear_before(h, n1, true) && !after_word(s, h, k_not_date_after);
  const Token p1 = s.next(n1);
  const bool sep1 = p1.attached && (p1.mark == '/' || p1.mark == '-' || p1.mark == '.');
  if (!sep1) {
    if (s.typed && context_ok && n1.size() == 4 && clear_after(s, n1) && n1.value >= k_first_year &&
        n1.value <= k_last_year) {
      Found f;
      f.valid = true;
      f.year = n1.value;
      f.precision = DatePrecision::year;
      f.begin = n1.begin;
      f.end = f.end_all = n1.end;
      f.last = n1;
      return f;
    }
    return std::nullopt;
  }
  const Token n2 = s.next(p1);
  if (!n2.attached || n2.kind != Kind::number || n2.size() > 2) return std::nullopt;
  const Token p2 = s.next(n2);
  if (!(p2.attached && p2.mark == p1.mark)) {
    if (s.typed && context_ok && n1.size() == 4 && p1.mark == '-' && n2.size() == 2 && clear_after(s, n2)) {
      Found f;
      f.valid = n1.value >= k_first_year && n1.value <= k_last_year && n2.value >= 1 && n2.value <= 12;
      f.year = n1.value;
      f.month = n2.value;
      f.precision = DatePrecision::month;
      f.begin = n1.begin;
      f.end = f.end_all = n2.end;
      f.last = n2;
      return f;
    }
    return std::nullopt;
  }
  const Token n3 = s.next(p2);
  if (!n3.attached || n3.kind != Kind::number || !context_ok) return std::nullopt;
  int y = 0;
  int m = n2.value;
  int d = 0;
  if (n1.size() == 4 && n3.size() <= 2) {
    y = n1.value;
    d = n3.value;
  } else if (n1.size() <= 2 && n3.size() == 4) {
    d = n1.value;
    y = n3.value;
  } else if (n1.size() <= 2 && n3.size() == 2 && p1.mark != '.') {
    // Two-digit years only as d/m/yy with "/" or "-": with dots they are times and versions.
    d = n1.value;
    y = n3.value < 70 ? 2000 + n3.value : 1900 + n3.value;
  } else {
    return std::nullopt;
  }
  Found f = day_found(n1, n3, y, m, d);
  add_time(s, f);
  if (!clear_after(s, f.last)) return std::nullopt;
  return f;
}

// Day first: "12 Februari 2024", "12-Feb-2024", "tanggal 5 bulan Maret tahun 2024", "12th of
// February 2024", "12 (dua belas) Februari 2024", "dua belas bulan Februari tahun dua ribu ...".
std::optional<Found> day_first(const Scan& s, const History& h, const Token& first) {
  int day = 0;
  Token dlast = first;
  if (first.kind == Kind::number) {
    if (first.size() > 2 || !clear_before(h, first, false)) return std::nullopt;
    day = first.value;
    dlast = with_ordinal(s, first);
    // Court documents repeat the number in words: "12 (dua belas) Februari 2024".
    const Token open = s.next(dlast);
    if (Scan::is_mark(open, '(')) {
      if (auto w = words_number(s, s.next(open)); w && w->value == day) {
        const Token close = s.next(w->last);
        if (Scan::is_mark(close, ')')) dlast = close;
      }
    }
  } else {
    // Words start a number only at its first word: "tiga belas" inside "dua puluh tiga belas" is
    // not a day of its own.
    if (const Token* p = h.at(0); p != nullptr && is_number_word(s, *p)) return std::nullopt;
    auto w = words_number(s, first);
    if (!w || w->value > 99) return std::nullopt;
    day = w->value;
    dlast = w->last;
  }
  Token t = s.next(dlast);
  char sep = 0;
  if (t.attached && (t.mark == '-' || t.mark == '/' || t.mark == '.')) {
    sep = t.mark;
    t = s.next(t);
    if (!t.attached) return std::nullopt;
  }
  if (sep == 0 && (s.is(t, "bulan") || s.is(t, "of"))) t = s.next(t);
  const int month = month_of(s, t);
  if (month == 0) return std::nullopt;
  t = s.next(t);
  if (sep != 0) {
    if (!(t.attached && t.mark == sep)) return std::nullopt;
    t = s.next(t);
    if (!t.attached) return std::nullopt;
  } else {
    if (Scan::is_mark(t, '.') && t.attached) t = s.next(t);
    if (Scan::is_mark(t, ',')) t = s.next(t);
    if (s.is(t, "tahun")) t = s.next(t);
  }
  const auto y = year_after_month(s, t);
  if (!y) return std::nullopt;
  Found f = day_found(first, y->last, y->value, month, day);
  add_time(s, f);
  return f;
}

// Month first: "February 12, 2024" (day), "Maret 2024", "bulan Maret tahun 2024" (month).
std::optional<Found> month_first(const Scan& s, const History& h, const Token& first) {
  const int month = month_of(s, first);
  if (month == 0) return std::nullopt;
  Token t = s.next(first);
  if (Scan::is_mark(t, '.') && t.attached) t = s.next(t);
  if (t.kind == Kind::number && t.size() <= 2 && !t.attached) {
    const Token dlast = with_ordinal(s, t);
    Token u = s.next(dlast);
    if (Scan::is_mark(u, ',') && u.attached) u = s.next(u);
    if (u.kind == Kind::number && u.size() == 4 && !u.attached && clear_after(s, u)) {
      Found f = day_found(first, u, u.value, month, t.value);
      add_time(s, f);
      return f;
    }
  }
  if (Scan::is_mark(t, ',') || (t.attached && (t.mark == '-' || t.mark == '/'))) t = s.next(t);
  if (s.is(t, "tahun")) t = s.next(t);
  const auto y = year_after_month(s, t);
  if (!y) return std::nullopt;
  // A number right before the month that was not read as its day ("dua puluh tiga belas Mei
  // 2024", "100 Mei 2024") makes the whole of it no date, not a month.
  const Token* p = h.at(0);
  const bool day_refused = p != nullptr && ((p->kind == Kind::number && p->size() <= 3) || is_number_word(s, *p));
  Found f;
  f.valid = !day_refused && y->value >= k_first_year && y->value <= k_last_year;
  f.year = y->value;
  f.month = month;
  f.precision = DatePrecision::month;
  f.begin = first.begin;
  f.end = f.end_all = y->last.end;
  f.last = y->last;
  return f;
}

// A year alone, introduced: "tahun 2023", "pada tahun 2023", "pada 2023", "sejak 2019", "tahun dua
// ribu dua puluh tiga". Not a law's or the State Gazette's year: "Nomor 21 Tahun 2007", "UU 21
// Tahun 2007", "Lembaran Negara Republik Indonesia Tahun 2007 Nomor 58".
std::optional<Found> year_alone(const Scan& s, const History& h, const Token& first) {
  const bool tahun_first = s.is(first, "tahun");
  if (!tahun_first && !s.is(first, "pada") && !s.is(first, "sejak")) return std::nullopt;
  Token t = s.next(first);
  bool tahun = tahun_first;
  if (!tahun && s.is(t, "tahun")) {
    tahun = true;
    t = s.next(t);
  }
  if (tahun_first) {
    const Token* p = h.at(0);
    if (p != nullptr && (p->kind == Kind::number || s.is(*p, "indonesia"))) return std::nullopt;
    for (int i = 0; i < 3; ++i)
      if (const Token* q = h.at(i); q != nullptr && (s.is(*q, "nomor") || s.is(*q, "no") || s.is(*q, "nomer")))
        return std::nullopt;
  }
  std::optional<Part> y;
  if (t.kind == Kind::number && t.size() == 4 && !t.attached) {
    y = Part{t.value, t};
  } else if (tahun && t.kind == Kind::word) {
    y = words_number(s, t);
  }
  if (!y || y->value < k_first_bare_year || y->value > k_last_year || !clear_after(s, y->last))
    return std::nullopt;
  const Token n = s.next(y->last);
  if (s.is(n, "nomor") || s.is(n, "no")) return std::nullopt;
  // "pada 2000 orang": after pada / sejak, a number of people or things is not a year.
  static constexpr std::array<std::string_view, 16> k_counted{
      "orang", "jiwa",  "kali",  "buah",  "unit",  "meter", "km",    "kg",
      "rupiah", "dolar", "dollar", "usd", "lembar", "ekor", "korban", "pekerja"};
  if (!tahun && s.is_any(n, k_counted)) return std::nullopt;
  Found f;
  f.valid = true;
  f.year = y->value;
  f.precision = DatePrecision::year;
  f.begin = t.begin;
  f.end = f.end_all = y->last.end;
  f.last = y->last;
  return f;
}

std::optional<Found> match_at(const Scan& s, const History& h, const Token& t) {
  if (t.kind == Kind::number) {
    if (auto f = numeric(s, h, t)) return f;
    return day_first(s, h, t);
  }
  if (t.kind == Kind::word) {
    if (auto f = year_alone(s, h, t)) return f;
    if (auto f = month_first(s, h, t)) return f;
    return day_first(s, h, t);
  }
  return std::nullopt;
}

// Every date of `text`, valid ones only; a structure that reads as a date but is not a real one
// ("31 Februari 2024") is passed over whole, so no part of it is read as another date.
std::vector<Found> scan(std::string_view text, std::size_t max_found, bool typed) {
  const Scan s{text, typed};
  std::vector<Found> found;
  History h;
  Token t = lex(text, 0);
  while (t.kind != Kind::end && found.size() < max_found) {
    if (auto f = match_at(s, h, t)) {
      if (f->valid) found.push_back(*f);
      h.push(f->last);
      t = s.next(f->last);
      continue;
    }
    h.push(t);
    t = s.next(t);
  }
  return found;
}

WrittenDate written(const Found& f) {
  char buf[48];
  switch (f.precision) {
    case DatePrecision::day:
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", f.year, f.month, f.day);
      break;
    case DatePrecision::month:
      std::snprintf(buf, sizeof buf, "%04d-%02d", f.year, f.month);
      break;
    case DatePrecision::year:
      std::snprintf(buf, sizeof buf, "%04d", f.year);
      break;
  }
  WrittenDate w;
  w.date = buf;
  w.precision = f.precision;
  w.time = f.time;
  w.offset = f.begin;
  w.length = f.end - f.begin;
  return w;
}

}  // namespace

std::vector<WrittenDate> find_dates(std::string_view text, std::size_t max_found, std::size_t max_bytes) {
  if (text.size() > max_bytes) {
    // Cut at white space, so that "2024" is never read as "20".
    std::size_t cut = max_bytes;
    while (cut > 0 && space_at(text, cut) == 0 && space_at(text, cut - 1) == 0) --cut;
    text = text.substr(0, cut);
  }
  std::vector<WrittenDate> out;
  for (const Found& f : scan(text, max_found, false)) out.push_back(written(f));
  return out;
}

std::optional<WrittenDate> parse_date(std::string_view typed) {
  if (typed.size() > 256) return std::nullopt;
  std::size_t lead = 0;
  while (lead < typed.size() && space_at(typed, lead) != 0) lead += space_at(typed, lead);
  std::string_view t = typed.substr(lead);
  while (!t.empty() && (t.back() == ' ' || t.back() == '\t' || t.back() == '\n' || t.back() == '\r'))
    t.remove_suffix(1);
  const auto found = scan(t, 2, true);
  if (found.size() != 1 || found[0].end_all != t.size()) return std::nullopt;
  // Before the date only a day of the week and words that introduce a date.
  static constexpr std::array<std::string_view, 26> k_before{
      "hari",   "tanggal", "tgl",    "tahun",   "bulan",    "pada",     "sejak",  "on",    "the",
      "senin",  "selasa",  "rabu",   "kamis",   "jumat",    "jum",      "at",     "sabtu", "minggu",
      "ahad",   "monday",  "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
  const Scan s{t, true};
  for (Token k = lex(t, 0); k.kind != Kind::end && k.begin < found[0].begin; k = s.next(k)) {
    const bool mark = k.kind == Kind::punct && (k.mark == ',' || k.mark == '.' || k.mark == ':' || k.mark == '\'');
    if (!mark && !s.is_any(k, k_before)) return std::nullopt;
  }
  WrittenDate w = written(found[0]);
  w.offset += lead;
  return w;
}

}  // namespace berkas::extract
