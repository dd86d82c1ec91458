#include "service/anonymise.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <regex>

#include "core/text.h"
#include "service/redact.h"

namespace berkas::service {

using core::ErrorCode;
using core::fail;

namespace {

const char* k_months[] = {"Januari", "Februari", "Maret", "April", "Mei", "Juni",
                          "Juli", "Agustus", "September", "Oktober", "November", "Desember"};

bool is_alnum(unsigned char c) { return std::isalnum(c) || c >= 0x80; }

bool ieq_at(std::string_view text, std::size_t at, std::string_view word) {
  if (at + word.size() > text.size()) return false;
  for (std::size_t k = 0; k < word.size(); ++k)
    if (std::tolower(static_cast<unsigned char>(text[at + k])) != std::tolower(static_cast<unsigned char>(word[k])))
      return false;
  return true;
}

bool ends_with_i(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && ieq_at(s, s.size() - suffix.size(), suffix);
}

const char* const k_prefixes[] = {"Kabupaten ", "Kab. ", "Kota ", "Provinsi ", "Kecamatan ", "Prov. "};

// Replaces each phrase of `table` (longest first) found on word boundaries in `text`.
std::string replace_phrases(std::string_view text, const std::vector<std::pair<std::string, std::string>>& table,
                            bool swallow_prefix) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const bool boundary = i == 0 || !is_alnum(static_cast<unsigned char>(text[i - 1]));
    const std::pair<std::string, std::string>* hit = nullptr;
    if (boundary)
      for (const auto& e : table) {
        if (e.first.empty() || !ieq_at(text, i, e.first)) continue;
        const std::size_t end = i + e.first.size();
        if (end < text.size() && is_alnum(static_cast<unsigned char>(text[end]))) continue;
        hit = &e;
        break;
      }
    if (!hit) {
      out += text[i++];
      continue;
    }
    if (swallow_prefix)
      for (const char* p : k_prefixes)
        if (ends_with_i(out, p)) {
          out.resize(out.size() - std::string_view(p).size());
          break;
        }
    out += hit->second;
    i += hit->first.size();
  }
  return out;
}

std::string month_name(int m) { return m >= 1 && m <= 12 ? k_months[m - 1] : std::string(); }

}  // namespace

// ------------------------------------------------------------------ gazetteer

Gazetteer::Gazetteer(std::vector<std::pair<std::string, std::string>> entries) : m_entries(std::move(entries)) {
  std::stable_sort(m_entries.begin(), m_entries.end(),
                   [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
}

core::Result<Gazetteer> Gazetteer::load(const std::string& path) {
  std::ifstream in(path);
  if (!in) return fail(ErrorCode::io, "gazetir tidak dapat dibaca / cannot read the gazetteer", path);
  std::vector<std::pair<std::string, std::string>> entries;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    const std::string t = core::squeeze_space(line);
    if (t.empty() || t[0] == '#') continue;
    const auto bar = t.find('|');
    if (bar == std::string::npos) return fail(ErrorCode::invalid_input, "expected 'name | general form'", path, n);
    std::string name = core::squeeze_space(t.substr(0, bar)), general = core::squeeze_space(t.substr(bar + 1));
    if (name.empty() || general.empty()) return fail(ErrorCode::invalid_input, "empty name or general form", path, n);
    entries.emplace_back(std::move(name), std::move(general));
  }
  return Gazetteer(std::move(entries));
}

std::string Gazetteer::generalise(std::string_view text) const { return replace_phrases(text, m_entries, true); }

std::string Gazetteer::general_of(std::string_view text) const {
  std::size_t best = std::string::npos;
  std::string general;
  for (const auto& [name, g] : m_entries)
    for (std::size_t i = 0; i + name.size() <= text.size(); ++i) {
      if (i >= best) break;
      if (!ieq_at(text, i, name)) continue;
      if (i > 0 && is_alnum(static_cast<unsigned char>(text[i - 1]))) continue;
      const std::size_t end = i + name.size();
      if (end < text.size() && is_alnum(static_cast<unsigned char>(text[end]))) continue;
      best = i;
      general = g;
    }
  return general;
}

// ------------------------------------------------------------------ dates and numbers

std::string month_year(const core::Date& d) {
  if (d.size() < 7 || d[4] != '-') return {};
  const int m = std::atoi(d.substr(5, 2).c_str());
  const std::string name = month_name(m);
  return name.empty() ? std::string() : name + " " + d.substr(0, 4);
}

std::string mask_dates_and_numbers(std::string_view text) {
  static const std::regex day_month_year(
      R"(\b\d{1,2}\s+(Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember|Jan|Feb|Mar|Apr|Jun|Jul|Agu|Agt|Sep|Okt|Nov|Des)\.?\s+(\d{4})\b)",
      std::regex::icase);
  static const std::regex iso(R"(\b(\d{4})-(\d{2})-(\d{2})\b)");
  static const std::regex numeric(R"(\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b)");
  std::string s = std::regex_replace(std::string(text), day_month_year, "$1 $2");
  auto by_month = [](const std::string& in, const std::regex& re, int year_group, int month_group) {
    std::string out;
    auto begin = std::sregex_iterator(in.begin(), in.end(), re);
    std::size_t last = 0;
    for (auto it = begin; it != std::sregex_iterator(); ++it) {
      const auto& m = *it;
      const std::string name = month_name(std::atoi(m[month_group].str().c_str()));
      out.append(in, last, static_cast<std::size_t>(m.position(0)) - last);
      out += name.empty() ? "[tanggal disamarkan]" : name + " " + m[year_group].str();
      last = static_cast<std::size_t>(m.position(0) + m.length(0));
    }
    out.append(in, last, std::string::npos);
    return out;
  };
  s = by_month(s, iso, 1, 2);
  s = by_month(s, numeric, 3, 2);

  // Digit runs: digits joined by single spaces or dashes ("0812-3456-7890", "+62 812 3456").
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) {
      out += s[i++];
      continue;
    }
    std::size_t j = i, digits = 0, end = i;
    while (j < s.size()) {
      if (std::isdigit(static_cast<unsigned char>(s[j]))) {
        ++digits;
        end = ++j;
      } else if ((s[j] == ' ' || s[j] == '-') && j + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[j + 1]))) {
        ++j;
      } else {
        break;
      }
    }
    if (digits >= 6) {
      if (!out.empty() && out.back() == '+') out.pop_back();
      out += "[nomor disamarkan]";
    } else {
      out.append(s, i, end - i);
    }
    i = end;
  }
  return out;
}

