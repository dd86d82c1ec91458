#include "ingest/putusan_text.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <utility>
#include <vector>

#include "core/hash.h"
#include "core/text.h"
#include "ingest/citations.h"
#include "ingest/internal/decision_text.h"
#include "ingest/internal/ruling.h"

// How a decision is read
// ----------------------
// 1. Clean: the Supreme Court directory's PDFs carry a header, a side watermark, a disclaimer
//    and "Halaman n dari m" on every page; pdftotext interleaves them with the decision. Those
//    lines are dropped, words hyphenated across a line break are joined, white space inside a
//    line is squeezed. Nothing else is removed, so `text` keeps every word of the decision.
// 2. Flatten: a copy with all white space collapsed to one space (and a lower-case twin), so
//    phrases broken across lines ("Demikian\ndiputuskan") are still found.
// 3. Locate the parts by the formulas every Indonesian criminal decision uses: "Nomor" after
//    "PUTUSAN"; "Pengadilan ... yang mengadili perkara"; "Nama lengkap :"; the dakwaan after
//    "didakwa ... sebagai berikut" up to the next "Menimbang"; "Mengingat"/"Memperhatikan"
//    before the last "MENGADILI" (the last one: an appeal quotes the lower court's ruling, with
//    its own MENGADILI, before giving its own); the amar up to "Demikian diputuskan".
// Every search is a forward scan or bounded window, so hostile input costs linear time.

