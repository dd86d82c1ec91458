// Service: the reading use cases — search, items, precedents, cases and their material, the law.
#include "service/service.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <set>

#include "core/text.h"
#include "service/internal/service_impl.h"
#include "service/policy.h"

namespace fs = std::filesystem;

namespace berkas::service {

using core::ErrorCode;
using core::fail;
using core::Result;
using core::Status;
using internal::k_kuhp_2023_in_force;

Result<SearchPage> Service::search(const Viewer& v, search::Query query) const {
  query.visible_cases = visible_cases(v);
  if (query.as_of.empty()) query.as_of = {};
  auto results = m_impl->index->search(query);
  if (!results) return tl::unexpected(results.error());
  SearchPage page;
  page.results = std::move(*results);
  page.as_of = query.as_of;
  return page;
}

namespace {

struct VersionRef {
  std::string id;
  int version = 0;
};

VersionRef parse_version_ref(const std::string& ref) {
  VersionRef r{ref, 0};
  auto at = ref.rfind('@');
  if (at != std::string::npos && at + 1 < ref.size()) {
    const std::string num = ref.substr(at + 1);
    // A number that does not fit a version leaves the whole ref as an id: not found (std::atoi
    // wrapped "4294967297" to version 1).
    if (auto n = core::parse_decimal(num, 0, std::numeric_limits<int>::max())) {
      r.id = ref.substr(0, at);
      r.version = static_cast<int>(*n);
    }
  }
  return r;
}

}  // namespace

// Replaces protected names in every text field of an item; true if anything was replaced.
static PersonView person_view(const Viewer& v, const core::Person& p) {
  return PersonView{p.id, display_name(v, p), core::to_string(p.role), p.is_protected, !may_see_identity(v, p)};
}

static bool redact_item(core::EvidenceItem& it, const Redactor& red) {
  bool changed = false;
  auto apply = [&](std::string& s) {
    std::string r = red.apply(s);
    if (r != s) {
      s = std::move(r);
      changed = true;
    }
  };
  for (auto* s : {&it.title, &it.summary, &it.examiner, &it.place, &it.correction_note}) apply(*s);
  for (auto& qa : it.qa) {
    apply(qa.question);
    apply(qa.answer);
  }
  for (auto& sec : it.sections) {
    apply(sec.heading);
    apply(sec.text);
  }
  for (auto& a : it.attachments) {
    apply(a.name);
    apply(a.description);
  }
  // A native file's derived text, chat senders included, and what the file says of itself.
  for (auto& u : it.units) {
    apply(u.text);
    apply(u.sender);
    apply(u.media);
  }
  for (auto& [key, value] : it.original.metadata) apply(value);
  apply(it.original.file_name);
  return changed;
}

// True when what was read from a native original (its text, senders, metadata) names a person
// `red` hides: the file itself shows the name, whatever its redacted text now says.
static bool original_names_hidden(const core::EvidenceItem& it, const Redactor& red) {
  for (const auto& u : it.units)
    if (red.leaks(u.text) || red.leaks(u.sender) || red.leaks(u.media)) return true;
  for (const auto& [key, value] : it.original.metadata)
    if (red.leaks(value)) return true;
  return red.leaks(it.original.file_name);
}

// Reads a citation as of a date: a reference to a revoked provision names its successor,
// and "KUHP" means the old code before the new one took effect.
// A published decision may name a person protected in one of our cases: every field that can
// carry a name goes through the viewer's redactor.
static void redact_precedent(const Redactor& red, core::Precedent& p) {
  for (auto* s : {&p.text, &p.verdict, &p.sentence_text, &p.defendant}) *s = red.apply(*s);
  for (auto& o : p.outcomes) o.defendant = red.apply(o.defendant);
}

static CitationView read_citation(const store::Store& st, const core::Citation& c, const core::Date& as_of) {
  CitationView v;
  v.provision_id = c.provision_id;
  v.raw = c.raw;
  v.as_of = as_of;
  std::string id = c.provision_id;
  if (id.empty()) {  // a reference no law could take: shown as written
    v.label = "tidak terselesaikan / unresolved";
    return v;
  }
  if (id.rfind("kuhp-1946/", 0) == 0) {
    v.label = internal::label_of_provision_id(id) + " (Wetboek van Strafrecht)";
    return v;
  }
  if (id.rfind("kuhp/", 0) == 0) {
    if (as_of >= k_kuhp_2023_in_force) {
      id = "uu-1-2023/" + id.substr(5);
      v.provision_id = id;
    } else {
      v.label = internal::label_of_provision_id(id) + " (KUHP lama / Wetboek van Strafrecht)";
      return v;
    }
  }
  auto prov = st.provision(id);
  if (!prov) prov = st.provision(internal::pasal_id_of(id));
  v.label = internal::label_of_provision_id(id);
  if (!prov) return v;
  v.shipped = true;
  if (!prov->label.empty() && prov->id == id) v.label = prov->label;
  auto law = st.law(prov->law_id);
  v.status = prov->status_on(as_of, law ? law->in_force_from : std::string());
  v.successor_id = prov->successor_id;
  if (!v.successor_id.empty()) {
    auto succ = st.provision(v.successor_id);
    v.successor_label = succ && !succ->label.empty() ? succ->label : internal::label_of_provision_id(v.successor_id);
  }
  v.note = prov->status_note;
  return v;
}

Result<ItemView> Service::item(const Viewer& v, const std::string& ref) const {
  const auto r = parse_version_ref(ref);
  auto item = m_impl->store->item(r.id, r.version);
  const auto hidden = [&] {
    return fail(ErrorCode::not_found, "barang bukti '" + ref + "' tidak ditemukan / item not found");
  };
  if (!item || !may_see_item(v, *item)) return hidden();
  auto red = m_impl->redactor_for(v);
  if (!red) return tl::unexpected(red.error());
  ItemView view;
  view.item = *item;
  auto& it = view.item;
  // A trainer sees a released item exactly as a guideline's case study shows it: every person by
  // a pseudonym, places generalised, identifying numbers masked, dates as month and year, no
  // examiner, attachment or correction note.
  std::optional<Anonymiser> anon;
  if (must_anonymise(v)) {
    auto places = m_impl->gazetteer();
    if (!places) return tl::unexpected(places.error());
    auto persons = persons_to_hide(*m_impl->store, *item);
    if (!persons) return tl::unexpected(persons.error());
    anon.emplace(std::move(*persons), **places);
    it = anonymise_item(*item, *anon);
    view.redacted = true;
  } else {
    view.redacted = redact_item(it, *red);
  }
  view.original_offered = !view.redacted;
  auto versions = m_impl->store->item_versions(r.id);
  if (versions) view.versions = *versions;
  for (auto& ver : view.versions) ver.correction_note = anon ? std::string() : red->apply(ver.correction_note);
  auto c = m_impl->store->get_case(it.case_id);
  core::Date as_of = it.date.empty() ? today() : it.date;
  if (c) {
    view.case_title = anon ? anon->text(c->title) : red->apply(c->title);
    if (!c->offence_date.empty() && !anon) as_of = c->offence_date;  // a trainer's stays month/year
  }
  auto cites = m_impl->store->item_citations(r.id, it.version);
  if (cites)
    for (const auto& ci : *cites) view.citations.push_back(read_citation(*m_impl->store, ci, as_of));
  if (!item->person_id.empty()) {
    auto p = m_impl->store->person(item->person_id);
    if (p) {
      view.person = person_view(v, *p);
      if (anon) {
        view.person->display_name = anon->pseudonym_of(p->id);
        view.person->pseudonymised = true;
      }
    }
  }
  return view;
}

Result<PrecedentView> Service::precedent(const Viewer& v, const std::string& id) const {
  auto p = m_impl->store->precedent(id);
  if (!p) return fail(ErrorCode::not_found, "putusan '" + id + "' tidak ditemukan / precedent not found");
  auto red = m_impl->redactor_for(v);
  if (!red) return tl::unexpected(red.error());
  PrecedentView view;
  view.precedent = *p;
  redact_precedent(*red, view.precedent);
  const core::Date as_of = p->date.empty() ? today() : p->date;
  for (const auto& id2 : p->provisions_charged)
    view.charged.push_back(read_citation(*m_impl->store, core::Citation{id2, "", 0}, as_of));
  for (const auto& id2 : p->provisions_applied)
    view.applied.push_back(read_citation(*m_impl->store, core::Citation{id2, "", 0}, as_of));
  auto cites = m_impl->store->precedent_citations(id);
  if (cites)
    for (const auto& c : *cites) view.cited.push_back(read_citation(*m_impl->store, c, as_of));
  return view;
}

namespace {

// Whether `lower` has `phrase` (lower case) as whole words.
bool mentions(const std::string& lower, const std::string& phrase) {
  auto letter = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
  for (std::size_t p = lower.find(phrase); p != std::string::npos; p = lower.find(phrase, p + 1)) {
    const bool left = p == 0 || !letter(lower[p - 1]);
    const bool right = p + phrase.size() >= lower.size() || !letter(lower[p + phrase.size()]);
    if (left && right) return true;
  }
  return false;
}

}  // namespace

Result<std::vector<core::Precedent>> Service::precedents(const Viewer& v, const std::string& mentioning) const {
  auto all = m_impl->store->precedents();
  if (!all) return tl::unexpected(all.error());
  auto red = m_impl->redactor_for(v);
  if (!red) return tl::unexpected(red.error());
  const std::string phrase = core::ascii_lower(core::squeeze_space(mentioning));
  std::vector<core::Precedent> out;
  for (auto& p : *all) {
    if (!phrase.empty() && !mentions(core::ascii_lower(p.text), phrase)) continue;
    p.text.clear();
    redact_precedent(*red, p);
    out.push_back(std::move(p));
  }
  return out;
}

Result<std::string> Service::kind_of(const Viewer& v, const std::string& id) const {
  const auto r = parse_version_ref(id);
  if (auto it = m_impl->store->item(r.id, r.version); it && may_see_item(v, *it)) return std::string("item");
  if (m_impl->store->precedent(id)) return std::string("precedent");
  if (m_impl->store->provision(id)) return std::string("provision");
  if (auto c = m_impl->store->get_case(id); c && may_see_case(v, c->id)) return std::string("case");
  return fail(ErrorCode::not_found, "'" + id + "' tidak ditemukan / not found");
}

Result<std::vector<core::Case>> Service::cases(const Viewer& v) const {
  auto all = m_impl->store->cases();
  if (!all) return all;
  auto red = m_impl->redactor_for(v);
  if (!red) return tl::unexpected(red.error());
  std::vector<core::Case> out;
  for (auto& c : *all) {
    if (!may_see_case(v, c.id)) continue;
    c.title = red->apply(c.title);
    c.summary = red->apply(c.summary);
    out.push_back(std::move(c));
  }
  return out;
}

Result<CaseView> Service::case_view(const Viewer& v, const std::string& id) const {
  auto c = m_impl->store->get_case(id);
  if (!c || !may_see_case(v, id)) return fail(ErrorCode::not_found, "perkara '" + id + "' tidak ditemukan / case not found");
  auto red = m_impl->redactor_for(v);
  if (!red) return tl::unexpected(red.error());
  CaseView view;
  view.case_file = *c;
  view.case_file.title = red->apply(c->title);
  view.case_file.summary = red->apply(c->summary);
  auto persons = m_impl->store->persons(id);
  if (persons)
    for (const auto& p : *persons) {
      view.persons.push_back(person_view(v, p));
    }
  auto items = m_impl->store->items(id);
  if (items)
    for (auto& it : *items) {
      if (!may_see_item(v, it)) continue;
      it.title = red->apply(it.title);
      view.items.push_back(std::move(it));
    }
  const core::Date as_of = c->offence_date.empty() ? today() : c->offence_date;
  for (const auto& pid : c->charged_provisions)
    view.charged.push_back(read_citation(*m_impl->store, core::Citation{pid, "", 0}, as_of));
  return view;
}

Result<std::vector<core::EvidenceItem>> Service::visible_items(const Viewer& v, const std::string& case_id) const {
  std::vector<core::EvidenceItem> out;
  if (!case_id.empty() && (!m_impl->store->get_case(case_id) || !may_see_case(v, case_id)))
    return fail(ErrorCode::not_found, "perkara '" + case_id + "' tidak ditemukan / case not found");
  if (!policy().may_see_case_files(v)) return out;
  auto red = m_impl->redactor_for(v);
  if (!red) return tl::unexpected(red.error());
  auto items = m_impl->store->items(case_id);
  if (!items) return tl::unexpected(items.error());
  for (auto& it : *items) {
    if (!may_see_item(v, it)) continue;
    redact_item(it, *red);
    out.push_back(std::move(it));
  }
  return out;
}

Result<CaseMaterial> Service::case_material(const Viewer& v, const std::string& case_id) const {
  auto view = case_view(v, case_id);
  if (!view) return tl::unexpected(view.error());
  auto red = m_impl->redactor_for(v);
  if (!red) return tl::unexpected(red.error());
  auto& st = *m_impl->store;
  CaseMaterial m;
  m.view = std::move(*view);
  auto items = st.items(case_id);
  if (!items) return tl::unexpected(items.error());
  for (auto& it : *items) {
    if (!may_see_item(v, it)) continue;
    if (!it.original.empty() && original_names_hidden(it, *red)) m.originals_naming_hidden.insert(it.source_sha256);
    redact_item(it, *red);
    for (const auto& a : it.attachments)
      if (!m.attachments.count(a.sha256))
        if (auto bytes = st.attachment(a.sha256)) m.attachments.emplace(a.sha256, std::move(*bytes));
    m.items.push_back(std::move(it));
  }
  std::set<std::string> charged_pasal;
  for (const auto& pid : m.view.case_file.charged_provisions) {
    if (auto p = st.provision(pid)) m.charged.push_back(*p);
    charged_pasal.insert(internal::pasal_id_of(pid));
  }
  if (auto precs = st.precedents())
    for (const auto& p : *precs) {
      bool relevant = false;
      for (const auto& a : p.provisions_applied) relevant |= charged_pasal.count(internal::pasal_id_of(a)) > 0;
      for (const auto& a : p.provisions_charged) relevant |= charged_pasal.count(internal::pasal_id_of(a)) > 0;
      if (!relevant) continue;
      auto copy = p;
      for (auto* s : {&copy.text, &copy.verdict, &copy.sentence_text, &copy.defendant}) *s = red->apply(*s);
      m.precedents.push_back(std::move(copy));
    }
  if (auto persons = st.persons())
    for (const auto& p : *persons)
      if (p.is_protected && !may_see_identity(v, p)) m.forbidden.push_back(p.name);
  return m;
}

Result<std::vector<core::Law>> Service::laws() const { return m_impl->store->laws(); }

Result<LawOutline> Service::law_outline(const std::string& law_id, const core::Date& as_of) const {
  auto law = m_impl->store->law(law_id);
  if (!law) return tl::unexpected(law.error());
  auto provs = m_impl->store->provisions(law_id);
  if (!provs) return tl::unexpected(provs.error());
  LawOutline out;
  out.law = *law;
  out.as_of = as_of.empty() ? today() : as_of;
  for (const auto& p : *provs) {
    if (p.level != core::Provision::Level::pasal) continue;
    if (out.bab.empty() || out.bab.back().bab != p.bab) out.bab.push_back({p.bab, p.bab_heading, {}});
    out.bab.back().pasal.push_back({p.id, p.label, p.pasal, p.status_on(out.as_of, law->in_force_from)});
  }
  return out;
}

Result<ProvisionView> Service::provision(const Viewer& v, const std::string& law_id, const std::string& pasal_or_id,
                                         const core::Date& as_of) const {
  std::string id = pasal_or_id;
  if (id.find('/') == std::string::npos) {
    std::string num = core::ascii_lower(core::squeeze_space(id));
    if (num.rfind("pasal", 0) == 0) num = core::squeeze_space(num.substr(5));
    id = law_id + "/pasal-" + num;
  }
  auto prov = m_impl->store->provision(id);
  if (!prov) return fail(ErrorCode::not_found, "'" + pasal_or_id + "' tidak ditemukan dalam " +
                                                   internal::short_name_of_law(law_id) + " / provision not found");
  ProvisionView view;
  view.provision = *prov;
  auto law = m_impl->store->law(prov->law_id);
  view.law_short_name = law ? law->short_name : internal::short_name_of_law(prov->law_id);
  view.as_of = as_of.empty() ? today() : as_of;
  view.status = prov->status_on(view.as_of, law ? law->in_force_from : std::string());
  if (!prov->successor_id.empty()) {
    auto succ = m_impl->store->provision(prov->successor_id);
    view.successor_label = succ && !succ->label.empty() ? succ->label : internal::label_of_provision_id(prov->successor_id);
  }
  if (prov->level == core::Provision::Level::pasal) {
    auto all = m_impl->store->provisions(prov->law_id);
    if (all)
      for (const auto& p : *all)
        if (p.parent_id == prov->id) view.ayat.push_back(p);
  }
  auto citing = m_impl->store->items_citing(prov->id);
  if (citing)
    for (const auto& item_id : *citing) {
      auto it = m_impl->store->item(item_id);
      if (it && may_see_item(v, *it)) view.citing_items.push_back(item_id);
    }
  auto prec = m_impl->store->precedents_citing(prov->id);
  if (prec) view.citing_precedents = *prec;
  return view;
}

}  // namespace berkas::service
