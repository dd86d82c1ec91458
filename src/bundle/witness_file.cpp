// The witness file (berkas saksi): template + WitnessData → LayoutDocument → PDF, and the
// checklist "before the witness is heard". Everything witness-specific lives here; render() knows
// only blocks.

#include "bundle/witness_file.h"
#include "bundle/internal/native.h"

#include <algorithm>
#include <filesystem>
#include <map>

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

std::string claim_status_label(core::ClaimStatus s) {
  switch (s) {
    case core::ClaimStatus::disusun: return "disusun (belum diajukan) / being prepared";
    case core::ClaimStatus::diajukan: return "diajukan / filed";
    case core::ClaimStatus::dikabulkan: return "dikabulkan / granted";
    case core::ClaimStatus::dikabulkan_sebagian: return "dikabulkan sebagian / partly granted";
    case core::ClaimStatus::ditolak: return "ditolak / refused";
    case core::ClaimStatus::dibayar: return "dibayar / paid";
  }
  return "";
}

std::string measure_status_label(core::MeasureStatus s) {
  switch (s) {
    case core::MeasureStatus::diajukan: return "diajukan / requested";
    case core::MeasureStatus::dikabulkan: return "dikabulkan / granted";
    case core::MeasureStatus::ditolak: return "ditolak / refused";
    case core::MeasureStatus::berakhir: return "berakhir / ended";
  }
  return "";
}

std::string or_dash(const std::string& s) { return s.empty() ? "-" : s; }

std::string join(const std::vector<std::string>& v, const std::string& sep) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

const core::RestitutionHead k_heads[] = {core::RestitutionHead::kekayaan_penghasilan, core::RestitutionHead::penderitaan,
                                         core::RestitutionHead::medis_psikologis, core::RestitutionHead::lainnya};

Block table(std::vector<std::string> header, std::vector<double> widths) {
  Block t;
  t.kind = BlockKind::table;
  t.header = std::move(header);
  t.column_widths = std::move(widths);
  return t;
}

std::vector<Cell> row(std::initializer_list<std::string> cells) {
  std::vector<Cell> r;
  for (const auto& c : cells) r.push_back(Cell{c, {}});
  return r;
}

Block sub_heading(int level, std::string text, std::string anchor, bool in_index) {
  Block h = Block::make_heading(level, std::move(text), std::move(anchor));
  h.in_index = in_index;
  return h;
}

class Composer {
 public:
  Composer(const WitnessData& d, const WitnessFileOptions& o, internal::Template t) : m_d(d), m_opt(o), m_t(std::move(t)) {}

