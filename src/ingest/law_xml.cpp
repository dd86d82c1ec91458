#include "ingest/law_xml.h"

#include <cstdint>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "core/text.h"

namespace berkas::ingest {
namespace {

using core::ErrorCode;
using core::fail;

struct DocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
struct CtxtFree {
  void operator()(xmlParserCtxt* c) const { xmlFreeParserCtxt(c); }
};

void init_libxml() {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
}

std::string name_of(const xmlNode* n) { return reinterpret_cast<const char*>(n->name); }

std::string attr(const xmlNode* n, const char* name) {
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  if (!v) return {};
  std::string s(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return s;
}

// All text under `n` (a correction contributes its corrected reading), white space squeezed.
std::string content(const xmlNode* n) {
  xmlChar* v = xmlNodeGetContent(n);
  if (!v) return {};
  std::string s(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return core::squeeze_space(s);
}

std::vector<xmlNode*> children(const xmlNode* n) {
  std::vector<xmlNode*> out;
  for (xmlNode* c = n->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE) out.push_back(c);
  return out;
}

xmlNode* child(const xmlNode* n, const char* name) {
  for (xmlNode* c : children(n))
    if (name_of(c) == name) return c;
  return nullptr;
}

int line_of(const xmlNode* n) { return static_cast<int>(xmlGetLineNo(n)); }

// Walks one document; members hold what is collected so far.
class Reader {
 public:
  explicit Reader(std::string path) : m_path(std::move(path)) {}

  core::Result<LawDocument> read(const xmlNode* root) {
    if (name_of(root) != k_law_root_element)
      return error(root, "root element is <" + name_of(root) + ">, expected <" + k_law_root_element + ">");
    m_doc.law.id = attr(root, "id");
    if (m_doc.law.id.empty()) return error(root, "<undang-undang> has no id");

    const xmlNode* meta = child(root, "meta");
    if (!meta) return error(root, "no <meta>");
    if (auto st = read_meta(meta); !st) return tl::unexpected(st.error());

    const xmlNode* batang = child(root, "batang-tubuh");
    if (!batang) return error(root, "no <batang-tubuh>");
    if (auto st = read_container(batang); !st) return tl::unexpected(st.error());
    if (m_doc.provisions.empty()) return error(batang, "no Pasal");

    if (const xmlNode* pj = child(root, "penjelasan"))
      if (auto st = read_penjelasan(pj); !st) return tl::unexpected(st.error());

    collect_corrections(root);
    return std::move(m_doc);
  }

 private:
  tl::unexpected<core::Error> error(const xmlNode* n, std::string message, std::string field = {}) {
    return fail(ErrorCode::invalid_input, std::move(message), m_path, n ? line_of(n) : 0, std::move(field));
  }

  core::Status read_meta(const xmlNode* meta) {
    core::Law& law = m_doc.law;
    std::string sumber;
    std::vector<std::string> notes;
    for (const xmlNode* c : children(meta)) {
      const std::string n = name_of(c);
      if (n == "judul") law.title = content(c);
      else if (n == "singkatan") law.short_name = content(c);
      else if (n == "diundangkan") law.enacted = content(c);
      else if (n == "berlaku-sejak") law.in_force_from = content(c);
      else if (n == "sumber") {
        // Provenance lines are kept as lines (not squeezed).
        xmlChar* v = xmlNodeGetContent(c);
        sumber = v ? reinterpret_cast<const char*>(v) : "";
        xmlFree(v);
      } else if (n == "catatan") notes.push_back(content(c));
      else if (n != "disahkan") return error(c, "unexpected <" + n + "> in <meta>", n);
      if ((n == "diundangkan" || n == "berlaku-sejak" || n == "disahkan") && !core::is_iso_date(content(c)))
        return error(c, "<" + n + "> is not a date YYYY-MM-DD", n);
    }
    if (law.title.empty()) return error(meta, "<meta> lacks <judul>", "judul");
    if (law.short_name.empty()) return error(meta, "<meta> lacks <singkatan>", "singkatan");
    if (law.enacted.empty()) return error(meta, "<meta> lacks <diundangkan>", "diundangkan");
    if (law.in_force_from.empty()) return error(meta, "<meta> lacks <berlaku-sejak>", "berlaku-sejak");
    law.source = sumber;
    for (const auto& note : notes) law.source += "\n" + note;
    return {};
  }

  // bab, bagian and kutipan are containers; pasal is where provisions start.
  core::Status read_container(const xmlNode* n) {
    for (const xmlNode* c : children(n)) {
      const std::string name = name_of(c);
      if (name == "nomor" || name == "judul") continue;
      if (name == "bab") {
        m_bab = attr(c, "nomor");
        const xmlNode* j = child(c, "judul");
        m_bab_heading = j ? content(j) : std::string();
        if (m_bab.empty()) return error(c, "<bab> has no nomor", "nomor");
        if (auto st = read_container(c); !st) return st;
        m_bab.clear();
        m_bab_heading.clear();
      } else if (name == "bagian" || name == "kutipan") {
        if (auto st = read_container(c); !st) return st;
      } else if (name == "pasal") {
        if (auto st = read_pasal(c); !st) return st;
      } else {
        return error(c, "unexpected <" + name + "> in <" + name_of(n) + ">", name);
      }
    }
    return {};
  }

  core::Status period_of(const xmlNode* n, core::Provision& p) {
    p.in_force_from = attr(n, "berlaku-sejak");
    p.in_force_until = attr(n, "berlaku-sampai");
    p.successor_id = attr(n, "pengganti");
    if (!p.in_force_from.empty() && !core::is_iso_date(p.in_force_from))
      return error(n, "berlaku-sejak is not a date", "berlaku-sejak");
    if (!p.in_force_until.empty() && !core::is_iso_date(p.in_force_until))
      return error(n, "berlaku-sampai is not a date", "berlaku-sampai");
    if (const xmlNode* k = child(n, "keberlakuan")) p.status_note = content(k);
    return {};
  }

  // Lines of an ayat/huruf/angka: "<label> <first paragraph>", then the rest.
  core::Status render(const xmlNode* n, bool with_label, std::vector<std::string>& lines) {
    std::string label = with_label ? content(child(n, "nomor")) : std::string();
    bool first = true;
    for (const xmlNode* c : children(n)) {
      const std::string name = name_of(c);
      if (name == "nomor" || name == "keberlakuan") continue;
      if (name == "isi") {
        const std::string t = content(c);
        lines.push_back(first && !label.empty() ? label + " " + t : t);
      } else if (name == "ayat" || name == "huruf" || name == "angka") {
        if (first && !label.empty()) lines.push_back(label);
        if (auto st = render(c, true, lines); !st) return st;
      } else {
        return error(c, "unexpected <" + name + "> in <" + name_of(n) + ">", name);
      }
      first = false;
    }
    if (first && !label.empty()) lines.push_back(label);
    return {};
  }

  static std::string join(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines) {
      if (!out.empty()) out += '\n';
      out += l;
    }
    return out;
  }

  core::Status add(core::Provision p, const xmlNode* n) {
    if (!m_ids.insert(p.id).second) return error(n, "duplicate id " + p.id, "id");
    p.ordinal = static_cast<int>(m_doc.provisions.size()) + 1;
    m_index[p.id] = m_doc.provisions.size();
    m_doc.provisions.push_back(std::move(p));
    return {};
  }

  core::Status read_pasal(const xmlNode* n) {
    core::Provision p;
    p.id = attr(n, "id");
    p.pasal = attr(n, "nomor");
    if (p.id.empty() || p.pasal.empty()) return error(n, "<pasal> needs id and nomor");
    p.law_id = m_doc.law.id;
    p.level = core::Provision::Level::pasal;
    p.bab = m_bab;
    p.bab_heading = m_bab_heading;
    p.label = "Pasal " + p.pasal + " " + m_doc.law.short_name;
    if (auto st = period_of(n, p); !st) return st;
    std::vector<std::string> lines;
    if (auto st = render(n, false, lines); !st) return st;
    p.text = join(lines);
    if (p.text.empty()) return error(n, "Pasal " + p.pasal + " has no text");
    const core::Provision pasal = p;
    if (auto st = add(std::move(p), n); !st) return st;

    for (const xmlNode* a : children(n)) {
      if (name_of(a) != "ayat") continue;
      core::Provision ay;
      ay.id = attr(a, "id");
      const std::string nomor = attr(a, "nomor");
      if (ay.id.empty() || nomor.empty()) return error(a, "<ayat> needs id and nomor");
      ay.law_id = pasal.law_id;
      ay.level = core::Provision::Level::ayat;
      ay.parent_id = pasal.id;
      ay.bab = pasal.bab;
      ay.bab_heading = pasal.bab_heading;
      ay.pasal = pasal.pasal;
      try {
        ay.ayat = std::stoi(nomor);
      } catch (const std::exception&) {
        return error(a, "ayat nomor '" + nomor + "' is not a number", "nomor");
      }
      ay.label = "Pasal " + pasal.pasal + " ayat (" + nomor + ") " + m_doc.law.short_name;
      if (auto st = period_of(a, ay); !st) return st;
      if (ay.in_force_from.empty()) ay.in_force_from = pasal.in_force_from;
      if (ay.in_force_until.empty()) ay.in_force_until = pasal.in_force_until;
      if (ay.successor_id.empty()) ay.successor_id = pasal.successor_id;
      if (ay.status_note.empty()) ay.status_note = pasal.status_note;
      std::vector<std::string> ay_lines;
      if (auto st = render(a, false, ay_lines); !st) return st;
      ay.text = join(ay_lines);
      if (auto st = add(std::move(ay), a); !st) return st;
    }
    return {};
  }

  core::Status read_penjelasan(const xmlNode* pj) {
    const xmlNode* pdp = child(pj, "pasal-demi-pasal");
    if (!pdp) return {};
    for (const xmlNode* pp : children(pdp)) {
      const std::string name = name_of(pp);
      if (name == "judul" || name == "p") continue;
      if (name != "penjelasan-pasal") return error(pp, "unexpected <" + name + "> in <pasal-demi-pasal>", name);
      const std::string untuk = attr(pp, "untuk");
      auto it = m_index.find(untuk);
      if (it == m_index.end()) return error(pp, "Penjelasan for unknown provision '" + untuk + "'", "untuk");
      std::vector<std::string> lines;
      for (const xmlNode* c : children(pp)) {
        const std::string cn = name_of(c);
        if (cn == "nomor") continue;
        if (cn == "p") {
          lines.push_back(content(c));
        } else if (cn == "penjelasan-ayat") {
          const std::string ay = attr(c, "untuk");
          auto at = m_index.find(ay);
          if (at == m_index.end() || m_doc.provisions[at->second].parent_id != untuk)
            return error(c, "Penjelasan for unknown ayat '" + ay + "'", "untuk");
          std::vector<std::string> ay_lines;
          for (const xmlNode* q : children(c))
            if (name_of(q) == "p") ay_lines.push_back(content(q));
          m_doc.provisions[at->second].penjelasan = join(ay_lines);
          lines.push_back(content(child(c, "nomor")));
          lines.insert(lines.end(), ay_lines.begin(), ay_lines.end());
        } else {
          return error(c, "unexpected <" + cn + "> in <penjelasan-pasal>", cn);
        }
      }
      m_doc.provisions[it->second].penjelasan = join(lines);
    }
    return {};
  }

  // The OCR corrections belong to the provenance: list them in Law::source.
  void collect_corrections(const xmlNode* n) {
    for (const xmlNode* c = n->children; c; c = c->next) {
      if (c->type != XML_ELEMENT_NODE) continue;
      if (name_of(c) == "koreksi") {
        std::string where;
        for (const xmlNode* up = c->parent; up && where.empty(); up = up->parent)
          if (up->type == XML_ELEMENT_NODE) where = attr(up, "id");
        m_doc.law.source += "\nKoreksi " + attr(c, "alasan") + " (" + where + "): '" + attr(c, "asli") + "' -> '" +
                            attr(c, "menjadi") + "'";
      } else {
        collect_corrections(c);
      }
    }
  }

  std::string m_path;
  LawDocument m_doc;
  std::string m_bab;
  std::string m_bab_heading;
  std::set<std::string> m_ids;
  std::map<std::string, std::size_t> m_index;
};

// 1-based line of byte offset `pos`.
// libxml2 goes on after the first error and reports the consequences too; the first error is
// the one that names the fault.
struct FirstError {
  bool set = false;
  int line = 0;
  std::string message;
};

void keep_first_error(void* user, xmlErrorPtr e) {
  auto* first = static_cast<FirstError*>(user);
  if (first->set || !e || e->level < XML_ERR_ERROR) return;
  first->set = true;
  first->line = e->line;
  first->message = e->message ? core::squeeze_space(e->message) : "malformed XML";
}

// Routes libxml2's errors to `first` for the lifetime of the object. The handler is libxml2
// thread-local state, so concurrent parses on other threads are not affected.
class ErrorCapture {
 public:
  explicit ErrorCapture(FirstError* first)
      : m_old_handler(xmlStructuredError), m_old_context(xmlStructuredErrorContext) {
    xmlSetStructuredErrorFunc(first, keep_first_error);
  }
  ~ErrorCapture() { xmlSetStructuredErrorFunc(m_old_context, m_old_handler); }
  ErrorCapture(const ErrorCapture&) = delete;
  ErrorCapture& operator=(const ErrorCapture&) = delete;

 private:
  xmlStructuredErrorFunc m_old_handler;
  void* m_old_context;
};

int line_at(const std::string& s, std::size_t pos) {
  int line = 1;
  for (std::size_t i = 0; i < pos && i < s.size(); ++i)
    if (s[i] == '\n') ++line;
  return line;
}

}  // namespace

core::Result<LawDocument> parse_law_xml(const std::string& bytes, const std::string& path) {
  // A law file never needs a DTD; refusing it before libxml2 sees it rules out entity
  // expansion and external loading altogether.
  if (auto pos = bytes.find("<!DOCTYPE"); pos != std::string::npos)
    return fail(ErrorCode::invalid_input, "DOCTYPE declarations are not allowed in law XML", path,
                line_at(bytes, pos));
  if (bytes.size() > static_cast<std::size_t>(INT32_MAX))
    return fail(ErrorCode::invalid_input, "file too large", path);

  init_libxml();
  std::unique_ptr<xmlParserCtxt, CtxtFree> ctxt(xmlNewParserCtxt());
  if (!ctxt) return fail(ErrorCode::io, "libxml2 could not allocate a parser", path);
  // NONET: no network; without NOENT/DTDLOAD/DTDATTR no entity is expanded and no DTD read.
  const int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
  FirstError first;
  std::unique_ptr<xmlDoc, DocFree> doc;
  {
    ErrorCapture capture(&first);
    doc.reset(xmlCtxtReadMemory(ctxt.get(), bytes.data(), static_cast<int>(bytes.size()), path.c_str(), "UTF-8",
                                options));
  }
  if (!doc || first.set || !ctxt->wellFormed) {
    if (!first.set) {
      const xmlError* e = xmlCtxtGetLastError(ctxt.get());
      first.line = e ? e->line : 0;
      first.message = e && e->message ? core::squeeze_space(e->message) : "malformed XML";
    }
    return fail(ErrorCode::invalid_input, "malformed XML: " + first.message, path, first.line);
  }
  if (doc->intSubset || doc->extSubset)
    return fail(ErrorCode::invalid_input, "DOCTYPE declarations are not allowed in law XML", path, 1);
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  if (!root) return fail(ErrorCode::invalid_input, "empty document", path, 1);
  return Reader(path).read(root);
}

}  // namespace berkas::ingest
