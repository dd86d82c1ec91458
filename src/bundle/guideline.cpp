// Guideline modules: reading (libxml2, schema, CSV data files), layout (LayoutDocument) and HTML.
#include "bundle/guideline.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include <libxml/tree.h>

#include "bundle/internal/winansi.h"
#include "bundle/internal/xml.h"
#include "core/text.h"

namespace berkas::bundle {
namespace {

namespace fs = std::filesystem;
using core::ErrorCode;
using core::fail;
namespace xml = internal::xml;

constexpr std::size_t k_max_module_bytes = 1u << 20;
constexpr std::uintmax_t k_max_csv_bytes = 64u * 1024u;
constexpr std::size_t k_max_csv_rows = 200;
constexpr std::size_t k_max_csv_columns = 12;
constexpr std::size_t k_max_cell_chars = 300;

// ------------------------------------------------------------------ reading

using xml::children;
using xml::is;
using xml::line_of;

// Attributes and texts as the module's fields take them: white space squeezed.
std::string prop(xmlNode* n, const char* name, const std::string& fallback = {}) {
  const auto v = xml::prop(n, name);
  return v ? core::squeeze_space(*v) : fallback;
}

std::string text_of(xmlNode* n) { return xml::content(n); }

std::vector<std::string> items_of(xmlNode* n) {
  std::vector<std::string> out;
  for (xmlNode* c : children(n))
    if (is(c, "butir")) out.push_back(text_of(c));
  return out;
}

// One CSV record (RFC 4180 quoting) from `s` at `pos`; advances `pos` and `line`.
core::Result<std::vector<std::string>> csv_record(const std::string& s, std::size_t& pos, int& line,
                                                  const std::string& file) {
  std::vector<std::string> fields;
  std::string cur;
  bool quoted = false, was_quoted = false;
  const int start_line = line;
  while (pos < s.size()) {
    const char c = s[pos++];
    if (quoted) {
      if (c == '"') {
        if (pos < s.size() && s[pos] == '"') {
          cur += '"';
          ++pos;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        cur += c;
      }
      continue;
    }
    if (c == '"' && cur.empty() && !was_quoted) {
      quoted = was_quoted = true;
    } else if (c == ',') {
      fields.push_back(core::squeeze_space(cur));
      cur.clear();
      was_quoted = false;
    } else if (c == '\n') {
      ++line;
      break;
    } else if (c != '\r') {
      if (was_quoted && c != ' ') return fail(ErrorCode::invalid_input, "text after a closing quote", file, start_line);
      cur += c;
    }
  }
  if (quoted) return fail(ErrorCode::invalid_input, "unclosed quote", file, start_line);
  fields.push_back(core::squeeze_space(cur));
  return fields;
}

bool parse_number(const std::string& s, double& out) {
  if (s.empty() || s.size() > 20) return false;
  std::string t;
  bool dot = false;
  for (char c : s) {
    if (c >= '0' && c <= '9') t += c;
    else if ((c == '.' || c == ',') && !dot && !t.empty()) dot = true, t += '.';
    else return false;
  }
  if (t.back() == '.') return false;
  out = std::strtod(t.c_str(), nullptr);
  return std::isfinite(out);
}

// Reads a statistics file named by the module: confined to the module's folder.
core::Result<DataTable> read_data(const std::string& module_path, const std::string& rel, int module_line,
                                  bool need_numbers) {
  const std::string& mp = module_path;
  const fs::path r(rel);
  if (rel.empty() || r.is_absolute() || rel.find('\\') != std::string::npos)
    return fail(ErrorCode::invalid_input, "data file must be a relative path inside the module's folder: " + rel, mp,
                module_line, "data");
  for (const auto& part : r)
    if (part == ".." || part == ".")
      return fail(ErrorCode::invalid_input, "'..' not allowed in a data path: " + rel, mp, module_line, "data");
  std::error_code ec;
  fs::path dir = fs::path(module_path).parent_path();
  if (dir.empty()) dir = ".";
  const fs::path dir_c = fs::canonical(dir, ec);
  if (ec) return fail(ErrorCode::io, "cannot resolve the module's folder", mp, module_line);
  const fs::path full = fs::canonical(dir / r, ec);
  if (ec) return fail(ErrorCode::invalid_input, "data file not found: " + rel, mp, module_line, "data");
  // A symlink may not lead out of the module's folder.
  auto [d_end, f_it] = std::mismatch(dir_c.begin(), dir_c.end(), full.begin(), full.end());
  if (d_end != dir_c.end())
    return fail(ErrorCode::invalid_input, "data file lies outside the module's folder: " + rel, mp, module_line, "data");
  if (!fs::is_regular_file(full, ec))
    return fail(ErrorCode::invalid_input, "data file is not a regular file: " + rel, mp, module_line, "data");
  const std::string file = (dir / r).string();
  if (fs::file_size(full, ec) > k_max_csv_bytes)
    return fail(ErrorCode::invalid_input, "data file larger than 64 KiB", file, 0);
  bool too_big = false;
  const auto read = xml::read_file(full.string(), k_max_csv_bytes, too_big);
  if (too_big) return fail(ErrorCode::invalid_input, "data file larger than 64 KiB", file, 0);
  if (!read) return fail(ErrorCode::io, "cannot read the data file", file);
  const std::string& bytes = *read;
  if (!core::is_valid_utf8(bytes)) return fail(ErrorCode::invalid_input, "data file is not UTF-8", file, 0);

  DataTable t;
  t.path = rel;
  std::size_t pos = 0;
  int line = 1;
  if (bytes.compare(0, 3, "\xEF\xBB\xBF") == 0) pos = 3;
  while (pos < bytes.size()) {
    const int at = line;
    // Comment lines ("# data ilustrasi FIKTIF") and blank lines are skipped.
    std::size_t eol = bytes.find('\n', pos);
    const std::string raw = core::squeeze_space(bytes.substr(pos, eol == std::string::npos ? std::string::npos : eol - pos));
    if (raw.empty() || raw[0] == '#') {
      pos = eol == std::string::npos ? bytes.size() : eol + 1;
      ++line;
      continue;
    }
    auto rec = csv_record(bytes, pos, line, file);
    if (!rec) return tl::unexpected(rec.error());
    if (rec->size() > k_max_csv_columns)
      return fail(ErrorCode::invalid_input, "more than 12 columns", file, at);
    for (const auto& f : *rec)
      if (f.size() > k_max_cell_chars) return fail(ErrorCode::invalid_input, "a cell longer than 300 characters", file, at);
    if (t.header.empty()) {
      if (rec->size() < 2) return fail(ErrorCode::invalid_input, "the header needs at least two columns", file, at);
      t.header = std::move(*rec);
      continue;
    }
    if (rec->size() != t.header.size())
      return fail(ErrorCode::invalid_input,
                  "expected " + std::to_string(t.header.size()) + " columns, found " + std::to_string(rec->size()), file, at);
    if (t.rows.size() >= k_max_csv_rows) return fail(ErrorCode::invalid_input, "more than 200 rows", file, at);
    double v = 0;
    if (!parse_number((*rec)[1], v)) {
      if (need_numbers)
        return fail(ErrorCode::invalid_input, "column 2 must be a number >= 0 for the chart: '" + (*rec)[1] + "'", file, at);
      v = 0;
    }
    t.values.push_back(v);
    t.rows.push_back(std::move(*rec));
  }
  if (t.header.empty()) return fail(ErrorCode::invalid_input, "data file has no header line", file, 1);
  if (t.rows.empty()) return fail(ErrorCode::invalid_input, "data file has no rows", file, line);
  if (need_numbers && t.rows.size() > 40) return fail(ErrorCode::invalid_input, "a chart takes at most 40 rows", file, 0);
  return t;
}

core::Result<GuidelineModule> read_tree(xmlDoc* doc, const std::string& path) {
  GuidelineModule m;
  m.path = path;
  xmlNode* root = xmlDocGetRootElement(doc);
  m.id = prop(root, "id");
  m.version = prop(root, "versi");
  m.date = prop(root, "tanggal");
  if (!core::is_iso_date(m.date)) return fail(ErrorCode::invalid_input, "tanggal is not a calendar date", path, line_of(root), "tanggal");
  for (xmlNode* c : children(root)) {
    if (is(c, "judul")) m.title = text_of(c);
    else if (is(c, "sub-judul")) m.subtitle = text_of(c);
    else if (is(c, "sasaran")) m.audience = text_of(c);
    else if (is(c, "penyusun")) m.authors.push_back(text_of(c));
    else if (is(c, "lembaga")) m.institution = text_of(c);
    else if (is(c, "bahasa")) m.language = text_of(c);
    else if (is(c, "pengantar")) m.intro.push_back(text_of(c));
    else if (is(c, "referensi")) {
      for (xmlNode* s : children(c)) m.references.push_back(text_of(s));
    } else if (is(c, "bab")) {
      Chapter ch;
      ch.line = line_of(c);
      for (xmlNode* e : children(c)) {
        if (is(e, "judul")) {
          ch.title = text_of(e);
          continue;
        }
        Part p;
        p.line = line_of(e);
        if (is(e, "tujuan")) {
          p.kind = PartKind::objectives;
          p.items = items_of(e);
        } else if (is(e, "paragraf")) {
          p.kind = PartKind::paragraph;
          p.text = text_of(e);
        } else if (is(e, "catatan")) {
          p.kind = PartKind::note;
          p.text = text_of(e);
          p.note_kind = prop(e, "jenis");
        } else if (is(e, "daftar-periksa")) {
          p.kind = PartKind::checklist;
          p.items = items_of(e);
        } else if (is(e, "latihan")) {
          p.kind = PartKind::exercise;
          p.title = prop(e, "judul");
          for (xmlNode* q : children(e)) {
            if (is(q, "petunjuk")) p.text = text_of(q);
            if (!is(q, "soal")) continue;
            Question question;
            for (xmlNode* qq : children(q)) {
              if (is(qq, "pertanyaan")) question.question = text_of(qq);
              if (is(qq, "kunci")) question.key = text_of(qq);
            }
            p.questions.push_back(std::move(question));
          }
        } else if (is(e, "kutipan-pasal")) {
          p.kind = PartKind::law_excerpt;
          p.ref = prop(e, "ref");
        } else if (is(e, "studi-kasus")) {
          p.kind = PartKind::case_study;
          p.ref = prop(e, "item");
          p.title = prop(e, "judul");
          p.fictional = prop(e, "fiktif") == "ya";
        } else if (is(e, "statistik")) {
          p.kind = PartKind::statistics;
          p.title = prop(e, "judul");
          p.fictional = prop(e, "fiktif") == "ya";
          p.source = prop(e, "sumber");
          const std::string kinds = prop(e, "jenis", "tabel batang");
          p.chart = kinds.find("batang") != std::string::npos;
          p.table = kinds.find("tabel") != std::string::npos;
          auto data = read_data(path, prop(e, "data"), p.line, p.chart);
          if (!data) return tl::unexpected(data.error());
          p.data = std::move(*data);
        } else {
          continue;
        }
        ch.parts.push_back(std::move(p));
      }
      m.chapters.push_back(std::move(ch));
    }
  }
  return m;
}

// ------------------------------------------------------------------ shared wording

const char* k_months[] = {"Januari", "Februari", "Maret", "April", "Mei", "Juni",
                          "Juli", "Agustus", "September", "Oktober", "November", "Desember"};

std::string long_date(const core::Date& d) {
  if (!core::is_iso_date(d)) return d;
  const int month = std::stoi(d.substr(5, 2));
  return std::to_string(std::stoi(d.substr(8, 2))) + " " + k_months[month - 1] + " " + d.substr(0, 4);
}

std::string note_label(const std::string& kind) {
  if (kind == "penting") return "PENTING / IMPORTANT";
  if (kind == "tips") return "TIPS";
  return "CATATAN / NOTE";
}

std::string excerpt_caption(const LawExcerpt& x) {
  std::string s = "Teks undang-undang (" + x.id + "), status per " + long_date(x.as_of) + ": " + x.status;
  if (!x.successor_label.empty()) s += "; diganti oleh / replaced by " + x.successor_label;
  return s;
}

std::string statistics_caption(const Part& p) {
  std::string s = "Sumber / source: " + (p.source.empty() ? p.data.path : p.source);
  if (p.fictional) s += " \u2014 data ilustrasi FIKTIF / fictional illustrative data";
  return s;
}

bool any_fictional_case(const GuidelineModule& m, const GuidelineData& data) {
  for (const auto& ch : m.chapters)
    for (const auto& p : ch.parts)
      if (p.kind == PartKind::case_study) {
        auto it = data.case_studies.find(p.ref);
        if (p.fictional || (it != data.case_studies.end() && it->second.fictional)) return true;
      }
  return false;
}

bool has_exercises(const Chapter& ch) {
  return std::any_of(ch.parts.begin(), ch.parts.end(), [](const Part& p) { return p.kind == PartKind::exercise; });
}

std::string chapter_title(std::size_t i, const Chapter& ch) { return "Bab " + std::to_string(i + 1) + ". " + ch.title; }

std::string exercise_title(const Part& p) { return p.title.empty() ? std::string("Latihan") : "Latihan: " + p.title; }

std::string case_title(const Part& p, const CaseStudy& cs) {
  return "Studi Kasus: " + (p.title.empty() ? cs.title : p.title);
}

const std::string k_fiction_note =
    "FIKTIF / FICTIONAL \u2014 studi kasus dalam modul ini fiktif, dibuat untuk pelatihan, dan telah dianonimkan; "
    "kemiripan dengan orang atau peristiwa nyata hanya kebetulan. / The case studies in this module are "
    "invented for training and anonymised.";

const std::string k_key_banner = "KUNCI JAWABAN \u2014 UNTUK PELATIH / ANSWER KEY \u2014 FOR TRAINERS";

core::Status check_data(const GuidelineModule& m, const GuidelineData& data) {
  for (const auto& ch : m.chapters)
    for (const auto& p : ch.parts) {
      if (p.kind == PartKind::law_excerpt && !data.excerpts.count(p.ref))
        return fail(ErrorCode::not_found, "ketentuan tidak dikenal / unknown provision: " + p.ref, m.path, p.line, "ref");
      if (p.kind == PartKind::case_study && !data.case_studies.count(p.ref))
        return fail(ErrorCode::not_found, "studi kasus '" + p.ref + "' tidak tersedia untuk pelatihan / not available for training",
                    m.path, p.line, "item");
    }
  return {};
}

}  // namespace

// ------------------------------------------------------------------ load

core::Result<GuidelineModule> load_guideline(const std::string& path, const std::string& schema_path) {
  auto doc = xml::read_validated(path, schema_path, k_max_module_bytes, {"module", "modul"});
  if (!doc) return tl::unexpected(doc.error());
  return read_tree(doc->get(), path);
}

// ------------------------------------------------------------------ layout

namespace {

void add_para(std::vector<Block>& B, std::string t, Align a = Align::justify, Style s = Style::regular, double size = 0,
              double before = 0) {
  Block b = Block::make_paragraph(std::move(t), a, s);
  b.size = size;
  b.space_before = before;
  B.push_back(std::move(b));
}

// The cover page and the table of contents.
void layout_cover(std::vector<Block>& B, const GuidelineModule& m, const GuidelineData& data, bool key,
                  const std::string& authors) {
  add_para(B, m.institution, Align::center, Style::regular, 11, 20);
  add_para(B, m.title, Align::center, Style::bold, 22, 110);
  if (!m.subtitle.empty()) add_para(B, m.subtitle, Align::center, Style::regular, 13, 6);
  if (key) add_para(B, k_key_banner, Align::center, Style::bold, 13, 18);
  add_para(B, "Sasaran / audience: " + m.audience, Align::center, Style::regular, 11, 50);
  add_para(B, "Penyusun / authors: " + authors, Align::center, Style::regular, 11, 4);
  add_para(B, "Versi / version " + m.version + " \u2014 " + long_date(m.date), Align::center, Style::regular, 11, 4);
  if (!m.language.empty()) add_para(B, "Bahasa / language: " + m.language, Align::center, Style::regular, 11, 4);
  if (any_fictional_case(m, data)) {
    add_para(B, "", Align::center, Style::regular, 0, 30);
    Block n = Block::make_note(k_fiction_note);
    n.label = "FIKTIF / FICTIONAL";
    B.push_back(std::move(n));
  }
  B.push_back(Block::make_page_break());
  {
    Block h = Block::make_heading(1, "Daftar Isi / Contents", "daftar-isi");
    h.in_index = false;
    B.push_back(std::move(h));
    B.push_back(Block::make_toc());
    B.push_back(Block::make_page_break());
  }
}

// The answer key: every chapter's exercises with their keys.
void layout_answer_key(std::vector<Block>& B, const GuidelineModule& m) {
  add_para(B, "Dokumen ini hanya untuk pelatih: jangan dibagikan kepada peserta. / For trainers only: do not hand out "
       "to participants.", Align::left, Style::italic);
  for (std::size_t c = 0; c < m.chapters.size(); ++c) {
    const Chapter& ch = m.chapters[c];
    if (!has_exercises(ch)) continue;
    B.push_back(Block::make_heading(1, chapter_title(c, ch), "bab-" + std::to_string(c + 1)));
    for (std::size_t k = 0; k < ch.parts.size(); ++k) {
      const Part& p = ch.parts[k];
      if (p.kind != PartKind::exercise) continue;
      B.push_back(Block::make_heading(2, exercise_title(p), "bab-" + std::to_string(c + 1) + "-" + std::to_string(k + 1)));
      for (std::size_t q = 0; q < p.questions.size(); ++q)
        B.push_back(Block::make_qa(static_cast<int>(q + 1), p.questions[q].question, p.questions[q].key));
    }
  }
}

// One part of a chapter; `anchor` is its heading's link target.
void layout_part(std::vector<Block>& B, const Part& p, const GuidelineData& data, const std::string& anchor) {
  switch (p.kind) {
    case PartKind::objectives:
      B.push_back(Block::make_heading(2, "Tujuan Pembelajaran / Learning objectives", anchor));
      add_para(B, "Setelah mempelajari bab ini, peserta mampu: / After this chapter, participants can:", Align::left);
      for (std::size_t i = 0; i < p.items.size(); ++i) add_para(B, std::to_string(i + 1) + ". " + p.items[i], Align::left);
      break;
    case PartKind::paragraph: add_para(B, p.text); break;
    case PartKind::note: {
      Block n = Block::make_note(p.text);
      n.label = note_label(p.note_kind);
      B.push_back(std::move(n));
      break;
    }
    case PartKind::checklist: {
      B.push_back(Block::make_heading(2, "Daftar Periksa / Checklist", anchor));
      Block b;
      b.kind = BlockKind::checklist;
      b.items = p.items;
      B.push_back(std::move(b));
      break;
    }
    case PartKind::exercise:
      B.push_back(Block::make_heading(2, exercise_title(p), anchor));
      if (!p.text.empty()) add_para(B, p.text, Align::justify, Style::italic);
      for (std::size_t q = 0; q < p.questions.size(); ++q)
        add_para(B, std::to_string(q + 1) + ". " + p.questions[q].question, Align::left);
      break;
    case PartKind::law_excerpt: {
      const LawExcerpt& x = data.excerpts.at(p.ref);
      B.push_back(Block::make_anchor(2, "Kutipan: " + x.label, anchor));
      Block b;
      b.kind = BlockKind::excerpt;
      b.label = x.label;
      b.caption = excerpt_caption(x);
      b.text = x.text;
      B.push_back(std::move(b));
      break;
    }
    case PartKind::case_study: {
      const CaseStudy& cs = data.case_studies.at(p.ref);
      B.push_back(Block::make_heading(2, case_title(p, cs), anchor));
      Block kv;
      kv.kind = BlockKind::key_value;
      kv.pairs = {{"Jenis / kind", cs.kind_label}, {"Waktu / time", cs.period}, {"Tempat / place", cs.place}};
      if (p.fictional || cs.fictional) kv.pairs.emplace_back("Keterangan / note", "FIKTIF / fictional, dianonimkan / anonymised");
      B.push_back(std::move(kv));
      if (!cs.summary.empty()) add_para(B, cs.summary);
      for (const auto& qa : cs.qa) B.push_back(Block::make_qa(qa.number, qa.question, qa.answer));
      for (const auto& s : cs.sections) {
        if (!s.heading.empty()) add_para(B, s.heading, Align::left, Style::bold);
        add_para(B, s.text);
      }
      break;
    }
    case PartKind::statistics: {
      B.push_back(Block::make_heading(2, "Statistik: " + p.title, anchor));
      if (p.table) {
        Block t;
        t.kind = BlockKind::table;
        t.header = p.data.header;
        for (const auto& r : p.data.rows) {
          std::vector<Cell> row;
          for (const auto& c2 : r) row.push_back(Cell{c2, {}});
          t.rows.push_back(std::move(row));
        }
        B.push_back(std::move(t));
      }
      if (p.chart) {
        Block ch2;
        ch2.kind = BlockKind::chart;
        ch2.text = p.title;
        for (std::size_t r = 0; r < p.data.rows.size(); ++r) {
          ch2.labels.push_back(p.data.rows[r][0]);
          ch2.values.push_back(p.data.values[r]);
        }
        ch2.caption = statistics_caption(p);
        B.push_back(std::move(ch2));
      } else {
        add_para(B, statistics_caption(p), Align::left, Style::italic);
      }
      break;
    }
  }
}

}  // namespace

core::Result<LayoutDocument> guideline_layout(const GuidelineModule& m, const GuidelineData& data, Edition e) {
  if (auto st = check_data(m, data); !st) return tl::unexpected(st.error());
  const bool key = e == Edition::answer_key;
  LayoutDocument doc;
  doc.info.title = key ? m.title + " \u2014 Kunci Jawaban" : m.title;
  doc.info.subject = m.subtitle;
  std::string authors;
  for (const auto& a : m.authors) authors += (authors.empty() ? "" : "; ") + a;
  doc.info.author = authors;
  doc.info.creator = data.creator;
  doc.info.keywords = key ? "kunci jawaban; modul pelatihan" : "modul pelatihan; pedoman";
  doc.info.identifier = m.id + " v" + m.version + (key ? " kunci" : "");
  doc.info.date = m.date;
  doc.furniture.header = m.title + (key ? " \u2014 Kunci Jawaban" : "");
  doc.furniture.footer = std::string("Halaman ") + k_page_marker + " dari " + k_pages_marker;
  doc.furniture.on_first_page = false;
  doc.qa_question_label = key ? "Soal" : "Pertanyaan";
  doc.qa_answer_label = key ? "Kunci" : "Jawaban";
  doc.forbidden_strings = data.forbidden_strings;
  auto& B = doc.blocks;

  layout_cover(B, m, data, key, authors);

  if (key) {
    layout_answer_key(B, m);
    return doc;
  }

  if (!m.intro.empty()) {
    B.push_back(Block::make_heading(1, "Pengantar / Introduction", "pengantar"));
    for (const auto& t : m.intro) add_para(B, t);
  }
  for (std::size_t c = 0; c < m.chapters.size(); ++c) {
    const Chapter& ch = m.chapters[c];
    if (c > 0 || !m.intro.empty()) B.push_back(Block::make_page_break());
    B.push_back(Block::make_heading(1, chapter_title(c, ch), "bab-" + std::to_string(c + 1)));
    for (std::size_t k = 0; k < ch.parts.size(); ++k) {
      const Part& p = ch.parts[k];
      const std::string anchor = "bab-" + std::to_string(c + 1) + "-" + std::to_string(k + 1);
      layout_part(B, p, data, anchor);
    }
  }
  if (!m.references.empty()) {
    B.push_back(Block::make_page_break());
    B.push_back(Block::make_heading(1, "Referensi / References", "referensi"));
    for (std::size_t i = 0; i < m.references.size(); ++i)
      add_para(B, std::to_string(i + 1) + ". " + m.references[i], Align::left);
  }
  return doc;
}

core::Result<RenderedPdf> render_guideline(const GuidelineModule& m, const GuidelineData& data, Edition e) {
  auto doc = guideline_layout(m, data, e);
  if (!doc) return tl::unexpected(doc.error());
  return render(*doc);
}

// ------------------------------------------------------------------ HTML

namespace {

// Page text: control bytes dropped (a page cannot show them), then HTML-escaped.
std::string esc(std::string_view s) { return core::escape_html(core::without_control_chars(s)); }

// Paragraph text: line breaks kept.
std::string esc_lines(std::string_view s) { return core::replace_all(esc(s), "\n", "<br/>"); }

std::string num_text(double v) {
  char buf[32];
  if (std::fabs(v - std::round(v)) < 1e-9) std::snprintf(buf, sizeof buf, "%.0f", v);
  else std::snprintf(buf, sizeof buf, "%.1f", v);
  std::string s = buf;
  for (auto& c : s) if (c == '.') c = ',';
  return s;
}

double nice_max(double v) {
  if (v <= 0) return 1;
  const double p = std::pow(10.0, std::floor(std::log10(v)));
  for (double k : {1.0, 2.0, 5.0, 10.0})
    if (k * p >= v) return k * p;
  return 10 * p;
}

std::string svg_chart(const Part& p) {
  const std::size_t n = p.data.rows.size();
  double max_v = 0;
  for (double v : p.data.values) max_v = std::max(max_v, v);
  const double top = nice_max(max_v);
  const int label_w = 170, bar_w = 360, lead = 24, w = label_w + bar_w + 60;
  const int h = static_cast<int>(n) * lead + 36;
  std::ostringstream o;
  o << "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"grafik\" role=\"img\" viewBox=\"0 0 " << w << " " << h
    << "\" width=\"" << w << "\" height=\"" << h << "\"><title>" << esc(p.title) << "</title>";
  for (std::size_t i = 0; i < n; ++i) {
    const int y = static_cast<int>(i) * lead;
    const double len = top > 0 ? bar_w * p.data.values[i] / top : 0;
    o << "<text x=\"" << label_w - 8 << "\" y=\"" << y + 16 << "\" text-anchor=\"end\">" << esc(p.data.rows[i][0]) << "</text>";
    char wbuf[32];
    std::snprintf(wbuf, sizeof wbuf, "%.1f", len);
    o << "<rect x=\"" << label_w << "\" y=\"" << y + 4 << "\" width=\"" << wbuf << "\" height=\"" << lead - 8
      << "\" fill=\"#737373\"/>";
    o << "<text x=\"" << label_w + static_cast<int>(len) + 5 << "\" y=\"" << y + 16 << "\">" << esc(num_text(p.data.values[i])) << "</text>";
  }
  const int axis_y = static_cast<int>(n) * lead + 2;
  o << "<line x1=\"" << label_w << "\" y1=\"0\" x2=\"" << label_w << "\" y2=\"" << axis_y << "\" stroke=\"#000\"/>";
  o << "<line x1=\"" << label_w << "\" y1=\"" << axis_y << "\" x2=\"" << label_w + bar_w << "\" y2=\"" << axis_y
    << "\" stroke=\"#000\"/>";
  for (int t = 0; t <= 4; ++t) {
    const int x = label_w + bar_w * t / 4;
    o << "<line x1=\"" << x << "\" y1=\"" << axis_y << "\" x2=\"" << x << "\" y2=\"" << axis_y + 4 << "\" stroke=\"#000\"/>";
    o << "<text x=\"" << x << "\" y=\"" << axis_y + 18 << "\" text-anchor=\"middle\">" << esc(num_text(top * t / 4)) << "</text>";
  }
  o << "</svg>";
  return o.str();
}

}  // namespace

const std::string& guideline_css() {
  static const std::string css =
      "article.modul{max-width:46em;margin:auto;font-family:Georgia,serif;line-height:1.5}"
      "article.modul h1,article.modul h2,article.modul h3{font-family:Arial,sans-serif}"
      ".sampul{text-align:center;border-bottom:1px solid #999;padding-bottom:1em}"
      ".catatan{border:1px solid #777;padding:.5em 1em;margin:1em 0;font-style:italic}"
      ".catatan .label,.kutipan .label{font-style:normal;font-weight:bold;font-family:Arial,sans-serif}"
      ".fiktif{border:2px solid #000;padding:.5em 1em}"
      ".kutipan{background:#eee;border-left:4px solid #555;padding:.5em 1em;margin:1em 0}"
      ".kutipan .status{font-size:.85em;font-family:Arial,sans-serif}"
      ".kutipan .teks{white-space:pre-line}"
      "ul.periksa{list-style:none;padding-left:0}ul.periksa li::before{content:'\\2610';margin-right:.5em}"
      "table{border-collapse:collapse}td,th{border:1px solid #777;padding:.2em .5em}th{background:#ddd}"
      "svg.grafik text{font-family:Arial,sans-serif;font-size:12px}"
      ".tanya{font-weight:bold}.sumber{font-size:.85em;font-style:italic}";
  return css;
}

namespace {

// The page's table of contents and body, written side by side (the toc needs every heading).
struct HtmlOut {
  std::ostringstream toc, body;