  core::Result<LayoutDocument> run() {
    const auto& p = m_d.person;
    std::vector<std::string> ids, numbers, titles, courts;
    bool case_fictional = false;
    for (const auto& c : m_d.cases) {
      ids.push_back(c.id);
      numbers.push_back(c.register_number.empty() ? c.id : c.register_number);
      titles.push_back(c.title);
      if (std::find(courts.begin(), courts.end(), c.court) == courts.end() && !c.court.empty()) courts.push_back(c.court);
      case_fictional = case_fictional || c.fictional;
    }
    m_values = {{"person.id", p.id},
                {"person.display_name", p.display_name},
                {"person.role", core::to_string(p.role)},
                {"person.role_label", core::label_of(p.role)},
                {"person.fictional", p.fictional ? "FIKTIF" : ""},
                {"case.id", join(ids, ", ")},
                {"case.register_number", join(numbers, "; ")},
                {"case.title", join(titles, "; ")},
                {"case.court", join(courts, "; ")},
                {"case.fictional", case_fictional ? "FIKTIF" : ""},
                {"file.date", m_d.date},
                {"file.creator", m_opt.creator},
                {"file.template", m_t.name},
                {"file.fictional", p.fictional || case_fictional ? "FIKTIF" : ""}};
    for (auto& [k, v] : m_values) v = clean_value(v);

    LayoutDocument& d = m_doc;
    d.forbidden_strings = m_d.forbidden_strings;
    Values fv = m_values;
    fv["page"] = k_page_marker;
    fv["pages"] = k_pages_marker;
    for (auto [out, text, values] : {std::tuple{&d.info.title, &m_t.title, &m_values},
                                     std::tuple{&d.info.subject, &m_t.subject, &m_values},
                                     std::tuple{&d.info.keywords, &m_t.keywords, &m_values},
                                     std::tuple{&d.furniture.header, &m_t.header, &fv},
                                     std::tuple{&d.furniture.footer, &m_t.footer, &fv}}) {
      auto r = fill(*text, *values);
      if (!r) return tl::unexpected(r.error());
      *out = *r;
    }
    d.info.creator = "Berkas";
    d.info.author = clean_value(m_opt.creator);
    d.info.identifier = "berkas-saksi:" + clean_value(p.id);
    d.info.disclosure = core::code_of(m_opt.disclosure);
    d.info.subject += std::string(d.info.subject.empty() ? "" : " — ") + core::label_of(m_opt.disclosure);
    d.info.date = m_d.date;
    d.furniture.on_first_page = m_t.first_page_furniture;
    if (m_t.has_stamp) {
      auto prefix = fill(m_t.stamp_prefix, m_values);
      if (!prefix) return tl::unexpected(prefix.error());
      d.furniture.stamp_prefix = prefix->empty() ? "SAKSI-" : clean_value(*prefix);
      d.furniture.stamp_digits = m_t.stamp_digits;
      d.furniture.stamp_position = m_t.stamp_position;
    }
    // The items the file shows, as manifest lines (the same form as a court bundle's).
    {
      std::string canon;
      auto line = [&](const core::EvidenceItem& it) {
        canon += it.id + '\t' + core::code_of(it.kind) + '\t' + std::to_string(it.version) + '\t' + it.source_sha256 + '\n';
      };
      for (const auto& s : m_d.statements) line(s.item);
      for (const auto& it : m_d.expert) line(it);
      for (const auto& it : m_d.documents) line(it);
      d.info.manifest = canon;
      d.info.manifest_sha256 = core::sha256_hex(canon);
    }

    bool first = true;
    bool first_section = true;
    for (const auto& s : m_t.sections) {
      auto title = fill(s.title, m_values);
      if (!title) return tl::unexpected(title.error());
      if (s.new_page && !first) push(Block::make_page_break());
      first = false;
      const std::string anchor = "s-" + s.id;
      // The note on what the file shows goes on the first page: on the cover, else first.
      if (first_section && s.type != SectionType::cover) push(Block::make_note(disclosure_note(m_opt.disclosure)));
      first_section = false;
      if (s.type == SectionType::cover) {
        Block a = Block::make_anchor(1, *title, anchor);
        a.in_index = s.in_index;
        push(std::move(a));
        if (auto st = cover(s); !st) return tl::unexpected(st.error());
        continue;
      }
      push(sub_heading(1, *title, anchor, s.in_index));
      if (auto st = intro(s); !st) return tl::unexpected(st.error());
      switch (s.type) {
        case SectionType::index: push(Block::make_toc()); break;
        case SectionType::identity: identity(s); break;
        case SectionType::statements: statements(s); break;
        case SectionType::expert: items(s, m_d.expert, "Belum ada keterangan ahli tentang saksi ini."); break;
        case SectionType::documents: items(s, m_d.documents, "Belum ada surat atau bukti elektronik dari atau tentang saksi ini."); break;
        case SectionType::protection: protection(s); break;
        case SectionType::restitution: restitution(s); break;
        case SectionType::checklist: checklist(); break;
        default: break;  // court-bundle sections are not in the witness-file schema
      }
    }
    return std::move(m_doc);
  }

 private:
  core::Result<std::string> fill(const internal::TemplateText& t, const Values& v) const {
    return internal::fill(t, v, m_t.path);
  }

  void push(Block b) { m_doc.blocks.push_back(std::move(b)); }
  void empty_note(const std::string& text) { push(Block::make_paragraph(text, Align::left, Style::italic)); }

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
        Block h = sub_heading(l.style == "title" ? 1 : 2, *t, "", false);
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

