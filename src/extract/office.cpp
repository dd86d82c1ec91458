#include "extract/office.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "core/text.h"
#include "extract/internal/markup.h"
#include "extract/zip.h"

namespace berkas::extract {
namespace {

using core::ErrorCode;
using core::fail;
using internal::attribute;
using internal::is_element;

// Office Open XML (transitional and strict) and markup compatibility.
constexpr const char* k_w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr const char* k_w_strict = "http://purl.oclc.org/ooxml/wordprocessingml/main";
constexpr const char* k_mc = "http://schemas.openxmlformats.org/markup-compatibility/2006";
constexpr const char* k_cp = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties";
constexpr const char* k_dc = "http://purl.org/dc/elements/1.1/";
constexpr const char* k_dcterms = "http://purl.org/dc/terms/";
// OpenDocument.
constexpr const char* k_office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
constexpr const char* k_text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
constexpr const char* k_table = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
constexpr const char* k_meta = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0";
constexpr const char* k_svg = "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0";

constexpr std::size_t k_block_paragraphs = 50;
constexpr std::int64_t k_max_spaces = 1000;

bool starts_with(std::string_view s, std::string_view p) { return s.size() >= p.size() && s.substr(0, p.size()) == p; }
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}
std::string_view local(const xmlNode* n) { return reinterpret_cast<const char*>(n->name); }
bool in_ns(const xmlNode* n, const char* ns) {
  return n->type == XML_ELEMENT_NODE && n->ns && n->ns->href && xmlStrEqual(n->ns->href, reinterpret_cast<const xmlChar*>(ns));
}
bool in_w(const xmlNode* n) { return in_ns(n, k_w) || in_ns(n, k_w_strict); }
bool is_w(const xmlNode* n, const char* name) { return is_element(n, k_w, name) || is_element(n, k_w_strict, name); }

const xmlNode* first_child(const xmlNode* n, bool (*match)(const xmlNode*)) {
  for (const xmlNode* c = n ? n->children : nullptr; c; c = c->next)
    if (match(c)) return c;
  return nullptr;
}

core::Error text_too_large(const Limits& limits) {
  const std::string n = std::to_string(limits.max_bytes);
  return core::Error{ErrorCode::invalid_input,
                     "teks dokumen melebihi batas " + n + " byte / document text exceeds the limit of " + n + " bytes",
                     {}, 0, {}};
}

// The text of one paragraph (or table cell) as it is built, within a budget.
struct Inline {
  explicit Inline(std::size_t limit) : max(limit) {}
  std::string text;
  std::size_t max;
  bool over = false;
  bool collapsible = false;  // the last character is ODF white space that a following run joins

  void add(std::string_view s) {
    if (over || text.size() + s.size() > max) {
      over = true;
      return;
    }
    text += s;
    collapsible = false;
  }
  // ODF text: each run of white space is one space (ODF 1.2 part 1, 6.1.2).
  void add_odf_text(std::string_view s) {
    for (char ch : s) {
      if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
        if (collapsible) continue;
        add(" ");
        collapsible = true;
      } else {
        add(std::string_view(&ch, 1));
      }
    }
  }
  // A space between two pieces (paragraphs of a cell or a text box); ODF white space after it
  // is collapsed into it.
  void separate() {
    if (!text.empty() && text.back() != ' ') add(" ");
    collapsible = true;
  }
};

// What a table may still add, shared by all its cells (and tables nested in them), so that many
// cells together cannot exceed the text bound either.
struct Budget {
  std::size_t left;
  bool over = false;

  Inline cell() const { return Inline(left); }
  void spend(const Inline& cell) {
    over = over || cell.over;
    left -= std::min(left, cell.text.size());
  }
};

// Paragraphs and table rows gathered into units (see office.h for the blocks).
class Blocks {
 public:
  explicit Blocks(std::size_t max_text) : m_max(max_text) {}

  void paragraph(const Inline& line, bool heading) {
    if (line.over || m_total + line.text.size() + 1 > m_max) {
      m_over = true;
      return;
    }
    if (heading && m_count > 0) flush();
    if (m_count > 0) m_text += '\n';
    m_text += line.text;
    m_total += line.text.size() + 1;
    if (++m_count >= k_block_paragraphs) flush();
  }
  // The rows of a table read within `budget`.
  void rows(const std::vector<std::string>& rows, const Budget& budget) {
    if (budget.over) overflow();
    for (std::size_t i = 0; i < rows.size() && !m_over; ++i) {
      Inline line(m_max);
      line.add(rows[i]);
      paragraph(line, false);
    }
  }
  bool over() const { return m_over; }
  void overflow() { m_over = true; }
  std::size_t room() const { return m_max - std::min(m_max, m_total); }

