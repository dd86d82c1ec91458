// render(): LayoutDocument → PDF bytes. The only file that speaks PoDoFo; PdfError is caught here
// and translated.
//
// Page content streams are written directly (one BT..ET per page, Windows-1252 literal strings)
// rather than through PdfPainter: it is several times faster and keeps every string we write in
// our hands for the forbidden-string guard. Exhibit pages are copied object by object (only what
// the page reaches), wrapped in a Form XObject and scaled into the body area, so that stamps,
// header and footer sit in margins where they cannot hide exhibit text. Photos are decoded by
// PoDoFo's PdfImage (JPEG, PNG, TIFF) and fitted into the area the layout gave them; text that
// must be found but not seen (a scan's OCR text) is drawn in text render mode 3.

#include <podofo/podofo.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <mutex>
#include <set>

#include "bundle/bundle.h"
#include "bundle/internal/layout.h"
#include "bundle/internal/winansi.h"
#include "core/hash.h"
#include "core/text.h"

namespace berkas::bundle {
namespace {

using core::ErrorCode;
using core::fail;
using internal::FontId;
using internal::Geometry;
using namespace PoDoFo;

constexpr const char* k_font_dir = "/usr/share/fonts/truetype/liberation/";

struct FontFile {
  const char* family;
  const char* file;
  bool bold;
  bool italic;
};
constexpr FontFile k_fonts[internal::font_count] = {
    {"LiberationSerif", "LiberationSerif-Regular.ttf", false, false},
    {"LiberationSerif", "LiberationSerif-Bold.ttf", true, false},
    {"LiberationSerif", "LiberationSerif-Italic.ttf", false, true},
    {"LiberationSans", "LiberationSans-Regular.ttf", false, false},
    {"LiberationSans", "LiberationSans-Bold.ttf", true, false},
};

// ------------------------------------------------------------------ content streams

void num(std::string& out, double v) {
  char buf[32];
  const double r = std::round(v * 100.0) / 100.0;
  std::snprintf(buf, sizeof buf, "%.2f ", r == 0.0 ? 0.0 : r);  // never "-0.00"
  out += buf;
}

void literal(std::string& out, std::string_view s) {
  out += '(';
  for (unsigned char c : s) {
    if (c == '(' || c == ')' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 32 || c > 126) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\%03o", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  out += ')';
}

// The page's drawing as PDF operators; records which characters each font used (for subsetting).
std::string content_of(const internal::PageLayout& page, std::array<std::array<bool, 256>, internal::font_count>& used) {
  std::string s;
  s.reserve(4096);
  if (!page.boxes.empty()) {
    s += "q 0.5 w 0.55 G 0.9 g\n";
    for (const auto& b : page.boxes) {
      // Chart bars and rules carry their own grey: vector drawing, never an image.
      if (b.fill && b.gray >= 0) s += "q ", num(s, b.gray), s += "g ";
      num(s, b.x), num(s, b.y), num(s, b.w), num(s, b.h);
      s += b.fill ? "re f" : "re S";
      s += b.fill && b.gray >= 0 ? " Q\n" : "\n";
    }
    s += "Q\n";
  }
  if (page.runs.empty()) return s;
  s += "BT\n";
  int font = -1;
  double size = -1, tw = 0;
  bool invisible = false;
  for (const auto& r : page.runs) {
    if (r.invisible != invisible) {
      s += r.invisible ? "3 Tr\n" : "0 Tr\n";
      invisible = r.invisible;
    }
    if (r.font != font || r.size != size) {
      s += "/F";
      s += std::to_string(r.font);
      s += ' ';
      num(s, r.size);
      s += "Tf\n";
      font = r.font;
      size = r.size;
    }
    if (r.word_spacing != tw) {
      num(s, r.word_spacing);
      s += "Tw\n";
      tw = r.word_spacing;
    }
    s += "1 0 0 1 ";
    num(s, r.x), num(s, r.y);
    s += "Tm ";
    literal(s, r.text);
    s += " Tj\n";
    for (unsigned char c : r.text) used[r.font][c] = true;
  }
  s += "ET\n";
  return s;
}

// ------------------------------------------------------------------ exhibit import

// Deep-copies objects from one loaded exhibit into the bundle, each object once.
class Importer {
 public:
  Importer(PdfMemDocument& src, PdfVecObjects& dst) : m_src(src), m_dst(dst) {}

  PdfObject copy(const PdfObject& v) {
    switch (v.GetDataType()) {
      case ePdfDataType_Reference: return copy_ref(v.GetReference());
      case ePdfDataType_Dictionary: {
        PdfDictionary d;
        for (const auto& [key, val] : v.GetDictionary().GetKeys()) d.AddKey(key, copy(*val));
        return PdfObject(d);
      }
      case ePdfDataType_Array: {
        PdfArray a;
        for (const auto& e : v.GetArray()) a.push_back(copy(e));
        return PdfObject(a);
      }
      default: return v;
    }
  }

  PdfVecObjects& dst() { return m_dst; }
  PdfMemDocument& src() { return m_src; }

 private:
  PdfObject copy_ref(const PdfReference& ref) {
    if (auto it = m_memo.find(ref); it != m_memo.end()) return PdfObject(it->second);
    PdfObject* so = m_src.GetObjects().GetObject(ref);
    if (!so) return PdfObject(PdfVariant::NullValue);
    // Never follow a path back into the exhibit's page tree or catalog: only what a page's
    // drawing needs is copied, so nothing unused (and unchecked) rides along.
    if (so->IsDictionary()) {
      const PdfObject* type = so->GetDictionary().GetKey(PdfName::KeyType);
      if (type && type->IsName()) {
        const std::string& t = type->GetName().GetName();
        if (t == "Page" || t == "Pages" || t == "Catalog") return PdfObject(PdfVariant::NullValue);
      }
    }
    PdfObject* d = m_dst.CreateObject(PdfVariant(PdfDictionary()));
    m_memo.emplace(ref, d->Reference());
    PdfObject converted;
    if (so->IsDictionary() && so->HasStream()) {
      // /Length is the writer's to set: copying it would leave an orphan length object behind.
      PdfDictionary dd;
      for (const auto& [key, val] : so->GetDictionary().GetKeys())
        if (key != PdfName::KeyLength) dd.AddKey(key, copy(*val));
      converted = PdfObject(dd);
    } else {
      converted = copy(*so);
    }
    d->PdfVariant::operator=(converted);
    if (so->HasStream()) {
      char* buf = nullptr;
      pdf_long len = 0;
      so->GetStream()->GetCopy(&buf, &len);  // raw: the filters stay as they were
      PdfMemoryInputStream in(buf, len);
      d->GetStream()->SetRawData(&in, len);
      podofo_free(buf);
      for (const char* k : {"Filter", "DecodeParms"})
        if (const PdfObject* f = so->GetDictionary().GetKey(k)) d->GetDictionary().AddKey(k, copy(*f));
    }
    return PdfObject(d->Reference());
  }

  PdfMemDocument& m_src;
  PdfVecObjects& m_dst;
  std::map<PdfReference, PdfReference> m_memo;
};

const PdfObject* resolve(PdfMemDocument& doc, const PdfObject* o) {
  if (o && o->IsReference()) return doc.GetObjects().GetObject(o->GetReference());
  return o;
}

// Copies exhibit page `index` into a Form XObject of the bundle; returns it with its box and
// rotation (how the page is meant to be seen).
struct FormPage {
  PdfObject* form = nullptr;
  PdfRect box;
  int rotate = 0;
};

FormPage import_page(Importer& im, int index) {
  PdfPage* sp = im.src().GetPage(index);
  FormPage fp;
  fp.box = sp->GetCropBox();
  const PdfRect media = sp->GetMediaBox();
  if (fp.box.GetWidth() <= 0 || fp.box.GetHeight() <= 0) fp.box = media;
  fp.rotate = ((sp->GetRotation() % 360) + 360) % 360;

  PdfObject* form = im.dst().CreateObject("XObject");
  PdfDictionary& fd = form->GetDictionary();
  fd.AddKey(PdfName::KeySubtype, PdfName("Form"));
  PdfVariant bbox;
  fp.box.ToVariant(bbox);
  fd.AddKey("BBox", PdfObject(bbox));
  if (const PdfObject* res = sp->GetInheritedKey("Resources")) fd.AddKey("Resources", im.copy(*res));
  if (const PdfObject* group = sp->GetObject()->GetDictionary().GetKey("Group")) fd.AddKey("Group", im.copy(*group));

  const PdfObject* contents = resolve(im.src(), sp->GetObject()->GetDictionary().GetKey("Contents"));
  if (contents && contents->HasStream()) {
    char* buf = nullptr;
    pdf_long len = 0;
    contents->GetStream()->GetCopy(&buf, &len);
    PdfMemoryInputStream in(buf, len);
    form->GetStream()->SetRawData(&in, len);
    podofo_free(buf);
    for (const char* k : {"Filter", "DecodeParms"})
      if (const PdfObject* f = contents->GetDictionary().GetKey(k)) fd.AddKey(k, im.copy(*f));
  } else if (contents && contents->IsArray()) {
    std::string joined;
    for (const auto& e : contents->GetArray()) {
      const PdfObject* part = resolve(im.src(), &e);
      if (!part || !part->HasStream()) continue;
      char* buf = nullptr;
      pdf_long len = 0;
      part->GetStream()->GetFilteredCopy(&buf, &len);
      joined.append(buf, static_cast<std::size_t>(len));
      joined += '\n';
      podofo_free(buf);
    }
    form->GetStream()->Set(joined.data(), static_cast<pdf_long>(joined.size()));
  } else {
    form->GetStream()->Set("", 0);
  }
  fp.form = form;
  return fp;
}

// Operators that draw `fp` centred in the exhibit area, scaled to fit, rotation applied.
std::string place_form(const FormPage& fp) {
  const double w0 = fp.box.GetWidth(), h0 = fp.box.GetHeight();
  const bool quarter = fp.rotate == 90 || fp.rotate == 270;
  const double vw = quarter ? h0 : w0, vh = quarter ? w0 : h0;  // as seen
  const double s = std::min({internal::ExhibitArea::w / vw, internal::ExhibitArea::h / vh, 1.0});
  const double tx = internal::ExhibitArea::x + (internal::ExhibitArea::w - vw * s) / 2;
  const double ty = internal::ExhibitArea::y + (internal::ExhibitArea::h - vh * s);  // top-aligned
  std::string o = "q ";
  num(o, s), o += "0 0 ", num(o, s), num(o, tx), num(o, ty), o += "cm ";
  // Page /Rotate turns the page clockwise for display; map (u, v) in the box to what is seen.
  if (fp.rotate == 90) o += "0 -1 1 0 0 ", num(o, w0), o += "cm ";
  if (fp.rotate == 180) o += "-1 0 0 -1 ", num(o, w0), num(o, h0), o += "cm ";
  if (fp.rotate == 270) o += "0 1 -1 0 ", num(o, h0), o += "0 cm ";
  o += "1 0 0 1 ", num(o, -fp.box.GetLeft()), num(o, -fp.box.GetBottom()), o += "cm ";
  o += "/X0 Do Q\n";
  // A hairline frame shows where the exhibit page ends.
  o += "q 0.4 w 0.6 G ";
  num(o, tx), num(o, ty), num(o, vw * s), num(o, vh * s);
  o += "re S Q\n";
  return o;
}

// Operators that draw image `name` (`iw` x `ih` pixels) into `area`, scaled to fit with its
// aspect kept, centred at the top; a hairline frame around it.
std::string place_image(const internal::Box& area, double iw, double ih) {
  if (iw <= 0 || ih <= 0) return {};
  const double s = std::min(area.w / iw, area.h / ih);
  const double w = iw * s, h = ih * s;
  const double x = area.x + (area.w - w) / 2, y = area.y + area.h - h;
  std::string o = "q ";
  num(o, w), o += "0 0 ", num(o, h), num(o, x), num(o, y), o += "cm /Im0 Do Q\n";
  o += "q 0.4 w 0.6 G ";
  num(o, x), num(o, y), num(o, w), num(o, h);
  o += "re S Q\n";
  return o;
}

// ------------------------------------------------------------------ metadata

// XMP packet text: control bytes dropped (XML 1.0 cannot hold them), quotes as the packet has
// always written them (" escaped, ' kept).
std::string xml_escape(std::string_view s) {
  return core::escape_xml(core::without_control_chars(s), core::XmlQuotes::double_only);
}

std::string pdf_date(const core::Date& d) {
  return "D:" + d.substr(0, 4) + d.substr(5, 2) + d.substr(8, 2) + "000000Z";
}

std::string xmp_packet(const DocumentInfo& info, const std::string& content_sha) {
  std::string x = "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                  "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                  "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                  "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
                  " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n"
                  "<dc:format>application/pdf</dc:format>\n";
  x += "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xml_escape(info.title) + "</rdf:li></rdf:Alt></dc:title>\n";
  if (!info.subject.empty())
    x += "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xml_escape(info.subject) +
         "</rdf:li></rdf:Alt></dc:description>\n";
  if (!info.author.empty()) x += "<dc:creator><rdf:Seq><rdf:li>" + xml_escape(info.author) + "</rdf:li></rdf:Seq></dc:creator>\n";
  if (!info.identifier.empty()) x += "<dc:identifier>" + xml_escape(info.identifier) + "</dc:identifier>\n";
  if (!info.date.empty()) {
    x += "<xmp:CreateDate>" + xml_escape(info.date) + "</xmp:CreateDate>\n";
    x += "<xmp:ModifyDate>" + xml_escape(info.date) + "</xmp:ModifyDate>\n";
  }
  if (!info.creator.empty()) x += "<xmp:CreatorTool>" + xml_escape(info.creator) + "</xmp:CreatorTool>\n";
  if (!info.keywords.empty()) x += "<pdf:Keywords>" + xml_escape(info.keywords) + "</pdf:Keywords>\n";
  x += "<pdf:Producer>Berkas</pdf:Producer>\n";
  x += "<dc:source>sha256:" + content_sha + "</dc:source>\n";
  x += "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>";
  return x;
}

PdfString utf8(const std::string& s) {
  // Control characters (our page markers) never belong in metadata.
  std::string clean;
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x20) clean += c;
  return PdfString(reinterpret_cast<const pdf_utf8*>(clean.c_str()));
}

// ------------------------------------------------------------------ guard

// Every string the document carries, for the forbidden-string check, folded for matching.
void collect_strings(const LayoutDocument& doc, std::vector<std::pair<std::string, std::string>>& out) {
  auto add = [&](std::string where, const std::string& s) {
    if (!s.empty()) out.emplace_back(std::move(where), internal::fold_for_match(s));
  };
  const auto& i = doc.info;
  for (const auto* s :
       {&i.title, &i.subject, &i.author, &i.creator, &i.keywords, &i.identifier, &i.manifest, &i.disclosure})
    add("document info", *s);
  add("running header", doc.furniture.header);
  add("running footer", doc.furniture.footer);
  add("stamp", doc.furniture.stamp_prefix);
  for (std::size_t k = 0; k < doc.blocks.size(); ++k) {
    const Block& b = doc.blocks[k];
    const std::string where = "block " + std::to_string(k + 1);
    add(where, b.text);
    add(where, b.anchor);
    add(where, b.question);
    add(where, b.answer);
    for (const auto& h : b.header) add(where, h);
    for (const auto& r : b.rows)
      for (const auto& c : r) add(where, c.text);
    for (const auto& [kk, v] : b.pairs) add(where, kk), add(where, v);
    add(where, b.label);
    add(where, b.caption);
    for (const auto& t : b.page_texts) add(where, t);
    for (const auto& t : b.items) add(where, t);
    for (const auto& t : b.labels) add(where, t);
  }
}

core::Status check_forbidden(const std::vector<std::string>& forbidden,
                             const std::vector<std::pair<std::string, std::string>>& strings) {
  for (const auto& f : forbidden) {
    const std::string ff = internal::fold_for_match(f);
    if (ff.empty()) continue;
    for (const auto& [where, s] : strings)
      if (s.find(ff) != std::string::npos)
        return fail(ErrorCode::forbidden, "a protected name appears in the bundle (" + where +
                                              "); nothing was written");
  }
  return {};
}

std::string content_hash(const LayoutDocument& doc) {
  core::Sha256 h;
  auto put = [&](std::string_view s) {
    h.update(std::to_string(s.size()));
    h.update(":");
    h.update(s);
  };
  std::vector<std::pair<std::string, std::string>> strings;
  collect_strings(doc, strings);
  for (const auto& [w, s] : strings) put(s);
  for (const auto& b : doc.blocks) {
    put(std::to_string(static_cast<int>(b.kind)) + "/" + std::to_string(b.level) + "/" + std::to_string(b.number));
    put(b.pdf);
    put(b.image);
    for (double v : b.values) put(std::to_string(v));
  }
  return h.hex_digest();
}

// Loads the fonts (subset, WinAnsi) into `pdf` and reads their glyph widths into `metrics`.
core::Status load_fonts(PdfMemDocument& pdf, std::array<PdfFont*, internal::font_count>& fonts,
                        internal::Metrics& metrics) {
  for (int f = 0; f < internal::font_count; ++f) {
    const std::string path = std::string(k_font_dir) + k_fonts[f].file;
    if (std::FILE* probe = std::fopen(path.c_str(), "rb"))
      std::fclose(probe);
    else
      return fail(ErrorCode::io, "font not found (install fonts-liberation)", path);
    fonts[f] = pdf.CreateFontSubset(k_fonts[f].family, k_fonts[f].bold, k_fonts[f].italic, false,
                                    PdfEncodingFactory::GlobalWinAnsiEncodingInstance(), path.c_str());
    if (!fonts[f]) return fail(ErrorCode::io, "cannot load font", path);
    const PdfFontMetrics* fm = fonts[f]->GetFontMetrics();
    for (int c = 0; c < 256; ++c) {
      const char32_t u = internal::winansi_to_unicode(static_cast<unsigned char>(c));
      const long gid = u ? fm->GetGlyphId(static_cast<long>(u)) : 0;
      metrics.widths[f][c] = gid > 0 ? fm->GetGlyphWidth(static_cast<int>(gid)) / 1000.0 : 0.0;
    }
  }
  return {};
}

// Parses every exhibit PDF of `doc` once: `pdf_pages[i]` gets block i's page count and
// `exhibits[i]` its document.
core::Status load_exhibits(const LayoutDocument& doc, std::vector<int>& pdf_pages,
                           std::map<std::size_t, std::unique_ptr<PdfMemDocument>>& exhibits) {
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    const Block& b = doc.blocks[i];
    if (b.kind != BlockKind::pdf) continue;
    auto ex = std::make_unique<PdfMemDocument>();
    try {
      ex->LoadFromBuffer(b.pdf.data(), static_cast<long>(b.pdf.size()));
    } catch (const PdfError& e) {
      return fail(ErrorCode::invalid_input, "exhibit is not a readable PDF: " + std::string(PdfError::ErrorName(e.GetError())),
                  {}, 0, b.anchor);
    }
    if (ex->GetEncrypted()) return fail(ErrorCode::invalid_input, "encrypted exhibit PDFs are not supported", {}, 0, b.anchor);
    pdf_pages[i] = ex->GetPageCount();
    if (pdf_pages[i] <= 0) return fail(ErrorCode::invalid_input, "exhibit PDF has no pages", {}, 0, b.anchor);
    exhibits.emplace(i, std::move(ex));
  }
  return {};
}

// Loads every image block's picture into `pdf` once (PoDoFo reads JPEG, PNG and TIFF from
// memory), keyed by block index.
core::Status load_images(const LayoutDocument& doc, PdfMemDocument& pdf,
                         std::map<std::size_t, std::unique_ptr<PdfImage>>& images) {
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    const Block& b = doc.blocks[i];
    if (b.kind != BlockKind::image) continue;
    auto img = std::make_unique<PdfImage>(&pdf.GetObjects(), "Im");
    try {
      img->LoadFromData(reinterpret_cast<const unsigned char*>(b.image.data()), static_cast<pdf_long>(b.image.size()));
    } catch (const PdfError& e) {
      return fail(ErrorCode::invalid_input,
                  "gambar lampiran tidak dapat dibaca / the exhibit image cannot be read (JPEG, PNG or TIFF): " +
                      std::string(PdfError::ErrorName(e.GetError())),
                  {}, 0, b.anchor);
    }
    if (img->GetWidth() <= 0 || img->GetHeight() <= 0)
      return fail(ErrorCode::invalid_input, "gambar lampiran kosong / the exhibit image is empty", {}, 0, b.anchor);
    images.emplace(i, std::move(img));
  }
  return {};
}