  void identity(const SectionSpec& s) {
    const auto& p = m_d.person;
    Block kv;
    kv.kind = BlockKind::key_value;
    kv.pairs.emplace_back(p.pseudonymised ? "Nama samaran" : "Nama", p.display_name);
    kv.pairs.emplace_back("Nomor orang", p.id);
    kv.pairs.emplace_back("Peran", core::label_of(p.role));
    kv.pairs.emplace_back("Jenis kelamin", p.gender == "P" ? "Perempuan" : p.gender == "L" ? "Laki-laki" : "tidak dicatat");
    const auto age = age_on(p.birth_date, m_d.date);
    kv.pairs.emplace_back("Umur pada tanggal berkas",
                          age ? std::to_string(*age) + " tahun" + (*age < 18 ? " (anak / child)" : "")
                              : "tidak diketahui (tanggal lahir tidak dicatat) / unknown");
    kv.pairs.emplace_back("Bahasa keterangan", p.language.empty() ? "tidak dicatat" : p.language);
    kv.pairs.emplace_back("Juru bahasa", p.needs_interpreter ? "diperlukan / needed" : "tidak diperlukan / not needed");
    for (const auto& c : m_d.cases)
      kv.pairs.emplace_back("Perkara", (c.register_number.empty() ? c.id : c.register_number) + ": " + c.title);
    push(std::move(kv));
    if (p.is_protected && p.pseudonymised)
      push(Block::make_note("Identitas orang ini dilindungi (UU No. 21 Tahun 2007 Pasal 44; UU No. 31 Tahun 2014); "
                            "namanya ditampilkan dengan nama samaran. / Protected identity: shown by pseudonym."));
    else if (p.is_protected)
      push(Block::make_note("PERHATIAN: identitas yang dilindungi ditampilkan untuk pembaca yang berwenang (UU No. 21 Tahun "
                            "2007 Pasal 44); berkas ini tidak boleh diedarkan. / Protected identity shown: do not circulate."));
    if (p.fictional) push(Block::make_note("FIKTIF: orang contoh, bukan orang nyata. / Fictional person."));

    push(sub_heading(2, "Kontak melalui pendamping / contact through the companion", "s-" + s.id + "-pendamping", true));
    const auto& c = m_d.companion;
    if (p.companion_id.empty()) {
      push(Block::make_note("Belum ada pendamping yang ditunjuk (UU No. 21 Tahun 2007 Pasal 35). / No companion assigned."));
    } else if (!c.found) {
      push(Block::make_note("Pendamping '" + p.companion_id + "' tidak ada dalam data. / The companion is not in the store."));
    } else {
      Block ckv;
      ckv.kind = BlockKind::key_value;
      ckv.pairs.emplace_back("Pendamping", c.display_name + " (" + c.id + ")");
      ckv.pairs.emplace_back("Lembaga", c.organisation.empty() ? "tidak dicatat" : c.organisation);
      ckv.pairs.emplace_back("Kontak", c.contact.empty() ? "tidak dicatat / not recorded" : c.contact);
      push(std::move(ckv));
    }
    push(Block::make_paragraph("Alamat, telepon dan kontak lain saksi sendiri tidak dimuat dalam berkas ini; saksi dihubungi "
                               "melalui pendamping. / The witness's own address and contact are never in this file.",
                               Align::justify, Style::italic));
  }

  void item_header(const core::EvidenceItem& it, bool statement) {
    Block kv;
    kv.kind = BlockKind::key_value;
    kv.pairs.emplace_back("Jenis alat bukti", core::label_of(it.kind));
    kv.pairs.emplace_back("Judul", it.title);
    if (!it.date.empty()) kv.pairs.emplace_back(statement ? "Tanggal pemeriksaan" : "Tanggal", it.date);
    if (!it.place.empty()) kv.pairs.emplace_back("Tempat", it.place);
    if (!it.examiner.empty()) kv.pairs.emplace_back(statement ? "Pemeriksa" : "Pembuat", it.examiner);
    kv.pairs.emplace_back("Nomor dokumen", it.id + " (versi " + std::to_string(it.version) + ")");
    if (internal::shape_of(it.original) != internal::NativeShape::none)
      for (auto& p : internal::original_pairs(it)) kv.pairs.push_back(std::move(p));
    else if (!it.source_sha256.empty())
      kv.pairs.emplace_back("SHA-256 sumber", it.source_sha256);
    push(std::move(kv));
    if (it.fictional) push(Block::make_note("FIKTIF: dokumen contoh, bukan alat bukti nyata."));
  }

