#include "ingest/citations.h"

#include "ingest/laws.h"

#include <cctype>
#include <cstddef>
#include <optional>
#include <set>
#include <utility>

// How the scanner works
// ---------------------
// The text is read as a stream of tokens (words, numbers, single punctuation characters);
// white space, including the non-breaking and typographic spaces pdftotext leaves, only
// separates tokens. Wherever the word "Pasal" stands, a small recursive-descent parser tries
// to read a chain:
//
//   chain   := ref { conj ref } [ "dari" ] [ law ]
//   ref     := "Pasal" number { "ayat" ayat-list | "(" n ")" | "huruf" x | "angka" n | "ke-n" }
//            | number                      (only right after a conj: "Pasal 2 dan 3 UU TPPO")
//   conj    := { "jo" ["."] | "juncto" | "jis" | "dan" | "atau" | "serta" | "," | "/" }
//   law     := "UU"/"Undang-Undang" ["RI"|"Republik Indonesia"] ["No."|"Nomor"] n ("Tahun" y | "/" y)
//            | "UU TPPO" | "UU PTPPO" | "KUHP" ["baru"] | "KUHAP" | "Kitab Undang-Undang Hukum ..."
//
// Every step looks at a bounded number of tokens and never goes back further than one
// conjunction, so the whole scan is linear in the input: there is no backtracking to explode
// on hostile text. Hard caps (refs per chain, ayat per ref, white space inside a citation)
// keep the output bounded by a small multiple of the input.
//
// What a Citation holds: `offset` is where the reference's own "Pasal" (or bare number)
// starts; `raw` is that reference as written, through its ayat and qualifiers, and — for the
// last reference of a chain that names its law — through the law's name. `raw` is always
// text.substr(offset, raw.size()), so callers can highlight it.

namespace berkas::ingest {
namespace {

constexpr std::size_t k_max_refs_per_chain = 64;   // real chains have a handful
constexpr std::size_t k_max_ayat_per_ref = 16;
constexpr std::size_t k_max_gap = 256;             // white space allowed inside a citation
constexpr std::size_t k_max_number_digits = 5;

enum class Kind { end, word, number, punct };

struct Token {
  Kind kind = Kind::end;
  std::size_t begin = 0;
  std::size_t end = 0;
  std::size_t gap = 0;  // bytes of white space skipped before the token
};

bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
bool is_alpha(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_alnum(unsigned char c) { return is_digit(c) || is_alpha(c); }

// Length of the white space at `i` (0 if none). Besides ASCII space this knows the UTF-8
// spaces that PDF text extraction produces: NBSP, U+2000–U+200B, U+202F, U+205F, U+3000,
// U+FEFF, and the soft hyphen U+00AD (invisible, so it separates nothing a reader sees).
std::size_t space_len(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
  if (c == 0xC2 && i + 1 < s.size()) {
    const auto d = static_cast<unsigned char>(s[i + 1]);
    if (d == 0xA0 || d == 0xAD) return 2;
  }
  if (c == 0xE2 && i + 2 < s.size()) {
    const auto d = static_cast<unsigned char>(s[i + 1]);
    const auto e = static_cast<unsigned char>(s[i + 2]);
    if (d == 0x80 && ((e >= 0x80 && e <= 0x8B) || e == 0xAF)) return 3;
    if (d == 0x81 && e == 0x9F) return 3;
  }
  if (c == 0xE3 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
      static_cast<unsigned char>(s[i + 2]) == 0x80)
    return 3;
  if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBB &&
      static_cast<unsigned char>(s[i + 2]) == 0xBF)
    return 3;
  return 0;
}

bool is_word_byte(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  // Non-ASCII bytes that are not spaces count as letters: Indonesian text is ASCII, and
  // treating anything else (UTF-8 letters, garbage) as part of a word never makes it a keyword.
  return is_alnum(c) || (c >= 0x80 && space_len(s, i) == 0);
}

class Lexer {
 public:
  explicit Lexer(std::string_view text) : m_text(text) {}

