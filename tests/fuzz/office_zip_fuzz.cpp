// Fuzz target: extract::read_zip, read_docx and read_odt under tight Limits — the path every
// uploaded Word, OpenDocument or zip file takes. The first byte picks how the rest is used:
//   0 (and any other value): the rest as the file itself, given to all three readers;
//   1: the rest as word/document.xml, 2: the rest as content.xml, each packed here into a stored
//      zip (with a correct CRC) so that libxml2 and the document walks see fuzzed XML directly.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "extract/office.h"
#include "extract/zip.h"

using namespace berkas;

namespace {

std::uint32_t crc32(std::string_view s) {
  std::uint32_t c = 0xFFFFFFFFu;
  for (unsigned char b : s) {
    c ^= b;
    for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
  }
  return ~c;
}

void le(std::string& o, std::uint32_t v, int n) {
  for (int i = 0; i < n; ++i) o.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

// One stored entry `name` holding `data`: local header, data, central directory, end record.
std::string stored_zip(const std::string& name, std::string_view data) {
  const std::uint32_t crc = crc32(data);
  const auto size = static_cast<std::uint32_t>(data.size());
  auto header = [&](std::string& o, bool central) {
    le(o, central ? 0x02014b50u : 0x04034b50u, 4);
    if (central) le(o, 20, 2);  // version made by
    le(o, 20, 2);               // version needed
    le(o, 0, 2);                // flags
    le(o, 0, 2);                // stored
    le(o, 0, 4);                // time, date
    le(o, crc, 4);
    le(o, size, 4);
    le(o, size, 4);
    le(o, static_cast<std::uint32_t>(name.size()), 2);
    le(o, 0, 2);  // extra
    if (central) {
      le(o, 0, 2);   // comment
      le(o, 0, 2);   // disk
      le(o, 0, 2);   // internal attributes
      le(o, 0, 4);   // external attributes
      le(o, 0, 4);   // local header offset
    }
    o += name;
  };
  std::string z;
  header(z, false);
  z.append(data);
  const auto cd_at = static_cast<std::uint32_t>(z.size());
  header(z, true);
  const auto cd_size = static_cast<std::uint32_t>(z.size()) - cd_at;
  le(z, 0x06054b50u, 4);
  le(z, 0, 4);  // disks
  le(z, 1, 2);
  le(z, 1, 2);
  le(z, cd_size, 4);
  le(z, cd_at, 4);
  le(z, 0, 2);
  return z;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  extract::Limits limits;
  limits.max_bytes = 1u << 20;
  limits.max_entries = 64;
  limits.max_total_inflated = 4u << 20;
  limits.max_ratio = 50;
  switch (data[0]) {
    case 1:
      (void)extract::read_docx(stored_zip("word/document.xml", rest), limits);
      break;
    case 2:
      (void)extract::read_odt(stored_zip("content.xml", rest), limits);
      break;
    default: {
      extract::ZipStats stats;
      (void)extract::read_zip(rest, limits, &stats);
      (void)extract::read_docx(rest, limits);
      (void)extract::read_odt(rest, limits);
    }
  }
  return 0;
}