// ------------------------------------------------------------------ anonymiser

namespace {

std::string role_word(core::PersonRole r) {
  switch (r) {
    case core::PersonRole::saksi_korban: return "Korban";
    case core::PersonRole::saksi: return "Saksi";
    case core::PersonRole::ahli: return "Ahli";
    case core::PersonRole::tersangka: return "Tersangka";
    case core::PersonRole::terdakwa: return "Terdakwa";
    case core::PersonRole::pendamping: return "Pendamping";
    case core::PersonRole::penyidik: return "Penyidik";
  }
  return "Orang";
}

}  // namespace

Anonymiser::Anonymiser(std::vector<core::Person> persons, Gazetteer places) : m_places(std::move(places)) {
  std::sort(persons.begin(), persons.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  persons.erase(std::unique(persons.begin(), persons.end(), [](const auto& a, const auto& b) { return a.id == b.id; }),
                persons.end());
  std::map<std::string, int> counters;
  for (auto& p : persons) {
    if (p.pseudonym.empty()) {
      const std::string w = role_word(p.role);
      p.pseudonym = w + " " + std::to_string(++counters[w]);
    }
    // Every person is hidden, protected or not: Redactor hides the protected ones.
    p.is_protected = true;
    if (!p.origin.empty()) {
      std::string general = m_places.general_of(p.origin);
      if (general.empty()) general = "sebuah daerah";
      m_origins.emplace_back(core::squeeze_space(p.origin), general);
      for (const auto& part : core::split(p.origin, ','))
        if (std::string t = core::squeeze_space(part); t.size() >= 4) m_origins.emplace_back(t, general);
    }
  }
  std::stable_sort(m_origins.begin(), m_origins.end(), [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  m_persons = std::move(persons);
  m_names.emplace(m_persons);
}

std::string Anonymiser::text(std::string_view s) const {
  std::string t = mask_dates_and_numbers(s);
  t = replace_phrases(t, m_origins, true);
  t = m_names->apply(t);
  return m_places.generalise(t);
}

std::string Anonymiser::place(std::string_view s) const {
  std::string g = m_places.general_of(s);
  if (g.empty())
    for (const auto& [origin, general] : m_origins)
      if (core::ascii_lower(s).find(core::ascii_lower(origin)) != std::string::npos) return general;
  return g.empty() ? std::string("sebuah tempat / a place") : g;
}

std::string Anonymiser::pseudonym_of(const std::string& person_id) const {
  for (const auto& p : m_persons)
    if (p.id == person_id) return p.pseudonym;
  return {};
}

std::vector<std::string> Anonymiser::guard_names() const {
  std::vector<std::string> out;
  for (const auto& p : m_persons) {
    const std::string n = core::squeeze_space(p.name);
    if (n.find(' ') != std::string::npos) out.push_back(n);
  }
  return out;
}

core::EvidenceItem anonymise_item(const core::EvidenceItem& item, const Anonymiser& a) {
  core::EvidenceItem out;
  out.id = item.id;
  out.version = item.version;
  out.kind = item.kind;
  out.title = a.text(item.title);
  out.date = item.date.size() >= 7 ? item.date.substr(0, 7) : std::string();
  out.place = item.place.empty() ? std::string() : a.place(item.place);
  out.summary = a.text(item.summary);
  for (const auto& qa : item.qa) out.qa.push_back({qa.number, a.text(qa.question), a.text(qa.answer)});
  for (const auto& s : item.sections) out.sections.push_back({a.text(s.heading), a.text(s.text)});
  // A native file's text as the same case study shows it: by unit, senders by pseudonym, no
  // media names or times more exact than the item's month; nothing of what the file says of itself.
  out.original.format = item.original.format;
  for (const auto& u : item.units) {
    core::TextUnit t;
    t.number = u.number;
    t.method = u.method;
    t.confidence = u.confidence;
    t.system = u.system;
    t.sender = u.sender.empty() ? std::string() : a.text(u.sender);
    t.text = a.text(u.text);
    out.units.push_back(std::move(t));
  }
  out.country = item.country;
  out.fictional = item.fictional;
  out.released_for_training = item.released_for_training;
  return out;
}

core::Result<std::vector<core::Person>> persons_to_hide(const store::Store& st, const core::EvidenceItem& item) {
  auto persons = st.persons(item.case_id);
  if (!persons) return tl::unexpected(persons.error());
  std::vector<std::string> ids = item.about_person_ids;
  if (!item.person_id.empty()) ids.push_back(item.person_id);
  for (const auto& id : ids)
    if (auto pr = st.person(id)) persons->push_back(*pr);
  auto all = st.persons();
  if (!all) return tl::unexpected(all.error());
  for (auto& pr : *all)
    if (pr.is_protected) persons->push_back(std::move(pr));
  return persons;
}

}  // namespace berkas::service