  // The token starting at or after `pos`.
  Token at(std::size_t pos) const {
    const std::string_view s = m_text;
    std::size_t i = pos;
    while (i < s.size()) {
      const std::size_t n = space_len(s, i);
      if (n == 0) break;
      i += n;
    }
    Token t;
    t.gap = i - pos;
    t.begin = i;
    if (i >= s.size()) {
      t.kind = Kind::end;
      t.end = i;
      return t;
    }
    if (!is_word_byte(s, i)) {
      t.kind = Kind::punct;
      t.end = i + 1;
      return t;
    }
    t.kind = is_digit(static_cast<unsigned char>(s[i])) ? Kind::number : Kind::word;
    std::size_t j = i;
    while (j < s.size()) {
      if (is_word_byte(s, j)) {
        ++j;
        continue;
      }
      if (s[j] == '-' && t.kind == Kind::word) {
        // "Undang-Undang", "ke-1", and words hyphenated across a line break ("Undang-\nUndang").
        std::size_t k = j + 1;
        bool newline = false;
        while (k < s.size() && k - j <= k_max_gap) {
          const std::size_t n = space_len(s, k);
          if (n == 0) break;
          if (s[k] == '\n') newline = true;
          k += n;
        }
        if (k < s.size() && (k == j + 1 || newline) && is_word_byte(s, k)) {
          j = k;
          continue;
        }
      }
      break;
    }
    t.end = j;
    return t;
  }

  std::string_view text(const Token& t) const { return m_text.substr(t.begin, t.end - t.begin); }

  // Lower-case letters and digits of a token only: "Undang-\nUndang" → "undangundang",
  // "ke-1" → "ke1". Keywords are compared on this key.
  std::string key(const Token& t) const {
    std::string k;
    if (t.end - t.begin > 64) return k;  // no keyword is this long; keep hostile words cheap
    for (std::size_t i = t.begin; i < t.end; ++i) {
      auto c = static_cast<unsigned char>(m_text[i]);
      if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
      if (is_alnum(c)) k += static_cast<char>(c);
    }
    return k;
  }

  bool is_punct(const Token& t, char c) const { return t.kind == Kind::punct && m_text[t.begin] == c; }

 private:
  std::string_view m_text;
};

struct Ref {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string pasal;              // "2", "2a"
  std::vector<std::string> ayat;  // empty: the whole Pasal
};

struct Law {
  std::string id;
  std::size_t end = 0;
};

class Parser {
 public:
  Parser(std::string_view text, const std::string& default_law)
      : m_text(text), m_lex(text), m_default_law(default_law) {}

  std::vector<core::Citation> run() {
    std::vector<core::Citation> out;
    std::size_t pos = 0;
    for (;;) {
      const Token t = m_lex.at(pos);
      if (t.kind == Kind::end) break;
      pos = t.end;
      if (t.kind != Kind::word || m_lex.key(t) != "pasal") continue;
      if (auto end = chain(t, out)) pos = *end;
    }
    return out;
  }

 private:
  // Next token, or an end token when the white space before it is too long to belong to
  // the same citation.
  Token next(std::size_t pos) const {
    Token t = m_lex.at(pos);
    if (t.gap > k_max_gap) t.kind = Kind::end;
    return t;
  }

  bool word_is(const Token& t, std::string_view k) const {
    return t.kind == Kind::word && m_lex.key(t) == k;
  }

  // A Pasal number: digits, optionally one letter ("2A" → "2a").
  std::optional<std::string> pasal_number(const Token& t) const {
    if (t.kind != Kind::number) return std::nullopt;
    std::string k = m_lex.key(t);
    std::size_t digits = 0;
    while (digits < k.size() && is_digit(static_cast<unsigned char>(k[digits]))) ++digits;
    if (digits == 0 || digits > k_max_number_digits || k.size() - digits > 1) return std::nullopt;
    if (k[0] == '0') return std::nullopt;
    if (k.size() != t.end - t.begin) return std::nullopt;  // "2.5" lexes apart; guard glued junk
    return k;
  }

