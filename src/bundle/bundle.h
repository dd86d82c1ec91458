// bundle: turns a template and case data into a paginated PDF (court bundles now; witness files
// and training modules next), through a general layout document: template → LayoutDocument →
// layout (font metrics, line breaking, pagination, page numbers) → PDF (PoDoFo, kept inside).
//
// The caller owns redaction: every string handed in is printed as given. The module only adds a
// last guard (`forbidden_strings`): a listed string anywhere in what it would write is an error,
// and then no PDF is returned at all.
#pragma once

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/error.h"
#include "core/model.h"

namespace berkas::bundle {

// ---------------------------------------------------------------- the layout document

enum class BlockKind {
  heading,     // `text` at `level` (1 section, 2 document, 3 part); kept with what follows
  anchor,      // an invisible mark: an index/outline entry `text` at `level` where it stands
  paragraph,   // `text`; '\n' is a hard line break; `align`, `style`
  qa,          // numbered question/answer pair of a BAP: `number`, `question`, `answer`
  table,       // `header` (repeated on every page the table reaches) and `rows`, `column_widths`
  key_value,   // `pairs` as "label : value" lines (the header block of a BAP)
  note,        // `text` in a box
  page_break,  // the next block starts on a fresh page (no-op on an empty page)
  toc,         // the index (daftar isi): every heading/anchor with `in_index`, page numbers, links
  pdf,         // `pdf` bytes merged page by page, each scaled into the body area; `text` is the caption;
               // `page_texts[i]` (optional) is laid invisibly over page i (a scan's OCR text)
  image,       // `image` bytes (JPEG, PNG or TIFF) on a page of its own, scaled to fit, aspect kept;
               // `text` the caption, `pairs` printed under it, `page_texts[0]` laid invisibly over it
  chart,       // a horizontal bar chart drawn as vector graphics: `text` title, `labels`, `values`
               // (>= 0), `caption` below (source, "FIKTIF" note); kept on one page
  checklist,   // `items`, each drawn after an empty box to tick
  excerpt,     // a law excerpt: `label` (bold), `caption` (status line), `text` (the law's words),
               // on a shaded band — a style of its own, never confused with our prose
};

enum class Align { justify, left, center, right };
enum class Style { regular, bold, italic };

// A table cell. When `pages_of` names an anchor, the cell prints that anchor's page range
// ("12" or "12–15") instead of `text`, filled in once pagination is known.
struct Cell {
  std::string text;
  std::string pages_of;
};

struct Block {
  BlockKind kind = BlockKind::paragraph;
  std::string text;
  int level = 1;
  std::string anchor;     // heading/anchor/pdf: id for page ranges, index entries, links
  bool in_index = true;   // heading/anchor/pdf: listed in the toc and the outline
  Align align = Align::justify;
  Style style = Style::regular;
  int number = 0;
  std::string question, answer;
  std::vector<double> column_widths;  // relative; empty = equal
  std::vector<std::string> header;
  std::vector<std::vector<Cell>> rows;
  std::vector<std::pair<std::string, std::string>> pairs;
  std::string pdf;
  std::string image;                 // image: the picture file's bytes
  // pdf/image: text drawn invisibly (text render mode 3) over each page, so that the bundle can be
  // searched and copied from: where a scan or photo shows words, its OCR text. The lines are laid
  // top to bottom over the picture, not on the words they were read from.
  std::vector<std::string> page_texts;
  std::string label;                 // note: a bold first line ("PENTING"); excerpt: its label
  std::string caption;               // excerpt: status line; chart: the line under it
  std::vector<std::string> items;    // checklist
  std::vector<std::string> labels;   // chart: one per bar
  std::vector<double> values;        // chart: one per bar
  double size = 0;                   // paragraph: font size in points (0 = body text)
  double space_before = 0;           // paragraph: extra room above, in points