  std::vector<Unit> finish() {
    flush();
    return std::move(m_units);
  }

 private:
  void flush() {
    std::string t = internal::clean_block(m_text);
    if (!t.empty()) {
      Unit u;
      u.number = static_cast<int>(m_units.size()) + 1;
      u.text = std::move(t);
      u.method = Method::parsed;
      m_units.push_back(std::move(u));
    }
    m_text.clear();
    m_count = 0;
  }

  std::vector<Unit> m_units;
  std::string m_text;
  std::size_t m_count = 0;
  std::size_t m_total = 0;
  std::size_t m_max;
  bool m_over = false;
};

// A table cell's text on one line: its line breaks become spaces.
std::string one_line(std::string s) {
  std::replace(s.begin(), s.end(), '\n', ' ');
  return s;
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

// ------------------------------------------------------------------------------------- DOCX

bool is_mc_choice(const xmlNode* n) { return is_element(n, k_mc, "Choice"); }

void docx_inline(const xmlNode* parent, Inline& out) {
  for (const xmlNode* n = parent->children; n && !out.over; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    if (is_element(n, k_mc, "AlternateContent")) {
      if (const xmlNode* choice = first_child(n, is_mc_choice)) docx_inline(choice, out);
      continue;
    }
    if (!in_w(n)) {  // drawings, shapes: their text boxes hold w:p
      docx_inline(n, out);
      continue;
    }
    const std::string_view name = local(n);
    if (name == "t") {
      out.add(internal::node_text(n));
    } else if (name == "tab" || name == "ptab") {
      out.add("\t");
    } else if (name == "br" || name == "cr") {
      out.add("\n");
    } else if (name == "noBreakHyphen") {
      out.add("-");
    } else if (name == "p") {  // a paragraph in a text box
      out.separate();
      docx_inline(n, out);
    } else if (name == "del" || name == "delText" || name == "moveFrom" || name == "instrText" || name == "pPr" ||
               name == "rPr" || name == "tblPr" || name == "tcPr" || name == "trPr" || name == "sectPr") {
      continue;
    } else {
      docx_inline(n, out);  // r, hyperlink, ins, moveTo, smartTag, fldSimple, sdt, txbxContent, ...
    }
  }
}

// A heading: styled Heading*/Judul*/Title (the style id), or with an outline level.
bool docx_heading(const xmlNode* p) {
  for (const xmlNode* pr = p->children; pr; pr = pr->next) {
    if (!is_w(pr, "pPr")) continue;
    for (const xmlNode* c = pr->children; c; c = c->next) {
      if (is_w(c, "outlineLvl")) return true;
      if (!is_w(c, "pStyle")) continue;
      std::string v = core::ascii_lower(attribute(c, k_w, "val"));
      if (v.empty()) v = core::ascii_lower(attribute(c, k_w_strict, "val"));
      if (starts_with(v, "heading") || starts_with(v, "judul") || v == "title") return true;
    }
  }
  return false;
}

void docx_rows(const xmlNode* parent, std::vector<std::string>& rows, Budget& budget);

// A cell's paragraphs (and nested tables) into `out`.
void docx_cell(const xmlNode* parent, Inline& out) {
  for (const xmlNode* n = parent->children; n && !out.over; n = n->next) {
    if (!in_w(n) || is_w(n, "tcPr")) continue;
    if (is_w(n, "p")) {
      out.separate();
      docx_inline(n, out);
    } else if (is_w(n, "tbl")) {
      std::vector<std::string> rows;
      Budget nested{out.max - std::min(out.max, out.text.size())};
      docx_rows(n, rows, nested);
      out.over = out.over || nested.over;
      out.separate();
      out.add(join(rows, "; "));
    } else {
      docx_cell(n, out);  // sdt, sdtContent, customXml
    }
  }
}

void docx_cells(const xmlNode* parent, std::vector<std::string>& cells, Budget& budget) {
  for (const xmlNode* n = parent->children; n && !budget.over; n = n->next) {
    if (!in_w(n) || is_w(n, "trPr") || is_w(n, "tblPrEx")) continue;
    if (is_w(n, "tc")) {
      Inline cell = budget.cell();
      docx_cell(n, cell);
      budget.spend(cell);
      cells.push_back(one_line(std::move(cell.text)));
    } else {
      docx_cells(n, cells, budget);
    }
  }
}

void docx_rows(const xmlNode* parent, std::vector<std::string>& rows, Budget& budget) {
  for (const xmlNode* n = parent->children; n && !budget.over; n = n->next) {
    if (!in_w(n) || is_w(n, "tblPr") || is_w(n, "tblGrid")) continue;
    if (is_w(n, "tr")) {
      std::vector<std::string> cells;
      docx_cells(n, cells, budget);
      rows.push_back(join(cells, " | "));
    } else {
      docx_rows(n, rows, budget);
    }
  }
}

void docx_blocks(const xmlNode* parent, Blocks& blocks) {
  for (const xmlNode* n = parent->children; n && !blocks.over(); n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    if (is_element(n, k_mc, "AlternateContent")) {
      if (const xmlNode* choice = first_child(n, is_mc_choice)) docx_blocks(choice, blocks);
    } else if (is_w(n, "p")) {
      Inline line(blocks.room());
      docx_inline(n, line);
      blocks.paragraph(line, docx_heading(n));
    } else if (is_w(n, "tbl")) {
      std::vector<std::string> rows;
      Budget budget{blocks.room()};
      docx_rows(n, rows, budget);
      blocks.rows(rows, budget);
    } else if (is_w(n, "sectPr") || is_w(n, "del") || is_w(n, "moveFrom")) {
      continue;
    } else if (in_w(n)) {
      docx_blocks(n, blocks);  // sdt, sdtContent, customXml, ins, moveTo
    }
  }
}

// ------------------------------------------------------------------------------------- ODT

void odt_inline(const xmlNode* parent, Inline& out) {
  for (const xmlNode* n = parent->children; n && !out.over; n = n->next) {
    if (n->type == XML_TEXT_NODE) {
      out.add_odf_text(reinterpret_cast<const char*>(n->content ? n->content : reinterpret_cast<const xmlChar*>("")));
      continue;
    }
    if (n->type != XML_ELEMENT_NODE || in_ns(n, k_svg)) continue;  // svg:title/desc: alt text
    if (is_element(n, k_text, "s")) {
      const auto c = core::parse_decimal(attribute(n, k_text, "c"), 1, INT64_MAX);
      out.add(std::string(static_cast<std::size_t>(std::min(c.value_or(1), k_max_spaces)), ' '));
    } else if (is_element(n, k_text, "tab")) {
      out.add("\t");
    } else if (is_element(n, k_text, "line-break")) {
      out.add("\n");
    } else if (is_element(n, k_text, "note") || is_element(n, k_office, "annotation")) {
      continue;
    } else if (is_element(n, k_text, "p") || is_element(n, k_text, "h")) {  // in a text box
      out.separate();
      odt_inline(n, out);
    } else {
      odt_inline(n, out);  // span, a, meta, draw:frame, draw:text-box, ...
    }
  }
}

// Declarations, forms, tracked changes (deleted text lives there) and index templates: no body text.
bool odt_skipped(const xmlNode* n) {
  if (in_ns(n, k_text))
    return local(n) == "tracked-changes" || ends_with(local(n), "-decls") || ends_with(local(n), "-source") ||
           local(n) == "soft-page-break";
  return is_element(n, k_office, "forms");
}

void odt_rows(const xmlNode* parent, std::vector<std::string>& rows, Budget& budget);

void odt_cell(const xmlNode* parent, Inline& out) {
  for (const xmlNode* n = parent->children; n && !out.over; n = n->next) {
    if (n->type != XML_ELEMENT_NODE || odt_skipped(n)) continue;
    if (is_element(n, k_text, "p") || is_element(n, k_text, "h")) {
      out.separate();  // and leading white space of the paragraph is dropped
      odt_inline(n, out);
    } else if (is_element(n, k_table, "table")) {
      std::vector<std::string> rows;
      Budget nested{out.max - std::min(out.max, out.text.size())};
      odt_rows(n, rows, nested);
      out.over = out.over || nested.over;
      out.separate();
      out.add(join(rows, "; "));
    } else {
      odt_cell(n, out);  // text:list, text:list-item, text:section
    }
  }
}

void odt_rows(const xmlNode* parent, std::vector<std::string>& rows, Budget& budget) {
  for (const xmlNode* n = parent->children; n && !budget.over; n = n->next) {
    if (is_element(n, k_table, "table-row")) {
      std::vector<std::string> cells;
      for (const xmlNode* c = n->children; c && !budget.over; c = c->next) {
        if (!is_element(c, k_table, "table-cell")) continue;  // covered cells belong to a merged one
        Inline cell = budget.cell();
        odt_cell(c, cell);
        budget.spend(cell);
        cells.push_back(one_line(std::move(cell.text)));
      }
      rows.push_back(join(cells, " | "));
    } else if (is_element(n, k_table, "table-header-rows") || is_element(n, k_table, "table-rows") ||
               is_element(n, k_table, "table-row-group")) {
      odt_rows(n, rows, budget);
    }
  }
}

void odt_blocks(const xmlNode* parent, Blocks& blocks) {
  for (const xmlNode* n = parent->children; n && !blocks.over(); n = n->next) {
    if (n->type != XML_ELEMENT_NODE || odt_skipped(n)) continue;
    const bool heading = is_element(n, k_text, "h");
    if (heading || is_element(n, k_text, "p")) {
      Inline line(blocks.room());
      line.collapsible = true;  // leading white space of a paragraph is dropped
      odt_inline(n, line);
      blocks.paragraph(line, heading);
    } else if (is_element(n, k_table, "table")) {
      std::vector<std::string> rows;
      Budget budget{blocks.room()};
      odt_rows(n, rows, budget);
      blocks.rows(rows, budget);
    } else {
      odt_blocks(n, blocks);  // text:list, text:list-item, text:section, text:index-body, ...
    }
  }
}

// ------------------------------------------------------------------------------------- shared

struct Parts {
  const Child* document = nullptr;
  const Child* meta = nullptr;
  std::vector<Child*> media;
};

core::Result<Parts> pick_parts(std::vector<Child>& entries, const std::string& document_name,
                               const std::string& meta_name, const std::string& media_prefix) {
  Parts parts;
  for (Child& c : entries) {
    if (c.name == document_name) {
      if (parts.document)
        return fail(ErrorCode::invalid_input, "bagian '" + document_name + "' ada lebih dari satu / part '" +
                                                  document_name + "' occurs more than once");
      parts.document = &c;
    } else if (c.name == meta_name) {
      if (!parts.meta) parts.meta = &c;
    } else if (starts_with(c.name, media_prefix)) {
      parts.media.push_back(&c);
    }
  }
  if (!parts.document)
    return fail(ErrorCode::invalid_input, "bagian '" + document_name + "' tidak ada / part '" + document_name +
                                              "' is missing");
  return parts;
}

// The media entries as children, their bytes moved out of the entries.
std::vector<Child> media_children(const Parts& parts) {
  std::vector<Child> out;
  for (Child* c : parts.media) {
    const auto slash = c->name.rfind('/');
    out.push_back(Child{c->name.substr(slash + 1), "", std::move(c->bytes)});
  }
  return out;
}

// Each child element of `parent` that `names` maps to a metadata key, in document order; the
// first non-empty value of a key wins.
void read_meta(const xmlNode* parent,
               const std::vector<std::tuple<const char*, const char*, const char*>>& names,
               std::map<std::string, std::string>& out) {
  for (const auto& [ns, name, key] : names)
    for (const xmlNode* n = parent->children; n; n = n->next) {
      if (!is_element(n, ns, name) || out.count(key)) continue;
      std::string v = internal::clean_value(internal::node_text(n));
      if (!v.empty()) out[key] = std::move(v);
    }
}

core::Result<std::vector<Child>> read_container(std::string_view bytes, const Limits& limits,
                                                const std::string& document_name, const std::string& meta_name,
                                                const std::string& media_prefix) {
  return read_zip_entries(bytes, limits, [&](const std::string& name) {
    return name == document_name || name == meta_name || starts_with(name, media_prefix);
  });
}

core::Error not_a(const std::string& part, const char* id, const char* en) {
  return core::Error{ErrorCode::invalid_input,
                     "bagian '" + part + "' bukan " + id + " / part '" + part + "' is not " + en, part, 0, {}};
}

}  // namespace