// Links from the index to the first page of each anchor they name.
void add_links(PdfMemDocument& pdf, const internal::LaidOut& laid, const std::map<std::string, AnchorPages>& known) {
  for (std::size_t p = 0; p < laid.pages.size(); ++p)
    for (const auto& l : laid.pages[p].links) {
      auto it = known.find(l.anchor);
      if (it == known.end()) continue;
      PdfAnnotation* a = pdf.GetPage(static_cast<int>(p))->CreateAnnotation(ePdfAnnotation_Link, PdfRect(l.x, l.y, l.w, l.h));
      a->SetBorderStyle(0, 0, 0);
      a->GetObject()->GetDictionary().RemoveKey("M");  // PoDoFo stamps the clock here
      a->SetDestination(PdfDestination(pdf.GetPage(it->second.first_page - 1)));
    }
}

// The outline (bookmarks), mirroring the index: every listed heading, anchor and exhibit.
void add_outline(PdfMemDocument& pdf, const LayoutDocument& doc, const internal::LaidOut& laid) {
  std::set<std::string> listed;
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    const Block& b = doc.blocks[i];
    if ((b.kind == BlockKind::heading || b.kind == BlockKind::anchor || b.kind == BlockKind::pdf ||
         b.kind == BlockKind::image) &&
        b.in_index &&
        !b.text.empty())
      listed.insert(b.anchor.empty() ? "_b" + std::to_string(i) : b.anchor);
  }
  PdfOutlines* outlines = nullptr;
  std::vector<std::pair<int, PdfOutlineItem*>> stack;  // open items by level
  PdfOutlineItem* last_top = nullptr;
  std::map<PdfOutlineItem*, PdfOutlineItem*> last_child;
  for (const auto& a : laid.anchors) {
    if (!listed.count(a.anchor)) continue;
    if (!outlines) outlines = pdf.GetOutlines(true);
    const PdfDestination dest(pdf.GetPage(a.first_page - 1));
    while (!stack.empty() && stack.back().first >= a.level) stack.pop_back();
    PdfOutlineItem* item = nullptr;
    if (stack.empty()) {
      if (!last_top) {
        item = outlines->CreateRoot(utf8(a.title));
        item->SetDestination(dest);
      } else {
        item = last_top->CreateNext(utf8(a.title), dest);
      }
      last_top = item;
    } else {
      PdfOutlineItem* parent = stack.back().second;
      PdfOutlineItem*& prev = last_child[parent];
      item = prev ? prev->CreateNext(utf8(a.title), dest) : parent->CreateChild(utf8(a.title), dest);
      prev = item;
    }
    stack.emplace_back(a.level, item);
  }
  if (outlines) pdf.GetCatalog()->GetDictionary().AddKey("PageMode", PdfName("UseOutlines"));
}

