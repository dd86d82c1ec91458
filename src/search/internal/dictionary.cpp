#include "search/internal/dictionary.h"

#include <hunspell/hunspell.hxx>

#include <iostream>
#include <map>
#include <sstream>

#include "core/hash.h"
#include "search/internal/definition.h"

namespace berkas::search::internal {

namespace {

bool plain_word(const std::string& w) {
  if (w.empty() || w.size() > k_max_dictionary_word) return false;
  for (char c : w)
    if (!(c >= 'a' && c <= 'z') && c != '-') return false;
  return true;
}

}  // namespace

Dictionary::~Dictionary() = default;

core::Result<std::shared_ptr<const Dictionary>> Dictionary::load(const std::string& stem) {
  const std::string aff = stem + ".aff", dic = stem + ".dic";
  const std::string unreadable =
      "kamus bahasa Indonesia tidak dapat dibaca / cannot read the Indonesian dictionary (Debian package hunspell-id)";
  auto aff_text = read_text(aff, unreadable);
  if (!aff_text) return tl::unexpected(aff_text.error());
  auto dic_text = read_text(dic, unreadable);
  if (!dic_text) return tl::unexpected(dic_text.error());
  std::shared_ptr<Dictionary> d(new Dictionary());
  d->m_hunspell = std::make_unique<Hunspell>(aff.c_str(), dic.c_str());
  // Entries: every line after the count, up to its '/' (the affix flags). The file is ISO-8859-1;
  // only plain lower-case words can be roots of the words the analyser sees.
  std::istringstream lines(*dic_text);
  std::string line;
  std::getline(lines, line);  // the approximate entry count
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    auto word = line.substr(0, line.find_first_of("/\t "));
    if (plain_word(word)) d->m_entries.insert(std::move(word));
  }
  if (d->m_entries.empty())
    return core::fail(core::ErrorCode::invalid_input, "kamus kosong / the dictionary has no entries", dic);
  d->m_version = "hunspell-id:" + core::sha256_hex(*aff_text + '\0' + *dic_text).substr(0, 16);
  return std::shared_ptr<const Dictionary>(std::move(d));
}

std::shared_ptr<const Dictionary> Dictionary::shared(const std::string& stem) {
  static std::mutex mutex;
  // nullptr for a dictionary that could not be loaded: tried (and reported) once.
  static std::map<std::string, std::shared_ptr<const Dictionary>> loaded;
  std::lock_guard lock(mutex);
  if (auto it = loaded.find(stem); it != loaded.end()) return it->second;
  auto d = load(stem);
  if (!d)
    std::cerr << "berkas: " << d.error().describe()
              << " — the analyser falls back to the shipped roots (index/roots-id.txt)\n";
  return loaded[stem] = d ? *d : nullptr;
}

bool Dictionary::is_entry(const std::string& word) const { return m_entries.count(word) > 0; }

std::vector<std::string> Dictionary::stems(const std::string& word) const {
  if (!plain_word(word)) return {};
  std::lock_guard lock(m_mutex);
  return m_hunspell->stem(word);
}

}  // namespace berkas::search::internal
