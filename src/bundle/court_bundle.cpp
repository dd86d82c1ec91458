// The court bundle: template + CaseData → LayoutDocument (make_layout) → PDF (build_bundle).
// Everything court-specific lives here; render() knows only blocks.

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <unistd.h>

#include "bundle/bundle.h"
#include "bundle/internal/exhibit.h"
#include "bundle/internal/native.h"
#include "bundle/internal/template.h"
#include "core/hash.h"
#include "core/text.h"

namespace berkas::bundle {
namespace {

using core::ErrorCode;
using core::fail;
using internal::SectionSpec;
using internal::SectionType;
using internal::Values;
using internal::clean_value;

struct Composed {
  LayoutDocument doc;
  std::vector<ManifestEntry> manifest;
  std::vector<std::string> manifest_anchor;  // parallel to `manifest`
  std::vector<SectionPages> sections;        // id = the section's anchor
  std::vector<std::string> omitted;
  std::string manifest_sha256;
};

class Composer {
 public:
  Composer(const CaseData& data, const BundleOptions& options, internal::Template tmpl)
      : m_data(data), m_opt(options), m_t(std::move(tmpl)) {
    for (const auto& p : data.persons) m_persons.emplace(p.id, &p);
    for (const auto& p : data.provisions) m_provisions.emplace(p.id, &p);
  }