// The Info dictionary and the XMP packet, from doc.info and the content hash (no clock).
void write_metadata(PdfMemDocument& pdf, const LayoutDocument& doc, const std::string& chash) {
  PdfInfo* info = pdf.GetInfo();
  PdfDictionary& id = info->GetObject()->GetDictionary();
  id.RemoveKey("CreationDate");
  id.RemoveKey("ModDate");
  info->SetTitle(utf8(doc.info.title));
  if (!doc.info.subject.empty()) info->SetSubject(utf8(doc.info.subject));
  if (!doc.info.author.empty()) info->SetAuthor(utf8(doc.info.author));
  if (!doc.info.creator.empty()) info->SetCreator(utf8(doc.info.creator));
  if (!doc.info.keywords.empty()) info->SetKeywords(utf8(doc.info.keywords));
  info->SetProducer(PdfString("Berkas"));
  if (!doc.info.identifier.empty()) info->SetCustomKey("BerkasIdentifier", utf8(doc.info.identifier));
  info->SetCustomKey("BerkasContentSHA256", PdfString(chash));
  if (!doc.info.manifest_sha256.empty()) {
    info->SetCustomKey("BerkasManifestSHA256", PdfString(doc.info.manifest_sha256));
    info->SetCustomKey("BerkasManifest", PdfString(doc.info.manifest));  // ASCII ids, tabs and line feeds kept
  }
  if (!doc.info.disclosure.empty()) info->SetCustomKey("BerkasDisclosure", PdfString(doc.info.disclosure));
  if (core::is_iso_date(doc.info.date)) {
    id.AddKey("CreationDate", PdfString(pdf_date(doc.info.date)));
    id.AddKey("ModDate", PdfString(pdf_date(doc.info.date)));
  }
  {
    const std::string xmp = xmp_packet(doc.info, chash);
    PdfObject* meta = pdf.GetObjects().CreateObject("Metadata");
    meta->GetDictionary().AddKey(PdfName::KeySubtype, PdfName("XML"));
    meta->GetStream()->Set(xmp.data(), static_cast<pdf_long>(xmp.size()), TVecFilters());  // readable as is
    pdf.GetCatalog()->GetDictionary().AddKey("Metadata", meta->Reference());
  }
}