  std::optional<std::string> plain_number(const Token& t, std::size_t max_digits) const {
    if (t.kind != Kind::number || t.end - t.begin > max_digits) return std::nullopt;
    std::string k = m_lex.key(t);
    for (char c : k)
      if (!is_digit(static_cast<unsigned char>(c))) return std::nullopt;
    while (k.size() > 1 && k[0] == '0') k.erase(0, 1);  // "01" → "1"
    return k;
  }

  // "(1)" or "1" at `pos`; returns the number and the end position.
  std::optional<std::pair<std::string, std::size_t>> ayat_number(std::size_t pos) const {
    Token t = next(pos);
    if (m_lex.is_punct(t, '(')) {
      const Token n = next(t.end);
      const auto num = plain_number(n, 3);
      if (!num) return std::nullopt;
      const Token close = next(n.end);
      if (!m_lex.is_punct(close, ')')) return std::nullopt;
      return std::pair{*num, close.end};
    }
    if (auto num = plain_number(t, 3)) return std::pair{*num, t.end};
    return std::nullopt;
  }

  // Conjunction words and separators between references; returns the end of the run.
  std::optional<std::size_t> conj(std::size_t pos) const {
    std::size_t end = pos;
    bool any = false;
    for (int guard = 0; guard < 6; ++guard) {
      const Token t = next(end);
      if (t.kind == Kind::punct && (m_lex.is_punct(t, ',') || m_lex.is_punct(t, '/'))) {
        end = t.end;
        any = true;
        continue;
      }
      if (t.kind != Kind::word) break;
      const std::string k = m_lex.key(t);
      if (k == "jo" || k == "jis" || k == "juncto" || k == "junto") {
        end = t.end;
        any = true;
        const Token dot = next(end);
        if (m_lex.is_punct(dot, '.')) end = dot.end;
        continue;
      }
      if (k == "dan" || k == "atau" || k == "serta") {
        end = t.end;
        any = true;
        continue;
      }
      break;
    }
    if (!any) return std::nullopt;
    return end;
  }

  // Qualifiers below ayat level, kept in `raw` but not in the id: "huruf a", "angka 1",
  // "ke-1" / "ke 1", "butir b".
  std::optional<std::size_t> qualifier(std::size_t pos) const {
    const Token t = next(pos);
    if (t.kind != Kind::word) return std::nullopt;
    const std::string k = m_lex.key(t);
    if (k == "huruf" || k == "angka" || k == "butir") {
      const Token v = next(t.end);
      if (v.kind == Kind::punct || v.kind == Kind::end || v.end - v.begin > 4) return std::nullopt;
      return v.end;
    }
    if (k.size() > 2 && k.compare(0, 2, "ke") == 0) {
      for (std::size_t i = 2; i < k.size(); ++i)
        if (!is_digit(static_cast<unsigned char>(k[i]))) return std::nullopt;
      return t.end;
    }
    if (k == "ke") {
      const Token v = next(t.end);
      if (plain_number(v, 2)) return v.end;
    }
    return std::nullopt;
  }

  // The ayat list after "ayat": "(1)", "(1) dan (2)", "(1) dan ayat (2)", "(1), (2)".
  std::size_t ayat_list(std::size_t pos, Ref& ref) const {
    auto first = ayat_number(pos);
    if (!first) return pos;
    ref.ayat.push_back(first->first);
    std::size_t end = first->second;
    while (ref.ayat.size() < k_max_ayat_per_ref) {
      const auto c = conj(end);
      if (!c) break;
      std::size_t p = *c;
      const Token t = next(p);
      if (word_is(t, "ayat")) p = t.end;
      else if (!m_lex.is_punct(t, '(')) break;  // "dan 3" is a Pasal, left to the chain
      const auto more = ayat_number(p);
      if (!more) break;
      ref.ayat.push_back(more->first);
      end = more->second;
    }
    return end;
  }

