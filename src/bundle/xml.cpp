#include "bundle/internal/xml.h"

#include <algorithm>
#include <fstream>
#include <mutex>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>

#include "core/text.h"

namespace berkas::bundle::internal::xml {
namespace {

using core::ErrorCode;
using core::fail;

int line_of_offset(const std::string& s, std::size_t off) {
  return 1 + static_cast<int>(std::count(s.begin(), s.begin() + static_cast<std::ptrdiff_t>(std::min(off, s.size())), '\n'));
}

std::string trimmed(const char* message, const char* fallback) {
  std::string msg = message ? message : fallback;
  while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
  return msg;
}

// The first error libxml2 reports (the later ones are usually its consequences).
struct ErrorSink {
  std::string message;
  int line = 0;
};

void on_error(void* ctx, xmlErrorPtr e) {
  auto* sink = static_cast<ErrorSink*>(ctx);
  if (!e || !sink->message.empty()) return;
  sink->message = trimmed(e->message, "schema validation failed");
  sink->line = e->line;
}

}  // namespace

std::optional<std::string> read_file(const std::string& path, std::size_t limit, bool& too_big) {
  too_big = false;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string out;
  char buf[8192];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    out.append(buf, static_cast<std::size_t>(in.gcount()));
    if (out.size() > limit) {
      too_big = true;
      return std::nullopt;
    }
  }
  return out;
}

core::Result<DocPtr> read_validated(const std::string& path, const std::string& schema_path, std::size_t max_bytes,
                                    Noun noun) {
  static std::once_flag init;
  std::call_once(init, [] { xmlInitParser(); });
  const std::string en = noun.en, id = noun.id;

  bool too_big = false;
  const auto bytes = read_file(path, max_bytes, too_big);
  if (too_big)
    return fail(ErrorCode::invalid_input, id + " lebih dari 1 MiB / " + en + " larger than 1 MiB", path);
  if (!bytes) return fail(ErrorCode::io, id + " tidak dapat dibaca / cannot read the " + en, path);
  // No DTD in our documents: refusing the DOCTYPE before parsing ends every entity trick at once.
  for (const char* banned : {"<!DOCTYPE", "<!ENTITY", "<!doctype"})
    if (auto p = bytes->find(banned); p != std::string::npos)
      return fail(ErrorCode::invalid_input, "DOCTYPE/entities not allowed in a " + en, path, line_of_offset(*bytes, p));
  bool schema_too_big = false;
  const auto xsd = read_file(schema_path, max_bytes, schema_too_big);
  if (!xsd) return fail(ErrorCode::io, "cannot read the " + en + " schema", schema_path);

  std::unique_ptr<xmlParserCtxt, void (*)(xmlParserCtxtPtr)> ctxt(xmlNewParserCtxt(), xmlFreeParserCtxt);
  if (!ctxt) return fail(ErrorCode::io, "cannot allocate an XML parser", path);
  DocPtr doc(xmlCtxtReadMemory(ctxt.get(), bytes->data(), static_cast<int>(bytes->size()), path.c_str(), "UTF-8",
                               XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
  if (!doc) {
    const xmlError* e = xmlCtxtGetLastError(ctxt.get());
    return fail(ErrorCode::invalid_input, trimmed(e ? e->message : nullptr, "not well-formed XML"), path, e ? e->line : 0);
  }

  std::unique_ptr<xmlSchemaParserCtxt, void (*)(xmlSchemaParserCtxtPtr)> pctxt(
      xmlSchemaNewMemParserCtxt(xsd->data(), static_cast<int>(xsd->size())), xmlSchemaFreeParserCtxt);
  ErrorSink schema_errors;
  if (pctxt) xmlSchemaSetParserStructuredErrors(pctxt.get(), on_error, &schema_errors);
  std::unique_ptr<xmlSchema, void (*)(xmlSchemaPtr)> schema(pctxt ? xmlSchemaParse(pctxt.get()) : nullptr, xmlSchemaFree);
  if (!schema) return fail(ErrorCode::io, en + " schema does not compile: " + schema_errors.message, schema_path);
  std::unique_ptr<xmlSchemaValidCtxt, void (*)(xmlSchemaValidCtxtPtr)> vctxt(xmlSchemaNewValidCtxt(schema.get()),
                                                                              xmlSchemaFreeValidCtxt);
  ErrorSink errors;
  xmlSchemaSetValidStructuredErrors(vctxt.get(), on_error, &errors);
  if (xmlSchemaValidateDoc(vctxt.get(), doc.get()) != 0)
    return fail(ErrorCode::invalid_input, errors.message.empty() ? en + " does not match its schema" : errors.message, path,
                errors.line);
  return doc;
}

bool is(const xmlNode* n, const char* name) {
  return n && n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, reinterpret_cast<const xmlChar*>(name));
}

std::vector<xmlNode*> children(xmlNode* n) {
  std::vector<xmlNode*> out;
  for (xmlNode* c = n ? n->children : nullptr; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE) out.push_back(c);
  return out;
}

xmlNode* child(xmlNode* n, const char* name) {
  for (xmlNode* c : children(n))
    if (is(c, name)) return c;
  return nullptr;
}

std::optional<std::string> prop(xmlNode* n, const char* name) {
  xmlChar* v = n ? xmlGetProp(n, reinterpret_cast<const xmlChar*>(name)) : nullptr;
  if (!v) return std::nullopt;
  std::string s(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return s;
}

std::string content(xmlNode* n) {
  xmlChar* c = n ? xmlNodeGetContent(n) : nullptr;
  std::string s = c ? core::squeeze_space(reinterpret_cast<const char*>(c)) : std::string();
  if (c) xmlFree(c);
  return s;
}

int line_of(const xmlNode* n) { return n ? static_cast<int>(xmlGetLineNo(n)) : 0; }

}  // namespace berkas::bundle::internal::xml
