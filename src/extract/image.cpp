#include "extract/image.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdio>
#include <memory>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include <leptonica/allheaders.h>
#include <libexif/exif-data.h>

#include "core/text.h"
#include "extract/internal/image_header.h"
#include "extract/internal/unit_text.h"
#include "extract/ocr.h"

namespace berkas::extract {

namespace {

tl::unexpected<core::Error> invalid(std::string message) {
  return core::fail(core::ErrorCode::invalid_input, std::move(message));
}

// Leptonica reports every decoding problem on stderr; a file is refused by the decoder's result,
// not by what leptonica prints. Set once for the process (the handler keeps no state).
void quiet_leptonica() {
  static std::once_flag once;
  std::call_once(once, [] { leptSetStderrHandler([](const char*) {}); });
}

struct PixFree {
  void operator()(PIX* p) const { pixDestroy(&p); }
};
using PixPtr = std::unique_ptr<PIX, PixFree>;

struct ExifFree {
  void operator()(ExifData* d) const { exif_data_unref(d); }
};

// A decoded image as 8-bit grey for OCR, after checking it is the size its header declared.
core::Result<Image> to_image(PixPtr pix, const internal::ImageSize& declared, int number) {
  const std::string n = std::to_string(number);
  if (!pix) return invalid("gambar " + n + " tidak dapat diurai / image " + n + " could not be decoded");
  const l_int32 w = pixGetWidth(pix.get()), h = pixGetHeight(pix.get());
  if (w <= 0 || h <= 0 || static_cast<std::uint32_t>(w) != declared.width ||
      static_cast<std::uint32_t>(h) != declared.height)
    return invalid("gambar " + n + ": ukuran hasil urai berbeda dari header / image " + n +
                   ": decoded size differs from its header");
  PixPtr grey(pixConvertTo8(pix.get(), 0));
  if (!grey) return invalid("gambar " + n + " tidak dapat diurai / image " + n + " could not be decoded");
  Image img;
  img.width = w;
  img.height = h;
  img.stride = w;
  img.channels = 1;
  img.number = number;
  const l_int32 res = pixGetXRes(pix.get());
  img.dpi = res >= 70 && res <= 2400 ? res : 0;  // outside this range the header's value is noise
  img.pixels.resize(static_cast<std::size_t>(w) * static_cast<std::size_t>(h));
  const l_int32 wpl = pixGetWpl(grey.get());
  const l_uint32* data = pixGetData(grey.get());
  for (l_int32 y = 0; y < h; ++y) {
    const l_uint32* line = data + static_cast<std::size_t>(y) * static_cast<std::size_t>(wpl);
    std::uint8_t* out = img.pixels.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(w);
    for (l_int32 x = 0; x < w; ++x) out[x] = static_cast<std::uint8_t>(GET_DATA_BYTE(line, x));
  }
  return img;
}

// An EXIF ASCII value: NUL-terminated, trimmed, printable UTF-8 (other bytes dropped).
std::string exif_text(ExifContent* ifd, ExifTag tag) {
  ExifEntry* e = ifd ? exif_content_get_entry(ifd, tag) : nullptr;
  if (!e || !e->data || e->format != EXIF_FORMAT_ASCII) return {};
  std::string_view raw(reinterpret_cast<const char*>(e->data), e->size);
  raw = raw.substr(0, raw.find('\0'));
  std::string s = core::is_valid_utf8(raw) ? std::string(raw) : std::string();
  if (s.empty())
    for (char c : raw)
      if (static_cast<unsigned char>(c) < 0x80) s += c;
  s = internal::unit_text(s);
  for (char& c : s)
    if (c == '\n' || c == '\t') c = ' ';
  return core::squeeze_space(s);
}

// "2024:02:12 09:15:30" → "2024-02-12T09:15:30"; empty when it is not such a time.
std::string exif_time(const std::string& s) {
  if (s.size() < 19) return {};
  for (std::size_t i = 0; i < 19; ++i) {
    const bool digit = s[i] >= '0' && s[i] <= '9';
    if ((i == 4 || i == 7) ? s[i] != ':' : i == 10 ? s[i] != ' ' : (i == 13 || i == 16) ? s[i] != ':' : !digit)
      return {};
  }
  auto two = [&](std::size_t at) { return (s[at] - '0') * 10 + (s[at + 1] - '0'); };
  const int month = two(5), day = two(8), hour = two(11), minute = two(14), second = two(17);
  if (s.substr(0, 4) == "0000" || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 ||
      second > 60)
    return {};
  return s.substr(0, 4) + "-" + s.substr(5, 2) + "-" + s.substr(8, 2) + "T" + s.substr(11, 8);
}

// A GPS coordinate in decimal degrees from its degrees/minutes/seconds rationals and its
// reference ("N"/"S", "E"/"W"); nullopt when missing or malformed.
std::optional<double> gps_degrees(ExifData* ed, ExifTag value_tag, ExifTag ref_tag, char negative, double max) {
  ExifContent* gps = ed->ifd[EXIF_IFD_GPS];
  ExifEntry* e = gps ? exif_content_get_entry(gps, value_tag) : nullptr;
  const std::string ref = exif_text(gps, ref_tag);
  if (!e || !e->data || e->format != EXIF_FORMAT_RATIONAL || e->components < 3 || e->size < 24 || ref.empty())
    return std::nullopt;
  const ExifByteOrder order = exif_data_get_byte_order(ed);
  double parts[3];
  for (int i = 0; i < 3; ++i) {
    const ExifRational r = exif_get_rational(e->data + 8 * i, order);
    if (r.denominator == 0) return std::nullopt;
    parts[i] = static_cast<double>(r.numerator) / r.denominator;
  }
  if (parts[1] >= 60 || parts[2] >= 60) return std::nullopt;
  double deg = parts[0] + parts[1] / 60 + parts[2] / 3600;
  if (deg > max) return std::nullopt;
  const char r = ref[0];
  if (r == negative) deg = -deg;
  else if (r != (negative == 'S' ? 'N' : 'E')) return std::nullopt;
  return deg;
}

// "exif.datetime", "exif.camera" and "exif.gps" from a JPEG's APP1 segment or a TIFF's IFD0
// (libexif reads only the first 64 KiB of a TIFF).
void read_exif(std::string_view bytes, Format format, std::map<std::string, std::string>& metadata) {
  std::string tiff;
  std::string_view input = bytes;
  if (format == Format::tiff) {
    tiff = std::string("Exif\0\0", 6);
    tiff.append(bytes.substr(0, 0xfff0));  // libexif reads no further than 64 KiB
    input = tiff;
  }
  std::unique_ptr<ExifData, ExifFree> ed(exif_data_new());
  if (!ed) return;
  // Never let libexif "fix" the data: it would add mandatory tags, times among them, with today's values.
  exif_data_unset_option(ed.get(), EXIF_DATA_OPTION_FOLLOW_SPECIFICATION);
  exif_data_load_data(ed.get(), reinterpret_cast<const unsigned char*>(input.data()),
                      static_cast<unsigned int>(std::min<std::size_t>(input.size(), UINT_MAX)));
  if (std::string t = exif_time(exif_text(ed->ifd[EXIF_IFD_EXIF], EXIF_TAG_DATE_TIME_ORIGINAL)); !t.empty())
    metadata["exif.datetime"] = t;
  const std::string make = exif_text(ed->ifd[EXIF_IFD_0], EXIF_TAG_MAKE);
  const std::string model = exif_text(ed->ifd[EXIF_IFD_0], EXIF_TAG_MODEL);
  // Many cameras repeat the maker in the model ("Canon" "Canon EOS 80D").
  std::string camera = make;
  if (model.rfind(make, 0) == 0) camera = model;
  else if (!model.empty()) camera += " " + model;
  if (!camera.empty()) metadata["exif.camera"] = camera;
  const auto lat = gps_degrees(ed.get(), static_cast<ExifTag>(EXIF_TAG_GPS_LATITUDE),
                               static_cast<ExifTag>(EXIF_TAG_GPS_LATITUDE_REF), 'S', 90);
  const auto lon = gps_degrees(ed.get(), static_cast<ExifTag>(EXIF_TAG_GPS_LONGITUDE),
                               static_cast<ExifTag>(EXIF_TAG_GPS_LONGITUDE_REF), 'W', 180);
  if (lat && lon) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.6f,%.6f", *lat, *lon);
    metadata["exif.gps"] = buf;
  }
}

}  // namespace

