// service/internal/form_xml: what the web entry forms (witness_entry.cpp, forms.cpp) share — the
// XML a form becomes, written line by line so that an error the ingest reports at "file:LINE" is
// told in the form's terms; the checks of a typed value (characters, ids, dates); and the one way
// in: a temporary file screened as an upload of the viewer and ingested, removed in every case.
#pragma once

#include <map>
#include <string>

#include "core/error.h"
#include "service/access.h"
#include "service/service.h"
#include "service/upload.h"

namespace berkas::service::internal {

// One field of a form: what the form calls it (for messages) and the struct member
// (Error::field, for the page to mark the input).
struct FieldRef {
  std::string label;   // "jenis", "rincian 2: jumlah"
  std::string member;  // "kind", "lines.2.amount"
};

// The XML of a form, line by line, remembering which field each line holds.
class XmlLines {
 public:
  void raw(const std::string& line, FieldRef ref = {});
  void element(const std::string& indent, const char* name, const std::string& value, FieldRef ref);
  const std::string& text() const { return m_text; }
  const FieldRef* field_at(int line) const;

  // Every character that could end a text or an attribute value is an entity, so any value
  // survives byte for byte (including "]]>" and quotes).
  static std::string escape(const std::string& s);

 private:
  std::string m_text;
  int m_line = 0;
  std::map<int, FieldRef> m_fields;
};

// invalid_input (or `code`) "LABEL: message" with Error::field = the member.
tl::unexpected<core::Error> form_error(core::ErrorCode code, const FieldRef& f, const std::string& message);

// Control characters (other than tab and line breaks) cannot be written in XML 1.0 and have no
// business in a form; invalid UTF-8 neither. invalid_input naming the field.
core::Status check_chars(const std::string& value, const FieldRef& f);
// [a-z0-9][a-z0-9-]{0,79}, as the schemas' Id.
bool is_id(const std::string& s);
// An id as above; empty is fine unless `required`.
core::Status check_id(const std::string& value, const FieldRef& f, bool required);
// A calendar date YYYY-MM-DD that exists (2024-02-30 does not).
bool is_date(const std::string& s);
// A date as above; empty is fine unless `required`.
core::Status check_date(const std::string& value, const FieldRef& f, bool required);
// Not empty (after trimming) when `required`, and at most `max_chars` UTF-8 characters.
core::Status check_text(const std::string& value, const FieldRef& f, bool required, std::size_t max_chars);

// A derived id from its parts, kept within the 80 characters of an id: a long one is cut and
// made unique again by a short hash of the whole.
std::string derive_id(const std::string& whole);

// Writes `xml` as `file_name` in a temporary folder under options.data_dir, screens it with
// screen_upload as an upload of `v` (with `upload`: a correction, say) and ingests it. Returns
// the ingest's outcome for the one file (path cleared). Errors in the form's terms, never the
// temporary path: a refusal by the screening is forbidden, or not_found when it reads as a case
// or person the viewer cannot see; an ingest failure invalid_input, not_found or conflict, with
// Error::field set when the line it names holds a field. The temporary folder is removed in
// every case.
core::Result<FileOutcome> enter_xml(Service& svc, const Options& options, const Viewer& v, const XmlLines& xml,
                                    const char* file_name, const UploadOptions& upload = {});

}  // namespace berkas::service::internal
