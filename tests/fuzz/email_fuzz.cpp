// Fuzz target: extract::read_eml — an e-mail's header block, body text and attachments, with the
// default limits and with small ones. Beyond not crashing, what it returns must keep the module's
// promises: unit text is valid UTF-8 without control characters other than \n and \t, and every
// child's name is a safe base name.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/text.h"
#include "extract/email.h"

using namespace berkas;

namespace {

bool clean(const std::string& s) {
  if (!core::is_valid_utf8(s)) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) return false;
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) < 0xA0) return false;
  }
  return true;
}

void check(const core::Result<extract::Extracted>& r, const extract::Limits& l) {
  if (!r) {
    if (r.error().message.find(" / ") == std::string::npos) std::abort();
    return;
  }
  for (const auto& u : r->units)
    if (!clean(u.text)) std::abort();
  for (const auto& [key, value] : r->metadata)
    if (!clean(value) || value.find('\n') != std::string::npos) std::abort();
  if (r->children.size() > l.max_entries) std::abort();
  for (const auto& c : r->children) {
    const std::string& n = c.name;
    if (n.empty() || n.size() > 120 || n == "." || n == ".." || n.find('/') != std::string::npos ||
        n.find('\\') != std::string::npos || !clean(n) || n.find('\n') != std::string::npos || n.front() == '.')
      std::abort();
    if (c.bytes.size() > l.max_bytes) std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const extract::Limits defaults;
  check(extract::read_eml(bytes, defaults), defaults);
  extract::Limits small;
  small.max_bytes = 1u << 16;
  small.max_entries = 20;
  small.max_total_inflated = 1u << 16;
  check(extract::read_eml(bytes, small), small);
  return 0;
}