core::Result<RenderedPdf> render_impl(const LayoutDocument& doc) {
  // The guard runs first, on everything handed in: a failure costs nothing and writes nothing.
  std::vector<std::pair<std::string, std::string>> strings;
  collect_strings(doc, strings);
  if (auto st = check_forbidden(doc.forbidden_strings, strings); !st) return tl::unexpected(st.error());

  PdfMemDocument pdf;
  pdf.SetPdfVersion(ePdfVersion_1_7);
  pdf.SetWriteMode(ePdfWriteMode_Compact);

  std::array<PdfFont*, internal::font_count> fonts{};
  internal::Metrics metrics;
  if (auto st = load_fonts(pdf, fonts, metrics); !st) return tl::unexpected(st.error());

  // Exhibits are parsed once: their page counts feed the layout, their pages the writer.
  std::vector<int> pdf_pages(doc.blocks.size(), 0);
  std::map<std::size_t, std::unique_ptr<PdfMemDocument>> exhibits;
  if (auto st = load_exhibits(doc, pdf_pages, exhibits); !st) return tl::unexpected(st.error());
  std::map<std::size_t, std::unique_ptr<PdfImage>> images;
  if (auto st = load_images(doc, pdf, images); !st) return tl::unexpected(st.error());

  // Passes until every anchor keeps its pages: the index and the manifest print page numbers
  // that can move what follows them.
  std::map<std::string, AnchorPages> known;
  internal::LaidOut laid;
  bool settled = false;
  for (int pass = 0; pass < 6 && !settled; ++pass) {
    laid = internal::lay_out(doc, metrics, pdf_pages, known);
    std::map<std::string, AnchorPages> now;
    for (const auto& a : laid.anchors) now.emplace(a.anchor, a);
    settled = pass > 0 && std::equal(now.begin(), now.end(), known.begin(), known.end(), [](const auto& x, const auto& y) {
                return x.first == y.first && x.second.first_page == y.second.first_page &&
                       x.second.last_page == y.second.last_page;
              });
    known = std::move(now);
  }
  if (!settled) return fail(ErrorCode::internal, "page numbers did not settle after 6 layout passes");

  // Second line of the guard: what actually reaches the pages (after template filling, furniture
  // and page numbers), in the fonts' encoding.
  {
    std::vector<std::pair<std::string, std::string>> drawn;
    std::string all;
    for (const auto& p : laid.pages)
      for (const auto& r : p.runs) {
        all += internal::winansi_to_utf8(r.text);
        all += '\n';
      }
    drawn.emplace_back("page text", internal::fold_for_match(all));
    if (auto st = check_forbidden(doc.forbidden_strings, drawn); !st) return tl::unexpected(st.error());
  }

  // Shared resources: one font dictionary for every page.
  PdfObject* font_dict = pdf.GetObjects().CreateObject(PdfVariant(PdfDictionary()));
  for (int f = 0; f < internal::font_count; ++f)
    font_dict->GetDictionary().AddKey(PdfName("F" + std::to_string(f)), fonts[f]->GetObject()->Reference());

  std::array<std::array<bool, 256>, internal::font_count> used{};
  std::map<std::size_t, std::unique_ptr<Importer>> importers;
  const PdfRect a4(0, 0, Geometry::page_w, Geometry::page_h);
  for (const auto& pl : laid.pages) {
    // PoDoFo's page cache may move PdfPage objects as pages are added: ask for them again later.
    PdfPage* page = pdf.CreatePage(a4);
    PdfDictionary& res = page->GetResources()->GetDictionary();
    res.AddKey("Font", font_dict->Reference());
    std::string content;
    if (pl.pdf_block >= 0) {
      const auto bi = static_cast<std::size_t>(pl.pdf_block);
      auto& im = importers[bi];
      if (!im) im = std::make_unique<Importer>(*exhibits.at(bi), pdf.GetObjects());
      const FormPage fp = import_page(*im, pl.pdf_page);
      PdfDictionary xobjects;
      xobjects.AddKey("X0", fp.form->Reference());
      res.AddKey("XObject", xobjects);
      content = place_form(fp);
    } else if (pl.image_block >= 0) {
      const PdfImage& img = *images.at(static_cast<std::size_t>(pl.image_block));
      PdfDictionary xobjects;
      xobjects.AddKey("Im0", img.GetObject()->Reference());
      res.AddKey("XObject", xobjects);
      content = place_image(pl.image_box, img.GetWidth(), img.GetHeight());
    }
    content += content_of(pl, used);
    page->GetContents()->GetStream()->Set(content.data(), static_cast<pdf_long>(content.size()));
  }

  for (int f = 0; f < internal::font_count; ++f) {
    std::string chars = " ";
    for (int c = 33; c < 256; ++c)
      if (used[f][c]) chars += static_cast<char>(c);
    const std::string u = internal::winansi_to_utf8(chars);
    const PdfString ps(reinterpret_cast<const pdf_utf8*>(u.c_str()));
    fonts[f]->AddUsedSubsettingGlyphs(ps, ps.GetCharacterLength());
  }

  // Links from the index, and the outline mirroring it.
  add_links(pdf, laid, known);
  add_outline(pdf, doc, laid);

  // Document information and XMP. PoDoFo derives the trailer /ID from the Info dictionary, which
  // carries the content hash and no clock: the same document gives the same /ID and bytes.
  const std::string chash = content_hash(doc);
  write_metadata(pdf, doc, chash);

  PdfRefCountedBuffer buffer;
  PdfOutputDevice device(&buffer);
  pdf.Write(&device);
  RenderedPdf out;
  out.pdf.assign(buffer.GetBuffer(), device.GetLength());
  out.page_count = static_cast<int>(laid.pages.size());
  out.sha256 = core::sha256_hex(out.pdf);
  out.content_sha256 = chash;
  out.anchors = std::move(laid.anchors);
  out.substituted_characters = laid.substituted;

  // Last line of the guard: the written bytes (metadata, XMP and outline titles are stored
  // uncompressed, so a literal search reaches them).
  {
    std::vector<std::pair<std::string, std::string>> written{{"written file", internal::fold_for_match(out.pdf)}};
    if (auto st = check_forbidden(doc.forbidden_strings, written); !st) return tl::unexpected(st.error());
  }
  return out;
}

}  // namespace

