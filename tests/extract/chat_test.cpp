// extract/chat: WhatsApp and Telegram exports read into messages. Every chat here is made up in
// the test (FIKTIF): invented names, invented messages.
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "core/text.h"
#include "extract/chat.h"

using namespace berkas;
using extract::Child;
using extract::Extracted;
using extract::Format;
using extract::Limits;

namespace {

const std::string k_lrm = "\xE2\x80\x8E";         // U+200E, iOS before brackets and attachments
const std::string k_narrow_nbsp = "\xE2\x80\xAF";  // U+202F, newer Android before AM/PM
const std::string k_bom = "\xEF\xBB\xBF";

Extracted whatsapp(const std::string& text, const Limits& limits = {}) {
  auto r = extract::read_whatsapp_text(text, limits);
  BOOST_REQUIRE_MESSAGE(r.has_value(), "read_whatsapp_text failed: " + (r ? std::string() : r.error().message));
  return *r;
}

Extracted telegram(const std::string& json, const Limits& limits = {}) {
  auto r = extract::read_telegram_json(json, limits);
  BOOST_REQUIRE_MESSAGE(r.has_value(), "read_telegram_json failed: " + (r ? std::string() : r.error().message));
  return *r;
}

// The error of a read that must fail: invalid_input, and a message in two languages.
template <class R>
core::Error failure(const R& r) {
  BOOST_REQUIRE(!r.has_value());
  BOOST_TEST((r.error().code == core::ErrorCode::invalid_input));
  BOOST_TEST(r.error().message.find(" / ") != std::string::npos, r.error().message);
  return r.error();
}

bool mentions(const core::Error& e, const std::string& part) {
  return e.message.find(part) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(chat_whatsapp)

BOOST_AUTO_TEST_CASE(android_indonesian) {
  const auto c = whatsapp(
      "12/02/24 09.15 - Budi Fiktif: sudah sampai di penampungan?\n"
      "13/02/24 21.05 - Sari Rekaan: belum, paspor masih ditahan\n");
  BOOST_TEST((c.format == Format::whatsapp_text));
  BOOST_REQUIRE_EQUAL(c.units.size(), 2u);
  BOOST_TEST(c.units[0].number == 1);
  BOOST_TEST(c.units[0].time == "2024-02-12T09:15");
  BOOST_TEST(c.units[0].sender == "Budi Fiktif");
  BOOST_TEST(c.units[0].text == "sudah sampai di penampungan?");
  BOOST_TEST(!c.units[0].system);
  BOOST_TEST((c.units[0].method == extract::Method::parsed));
  BOOST_TEST(c.units[1].number == 2);
  BOOST_TEST(c.units[1].time == "2024-02-13T21:05");
  BOOST_TEST(c.units[1].sender == "Sari Rekaan");
  BOOST_TEST(c.metadata.at("chat.platform") == "whatsapp");
  BOOST_TEST(c.metadata.at("chat.date_order") == "dmy");
  BOOST_TEST(c.metadata.at("chat.participants") == "Budi Fiktif; Sari Rekaan");
  BOOST_TEST(c.metadata.at("chat.messages") == "2");
  BOOST_TEST(c.metadata.at("chat.first") == "2024-02-12T09:15");
  BOOST_TEST(c.metadata.at("chat.last") == "2024-02-13T21:05");
}

BOOST_AUTO_TEST_CASE(android_english_am_pm) {
  const auto c = whatsapp(
      "2/12/24, 9:15 AM - Budi Fiktif: arrived?\n"
      "2/12/24, 12:05 PM - Sari Rekaan: not yet\n"
      "2/13/24, 12:30 AM - Sari Rekaan: they took my phone\n");
  BOOST_REQUIRE_EQUAL(c.units.size(), 3u);
  BOOST_TEST(c.units[0].time == "2024-02-12T09:15");
  BOOST_TEST(c.units[1].time == "2024-02-12T12:05");
  BOOST_TEST(c.units[2].time == "2024-02-13T00:30");
  BOOST_TEST(c.units[2].text == "they took my phone");
  BOOST_TEST(c.metadata.at("chat.date_order") == "mdy");
}

BOOST_AUTO_TEST_CASE(android_narrow_no_break_space) {
  const auto c = whatsapp("2/12/24, 9:15" + k_narrow_nbsp + "PM - Budi Fiktif: hello\n" +
                          "2/12/24, 9:16" + k_narrow_nbsp + "AM - Sari Rekaan: hi\n");
  BOOST_REQUIRE_EQUAL(c.units.size(), 2u);
  BOOST_TEST(c.units[0].time == "2024-02-12T21:15");
  BOOST_TEST(c.units[1].time == "2024-02-12T09:16");
  BOOST_TEST(c.units[0].sender == "Budi Fiktif");
  BOOST_TEST(c.metadata.at("chat.date_order") == "mdy (assumed)");
}

BOOST_AUTO_TEST_CASE(ios_indonesian_and_english) {
  const auto id = whatsapp("[12/02/24 09.15.22] Budi Fiktif: sudah sampai?\n"
                           "[12/02/24 09.16.01] Sari Rekaan: belum\n");
  BOOST_REQUIRE_EQUAL(id.units.size(), 2u);
  BOOST_TEST(id.units[0].time == "2024-02-12T09:15:22");
  BOOST_TEST(id.units[1].time == "2024-02-12T09:16:01");
  BOOST_TEST(id.units[1].text == "belum");
  BOOST_TEST(id.metadata.at("chat.date_order") == "dmy (assumed)");

  const auto en = whatsapp(k_lrm + "[2/12/24, 9:15:22 AM] Budi Fiktif: arrived?\n" + k_lrm +
                           "[2/12/24, 1:16:01 PM] " + k_lrm + "Sari Rekaan: not yet\n");
  BOOST_REQUIRE_EQUAL(en.units.size(), 2u);
  BOOST_TEST(en.units[0].time == "2024-02-12T09:15:22");
  BOOST_TEST(en.units[1].time == "2024-02-12T13:16:01");
  BOOST_TEST(en.units[1].sender == "Sari Rekaan");  // direction marks dropped from names
  BOOST_TEST(en.metadata.at("chat.date_order") == "mdy (assumed)");
}

BOOST_AUTO_TEST_CASE(four_digit_years) {
  const auto a = whatsapp("12/02/2024 09.15 - Budi Fiktif: pesan\n");
  BOOST_REQUIRE_EQUAL(a.units.size(), 1u);
  BOOST_TEST(a.units[0].time == "2024-02-12T09:15");
  const auto b = whatsapp("[2/12/2024, 9:15:22 PM] Budi Fiktif: message\n");
  BOOST_REQUIRE_EQUAL(b.units.size(), 1u);
  BOOST_TEST(b.units[0].time == "2024-02-12T21:15:22");
  const auto c = whatsapp("[1999-12-31 23:59:59] Budi Fiktif: message\n");
  BOOST_REQUIRE_EQUAL(c.units.size(), 1u);
  BOOST_TEST(c.units[0].time == "1999-12-31T23:59:59");
}

BOOST_AUTO_TEST_CASE(multi_line_messages) {
  const auto c = whatsapp(
      "12/02/24 09.15 - Budi Fiktif: baris satu\n"
      "baris dua\n"
      "\n"
      "12/02/24 bukan jam, tetap lanjutan\n"
      "12/02/24 09.16 - Sari Rekaan: oke\n"
      "\tdengan tab\n");
  BOOST_REQUIRE_EQUAL(c.units.size(), 2u);
  BOOST_TEST(c.units[0].text == "baris satu\nbaris dua\n\n12/02/24 bukan jam, tetap lanjutan");
  BOOST_TEST(c.units[1].text == "oke\n\tdengan tab");
}

BOOST_AUTO_TEST_CASE(bom_and_crlf) {
  const auto c = whatsapp(k_bom + "12/02/24 09.15 - Budi Fiktif: satu\r\ndua\r\n12/02/24 09.16 - Sari Rekaan: tiga\r\n");
  BOOST_REQUIRE_EQUAL(c.units.size(), 2u);
  BOOST_TEST(c.units[0].text == "satu\ndua");
  BOOST_TEST(c.units[1].text == "tiga");
  BOOST_TEST(c.units[0].time == "2024-02-12T09:15");
}

BOOST_AUTO_TEST_CASE(system_lines_indonesian) {
  const auto c = whatsapp(
      "12/02/24 09.00 - Pesan dan panggilan terenkripsi secara end-to-end. Ketuk untuk info selengkapnya.\n"
      "12/02/24 09.01 - Anda membuat grup \"Kerja: Malaysia\"\n"
      "12/02/24 09.02 - Budi Fiktif menambahkan Sari Rekaan\n"
      "12/02/24 09.03 - Sari Rekaan: Pesan ini dihapus\n"
      "12/02/24 09.04 - Budi Fiktif: Pesan ini telah dihapus\n"
      "12/02/24 09.05 - Budi Fiktif: berangkat besok\n");
  BOOST_REQUIRE_EQUAL(c.units.size(), 6u);
  BOOST_TEST(c.units[0].system);
  BOOST_TEST(c.units[0].sender.empty());
  BOOST_TEST(c.units[0].text.find("terenkripsi") != std::string::npos);
  BOOST_TEST(c.units[1].system);
  BOOST_TEST(c.units[1].sender.empty());  // the quoted group name holds ": ", no sender
  BOOST_TEST(c.units[1].text == "Anda membuat grup \"Kerja: Malaysia\"");
  BOOST_TEST(c.units[2].system);
  BOOST_TEST(c.units[2].text == "Budi Fiktif menambahkan Sari Rekaan");
  BOOST_TEST(c.units[3].system);
  BOOST_TEST(c.units[3].sender == "Sari Rekaan");  // who deleted it is kept
  BOOST_TEST(c.units[4].system);
  BOOST_TEST(!c.units[5].system);
  // Only the last sender wrote a message that is not a system text.
  BOOST_TEST(c.metadata.at("chat.participants") == "Budi Fiktif");
}

BOOST_AUTO_TEST_CASE(system_lines_english_and_ios) {
  const auto a = whatsapp(
      "2/12/24, 9:00 AM - Messages and calls are end-to-end encrypted. No one outside of this chat can read them.\n"
      "2/12/24, 9:01 AM - Budi Fiktif added Sari Rekaan\n"
      "2/12/24, 9:02 AM - Sari Rekaan: This message was deleted\n"
      "2/12/24, 9:03 AM - Budi Fiktif: ok\n");
  BOOST_REQUIRE_EQUAL(a.units.size(), 4u);
  BOOST_TEST(a.units[0].system);
  BOOST_TEST(a.units[1].system);
  BOOST_TEST(a.units[1].text == "Budi Fiktif added Sari Rekaan");
  BOOST_TEST(a.units[2].system);
  BOOST_TEST(a.units[2].sender == "Sari Rekaan");
  BOOST_TEST(!a.units[3].system);

  // iOS names the chat before its own lines, and marks their text.
  const auto b = whatsapp(
      "[12/02/24 09.00.00] Grup Fiktif: " + k_lrm + "Pesan dan panggilan terenkripsi secara end-to-end.\n" +
      "[12/02/24 09.00.05] Grup Fiktif: " + k_lrm + "Budi Fiktif menambahkan Anda\n" +
      "[12/02/24 09.01.00] Budi Fiktif: " + k_lrm + "Pesan ini dihapus.\n" +
      "[12/02/24 09.02.00] Budi Fiktif: halo\n");
  BOOST_REQUIRE_EQUAL(b.units.size(), 4u);
  BOOST_TEST(b.units[0].system);
  BOOST_TEST(b.units[0].sender.empty());
  BOOST_TEST(b.units[1].system);
  BOOST_TEST(b.units[2].system);
  BOOST_TEST(b.units[2].sender == "Budi Fiktif");
  BOOST_TEST(!b.units[3].system);
  BOOST_TEST(b.metadata.at("chat.name") == "Grup Fiktif");
  BOOST_TEST(b.metadata.at("chat.participants") == "Budi Fiktif");
}

BOOST_AUTO_TEST_CASE(media_links) {
  const auto c = whatsapp(
      "12/02/24 09.15 - Budi Fiktif: <Media tidak disertakan>\n"
      "12/02/24 09.16 - Budi Fiktif: IMG-20240212-WA0003.jpg (file terlampir)\n"
      "ini fotonya\n"
      "12/02/24 09.17 - Sari Rekaan: <Media omitted>\n"
      "12/02/24 09.18 - Sari Rekaan: PTT-20240212-WA0004.opus (file attached)\n"
      "12/02/24 09.19 - Sari Rekaan: IMG-20240212-WA0003.jpg (file attached)\n");
  BOOST_REQUIRE_EQUAL(c.units.size(), 5u);
  BOOST_TEST(c.units[0].media.empty());
  BOOST_TEST(c.units[1].media == "IMG-20240212-WA0003.jpg");
  BOOST_TEST(c.units[1].text == "IMG-20240212-WA0003.jpg (file terlampir)\nini fotonya");
  BOOST_TEST(c.units[2].media.empty());
  BOOST_TEST(c.units[3].media == "PTT-20240212-WA0004.opus");
  BOOST_TEST(c.metadata.at("chat.media_omitted") == "2");
  const auto names = extract::chat_media_names(c);
  BOOST_TEST(names == (std::vector<std::string>{"IMG-20240212-WA0003.jpg", "PTT-20240212-WA0004.opus"}),
             boost::test_tools::per_element());

  const auto ios = whatsapp(
      "[12/02/24 09.15.22] Budi Fiktif: " + k_lrm + "<terlampir: 00000012-PHOTO-2024-02-12-09-15-22.jpg>\n" +
      "[12/02/24 09.15.30] Budi Fiktif: " + k_lrm + "<attached: 00000013-AUDIO-2024-02-12-09-15-30.opus>\n" +
      "[12/02/24 09.15.40] Budi Fiktif: " + k_lrm + "gambar tidak disertakan\n" +
      "[12/02/24 09.15.50] Budi Fiktif: " + k_lrm + "image omitted\n");
  BOOST_REQUIRE_EQUAL(ios.units.size(), 4u);
  BOOST_TEST(ios.units[0].media == "00000012-PHOTO-2024-02-12-09-15-22.jpg");
  BOOST_TEST(ios.units[1].media == "00000013-AUDIO-2024-02-12-09-15-30.opus");
  BOOST_TEST(ios.units[2].media.empty());
  BOOST_TEST(ios.metadata.at("chat.media_omitted") == "2");
  BOOST_TEST(whatsapp("12/02/24 09.15 - Budi Fiktif: halo\n").metadata.count("chat.media_omitted") == 0u);
}

BOOST_AUTO_TEST_CASE(date_order_decided_for_the_whole_file) {
  // A day over 12 anywhere decides day-first for every line, the earlier ones too.
  const auto dmy = whatsapp("3/4/24, 9:15 AM - Budi Fiktif: a\n25/4/24, 9:15 AM - Budi Fiktif: b\n");
  BOOST_TEST(dmy.metadata.at("chat.date_order") == "dmy");
  BOOST_TEST(dmy.units[0].time == "2024-04-03T09:15");
  const auto mdy = whatsapp("3/4/24 09.15 - Budi Fiktif: a\n4/25/24 09.15 - Budi Fiktif: b\n");
  BOOST_TEST(mdy.metadata.at("chat.date_order") == "mdy");
  BOOST_TEST(mdy.units[0].time == "2024-03-04T09:15");
  // Nothing decides: "." times say day-first, AM/PM month-first, Indonesian text day-first.
  const auto dotted = whatsapp("3/4/24 09.15 - Budi Fiktif: a\n");
  BOOST_TEST(dotted.metadata.at("chat.date_order") == "dmy (assumed)");
  BOOST_TEST(dotted.units[0].time == "2024-04-03T09:15");
  const auto half = whatsapp("3/4/24, 9:15 AM - Budi Fiktif: a\n");
  BOOST_TEST(half.metadata.at("chat.date_order") == "mdy (assumed)");
  BOOST_TEST(half.units[0].time == "2024-03-04T09:15");
  const auto cue = whatsapp("3/4/24, 9:15 AM - Budi Fiktif: <Media tidak disertakan>\n");
  BOOST_TEST(cue.metadata.at("chat.date_order") == "dmy (assumed)");
  const auto colon24 = whatsapp("3/4/24, 21:15 - Budi Fiktif: a\n");
  BOOST_TEST(colon24.metadata.at("chat.date_order") == "dmy (assumed)");
  BOOST_TEST(colon24.units[0].time == "2024-04-03T21:15");
}

BOOST_AUTO_TEST_CASE(control_characters_removed) {
  const auto c = whatsapp(std::string("12/02/24 09.15 - Budi\x01 Fiktif: a\x07" "b\x7F" "c\n"));
  BOOST_REQUIRE_EQUAL(c.units.size(), 1u);
  BOOST_TEST(c.units[0].text == "abc");
  BOOST_TEST(c.units[0].sender == "Budi Fiktif");
}

BOOST_AUTO_TEST_CASE(hostile_inputs) {
  // Invalid UTF-8, naming its line.
  auto e = failure(extract::read_whatsapp_text("12/02/24 09.15 - Budi: a\nb\xFF\xFE\n", {}));
  BOOST_TEST(e.line == 2);
  BOOST_TEST(mentions(e, "UTF-8"));
  // Lines before the first message that cannot start one.
  e = failure(extract::read_whatsapp_text("\nini bukan ekspor\n12/02/24 09.15 - Budi: a\n", {}));
  BOOST_TEST(e.line == 2);
  e = failure(extract::read_whatsapp_text("", {}));
  BOOST_TEST(mentions(e, "tidak ada pesan"));
  failure(extract::read_whatsapp_text("\n\n  \n", {}));
  // Dates that contradict one order, naming the later line and the earlier one.
  e = failure(extract::read_whatsapp_text("13/02/24 09.15 - Budi: a\n12/02/24 09.16 - Budi: b\n02/13/24 09.17 - Budi: c\n", {}));
  BOOST_TEST(e.line == 3);
  BOOST_TEST(mentions(e, "line 1"));
  // Impossible dates.
  e = failure(extract::read_whatsapp_text("31/02/24 09.15 - Budi: a\n", {}));
  BOOST_TEST(e.line == 1);
  e = failure(extract::read_whatsapp_text("12/02/24 09.15 - Budi: a\n29/02/23 09.15 - Budi: b\n", {}));
  BOOST_TEST(e.line == 2);
  e = failure(extract::read_whatsapp_text("12/02/24 09.15 - Budi: a\n13/13/24 09.15 - Budi: b\n", {}));
  BOOST_TEST(e.line == 2);
  BOOST_TEST(whatsapp("29/02/24 09.15 - Budi: a\n").units[0].time == "2024-02-29T09:15");  // a leap day
  // Impossible times never start a message: the line is junk before the first one.
  failure(extract::read_whatsapp_text("12/02/24 25.15 - Budi: a\n", {}));
  failure(extract::read_whatsapp_text("2/12/24, 13:15 PM - Budi: a\n", {}));
  // More messages than the limit (max_entries * 10), refused while reading.
  Limits small;
  small.max_entries = 2;
  std::string many;
  for (int i = 0; i < 21; ++i) many += "12/02/24 09.15 - Budi: pesan\n";
  e = failure(extract::read_whatsapp_text(many, small));
  BOOST_TEST(e.field == "max_entries");
  BOOST_TEST(extract::read_whatsapp_text(many.substr(0, many.size() - 29), small).has_value());
  // max_entries * 10 saturates rather than wrapping round to a small limit.
  Limits vast;
  vast.max_entries = static_cast<std::size_t>(-1) / 10 + 1;
  BOOST_TEST(whatsapp(many.substr(0, 5 * 29), vast).units.size() == 5u);
  // Over max_bytes.
  Limits tiny;
  tiny.max_bytes = 10;
  e = failure(extract::read_whatsapp_text("12/02/24 09.15 - Budi: a\n", tiny));
  BOOST_TEST(e.field == "max_bytes");
  // A huge count of continuation lines within the byte limit is read in one pass.
  std::string lines = "12/02/24 09.15 - Budi: a\n" + std::string(200000, '\n');
  BOOST_TEST(whatsapp(lines).units.size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(chat_telegram)

namespace {

const std::string k_single_chat = R"json({
 "name": "Agen Fiktif",
 "type": "personal_chat",
 "id": 123456,
 "messages": [
  {"id": 1, "type": "message", "date": "2024-02-12T09:15:22", "date_unixtime": "1707729322",
   "from": "Agen Fiktif", "from_id": "user1", "text": "Berangkat besok pagi"},
  {"id": 2, "type": "message", "date": "2024-02-12T09:16:00", "from": "Sari Rekaan", "from_id": "user2",
   "text": ["Lihat ", {"type": "link", "text": "https://contoh.invalid/kerja"}, " dan ",
            {"type": "bold", "text": "jangan bilang"}],
   "text_entities": []},
  {"id": 3, "type": "message", "date": "2024-02-12T09:17:00", "from": "Agen Fiktif",
   "photo": "photos/photo_1@12-02-2024_09-17-00.jpg", "width": 800, "height": 600, "text": ""},
  {"id": 4, "type": "message", "date": "2024-02-12T09:18:00", "from": "Agen Fiktif",
   "file": "files/kontrak.pdf", "mime_type": "application/pdf", "text": "kontraknya"},
  {"id": 5, "type": "message", "date": "2024-02-12T09:19:00", "from": null,
   "photo": "(File not included. Change data exporting settings to download.)", "text": "\u0001halo\u00e9"},
  {"id": 6, "type": "service", "date": "2024-02-12T09:20:00", "actor": "Agen Fiktif", "actor_id": "user1",
   "action": "invite_members", "members": ["Sari Rekaan", null], "text": ""},
  {"id": 7, "type": "service", "date": "2024-02-12T09:21:00", "actor": null,
   "action": "edit_group_title", "title": "Lowongan: Malaysia", "text": ""}
 ]
})json";

}  // namespace

BOOST_AUTO_TEST_CASE(single_chat) {
  const auto c = telegram(k_single_chat);
  BOOST_TEST((c.format == Format::telegram_json));
  BOOST_REQUIRE_EQUAL(c.units.size(), 7u);
  BOOST_TEST(c.units[0].number == 1);
  BOOST_TEST(c.units[0].time == "2024-02-12T09:15:22");
  BOOST_TEST(c.units[0].sender == "Agen Fiktif");
  BOOST_TEST(c.units[0].text == "Berangkat besok pagi");
  BOOST_TEST(c.units[1].text == "Lihat https://contoh.invalid/kerja dan jangan bilang");
  BOOST_TEST(c.units[2].media == "photos/photo_1@12-02-2024_09-17-00.jpg");
  BOOST_TEST(c.units[2].text == "");
  BOOST_TEST(c.units[3].media == "files/kontrak.pdf");
  BOOST_TEST(c.units[3].text == "kontraknya");
  BOOST_TEST(c.units[4].sender == "(akun terhapus / deleted account)");
  BOOST_TEST(c.units[4].media.empty());
  BOOST_TEST(c.units[4].text == "halo\xC3\xA9");  // \u0001 removed, \u00e9 decoded
  BOOST_TEST(c.units[5].system);
  BOOST_TEST(c.units[5].sender.empty());
  BOOST_TEST(c.units[5].text == "Agen Fiktif invite_members: Sari Rekaan, (akun terhapus / deleted account)");
  BOOST_TEST(c.units[6].system);
  BOOST_TEST(c.units[6].text == "(akun terhapus / deleted account) edit_group_title \"Lowongan: Malaysia\"");
  BOOST_TEST(c.metadata.at("chat.platform") == "telegram");
  BOOST_TEST(c.metadata.at("chat.names") == "Agen Fiktif");
  BOOST_TEST(c.metadata.at("chat.participants") == "(akun terhapus / deleted account); Agen Fiktif; Sari Rekaan");
  BOOST_TEST(c.metadata.at("chat.messages") == "7");
  BOOST_TEST(c.metadata.at("chat.first") == "2024-02-12T09:15:22");
  BOOST_TEST(c.metadata.at("chat.last") == "2024-02-12T09:21:00");
  BOOST_TEST(c.metadata.at("chat.media_omitted") == "1");
  const auto names = extract::chat_media_names(c);
  BOOST_TEST(names == (std::vector<std::string>{"photos/photo_1@12-02-2024_09-17-00.jpg", "files/kontrak.pdf"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(full_export) {
  const auto c = telegram(k_bom + R"({"about": "x", "personal_information": {"first_name": "Fiktif"},
    "chats": {"about": "y", "list": [
      {"name": "Agen Fiktif", "type": "personal_chat", "id": 1, "messages": [
        {"id": 1, "type": "message", "date": "2024-02-12T09:15:22", "from": "Agen Fiktif", "text": "satu"}]},
      {"name": "Grup Rekaan", "type": "private_group", "id": 2, "messages": [
        {"id": 9, "type": "message", "date": "2024-02-13T10:00:00", "from": "Sari Rekaan", "text": "dua"},
        {"id": 10, "type": "message", "date": "2024-02-13T10:01:00", "from": "Sari Rekaan", "text": "tiga"}]}
    ]}})");
  BOOST_REQUIRE_EQUAL(c.units.size(), 3u);
  BOOST_TEST(c.units[2].number == 3);
  BOOST_TEST(c.units[2].text == "tiga");
  BOOST_TEST(c.metadata.at("chat.names") == "Agen Fiktif; Grup Rekaan");
  BOOST_TEST(c.metadata.at("chat.participants") == "Agen Fiktif; Sari Rekaan");
  const auto empty = telegram(R"({"name": "Kosong", "type": "personal_chat", "id": 1, "messages": []})");
  BOOST_TEST(empty.units.empty());
  BOOST_TEST(empty.metadata.count("chat.first") == 0u);
}

BOOST_AUTO_TEST_CASE(hostile_json) {
  // Deeply nested, refused before parsing; brackets inside strings do not count.
  std::string deep = R"({"messages": [], "x": )" + std::string(100000, '[') + std::string(100000, ']') + "}";
  auto e = failure(extract::read_telegram_json(deep, {}));
  BOOST_TEST(mentions(e, "64"));
  BOOST_TEST(telegram(R"({"messages": [], "x": ")" + std::string(1000, '[') + "\"}").units.empty());
  // JSON that is not a Telegram export.
  failure(extract::read_telegram_json("[1, 2, 3]", {}));
  failure(extract::read_telegram_json(R"({"a": 1})", {}));
  failure(extract::read_telegram_json(R"({"messages": 5})", {}));
  failure(extract::read_telegram_json(R"({"messages": [5]})", {}));
  failure(extract::read_telegram_json(R"({"chats": {"list": {}}})", {}));
  failure(extract::read_telegram_json(R"({"chats": {"list": [3]}})", {}));
  e = failure(extract::read_telegram_json(R"({"messages": [{"id": 4, "date": "12/02/2024"}]})", {}));
  BOOST_TEST(mentions(e, "message id 4"));
  failure(extract::read_telegram_json(R"({"messages": [{"id": 4}]})", {}));
  // Malformed JSON, invalid UTF-8 (naming the line), over max_bytes, too many messages.
  failure(extract::read_telegram_json(R"({"messages": [)", {}));
  failure(extract::read_telegram_json("", {}));
  e = failure(extract::read_telegram_json("{\"messages\": [],\n\"x\": \"\xC3\x28\"}", {}));
  BOOST_TEST(e.line == 2);
  Limits tiny;
  tiny.max_bytes = 20;
  e = failure(extract::read_telegram_json(k_single_chat, tiny));
  BOOST_TEST(e.field == "max_bytes");
  Limits small;
  small.max_entries = 0;
  e = failure(extract::read_telegram_json(k_single_chat, small));
  BOOST_TEST(e.field == "max_entries");
  // A lone surrogate escape: refused, or read into valid UTF-8, never passed on broken.
  const auto lone = extract::read_telegram_json(
      R"({"messages": [{"id": 1, "date": "2024-02-12T09:15:22", "from": "A\ud800", "text": "x\udc00y"}]})", {});
  if (lone) {
    BOOST_REQUIRE_EQUAL(lone->units.size(), 1u);
    BOOST_TEST(core::is_valid_utf8(lone->units[0].text));
    BOOST_TEST(core::is_valid_utf8(lone->units[0].sender));
  } else {
    BOOST_TEST((lone.error().code == core::ErrorCode::invalid_input));
  }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(chat_archive)

BOOST_AUTO_TEST_CASE(whatsapp_zip) {
  const std::string chat =
      "12/02/24 09.15 - Budi Fiktif: IMG-20240212-WA0003.jpg (file terlampir)\n"
      "12/02/24 09.16 - Budi Fiktif: VID-20240212-WA0004.mp4 (file terlampir)\n"
      "12/02/24 09.17 - Sari Rekaan: PTT-20240212-WA0005.opus (file terlampir)\n"
      "12/02/24 09.18 - Sari Rekaan: IMG-20240212-WA0003.jpg (file terlampir)\n";
  const std::vector<Child> entries = {
      {"STK-20240212-WA0009.webp", "image/webp", "stiker"},
      {"PTT-20240212-WA0005.opus", "", "suara"},
      {"Chat WhatsApp dengan Budi Fiktif.txt", "text/plain", chat},
      {"IMG-20240212-WA0003.jpg", "image/jpeg", "foto"},
  };
  auto r = extract::read_chat_archive(entries, {});
  BOOST_REQUIRE_MESSAGE(r.has_value(), (r ? std::string() : r.error().message));
  BOOST_TEST((r->format == Format::whatsapp_zip));
  BOOST_REQUIRE_EQUAL(r->units.size(), 4u);
  BOOST_REQUIRE_EQUAL(r->children.size(), 3u);
  BOOST_TEST(r->children[0].name == "IMG-20240212-WA0003.jpg");
  BOOST_TEST(r->children[0].bytes == "foto");
  BOOST_TEST(r->children[0].media_type == "image/jpeg");
  BOOST_TEST(r->children[1].name == "PTT-20240212-WA0005.opus");
  BOOST_TEST(r->children[2].name == "STK-20240212-WA0009.webp");  // unreferenced, last
  BOOST_TEST(r->metadata.at("chat.media_missing") == "VID-20240212-WA0004.mp4");
  BOOST_TEST(r->metadata.at("chat.media_unreferenced") == "STK-20240212-WA0009.webp");

  // iOS: _chat.txt, everything present.
  const std::vector<Child> ios = {
      {"_chat.txt", "", "[2/12/24, 9:15:22 AM] Budi Fiktif: " + k_lrm + "<attached: 00000012-PHOTO-2024-02-12-09-15-22.jpg>\n"},
      {"00000012-PHOTO-2024-02-12-09-15-22.jpg", "", "foto"},
  };
  r = extract::read_chat_archive(ios, {});
  BOOST_REQUIRE_MESSAGE(r.has_value(), (r ? std::string() : r.error().message));
  BOOST_REQUIRE_EQUAL(r->children.size(), 1u);
  BOOST_TEST(r->children[0].name == "00000012-PHOTO-2024-02-12-09-15-22.jpg");
  BOOST_TEST(r->metadata.count("chat.media_missing") == 0u);
  BOOST_TEST(r->metadata.count("chat.media_unreferenced") == 0u);
  BOOST_TEST(extract::read_chat_archive({{"WhatsApp Chat with Budi.txt", "", "2/12/24, 9:15 AM - Budi: hi\n"}}, {})
                 .has_value());
}

BOOST_AUTO_TEST_CASE(telegram_zip) {
  const std::string json = R"({"name": "Agen Fiktif", "type": "personal_chat", "id": 1, "messages": [
    {"id": 1, "type": "message", "date": "2024-02-12T09:15:22", "from": "Agen Fiktif",
     "file": "files/kontrak.pdf", "text": ""},
    {"id": 2, "type": "message", "date": "2024-02-12T09:16:00", "from": "Agen Fiktif",
     "photo": "photos/photo_1@12-02-2024_09-16-00.jpg", "text": ""},
    {"id": 3, "type": "message", "date": "2024-02-12T09:17:00", "from": "Agen Fiktif",
     "photo": "photos/photo_2@12-02-2024_09-17-00.jpg", "text": ""}]})";
  const std::vector<Child> entries = {
      {"ChatExport_2024-02-12/", "", ""},
      {"ChatExport_2024-02-12/result.json", "application/json", json},
      {"ChatExport_2024-02-12/photos/", "", ""},
      {"ChatExport_2024-02-12/photos/photo_1@12-02-2024_09-16-00.jpg", "", "foto"},
      {"ChatExport_2024-02-12/files/kontrak.pdf", "", "%PDF-1.4"},
      {"ChatExport_2024-02-12/lain.txt", "", "x"},
  };
  auto r = extract::read_chat_archive(entries, {});
  BOOST_REQUIRE_MESSAGE(r.has_value(), (r ? std::string() : r.error().message));
  BOOST_TEST((r->format == Format::telegram_zip));
  BOOST_REQUIRE_EQUAL(r->children.size(), 3u);
  BOOST_TEST(r->children[0].name == "ChatExport_2024-02-12/files/kontrak.pdf");
  BOOST_TEST(r->children[1].name == "ChatExport_2024-02-12/photos/photo_1@12-02-2024_09-16-00.jpg");
  BOOST_TEST(r->children[2].name == "ChatExport_2024-02-12/lain.txt");
  BOOST_TEST(r->metadata.at("chat.media_missing") == "photos/photo_2@12-02-2024_09-17-00.jpg");
  BOOST_TEST(r->metadata.at("chat.media_unreferenced") == "ChatExport_2024-02-12/lain.txt");
}

BOOST_AUTO_TEST_CASE(hostile_archives) {
  const std::string wa = "12/02/24 09.15 - Budi: a\n";
  auto e = failure(extract::read_chat_archive({{"foto.jpg", "", "x"}}, {}));
  BOOST_TEST(mentions(e, "chat file"));
  failure(extract::read_chat_archive({}, {}));
  e = failure(extract::read_chat_archive({{"_chat.txt", "", wa}, {"a/result.json", "", "{}"}}, {}));
  BOOST_TEST(mentions(e, "more than one chat file"));
  // The chat file's own error, named.
  e = failure(extract::read_chat_archive({{"_chat.txt", "", "bukan obrolan\n"}}, {}));
  BOOST_TEST(e.file == "_chat.txt");
  BOOST_TEST(e.line == 1);
  BOOST_TEST(mentions(e, "_chat.txt: "));
  e = failure(extract::read_chat_archive({{"result.json", "", R"({"a": 1})"}}, {}));
  BOOST_TEST(e.file == "result.json");
  // Bounds: entries, one entry's size, all together.
  Limits few;
  few.max_entries = 2;
  e = failure(extract::read_chat_archive({{"_chat.txt", "", wa}, {"a", "", "1"}, {"b", "", "2"}}, few));
  BOOST_TEST(e.field == "max_entries");
  Limits small;
  small.max_bytes = 100;
  e = failure(extract::read_chat_archive({{"_chat.txt", "", wa}, {"big.jpg", "", std::string(101, 'x')}}, small));
  BOOST_TEST(e.field == "max_bytes");
  BOOST_TEST(e.file == "big.jpg");
  Limits total;
  total.max_total_inflated = 150;
  e = failure(extract::read_chat_archive(
      {{"_chat.txt", "", wa}, {"a.jpg", "", std::string(100, 'x')}, {"b.jpg", "", std::string(100, 'x')}}, total));
  BOOST_TEST(e.field == "max_total_inflated");
}

BOOST_AUTO_TEST_SUITE_END()