  // A native item's text: a transcript or a document's extracted text as in the court bundle; a
  // PDF or photo is not merged here (the court bundle has its pages).
  void native_text(const core::EvidenceItem& it, const std::string& anchor) {
    const auto shape = internal::shape_of(it.original);
    if (shape == internal::NativeShape::none) return;
    if (shape == internal::NativeShape::pdf || shape == internal::NativeShape::image) {
      empty_note("Berkas asli tidak digabungkan dalam berkas saksi; lihat berkas perkara. / The original file is not "
                 "merged here; see the court bundle.");
      return;
    }
    for (auto& b : internal::native_body(it, anchor, {})) push(std::move(b));
  }

  void statements(const SectionSpec& s) {
    if (m_d.statements.empty()) {
      empty_note("Belum ada keterangan (BAP) saksi ini. / No statement of this witness yet.");
      return;
    }
    std::string group;
    for (const auto& sv : m_d.statements) {
      const auto& it = sv.item;
      if (it.id != group) {
        group = it.id;
        push(sub_heading(2, it.title + " (" + it.id + ")", "st-" + it.id, true));
      }
      std::string title = "Versi " + std::to_string(it.version) + (it.date.empty() ? "" : ", " + it.date);
      title += sv.current ? " (berlaku / current)"
                          : " (digantikan oleh versi " + std::to_string(sv.superseded_by) + " / superseded by version " +
                                std::to_string(sv.superseded_by) + ")";
      push(sub_heading(3, title, "st-" + it.id + "-v" + std::to_string(it.version), true));
      if (!sv.current)
        push(Block::make_note("DIGANTIKAN oleh versi " + std::to_string(sv.superseded_by) + " / superseded by version " +
                              std::to_string(sv.superseded_by) +
                              (sv.superseded_note.empty() ? "." : ": " + sv.superseded_note)));
      item_header(it, true);
      if (!it.correction_note.empty())
        push(Block::make_note("Versi " + std::to_string(it.version) + " menggantikan versi sebelumnya: " + it.correction_note));
      if (!it.summary.empty()) push(Block::make_paragraph(it.summary, Align::justify, Style::italic));
      if (sv.current || s.superseded_full) {
        for (const auto& q : it.qa) push(Block::make_qa(q.number, q.question, q.answer));
        native_text(it, "st-" + it.id + "-v" + std::to_string(it.version));
      } else if (!it.qa.empty()) {
        empty_note(std::to_string(it.qa.size()) + " pertanyaan dan jawaban dalam versi ini (tidak dicetak; lihat versi " +
                   std::to_string(sv.superseded_by) + ").");
      }
    }
  }

  void items(const SectionSpec& s, const std::vector<core::EvidenceItem>& list, const std::string& none) {
    if (list.empty()) {
      empty_note(none);
      return;
    }
    for (const auto& it : list) {
      push(sub_heading(2, it.title.empty() ? it.id : it.title, s.id + "-" + it.id, true));
      item_header(it, false);
      if (!it.correction_note.empty())
        push(Block::make_note("Versi " + std::to_string(it.version) + " menggantikan versi sebelumnya: " + it.correction_note));
      if (!it.summary.empty()) push(Block::make_paragraph(it.summary, Align::justify, Style::italic));
      for (const auto& sec : it.sections) {
        if (!sec.heading.empty()) push(sub_heading(3, sec.heading, "", false));
        push(Block::make_paragraph(sec.text));
      }
      native_text(it, s.id + "-" + it.id);
      if (!it.attachments.empty()) {
        Block t = table({"Lampiran", "Jenis", "Ukuran", "SHA-256"}, {3, 2, 1.2, 4.5});
        for (const auto& a : it.attachments)
          t.rows.push_back(row({a.name + (a.description.empty() ? "" : ": " + a.description), a.media_type,
                                std::to_string(a.size) + " B", a.sha256}));
        push(std::move(t));
        empty_note("Lampiran tidak digabungkan dalam berkas saksi; lihat berkas perkara. / Attachments are listed, not merged.");
      }
    }
  }