  void entry(int level, const std::string& id, const std::string& title) {
    toc << "<li class=\"t" << level << "\"><a href=\"#" << esc(id) << "\">" << esc(title) << "</a></li>\n";
  }
};

// The answer key: every chapter's exercises with their keys.
void html_answer_key(HtmlOut& out, const GuidelineModule& m) {
  out.body << "<p><em>Dokumen ini hanya untuk pelatih: jangan dibagikan kepada peserta. / For trainers only: do not hand out "
              "to participants.</em></p>\n";
  for (std::size_t c = 0; c < m.chapters.size(); ++c) {
    const Chapter& ch = m.chapters[c];
    if (!has_exercises(ch)) continue;
    const std::string cid = "bab-" + std::to_string(c + 1);
    out.entry(1, cid, chapter_title(c, ch));
    out.body << "<section id=\"" << cid << "\">\n<h2>" << esc(chapter_title(c, ch)) << "</h2>\n";
    for (std::size_t k = 0; k < ch.parts.size(); ++k) {
      const Part& p = ch.parts[k];
      if (p.kind != PartKind::exercise) continue;
      const std::string id = cid + "-" + std::to_string(k + 1);
      out.entry(2, id, exercise_title(p));
      out.body << "<h3 id=\"" << id << "\">" << esc(exercise_title(p)) << "</h3>\n<ol class=\"kunci\">\n";
      for (const auto& q : p.questions)
        out.body << "<li><p class=\"tanya\">" << esc(q.question) << "</p><p>Kunci / key: " << esc(q.key) << "</p></li>\n";
      out.body << "</ol>\n";
    }
    out.body << "</section>\n";
  }
}

// One part of a chapter; `id` is its element id and toc link target.
void html_part(HtmlOut& out, const Part& p, const GuidelineData& data, const std::string& id) {
  switch (p.kind) {
    case PartKind::objectives:
      out.entry(2, id, "Tujuan Pembelajaran / Learning objectives");
      out.body << "<h3 id=\"" << id << "\">Tujuan Pembelajaran / Learning objectives</h3>\n<p>Setelah mempelajari bab ini, "
                  "peserta mampu: / After this chapter, participants can:</p>\n<ol>\n";
      for (const auto& i : p.items) out.body << "<li>" << esc(i) << "</li>\n";
      out.body << "</ol>\n";
      break;
    case PartKind::paragraph: out.body << "<p>" << esc(p.text) << "</p>\n"; break;
    case PartKind::note:
      out.body << "<aside class=\"catatan " << esc(p.note_kind) << "\"><p><span class=\"label\">" << esc(note_label(p.note_kind))
               << "</span> " << esc(p.text) << "</p></aside>\n";
      break;
    case PartKind::checklist:
      out.entry(2, id, "Daftar Periksa / Checklist");
      out.body << "<h3 id=\"" << id << "\">Daftar Periksa / Checklist</h3>\n<ul class=\"periksa\">\n";
      for (const auto& i : p.items) out.body << "<li>" << esc(i) << "</li>\n";
      out.body << "</ul>\n";
      break;
    case PartKind::exercise:
      out.entry(2, id, exercise_title(p));
      out.body << "<h3 id=\"" << id << "\">" << esc(exercise_title(p)) << "</h3>\n";
      if (!p.text.empty()) out.body << "<p><em>" << esc(p.text) << "</em></p>\n";
      out.body << "<ol class=\"soal\">\n";
      for (const auto& q : p.questions) out.body << "<li>" << esc(q.question) << "</li>\n";
      out.body << "</ol>\n";
      break;
    case PartKind::law_excerpt: {
      const LawExcerpt& x = data.excerpts.at(p.ref);
      out.entry(2, id, "Kutipan: " + x.label);
      out.body << "<blockquote class=\"kutipan\" id=\"" << id << "\"><p class=\"label\">" << esc(x.label)
               << "</p><p class=\"status\">" << esc(excerpt_caption(x)) << "</p><p class=\"teks\">" << esc_lines(x.text)
               << "</p></blockquote>\n";
      break;
    }
    case PartKind::case_study: {
      const CaseStudy& cs = data.case_studies.at(p.ref);
      out.entry(2, id, case_title(p, cs));
      out.body << "<h3 id=\"" << id << "\">" << esc(case_title(p, cs)) << "</h3>\n<dl class=\"studi-kasus\">"
               << "<dt>Jenis / kind</dt><dd>" << esc(cs.kind_label) << "</dd><dt>Waktu / time</dt><dd>" << esc(cs.period)
               << "</dd><dt>Tempat / place</dt><dd>" << esc(cs.place) << "</dd>";
      if (p.fictional || cs.fictional)
        out.body << "<dt>Keterangan / note</dt><dd>FIKTIF / fictional, dianonimkan / anonymised</dd>";
      out.body << "</dl>\n";
      if (!cs.summary.empty()) out.body << "<p>" << esc(cs.summary) << "</p>\n";
      if (!cs.qa.empty()) {
        out.body << "<ol class=\"bap\">\n";
        for (const auto& qa : cs.qa)
          out.body << "<li value=\"" << qa.number << "\"><p class=\"tanya\">Pertanyaan: " << esc(qa.question)
                   << "</p><p>Jawaban: " << esc(qa.answer) << "</p></li>\n";
        out.body << "</ol>\n";
      }
      for (const auto& s : cs.sections) {
        if (!s.heading.empty()) out.body << "<h4>" << esc(s.heading) << "</h4>\n";
        out.body << "<p>" << esc_lines(s.text) << "</p>\n";
      }
      break;
    }
    case PartKind::statistics:
      out.entry(2, id, "Statistik: " + p.title);
      out.body << "<figure id=\"" << id << "\" class=\"statistik\"><figcaption>Statistik: " << esc(p.title) << "</figcaption>\n";
      if (p.table) {
        out.body << "<table><thead><tr>";
        for (const auto& h : p.data.header) out.body << "<th>" << esc(h) << "</th>";
        out.body << "</tr></thead><tbody>\n";
        for (const auto& r : p.data.rows) {
          out.body << "<tr>";
          for (const auto& c2 : r) out.body << "<td>" << esc(c2) << "</td>";
          out.body << "</tr>\n";
        }
        out.body << "</tbody></table>\n";
      }
      if (p.chart) out.body << svg_chart(p) << "\n";
      out.body << "<p class=\"sumber\">" << esc(statistics_caption(p)) << "</p></figure>\n";
      break;
  }
}

}  // namespace

core::Result<std::string> guideline_html_article(const GuidelineModule& m, const GuidelineData& data, Edition e) {
  if (auto st = check_data(m, data); !st) return tl::unexpected(st.error());
  const bool key = e == Edition::answer_key;
  std::ostringstream o;
  std::string authors;
  for (const auto& a : m.authors) authors += (authors.empty() ? "" : "; ") + a;
  o << "<article class=\"modul\" lang=\"id\">\n<header class=\"sampul\">\n";
  o << "<p>" << esc(m.institution) << "</p>\n<h1>" << esc(m.title) << "</h1>\n";
  if (!m.subtitle.empty()) o << "<p class=\"sub-judul\">" << esc(m.subtitle) << "</p>\n";
  if (key) o << "<p><strong>" << esc(k_key_banner) << "</strong></p>\n";
  o << "<p>Sasaran / audience: " << esc(m.audience) << "</p>\n<p>Penyusun / authors: " << esc(authors) << "</p>\n";
  o << "<p>Versi / version " << esc(m.version) << " \u2014 <time datetime=\"" << esc(m.date) << "\">" << esc(long_date(m.date))
    << "</time></p>\n";
  if (!m.language.empty()) o << "<p>Bahasa / language: " << esc(m.language) << "</p>\n";
  if (any_fictional_case(m, data)) o << "<p class=\"fiktif\"><strong>FIKTIF / FICTIONAL</strong> " << esc(k_fiction_note) << "</p>\n";
  o << "</header>\n";

  // The toc first (it needs every heading), then the body.
  HtmlOut page;
  if (key) {
    html_answer_key(page, m);
  } else {
    if (!m.intro.empty()) {
      page.entry(1, "pengantar", "Pengantar / Introduction");
      page.body << "<section id=\"pengantar\">\n<h2>Pengantar / Introduction</h2>\n";
      for (const auto& t : m.intro) page.body << "<p>" << esc(t) << "</p>\n";
      page.body << "</section>\n";
    }
    for (std::size_t c = 0; c < m.chapters.size(); ++c) {
      const Chapter& ch = m.chapters[c];
      const std::string cid = "bab-" + std::to_string(c + 1);
      page.entry(1, cid, chapter_title(c, ch));
      page.body << "<section id=\"" << cid << "\">\n<h2>" << esc(chapter_title(c, ch)) << "</h2>\n";
      for (std::size_t k = 0; k < ch.parts.size(); ++k) {
        const Part& p = ch.parts[k];
        const std::string id = cid + "-" + std::to_string(k + 1);
        html_part(page, p, data, id);
      }
      page.body << "</section>\n";
    }
    if (!m.references.empty()) {
      page.entry(1, "referensi", "Referensi / References");
      page.body << "<section id=\"referensi\">\n<h2>Referensi / References</h2>\n<ol>\n";
      for (const auto& r : m.references) page.body << "<li>" << esc(r) << "</li>\n";
      page.body << "</ol>\n</section>\n";
    }
  }
  o << "<nav class=\"daftar-isi\">\n<h2>Daftar Isi / Contents</h2>\n<ul>\n" << page.toc.str() << "</ul>\n</nav>\n";
  o << page.body.str() << "</article>\n";
  std::string out = o.str();
  const std::string folded = internal::fold_for_match(out);
  for (const auto& f : data.forbidden_strings) {
    const std::string ff = internal::fold_for_match(f);
    if (!ff.empty() && folded.find(ff) != std::string::npos)
      return fail(ErrorCode::forbidden, "a protected name appears in the guideline page; nothing was written");
  }
  return out;
}

core::Result<std::string> guideline_html_page(const GuidelineModule& m, const GuidelineData& data, Edition e) {
  auto article = guideline_html_article(m, data, e);
  if (!article) return tl::unexpected(article.error());
  const std::string title = e == Edition::answer_key ? m.title + " \u2014 Kunci Jawaban" : m.title;
  return "<!DOCTYPE html>\n<html lang=\"id\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>" + esc(title) +
         "</title>\n<meta name=\"generator\" content=\"Berkas\"/>\n<style>" + guideline_css() + "</style>\n</head>\n<body>\n" +
         *article + "</body>\n</html>\n";
}

}  // namespace berkas::bundle