  // A reference starting at `t` ("Pasal" or, after a conjunction, a bare number).
  std::optional<Ref> ref(const Token& t, bool bare) const {
    Ref r;
    r.begin = t.begin;
    Token num = t;
    if (!bare) num = next(t.end);
    const auto pasal = pasal_number(num);
    if (!pasal) return std::nullopt;
    r.pasal = *pasal;
    std::size_t end = num.end;
    // "Pasal 76 I" for Pasal 76I: a single capital letter after the number, when a law, a
    // conjunction or the end of the reference follows it.
    if (std::isdigit(static_cast<unsigned char>(r.pasal.back()))) {
      const Token letter = next(end);
      if (letter.kind == Kind::word && letter.end - letter.begin == 1 && m_text[letter.begin] >= 'A' &&
          m_text[letter.begin] <= 'Z') {
        const Token after = next(letter.end);
        bool chained = false;  // "76 I jo Pasal 88", "76 I dan 77"
        if (const auto c = conj(letter.end)) {
          const Token n = next(*c);
          chained = word_is(n, "pasal") || n.kind == Kind::number;
        }
        if (after.kind == Kind::end || law(letter.end) || chained || word_is(after, "ayat") ||
            m_lex.is_punct(after, ';') || m_lex.is_punct(after, ')')) {
          r.pasal += static_cast<char>(m_text[letter.begin] - 'A' + 'a');
          end = letter.end;
        }
      }
    }
    for (int guard = 0; guard < 8; ++guard) {
      const Token n = next(end);
      if (word_is(n, "ayat")) {
        const std::size_t e = ayat_list(n.end, r);
        if (e == n.end) break;
        end = e;
      } else if (m_lex.is_punct(n, '(') && r.ayat.empty()) {
        // "Pasal 2 (1)": the ayat without the word.
        const auto a = ayat_number(end);
        if (!a) break;
        r.ayat.push_back(a->first);
        end = a->second;
      } else if (const auto q = qualifier(end)) {
        end = *q;
      } else {
        break;
      }
    }
    r.end = end;
    return r;
  }

  // After a bare number, something must show it is a reference and not a count
  // ("Pasal 2 dan 3 UU TPPO" but not "Pasal 2 dan 3 orang saksi").
  bool bare_number_ok(std::size_t end) const {
    const Token t = next(end);
    if (t.kind == Kind::end) return true;
    if (t.kind == Kind::punct) return m_lex.is_punct(t, ',') || m_lex.is_punct(t, '.') ||
                                      m_lex.is_punct(t, ';') || m_lex.is_punct(t, ')');
    if (t.kind != Kind::word) return false;
    const std::string k = m_lex.key(t);
    return k == "ayat" || k == "dan" || k == "atau" || k == "jo" || k == "juncto" ||
           k == "pasal" || k == "huruf" || k == "dari" || law(end).has_value();
  }

  static std::string law_id(const std::string& number, const std::string& year) {
    if (number == "21" && year == "2007") return "uu-21-2007";
    if (number == "8" && year == "1981") return "kuhap";
    return "uu-" + number + "-" + year;
  }