core::Result<Extracted> read_docx(std::string_view bytes, const Limits& limits) {
  const std::string document_name = "word/document.xml", meta_name = "docProps/core.xml";
  auto entries = read_container(bytes, limits, document_name, meta_name, "word/media/");
  if (!entries) return tl::unexpected(entries.error());
  auto parts = pick_parts(*entries, document_name, meta_name, "word/media/");
  if (!parts) return tl::unexpected(parts.error());

  auto doc = internal::parse_xml_part(parts->document->bytes, document_name, limits.max_bytes);
  if (!doc) return tl::unexpected(doc.error());
  const xmlNode* root = xmlDocGetRootElement(doc->get());
  const xmlNode* body = is_w(root, "document") ? first_child(root, [](const xmlNode* n) { return is_w(n, "body"); })
                                               : nullptr;
  if (!body) return tl::unexpected(not_a(document_name, "dokumen Word (w:document/w:body)",
                                         "a Word document (w:document/w:body)"));
  Extracted out;
  out.format = Format::docx;
  Blocks blocks(limits.max_bytes);
  docx_blocks(body, blocks);
  if (blocks.over()) return tl::unexpected(text_too_large(limits));
  out.units = blocks.finish();

  if (parts->meta) {
    auto meta = internal::parse_xml_part(parts->meta->bytes, meta_name, limits.max_bytes);
    if (!meta) return tl::unexpected(meta.error());
    const xmlNode* props = xmlDocGetRootElement(meta->get());
    if (is_element(props, k_cp, "coreProperties"))
      read_meta(props,
                {{k_dc, "title", "doc.title"},
                 {k_dc, "creator", "doc.creator"},
                 {k_dcterms, "created", "doc.created"},
                 {k_dcterms, "modified", "doc.modified"}},
                out.metadata);
  }
  out.children = media_children(*parts);
  return out;
}