  void protection(const SectionSpec&) {
    if (m_d.protections.empty()) {
      empty_note("Belum ada tindakan perlindungan yang diajukan. / No protection measure recorded.");
      return;
    }
    Block t = table({"Tindakan", "Dasar hukum", "Status", "Diajukan", "Diputus", "Sampai", "Otoritas / nomor"},
                    {2.7, 1.9, 1.8, 1.55, 1.55, 1.55, 2.9});
    for (const auto& mv : m_d.protections) {
      const auto& m = mv.measure;
      t.rows.push_back(row({std::string(core::label_of(m.kind)) + (m.description.empty() ? "" : ": " + m.description),
                            or_dash(core::legal_basis_label_of(m.kind)), measure_status_label(m.status), or_dash(m.requested),
                            or_dash(m.decided), or_dash(m.until),
                            or_dash(m.authority) + (m.reference.empty() ? "" : "\n" + m.reference)}));
    }
    push(std::move(t));
    bool any_history = false;
    for (const auto& mv : m_d.protections) any_history = any_history || mv.history.size() > 1;
    if (!any_history) return;
    push(sub_heading(2, "Riwayat status / status history", "s-perlindungan-riwayat", true));
    Block h = table({"Tindakan", "Versi", "Status", "Diajukan", "Diputus", "Sampai", "Nomor"},
                    {3, 0.8, 2, 1.6, 1.6, 1.6, 2.8});
    for (const auto& mv : m_d.protections)
      for (const auto& m : mv.history)
        h.rows.push_back(row({core::label_of(m.kind), std::to_string(m.version), measure_status_label(m.status),
                              or_dash(m.requested), or_dash(m.decided), or_dash(m.until), or_dash(m.reference)}));
    push(std::move(h));
  }

  void restitution(const SectionSpec&) {
    if (m_d.claims.empty()) {
      empty_note("Belum ada permohonan restitusi. / No restitution claim yet.");
      if (m_d.person.role == core::PersonRole::saksi_korban)
        push(Block::make_note("Setiap korban berhak memperoleh restitusi (UU No. 21 Tahun 2007 Pasal 48 ayat (1)); penuntut "
                              "umum memberitahukan hak tersebut kepada korban (Penjelasan Pasal 48 ayat (1))."));
      return;
    }
    for (const auto& cv : m_d.claims) {
      const auto& c = cv.claim;
      push(sub_heading(2, "Permohonan restitusi " + c.id, "r-" + c.id, true));
      Block kv;
      kv.kind = BlockKind::key_value;
      kv.pairs.emplace_back("Status", claim_status_label(c.status));
      if (!c.date.empty()) kv.pairs.emplace_back("Tanggal", c.date);
      kv.pairs.emplace_back("Versi", std::to_string(c.version));
      if (!c.assessed_by.empty()) kv.pairs.emplace_back("Dinilai oleh", c.assessed_by);
      if (!c.claimant_note.empty()) kv.pairs.emplace_back("Pemohon", c.claimant_note);
      if (!c.decision_reference.empty()) kv.pairs.emplace_back("Putusan", c.decision_reference);
      kv.pairs.emplace_back("Jumlah yang dimohonkan", core::format_rupiah(c.total()));
      if (c.granted_rupiah) kv.pairs.emplace_back("Jumlah yang dikabulkan", core::format_rupiah(*c.granted_rupiah));
      push(std::move(kv));
      if (c.fictional) push(Block::make_note("FIKTIF: permohonan contoh. / Fictional claim."));

      Block t = table({"Huruf", "Uraian", "Bukti pendukung", "Jumlah"}, {0.9, 5.4, 2.6, 2.1});
      for (auto h : k_heads) {
        t.rows.push_back(row({std::string(core::huruf_of(h)) + ".", core::label_of(h), "", ""}));
        int n = 0;
        for (const auto& e : c.entries) {
          if (e.head != h) continue;
          ++n;
          t.rows.push_back(row({"", e.description, e.evidence_ids.empty() ? "- (tidak ada)" : join(e.evidence_ids, ", "),
                                core::format_rupiah(e.amount_rupiah)}));
        }
        if (n == 0) t.rows.push_back(row({"", "(tidak ada rincian)", "", ""}));
        t.rows.push_back(row({"", std::string("Jumlah huruf ") + core::huruf_of(h), "", core::format_rupiah(c.total_of(h))}));
      }
      t.rows.push_back(row({"", "JUMLAH SELURUHNYA / TOTAL", "", core::format_rupiah(c.total())}));
      push(std::move(t));
      push(Block::make_paragraph("Jumlah per huruf dan jumlah seluruhnya dihitung dari " + std::to_string(c.entries.size()) +
                                     " rincian di atas, tidak diketik. / Subtotals and the total are computed from the entries.",
                                 Align::justify, Style::italic));
      if (c.granted_rupiah && *c.granted_rupiah != c.total())
        push(Block::make_note("Dikabulkan " + core::format_rupiah(*c.granted_rupiah) + " dari " +
                              core::format_rupiah(c.total()) + " yang dimohonkan" +
                              (c.decision_reference.empty() ? "." : " (" + c.decision_reference + ").")));
      if (cv.history.size() > 1) {
        push(sub_heading(3, "Riwayat permohonan / claim history", "r-" + c.id + "-riwayat", false));
        Block h = table({"Versi", "Status", "Tanggal", "Jumlah rincian", "Dikabulkan"}, {0.9, 3.2, 1.8, 2.2, 2.2});
        for (const auto& v : cv.history)
          h.rows.push_back(row({std::to_string(v.version), claim_status_label(v.status), or_dash(v.date),
                                core::format_rupiah(v.total()), v.granted_rupiah ? core::format_rupiah(*v.granted_rupiah) : "-"}));
        push(std::move(h));
      }
    }
  }

