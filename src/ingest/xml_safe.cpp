#include "ingest/internal/xml_safe.h"

#include <cstdint>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlschemastypes.h>


namespace berkas::ingest::internal {
namespace {

using core::ErrorCode;
using core::fail;

constexpr const char* k_xinclude_ns = "http://www.w3.org/2001/XInclude";
constexpr const char* k_no_doctype = "DOCTYPE/entities not allowed (input formats have no DTD)";

// Defence in depth: even if some path reached the loader (a DTD, an XInclude, a schema
// import), nothing is ever fetched, from disk or network.
xmlParserInputPtr refuse_external_entity(const char* /*url*/, const char* /*id*/, xmlParserCtxtPtr /*ctxt*/) {
  return nullptr;
}

std::string trimmed(const char* message) {
  std::string s = message ? message : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

// What one parse collects; reached from the SAX callbacks through ctxt->_private, so that two
// threads parsing at once never share it.
struct ParseState {
  std::string path;
  XmlLimits limits;
  int depth = 0;
  std::optional<core::Error> refusal;  // a rule of ours was broken: reported before libxml2's errors
  std::vector<core::Error> errors;     // libxml2's errors, in order
  startElementNsSAX2Func sax_start = nullptr;
  endElementNsSAX2Func sax_end = nullptr;
};

ParseState* state_of(void* ctx) {
  auto* ctxt = static_cast<xmlParserCtxtPtr>(ctx);
  return static_cast<ParseState*>(ctxt->_private);
}

int current_line(xmlParserCtxtPtr ctxt) { return ctxt->input ? ctxt->input->line : 0; }

void refuse(xmlParserCtxtPtr ctxt, std::string message) {
  ParseState* st = state_of(ctxt);
  if (!st->refusal)
    st->refusal = core::Error{ErrorCode::invalid_input, std::move(message), st->path, current_line(ctxt), {}};
  // Halts the parser and drops the rest of the input: nothing after this point is read.
  xmlStopParser(ctxt);
}

void collect(ParseState* st, const xmlError* e) {
  if (!e || e->level < XML_ERR_ERROR || st->errors.size() >= 20) return;
  st->errors.push_back(core::Error{ErrorCode::invalid_input, trimmed(e->message), st->path, e->line, {}});
}

// Per-context structured error handler (sax->serror): `ctx` is the parser context.
void on_parser_error(void* ctx, xmlErrorPtr e) { collect(state_of(ctx), e); }

// Thread-local fallback for the few errors libxml2 raises without a context; `ctx` is the state.
void on_stray_error(void* ctx, xmlErrorPtr e) { collect(static_cast<ParseState*>(ctx), e); }

void on_internal_subset(void* ctx, const xmlChar*, const xmlChar*, const xmlChar*) {
  refuse(static_cast<xmlParserCtxtPtr>(ctx), k_no_doctype);
}
void on_external_subset(void* ctx, const xmlChar*, const xmlChar*, const xmlChar*) {
  refuse(static_cast<xmlParserCtxtPtr>(ctx), k_no_doctype);
}
void on_entity_decl(void* ctx, const xmlChar*, int, const xmlChar*, const xmlChar*, xmlChar*) {
  refuse(static_cast<xmlParserCtxtPtr>(ctx), k_no_doctype);
}
void on_unparsed_entity_decl(void* ctx, const xmlChar*, const xmlChar*, const xmlChar*, const xmlChar*) {
  refuse(static_cast<xmlParserCtxtPtr>(ctx), k_no_doctype);
}
// Predefined entities (&amp; ...) are resolved by the parser before it asks; anything else is
// undeclared (there is no DTD) and stays so.
xmlEntityPtr on_get_entity(void*, const xmlChar*) { return nullptr; }
xmlParserInputPtr on_resolve_entity(void*, const xmlChar*, const xmlChar*) { return nullptr; }

void on_start_element(void* ctx, const xmlChar* localname, const xmlChar* prefix, const xmlChar* uri,
                      int nb_namespaces, const xmlChar** namespaces, int nb_attributes, int nb_defaulted,
                      const xmlChar** attributes) {
  ParseState* st = state_of(ctx);
  if (++st->depth > st->limits.max_depth) {
    refuse(static_cast<xmlParserCtxtPtr>(ctx),
           "elements nested deeper than " + std::to_string(st->limits.max_depth) + " levels");
    return;
  }
  st->sax_start(ctx, localname, prefix, uri, nb_namespaces, namespaces, nb_attributes, nb_defaulted, attributes);
}

void on_end_element(void* ctx, const xmlChar* localname, const xmlChar* prefix, const xmlChar* uri) {
  ParseState* st = state_of(ctx);
  --st->depth;
  st->sax_end(ctx, localname, prefix, uri);
}

struct CtxtFree {
  void operator()(xmlParserCtxt* c) const { xmlFreeParserCtxt(c); }
};

// Restores the thread's structured error handler on scope exit.
class StrayErrorGuard {
 public:
  explicit StrayErrorGuard(ParseState* st) : m_prev(xmlStructuredError), m_prev_ctx(xmlStructuredErrorContext) {
    xmlSetStructuredErrorFunc(st, on_stray_error);
  }
  ~StrayErrorGuard() { xmlSetStructuredErrorFunc(m_prev_ctx, m_prev); }
  StrayErrorGuard(const StrayErrorGuard&) = delete;
  StrayErrorGuard& operator=(const StrayErrorGuard&) = delete;

 private:
  xmlStructuredErrorFunc m_prev;
  void* m_prev_ctx;
};

// After the parse: text node sizes and XInclude elements (never processed, but refused so that
// nobody downstream mistakes one for content). Iterative: depth is bounded already, but the
// walk needs no stack either way.
core::Status check_tree(xmlDoc* doc, const std::string& path, const XmlLimits& limits) {
  xmlNode* n = xmlDocGetRootElement(doc);
  while (n) {
    if (n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
        xmlStrEqual(n->ns->href, reinterpret_cast<const xmlChar*>(k_xinclude_ns)))
      return fail(ErrorCode::invalid_input, "XInclude not allowed (<" + std::string(reinterpret_cast<const char*>(n->name)) + ">)",
                  path, static_cast<int>(xmlGetLineNo(n)), reinterpret_cast<const char*>(n->name));
    if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content &&
        static_cast<std::size_t>(xmlStrlen(n->content)) > limits.max_text_bytes)
      return fail(ErrorCode::invalid_input,
                  "text longer than " + std::to_string(limits.max_text_bytes) + " bytes", path,
                  static_cast<int>(xmlGetLineNo(n)));
    if (n->type == XML_ENTITY_REF_NODE || n->type == XML_DTD_NODE || n->type == XML_ENTITY_DECL)
      return fail(ErrorCode::invalid_input, k_no_doctype, path, static_cast<int>(xmlGetLineNo(n)));
    if (n->children && n->type == XML_ELEMENT_NODE) {
      n = n->children;
      continue;
    }
    while (n && !n->next) {
      n = n->parent;
      if (n && n->type == XML_DOCUMENT_NODE) n = nullptr;
    }
    if (n) n = n->next;
  }
  return {};
}

// ------------------------------------------------------------------ schema cache

struct SchemaFree {
  void operator()(xmlSchema* s) const { xmlSchemaFree(s); }
};

struct SchemaCache {
  std::mutex mu;
  std::map<std::string, std::unique_ptr<xmlSchema, SchemaFree>> schemas;
};

SchemaCache& schema_cache() {
  static SchemaCache cache;
  return cache;
}

void collect_into(void* ctx, xmlErrorPtr e) {
  auto* errors = static_cast<std::vector<xmlError>*>(ctx);
  if (!e || e->level < XML_ERR_ERROR || errors->size() >= 20) return;
  xmlError copy{};
  xmlCopyError(e, &copy);
  errors->push_back(copy);
}

void free_errors(std::vector<xmlError>& errors) {
  for (auto& e : errors) xmlResetError(&e);
  errors.clear();
}

core::Result<xmlSchema*> load_schema(const std::string& xsd_path) {
  auto& cache = schema_cache();
  std::lock_guard lock(cache.mu);
  if (auto it = cache.schemas.find(xsd_path); it != cache.schemas.end()) return it->second.get();

  // Read by us and compiled from memory: the refusing entity loader would (rightly) stop
  // libxml2 from opening the file itself.
  std::ifstream in(xsd_path, std::ios::binary);
  if (!in) return fail(ErrorCode::io, "cannot read schema", xsd_path);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<xmlError> errors;
  xmlSchemaParserCtxtPtr pctxt = xmlSchemaNewMemParserCtxt(text.data(), static_cast<int>(text.size()));
  if (!pctxt) return fail(ErrorCode::io, "cannot create a schema parser", xsd_path);
  xmlSchemaSetParserStructuredErrors(pctxt, collect_into, &errors);
  xmlSchemaPtr schema = xmlSchemaParse(pctxt);
  xmlSchemaFreeParserCtxt(pctxt);
  if (!schema) {
    std::string why = errors.empty() ? "schema does not compile" : trimmed(errors.front().message);
    int line = errors.empty() ? 0 : errors.front().line;
    free_errors(errors);
    return fail(ErrorCode::io, "schema cannot be used: " + why, xsd_path, line);
  }
  free_errors(errors);
  auto* raw = schema;
  cache.schemas.emplace(xsd_path, std::unique_ptr<xmlSchema, SchemaFree>(schema));
  return raw;
}

// One linear pass over the raw bytes: refuses a start tag with more than `max` attributes
// before libxml2's quadratic duplicate check can run. Comments, CDATA, processing instructions
// and declarations are skipped; inside a tag, quoted values are skipped and each '=' outside
// quotes is one attribute. Malformed input is left for the parser to report.
core::Status check_attribute_counts(const std::string& s, const std::string& path, int max) {
  int line = 1;
  std::size_t i = 0;
  const std::size_t n = s.size();
  auto skip_past = [&](std::string_view end) {
    const auto p = s.find(end, i);
    const std::size_t stop = p == std::string::npos ? n : p + end.size();
    for (; i < stop; ++i)
      if (s[i] == '\n') ++line;
  };
  while (i < n) {
    if (s[i] == '\n') {
      ++line;
      ++i;
      continue;
    }
    if (s[i] != '<') {
      ++i;
      continue;
    }
    if (s.compare(i, 4, "<!--") == 0) {
      skip_past("-->");
    } else if (s.compare(i, 9, "<![CDATA[") == 0) {
      skip_past("]]>");
    } else if (s.compare(i, 2, "<?") == 0) {
      skip_past("?>");
    } else if (s.compare(i, 2, "<!") == 0 || s.compare(i, 2, "</") == 0) {
      skip_past(">");
    } else {
      const int tag_line = line;
      int attributes = 0;
      ++i;
      while (i < n && s[i] != '>') {
        const char c = s[i];
        if (c == '"' || c == '\'') {
          ++i;
          while (i < n && s[i] != c) {
            if (s[i] == '\n') ++line;
            ++i;
          }
          if (i < n) ++i;
          continue;
        }
        if (c == '\n') ++line;
        if (c == '<') break;  // malformed: the parser will say so
        if (c == '=' && ++attributes > max)
          return fail(ErrorCode::invalid_input,
                      "elemen dengan lebih dari " + std::to_string(max) + " atribut / an element with more than " +
                          std::to_string(max) + " attributes",
                      path, tag_line);
        ++i;
      }
      if (i < n && s[i] == '>') ++i;
    }
  }
  return {};
}

}  // namespace

void init_libxml() {
  static std::once_flag once;
  std::call_once(once, [] {
    xmlInitParser();
    xmlSchemaInitTypes();  // not thread-safe on first use in libxml2 2.9: do it here, once
    xmlSetExternalEntityLoader(refuse_external_entity);
  });
}

core::Result<XmlDocPtr> parse_untrusted(const std::string& bytes, const std::string& path, const XmlLimits& limits) {
  init_libxml();
  if (bytes.size() > static_cast<std::size_t>(INT32_MAX))
    return fail(ErrorCode::invalid_input, "file too large", path);

  if (auto ok = check_attribute_counts(bytes, path, limits.max_attributes); !ok) return tl::unexpected(ok.error());

  std::unique_ptr<xmlParserCtxt, CtxtFree> ctxt(xmlNewParserCtxt());
  if (!ctxt || !ctxt->sax) return fail(ErrorCode::internal, "libxml2: cannot create a parser context", path);

  ParseState st;
  st.path = path;
  st.limits = limits;
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
  sax->serror = on_parser_error;
  ctxt->_private = &st;

  StrayErrorGuard guard(&st);
  // NONET: never the network. Deliberately absent: NOENT (entity substitution), DTDLOAD,
  // DTDATTR, DTDVALID, XINCLUDE and HUGE (which would lift libxml2's own size limits).
  // The encoding is forced to UTF-8: the bytes were checked to be UTF-8, whatever the
  // declaration says.
  const int options = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES;
  XmlDocPtr doc(xmlCtxtReadMemory(ctxt.get(), bytes.data(), static_cast<int>(bytes.size()), path.c_str(),
                                  "UTF-8", options));
  if (st.refusal) return tl::unexpected(*st.refusal);
  if (!st.errors.empty()) return tl::unexpected(st.errors.front());
  if (!doc || !ctxt->wellFormed) {
    const xmlError* e = xmlCtxtGetLastError(ctxt.get());
    return fail(ErrorCode::invalid_input, e && e->message ? trimmed(e->message) : "not well-formed XML", path,
                e ? e->line : 0);
  }
  if (doc->intSubset || doc->extSubset) return fail(ErrorCode::invalid_input, k_no_doctype, path, 1);
  if (!xmlDocGetRootElement(doc.get())) return fail(ErrorCode::invalid_input, "no root element", path);
  if (auto ok = check_tree(doc.get(), path, limits); !ok) return tl::unexpected(ok.error());
  return doc;
}

core::Status validate_against(xmlDoc* doc, const std::string& xsd_path, const std::string& path) {
  init_libxml();
  auto schema = load_schema(xsd_path);
  if (!schema) return tl::unexpected(schema.error());

  // The compiled schema is shared read-only; each validation has its own context.
  xmlSchemaValidCtxtPtr vctxt = xmlSchemaNewValidCtxt(*schema);
  if (!vctxt) return fail(ErrorCode::internal, "libxml2: cannot create a validation context", path);
  std::vector<xmlError> errors;
  xmlSchemaSetValidStructuredErrors(vctxt, collect_into, &errors);
  const int rc = xmlSchemaValidateDoc(vctxt, doc);
  xmlSchemaFreeValidCtxt(vctxt);
  if (rc == 0) {
    free_errors(errors);
    return {};
  }
  core::Error err{ErrorCode::invalid_input, "does not conform to its schema", path, 0, {}};
  if (!errors.empty()) {
    const xmlError& e = errors.front();
    err.message = "schema: " + trimmed(e.message);
    err.line = e.line;
    if (e.node) {
      auto* node = static_cast<xmlNode*>(e.node);
      if (node->name) err.field = reinterpret_cast<const char*>(node->name);
      if (err.line == 0) err.line = static_cast<int>(xmlGetLineNo(node));
    }
  } else if (rc < 0) {
    err.code = ErrorCode::internal;
    err.message = "libxml2: schema validation failed internally";
  }
  free_errors(errors);
  return tl::unexpected(err);
}

}  // namespace berkas::ingest::internal
