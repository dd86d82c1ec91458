// Fuzz target: what the investigation tools read out of evidence text — extract/identifiers
// (find_identifiers, parse_identifier, masked) and extract/dates (find_dates, parse_date) — on the
// same bytes. Properties of every answer: identifiers in order of offset, each inside the text,
// its value non-empty and at most 128 bytes, parse_identifier of its value giving it back, its
// masked form never holding the whole value; dates inside the text, ISO-shaped for their
// precision, valid calendar days, and read back by parse_date.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "extract/dates.h"
#include "extract/identifiers.h"
#include "fuzz_support.h"

using namespace berkas;

namespace {

bool digits(const std::string& s, std::size_t from, std::size_t n) {
  for (std::size_t i = from; i < from + n; ++i)
    if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
  return true;
}

void check_date(const extract::WrittenDate& d, std::size_t text_size) {
  if (d.offset + d.length > text_size || d.length == 0) std::abort();
  const std::size_t want = d.precision == extract::DatePrecision::day ? 10 : d.precision == extract::DatePrecision::month ? 7 : 4;
  if (d.date.size() != want || !digits(d.date, 0, 4)) std::abort();
  if (want >= 7) {
    if (d.date[4] != '-' || !digits(d.date, 5, 2)) std::abort();
    const int month = std::atoi(d.date.substr(5, 2).c_str());
    if (month < 1 || month > 12) std::abort();
  }
  if (want == 10) {
    if (d.date[7] != '-' || !digits(d.date, 8, 2)) std::abort();
    const int day = std::atoi(d.date.substr(8, 2).c_str());
    if (day < 1 || day > 31) std::abort();
  }
  if (!d.time.empty() && (d.time.size() != 5 || d.time[2] != ':')) std::abort();
  auto again = extract::parse_date(d.date);
  if (!again || again->date != d.date) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text = fuzz::as_string(data, size);
  std::size_t last = 0;
  for (const auto& id : extract::find_identifiers(text, 200, 1u << 16)) {
    if (id.offset < last || id.offset + id.length > text.size() || id.length == 0) std::abort();
    last = id.offset;
    if (id.value.empty() || id.value.size() > 128) std::abort();
    const std::string m = extract::masked(id);
    if (id.value.size() >= 6 && m.find(id.value) != std::string::npos) std::abort();
  }
  if (size <= 256) {
    if (auto typed = extract::parse_identifier(text); typed && (typed->value.empty() || typed->value.size() > 128))
      std::abort();
  }
  for (const auto& d : extract::find_dates(text, 200, 1u << 16)) check_date(d, text.size());
  if (size <= 256) {
    if (auto d = extract::parse_date(text)) {
      if (d->date.size() != 4 && d->date.size() != 7 && d->date.size() != 10) std::abort();
    }
  }
  return 0;
}