  void checklist() {
    if (m_d.checklist.empty()) {
      empty_note("Tidak ada butir. / No checks apply.");
      return;
    }
    Block t = table({"No", "Hal yang diperiksa / check", "Status", "Dasar hukum"}, {0.6, 6.2, 1.6, 2.6});
    int met = 0, n = 0;
    for (const auto& c : m_d.checklist) {
      if (c.status == CheckStatus::terpenuhi) ++met;
      t.rows.push_back(row({std::to_string(++n), c.text + (c.detail.empty() ? "" : "\n" + c.detail),
                            c.status == CheckStatus::terpenuhi ? "terpenuhi" : "BELUM", or_dash(c.legal_basis)}));
    }
    push(std::move(t));
    push(Block::make_paragraph(std::to_string(met) + " dari " + std::to_string(n) + " butir terpenuhi; " +
                                   std::to_string(n - met) + " belum. / " + std::to_string(met) + " of " +
                                   std::to_string(n) + " met.",
                               Align::left, Style::bold));
  }

  const WitnessData& m_d;
  const WitnessFileOptions& m_opt;
  internal::Template m_t;
  Values m_values;
  LayoutDocument m_doc;
};

std::string schema_for(const std::string& template_path, const std::string& schema_path) {
  if (!schema_path.empty()) return schema_path;
  const auto dir = std::filesystem::path(template_path).parent_path();
  return (dir.parent_path() / "schemas" / "witness-file-template.xsd").string();
}

core::Result<internal::Template> load(const std::string& template_path, const std::string& schema_path) {
  auto t = internal::load_template(template_path, schema_for(template_path, schema_path));
  if (!t) return t;
  if (t->kind != internal::TemplateKind::witness_file)
    return fail(ErrorCode::invalid_input, "bukan templat berkas saksi / not a witness-file template", template_path, 1);
  return t;
}

bool parse_date(const core::Date& s, int& y, int& m, int& d) {
  if (!core::is_iso_date(s)) return false;
  y = std::stoi(s.substr(0, 4));
  m = std::stoi(s.substr(5, 2));
  d = std::stoi(s.substr(8, 2));
  return true;
}

}  // namespace

const char* code_of(CheckStatus s) { return s == CheckStatus::terpenuhi ? "terpenuhi" : "belum"; }

std::optional<int> age_on(const core::Date& birth, const core::Date& on) {
  int by = 0, bm = 0, bd = 0, y = 0, m = 0, d = 0;
  if (!parse_date(birth, by, bm, bd) || !parse_date(on, y, m, d) || on < birth) return std::nullopt;
  return y - by - (std::pair(m, d) < std::pair(bm, bd) ? 1 : 0);
}