  core::Result<Composed> run() {
    const auto& c = m_data.case_info;
    m_values = {{"case.id", c.id},
                {"case.register_number", c.register_number},
                {"case.title", c.title},
                {"case.court", c.court},
                {"case.stage", core::to_string(c.stage)},
                {"case.destination_country", c.destination_country},
                {"case.recruitment_channel", c.recruitment_channel},
                {"case.offence_date", c.offence_date},
                {"case.summary", c.summary},
                {"case.fictional", c.fictional ? "FIKTIF" : ""},
                {"bundle.date", m_opt.date},
                {"bundle.creator", m_opt.creator},
                {"bundle.template", m_t.name}};
    for (auto& [k, v] : m_values) v = clean_value(v);
    std::string prefix = m_opt.stamp_prefix;
    if (prefix.empty() && m_t.has_stamp) {
      auto p = fill(m_t.stamp_prefix, m_values);
      if (!p) return tl::unexpected(p.error());
      prefix = *p;
    }
    if (prefix.empty() && m_t.has_stamp) prefix = "BERKAS-";
    m_values["bundle.stamp_prefix"] = clean_value(prefix);

    LayoutDocument& d = m_out.doc;
    d.forbidden_strings = m_data.forbidden_strings;
    auto set = [&](std::string& out, const internal::TemplateText& t, const Values& v) -> core::Status {
      auto r = fill(t, v);
      if (!r) return tl::unexpected(r.error());
      out = *r;
      return {};
    };
    Values fv = m_values;
    fv["page"] = k_page_marker;
    fv["pages"] = k_pages_marker;
    for (auto st : {set(d.info.title, m_t.title, m_values), set(d.info.subject, m_t.subject, m_values),
                    set(d.info.keywords, m_t.keywords, m_values), set(d.furniture.header, m_t.header, fv),
                    set(d.furniture.footer, m_t.footer, fv)})
      if (!st) return tl::unexpected(st.error());
    d.info.creator = "Berkas";
    d.info.author = clean_value(m_opt.creator);
    d.info.identifier = clean_value(c.register_number);
    // What the document shows, said where a reader of the file's properties looks.
    d.info.disclosure = core::code_of(m_opt.disclosure);
    d.info.subject += std::string(d.info.subject.empty() ? "" : " — ") + core::label_of(m_opt.disclosure);
    d.info.date = m_opt.date;
    d.furniture.stamp_prefix = m_t.has_stamp ? clean_value(prefix) : std::string();
    d.furniture.stamp_digits = m_t.stamp_digits;
    d.furniture.stamp_position = m_t.stamp_position;
    d.furniture.on_first_page = m_t.first_page_furniture;

    // Each item goes to the first section that selects it, in date order within a section.
    std::vector<const core::EvidenceItem*> items;
    for (const auto& i : m_data.items) items.push_back(&i);
    std::stable_sort(items.begin(), items.end(), [](const auto* a, const auto* b) {
      return std::tie(a->date, a->id, a->version) < std::tie(b->date, b->id, b->version);
    });
    std::set<const core::EvidenceItem*> placed;
    std::map<std::string, std::vector<const core::EvidenceItem*>> chosen;
    for (const auto& s : m_t.sections) {
      if (s.type != SectionType::items) continue;
      for (const auto* it : items) {
        if (placed.count(it) || !selects(s, *it)) continue;
        placed.insert(it);
        chosen[s.id].push_back(it);
      }
    }
    for (const auto* it : items)
      if (!placed.count(it)) m_out.omitted.push_back(it->id);

    // The manifest's own hash is over what is included, known before pagination.
    manifest_entries(chosen);
    {
      std::string canon;
      for (const auto& e : m_out.manifest)
        canon += e.id + '\t' + e.kind + '\t' + std::to_string(e.version) + '\t' + e.sha256 + '\n';
      m_out.manifest_sha256 = core::sha256_hex(canon);
      d.info.manifest = canon;
      d.info.manifest_sha256 = m_out.manifest_sha256;
    }

    bool first = true;
    bool first_section = true;
    for (const auto& s : m_t.sections) {
      auto title = fill(s.title, m_values);
      if (!title) return tl::unexpected(title.error());
      if (s.new_page && !first) push(Block::make_page_break());
      first = false;
      const std::string anchor = "s-" + s.id;
      SectionPages sp;
      sp.id = anchor;
      sp.title = *title;
      core::Status st;
      // The note on what the document shows goes on the first page: on the cover, else first.
      if (first_section && s.type != SectionType::cover) push(Block::make_note(disclosure_note(m_opt.disclosure)));
      first_section = false;
      if (s.type == SectionType::cover) {
        Block a = Block::make_anchor(1, *title, anchor);
        a.in_index = s.in_index;
        push(std::move(a));
        st = cover(s);
      } else {
        Block h = Block::make_heading(1, *title, anchor);
        h.in_index = s.in_index;
        push(std::move(h));
        st = intro(s);
        if (st) {
          switch (s.type) {
            case SectionType::index: push(Block::make_toc()); break;
            case SectionType::charges: charges(s); break;
            case SectionType::items: st = item_section(s, chosen[s.id]); break;
            case SectionType::precedents: precedents(s); break;
            case SectionType::manifest: manifest(); break;
            default: break;  // cover above; witness-file sections are not in the court schema
          }
        }
      }
      if (!st) return tl::unexpected(st.error());
      if (s.type == SectionType::items)
        for (const auto* it : chosen[s.id]) sp.entry_ids.push_back(it->id);
      if (s.type == SectionType::precedents)
        for (const auto& p : m_data.precedents) sp.entry_ids.push_back(p.id);
      m_out.sections.push_back(std::move(sp));
    }
    return std::move(m_out);
  }

 private:
  // The manifest's entries in bundle order: each item (a native one with how its text was
  // obtained), its PDF and image attachments, the precedents; exhibits that show a protected name
  // marked withheld.
  void manifest_entries(std::map<std::string, std::vector<const core::EvidenceItem*>>& chosen) {
    for (const auto& s : m_t.sections) {
      if (s.type == SectionType::items)
        for (const auto* it : chosen[s.id]) {
          add_entry(item_anchor(*it), it->id, core::code_of(it->kind), it->version, it->source_sha256);
          m_out.manifest.back().origin = internal::text_origin(*it);
          if (original_withheld(*it)) {
            m_out.manifest.back().withheld = true;
            m_withheld.insert(it->source_sha256);
          }
          int k = 0;
          for (const auto& a : it->attachments)
            if (a.media_type == "application/pdf" || internal::is_image_media(a.media_type)) {
              const std::string n = std::to_string(++k);
              add_entry(item_anchor(*it) + "-a" + n, it->id + "#lampiran-" + n, "lampiran", it->version, a.sha256);
              auto bytes = m_data.attachments.find(a.sha256);
              if (bytes != m_data.attachments.end() &&
                  (a.media_type == "application/pdf" ? internal::exhibit_shows_any(bytes->second, m_data.forbidden_strings)
                                                     : internal::text_shows_any(bytes->second, m_data.forbidden_strings))) {
                m_out.manifest.back().withheld = true;
                m_withheld.insert(a.sha256);
              }
            }
        }
      if (s.type == SectionType::precedents)
        for (const auto& p : m_data.precedents) add_entry("p-" + p.id, p.id, "putusan", 1, p.source_sha256);
    }
  }

