// extract: the kind of a file from its bytes, never its name. Inputs are made here (FIKTIF).
#define BOOST_TEST_MODULE extract
#include <boost/test/unit_test.hpp>

#include <string>

#include "extract/extract.h"

using namespace berkas;
using extract::Format;
using extract::sniff;

namespace {

// A zip of stored (uncompressed) entries, written by hand: local headers only (enough to sniff).
std::string stored_zip(const std::vector<std::pair<std::string, std::string>>& entries) {
  auto le16 = [](std::string& o, unsigned v) {
    o.push_back(static_cast<char>(v & 0xff));
    o.push_back(static_cast<char>((v >> 8) & 0xff));
  };
  auto le32 = [&](std::string& o, unsigned v) {
    le16(o, v & 0xffff);
    le16(o, v >> 16);
  };
  std::string z;
  for (const auto& [name, data] : entries) {
    le32(z, 0x04034b50u);
    le16(z, 20);
    le16(z, 0);  // flags
    le16(z, 0);  // stored
    le16(z, 0);
    le16(z, 0);
    le32(z, 0);  // crc (not checked by sniff)
    le32(z, static_cast<unsigned>(data.size()));
    le32(z, static_cast<unsigned>(data.size()));
    le16(z, static_cast<unsigned>(name.size()));
    le16(z, 0);
    z += name;
    z += data;
  }
  return z;
}

}  // namespace

BOOST_AUTO_TEST_CASE(magic_numbers) {
  BOOST_TEST((sniff("%PDF-1.7\n...") == Format::pdf));
  BOOST_TEST((sniff(std::string(200, ' ') + "%PDF-1.4") == Format::pdf));
  BOOST_TEST((sniff("\x89PNG\r\n\x1a\nrest") == Format::png));
  BOOST_TEST((sniff("\xFF\xD8\xFF\xE0rest") == Format::jpeg));
  BOOST_TEST((sniff(std::string("II*\0rest", 8)) == Format::tiff));
  BOOST_TEST((sniff(std::string("MM\0*rest", 8)) == Format::tiff));
  BOOST_TEST((sniff(std::string("\x00\x01\x02\xff\xfe", 5)) == Format::unknown));
}

BOOST_AUTO_TEST_CASE(zips_by_their_entries) {
  BOOST_TEST((sniff(stored_zip({{"mimetype", "application/vnd.oasis.opendocument.text"}, {"content.xml", "<x/>"}})) ==
              Format::odt));
  BOOST_TEST((sniff(stored_zip({{"[Content_Types].xml", "<x/>"}, {"word/document.xml", "<x/>"}})) == Format::docx));
  BOOST_TEST((sniff(stored_zip({{"_chat.txt", "[12/02/24 09.15.22] A: b"}, {"00000012-PHOTO.jpg", "x"}})) ==
              Format::whatsapp_zip));
  BOOST_TEST((sniff(stored_zip({{"WhatsApp Chat with Budi.txt", "x"}})) == Format::whatsapp_zip));
  BOOST_TEST((sniff(stored_zip({{"Chat WhatsApp dengan Budi.txt", "x"}})) == Format::whatsapp_zip));
  BOOST_TEST((sniff(stored_zip({{"ChatExport_2024-02-12/result.json", "{}"}})) == Format::telegram_zip));
  BOOST_TEST((sniff(stored_zip({{"a.txt", "x"}})) == Format::zip));
  // The name says .docx, the content is a plain zip: the content decides.
  BOOST_TEST((sniff(stored_zip({{"word/other.xml", "x"}})) == Format::zip));
}

BOOST_AUTO_TEST_CASE(texts_by_their_shape) {
  // WhatsApp exports as Android and iOS write them, Indonesian and English (FIKTIF).
  BOOST_TEST((sniff("12/02/24 09.15 - Budi: sudah sampai?\n12/02/24 09.16 - Sari: belum\n") == Format::whatsapp_text));
  BOOST_TEST((sniff("2/12/24, 9:15 AM - Budi: arrived?\n2/12/24, 9:16 AM - Sari: not yet\n") == Format::whatsapp_text));
  BOOST_TEST((sniff("[12/02/24 09.15.22] Budi: sudah sampai?\n[12/02/24 09.16.01] Sari: belum\n") ==
              Format::whatsapp_text));
  BOOST_TEST((sniff("\xE2\x80\x8E[12/02/24 09.15.22] Budi: <attached: 00000012-PHOTO.jpg>\n"
                    "[12/02/24 09.16.01] Sari: ok\n") == Format::whatsapp_text));
  BOOST_TEST((sniff(R"({"name": "Budi", "type": "personal_chat", "id": 1, "messages": []})") == Format::telegram_json));
  BOOST_TEST((sniff("From: a@contoh.id\r\nTo: b@contoh.id\r\nSubject: tawaran\r\n\r\nisi\r\n") == Format::eml));
  BOOST_TEST((sniff("<?xml version=\"1.0\"?>\n<surat/>") == Format::berkas_xml));
  BOOST_TEST((sniff("PUTUSAN\nNomor 1/Pid.Sus/2024/PN Fiktif\n") == Format::plain_text));
  BOOST_TEST((sniff("caf\xC3\xA9 ok") == Format::plain_text));
  BOOST_TEST((sniff("bad \xC3 utf8") == Format::unknown));
}