Block Block::make_heading(int level, std::string text, std::string anchor) {
  Block b;
  b.kind = BlockKind::heading;
  b.level = level;
  b.text = std::move(text);
  b.anchor = std::move(anchor);
  return b;
}
Block Block::make_anchor(int level, std::string text, std::string anchor) {
  Block b = make_heading(level, std::move(text), std::move(anchor));
  b.kind = BlockKind::anchor;
  return b;
}
Block Block::make_paragraph(std::string text, Align align, Style style) {
  Block b;
  b.text = std::move(text);
  b.align = align;
  b.style = style;
  return b;
}
Block Block::make_qa(int number, std::string question, std::string answer) {
  Block b;
  b.kind = BlockKind::qa;
  b.number = number;
  b.question = std::move(question);
  b.answer = std::move(answer);
  return b;
}
Block Block::make_note(std::string text) {
  Block b;
  b.kind = BlockKind::note;
  b.text = std::move(text);
  return b;
}
Block Block::make_page_break() {
  Block b;
  b.kind = BlockKind::page_break;
  return b;
}
Block Block::make_toc() {
  Block b;
  b.kind = BlockKind::toc;
  return b;
}

core::Result<RenderedPdf> render(const LayoutDocument& doc) {
  // PoDoFo prints parser diagnostics (trailers of loaded exhibits) to stdout unless told not to.
  static std::once_flag quiet;
  std::call_once(quiet, [] {
    PdfError::EnableDebug(false);
    PdfError::EnableLogging(false);
  });
  try {
    return render_impl(doc);
  } catch (const PdfError& e) {
    return fail(ErrorCode::io, std::string("PDF writer failed: ") + PdfError::ErrorName(e.GetError()));
  } catch (const std::bad_alloc&) {
    return fail(ErrorCode::io, "out of memory while writing the PDF");
  }
}

}  // namespace berkas::bundle