  core::Result<std::string> fill(const internal::TemplateText& t, const Values& v) {
    return internal::fill(t, v, m_t.path);
  }

  void push(Block b) { m_out.doc.blocks.push_back(std::move(b)); }

  void add_entry(std::string anchor, std::string id, std::string kind, int version, std::string sha) {
    ManifestEntry e;
    e.id = std::move(id);
    e.kind = std::move(kind);
    e.version = version;
    e.sha256 = std::move(sha);
    m_out.manifest.push_back(std::move(e));
    m_out.manifest_anchor.push_back(std::move(anchor));
  }

  // A native PDF or photo that shows a protected name is withheld: the caller says so when the
  // derived text named one before redaction; the file and what is left of its text are looked at too.
  bool original_withheld(const core::EvidenceItem& it) const {
    const auto shape = internal::shape_of(it.original);
    if (shape != internal::NativeShape::pdf && shape != internal::NativeShape::image) return false;
    if (m_data.originals_naming_protected.count(it.source_sha256)) return true;
    auto bytes = m_data.attachments.find(it.source_sha256);
    return bytes != m_data.attachments.end() &&
           internal::original_shows_any(it, bytes->second, m_data.forbidden_strings);
  }

  // The native original's bytes, checked against its SHA-256.
  core::Result<const std::string*> original_bytes(const core::EvidenceItem& it) const {
    auto bytes = m_data.attachments.find(it.source_sha256);
    if (bytes == m_data.attachments.end())
      return fail(ErrorCode::not_found, "the original file of item " + it.id + " (sha256 " + it.source_sha256 +
                                            ") was not supplied", {}, 0, "attachments");
    if (core::sha256_hex(bytes->second) != it.source_sha256)
      return fail(ErrorCode::integrity, "the original file of item " + it.id + " does not match its SHA-256", {}, 0,
                  "attachments");
    return &bytes->second;
  }

  static std::string item_anchor(const core::EvidenceItem& it) {
    return "i-" + it.id + "-v" + std::to_string(it.version);
  }

  bool selects(const SectionSpec& s, const core::EvidenceItem& it) const {
    if (std::find(s.kinds.begin(), s.kinds.end(), core::code_of(it.kind)) == s.kinds.end()) return false;
    if (s.roles.empty()) return true;
    auto p = m_persons.find(it.person_id);
    if (p == m_persons.end()) return false;
    return std::find(s.roles.begin(), s.roles.end(), core::to_string(p->second->role)) != s.roles.end();
  }

  core::Status intro(const SectionSpec& s) {
    for (const auto& i : s.intro) {
      auto t = fill(i, m_values);
      if (!t) return tl::unexpected(t.error());
      if (!t->empty()) push(Block::make_paragraph(*t));
    }
    return {};
  }

  core::Status cover(const SectionSpec& s) {
    for (const auto& l : s.lines) {
      auto t = fill(l.text, m_values);
      if (!t) return tl::unexpected(t.error());
      if (t->empty()) continue;
      if (l.style == "title" || l.style == "subtitle") {
        Block h = Block::make_heading(l.style == "title" ? 1 : 2, *t, "");
        h.in_index = false;
        h.align = Align::center;
        push(std::move(h));
      } else if (l.style == "note") {
        push(Block::make_note(*t));
      } else {
        push(Block::make_paragraph(*t, Align::center));
      }
    }
    push(Block::make_note(disclosure_note(m_opt.disclosure)));
    return {};
  }

