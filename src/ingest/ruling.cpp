// ingest/ruling: what a decision decides for each defendant, and what the prosecutor demanded.
//
// How a ruling is read
// --------------------
// The amar (and the demand, which is written the same way) is a list of points, each opening
// with an imperative verb: "1. Menyatakan Terdakwa ... terbukti ... bersalah ... sebagaimana
// dalam dakwaan alternatif kesatu; 2. Menjatuhkan pidana kepada Terdakwa ... penjara selama ...
// dan denda ... ; 3. Membebankan kepada Terdakwa untuk membayar restitusi ...". Points are found
// by their verb after a point marker or a ';' — never by the numbers alone, because the
// evidence lists inside a point number their items too.
// Each point is read by what it says, not by its place: the verdict may come after a
// restitution order; a primary count may first be declared not proven and the defendant
// acquitted of it ("Membebaskan ... dari dakwaan kesatu primer") before the conviction on the
// subsidiary count. A point that names "Terdakwa I", "Terdakwa II" applies to those; one that
// names none ("Para Terdakwa", "Terdakwa tersebut") to every defendant.
#include "ingest/internal/ruling.h"

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <string_view>

#include "core/text.h"

namespace berkas::ingest::internal {
namespace {

constexpr std::array<std::string_view, 17> k_verbs{
    "menyatakan", "menjatuhkan", "membebaskan", "melepaskan", "menetapkan", "memerintahkan",
    "membebankan", "menghukum", "mengembalikan", "memulihkan", "menolak", "mengabulkan",
    "menguatkan", "membatalkan", "memperbaiki", "mewajibkan", "menghukumkan"};

// The verb of a point starting at `i` (an upper-case 'M' at a word start), or "".
std::string_view verb_at(const Flat& f, std::size_t i, std::size_t to) {
  for (auto v : k_verbs) {
    if (i + v.size() > to || f.lower.compare(i, v.size(), v) != 0) continue;
    if (i + v.size() < f.lower.size() && is_alpha(f.lower[i + v.size()])) continue;
    return v;
  }
  return {};
}

// Whether the verb at `i` opens a point: after a point marker ("2.", "2)", "-", "b."), a ';', a
// ':' or a '.', or at the start of the range.
bool opens_point(const Flat& f, std::size_t from, std::size_t i) {
  std::size_t j = i;
  while (j > from && f.text[j - 1] == ' ') --j;
  if (j == from) return true;
  // ';' ':' '-', or '.' ')' ending a marker ("2.", "2)", "b.") or a sentence.
  const char c = f.text[j - 1];
  return c == ';' || c == ':' || c == '-' || c == '.' || c == ')';
}

struct Point {
  std::size_t begin = 0;  // at the verb
  std::size_t end = 0;
  std::string_view verb;
};

std::vector<Point> points_of(const Flat& f, std::size_t from, std::size_t to) {
  std::vector<Point> out;
  to = std::min(to, f.text.size());
  for (std::size_t i = from; i < to; ++i) {
    if (f.text[i] != 'M' || (i > 0 && is_alpha(f.text[i - 1]))) continue;
    const auto v = verb_at(f, i, to);
    if (v.empty() || !opens_point(f, from, i)) continue;
    if (!out.empty()) out.back().end = i;
    out.push_back({i, to, v});
    i += v.size();
  }
  // A point's text ends before the next point's marker ("...; 3." / "... tahun 4.").
  for (auto& p : out) {
    std::size_t e = p.end;
    while (e > p.begin && (f.text[e - 1] == ' ' || f.text[e - 1] == '-')) --e;
    std::size_t k = e;
    if (k > p.begin && (f.text[k - 1] == '.' || f.text[k - 1] == ')')) {
      --k;
      std::size_t d = k;
      while (d > p.begin && is_digit(f.text[d - 1])) --d;
      if (d < k && k - d <= 2 && d > p.begin && f.text[d - 1] == ' ') e = d - 1;
    }
    p.end = e;
  }
  return out;
}

// The labels of co-defendants: "Terdakwa I" .. "Terdakwa X".
constexpr std::array<std::string_view, 10> k_numerals{"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"};

// "I", "II", ..., "X" → 1..10; 0 otherwise.
int roman(std::string_view s) {
  for (std::size_t i = 0; i < k_numerals.size(); ++i)
    if (s == k_numerals[i]) return static_cast<int>(i) + 1;
  return 0;
}

// The labels "Terdakwa I", "Terdakwa II." in [from, to) → their numbers, with where each is.
std::vector<std::pair<int, std::size_t>> labels_in(const Flat& f, std::size_t from, std::size_t to) {
  std::vector<std::pair<int, std::size_t>> out;
  for (std::size_t p = from; (p = find_word(f.lower, "terdakwa", p, to)) != npos; p += 8) {
    std::size_t i = p + 8;
    if (i >= f.text.size() || f.text[i] != ' ') continue;
    ++i;
    std::size_t e = i;
    while (e < f.text.size() && e - i < 5 && (f.text[e] == 'I' || f.text[e] == 'V' || f.text[e] == 'X')) ++e;
    if (e == i || (e < f.text.size() && is_alpha(f.text[e]))) continue;
    if (const int n = roman(std::string_view(f.text).substr(i, e - i)); n > 0) out.emplace_back(n, p);
  }
  return out;
}

// Where the subject of a point ends: its labels are those before the first word that starts
// what is said of them.
std::size_t subject_end(const Flat& f, const Point& p) {
  std::size_t end = p.end;
  for (std::string_view w : {"terbukti", "tidak terbukti", "bersalah", "oleh karena", "dengan pidana", "berupa pidana",
                             "pidana penjara", "dari dakwaan", "dari segala", "dari semua", "membayar", "sejumlah",
                             "sebesar", "rp", "gugur", "masing-masing"}) {
    const std::size_t q = find_word(f.lower, w, p.begin + p.verb.size(), end);
    if (q != npos) end = q;
  }
  return end;
}

// The count as the point words it: "dakwaan alternatif kesatu", "dakwaan kesatu primer"; the
// words after "dakwaan" up to "Penuntut Umum", "tersebut", punctuation or eight words. Several
// ("dalam dakwaan kesatu dan dakwaan kedua") are joined by "; ".
std::string count_in(const Flat& f, std::size_t from, std::size_t to) {
  std::size_t d = find_word(f.lower, "dakwaan", from, to);
  if (d == npos) d = find_word(f.lower, "dakwan", from, to);  // a typo the courts make
  if (d == npos) return {};
  std::string all;
  std::size_t i = d;
  while (i < to && is_alpha(f.lower[i])) ++i;
  std::string out = "dakwaan";
  auto flush = [&] {
    if (out != "dakwaan") all += (all.empty() ? "" : "; ") + out;
    out = "dakwaan";
  };
  for (int words = 0; words < 8 && i < to;) {
    while (i < to && f.lower[i] == ' ') ++i;
    std::size_t e = i;
    while (e < to && (is_alpha(f.lower[e]) || is_digit(f.lower[e]) || f.lower[e] == '-')) ++e;
    if (e == i) break;
    const std::string w = f.lower.substr(i, e - i);
    if ((w == "dan" || w == "atau" || w == "serta") && f.lower.compare(e, 9, " dakwaan ") == 0) {
      flush();  // another count follows
      i = e + 8;
      words = 0;
      continue;
    }
    if (w == "penuntut" || w == "jaksa" || w == "tersebut" || w == "oleh" || w == "yang" || w == "dan" ||
        w == "melanggar" || w == "sebagaimana" || w == "pasal" || w == "atau" || w == "serta")
      break;
    if (out.size() >= 3 && out.compare(out.size() - 3, 3, " ke") == 0 && number_words({w})) {
      out += w;  // "ke tiga" as OCR or the typist split it: "ketiga"
    } else {
      out += ' ' + w;
      ++words;
    }
    i = e;
    if (i < to && f.lower[i] != ' ') break;  // punctuation ends the count
  }
  flush();
  return all;
}

// Words that follow a number and end a term: "tahun", "bulan", "hari" (also OCR-split).
std::string mended(const Flat& f, std::size_t from, std::size_t to) {
  return mend_ocr_splits(f.lower.substr(from, to - from),
                         {"penjara", "kurungan", "selama", "tahun", "bulan", "hari", "subsidair", "subsider"});
}

// The term after the first "selama" at or after `p` in `s` whose lead-in (the 70 characters
// before it) satisfies `lead_ok`, before `to`.
template <typename Pred>
core::Term term_after_selama(const std::string& s, std::size_t p, std::size_t to, Pred lead_ok) {
  for (std::size_t q = p; (q = find_word(s, "selama", q, to)) != npos; q += 6) {
    const std::size_t b = q > 70 ? q - 70 : 0;
    if (lead_ok(std::string_view(s).substr(b, q - b))) return read_term(s, q);
  }
  return {};
}

bool has(std::string_view s, std::string_view w) { return s.find(w) != std::string_view::npos; }

// The substitute term of a fine or restitution whose amount is at `p` in `s` (mended lower
// case), before `to`: "diganti dengan pidana kurungan selama 3 (tiga) bulan", "pidana penjara
// pengganti denda selama 190 hari", "subsidair 6 (enam) bulan kurungan".
core::Term substitute_after(const std::string& s, std::size_t p, std::size_t to) {
  for (std::string_view w : {"subsidair", "subsider"}) {
    const std::size_t q = find_word(s, w, p, to);
    if (q != npos && q < p + 200) {
      const core::Term t = read_term(s, q);
      if (!t.empty()) return t;
    }
  }
  return term_after_selama(s, p, to, [](std::string_view lead) {
    return has(lead, "diganti") || has(lead, "pengganti") || has(lead, "kurungan") || has(lead, "subsid");
  });
}

// The prison term of a sentencing point: after "penjara ... selama", not a substitute.
core::Term prison_in(const std::string& s) {
  for (std::size_t q = 0; (q = find_word(s, "penjara", q)) != npos; q += 7) {
    const std::size_t b = q > 60 ? q - 60 : 0;
    const std::string_view lead = std::string_view(s).substr(b, q - b);
    if (has(lead, "diganti") || has(lead, "pengganti") || has(lead, "apabila")) continue;
    const std::size_t sel = find_word(s, "selama", q, q + 60);
    if (sel == npos) continue;
    if (has(std::string_view(s).substr(q, sel - q), "pengganti")) continue;
    const core::Term t = read_term(s, sel);
    if (!t.empty()) return t;
  }
  // "masing-masing selama 5 (lima) tahun Penjara": the term before the word.
  return term_after_selama(s, 0, s.size(), [](std::string_view lead) {
    return !has(lead, "diganti") && !has(lead, "pengganti") && !has(lead, "subsid") && !has(lead, "kurungan") &&
           !has(lead, "apabila");
  });
}

struct Accumulated {
  bool guilty = false, acquitted = false, released = false, lapsed = false;
  std::string count, not_proven;
  core::Penalty penalty;
};

void read_sentence(const Flat& f, const Point& p, core::Penalty& out) {
  const std::string s = mended(f, p.begin, p.end);
  const core::Term prison = prison_in(s);
  if (!prison.empty()) out.prison = prison;
  const std::size_t restitusi = find_word(s, "restitusi");
  const std::size_t fine_end = restitusi == npos ? s.size() : restitusi;
  const std::size_t d = find_word(s, "denda", 0, fine_end);
  if (d == npos) return;
  const auto fine = first_rupiah(s, d, std::min(fine_end, d + 120));
  if (!fine) return;
  out.fine_rupiah = fine->first;
  out.fine_substitute = substitute_after(s, fine->second, fine_end);
}

struct Restitution {
  std::int64_t total = 0;
  std::vector<std::int64_t> items;
  bool joint = false, each = false;
  core::Term substitute;
};

Restitution read_restitution(const Flat& f, const Point& p) {
  Restitution r;
  const std::string s = mended(f, p.begin, p.end);
  const std::size_t start = find_word(s, "restitusi");
  std::optional<std::int64_t> stated_total;
  std::int64_t sum = 0;
  std::size_t last = start;
  for (std::size_t at = start; auto v = first_rupiah(s, at, s.size());) {
    const std::size_t b = v->second > 40 ? v->second - 40 : 0;
    const std::string_view lead = std::string_view(s).substr(b, v->second - b);
    if (has(lead, "seluruhnya") || has(lead, "total") || has(lead, "keseluruhan") || has(lead, "sejumlah total")) {
      stated_total = std::max(stated_total.value_or(0), v->first);
    } else {
      r.items.push_back(v->first);
      sum += v->first;
    }
    last = v->second;
    at = v->second + 2;
  }
  r.total = stated_total.value_or(sum);
  r.joint = has(s, "tanggung renteng") || has(s, "secara bersama-sama") || has(s, "secara bersama sama");
  r.each = has(s, "masing-masing") || has(s, "masing masing") || has(s, "masing -masing");
  r.substitute = substitute_after(s, last, s.size());
  return r;
}

}  // namespace

core::Term read_term(const std::string& s, std::size_t p) {
  std::vector<std::string> tokens;
  {
    std::size_t i = p;
    while (i < s.size() && is_alpha(s[i])) ++i;  // "selama" / "subsidair"
    while (i < s.size() && tokens.size() < 40) {
      while (i < s.size() && s[i] == ' ') ++i;
      std::size_t e = s.find(' ', i);
      if (e == npos) e = s.size();
      if (e > i) tokens.push_back(s.substr(i, e - i));
      i = e;
    }
  }
  core::Term term;
  std::optional<std::int64_t> value;
  std::vector<std::string> words;
  bool in_paren = false;
  for (auto tok : tokens) {
    if (in_paren || tok.front() == '(') {  // "(lima)" repeats the digits in words
      in_paren = tok.back() != ')' && tok.find(')') == npos;
      continue;
    }
    tok = trim(tok, ",;.:");
    if (tok.empty()) continue;
    if (std::all_of(tok.begin(), tok.end(), is_digit) && tok.size() <= 4) {
      if (value) break;  // two numbers in a row: not a term
      value = std::stoll(tok);
      continue;
    }
    if (tok == "tahun" || tok == "bulan" || tok == "hari" || tok == "bualn") {
      if (!value) value = number_words(words);
      words.clear();
      const std::int64_t v = value.value_or(-1);
      if (v < 0 || v > 5000) break;  // no term is longer than a lifetime; keeps int in range
      const int n = static_cast<int>(v);
      if (tok == "tahun") term.years += n;
      else if (tok == "hari") term.days += n;
      else term.months += n;
      value.reset();
      continue;
    }
    if (tok == "dan" || tok == "serta") {
      if (value || !words.empty()) break;  // a number with no unit
      continue;
    }
    if (number_words({tok}) || tok == "belas" || tok == "puluh" || tok == "ratus") {
      words.push_back(tok);
      continue;
    }
    break;
  }
  return term;
}

std::vector<core::DefendantOutcome> read_points(const Flat& f, std::size_t from, std::size_t to) {
  const auto points = points_of(f, from, to);
  std::vector<int> defendants;
  for (const auto& [n, at] : labels_in(f, from, to))
    if (std::find(defendants.begin(), defendants.end(), n) == defendants.end()) defendants.push_back(n);
  std::sort(defendants.begin(), defendants.end());
  if (defendants.empty()) defendants.push_back(0);
  std::map<int, Accumulated> acc;

  for (const auto& p : points) {
    std::vector<int> targets;
    for (const auto& [n, at] : labels_in(f, p.begin, subject_end(f, p)))
      if (std::find(targets.begin(), targets.end(), n) == targets.end()) targets.push_back(n);
    if (targets.empty()) targets = defendants;
    const std::string_view text = std::string_view(f.lower).substr(p.begin, p.end - p.begin);
    // A statement about a defendant (not about the evidence or the costs); some rulings name
    // the defendant without the word ("Menyatakan ADHE ... telah terbukti ...").
    const bool about_defendant = has(text, "terdakwa") || has(text, "terbukti") || has(text, "bersalah");

    if (p.verb == "menyatakan" && about_defendant) {
      const bool lapses = has(text, "gugur");
      const bool not_proven = has(text, "tidak terbukti") || has(text, "tidak bersalah");
      const bool guilty = !not_proven && has(text, "bersalah");
      const std::string count = count_in(f, p.begin, p.end);
      for (int t : targets) {
        auto& a = acc[t];
        if (lapses) a.lapsed = true;
        else if (guilty) {
          a.guilty = true;
          if (a.count.empty()) a.count = count;
        } else if (not_proven && !count.empty()) {
          a.not_proven += (a.not_proven.empty() ? "" : "; ") + count;
        }
      }
    } else if (p.verb == "membebaskan" && about_defendant) {
      for (int t : targets) acc[t].acquitted = true;
    } else if (p.verb == "melepaskan" && about_defendant && has(text, "tuntutan")) {
      for (int t : targets) acc[t].released = true;
    }
    if ((p.verb == "menjatuhkan" || p.verb == "menghukum") && has(text, "pidana")) {
      for (int t : targets) read_sentence(f, p, acc[t].penalty);
    }
    if (has(text, "restitusi") && (p.verb != "menyatakan" || has(text, "membayar"))) {
      const Restitution r = read_restitution(f, p);
      if (r.total > 0) {
        const bool joint = r.joint || (targets.size() > 1 && !r.each);
        for (int t : targets) {
          auto& pen = acc[t].penalty;
          pen.restitution_rupiah += r.total;
          pen.restitution_per_victim.insert(pen.restitution_per_victim.end(), r.items.begin(), r.items.end());
          pen.restitution_joint = pen.restitution_joint || joint;
          if (!r.substitute.empty()) pen.restitution_substitute = r.substitute;
        }
      }
    }
  }

  std::vector<core::DefendantOutcome> out;
  for (int n : defendants) {
    const auto& a = acc[n];
    core::DefendantOutcome o;
    if (n > 0) {
      o.defendant = "Terdakwa " + std::string(k_numerals[static_cast<std::size_t>(n - 1)]);
    }
    if (a.lapsed) o.outcome = core::Outcome::gugur;
    else if (a.guilty) o.outcome = core::Outcome::bersalah;
    else if (a.released) o.outcome = core::Outcome::lepas;
    else if (a.acquitted) o.outcome = core::Outcome::bebas;
    else o.outcome = core::Outcome::lainnya;
    o.count = a.count;
    o.counts_not_proven = a.not_proven;
    o.sentence = a.penalty;
    out.push_back(std::move(o));
  }
  return out;
}

std::pair<std::size_t, std::size_t> demand_range(const Flat& f, std::size_t limit) {
  std::size_t start = npos;
  for (std::string_view w : {"tuntutan pidana", "surat tuntutan", "pada pokoknya menuntut", "menuntut supaya",
                             "tuntutan penuntut umum", "tuntutan jaksa"}) {
    const std::size_t p = find_word(f.lower, w, 0, limit);
    if (p != npos && p < start) start = p;
  }
  if (start == npos) return {npos, npos};
  // The demand runs to the next part of the record: the defence's plea, or the reasoning.
  std::size_t end = limit;
  for (std::string_view w : {"setelah mendengar", "telah mendengar", "setelah membaca", "menimbang", "mendengar pembelaan",
                             "pembelaan terdakwa", "pembelaan penasihat", "pembelaan (pledoi)"}) {
    const std::size_t p = find_word(f.lower, w, start + 20, end);
    if (p != npos) end = p;
  }
  return {start, end};
}

}  // namespace berkas::ingest::internal
