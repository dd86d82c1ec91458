#include "service/internal/docs.h"

#include <algorithm>
#include <set>

#include "core/text.h"

namespace berkas::service::internal {

std::string provision_doc_id(const std::string& id) { return "pasal:" + id; }
std::string item_doc_id(const std::string& id) { return "item:" + id; }
std::string precedent_doc_id(const std::string& id) { return "putusan:" + id; }
std::string case_doc_id(const std::string& id) { return "perkara:" + id; }

std::string short_name_of_law(const std::string& law_id) {
  if (law_id == "uu-21-2007") return "UU 21/2007";
  if (law_id == "uu-1-2023") return "UU 1/2023 (KUHP)";
  if (law_id == "kuhp") return "KUHP";
  if (law_id == "kuhp-1946") return "KUHP lama";
  if (law_id == "kuhap" || law_id == "uu-8-1981") return "KUHAP";
  auto parts = core::split(law_id, '-');
  if (parts.size() == 3 && parts[0] == "uu") return "UU " + parts[1] + "/" + parts[2];
  return law_id;
}

std::string pasal_id_of(const std::string& provision_id) {
  auto pos = provision_id.find("/pasal-");
  if (pos == std::string::npos) return provision_id;
  auto end = provision_id.find('/', pos + 1);
  return end == std::string::npos ? provision_id : provision_id.substr(0, end);
}

std::string label_of_provision_id(const std::string& provision_id) {
  auto parts = core::split(provision_id, '/');
  if (parts.empty()) return provision_id;
  std::string label;
  for (size_t i = 1; i < parts.size(); ++i) {
    const auto& p = parts[i];
    if (p.rfind("pasal-", 0) == 0) {
      label += "Pasal " + core::ascii_lower(p.substr(6));
      // Pasal numbers like "2a" are written "2A".
      for (auto& c : label)
        if (c >= 'a' && c <= 'z' && &c > &label[6]) c = static_cast<char>(c - 'a' + 'A');
    } else if (p.rfind("ayat-", 0) == 0) {
      label += " ayat (" + p.substr(5) + ")";
    } else if (p.rfind("huruf-", 0) == 0) {
      label += " huruf " + p.substr(6);
    }
  }
  if (label.empty()) return provision_id;
  return label + " " + short_name_of_law(parts[0]);
}

std::string item_text(const core::EvidenceItem& item) {
  std::string out;
  auto line = [&out](const std::string& s) {
    if (s.empty()) return;
    out += s;
    out += '\n';
  };
  line(item.title);
  line(item.summary);
  for (const auto& qa : item.qa) {
    line(std::to_string(qa.number) + ". Pertanyaan: " + qa.question);
    line("Jawaban: " + qa.answer);
  }
  for (const auto& s : item.sections) {
    line(s.heading);
    line(s.text);
  }
  for (const auto& a : item.attachments) line(a.description);
  return out;
}

search::Doc provision_doc(const core::Law& law, const core::Provision& p) {
  search::Doc d;
  d.id = provision_doc_id(p.id);
  d.kind = "pasal";
  d.object_id = p.id;
  d.title = p.label.empty() ? label_of_provision_id(p.id) : p.label;
  if (!p.bab_heading.empty()) d.title += " — " + p.bab_heading;
  d.label = p.label;
  d.body = p.text;
  d.extra = p.penjelasan;
  d.provisions = {p.id};
  d.law_id = p.law_id;
  d.pasal = p.pasal;
  d.ayat = p.ayat;
  d.collapse_key = pasal_id_of(p.id);
  d.valid_from = p.in_force_from.empty() ? law.in_force_from : p.in_force_from;
  d.valid_until = p.in_force_until;
  d.date = d.valid_from;
  d.ordinal = p.ordinal;
  return d;
}

search::Doc item_doc(const core::EvidenceItem& item, const std::vector<core::Citation>& citations,
                     const core::Case* case_file, const Redactor& redactor) {
  search::Doc d;
  d.id = item_doc_id(item.id);
  d.kind = core::code_of(item.kind);
  d.object_id = item.id;
  d.title = redactor.apply(item.title);
  d.label = "v" + std::to_string(item.version);
  d.body = redactor.apply(item_text(item));
  d.case_id = item.case_id;
  if (!item.person_id.empty()) d.person_ids.push_back(item.person_id);
  std::set<std::string> provisions;
  for (const auto& c : citations)
    if (!c.provision_id.empty()) provisions.insert(c.provision_id);  // unresolved ones name no provision
  d.provisions.assign(provisions.begin(), provisions.end());
  d.country = item.country;
  if (d.country.empty() && case_file) d.country = case_file->destination_country;
  d.date = item.date;
  // What the file says of itself (its producer, sender, subject, participants): searchable, not shown.
  for (const auto& [k, v] : item.original.metadata) d.extra += redactor.apply(v) + "\n";
  return d;
}

std::string item_unit_doc_id(const std::string& item_id, int number) {
  return item_doc_id(item_id) + "#" + std::to_string(number);
}

int unit_of_doc_id(const std::string& doc_id) {
  const auto hash = doc_id.rfind('#');
  if (doc_id.rfind("item:", 0) != 0 || hash == std::string::npos) return 0;
  return static_cast<int>(core::parse_decimal(doc_id.substr(hash + 1), 1, 1'000'000'000).value_or(0));
}

std::vector<search::Doc> item_unit_docs(const core::EvidenceItem& item, const search::Doc& item_document,
                                        const Redactor& redactor) {
  std::vector<search::Doc> out;
  out.reserve(item.units.size());
  for (const auto& u : item.units) {
    search::Doc d = item_document;
    d.id = item_unit_doc_id(item.id, u.number);
    d.extra.clear();
    std::string label = core::unit_name(item.original, u);
    if (u.method == "ocr" && u.confidence >= 0) label += " · OCR " + std::to_string(static_cast<int>(u.confidence + 0.5)) + "%";
    if (!u.time.empty()) label += " · " + core::replace_all(u.time, "T", " ");
    if (!u.sender.empty()) label += " · " + redactor.apply(u.sender);
    d.label = label;
    d.body = redactor.apply(u.sender.empty() ? u.text : u.sender + ": " + u.text);
    out.push_back(std::move(d));
  }
  return out;
}

search::Doc precedent_doc(const core::Precedent& p, const std::vector<core::Citation>& citations,
                          const Redactor& redactor) {
  search::Doc d;
  d.id = precedent_doc_id(p.id);
  d.kind = "putusan";
  d.object_id = p.id;
  d.title = "Putusan " + p.number + (p.court.empty() ? "" : " — " + p.court);
  d.label = p.number;
  // A published decision may still name a person protected in one of our cases.
  d.body = redactor.apply(p.text.empty() ? p.verdict + "\n" + p.sentence_text : p.text);
  std::set<std::string> provisions(p.provisions_charged.begin(), p.provisions_charged.end());
  provisions.insert(p.provisions_applied.begin(), p.provisions_applied.end());
  for (const auto& c : citations)
    if (!c.provision_id.empty()) provisions.insert(c.provision_id);  // unresolved ones name no provision
  d.provisions.assign(provisions.begin(), provisions.end());
  d.date = p.date;
  for (const auto& o : p.outcomes) d.outcomes.emplace_back(core::code_of(o.outcome));
  return d;
}

search::Doc case_doc(const core::Case& c, const Redactor& redactor) {
  search::Doc d;
  d.id = case_doc_id(c.id);
  d.kind = "perkara";
  d.object_id = c.id;
  d.title = redactor.apply(c.title.empty() ? c.register_number : c.title);
  d.label = c.register_number;
  d.body = redactor.apply(c.register_number + "\n" + c.court + "\n" + c.recruitment_channel + "\n" + c.summary);
  d.case_id = c.id;
  d.provisions = c.charged_provisions;
  d.country = c.destination_country;
  d.date = c.offence_date;
  return d;
}

}  // namespace berkas::service::internal