  // "No." / "Nomor" / "No:" then n, then "Tahun y" / "Th. y" / "/y".
  std::optional<Law> numbered_law(std::size_t pos) const {
    std::size_t p = pos;
    Token t = next(p);
    if (t.kind == Kind::word) {
      const std::string k = m_lex.key(t);
      if (k == "no" || k == "nomor" || k == "nomer" || k == "nom") {
        p = t.end;
        for (int i = 0; i < 2; ++i) {  // "No.", "No. :", "Nomor :"
          t = next(p);
          if (m_lex.is_punct(t, '.') || m_lex.is_punct(t, ':')) p = t.end;
        }
      }
    }
    t = next(p);
    const auto number = plain_number(t, 4);
    if (!number || *number == "0") return std::nullopt;
    p = t.end;
    t = next(p);
    if (m_lex.is_punct(t, '/')) {
      p = t.end;
    } else if (t.kind == Kind::word) {
      const std::string k = m_lex.key(t);
      if (k != "tahun" && k != "th" && k != "thn") return std::nullopt;
      p = t.end;
      t = next(p);
      if (m_lex.is_punct(t, '.')) p = t.end;
    } else {
      return std::nullopt;
    }
    t = next(p);
    auto year = plain_number(t, 4);
    std::size_t year_end = t.end;
    if (year && year->size() == 3 && (*year)[0] == '2') {
      // A year split by OCR: "Th.201 6".
      const Token rest = m_lex.at(t.end);
      if (rest.gap == 1 && rest.kind == Kind::number && rest.end - rest.begin == 1) {
        *year += m_lex.key(rest);
        year_end = rest.end;
      }
    }
    if (!year || year->size() != 4) return std::nullopt;
    return Law{law_id(*number, *year), year_end};
  }

  // An act named by its abbreviation or short name after "UU" ("UU PPMI", "UU ITE", "UU
  // Perlindungan Anak", "UU TPPO"): one to five words whose letters spell a registered key.
  std::optional<Law> abbreviated_law(std::size_t pos) const {
    std::string key;
    std::size_t p = pos;
    for (int words = 0; words < 5; ++words) {
      const Token n = next(p);
      if (n.kind != Kind::word) break;
      key += m_lex.key(n);
      p = n.end;
      if (const Act* a = act_by_abbreviation(key)) return Law{a->id, p};
    }
    return std::nullopt;
  }

  std::optional<Law> law(std::size_t pos) const {
    Token t = next(pos);
    if (t.kind != Kind::word) return std::nullopt;
    std::string k = m_lex.key(t);
    if (k == "dari") {  // "Pasal 2 dari UU TPPO"
      t = next(t.end);
      if (t.kind != Kind::word) return std::nullopt;
      k = m_lex.key(t);
    }
    if (k == "uutppo" || k == "uuptppo") return Law{"uu-21-2007", t.end};
    if (k == "kuhp" || k == "kuhpidana") {
      const Token n = next(t.end);
      if (word_is(n, "baru") || word_is(n, "nasional")) return Law{"uu-1-2023", n.end};
      return Law{"kuhp", t.end};
    }
    if (k == "kuhap") return Law{"kuhap", t.end};
    if (k == "kuh") {  // "KUH Pidana", "KUH Acara Pidana"
      Token n = next(t.end);
      if (word_is(n, "pidana")) return Law{"kuhp", n.end};
      if (word_is(n, "acara")) {
        n = next(n.end);
        if (word_is(n, "pidana")) return Law{"kuhap", n.end};
      }
      return std::nullopt;
    }
    if (k == "kitab") {  // "Kitab Undang-Undang Hukum (Acara) Pidana"
      Token n = next(t.end);
      if (word_is(n, "undang")) n = next(n.end);  // "Undang Undang" without the hyphen
      if (!word_is(n, "undangundang") && !word_is(n, "undang")) return std::nullopt;
      n = next(n.end);
      if (!word_is(n, "hukum")) return std::nullopt;
      n = next(n.end);
      if (word_is(n, "pidana")) return Law{"kuhp", n.end};
      if (word_is(n, "acara")) {
        n = next(n.end);
        if (word_is(n, "pidana")) return Law{"kuhap", n.end};
      }
      return std::nullopt;
    }
    std::size_t p = 0;
    if (k == "uu" || k == "undangundang") {
      p = t.end;
    } else if (k == "undang") {
      Token n = next(t.end);
      if (m_lex.is_punct(n, '-')) n = next(n.end);  // "Undang -Undang", "Undang - Undang"
      if (!word_is(n, "undang")) return std::nullopt;
      p = n.end;
    } else {
      return std::nullopt;
    }
    Token n = next(p);
    if (auto named = abbreviated_law(p)) return named;
    if (word_is(n, "ri")) {
      p = n.end;
      const Token dot = next(p);
      if (m_lex.is_punct(dot, '.')) p = dot.end;
    } else if (word_is(n, "republik")) {
      const Token i = next(n.end);
      if (word_is(i, "indonesia")) p = i.end;
    }
    return numbered_law(p);
  }

