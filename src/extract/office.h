// extract/office: the text of Word (DOCX, Office Open XML) and OpenDocument Text (ODT) files, read
// from the document XML inside their zip with libxml2, never executed, rendered or fetched.
//
// What a reader returns (Extracted):
//   - format: Format::docx / Format::odt;
//   - units: the body's paragraphs and tables in reading order, Method::parsed. Paragraphs are
//     separated by "\n"; a table is one line per row, its cells separated by " | " (a cell's
//     paragraphs joined by a space, a table nested in a cell flattened into the cell as its rows
//     separated by "; "). Inside a paragraph: a tab (w:tab, text:tab) is "\t", a line break
//     (w:br, w:cr, text:line-break) is "\n", text:s is its count of spaces (at most 1000),
//     ODF's white space is collapsed as ODF says (one space for a run). Repeated cells and rows
//     (ODF's table:number-columns-repeated / number-rows-repeated) are read once.
//     One Unit per block: a heading (a paragraph styled Heading*, Judul* or Title, or with an
//     outline level; ODF's text:h) starts a new block, and a block is closed after 50 paragraphs
//     (a table row counts as one), so a unit is a heading's section or a part of it. Empty
//     blocks are left out; units are numbered 1, 2, ... in order.
//     Left out: deleted tracked changes, field codes, comments and annotations, footnotes and
//     endnotes (DOCX keeps them in other parts), headers and footers, the second rendering of
//     an mc:AlternateContent (only its first choice is read).
//   - metadata, when the file has them (docProps/core.xml; meta.xml), one line each:
//     "doc.title", "doc.creator" (ODF: meta:initial-creator, else dc:creator), "doc.created",
//     "doc.modified" (ODF: dc:date), as written (ISO 8601 in practice);
//   - children: the embedded images and media (word/media/*; Pictures/*), each with its base
//     name as Child::name, media_type empty, in archive order, so they can be kept as exhibits.
//
// Refused with invalid_input (message in Indonesian, then English), nothing returned: anything
// read_zip refuses (too large, zip bomb, too many entries, bad names, links, encryption, broken
// or truncated archive), a missing document part (word/document.xml; content.xml), a part that is
// not well-formed XML, has a DOCTYPE or entity declaration (billion laughs, XXE), nests elements
// deeper than 256 levels or has a tag with more than 256 attributes, a document whose root is
// not a Word document / ODF text document, and extracted text beyond limits.max_bytes.
//
// Thread safety: safe to call from several threads at once (no shared state).
#pragma once

#include <string_view>

#include "core/error.h"
#include "extract/extract.h"

namespace berkas::extract {

core::Result<Extracted> read_docx(std::string_view bytes, const Limits& limits);
core::Result<Extracted> read_odt(std::string_view bytes, const Limits& limits);

}  // namespace berkas::extract