  void charges(const SectionSpec& s) {
    const auto& ids = m_data.case_info.charged_provisions;
    if (ids.empty()) push(Block::make_paragraph("Belum ada Pasal yang didakwakan dalam data perkara.", Align::left, Style::italic));
    for (const auto& id : ids) {
      auto it = m_provisions.find(id);
      if (it == m_provisions.end()) {
        push(Block::make_heading(2, id, "c-" + core::slugify(id)));
        push(Block::make_note("Teks ketentuan ini tidak tersedia dalam data yang diberikan."));
        continue;
      }
      const core::Provision& p = *it->second;
      push(Block::make_heading(2, p.label.empty() ? p.id : p.label, "c-" + core::slugify(p.id)));
      push(Block::make_paragraph(p.text));
      if (!p.status_note.empty()) push(Block::make_note(p.status_note));
      if (s.penjelasan && !p.penjelasan.empty()) {
        Block h = Block::make_heading(3, "Penjelasan", "");
        h.in_index = false;
        push(std::move(h));
        push(Block::make_paragraph(p.penjelasan, Align::justify, Style::italic));
      }
    }
  }

  core::Status item_section(const SectionSpec& s, const std::vector<const core::EvidenceItem*>& items) {
    if (items.empty()) push(Block::make_paragraph("Tidak ada dokumen dalam bagian ini.", Align::left, Style::italic));
    bool first = true;
    for (const auto* it : items) {
      if (s.item_new_page && !first) push(Block::make_page_break());
      first = false;
      if (auto st = item(s, *it); !st) return st;
    }
    return {};
  }

