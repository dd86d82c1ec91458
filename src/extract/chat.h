// extract/chat: chat exports as evidence (UU 21/2007 Pasal 29) — WhatsApp's "Export chat" text and
// Telegram Desktop's result.json — read into one Unit per message (Method::parsed).
//
// Units carry: number (1.., in file order), time (ISO local time as written, 24-hour), sender (as
// written, without direction marks), system (a line WhatsApp or Telegram wrote itself), media (the
// file a message names, if it names one) and text. Metadata written by both readers:
//
// | key               | value                                                                  |
// |-------------------|------------------------------------------------------------------------|
// | chat.platform     | "whatsapp" or "telegram"                                               |
// | chat.participants | the distinct senders of non-system messages, sorted, joined by "; "     |
// | chat.messages     | the number of units                                                    |
// | chat.first        | the time of the first unit (absent when there is none)                 |
// | chat.last         | the time of the last unit (absent when there is none)                  |
// | chat.date_order   | WhatsApp only: "dmy", "mdy", or "dmy (assumed)" / "mdy (assumed)"       |
// | chat.name         | WhatsApp iOS only: the chat name iOS writes before its system lines    |
// | chat.names        | Telegram only: the chat name(s), in export order, joined by "; "       |
// | chat.media_omitted| the number of messages whose media the export left out ("<Media       |
// |                   | omitted>", "image omitted", Telegram's "(File not included ...)");     |
// |                   | absent when none                                                       |
// | chat.media_missing| read_chat_archive: referenced media names with no file in the archive, |
// |                   | joined by "; "; absent when none                                       |
// | chat.media_unreferenced | read_chat_archive: archive files no message names, "; "; absent  |
// |                   | when none                                                              |
//
// Text, senders and media names are valid UTF-8 without control characters other than \n and \t.
// Errors are core::ErrorCode::invalid_input with a message in Indonesian, then English
// ("baris 3: bukan pesan WhatsApp / line 3: not a WhatsApp message"), and Error::line where a line
// is known. Thread safety: no shared state; safe to call from several threads.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "extract/extract.h"

namespace berkas::extract {

// Reads a WhatsApp "Export chat" .txt (Android or iOS, Indonesian or English locale; CRLF or LF;
// an optional UTF-8 BOM). A line that starts with a date and time begins a message; any other line
// continues the previous one. The day/month order is decided once for the whole file from its data
// (a first field > 12 means day-first, a second field > 12 month-first); when the data cannot decide,
// "." as the time separator or Indonesian system text means day-first, else AM/PM means
// month-first, else day-first — and chat.date_order says "(assumed)". Two-digit years are 20xx.
// Message text is kept as written (direction marks included) minus control characters other than
// \n and \t. Fails on: input over limits.max_bytes; more than limits.max_entries * 10 messages;
// invalid UTF-8 (naming the line); a line before the first message that cannot start one (naming
// the line); a file whose dates contradict one day/month order, or name an impossible date.
core::Result<Extracted> read_whatsapp_text(std::string_view text, const Limits& limits);

// Reads Telegram Desktop's result.json: one chat ({"name", "type", "id", "messages": [...]}) or the
// full export ({"chats": {"list": [chat, ...]}}), messages numbered across chats in order. "from":
// null (a deleted account) becomes "(akun terhapus / deleted account)"; "text" may be a string or an
// array of strings and entity objects, whose "text" parts are concatenated; "photo" or "file" name
// the media (a "(File not included ...)" note names none); "service" messages become system units
// whose text is the actor, the action and its members or title. Fails on: input over
// limits.max_bytes; invalid UTF-8 (naming the line); malformed JSON (Poco's reason); nesting deeper
// than 64; a shape that is not a Telegram export; a date not "YYYY-MM-DDTHH:MM:SS"; more than
// limits.max_entries * 10 messages.
core::Result<Extracted> read_telegram_json(std::string_view json, const Limits& limits);

// The media file names `chat`'s units refer to (Unit::media), each once, in order of first
// reference — for linking the members of a chat's zip to its messages.
std::vector<std::string> chat_media_names(const Extracted& chat);

// Reads a chat export's archive from its entries, already unpacked (by the zip reader; names may
// keep their folders): a WhatsApp zip (one "_chat.txt", "WhatsApp Chat with X.txt" or "Chat
// WhatsApp dengan X.txt", and its media) or a Telegram Desktop export (one result.json, with
// photos/, files/, ...). The chat file is found by its base name and read as above; the result's
// format is whatsapp_zip or telegram_zip. Its children are copies of the entries: first those the
// messages refer to (matched by base name, the first entry of a base name wins), in order of first
// reference, then every other entry (bar the chat file and folder entries, whose base name is
// empty) in archive order; chat.media_missing and chat.media_unreferenced name the gaps. Fails on:
// more than limits.max_entries entries; an entry over limits.max_bytes or all together over
// limits.max_total_inflated (Error::file names the entry); no chat file or more than one; and the
// chat file's own errors, its name prefixed to the message and set as Error::file.
core::Result<Extracted> read_chat_archive(const std::vector<Child>& entries, const Limits& limits);

}  // namespace berkas::extract
