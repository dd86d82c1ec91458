#include "search/internal/morphology.h"

#include <algorithm>
#include <set>
#include <tuple>

namespace berkas::search::internal {

namespace {

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }
bool is_consonant(char c) { return c >= 'a' && c <= 'z' && !is_vowel(c); }
bool starts(const std::string& s, const char* p) { return s.rfind(p, 0) == 0; }
bool ends(const std::string& s, const std::string& p) {
  return s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0;
}
bool plausible(const std::string& s) {
  return s.size() >= 3 && std::any_of(s.begin(), s.end(), is_vowel);
}
char at(const std::string& s, std::size_t i) { return i < s.size() ? s[i] : '\0'; }
// Lower-case ASCII letters only: the words the affix rules apply to.
bool letters_only(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// The readings of `x` without one derivational prefix, each with a tag so a prefix is not
// removed twice. Allomorphs of meN-/peN- recode the first consonant of the root
// (N+t→n, N+p→m, N+k→ng, N+s→ny), so both the recoded and the plain reading are produced.
std::vector<std::pair<char, std::string>> without_prefix(const std::string& x) {
  std::vector<std::pair<char, std::string>> out;
  auto add = [&out](char tag, std::string rest) { out.emplace_back(tag, std::move(rest)); };
  if (starts(x, "di")) add('d', x.substr(2));
  if (starts(x, "ke")) add('k', x.substr(2));
  if (starts(x, "se")) add('s', x.substr(2));
  // ber-, ter-, per- and their allomorphs be-/te-/pe- before r and before CVr (bekerja), bel-/pel-
  // before ajar.
  for (const char* p : {"ber", "ter", "per"}) {
    const std::string two(p, 2);
    const char tag = p[0] == 'b' ? 'b' : p[0] == 't' ? 't' : 'p';
    if (starts(x, p)) {
      add(tag, x.substr(3));
      add(tag, x.substr(2));  // be-rupa, te-rima, pe-rekrut
    } else if (starts(x, two.c_str()) && is_consonant(at(x, 2)) && x.compare(3, 2, "er") == 0) {
      add(tag, x.substr(2));  // be-kerja, pe-serta
    }
    if (tag != 't' && starts(x, (two + "l").c_str())) add(tag, x.substr(3));  // bel-ajar, pel-ajar
  }
  // meN- and peN-.
  for (const char* p : {"me", "pe"}) {
    if (!starts(x, p)) continue;
    const char tag = p[0] == 'm' ? 'm' : 'p';
    const std::string r = x.substr(2);
    if (starts(r, "ng")) {
      const std::string s = r.substr(2);
      if (starts(s, "e") && is_consonant(at(s, 1))) add(tag, s.substr(1));  // menge-bom
      if (!s.empty() && is_vowel(s[0])) {
        add(tag, s);        // meng-angkut
        add(tag, "k" + s);  // meng-irim → kirim
      } else {
        add(tag, s);        // meng-gunakan, meng-hasil
      }
    } else if (starts(r, "ny")) {
      add(tag, "s" + r.substr(2));  // meny-adap → sadap
    } else if (starts(r, "n")) {
      const std::string s = r.substr(1);
      if (!s.empty() && is_vowel(s[0])) {
        add(tag, r);        // me-nanti (first: where both are roots, the written consonant wins)
        add(tag, "t" + s);  // men-ipu → tipu
      } else {
        add(tag, s);        // men-dapat, men-jual, men-cari
      }
    } else if (starts(r, "m")) {
      const std::string s = r.substr(1);
      if (!s.empty() && is_vowel(s[0])) {
        add(tag, r);        // me-makan, me-mohon (not pakan, pohon)
        add(tag, "p" + s);  // mem-ukul → pukul
      } else {
        add(tag, s);        // mem-bawa, mem-peroleh
      }
    } else if (!r.empty()) {
      add(tag, r);          // me-rekrut, me-lakukan, pe-laku, pe-kerja
    }
  }
  return out;
}

void strip_prefixes(const std::string& x, int affixes, bool suffix_removed, const std::string& used,
                    std::vector<RootCandidate>& out) {
  if (plausible(x)) out.push_back({x, affixes, suffix_removed});
  if (used.size() >= 3) return;
  for (auto& [tag, rest] : without_prefix(x)) {
    if (used.find(tag) != std::string::npos || rest.size() < 3) continue;
    strip_prefixes(rest, affixes + 1, suffix_removed, used + tag, out);
  }
}

}  // namespace

std::vector<RootCandidate> root_candidates(const std::string& word) {
  std::vector<RootCandidate> out;
  if (word.size() < 4 || !letters_only(word))
    return {{word, 0, false}};
  // Inflectional then derivational suffixes, each optional: particle, possessive, -kan/-an/-i.
  std::vector<std::pair<std::string, int>> bases = {{word, 0}};
  for (const char* group : {"lah kah tah pun", "nya ku mu", "kan an i"}) {
    std::vector<std::pair<std::string, int>> next = bases;
    std::string g(group);
    std::size_t pos = 0;
    while (pos < g.size()) {
      auto end = g.find(' ', pos);
      if (end == std::string::npos) end = g.size();
      const std::string suffix = g.substr(pos, end - pos);
      pos = end + 1;
      for (const auto& [b, n] : bases)
        if (ends(b, suffix) && b.size() >= suffix.size() + 3) next.emplace_back(b.substr(0, b.size() - suffix.size()), n + 1);
    }
    bases = std::move(next);
  }
  for (const auto& [b, n] : bases) strip_prefixes(b, n, n > 0, "", out);
  // The word itself first; drop duplicates keeping the reading with fewer affixes.
  std::stable_sort(out.begin(), out.end(), [](const RootCandidate& a, const RootCandidate& b) {
    return a.affixes < b.affixes;
  });
  std::set<std::string> seen;
  std::vector<RootCandidate> unique;
  for (auto& c : out)
    if (seen.insert(c.root).second) unique.push_back(std::move(c));
  return unique;
}

namespace {

// Cardinal numerals: ke- + numeral is an ordinal, a word of its own (kedua, keempat).
bool is_ordinal(const std::string& w) {
  static const std::set<std::string> numerals = {"satu", "dua",   "tiga",     "empat",    "lima",
                                                 "enam", "tujuh", "delapan",  "sembilan", "sepuluh",
                                                 "sebelas", "seratus", "seribu"};
  return starts(w, "ke") && numerals.count(w.substr(2)) > 0;
}

// Of the readings the dictionary licenses for `word`, the one the affix rules reach by removing
// most affixes (hunspell lists alternatives in no useful order); "" if none.
std::string licensed_root(const std::string& word, const Lexicon& lexicon, bool keep_se) {
  if (!lexicon.stems) return {};
  std::vector<std::string> stems;
  for (auto& s : lexicon.stems(word))
    if (plausible(s) && letters_only(s))
      stems.push_back(std::move(s));
  if (stems.empty()) return {};
  // se- + root (+ -nya) is a word of its own; the confix se-…-an is a form of the root.
  if (keep_se && starts(word, "se"))
    for (const auto& s : stems)
      if (word == "se" + s || word == "se" + s + "nya") return word;
  std::string best;
  int best_affixes = -1;
  for (const auto& c : root_candidates(word))
    if (c.affixes > best_affixes && std::find(stems.begin(), stems.end(), c.root) != stems.end()) {
      best = c.root;
      best_affixes = c.affixes;
    }
  return best.empty() ? stems.back() : best;
}

}  // namespace

std::vector<std::string> formal_spellings(const std::string& word) {
  std::vector<std::string> out;
  if (word.size() < 4 || word.size() > 40) return out;
  auto add = [&out, &word](std::string s) {
    if (s != word && std::find(out.begin(), out.end(), s) == out.end()) out.push_back(std::move(s));
  };
  // Prefixes: the bare nasal of colloquial speech is the formal me(N)- (ngirim → mengirim,
  // nyimpen → menyimpen, nulis → menulis, mukul → memukul); the passive ke- is di- (ketipu → ditipu).
  std::vector<std::string> prefixed = {word};
  if ((starts(word, "ng") || starts(word, "ny")) && !starts(word, "nge")) prefixed.push_back("me" + word);
  if (starts(word, "nge") && is_consonant(at(word, 3))) {
    prefixed.push_back("me" + word);              // ngecek → mengecek
    prefixed.push_back(word.substr(3));           // ngecat → cat
  }
  if ((word[0] == 'n' || word[0] == 'm') && is_vowel(at(word, 1))) prefixed.push_back("me" + word);
  if (starts(word, "ke") && word.size() >= 6) prefixed.push_back("di" + word.substr(2));
  // Suffix: -in is -kan or -i (kirimin → kirimkan, bohongin → bohongi).
  std::vector<std::string> suffixed;
  for (const auto& p : prefixed) {
    suffixed.push_back(p);
    if (ends(p, "in") && p.size() >= 6) {
      const auto base = p.substr(0, p.size() - 2);
      suffixed.push_back(base + "kan");
      suffixed.push_back(base + "i");
      // The dictionary lists few bare imperatives (kirimkan): their passive is licensed instead.
      if (p == word) {
        suffixed.push_back("di" + base + "kan");
        suffixed.push_back("di" + base + "i");
      }
    }
  }
  // Vowel: e for a in a closed last syllable (simpen → simpan, bener → benar).
  for (const auto& s : suffixed) add(s);
  for (const auto& s : suffixed) {
    const auto v = s.find_last_of("aeiou");
    if (v != std::string::npos && v + 1 < s.size() && v > 0 && s[v] == 'e' && is_consonant(s[v - 1])) {
      auto t = s;
      t[v] = 'a';
      add(std::move(t));
    }
  }
  return out;
}

std::string indonesian_root(const std::string& word, const Lexicon& lexicon) {
  const bool plain = word.size() >= 4 && letters_only(word);
  if (lexicon.is_function_word && lexicon.is_function_word(word)) return word;
  if (lexicon.is_root && lexicon.is_root(word)) return word;
  if (!plain) return {};
  if (is_ordinal(word)) return word;
  if (auto r = licensed_root(word, lexicon, true); !r.empty()) {
    // A lexeme the dictionary strips further (memulai: mula, the lexeme mulai; pendudukan: duduk,
    // the lexeme penduduk) is the root. Adverbs in -nya take no affixes (kehendaknya is
    // kehendak's, not a form of hendaknya).
    if (lexicon.is_lexeme && r != word)
      for (const auto& c : root_candidates(word))
        if (c.affixes > 0 && c.root.size() > r.size() && c.root.find(r) != std::string::npos && !ends(c.root, "nya") &&
            lexicon.is_lexeme(c.root))
          return c.root;
    return r;
  }
  if (lexicon.stems)
    for (const auto& f : formal_spellings(word)) {
      if (auto r = licensed_root(f, lexicon, false); !r.empty()) return r;
      if (lexicon.is_root && lexicon.is_root(f)) return f;
    }
  const RootCandidate* best = nullptr;
  std::tuple<int, int, std::size_t, bool> best_key{};
  const auto candidates = root_candidates(word);
  for (const auto& c : candidates) {
    int cls = 0;
    if (lexicon.is_root && lexicon.is_root(c.root)) cls = 2;
    else if (c.affixes > 0 && lexicon.is_word && lexicon.is_word(c.root)) cls = 1;
    if (cls == 0) continue;
    const std::tuple<int, int, std::size_t, bool> key{cls, c.affixes, c.root.size(), c.suffix_removed};
    if (!best || key > best_key) {
      best = &c;
      best_key = key;
    }
  }
  return best ? best->root : std::string();
}

}  // namespace berkas::search::internal