  // Parses the chain starting at the "Pasal" token `t`, appends its citations, and returns
  // where scanning resumes; nullopt if `t` does not start a reference ("Pasal demi Pasal").
  std::optional<std::size_t> chain(const Token& t, std::vector<core::Citation>& out) const {
    std::vector<Ref> refs;
    auto first = ref(t, false);
    if (!first) return std::nullopt;
    refs.push_back(std::move(*first));
    std::optional<Law> found;
    while (true) {
      const std::size_t end = refs.back().end;
      if ((found = law(end))) break;
      if (refs.size() >= k_max_refs_per_chain) break;
      const auto c = conj(end);
      if (!c) break;
      const Token n = next(*c);
      std::optional<Ref> r;
      if (word_is(n, "pasal")) {
        r = ref(n, false);
      } else if (n.kind == Kind::number) {
        r = ref(n, true);
        if (r && !bare_number_ok(r->end)) r.reset();
      }
      if (!r) break;
      refs.push_back(std::move(*r));
    }
    const std::string& law_id = found ? found->id : m_default_law;
    const std::size_t chain_end = found ? found->end : refs.back().end;
    if (law_id.empty()) return chain_end;
    std::set<std::string> seen;  // "Pasal 2 ayat (1) dan ayat (1)": one citation per id
    for (std::size_t i = 0; i < refs.size(); ++i) {
      const Ref& r = refs[i];
      const std::size_t raw_end = i + 1 == refs.size() ? chain_end : r.end;
      const std::string raw(m_text.substr(r.begin, raw_end - r.begin));
      // A number the law does not have is not attributed to it: kept unresolved, as written.
      if (!pasal_exists(law_id, r.pasal)) {
        if (seen.insert("?@" + std::to_string(r.begin)).second) out.push_back(core::Citation{"", raw, r.begin});
        continue;
      }
      const std::string base = law_id + "/pasal-" + r.pasal;
      auto emit = [&](std::string id) {
        if (!seen.insert(id + '@' + std::to_string(r.begin)).second) return;
        out.push_back(core::Citation{std::move(id), raw, r.begin});
      };
      if (r.ayat.empty()) emit(base);
      for (const auto& a : r.ayat) emit(base + "/ayat-" + a);
    }
    return chain_end;
  }

  std::string_view m_text;
  Lexer m_lex;
  const std::string& m_default_law;
};

}  // namespace

std::vector<core::Citation> extract_citations(std::string_view text, const std::string& default_law) {
  return Parser(text, default_law).run();
}

std::vector<core::Citation> extract_citations_as_of(std::string_view text, const core::Date& date) {
  auto out = extract_citations(text);
  for (auto& c : out) c.provision_id = bind_kuhp(c.provision_id, date);
  return out;
}

std::string bind_kuhp(const std::string& provision_id, const core::Date& date) {
  if (date.empty() || provision_id.rfind("kuhp/", 0) != 0) return provision_id;
  const std::string code = date >= k_kuhp_2023_in_force ? "uu-1-2023" : "kuhp-1946";
  const std::string rest = provision_id.substr(4);  // "/pasal-55/ayat-1"
  const std::string pasal = rest.rfind("/pasal-", 0) == 0 ? rest.substr(7, rest.find('/', 7) - 7) : std::string();
  if (!pasal_exists(code, pasal)) return {};
  return code + rest;
}

}  // namespace berkas::ingest