  static Block make_heading(int level, std::string text, std::string anchor);
  static Block make_anchor(int level, std::string text, std::string anchor);
  static Block make_paragraph(std::string text, Align align = Align::justify, Style style = Style::regular);
  static Block make_qa(int number, std::string question, std::string answer);
  static Block make_note(std::string text);
  static Block make_page_break();
  static Block make_toc();
};

// Markers substituted in the running header and footer: the page number and the page count.
inline constexpr const char* k_page_marker = "\x1e";
inline constexpr const char* k_pages_marker = "\x1f";

enum class StampPosition { bottom_right, bottom_left, top_right };

struct Furniture {
  std::string header;                  // running header (may contain the markers); empty = none
  std::string footer;                  // running footer, e.g. "Halaman \x1e dari \x1f"
  std::string stamp_prefix;            // Bates prefix; empty = no stamps
  int stamp_digits = 6;                // zero-padded running number
  int stamp_start = 1;                 // number of the first page
  StampPosition stamp_position = StampPosition::bottom_right;
  bool on_first_page = true;           // header/footer on page 1 (stamps are on every page)
};

struct DocumentInfo {
  std::string title;
  std::string subject;
  std::string author;
  std::string creator;
  std::string keywords;
  std::string identifier;  // e.g. the case register number (Info /BerkasIdentifier, XMP dc:identifier)
  std::string manifest;         // canonical manifest lines (Info /BerkasManifest), read by verify-bundle
  std::string manifest_sha256;  // its SHA-256 (Info /BerkasManifestSHA256)
  std::string disclosure;       // core::code_of(Disclosure) applied (Info /BerkasDisclosure)
  core::Date date;         // creation date; from the data, never the clock (empty = none)
};

struct LayoutDocument {
  DocumentInfo info;
  Furniture furniture;
  std::string qa_question_label = "Pertanyaan";
  std::string qa_answer_label = "Jawaban";
  std::vector<Block> blocks;
  // Strings that must not appear anywhere in the output (compared case-insensitively for ASCII,
  // with runs of white space squeezed).
  std::vector<std::string> forbidden_strings;
};

// Where an anchor landed (1-based PDF page numbers).
struct AnchorPages {
  std::string anchor;
  std::string title;
  int level = 1;
  int first_page = 0;
  int last_page = 0;
};

struct RenderedPdf {
  std::string pdf;                   // the file's bytes
  int page_count = 0;
  std::string sha256;                // of `pdf`
  std::string content_sha256;        // of everything the layout document holds (Info /BerkasContentSHA256)
  std::vector<AnchorPages> anchors;  // in document order
  int substituted_characters = 0;    // characters outside Windows-1252, printed as '?'
};

// Lays out and writes `doc` as an A4 PDF with embedded Liberation fonts (subset, WinAnsi),
// bookmarks mirroring the toc, link annotations on toc entries, stamps on every page, document
// info and XMP metadata. Deterministic: the same document gives the same bytes.
// Errors: invalid_input for a `pdf` block whose bytes are not a readable, unencrypted PDF;
// forbidden when a forbidden string appears (the message never repeats it; nothing is returned);
// io when a font cannot be read; internal if page numbers do not settle. Thread-safe (no shared
// state between calls).
core::Result<RenderedPdf> render(const LayoutDocument& doc);

// ---------------------------------------------------------------- court bundles

// A person as the bundle may show them: `display_name` is already the pseudonym where the
// reader is not cleared. The real name is never given to this module.
struct PersonView {
  std::string id;
  std::string display_name;
  core::PersonRole role = core::PersonRole::saksi;
  bool is_protected = false;
  bool pseudonymised = true;  // display_name is the pseudonym (false: the real name of a cleared copy)
};

struct CaseData {
  core::Case case_info;
  std::vector<PersonView> persons;
  std::vector<core::EvidenceItem> items;        // text already redacted by the caller
  std::vector<core::Provision> provisions;      // at least the charged ones
  std::vector<core::Precedent> precedents;      // the decisions relied on
  // SHA-256 → bytes: the items' attachments (PDF and image exhibits), and the original files of
  // native items (by EvidenceItem::source_sha256) that are merged as exhibits (PDFs, images).
  std::map<std::string, std::string> attachments;
  // SHA-256 of native originals the caller knows to show a protected name (their derived text
  // named one before it was redacted): withheld like an exhibit that shows one.
  std::set<std::string> originals_naming_protected;
  std::vector<std::string> forbidden_strings;   // protected real names: must appear nowhere
};

struct BundleOptions {
  std::string template_path;  // e.g. templates/court-bundle.xml
  std::string schema_path;    // empty = <template dir>/../schemas/bundle-template.xsd
  std::string stamp_prefix;   // empty = the template's, else the register number's slug
  std::string creator;        // who made it (user name), for the document info
  core::Date date;            // the bundle's date (from the data, not the clock)
  // What the caller applied to the data (the module cannot tell): printed on the cover (or the
  // first page), added to the subject and kept as Info /BerkasDisclosure.
  core::Disclosure disclosure = core::Disclosure::pseudonyms;
};

// The first page's note on what a document shows of protected persons (court bundles, witness
// files): "NAMA SAMARAN: ..." or "IDENTITAS ASLI: ...", Indonesian then English.
std::string disclosure_note(core::Disclosure d);

struct ManifestEntry {
  std::string id;
  std::string kind;  // evidence code ("bap", "ahli", ...), "putusan" or "lampiran"
  int version = 1;
  std::string sha256;
  int first_page = 0;
  int last_page = 0;
  bool withheld = false;  // an exhibit that shows a protected name: a placeholder page stands in for it
  // A native item: what the original was and how its text was obtained ("asli PDF; teks: OCR"),
  // printed in the manifest table (not part of the canonical manifest lines).
  std::string origin;
};

struct SectionPages {
  std::string id;
  std::string title;
  int first_page = 0;
  int last_page = 0;
  std::vector<std::string> entry_ids;  // manifest ids placed in this section
};

struct Bundle {
  std::string pdf;
  int page_count = 0;
  std::string sha256;
  std::string manifest_sha256;             // hash of the canonical manifest text (printed in the PDF)
  std::string content_sha256;              // identifies the content inside the file (document info)
  std::vector<ManifestEntry> manifest;     // items, their attachments and precedents, in order
  std::vector<SectionPages> sections;
  std::vector<std::string> omitted_item_ids;  // items no section of the template selected
  int substituted_characters = 0;
};

// Checks a template file: safe parse (no DOCTYPE, no network), schema validation, mustache syntax
// and known placeholders. invalid_input with the file and line on failure; io if unreadable.
core::Status check_template(const std::string& template_path, const std::string& schema_path = {});

// Builds the court bundle: the template selects and orders the sections, placeholders are
// filled from `data` and `options`, then render(). A PDF exhibit that shows one of
// `data.forbidden_strings` (its page text, decompressed) is not merged: a placeholder page
// ("Lampiran ini memuat identitas yang dilindungi ...", its SHA-256) stands in for it and its
// manifest entry is `withheld`. Native items (EvidenceItem::original) are laid out by what they
// are: a PDF's own pages merged as the exhibit (scanned pages carrying their OCR text invisibly),
// a photo on a page of its own with its EXIF facts, a chat or e-mail as a transcript (time, sender,
// message), a Word/ODT/text file as its extracted text with the original's SHA-256; a PDF or photo
// is withheld like an exhibit when it, its derived text or `data.originals_naming_protected` says
// it shows a protected name. Errors: those of check_template and render; not_found when an
// exhibit's bytes (an attachment, a native PDF or photo) are missing from `data.attachments`.
// Nothing is written to disk. Thread-safe.
core::Result<Bundle> build_bundle(const CaseData& data, const BundleOptions& options);

// The same, stopping before PDF writing: the layout document the template produces (for tests,
// previews, and callers that add their own blocks).
core::Result<LayoutDocument> make_layout(const CaseData& data, const BundleOptions& options);

// What a bundle says about itself (its document information), read back from a PDF file.
struct BundleIdentity {
  std::string identifier;       // the case register number
  std::string content_sha256;   // /BerkasContentSHA256
  std::string manifest_sha256;  // /BerkasManifestSHA256
  std::vector<ManifestEntry> manifest;  // id, kind, version, sha256 (no pages)
  bool manifest_matches = false;        // the manifest lines hash to manifest_sha256
  int page_count = 0;
};

// Reads a bundle's identity from its bytes. invalid_input when the PDF is readable but carries no
// Berkas identity; integrity when it cannot be parsed at all. Thread-safe.
core::Result<BundleIdentity> read_bundle_identity(const std::string& pdf);

}  // namespace berkas::bundle