  core::Status item(const SectionSpec& s, const core::EvidenceItem& it) {
    const PersonView* person = nullptr;
    if (auto p = m_persons.find(it.person_id); p != m_persons.end()) person = p->second;
    Values v = m_values;
    v["item.id"] = clean_value(it.id);
    v["item.title"] = clean_value(it.title);
    v["item.date"] = clean_value(it.date);
    v["item.place"] = clean_value(it.place);
    v["item.examiner"] = clean_value(it.examiner);
    v["item.kind"] = core::code_of(it.kind);
    v["item.kind_label"] = core::label_of(it.kind);
    v["item.version"] = std::to_string(it.version);
    v["person.display_name"] = person ? clean_value(person->display_name) : std::string();
    v["person.role"] = person ? core::to_string(person->role) : std::string();
    auto heading = fill(s.item_heading, v);
    if (!heading) return tl::unexpected(heading.error());
    const std::string anchor = item_anchor(it);
    push(Block::make_heading(2, heading->empty() ? it.id : *heading, anchor));

    const bool statement = it.kind == core::EvidenceKind::keterangan_saksi || it.kind == core::EvidenceKind::keterangan_terdakwa;
    Block kv;
    kv.kind = BlockKind::key_value;
    kv.pairs.emplace_back("Jenis alat bukti", core::label_of(it.kind));
    kv.pairs.emplace_back("Judul", it.title);
    if (person)
      kv.pairs.emplace_back(statement ? "Yang diperiksa" : "Orang", person->display_name + " (" + core::label_of(person->role) + ")");
    if (!it.place.empty()) kv.pairs.emplace_back("Tempat", it.place);
    if (!it.date.empty()) kv.pairs.emplace_back(statement ? "Tanggal pemeriksaan" : "Tanggal", it.date);
    if (!it.examiner.empty()) kv.pairs.emplace_back(statement ? "Pemeriksa" : "Pembuat", it.examiner);
    kv.pairs.emplace_back("Nomor dokumen", it.id + " (versi " + std::to_string(it.version) + ")");
    const auto native = internal::shape_of(it.original);
    if (native != internal::NativeShape::none)
      for (auto& p : internal::original_pairs(it)) kv.pairs.push_back(std::move(p));
    else if (!it.source_sha256.empty())
      kv.pairs.emplace_back("SHA-256 sumber", it.source_sha256);
    push(std::move(kv));
    if (person && person->is_protected && person->pseudonymised)
      push(Block::make_note("Identitas orang ini dilindungi (UU No. 21 Tahun 2007 Pasal 44; UU No. 31 Tahun 2014); "
                            "namanya ditampilkan dengan nama samaran."));
    else if (person && person->is_protected)
      push(Block::make_note("PERHATIAN: identitas orang ini dilindungi (UU No. 21 Tahun 2007 Pasal 44) dan ditampilkan "
                            "dalam salinan beridentitas ini; jangan diedarkan. / Protected identity shown: do not circulate."));
    if (!it.correction_note.empty())
      push(Block::make_note("Versi " + std::to_string(it.version) + " menggantikan versi sebelumnya: " + it.correction_note));
    if (it.fictional) push(Block::make_note("FIKTIF: dokumen contoh, bukan alat bukti nyata."));
    if (!it.summary.empty()) push(Block::make_paragraph(it.summary, Align::justify, Style::italic));
    for (const auto& q : it.qa) push(Block::make_qa(q.number, q.question, q.answer));
    for (const auto& sec : it.sections) {
      if (!sec.heading.empty()) {
        Block h = Block::make_heading(3, sec.heading, "");
        h.in_index = false;
        push(std::move(h));
      }
      push(Block::make_paragraph(sec.text));
    }
    if (auto st = native_body(it, anchor); !st) return st;
    if (!it.attachments.empty()) {
      Block t;
      t.kind = BlockKind::table;
      t.header = {"Lampiran", "Jenis", "Ukuran", "SHA-256"};
      t.column_widths = {3, 2, 1.2, 4.5};
      for (const auto& a : it.attachments)
        t.rows.push_back({Cell{a.name + (a.description.empty() ? "" : ": " + a.description), {}}, Cell{a.media_type, {}},
                          Cell{std::to_string(a.size) + " B", {}}, Cell{a.sha256, {}}});
      push(std::move(t));
    }
    int k = 0;
    for (const auto& a : it.attachments) {
      const bool is_pdf = a.media_type == "application/pdf";
      if (!is_pdf && !internal::is_image_media(a.media_type)) continue;
      ++k;
      auto bytes = m_data.attachments.find(a.sha256);
      if (bytes == m_data.attachments.end())
        return fail(ErrorCode::not_found, "the attachment of item " + it.id + " (sha256 " + a.sha256 + ") was not supplied",
                    {}, 0, "attachments");
      if (core::sha256_hex(bytes->second) != a.sha256)
        return fail(ErrorCode::integrity, "the attachment of item " + it.id + " does not match its SHA-256", {}, 0,
                    "attachments");
      const std::string a_anchor = anchor + "-a" + std::to_string(k);
      if (m_withheld.count(a.sha256)) {
        // The exhibit shows a protected name: it is not merged (not even hidden under a box).
        for (auto& b : internal::withheld_blocks("Lampiran " + std::to_string(k) + " " + it.id + ": ditahan / withheld",
                                                 a_anchor, a.sha256))
          push(std::move(b));
        continue;
      }
      const std::string caption =
          "Lampiran " + std::to_string(k) + " " + it.id + ": " + (a.description.empty() ? a.name : a.description);
      if (!is_pdf) {
        push(internal::image_block(caption, a_anchor, bytes->second,
                                   {{"Berkas / file", a.name + " (" + a.media_type + ")"}, {"SHA-256", a.sha256}}, {}));
        continue;
      }
      Block b;
      b.kind = BlockKind::pdf;
      b.level = 3;
      b.anchor = a_anchor;
      b.text = caption;
      b.pdf = bytes->second;
      push(std::move(b));
    }
    return {};
  }

  // A native item's body: its PDF pages or photo (or the page that stands in for them when
  // withheld), its transcript or its document text.
  core::Status native_body(const core::EvidenceItem& it, const std::string& anchor) {
    const auto shape = internal::shape_of(it.original);
    if (shape == internal::NativeShape::none) return {};
    const bool exhibit = shape == internal::NativeShape::pdf || shape == internal::NativeShape::image;
    if (exhibit && m_withheld.count(it.source_sha256)) {
      for (auto& b : internal::withheld_blocks("Berkas asli / original " + it.id + ": ditahan / withheld",
                                               anchor + "-asli", it.source_sha256))
        push(std::move(b));
      return {};
    }
    std::string none;
    const std::string* bytes = &none;
    if (exhibit) {
      auto b = original_bytes(it);
      if (!b) return tl::unexpected(b.error());
      bytes = *b;
    }
    for (auto& b : internal::native_body(it, anchor, *bytes)) push(std::move(b));
    return {};
  }

