// extract/email: an e-mail (RFC 5322 / MIME, a saved .eml) read as evidence — its header block,
// its body as text and its attachments as children. Parsing is GMime 3's; HTML bodies are turned
// into text with libxml2's HTML parser (SAX, no tree, no network).
//
// Units (Method::parsed):
//   1  the header block, one line per field, Indonesian label first:
//        "Dari / From: …", "Kepada / To: …", "Cc: …" (only when present),
//        "Tanggal / Date: …" (ISO 8601 with offset when the date parses, else as written),
//        "Perihal / Subject: …"
//      From, To, Date and Subject are always written (empty after the colon when absent).
//   2  the body as text, only when there is body text. text/plain is preferred; a
//      multipart/alternative without one gives its text/html as text (tags removed, entities
//      decoded, paragraph and line breaks kept). Several inline body parts of a multipart/mixed
//      are joined with a blank line. Every declared charset is decoded to UTF-8 (bytes invalid in
//      it become U+FFFD); undeclared 8-bit text is UTF-8 if valid, else windows-1252.
// Metadata: email.from, email.to, email.cc, email.subject, email.date (ISO 8601 with offset),
// email.message_id (each only when present; RFC 2047 encoded words decoded), email.attachments
// (the number of children, always).
// Children: every attachment, in the order of the message: a leaf part whose disposition is
// "attachment", or any leaf that is not a text/plain or text/html body part (inline images,
// PDFs, calendar files, signatures), and every nested message (message/rfc822, kept whole as a
// .eml child: its own attachments are read when the child is read). A child's name is the
// declared file name reduced to a safe base name (no folder, no control characters, no leading
// dots, no characters Windows refuses, at most 120 bytes keeping the extension), else
// "lampiran-N" (N its 1-based position, with an extension for common types); media_type the
// declared type, lower-cased, without parameters; bytes the decoded content.
//
// Bounds (Limits): the input at most max_bytes; before GMime builds its tree, a linear pre-scan
// bounds what GMime would allocate (lines that may open a MIME part at most 2 x max_entries +
// 1000, header fields at most 20 x max_entries + 1000, one header field at most 256 KiB, all
// header fields at most 16 MiB, address fields at most 1 MiB); then the MIME parts (every
// multipart, leaf, nested message and their parts) at most max_entries, nesting of multiparts
// and nested messages at most 20 deep, each decoded attachment and the body text at most
// max_bytes, all attachments together at most max_total_inflated. A file without an e-mail
// header block (none of From, Sender, To, Cc, Bcc, Subject, Date, Message-ID) is refused.
// Every refusal is invalid_input, in Indonesian then English.
//
// Thread safety: safe to call from several threads at once. GMime is initialised once
// (std::call_once); each call parses with its own parser, options and streams and shares no
// GMime object with another call, which GMime supports (its FAQ: objects are not thread-safe,
// the charset, iconv and utility functions are; its global type and charset tables are written
// only by g_mime_init, its iconv cache is locked). GMime reports nothing on stdout or stderr:
// its parser warnings go to a per-call callback that ignores them, and its own log domain
// ("gmime", used only for programmer-error checks) is routed to a handler that drops messages,
// so no content of a message (which may name a protected person) is ever printed. libxml2 is
// initialised once and its parser run without error or warning reports.
#pragma once

#include <string_view>

#include "core/error.h"
#include "extract/extract.h"

namespace berkas::extract {

// Reads the e-mail in `bytes` (format Format::eml). Errors: invalid_input (not an e-mail, or a
// bound exceeded, saying which); io if GMime or iconv fails for a reason of its own.
core::Result<Extracted> read_eml(std::string_view bytes, const Limits& limits);

}  // namespace berkas::extract
