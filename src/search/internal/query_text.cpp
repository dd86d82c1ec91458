#include "search/internal/query_text.h"

#include <cctype>

#include "core/text.h"

namespace berkas::search::internal {

namespace {

bool is_word_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) || u >= 0x80;
}

void skip_space(const std::string& s, std::size_t& pos) {
  while (pos < s.size() && std::isspace(static_cast<unsigned char>(s[pos]))) ++pos;
}

bool take_word(const std::string& s, std::size_t& pos, const char* word) {
  const std::string w(word);
  if (s.compare(pos, w.size(), w) != 0) return false;
  if (pos + w.size() < s.size() && std::isalpha(static_cast<unsigned char>(s[pos + w.size()]))) return false;
  pos += w.size();
  return true;
}

std::string take_digits(const std::string& s, std::size_t& pos) {
  std::string out;
  while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) out += s[pos++];
  return out;
}

bool is_operator(const std::string& w) {
  return w == "and" || w == "or" || w == "not" || w == "xor" || w == "near" || w == "adj";
}

// A query token: a maximal run of characters that are not space, parentheses or quotes.
struct Token {
  std::size_t begin, end;  // in the text
  bool quoted;             // a "phrase" (kept as it is)
};

std::vector<Token> tokens_of(const std::string& s) {
  std::vector<Token> out;
  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (std::isspace(static_cast<unsigned char>(c)) || c == '(' || c == ')') {
      ++i;
    } else if (c == '"') {
      auto close = s.find('"', i + 1);
      const std::size_t end = close == std::string::npos ? s.size() : close + 1;
      out.push_back({i, end, true});
      i = end;
    } else {
      std::size_t j = i;
      while (j < s.size() && !std::isspace(static_cast<unsigned char>(s[j])) && s[j] != '(' && s[j] != ')' &&
             s[j] != '"')
        ++j;
      // A field prefix takes a quoted value with it: judul:"surat perintah".
      if (j < s.size() && s[j] == '"' && j > i && s[j - 1] == ':') {
        auto close = s.find('"', j + 1);
        j = close == std::string::npos ? s.size() : close + 1;
      }
      out.push_back({i, j, false});
      i = j;
    }
  }
  return out;
}

// The word a token stands for if it is a plain word ("" otherwise); `sign` gets a leading +/-.
std::string plain_word(const std::string& s, const Token& t, char& sign) {
  sign = 0;
  if (t.quoted) return {};
  std::size_t b = t.begin;
  if (s[b] == '+' || s[b] == '-') sign = s[b++];
  if (b >= t.end) return {};
  for (std::size_t k = b; k < t.end; ++k)
    if (!is_word_char(s[k])) return {};
  return core::ascii_lower(s.substr(b, t.end - b));
}

}  // namespace

std::string law_id_at(const std::string& text, std::size_t& pos) {
  const std::string s = core::ascii_lower(text);
  std::size_t p = pos;
  skip_space(s, p);
  if (take_word(s, p, "kuhp")) {
    pos = p;
    return "uu-1-2023";
  }
  if (!take_word(s, p, "uu") && !take_word(s, p, "undang-undang")) return {};
  skip_space(s, p);
  if (take_word(s, p, "nomor") || take_word(s, p, "no")) {
    if (p < s.size() && s[p] == '.') ++p;
    skip_space(s, p);
  }
  const auto number = take_digits(s, p);
  if (number.empty()) return {};
  skip_space(s, p);
  if (p < s.size() && s[p] == '/') {
    ++p;
  } else if (!take_word(s, p, "tahun")) {
    return {};
  }
  skip_space(s, p);
  const auto year = take_digits(s, p);
  if (year.size() != 4) return {};
  pos = p;
  return "uu-" + number + "-" + year;
}

std::vector<PasalRef> find_pasal_refs(const std::string& text) {
  const std::string s = core::ascii_lower(text);
  std::vector<PasalRef> out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i > 0 && std::isalnum(static_cast<unsigned char>(s[i - 1]))) continue;
    std::size_t p = i;
    if (!take_word(s, p, "pasal") && !take_word(s, p, "psl") && !take_word(s, p, "ps")) continue;
    if (p < s.size() && s[p] == '.') ++p;
    skip_space(s, p);
    PasalRef ref;
    ref.pasal = take_digits(s, p);
    if (ref.pasal.empty()) continue;
    // "2A": a Pasal inserted by an amendment.
    if (p < s.size() && std::isalpha(static_cast<unsigned char>(s[p])) &&
        (p + 1 >= s.size() || !std::isalpha(static_cast<unsigned char>(s[p + 1]))))
      ref.pasal += s[p++];
    std::size_t q = p;
    skip_space(s, q);
    if (take_word(s, q, "ayat")) {
      skip_space(s, q);
      if (q < s.size() && s[q] == '(') ++q;
      auto ayat = take_digits(s, q);
      if (!ayat.empty() && ayat.size() < 4) {
        ref.ayat = std::stoi(ayat);
        if (q < s.size() && s[q] == ')') ++q;
        p = q;
      }
    }
    ref.law_id = law_id_at(s, p);
    if (ref.law_id.empty()) ref.law_id = "uu-21-2007";
    out.push_back(ref);
    i = p;
  }
  return out;
}

std::string rewrite_query(const std::string& text, const Thesaurus& thesaurus) {
  const std::string s = core::ascii_lower(text);
  const auto tokens = tokens_of(s);
  std::vector<std::string> words(tokens.size());
  std::vector<char> signs(tokens.size());
  for (std::size_t i = 0; i < tokens.size(); ++i) words[i] = plain_word(s, tokens[i], signs[i]);
  std::string out;
  std::size_t copied = 0;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (words[i].empty() || is_operator(words[i])) continue;
    std::size_t best_len = 0, best_group = 0, best_expr = 0;
    auto [lo, hi] = thesaurus.by_first_word.equal_range(words[i]);
    for (auto it = lo; it != hi; ++it) {
      const auto& expr = thesaurus.groups[it->second.first][it->second.second];
      if (expr.size() <= best_len || i + expr.size() > tokens.size()) continue;
      bool match = true;
      for (std::size_t k = 1; k < expr.size() && match; ++k)
        match = words[i + k] == expr[k] && signs[i + k] == 0;
      if (match) {
        best_len = expr.size();
        best_group = it->second.first;
        best_expr = it->second.second;
      }
    }
    if (best_len == 0) continue;
    const std::size_t begin = tokens[i].begin + (signs[i] ? 1 : 0);
    out += s.substr(copied, begin - copied);
    out += std::string(k_thesaurus_field) + ":" + std::to_string(best_group) + "." + std::to_string(best_expr);
    copied = tokens[i + best_len - 1].end;
    i += best_len - 1;
  }
  out += s.substr(copied);
  return out;
}

std::vector<WordSpan> plain_words(const std::string& text) {
  std::vector<WordSpan> out;
  for (const auto& t : tokens_of(text)) {
    char sign = 0;
    auto w = plain_word(text, t, sign);
    if (w.empty() || is_operator(w)) continue;
    out.push_back({w, t.begin + (sign ? 1 : 0), t.end});
  }
  return out;
}

}  // namespace berkas::search::internal
