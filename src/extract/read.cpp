// extract::read: one entry for every reader, chosen by the file's content.
#include "core/text.h"
#include "extract/chat.h"
#include "extract/email.h"
#include "extract/extract.h"
#include "extract/image.h"
#include "extract/office.h"
#include "extract/pdf.h"
#include "extract/zip.h"

namespace berkas::extract {

namespace {

core::Result<Extracted> text_file(std::string_view bytes, const Limits& limits) {
  if (bytes.size() > limits.max_bytes)
    return core::fail(core::ErrorCode::invalid_input, "berkas terlalu besar / file too large");
  Extracted x;
  x.format = Format::plain_text;
  Unit u;
  u.number = 1;
  u.method = Method::parsed;
  std::string_view body = bytes;
  if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);
  u.text = core::without_control_chars(core::replace_all(std::string(body), "\r\n", "\n"));
  x.units.push_back(std::move(u));
  return x;
}

core::Result<Extracted> chat_zip(std::string_view bytes, const Limits& limits, Format f) {
  auto entries = read_zip(bytes, limits);
  if (!entries) return tl::unexpected(entries.error());
  auto x = read_chat_archive(*entries, limits);
  if (x) x->format = f;
  return x;
}

}  // namespace

core::Result<Extracted> read(std::string_view bytes, const Limits& limits) {
  const Format f = sniff(bytes);
  core::Result<Extracted> x = core::fail(core::ErrorCode::invalid_input, "");
  switch (f) {
    case Format::pdf: x = read_pdf(bytes, limits); break;
    case Format::png:
    case Format::jpeg:
    case Format::tiff: x = read_image(bytes, limits); break;
    case Format::docx: x = read_docx(bytes, limits); break;
    case Format::odt: x = read_odt(bytes, limits); break;
    case Format::eml: x = read_eml(bytes, limits); break;
    case Format::whatsapp_text: x = read_whatsapp_text(bytes, limits); break;
    case Format::telegram_json: x = read_telegram_json(bytes, limits); break;
    case Format::whatsapp_zip:
    case Format::telegram_zip: x = chat_zip(bytes, limits, f); break;
    case Format::plain_text: x = text_file(bytes, limits); break;
    case Format::zip:
    case Format::berkas_xml:
    case Format::unknown:
      return core::fail(core::ErrorCode::invalid_input,
                        std::string("berkas ") + to_string(f) + " tidak dibaca di sini / a " + to_string(f) +
                            " file is not read here");
  }
  if (x && x->format == Format::unknown) x->format = f;
  return x;
}

}  // namespace berkas::extract
