// service/internal/docs: turns store objects into search documents (already redacted) and
// labels provision ids for people.
#pragma once

#include <string>
#include <vector>

#include "core/model.h"
#include "search/search.h"
#include "service/redact.h"

namespace berkas::service::internal {

// Document ids in the index, one prefix per kind of object.
std::string provision_doc_id(const std::string& provision_id);
std::string item_doc_id(const std::string& item_id);
std::string precedent_doc_id(const std::string& precedent_id);
std::string case_doc_id(const std::string& case_id);

search::Doc provision_doc(const core::Law& law, const core::Provision& p);
search::Doc item_doc(const core::EvidenceItem& item, const std::vector<core::Citation>& citations,
                     const core::Case* case_file, const Redactor& redactor);
// A native item's derived text, a document per unit (page, message, block): ids
// item_unit_doc_id(), labels naming the unit ("halaman 3 · OCR 87%", "pesan 12 · 2024-02-12 09:15
// · sender"), text and sender redacted. The item's own document (item_doc) then holds its title,
// summary and what the file says of itself, not the units' text.
std::string item_unit_doc_id(const std::string& item_id, int number);
std::vector<search::Doc> item_unit_docs(const core::EvidenceItem& item, const search::Doc& item_document,
                                        const Redactor& redactor);
// The unit number of a unit document id, 0 for any other id.
int unit_of_doc_id(const std::string& doc_id);

search::Doc precedent_doc(const core::Precedent& p, const std::vector<core::Citation>& citations,
                          const Redactor& redactor);
search::Doc case_doc(const core::Case& c, const Redactor& redactor);

// "uu-21-2007/pasal-2/ayat-1" → "Pasal 2 ayat (1) UU 21/2007"; laws not shipped get their
// usual names ("kuhp/pasal-55/ayat-1" → "Pasal 55 ayat (1) KUHP").
std::string label_of_provision_id(const std::string& provision_id);
std::string short_name_of_law(const std::string& law_id);

// The Pasal id of a provision id ("uu-21-2007/pasal-2/ayat-1" → "uu-21-2007/pasal-2").
std::string pasal_id_of(const std::string& provision_id);

// The item's text as a BAP reads: title, summary, numbered questions and answers, sections.
std::string item_text(const core::EvidenceItem& item);

}  // namespace berkas::service::internal
