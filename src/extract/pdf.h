// extract/pdf: the text of a PDF, page by page — its text layer where it has one, else OCR of
// the page rendered at 300 dpi. Poppler stays inside pdf.cpp.
#pragma once

#include <string_view>

#include "core/error.h"
#include "extract/extract.h"

namespace berkas::extract {

// One Unit per page, in page order: the page's text layer (Method::text_layer) when it has at
// least a few letters, else the page rendered at 300 dpi in grey and read by OCR (Method::ocr,
// confidence 0..100; see ocr_pages for threads and time limits). Metadata: "pdf.pages",
// "pdf.ocr_pages" (how many pages were read by OCR), and "pdf.producer", "pdf.creator",
// "pdf.title" when the document says them. Reads `bytes` only; writes nothing.
// Errors (invalid_input, Indonesian first then English): over max_bytes, not a PDF poppler can
// load (garbage, a broken cross-reference table beyond repair), encrypted (with or without a
// user password), no pages, more than max_pages pages, a page to OCR whose 300 dpi rendering
// would exceed max_pixels; OCR errors as ocr_pages gives them (a page over its time limit).
// Thread safety: safe to call from several threads at once.
core::Result<Extracted> read_pdf(std::string_view bytes, const Limits& limits);

}  // namespace berkas::extract
