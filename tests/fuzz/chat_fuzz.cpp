// Fuzz target: extract/chat — the same bytes read as a WhatsApp export, as Telegram's result.json,
// and as the chat file of an archive beside one media file, with small limits so the bounds are
// reached too. Properties of every success: units numbered 1..n in order; text, sender, media and
// time valid UTF-8 with no control character other than \n and \t; a time shaped
// "YYYY-MM-DDTHH:MM" (":SS" optional); chat_media_names only names units' media; an archive's
// children are its entries bar the chat file, each once.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/text.h"
#include "extract/chat.h"
#include "fuzz_support.h"

using namespace berkas;

namespace {

void check_text(const std::string& s) {
  if (!core::is_valid_utf8(s)) std::abort();
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\n' && c != '\t') || u == 0x7F) std::abort();
  }
}

void check_time(const std::string& t) {
  const std::string shape = "dddd-dd-ddTdd:dd:dd";
  if (t.size() != 16 && t.size() != 19) std::abort();
  for (std::size_t i = 0; i < t.size(); ++i)
    if (shape[i] == 'd' ? (t[i] < '0' || t[i] > '9') : t[i] != shape[i]) std::abort();
}

void check(const core::Result<extract::Extracted>& r) {
  if (!r) {
    if (r.error().code != core::ErrorCode::invalid_input || r.error().message.empty()) std::abort();
    return;
  }
  for (std::size_t i = 0; i < r->units.size(); ++i) {
    const extract::Unit& u = r->units[i];
    if (u.number != static_cast<int>(i) + 1) std::abort();
    check_text(u.text);
    check_text(u.sender);
    check_text(u.media);
    check_time(u.time);
  }
  for (const std::string& name : extract::chat_media_names(*r)) {
    bool found = false;
    for (const auto& u : r->units) found = found || u.media == name;
    if (!found || name.empty()) std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string in = fuzz::as_string(data, size);
  extract::Limits limits;
  limits.max_bytes = 1 << 20;
  limits.max_entries = 50;  // 500 messages
  check(extract::read_whatsapp_text(in, limits));
  check(extract::read_telegram_json(in, limits));
  for (const char* chat_name : {"_chat.txt", "ChatExport/result.json"}) {
    const std::vector<extract::Child> entries = {{chat_name, "", in}, {"IMG-20240212-WA0003.jpg", "", "x"}};
    const auto r = extract::read_chat_archive(entries, limits);
    check(r);
    if (r && (r->children.size() != 1 || r->children[0].name != "IMG-20240212-WA0003.jpg")) std::abort();
  }
  return 0;
}