namespace berkas::ingest {
namespace {

using namespace internal;



bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// ---------------------------------------------------------------- cleaning

// The directory's disclaimer as one squeezed paragraph; pdftotext wraps it differently from
// file to file, so any long enough line that is a piece of it is furniture.
constexpr std::string_view k_disclaimer =
    "Disclaimer Kepaniteraan Mahkamah Agung Republik Indonesia berusaha untuk selalu mencantumkan "
    "informasi paling kini dan akurat sebagai bentuk komitmen Mahkamah Agung untuk pelayanan "
    "publik, transparansi dan akuntabilitas pelaksanaan fungsi peradilan. Namun dalam hal-hal "
    "tertentu masih dimungkinkan terjadi permasalahan teknis terkait dengan akurasi dan "
    "keterkinian informasi yang kami sajikan, hal mana akan terus kami perbaiki dari waktu "
    "kewaktu. Dalam hal Anda menemukan inakurasi informasi yang termuat pada situs ini atau "
    "informasi yang seharusnya ada, namun belum tersedia, maka harap segera hubungi "
    "Kepaniteraan Mahkamah Agung RI melalui : Email : kepaniteraan@mahkamahagung.go.id Telp : "
    "021-384 3348 (ext.318)";

// "Halaman 3 dari 45", "Hal. 3 dari 45 hal." anywhere in a short line.
bool has_page_of(std::string_view lower) {
  for (std::string_view word : {std::string_view("halaman"), std::string_view("hal."), std::string_view("hal ")}) {
    std::size_t p = 0;
    while ((p = lower.find(word, p)) != std::string_view::npos) {
      std::size_t i = p + word.size();
      p = i;
      while (i < lower.size() && lower[i] == ' ') ++i;
      const std::size_t d = i;
      while (i < lower.size() && is_digit(lower[i])) ++i;
      if (i == d || lower.substr(i, 6) != " dari ") continue;
      i += 6;
      if (i < lower.size() && is_digit(lower[i])) return true;
    }
  }
  return false;
}

// `line` is already squeezed.
bool is_furniture(const std::string& line) {
  if (line.empty()) return false;
  const std::string lower = core::ascii_lower(line);
  if (lower == "direktori putusan mahkamah agung republik indonesia" ||
      lower == "putusan.mahkamahagung.go.id" || lower == "disclaimer")
    return true;
  // The side watermark. Case-sensitive: an MA decision may carry "MAHKAMAH AGUNG" as a heading.
  if (line == "Mahkamah Agung Republik Indonesia") return true;
  if (lower.find("kepaniteraan@mahkamahagung.go.id") != std::string::npos ||
      lower.find("021-384 3348") != std::string::npos)
    return true;
  if (line.size() >= 16 && k_disclaimer.find(line) != std::string_view::npos) return true;
  if (line.size() <= 160 && has_page_of(lower)) return true;
  // "Halaman 3" alone (the disclaimer's last line when wrapped apart).
  if (starts_with(lower, "halaman ") && line.size() <= 14 &&
      std::all_of(line.begin() + 8, line.end(), is_digit))
    return true;
  return false;
}

// Letters at the end of `s` (before a trailing '-') and at the start of `t`.
std::string trailing_word(std::string_view s) {
  std::size_t b = s.size();
  while (b > 0 && is_alpha(s[b - 1])) --b;
  return std::string(s.substr(b));
}
std::string leading_word(std::string_view s) {
  std::size_t e = 0;
  while (e < s.size() && is_alpha(s[e])) ++e;
  return std::string(s.substr(0, e));
}

// Whether "left-\nright" is a word hyphenated by the layout ("pem-\nberantasan") rather than a
// word whose hyphen is part of it: reduplication ("anak-anak", "sebaik-baiknya") or a
// capitalised part ("Undang-\nUndang", "Soekarno-\nHatta").
bool is_layout_hyphen(const std::string& left, const std::string& right) {
  if (left.empty() || right.empty()) return false;
  if (!is_lower(left.back()) || !is_lower(right.front())) return false;
  const std::string l = core::ascii_lower(left);
  for (std::size_t k = std::min(l.size(), right.size()); k >= 3; --k)
    if (l.compare(l.size() - k, k, right, 0, k) == 0) return false;
  return true;
}

std::string clean_text(std::string_view raw) {
  std::string text = core::replace_all(std::string(raw), "\xC2\xA0", " ");  // NBSP
  std::vector<std::string> lines;
  for (auto& line : core::split(text, '\n')) {
    for (char& c : line)
      if (c == '\f' || c == '\r' || c == '\t' || c == '\v') c = ' ';
    std::string l = core::squeeze_space(line);
    if (!is_furniture(l)) lines.push_back(std::move(l));
  }
  std::vector<std::string> out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string line = std::move(lines[i]);
    // Join a word hyphenated at the end of the line with the start of the next one.
    while (line.size() >= 2 && line.back() == '-' && is_alpha(line[line.size() - 2]) &&
           i + 1 < lines.size() && !lines[i + 1].empty() && is_alpha(lines[i + 1][0])) {
      const std::string left = trailing_word(std::string_view(line).substr(0, line.size() - 1));
      const std::string right = leading_word(lines[i + 1]);
      if (is_layout_hyphen(left, right)) line.pop_back();
      line += lines[i + 1];
      ++i;
    }
    if (line.empty() && (out.empty() || out.back().empty())) continue;  // one blank line at most
    out.push_back(std::move(line));
  }
  while (!out.empty() && out.back().empty()) out.pop_back();
  std::string result;
  for (const auto& l : out) {
    result += l;
    result += '\n';
  }
  return result;
}

// ---------------------------------------------------------------- small readers


// ---------------------------------------------------------------- the parts

// "133/Pid.Sus/2025/PN Idm", "1234 K/Pid.Sus/2024", "45/PID.SUS/2024/PT DKI" at `p` in a
// line-structured text; the court code ends at the end of the line. Published decisions also
// write the classification with stray spaces ("84/Pid. Sus/2021/PN Sel": given back without
// them) and withhold the serial number ("-/Pid.Sus/2024/PN Tjk", "XX/Pid.Sus/2025/PN Kka":
// `withheld` is set).
std::optional<std::string> decision_number_at(const std::string& s, std::size_t p, bool& withheld) {
  std::size_t i = p;
  const std::size_t d = i;
  withheld = false;
  while (i < s.size() && is_digit(s[i]) && i - d <= 6) ++i;
  if (i == d) {
    // A withheld serial: dashes, X's or dots standing for the digits.
    while (i < s.size() && (s[i] == '-' || s[i] == 'X' || s[i] == 'x' || s[i] == '.') && i - d <= 6) ++i;
    if (i == d || i - d > 6) return std::nullopt;
    withheld = true;
  }
  if (i - d > 6) return std::nullopt;
  // Cassation (K) and review (PK) numbers: "1234 K/Pid.Sus/2024".
  std::size_t j = i;
  if (j < s.size() && s[j] == ' ') ++j;
  if (s.compare(j, 2, "K/") == 0) i = j + 1;
  else if (s.compare(j, 3, "PK/") == 0) i = j + 2;
  if (i >= s.size() || s[i] != '/') return std::nullopt;
  std::string number = s.substr(p, i - p + 1);
  ++i;
  const std::size_t c = i;
  std::string classification;
  while (i < s.size() && i - c <= 24) {
    if (is_alpha(s[i]) || s[i] == '.' || s[i] == '-') {
      classification += s[i++];
    } else if (s[i] == ' ' && i > c && s[i - 1] == '.' && i + 1 < s.size() && is_alpha(s[i + 1])) {
      ++i;  // "Pid. Sus"
    } else {
      break;
    }
  }
  if (classification.size() < 2 || classification.size() > 20 || i >= s.size() || s[i] != '/') return std::nullopt;
  number += classification + '/';
  ++i;
  const std::size_t y = i;
  while (i < s.size() && is_digit(s[i]) && i - y <= 4) ++i;
  if (i - y != 4 || (s[y] != '1' && s[y] != '2')) return std::nullopt;
  number += s.substr(y, 4);
  std::size_t end = i;
  if (i < s.size() && s[i] == '/') {
    // Court code: up to three short capitalised words on the same line ("PN Jkt.Pst", "PT DKI").
    std::size_t k = i + 1;
    for (int words = 0; words < 3 && k < s.size() && is_upper(s[k]); ++words) {
      std::size_t w = k;
      while (w < s.size() && s[w] != ' ' && s[w] != '\n' && w - k <= 12) ++w;
      const std::string word = trim(s.substr(k, w - k), ".,;:");
      if (w - k > 12 || word == "DEMI" || word == "Demi" || word == "Tanggal") break;
      end = w;
      if (w >= s.size() || s[w] != ' ') break;
      k = w + 1;
    }
  }
  number += s.substr(i, end - i);
  // Court codes never end in '.': a trailing one closes the sentence ("... PN Idm.").
  return trim(number, " ,;:.");
}

// The decision's number: the first one after a "Nomor" (the heading's, else the page footers'
// "Putusan Nomor ..."). When that one is withheld, a footer that gives the same number in full
// wins (same classification, year and court); else it stays withheld.
std::optional<std::string> find_number(const std::string& text, const std::string& lower, bool& withheld) {
  std::size_t p = 0;
  std::optional<std::string> first;
  withheld = false;
  while ((p = find_word(lower, "nomor", p)) != npos) {
    std::size_t i = p + 5;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\n' || text[i] == ':' || text[i] == '.'))
      ++i;
    bool w = false;
    if (auto n = decision_number_at(text, i, w)) {
      if (!first) {
        first = n;
        withheld = w;
        if (!w) return first;
      } else if (!w && p >= 8 && lower.compare(p - 8, 7, "putusan") == 0) {
        const auto tail = [](const std::string& x) { return x.substr(x.find('/')); };
        if (tail(*n) == tail(*first)) {
          withheld = false;
          return n;
        }
      }
    }
    p = p + 5;
  }
  return first;
}

// 1-based line of the "PUTUSAN" heading in the file as given (where the number belongs), 1
// when there is none.
int heading_line(std::string_view raw) {
  std::size_t start = 0;
  for (int n = 1; start < raw.size() && n < 200; ++n) {
    std::size_t e = raw.find('\n', start);
    if (e == npos) e = raw.size();
    std::string letters;
    for (char c : raw.substr(start, e - start))
      if (is_alpha(c)) letters += static_cast<char>(is_lower(c) ? c - 'a' + 'A' : c);
    if (letters == "PUTUSAN") return n;
    start = e + 1;
  }
  return 1;
}

// "Pengadilan Negeri" + its capitalised name, starting at `p` in the flat text.
std::string court_at(const std::string& flat, std::size_t p, std::size_t kind_words) {
  std::size_t i = p;
  std::vector<std::string> words;
  while (i < flat.size() && words.size() < kind_words + 6) {
    std::size_t e = flat.find(' ', i);
    if (e == npos) e = flat.size();
    std::string w = flat.substr(i, e - i);
    // An OCR split of the name's first letter ("T anjung"): joined again.
    if (words.size() >= kind_words && w.size() == 1 && is_upper(w[0]) && e + 1 < flat.size() &&
        is_lower(flat[e + 1])) {
      std::size_t e2 = flat.find(' ', e + 1);
      if (e2 == npos) e2 = flat.size();
      w += flat.substr(e + 1, e2 - e - 1);
      e = e2;
    }
    const bool trailing_comma = !w.empty() && (w.back() == ',' || w.back() == ';');
    w = trim(w, ",;:");
    // "Kelas IA Khusus" is the court's class, not its name.
    if (words.size() >= kind_words && (w.empty() || !is_upper(w[0]) || w == "Nomor" || w == "Kelas" || w == "KELAS")) break;
    words.push_back(w);
    if (trailing_comma) break;
    i = e + 1;
  }
  if (words.size() < kind_words) return {};
  std::string court;
  for (auto& w : words) {
    // An all-capitals court name reads better in the case it has in running text; short
    // words ("DKI") stay as they are.
    if (w.size() > 3 && std::none_of(w.begin(), w.end(), is_lower))
      for (std::size_t k = 1; k < w.size(); ++k)
        if (is_upper(w[k])) w[k] = static_cast<char>(w[k] - 'A' + 'a');
    if (!court.empty()) court += ' ';
    court += w;
  }
  return court;
}

std::string find_court(const Flat& f) {
  for (std::string_view verb : {"mengadili perkara", "memeriksa perkara", "memeriksa dan mengadili"}) {
    const std::size_t v = find_word(f.lower, verb);
    if (v == npos) continue;
    const std::size_t window = v > 160 ? v - 160 : 0;
    const std::size_t pn = rfind_word(f.lower, "pengadilan", v);
    const std::size_t ma = rfind_word(f.lower, "mahkamah agung", v);
    if (pn != npos && pn >= window && (ma == npos || pn > ma)) {
      std::string c = court_at(f.text, pn, 2);
      if (!c.empty()) return c;
    }
    if (ma != npos && ma >= window) return "Mahkamah Agung";
  }
  // Fallback: the court named in the closing formula.
  const std::size_t d = rfind_word(f.lower, "demikian diputuskan", f.lower.size());
  if (d != npos) {
    const std::size_t pn = find_word(f.lower, "pengadilan", d, d + 400);
    if (pn != npos) return court_at(f.text, pn, 2);
  }
  return {};
}

// The closing formula: "Demikian diputuskan dalam (rapat|sidang) permusyawaratan ... pada hari
// Senin, tanggal 3 Maret 2025 ... dan diucapkan dalam sidang terbuka untuk umum pada hari ...
// tanggal 5 Maret 2025 / pada hari itu juga". Dates elsewhere (the detention record) are not read.
struct Dates {
  core::Date deliberated, pronounced;
};
Dates find_decision_dates(const Flat& f) {
  Dates out;
  std::size_t d = rfind_word(f.lower, "demikian diputuskan", f.lower.size());
  if (d == npos) d = rfind_word(f.lower, "demikianlah diputuskan", f.lower.size());
  if (d != npos) {
    const std::size_t end = std::min(f.lower.size(), d + 2000);
    std::size_t u = find_word(f.lower, "diucapkan", d, end);
    const auto deliberated = find_date(f.lower, d, u == npos ? std::min(end, d + 600) : u);
    if (deliberated) out.deliberated = deliberated->first;
    if (u != npos) {
      // Pronounced on its own day, unless "pada hari itu juga" (the day of deliberation).
      const auto pronounced = find_date(f.lower, u, std::min(end, u + 400));
      const std::size_t same_day = f.lower.find("itu juga", u);
      const bool same = same_day != npos && same_day < u + 200 &&
                        (!pronounced || same_day < pronounced->second);
      if (same) out.pronounced = out.deliberated;
      else if (pronounced) out.pronounced = pronounced->first;
    }
    return out;
  }
  const std::size_t u = rfind_word(f.lower, "diucapkan dalam sidang terbuka", f.lower.size());
  if (u != npos)
    if (auto dt = find_date(f.lower, u, u + 400)) out.pronounced = dt->first;
  // A court order (penetapan) closes "Ditetapkan di Indramayu, pada tanggal ..." / "Demikian
  // ditetapkan pada hari ...": the day it was made.
  if (out.pronounced.empty()) {
    std::size_t t = rfind_word(f.lower, "ditetapkan di", f.lower.size());
    const std::size_t dt2 = rfind_word(f.lower, "demikian ditetapkan", f.lower.size());
    if (dt2 != npos && (t == npos || dt2 > t)) t = dt2;
    if (t != npos)
      if (auto dt = find_date(f.lower, t, t + 400)) out.pronounced = dt->first;
  }
  return out;
}

// A run of capitalised name words ("BUDI FIKTIF bin CONTOH alias MAMI") at `p`.
std::string name_run(const std::string& flat, std::size_t p) {
  std::vector<std::string> words;
  std::size_t i = p;
  int caps = 0;
  while (i < flat.size() && words.size() < 12) {
    std::size_t e = flat.find(' ', i);
    if (e == npos) e = flat.size();
    const std::string raw = flat.substr(i, e - i);
    const std::string w = trim(raw, ",;:");
    const std::string lw = core::ascii_lower(w);
    const bool connector = lw == "bin" || lw == "binti" || lw == "alias" || lw == "als." || lw == "als";
    const bool caps_word = w.size() >= 2 && std::none_of(w.begin(), w.end(), is_lower) &&
                           std::any_of(w.begin(), w.end(), is_upper);
    if (!connector && !caps_word) break;
    words.push_back(w);
    caps += caps_word ? 1 : 0;
    if (raw != w) break;  // punctuation ends the name
    i = e + 1;
  }
  while (!words.empty()) {  // a connector cannot end a name
    const std::string lw = core::ascii_lower(words.back());
    if (lw == "bin" || lw == "binti" || lw == "alias" || lw == "als." || lw == "als") words.pop_back();
    else break;
  }
  if (caps < 1 || words.empty()) return {};
  std::string name;
  for (const auto& w : words) name += (name.empty() ? "" : " ") + w;
  return name;
}

// The defendant's name from the identity list ("1. Nama lengkap : X", "1. Nama Terdakwa : X"),
// up to the end of its line, its ';', or the next numbered field when the list is squeezed onto
// one line ("Nama lengkap : TERDAKWA 2. Tempat lahir : ..."); else the first capitalised name run
// after "Terdakwa". Anonymised publications give "TERDAKWA", kept as written.
std::string find_defendant(const std::string& text, const std::string& lower, const Flat& f) {
  std::size_t n = npos;
  for (std::string_view label : {"nama lengkap", "nama terdakwa"}) {
    const std::size_t p = find_word(lower, label);
    if (p != npos && p < n) n = p;
  }
  if (n != npos) {
    const std::size_t colon = text.find(':', n);
    const std::size_t eol = text.find('\n', n);
    if (colon != npos && (eol == npos || colon < eol) && colon - n < 40) {
      std::size_t end = text.find('\n', colon);
      std::string v(std::string_view(text).substr(colon + 1, end == npos ? npos : end - colon - 1));
      if (const std::size_t semi = v.find(';'); semi != npos) v.resize(semi);
      // The next numbered field: " 2. Tempat lahir", "...TERDAKWA. 2. Tempat".
      for (std::size_t i = 1; i + 2 < v.size(); ++i) {
        if (v[i - 1] != ' ' || !is_digit(v[i])) continue;
        std::size_t j = i;
        while (j < v.size() && is_digit(v[j]) && j - i < 2) ++j;
        if (j + 1 < v.size() && v[j] == '.' && v[j + 1] == ' ') {
          v.resize(i);
          break;
        }
      }
      v = trim(v, " ;,.");
      if (!v.empty()) return v;
    }
  }
  std::size_t p = 0;
  while ((p = find_word(f.lower, "terdakwa", p)) != npos) {
    std::size_t i = p + 8;
    while (i < f.text.size() && (f.text[i] == ' ' || f.text[i] == ':')) ++i;
    std::string name = name_run(f.text, i);
    if (name.find(' ') != npos) return name;
    p = i;
  }
  return {};
}

// The provisions a part names, "KUHP" bound to the code in force on the decision's `date`;
// unresolved references name none.
std::vector<std::string> provision_ids(std::string_view part, const core::Date& date) {
  std::vector<std::string> out;
  for (auto& c : extract_citations_as_of(part, date))
    if (!c.provision_id.empty() && std::find(out.begin(), out.end(), c.provision_id) == out.end())
      out.push_back(std::move(c.provision_id));
  return out;
}

// Positions of the section markers that start a new part of the decision after the dakwaan.
std::size_t next_part(const Flat& f, std::size_t from, std::size_t to) {
  std::size_t best = to;
  for (std::string_view m : {"Menimbang", "MENIMBANG", "Setelah mendengar", "Setelah membaca",
                             "Telah membaca", "Membaca"}) {
    const std::size_t p = f.text.find(m, from);
    if (p != npos && p < best) best = p;
  }
  return best;
}

std::pair<std::size_t, std::size_t> dakwaan_range(const Flat& f, std::size_t limit) {
  // "didakwa ... sebagai berikut:" (the usual formula), else a "DAKWAAN" heading, else
  // "dakwaan ... sebagai berikut".
  std::size_t start = npos;
  for (std::size_t p = 0; (p = find_word(f.lower, "didakwa", p, limit)) != npos; ++p) {
    const std::size_t b = find_in(f.lower, "sebagai berikut", p, std::min(limit, p + 300));
    if (b != npos) {
      start = b + 15;
      break;
    }
  }
  if (start == npos) {
    const std::size_t h = find_in(f.text, "DAKWAAN", 0, limit);
    if (h != npos) start = h + 7;
  }
  if (start == npos) {
    for (std::size_t p = 0; (p = find_word(f.lower, "dakwaan", p, limit)) != npos; ++p) {
      const std::size_t b = find_in(f.lower, "sebagai berikut", p, std::min(limit, p + 150));
      if (b != npos) {
        start = b + 15;
        break;
      }
    }
  }
  if (start == npos) return {npos, npos};
  return {start, next_part(f, start, limit)};
}

// The text of the point starting at `p` up to its own ';' (for verdict and sentence).
std::string point_text(const Flat& f, std::size_t p, std::size_t to) {
  std::size_t e = f.text.find(';', p);
  if (e == npos || e > to) e = to;
  return trim(std::string_view(f.text).substr(p, e - p), " .;:-");
}


// Positions of a heading written in capitals, also letter-spaced ("M E N G A D I L I"), as a
// whole word.
std::vector<std::size_t> heading_positions(const Flat& f, std::initializer_list<std::string_view> forms) {
  std::vector<std::size_t> out;
  for (std::string_view m : forms) {
    for (std::size_t p = 0; (p = f.text.find(m, p)) != npos; p += m.size()) {
      const bool left = p == 0 || !is_alpha(f.text[p - 1]);
      const bool right = p + m.size() >= f.text.size() || !is_alpha(f.text[p + m.size()]);
      if (left && right) out.push_back(p);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Positions of the ruling headings "MENGADILI" / "M E N G A D I L I" / "Mengadili :".
std::vector<std::size_t> mengadili_positions(const Flat& f) {
  std::vector<std::size_t> out = heading_positions(f, {"MENGADILI", "M E N G A D I L I"});
  for (std::size_t p = 0; (p = f.text.find("Mengadili", p)) != npos; p += 9) {
    std::size_t k = p + 9;
    while (k < f.text.size() && f.text[k] == ' ') ++k;
    if (k < f.text.size() && f.text[k] == ':') out.push_back(p);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// A court order (penetapan: the prosecution lapses, the case is returned) rules under
// "MENETAPKAN" instead; only read so when the text has no MENGADILI, because a putusan's own
// points say "Menetapkan ..." too (upper-case in some).
std::vector<std::size_t> menetapkan_positions(const Flat& f) {
  return heading_positions(f, {"MENETAPKAN", "M E N E T A P K A N"});
}

// The name after a co-defendant's label in the ruling ("Terdakwa I Ikin Sodikin bin Alm X dan
// Terdakwa II ..."): words that start with a capital, and the connectors of Indonesian names.
std::string name_after_label(const Flat& f, std::size_t label_end) {
  std::vector<std::string> words;
  std::size_t i = label_end;
  while (i < f.text.size() && (f.text[i] == ' ' || f.text[i] == '.')) ++i;
  while (i < f.text.size() && words.size() < 12) {
    std::size_t e = f.text.find(' ', i);
    if (e == npos) e = f.text.size();
    const std::string raw = f.text.substr(i, e - i);
    std::string w = trim(raw, ",;:()");
    const std::string lw = core::ascii_lower(w);
    const bool connector = lw == "bin" || lw == "binti" || lw == "bt" || lw == "bn" || lw == "alias" || lw == "als" ||
                           lw == "als." || lw == "al" || lw == "alm" || lw == "alm." || lw == "panggilan";
    if (lw == "tersebut" || lw == "dan" || lw == "terdakwa" || w.empty()) break;
    if (!connector && !is_upper(w[0])) {
      if (lw == "ias" && !words.empty() && core::ascii_lower(words.back()) == "al") {  // "al ias", OCR-split
        words.back() += "ias";
        i = e + 1;
        continue;
      }
      break;
    }
    words.push_back(w);
    if (raw != w && raw.back() != ')') break;  // punctuation ends the name
    i = e + 1;
  }
  while (!words.empty()) {
    const std::string lw = core::ascii_lower(words.back());
    if (lw == "bin" || lw == "binti" || lw == "alias" || lw == "als" || lw == "al" || lw == "panggilan") words.pop_back();
    else break;
  }
  std::string name;
  for (const auto& w : words) name += (name.empty() ? "" : " ") + w;
  return name;
}

std::size_t after_heading(const Flat& f, std::size_t p) {
  std::size_t i = p;
  while (i < f.text.size() && (is_alpha(f.text[i]) || f.text[i] == ' ')) {
    if (f.text[i] == ' ' && i + 1 < f.text.size() && is_alpha(f.text[i + 1]) &&
        i + 2 < f.text.size() && is_alpha(f.text[i + 2]))
      break;  // a word follows: the heading is over
    ++i;
  }
  while (i < f.text.size() && (f.text[i] == ' ' || f.text[i] == ':')) ++i;
  return i;
}

}  // namespace

core::Result<core::Precedent> parse_putusan_text(std::string_view text, const std::string& file_name) {
  core::Precedent out;
  out.reader = k_decision_reader;
  out.source_sha256 = core::sha256_hex(text);
  out.text = clean_text(text);
  const std::string lower_text = core::ascii_lower(out.text);

  bool withheld = false;
  const auto number = find_number(out.text, lower_text, withheld);
  if (!number)
    return core::fail(core::ErrorCode::invalid_input,
                      "not a court decision: no decision number (\"Nomor 133/Pid.Sus/2025/PN ...\")",
                      file_name, heading_line(text), "number");
  out.number = *number;
  out.id = core::slugify(out.number);
  // A withheld number ("-/Pid.Sus/2024/PN Tjk") is shared by every decision of that court and
  // year that withholds it: the id takes the first digits of the text's hash so that none collide.
  if (withheld)
    out.id = core::slugify("disamarkan " + out.number.substr(out.number.find('/') + 1)) + "-" + out.source_sha256.substr(0, 10);
  out.fictional = out.text.substr(0, 2000).find("FIKTIF") != npos;

  Flat f;
  f.text = core::squeeze_space(out.text);
  f.lower = core::ascii_lower(f.text);

  out.court = find_court(f);
  const Dates dates = find_decision_dates(f);
  out.deliberated = dates.deliberated;
  out.pronounced = dates.pronounced;
  out.date = out.pronounced.empty() ? out.deliberated : out.pronounced;
  out.defendant = find_defendant(out.text, lower_text, f);

  auto heads = mengadili_positions(f);
  out.ruling_kind = "putusan";
  if (heads.empty()) {
    heads = menetapkan_positions(f);
    if (!heads.empty()) out.ruling_kind = "penetapan";
  }
  const std::size_t ruling = heads.empty() ? npos : heads.back();
  const std::size_t first_ruling = heads.empty() ? f.text.size() : heads.front();

  // Provisions charged: the dakwaan, else (some decisions only summarise it) the tuntutan.
  const auto [dak_b, dak_e] = dakwaan_range(f, ruling == npos ? f.text.size() : ruling);
  if (dak_b != npos) out.provisions_charged = provision_ids(std::string_view(f.text).substr(dak_b, dak_e - dak_b), out.date);
  if (out.provisions_charged.empty()) {
    const std::size_t t = find_word(f.lower, "tuntutan", 0, first_ruling);
    if (t != npos) out.provisions_charged = provision_ids(std::string_view(f.text).substr(t, next_part(f, t + 8, first_ruling) - t), out.date);
  }

  if (ruling != npos) {
    // Provisions applied: the "Mengingat"/"Memperhatikan" paragraph before the ruling.
    std::size_t m = npos;
    for (std::string_view w : {"Mengingat", "Memperhatikan", "MENGINGAT", "MEMPERHATIKAN"}) {
      const std::size_t p = f.text.rfind(w, ruling);
      if (p != npos && (m == npos || p > m)) m = p;
    }
    if (m != npos) out.provisions_applied = provision_ids(std::string_view(f.text).substr(m, ruling - m), out.date);

    const std::size_t amar = after_heading(f, ruling);
    std::size_t amar_end = find_word(f.lower, "demikian diputuskan", amar);
    if (amar_end == npos) amar_end = find_word(f.lower, "demikianlah diputuskan", amar);
    if (amar_end == npos) amar_end = f.text.size();

    std::size_t v = find_word(f.lower, "menyatakan terdakwa", amar, amar_end);
    for (std::string_view w : {"menguatkan", "membatalkan", "menolak", "mengabulkan"})
      if (v == npos) v = find_word(f.lower, w, amar, amar_end);
    if (v == npos) {
      v = amar;
      while (v < amar_end && (f.text[v] == '-' || f.text[v] == ' ' || f.text[v] == '.' || is_digit(f.text[v]))) ++v;
    }
    out.verdict = point_text(f, v, amar_end);

    // The sentence; an appeal that only affirms leaves it in the quoted lower-court ruling.
    std::size_t s = find_word(f.lower, "menjatuhkan pidana", amar, amar_end);
    std::size_t s_end = amar_end;
    std::size_t outcome_from = amar, outcome_to = amar_end;
    if (s == npos && heads.size() > 1) {
      const std::size_t prev = after_heading(f, heads[heads.size() - 2]);
      s_end = next_part(f, prev, ruling);
      s = find_word(f.lower, "menjatuhkan pidana", prev, s_end);
      if (s != npos && find_word(f.lower, "menguatkan", amar, amar_end) != npos) {
        outcome_from = prev;  // the affirmed ruling is the outcome
        outcome_to = s_end;
      }
    }
    if (s != npos) out.sentence_text = point_text(f, s, s_end);

    out.outcomes = read_points(f, outcome_from, outcome_to);
    for (auto& o : out.outcomes) {
      if (o.defendant.empty()) {
        o.defendant = out.defendant.empty() ? "Terdakwa" : out.defendant;
        continue;
      }
      // "Terdakwa I" + the name the ruling gives after the label.
      const std::size_t at = find_word(f.lower, core::ascii_lower(o.defendant), outcome_from, outcome_to);
      if (at != npos) {
        const std::string name = name_after_label(f, at + o.defendant.size());
        if (!name.empty()) o.defendant += " " + name;
      }
    }

    // The prosecutor's demand, read the same way, before the first ruling heading.
    const auto [dem_b, dem_e] = demand_range(f, first_ruling);
    if (dem_b != npos) {
      const auto demand = read_points(f, dem_b, dem_e);
      for (std::size_t i = 0; i < out.outcomes.size(); ++i) {
        const auto& d = demand.size() == out.outcomes.size() ? demand[i] : demand.front();
        if (demand.size() != out.outcomes.size() && demand.size() != 1) break;
        if (d.sentence.empty()) continue;
        core::Penalty asked = d.sentence;
        out.outcomes[i].demand = asked;
      }
    }

    // The summary: the longest term, the largest fine, restitution ordered (joint once).
    std::int64_t joint = 0;
    for (const auto& o : out.outcomes) {
      out.prison_months = std::max(out.prison_months, o.sentence.prison.whole_months());
      out.fine_rupiah = std::max(out.fine_rupiah, o.sentence.fine_rupiah);
      if (o.sentence.restitution_joint) joint = std::max(joint, o.sentence.restitution_rupiah);
      else out.restitution_rupiah += o.sentence.restitution_rupiah;
    }
    out.restitution_rupiah += joint;
  }
  return out;
}

}  // namespace berkas::ingest
