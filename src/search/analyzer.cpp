#include "search/internal/analyzer.h"

#include <algorithm>
#include <fstream>

#include "core/text.h"

namespace berkas::search::internal {

namespace {

bool is_word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

bool ends_with(const std::string& s, std::string_view suf) {
  return s.size() >= suf.size() && s.compare(s.size() - suf.size(), suf.size(), suf) == 0;
}

bool starts_with(const std::string& s, std::string_view pre) { return s.compare(0, pre.size(), pre) == 0; }

bool all_letters(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// Prefix removals of one round, each with the recodings Indonesian morphology allows.
void strip_prefix(const std::string& f, std::vector<std::string>& out) {
  auto add = [&](std::string s) {
    if (s.size() >= 3) out.push_back(std::move(s));
  };
  const size_t n = f.size();
  if (n < 5) return;
  for (const char* p : {"di", "ke", "se"})
    if (starts_with(f, p)) add(f.substr(2));
  if (starts_with(f, "ber")) add(f.substr(3));
  if (starts_with(f, "bel") && starts_with(f.substr(3), "ajar")) add(f.substr(3));
  if (starts_with(f, "be") && f[2] == 'r') add(f.substr(2));  // be-rr... (berantas: ber+antas / be+rantas)
  if (starts_with(f, "ter")) add(f.substr(3));
  if (starts_with(f, "te") && f[2] == 'r') add(f.substr(2));  // terekrut: te + rekrut
  for (const char* base : {"me", "pe"}) {
    if (!starts_with(f, base)) continue;
    const char* m = base[0] == 'm' ? "m" : "p";
    (void)m;
    const std::string r2 = f.substr(2);
    const char c2 = f[2];
    if (c2 == 'l' || c2 == 'm' || c2 == 'n' || c2 == 'r' || c2 == 'w' || c2 == 'y') add(r2);  // me-rekrut, pe-latih
    if (starts_with(f.substr(2), "m") && n > 3) {  // mem-/pem-
      const std::string r = f.substr(3);
      if (r[0] == 'b' || r[0] == 'f' || r[0] == 'v' || r[0] == 'p') add(r);
      if (is_vowel(r[0])) add("p" + r);  // memilih → pilih
    }
    if (starts_with(f.substr(2), "ng") && n > 4) {  // meng-/peng-
      const std::string r = f.substr(4);
      if (r[0] == 'g' || r[0] == 'h' || r[0] == 'k' || r[0] == 'q') add(r);
      if (is_vowel(r[0])) {
        add("k" + r);  // mengirim → kirim
        add(r);        // mengambil → ambil
      }
    } else if (starts_with(f.substr(2), "ny") && n > 4) {  // meny-/peny-
      const std::string r = f.substr(4);
      if (is_vowel(r[0])) add("s" + r);  // menyekap → sekap
    } else if (starts_with(f.substr(2), "n") && n > 3) {  // men-/pen-
      const std::string r = f.substr(3);
      if (r[0] == 'c' || r[0] == 'd' || r[0] == 'j' || r[0] == 'z' || r[0] == 't' || r[0] == 's') add(r);
      if (is_vowel(r[0])) add("t" + r);  // menipu → tipu, penerima → terima
    }
    if (base[0] == 'p') {
      if (starts_with(f, "per")) add(f.substr(3));  // perbudakan → budak
      if (starts_with(f, "pel")) add(f.substr(3));
    }
  }
}

}  // namespace

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> out;
  size_t i = 0;
  while (i < text.size()) {
    if (!is_word_byte(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < text.size() && is_word_byte(static_cast<unsigned char>(text[j]))) ++j;
    out.push_back({core::ascii_lower(text.substr(i, j - i)), i, j});
    i = j;
  }
  return out;
}

std::vector<std::string> root_candidates(const std::string& word) {
  std::vector<std::string> out;
  if (word.size() < 4 || !all_letters(word)) return out;
  std::vector<std::string> forms = {word};
  auto push = [&](std::string s) {
    if (s.size() >= 3 && std::find(forms.begin(), forms.end(), s) == forms.end()) forms.push_back(std::move(s));
  };
  for (const char* suf : {"lah", "kah", "tah", "pun"})
    if (ends_with(word, suf) && word.size() >= std::string_view(suf).size() + 4) push(word.substr(0, word.size() - 3));
  for (size_t i = 0, n = forms.size(); i < n; ++i)
    for (std::string_view suf : {"nya", "ku", "mu"})
      if (ends_with(forms[i], suf) && forms[i].size() >= suf.size() + 4) push(forms[i].substr(0, forms[i].size() - suf.size()));
  for (size_t i = 0, n = forms.size(); i < n; ++i)
    for (std::string_view suf : {"kan", "an", "i"})
      if (ends_with(forms[i], suf) && forms[i].size() >= suf.size() + 4) push(forms[i].substr(0, forms[i].size() - suf.size()));
  for (int round = 0; round < 2; ++round) {
    std::vector<std::string> next;
    for (const auto& f : forms) strip_prefix(f, next);
    for (auto& s : next) push(std::move(s));
  }
  for (auto& f : forms)
    if (f != word) out.push_back(std::move(f));
  return out;
}

core::Result<std::unordered_set<std::string>> load_word_list(const std::string& path) {
  std::ifstream in(path);
  if (!in) return core::fail(core::ErrorCode::io, "cannot read word list", path);
  std::unordered_set<std::string> words;
  std::string line;
  while (std::getline(in, line)) {
    auto hash = line.find('#');
    if (hash != std::string::npos) line.resize(hash);
    for (const auto& t : tokenize(line)) words.insert(t.word);
  }
  return words;
}

core::Result<Thesaurus> Thesaurus::load(const std::string& path) {
  std::ifstream in(path);
  if (!in) return core::fail(core::ErrorCode::io, "cannot read thesaurus", path);
  Thesaurus t;
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    auto hash = line.find('#');
    if (hash != std::string::npos) line.resize(hash);
    if (core::squeeze_space(line).empty()) continue;
    std::vector<std::vector<std::string>> group;
    for (const auto& member : core::split(line, '|')) {
      std::vector<std::string> words;
      for (const auto& tok : tokenize(member)) words.push_back(tok.word);
      if (!words.empty()) group.push_back(std::move(words));
    }
    if (group.size() < 2)
      return core::fail(core::ErrorCode::invalid_input, "a thesaurus group needs two members separated by '|'", path,
                        line_no);
    const size_t index = t.m_groups.size();
    for (const auto& m : group) t.m_by_first[m[0]].push_back(index);
    t.m_groups.push_back(std::move(group));
  }
  return t;
}

std::size_t Thesaurus::match(const std::vector<std::string>& words, std::size_t at, std::size_t& group) const {
  auto it = m_by_first.find(words[at]);
  if (it == m_by_first.end()) return 0;
  std::size_t best = 0;
  for (std::size_t g : it->second)
    for (const auto& member : m_groups[g]) {
      if (member.size() <= best || at + member.size() > words.size()) continue;
      if (std::equal(member.begin(), member.end(), words.begin() + static_cast<std::ptrdiff_t>(at))) {
        best = member.size();
        group = g;
      }
    }
  return best;
}

std::string Thesaurus::canonical(const std::string& w) const {
  auto it = m_by_first.find(w);
  if (it != m_by_first.end())
    for (std::size_t g : it->second)
      for (const auto& member : m_groups[g])
        if (member.size() == 1 && member[0] == w) return m_groups[g][0].size() == 1 ? m_groups[g][0][0] : w;
  return w;
}

}  // namespace berkas::search::internal
