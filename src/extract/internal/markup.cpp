#include "extract/internal/markup.h"

#include <mutex>
#include <optional>

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#include "extract/internal/derived_text.h"
#include "core/text.h"

namespace berkas::extract::internal {
namespace {

using core::ErrorCode;
using core::fail;

const xmlChar* x(const char* s) { return reinterpret_cast<const xmlChar*>(s); }
const char* c(const xmlChar* s) { return reinterpret_cast<const char*>(s); }

void init_once() {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
}

// Per parse, reached through ctxt->_private: two threads never share it.
struct ParseState {
  std::string part;
  std::optional<core::Error> refusal;  // a rule of ours was broken: reported before libxml2's errors
  std::string first_error;
  int error_line = 0;
  int depth = 0;
  startElementNsSAX2Func sax_start = nullptr;
  endElementNsSAX2Func sax_end = nullptr;
};

xmlParserCtxtPtr ctxt_of(void* ctx) { return static_cast<xmlParserCtxtPtr>(ctx); }
ParseState* state_of(void* ctx) { return static_cast<ParseState*>(ctxt_of(ctx)->_private); }

void refuse(void* ctx, const std::string& id, const std::string& en) {
  ParseState* st = state_of(ctx);
  if (!st->refusal) {
    const int line = ctxt_of(ctx)->input ? ctxt_of(ctx)->input->line : 0;
    st->refusal = core::Error{ErrorCode::invalid_input,
                              "bagian '" + st->part + "' " + id + " / part '" + st->part + "' " + en, st->part,
                              line, {}};
  }
  // Halts the parser and drops the rest of the input: nothing after this point is read.
  xmlStopParser(ctxt_of(ctx));
}

void refuse_doctype(void* ctx) {
  refuse(ctx, "memuat DOCTYPE atau deklarasi entitas, tidak diterima",
         "has a DOCTYPE or entity declaration, not accepted");
}
void on_internal_subset(void* ctx, const xmlChar*, const xmlChar*, const xmlChar*) { refuse_doctype(ctx); }
void on_external_subset(void* ctx, const xmlChar*, const xmlChar*, const xmlChar*) { refuse_doctype(ctx); }
void on_entity_decl(void* ctx, const xmlChar*, int, const xmlChar*, const xmlChar*, xmlChar*) { refuse_doctype(ctx); }
void on_unparsed_entity_decl(void* ctx, const xmlChar*, const xmlChar*, const xmlChar*, const xmlChar*) {
  refuse_doctype(ctx);
}
// Predefined entities (&amp; ...) are resolved by the parser before it asks; anything else is
// undeclared (there is no DTD) and stays so.
xmlEntityPtr on_get_entity(void*, const xmlChar*) { return nullptr; }
xmlParserInputPtr on_resolve_entity(void*, const xmlChar*, const xmlChar*) { return nullptr; }

void on_start_element(void* ctx, const xmlChar* localname, const xmlChar* prefix, const xmlChar* uri,
                      int nb_namespaces, const xmlChar** namespaces, int nb_attributes, int nb_defaulted,
                      const xmlChar** attributes) {
  ParseState* st = state_of(ctx);
  if (++st->depth > k_max_xml_depth) {
    const std::string n = std::to_string(k_max_xml_depth);
    refuse(ctx, "bersarang lebih dari " + n + " tingkat", "nests elements deeper than " + n + " levels");
    return;
  }
  st->sax_start(ctx, localname, prefix, uri, nb_namespaces, namespaces, nb_attributes, nb_defaulted, attributes);
}

void on_end_element(void* ctx, const xmlChar* localname, const xmlChar* prefix, const xmlChar* uri) {
  ParseState* st = state_of(ctx);
  --st->depth;
  st->sax_end(ctx, localname, prefix, uri);
}

void on_error(void* ctx, xmlErrorPtr e) {
  ParseState* st = state_of(ctx);
  if (!e || e->level < XML_ERR_ERROR || !st->first_error.empty()) return;
  st->first_error = e->message ? e->message : "error";
  while (!st->first_error.empty() && (st->first_error.back() == '\n' || st->first_error.back() == ' '))
    st->first_error.pop_back();
  st->error_line = e->line;
}

struct CtxtFree {
  void operator()(xmlParserCtxt* p) const { xmlFreeParserCtxt(p); }
};

// One linear pass over the raw bytes: the line of the first start tag with more than `max`
// attributes ('=' outside quotes), or 0. Comments, CDATA, processing instructions and
// declarations are skipped; malformed input is left for the parser to report.
int too_many_attributes(std::string_view s, int max) {
  int line = 1;
  std::size_t i = 0;
  const std::size_t n = s.size();
  auto skip_past = [&](std::string_view end) {
    const auto p = s.find(end, i);
    const std::size_t stop = p == std::string_view::npos ? n : p + end.size();
    for (; i < stop; ++i)
      if (s[i] == '\n') ++line;
  };
  while (i < n) {
    if (s[i] != '<') {
      if (s[i] == '\n') ++line;
      ++i;
    } else if (s.compare(i, 4, "<!--") == 0) {
      skip_past("-->");
    } else if (s.compare(i, 9, "<![CDATA[") == 0) {
      skip_past("]]>");
    } else if (s.compare(i, 2, "<?") == 0) {
      skip_past("?>");
    } else if (s.compare(i, 2, "<!") == 0 || s.compare(i, 2, "</") == 0) {
      skip_past(">");
    } else {
      const int tag_line = line;
      int count = 0;
      for (++i; i < n && s[i] != '>' && s[i] != '<'; ++i) {
        const char q = s[i];
        if (q == '\n') ++line;
        if (q == '"' || q == '\'') {
          for (++i; i < n && s[i] != q; ++i)
            if (s[i] == '\n') ++line;
          if (i == n) break;
        } else if (q == '=' && ++count > max) {
          return tag_line;
        }
      }
    }
  }
  return 0;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Valid UTF-8 of `s`: each byte that does not start a valid sequence becomes U+FFFD.
std::string valid_utf8(std::string_view s) {
  if (core::is_valid_utf8(s)) return std::string(s);
  std::string out;
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    const std::size_t len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
    if (len && i + len <= s.size() && core::is_valid_utf8(s.substr(i, len))) {
      out.append(s.substr(i, len));
      i += len;
    } else {
      append_utf8(out, 0xFFFD);
      ++i;
    }
  }
  return out;
}

}  // namespace

core::Result<XmlDocPtr> parse_xml_part(std::string_view bytes, const std::string& part, std::size_t max_bytes) {
  init_once();
  if (bytes.size() > max_bytes || bytes.size() > static_cast<std::size_t>(INT32_MAX))
    return fail(ErrorCode::invalid_input, "bagian '" + part + "' terlalu besar / part '" + part + "' is too large",
                part);
  if (const int line = too_many_attributes(bytes, k_max_xml_attributes)) {
    const std::string n = std::to_string(k_max_xml_attributes);
    return fail(ErrorCode::invalid_input,
                "bagian '" + part + "' memuat elemen dengan lebih dari " + n + " atribut / part '" + part +
                    "' has an element with more than " + n + " attributes",
                part, line);
  }
  std::unique_ptr<xmlParserCtxt, CtxtFree> ctxt(xmlNewParserCtxt());
  if (!ctxt || !ctxt->sax) return fail(ErrorCode::internal, "libxml2: tidak ada memori / libxml2: out of memory");
  ParseState st;
  st.part = part;
  ctxt->_private = &st;
  xmlSAXHandler* sax = ctxt->sax;  // this context's own copy of the SAX2 handler
  st.sax_start = sax->startElementNs;
  st.sax_end = sax->endElementNs;
  sax->startElementNs = on_start_element;
  sax->endElementNs = on_end_element;
  sax->internalSubset = on_internal_subset;
  sax->externalSubset = on_external_subset;
  sax->entityDecl = on_entity_decl;
  sax->unparsedEntityDecl = on_unparsed_entity_decl;
  sax->getEntity = on_get_entity;
  sax->getParameterEntity = on_get_entity;
  sax->resolveEntity = on_resolve_entity;
  sax->serror = on_error;
  // Deliberately absent: NOENT (entity substitution), DTDLOAD, DTDATTR, DTDVALID, XINCLUDE and
  // HUGE (which would lift libxml2's own size and depth limits).
  XmlDocPtr doc(xmlCtxtReadMemory(ctxt.get(), bytes.data(), static_cast<int>(bytes.size()), part.c_str(), nullptr,
                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA));
  if (st.refusal) return tl::unexpected(*st.refusal);
  if (doc && (doc->intSubset || doc->extSubset)) {
    refuse_doctype(ctxt.get());
    return tl::unexpected(*st.refusal);
  }
  if (!doc || !ctxt->wellFormed || !xmlDocGetRootElement(doc.get())) {
    const std::string why = st.first_error.empty() ? "not well-formed" : st.first_error;
    return fail(ErrorCode::invalid_input,
                "bagian '" + part + "' bukan XML yang sah (" + why + ") / part '" + part + "' is not valid XML (" +
                    why + ")",
                part, st.error_line);
  }
  return doc;
}

std::string clean_block(std::string_view s) {
  const std::string u = clean_text(s);  // derived_text.h: valid UTF-8, line ends, control characters
  std::string out;
  out.reserve(u.size());
  for (char ch : u) {
    if (ch == '\n')
      while (!out.empty() && out.back() == ' ') out.pop_back();
    out += ch;
  }
  const auto first = out.find_first_not_of(" \n");
  if (first == std::string::npos) return {};
  const auto last = out.find_last_not_of(" \n");
  return out.substr(first, last - first + 1);
}

std::string clean_value(std::string_view s, std::size_t max) {
  const std::string v = core::squeeze_space(clean_block(s));
  return std::string(core::utf8_prefix(v, max));
}

std::string node_text(const xmlNode* n) {
  if (!n) return {};
  xmlChar* t = xmlNodeGetContent(n);
  std::string s = t ? c(t) : "";
  xmlFree(t);
  return s;
}

bool is_element(const xmlNode* n, const char* ns, const char* local) {
  return n && n->type == XML_ELEMENT_NODE && n->ns && n->ns->href && xmlStrEqual(n->ns->href, x(ns)) &&
         xmlStrEqual(n->name, x(local));
}

std::string attribute(const xmlNode* n, const char* ns, const char* local) {
  xmlChar* v = xmlGetNsProp(n, x(local), x(ns));
  std::string s = v ? c(v) : "";
  xmlFree(v);
  return s;
}

}  // namespace berkas::extract::internal