core::Result<Extracted> read_odt(std::string_view bytes, const Limits& limits) {
  const std::string document_name = "content.xml", meta_name = "meta.xml";
  auto entries = read_container(bytes, limits, document_name, meta_name, "Pictures/");
  if (!entries) return tl::unexpected(entries.error());
  auto parts = pick_parts(*entries, document_name, meta_name, "Pictures/");
  if (!parts) return tl::unexpected(parts.error());

  auto doc = internal::parse_xml_part(parts->document->bytes, document_name, limits.max_bytes);
  if (!doc) return tl::unexpected(doc.error());
  const xmlNode* root = xmlDocGetRootElement(doc->get());
  const xmlNode* body = is_element(root, k_office, "document-content")
                            ? first_child(root, [](const xmlNode* n) { return is_element(n, k_office, "body"); })
                            : nullptr;
  const xmlNode* text = first_child(body, [](const xmlNode* n) { return is_element(n, k_office, "text"); });
  if (!text) return tl::unexpected(not_a(document_name, "dokumen teks ODF (office:body/office:text)",
                                         "an ODF text document (office:body/office:text)"));
  Extracted out;
  out.format = Format::odt;
  Blocks blocks(limits.max_bytes);
  odt_blocks(text, blocks);
  if (blocks.over()) return tl::unexpected(text_too_large(limits));
  out.units = blocks.finish();

  if (parts->meta) {
    auto meta = internal::parse_xml_part(parts->meta->bytes, meta_name, limits.max_bytes);
    if (!meta) return tl::unexpected(meta.error());
    const xmlNode* root_meta = xmlDocGetRootElement(meta->get());
    const xmlNode* m = is_element(root_meta, k_office, "document-meta")
                           ? first_child(root_meta, [](const xmlNode* n) { return is_element(n, k_office, "meta"); })
                           : nullptr;
    if (m)
      read_meta(m,
                {{k_dc, "title", "doc.title"},
                 {k_meta, "initial-creator", "doc.creator"},
                 {k_dc, "creator", "doc.creator"},
                 {k_meta, "creation-date", "doc.created"},
                 {k_dc, "date", "doc.modified"}},
                out.metadata);
  }
  out.children = media_children(*parts);
  return out;
}

}  // namespace berkas::extract