core::Result<Extracted> read_image(std::string_view bytes, const Limits& limits) {
  if (bytes.size() > limits.max_bytes)
    return invalid("gambar melebihi batas ukuran / image exceeds the size limit");
  const Format format = sniff(bytes);
  // Every size from the headers first: nothing is decoded unless all are within the limits.
  auto sizes = internal::checked_image_sizes(bytes, limits);
  if (!sizes) return tl::unexpected(sizes.error());
  quiet_leptonica();

  Extracted out;
  out.format = format;
  if (format == Format::jpeg || format == Format::tiff) read_exif(bytes, format, out.metadata);

  const auto* data = reinterpret_cast<const l_uint8*>(bytes.data());
  std::size_t tiff_offset = 0;  // where the next TIFF page starts (leptonica's cursor)
  // ocr_pages asks for the pages in order, one at a time: each is decoded only when a thread is free.
  auto page_at = [&](std::size_t i) -> core::Result<Image> {
    const int number = static_cast<int>(i) + 1;
    if (format != Format::tiff) return to_image(PixPtr(pixReadMem(data, bytes.size())), (*sizes)[i], number);
    if (i > 0 && tiff_offset == 0)
      return invalid("TIFF halaman " + std::to_string(number) + " tidak dapat diurai / TIFF page " +
                     std::to_string(number) + " could not be decoded");
    return to_image(PixPtr(pixReadMemFromMultipageTiff(data, bytes.size(), &tiff_offset)), (*sizes)[i], number);
  };
  auto units = ocr_pages(sizes->size(), page_at, limits);
  if (!units) return tl::unexpected(units.error());
  out.units = std::move(*units);
  return out;
}

}  // namespace berkas::extract
