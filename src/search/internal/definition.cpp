#include "search/internal/definition.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/hash.h"
#include "core/text.h"

namespace berkas::search::internal {

core::Result<std::string> read_text(const std::filesystem::path& path, const std::string& what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::fail(core::ErrorCode::io, what, path.string());
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

namespace {

std::string strip_comment(std::string line) {
  if (auto hash = line.find('#'); hash != std::string::npos) line.resize(hash);
  return core::squeeze_space(line);
}

// One word per line, '#' comments.
core::Status read_word_list(const std::filesystem::path& path, std::unordered_set<std::string>& out) {
  auto text = read_text(path);
  if (!text) return tl::unexpected(text.error());
  for (const auto& raw : core::split(*text, '\n')) {
    const auto line = core::ascii_lower(strip_comment(raw));
    for (const auto& w : words_of(line)) out.insert(w);
  }
  return {};
}

}  // namespace

std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> out;
  std::string cur;
  for (unsigned char c : text) {
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80) {
      cur += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    } else if (!cur.empty()) {
      out.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

core::Result<Thesaurus> parse_thesaurus(const std::string& text, const std::string& file) {
  Thesaurus t;
  int line_no = 0;
  for (const auto& raw : core::split(text, '\n')) {
    ++line_no;
    const auto line = strip_comment(raw);
    if (line.empty()) continue;
    std::vector<std::vector<std::string>> group;
    for (const auto& expr : core::split(line, '|')) {
      auto words = words_of(expr);
      if (!words.empty()) group.push_back(std::move(words));
    }
    if (group.size() < 2)
      return core::fail(core::ErrorCode::invalid_input,
                        "baris tesaurus perlu dua ungkapan atau lebih / a thesaurus line needs two or more "
                        "expressions separated by '|'",
                        file, line_no);
    const std::size_t g = t.groups.size();
    for (std::size_t e = 0; e < group.size(); ++e) t.by_first_word.emplace(group[e][0], std::make_pair(g, e));
    t.groups.push_back(std::move(group));
  }
  return t;
}

core::Result<Definition> load_definition(const std::string& dir) {
  Definition d;
  if (dir.empty()) return d;
  const std::filesystem::path base(dir);
  for (const char* name : {"stopwords-id.txt", "stopwords-en.txt"})
    if (auto s = read_word_list(base / name, d.stopwords); !s) return tl::unexpected(s.error());
  if (auto s = read_word_list(base / "roots-id.txt", d.roots); !s) return tl::unexpected(s.error());
  if (auto s = read_word_list(base / "lexemes-id.txt", d.lexemes); !s) return tl::unexpected(s.error());
  d.roots.insert(d.lexemes.begin(), d.lexemes.end());  // a lexeme is its own root
  const auto path = base / "thesaurus.txt";
  auto text = read_text(path);
  if (!text) return tl::unexpected(text.error());
  auto t = parse_thesaurus(*text, path.string());
  if (!t) return tl::unexpected(t.error());
  d.thesaurus = std::move(*t);
  d.dictionary = Dictionary::shared();
  // The curated roots and lexemes, and the function words (their own roots), as sorted lists.
  auto sorted_list = [](const std::unordered_set<std::string>& set) {
    std::vector<std::string> words(set.begin(), set.end());
    std::sort(words.begin(), words.end());
    std::string joined;
    for (const auto& w : words) joined += w + '\n';
    return joined;
  };
  d.analyser_version = std::string(k_analyser_rules) + ";" + (d.dictionary ? d.dictionary->version() : "no-dictionary") +
                       ";roots:" + core::sha256_hex(sorted_list(d.roots) + '\0' + sorted_list(d.stopwords)).substr(0, 16);
  return d;
}

}  // namespace berkas::search::internal