  void precedents(const SectionSpec& s) {
    if (m_data.precedents.empty()) push(Block::make_paragraph("Tidak ada putusan yang dirujuk.", Align::left, Style::italic));
    for (const auto& p : m_data.precedents) {
      push(Block::make_heading(2, "Putusan " + p.number + ", " + p.court, "p-" + p.id));
      Block kv;
      kv.kind = BlockKind::key_value;
      kv.pairs.emplace_back("Nomor", p.number);
      kv.pairs.emplace_back("Pengadilan", p.court);
      kv.pairs.emplace_back("Tanggal", p.date);
      std::string applied;
      for (const auto& id : p.provisions_applied) {
        auto it = m_provisions.find(id);
        applied += (applied.empty() ? "" : "; ") + (it == m_provisions.end() || it->second->label.empty() ? id : it->second->label);
      }
      if (!applied.empty()) kv.pairs.emplace_back("Pasal yang diterapkan", applied);
      if (p.prison_months > 0) kv.pairs.emplace_back("Pidana penjara", std::to_string(p.prison_months) + " bulan");
      if (p.fine_rupiah > 0) kv.pairs.emplace_back("Denda", core::format_rupiah(p.fine_rupiah));
      if (p.restitution_rupiah > 0) kv.pairs.emplace_back("Restitusi", core::format_rupiah(p.restitution_rupiah));
      if (!p.source_sha256.empty()) kv.pairs.emplace_back("SHA-256 sumber", p.source_sha256);
      push(std::move(kv));
      if (p.fictional) push(Block::make_note("FIKTIF: putusan contoh, bukan putusan nyata."));
      if (!p.verdict.empty()) push(Block::make_paragraph("Amar: " + p.verdict));
      if (!p.sentence_text.empty()) push(Block::make_paragraph(p.sentence_text));
      if (s.full_text && !p.text.empty()) push(Block::make_paragraph(p.text));
    }
  }

  void manifest() {
    const auto& c = m_data.case_info;
    Block id;
    id.kind = BlockKind::key_value;
    id.pairs.emplace_back("Perkara", c.register_number + " (" + c.id + ")");
    id.pairs.emplace_back("Templat", m_t.name);
    if (!m_opt.date.empty()) id.pairs.emplace_back("Tanggal berkas", m_opt.date);
    if (!m_opt.creator.empty()) id.pairs.emplace_back("Dibuat oleh", m_opt.creator);
    if (!m_values["bundle.stamp_prefix"].empty() && m_t.has_stamp)
      id.pairs.emplace_back("Stempel halaman", m_values["bundle.stamp_prefix"] + "000001 dst. (halaman 1 = nomor 1)");
    id.pairs.emplace_back("SHA-256 manifes", m_out.manifest_sha256);
    push(std::move(id));
    Block t;
    t.kind = BlockKind::table;
    t.header = {"No", "Dokumen", "Jenis", "Versi", "SHA-256", "Halaman"};
    t.column_widths = {0.6, 3.2, 1.5, 0.8, 4.6, 1.3};
    for (std::size_t i = 0; i < m_out.manifest.size(); ++i) {
      const auto& e = m_out.manifest[i];
      const std::string doc = e.origin.empty() ? e.id : e.id + " (" + e.origin + ")";
      t.rows.push_back({Cell{std::to_string(i + 1), {}}, Cell{doc, {}}, Cell{e.withheld ? e.kind + " (ditahan)" : e.kind, {}}, Cell{std::to_string(e.version), {}},
                        Cell{e.sha256.empty() ? "-" : e.sha256, {}}, Cell{{}, m_out.manifest_anchor[i]}});
    }
    push(std::move(t));
    if (!m_out.omitted.empty()) {
      std::string ids;
      for (const auto& o : m_out.omitted) ids += (ids.empty() ? "" : ", ") + o;
      push(Block::make_note("Tidak dimuat oleh templat ini: " + ids + "."));
    }
    push(Block::make_paragraph("SHA-256 manifes dihitung atas baris \"dokumen, jenis, versi, SHA-256\" di atas (tanpa halaman); "
                               "SHA-256 berkas PDF ini sendiri dicatat di luar berkas (berkas verify-bundle).",
                               Align::justify, Style::italic));
  }