core::Date witness_file_date(const WitnessData& d) {
  core::Date latest;
  auto see = [&](const core::Date& x) {
    if (core::is_iso_date(x) && x > latest) latest = x;
  };
  for (const auto& s : d.statements) see(s.item.date);
  for (const auto& it : d.expert) see(it.date);
  for (const auto& it : d.documents) see(it.date);
  for (const auto& mv : d.protections) {
    for (const auto& m : mv.history) {
      see(m.requested);
      see(m.decided);
    }
    see(mv.measure.requested);
    see(mv.measure.decided);
  }
  for (const auto& cv : d.claims) {
    for (const auto& c : cv.history) see(c.date);
    see(cv.claim.date);
  }
  if (!latest.empty()) return latest;
  for (const auto& c : d.cases) see(c.offence_date);
  return latest;
}

std::vector<CheckItem> witness_checklist(const WitnessData& d) {
  std::vector<CheckItem> out;
  auto add = [&](const char* id, bool met, std::string text, std::string detail, std::string basis) {
    out.push_back({id, met ? CheckStatus::terpenuhi : CheckStatus::belum, std::move(text), std::move(detail), std::move(basis)});
  };
  const auto& p = d.person;
  const bool victim = p.role == core::PersonRole::saksi_korban;
  const auto age = age_on(p.birth_date, d.date);
  const bool child = age && *age < 18;
  auto granted = [&](core::ProtectionKind k) {
    return std::any_of(d.protections.begin(), d.protections.end(), [&](const MeasureView& m) {
      return m.measure.kind == k && m.measure.status == core::MeasureStatus::dikabulkan;
    });
  };
  auto requested = [&](core::ProtectionKind k) {
    return std::any_of(d.protections.begin(), d.protections.end(), [&](const MeasureView& m) {
      return m.measure.kind == k && m.measure.status == core::MeasureStatus::diajukan;
    });
  };

  {
    std::vector<std::string> ids;
    for (const auto& s : d.statements)
      if (s.current) ids.push_back(s.item.id + " versi " + std::to_string(s.item.version));
    add("bap", !ids.empty(), "Keterangan saksi (BAP) sudah ada / a statement (BAP) exists",
        ids.empty() ? "belum ada BAP saksi ini / none yet" : join(ids, "; "), "KUHAP Pasal 184 ayat (1) huruf a");
  }
  if (victim || child || !p.companion_id.empty()) {
    std::string detail;
    if (p.companion_id.empty()) detail = "belum ditunjuk / none assigned";
    else if (!d.companion.found) detail = "pendamping '" + p.companion_id + "' tidak ada dalam data / not in the store";
    else detail = d.companion.display_name + (d.companion.organisation.empty() ? "" : ", " + d.companion.organisation);
    add("pendamping", !p.companion_id.empty() && d.companion.found,
        "Pendamping ditunjuk dan tercatat / a companion is assigned and recorded", detail,
        child ? "UU 21/2007 Pasal 35; Pasal 39 ayat (2)" : "UU 21/2007 Pasal 35");
  }
  if (p.needs_interpreter) {
    const bool ok = granted(core::ProtectionKind::juru_bahasa);
    add("juru-bahasa", ok, "Juru bahasa disediakan / interpreter arranged",
        ok ? "dikabulkan / granted"
           : requested(core::ProtectionKind::juru_bahasa) ? "diajukan, belum diputus / requested, not decided"
                                                          : "belum diajukan / not requested" +
                                                                (p.language.empty() ? std::string() : " (bahasa: " + p.language + ")"),
        core::legal_basis_label_of(core::ProtectionKind::juru_bahasa));
  }
  {
    bool pending = false;
    for (const auto& mv : d.protections) {
      const auto& m = mv.measure;
      if (m.status != core::MeasureStatus::diajukan) continue;
      pending = true;
      add("perlindungan-diputus", false, "Permohonan perlindungan sudah diputus / protection request decided",
          std::string(core::label_of(m.kind)) + " (" + m.id + ") diajukan " + or_dash(m.requested) +
              (m.authority.empty() ? "" : " kepada " + m.authority) + ", belum diputus / not decided",
          core::legal_basis_label_of(m.kind));
    }
    if (!pending && !d.protections.empty())
      add("perlindungan-diputus", true, "Permohonan perlindungan sudah diputus / protection requests decided",
          std::to_string(d.protections.size()) + " tindakan, semua diputus / all decided", "");
  }
  if (victim || child) {
    add("tanggal-lahir", age.has_value(), "Tanggal lahir diketahui: saksi anak atau bukan / birth date known (child or not)",
        age ? std::to_string(*age) + " tahun pada " + d.date
            : "tanggal lahir tidak dicatat: tidak dapat dipastikan apakah saksi anak / unknown",
        "UU 21/2007 Pasal 39");
  }
  if (child) {
    const bool ok = granted(core::ProtectionKind::sidang_tertutup);
    add("sidang-tertutup-anak", ok, "Saksi anak: sidang tertutup / child witness: closed hearing",
        std::to_string(*age) + " tahun; sidang tertutup " +
            (ok ? "dikabulkan / granted"
                : requested(core::ProtectionKind::sidang_tertutup) ? "diajukan, belum diputus / requested" : "belum diajukan / not requested"),
        core::legal_basis_label_of(core::ProtectionKind::sidang_tertutup));
  }
  if (victim) {
    std::vector<std::string> ids;
    for (const auto& cv : d.claims) ids.push_back(cv.claim.id);
    add("restitusi", !ids.empty(), "Permohonan restitusi korban / the victim's restitution claim",
        ids.empty() ? "belum ada; penuntut umum memberitahukan hak korban atas restitusi (Penjelasan Pasal 48 ayat (1)) / "
                      "none: the prosecutor informs the victim of the right"
                    : join(ids, ", "),
        "UU 21/2007 Pasal 48 ayat (1)");
  }
  for (const auto& cv : d.claims) {
    const auto& c = cv.claim;
    add("restitusi-diajukan", c.status != core::ClaimStatus::disusun, "Permohonan restitusi diajukan / claim filed",
        c.id + ": " + claim_status_label(c.status), "UU 21/2007 Pasal 48");
    std::vector<std::string> bare, missing;
    for (const auto& e : c.entries) {
      if (e.evidence_ids.empty()) bare.push_back(std::string("huruf ") + core::huruf_of(e.head) + ": " + e.description);
      for (const auto& id : e.evidence_ids)
        if (!d.visible_evidence_ids.count(id) && std::find(missing.begin(), missing.end(), id) == missing.end())
          missing.push_back(id);
    }
    add("restitusi-bukti", bare.empty(), "Setiap rincian restitusi didukung bukti / every entry has supporting evidence",
        c.id + ": " + (bare.empty() ? "semua rincian / all entries" : "tanpa bukti / no evidence: " + join(bare, "; ")), "");
    bool any_ids = false;
    for (const auto& e : c.entries) any_ids = any_ids || !e.evidence_ids.empty();
    if (any_ids)
      add("restitusi-bukti-ada", missing.empty(),
          "Bukti pendukung ada dan dapat dilihat / supporting evidence exists and is visible",
          c.id + ": " + (missing.empty() ? "semua ada / all found" : "tidak ditemukan / not found: " + join(missing, ", ")), "");
  }
  return out;
}

core::Status check_witness_template(const std::string& template_path, const std::string& schema_path) {
  auto t = load(template_path, schema_path);
  if (!t) return tl::unexpected(t.error());
  return {};
}

core::Result<LayoutDocument> make_witness_layout(const WitnessData& d, const WitnessFileOptions& options) {
  if (!d.date.empty() && !core::is_iso_date(d.date))
    return fail(ErrorCode::invalid_input, "witness file date must be YYYY-MM-DD", {}, 0, "date");
  auto t = load(options.template_path, options.schema_path);
  if (!t) return tl::unexpected(t.error());
  return Composer(d, options, std::move(*t)).run();
}

core::Result<RenderedPdf> build_witness_file(const WitnessData& d, const WitnessFileOptions& options) {
  auto doc = make_witness_layout(d, options);
  if (!doc) return tl::unexpected(doc.error());
  return render(*doc);
}

}  // namespace berkas::bundle