  const CaseData& m_data;
  const BundleOptions& m_opt;
  internal::Template m_t;
  std::map<std::string, const PersonView*> m_persons;
  std::map<std::string, const core::Provision*> m_provisions;
  Values m_values;
  Composed m_out;
  std::set<std::string> m_withheld;  // SHA-256 of exhibits not merged
};

std::string schema_for(const std::string& template_path, const std::string& schema_path) {
  if (!schema_path.empty()) return schema_path;
  const auto dir = std::filesystem::path(template_path).parent_path();
  return (dir.parent_path() / "schemas" / "bundle-template.xsd").string();
}

core::Result<Composed> compose(const CaseData& data, const BundleOptions& options) {
  if (!options.date.empty() && !core::is_iso_date(options.date))
    return fail(ErrorCode::invalid_input, "bundle date must be YYYY-MM-DD", {}, 0, "date");
  auto tmpl = internal::load_template(options.template_path, schema_for(options.template_path, options.schema_path));
  if (!tmpl) return tl::unexpected(tmpl.error());
  return Composer(data, options, std::move(*tmpl)).run();
}

}  // namespace

core::Status check_template(const std::string& template_path, const std::string& schema_path) {
  auto t = internal::load_template(template_path, schema_for(template_path, schema_path));
  if (!t) return tl::unexpected(t.error());
  return {};
}

std::string disclosure_note(core::Disclosure d) {
  if (d == core::Disclosure::identities)
    return "IDENTITAS ASLI: salinan ini menampilkan identitas saksi dan korban yang dilindungi (UU No. 21 Tahun 2007 "
           "Pasal 44); pembuatannya dicatat di log audit dan salinan ini tidak boleh diedarkan. / Real identities: this "
           "copy shows protected identities; its making is audited; do not circulate.";
  return "NAMA SAMARAN: identitas saksi dan korban yang dilindungi (UU No. 21 Tahun 2007 Pasal 44) ditampilkan dengan "
         "nama samaran. / Pseudonyms: protected witnesses and victims are shown by pseudonym.";
}

core::Result<LayoutDocument> make_layout(const CaseData& data, const BundleOptions& options) {
  auto c = compose(data, options);
  if (!c) return tl::unexpected(c.error());
  return std::move(c->doc);
}

core::Result<Bundle> build_bundle(const CaseData& data, const BundleOptions& options) {
  auto c = compose(data, options);
  if (!c) return tl::unexpected(c.error());
  auto r = render(c->doc);
  if (!r) return tl::unexpected(r.error());
  std::map<std::string, const AnchorPages*> pages;
  for (const auto& a : r->anchors) pages.emplace(a.anchor, &a);
  Bundle b;
  b.pdf = std::move(r->pdf);
  b.page_count = r->page_count;
  b.sha256 = std::move(r->sha256);
  b.content_sha256 = std::move(r->content_sha256);
  b.manifest_sha256 = c->manifest_sha256;
  b.manifest = std::move(c->manifest);
  for (std::size_t i = 0; i < b.manifest.size(); ++i)
    if (auto it = pages.find(c->manifest_anchor[i]); it != pages.end()) {
      b.manifest[i].first_page = it->second->first_page;
      b.manifest[i].last_page = it->second->last_page;
    }
  b.sections = std::move(c->sections);
  for (auto& s : b.sections)
    if (auto it = pages.find(s.id); it != pages.end()) {
      s.first_page = it->second->first_page;
      s.last_page = it->second->last_page;
    }
  b.omitted_item_ids = std::move(c->omitted);
  b.substituted_characters = r->substituted_characters;
  return b;
}

}  // namespace berkas::bundle
