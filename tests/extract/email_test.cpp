// extract::read_eml: e-mails written here byte by byte (all names, addresses and text FIKTIF).
#include <boost/test/unit_test.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <string>
#include <thread>
#include <vector>

#include "extract/email.h"

using namespace berkas;
using extract::Limits;
using extract::read_eml;

namespace {

std::string base64(std::string_view in, std::size_t line = 76) {
  static const char* k = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t col = 0;
  for (std::size_t i = 0; i < in.size(); i += 3) {
    const unsigned a = static_cast<unsigned char>(in[i]);
    const unsigned b = i + 1 < in.size() ? static_cast<unsigned char>(in[i + 1]) : 0;
    const unsigned c = i + 2 < in.size() ? static_cast<unsigned char>(in[i + 2]) : 0;
    const unsigned v = (a << 16) | (b << 8) | c;
    out += k[(v >> 18) & 63];
    out += k[(v >> 12) & 63];
    out += i + 1 < in.size() ? k[(v >> 6) & 63] : '=';
    out += i + 2 < in.size() ? k[v & 63] : '=';
    if ((col += 4) >= line) {
      out += "\r\n";
      col = 0;
    }
  }
  if (col) out += "\r\n";
  return out;
}

// Headers common to the test messages; `extra` adds or overrides (written first, so GMime's
// first-occurrence rule picks it).
std::string head(const std::string& extra = "") {
  return extra +
         "From: Budi Santoso <budi.santoso@contoh.test>\r\n"
         "To: Siti Rahma <siti.rahma@contoh.test>, agen@rekrut.test\r\n"
         "Cc: Wayan Fiktif <wayan@contoh.test>\r\n"
         "Date: Mon, 12 Feb 2024 09:15:00 +0700\r\n"
         "Subject: Tawaran kerja\r\n"
         "Message-ID: <abc.123@contoh.test>\r\n"
         "MIME-Version: 1.0\r\n";
}

// A small PDF-looking blob and PNG-looking blob (binary bytes, NULs included).
std::string pdf_blob() {
  std::string b = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj << /Type /Catalog >> endobj\n";
  for (int i = 0; i < 300; ++i) b += static_cast<char>(i % 256);
  return b + "\n%%EOF\n";
}
std::string png_blob() {
  std::string b("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  for (int i = 0; i < 200; ++i) b += static_cast<char>((i * 7) % 256);
  return b;
}

std::string body_of(const extract::Extracted& e) { return e.units.size() > 1 ? e.units[1].text : ""; }

void expect_refused(const core::Result<extract::Extracted>& r, const std::string& words) {
  BOOST_REQUIRE(!r);
  BOOST_TEST(static_cast<int>(r.error().code) == static_cast<int>(core::ErrorCode::invalid_input));
  BOOST_TEST(r.error().message.find(" / ") != std::string::npos, r.error().message);
  BOOST_TEST(r.error().message.find(words) != std::string::npos, r.error().message);
}

// A message with a PDF, an inline image and a nested message, around a multipart/alternative.
std::string with_attachments() {
  const std::string nested =
      "From: Agen Fiktif <agen@rekrut.test>\r\n"
      "To: Budi Santoso <budi.santoso@contoh.test>\r\n"
      "Subject: Kontrak asli\r\n"
      "Date: Sun, 11 Feb 2024 20:00:00 +0800\r\n"
      "MIME-Version: 1.0\r\n"
      "Content-Type: multipart/mixed; boundary=\"in\"\r\n\r\n"
      "--in\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nLihat lampiran.\r\n"
      "--in\r\nContent-Type: application/pdf; name=\"dalam.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
      base64("inner pdf bytes") + "--in--\r\n";
  return head() +
         "Content-Type: multipart/mixed; boundary=\"out\"\r\n\r\n"
         "This is a multi-part message in MIME format.\r\n"
         "--out\r\nContent-Type: multipart/alternative; boundary=\"alt\"\r\n\r\n"
         "--alt\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nKontrak terlampir.\r\n"
         "--alt\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Kontrak <b>terlampir</b>.</p>\r\n"
         "--alt--\r\n"
         "--out\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"kontrak kerja.pdf\"\r\n"
         "Content-Transfer-Encoding: base64\r\n\r\n" +
         base64(pdf_blob()) +
         "--out\r\nContent-Type: image/png\r\nContent-Disposition: inline\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
         base64(png_blob()) +
         "--out\r\nContent-Type: message/rfc822\r\nContent-Disposition: attachment\r\n\r\n" + nested + "--out--\r\n";
}

// Nested multiparts `depth` deep around one text part.
std::string nested_multiparts(int depth) {
  std::string s = head();
  for (int i = 0; i < depth; ++i)
    s += "Content-Type: multipart/mixed; boundary=\"b" + std::to_string(i) + "\"\r\n\r\n--b" + std::to_string(i) + "\r\n";
  s += "Content-Type: text/plain\r\n\r\npaling dalam\r\n";
  for (int i = depth - 1; i >= 0; --i) s += "--b" + std::to_string(i) + "--\r\n";
  return s;
}

std::string many_parts(int n) {
  std::string s = head() + "Content-Type: multipart/mixed; boundary=\"p\"\r\n\r\n";
  for (int i = 0; i < n; ++i) s += "--p\r\nContent-Type: text/plain\r\n\r\nx\r\n";
  return s + "--p--\r\n";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(email)

BOOST_AUTO_TEST_CASE(plain_message_header_block_body_and_metadata) {
  const std::string eml = head() +
                          "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                          "Halo Siti,\r\n\r\nGaji 8 juta per bulan \xE2\x80\x94 berangkat minggu depan.\r\n"
                          "Kolom\tdengan tab, kendali\x01\x7F dibuang.\r\n";
  auto r = read_eml(eml, Limits{});
  BOOST_REQUIRE_MESSAGE(r.has_value(), (r ? std::string() : r.error().message));
  BOOST_TEST(extract::to_string(r->format) == std::string("eml"));
  BOOST_REQUIRE_EQUAL(r->units.size(), 2u);
  BOOST_TEST(r->units[0].number == 1);
  BOOST_TEST(r->units[0].text ==
             "Dari / From: Budi Santoso <budi.santoso@contoh.test>\n"
             "Kepada / To: Siti Rahma <siti.rahma@contoh.test>, agen@rekrut.test\n"
             "Cc: Wayan Fiktif <wayan@contoh.test>\n"
             "Tanggal / Date: 2024-02-12T09:15:00+07:00\n"
             "Perihal / Subject: Tawaran kerja");
  BOOST_TEST(r->units[1].number == 2);
  BOOST_TEST(r->units[1].text ==
             "Halo Siti,\n\nGaji 8 juta per bulan \xE2\x80\x94 berangkat minggu depan.\nKolom\tdengan tab, kendali dibuang.");
  for (const auto& u : r->units) BOOST_TEST(extract::to_string(u.method) == std::string("parsed"));
  BOOST_TEST(r->metadata.at("email.from") == "Budi Santoso <budi.santoso@contoh.test>");
  BOOST_TEST(r->metadata.at("email.to") == "Siti Rahma <siti.rahma@contoh.test>, agen@rekrut.test");
  BOOST_TEST(r->metadata.at("email.cc") == "Wayan Fiktif <wayan@contoh.test>");
  BOOST_TEST(r->metadata.at("email.subject") == "Tawaran kerja");
  BOOST_TEST(r->metadata.at("email.date") == "2024-02-12T09:15:00+07:00");
  BOOST_TEST(r->metadata.at("email.message_id") == "abc.123@contoh.test");
  BOOST_TEST(r->metadata.at("email.attachments") == "0");
  BOOST_TEST(r->children.empty());
}

BOOST_AUTO_TEST_CASE(missing_fields_and_unparsed_date) {
  const std::string eml =
      "From: agen@rekrut.test\nSubject: tanpa tanggal\nDate: kemarin sore\n\nIsi singkat.\n";
  auto r = read_eml(eml, Limits{});
  BOOST_REQUIRE_MESSAGE(r.has_value(), (r ? std::string() : r.error().message));
  BOOST_TEST(r->units[0].text ==
             "Dari / From: agen@rekrut.test\nKepada / To:\nTanggal / Date: kemarin sore\nPerihal / Subject: tanpa tanggal");
  BOOST_TEST(!r->metadata.count("email.date"));
  BOOST_TEST(!r->metadata.count("email.to"));
  BOOST_TEST(!r->metadata.count("email.cc"));
  BOOST_TEST(body_of(*r) == "Isi singkat.");
}

BOOST_AUTO_TEST_CASE(mbox_from_line_first) {
  const std::string eml = "From agen@rekrut.test Mon Feb 12 09:15:00 2024\n" + head() + "\nIsi.\n";
  auto r = read_eml(eml, Limits{});
  BOOST_REQUIRE_MESSAGE(r.has_value(), (r ? std::string() : r.error().message));
  BOOST_TEST(r->metadata.at("email.subject") == "Tawaran kerja");
  BOOST_TEST(body_of(*r) == "Isi.");
}

BOOST_AUTO_TEST_CASE(quoted_printable_iso_8859_1_body) {
  const std::string eml = head() +
                          "Content-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                          "Kami bertemu di caf=E9 dekat pelabuhan, pukul 10 =\r\npagi. Biaya =A3200.\r\n";
  auto r = read_eml(eml, Limits{});
  BOOST_REQUIRE_MESSAGE(r.has_value(), (r ? std::string() : r.error().message));
  BOOST_TEST(body_of(*r) == "Kami bertemu di caf\xC3\xA9 dekat pelabuhan, pukul 10 pagi. Biaya \xC2\xA3" "200.");
}

BOOST_AUTO_TEST_CASE(quoted_printable_utf8_and_base64_bodies) {
  {
    const std::string eml = head() +
                            "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                            "Paspor ditahan =E2=80=94 jangan bilang siapa-siapa.\r\n";
    auto r = read_eml(eml, Limits{});
    BOOST_REQUIRE_MESSAGE(r.has_value(), (r ? std::string() : r.error().message));
    BOOST_TEST(body_of(*r) == "Paspor ditahan \xE2\x80\x94 jangan bilang siapa-siapa.");
  }
  {
    const std::string text = "Tiket sudah dibeli \xE2\x80\x94 utang Rp 15.000.000 dipotong dari gaji.\r\nSalam.\r\n";
    const std::string eml = head() + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
                            base64(text);
    auto r = read_eml(eml, Limits{});
    BOOST_REQUIRE_MESSAGE(r.has_value(), (r ? std::string() : r.error().message));
    BOOST_TEST(body_of(*r) == "Tiket sudah dibeli \xE2\x80\x94 utang Rp 15.000.000 dipotong dari gaji.\nSalam.");
  }
  {
    // base64 of iso-8859-1 bytes, and of windows-1252 curly quotes.
    const std::string eml = head() + "Content-Type: text/plain; charset=ISO-8859-1\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
                            base64("Se\xF1or Jos\xE9 menunggu.");
    auto r = read_eml(eml, Limits{});
    BOOST_REQUIRE_MESSAGE(r.has_value(), (r ? std::string() : r.error().message));
    BOOST_TEST(body_of(*r) == "Se\xC3\xB1or Jos\xC3\xA9 menunggu.");
    const std::string w = head() + "Content-Type: text/plain; charset=windows-1252\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
                          base64("\x93Kerja halal\x94 katanya \x80 500");
    auto rw = read_eml(w, Limits{});
    BOOST_REQUIRE_MESSAGE(rw.has_value(), (rw ? std::string() : rw.error().message));
    BOOST_TEST(body_of(*rw) == "\xE2\x80\x9CKerja halal\xE2\x80\x9D katanya \xE2\x82\xAC 500");
  }
}

BOOST_AUTO_TEST_CASE(undeclared_and_unknown_charsets) {
  // 8-bit text without a charset: UTF-8 when valid, else windows-1252; an unknown charset the same.
  auto a = read_eml(head() + "\r\nJalan Mawar \xE2\x84\x96 5\r\n", Limits{});
  BOOST_REQUIRE(a.has_value());
  BOOST_TEST(body_of(*a) == "Jalan Mawar \xE2\x84\x96 5");
  auto b = read_eml(head() + "Content-Type: text/plain; charset=x-tidak-dikenal\r\n\r\nCaf\xE9 \x81!\r\n", Limits{});
  BOOST_REQUIRE(b.has_value());
  BOOST_TEST(body_of(*b) == "Caf\xC3\xA9 \xEF\xBF\xBD!");
  // US-ASCII with 8-bit bytes is mislabelled: read as undeclared.
  auto m = read_eml(head() + "Content-Type: text/plain; charset=us-ascii\r\n\r\nna\xEFve \x80\r\n", Limits{});
  BOOST_REQUIRE(m.has_value());
  BOOST_TEST(body_of(*m) == "na\xC3\xAFve \xE2\x82\xAC");
  // Declared UTF-8 with invalid bytes: each becomes U+FFFD.
  auto c = read_eml(head() + "Content-Type: text/plain; charset=utf-8\r\n\r\nrusak \xFF\xC0\xAF ini\r\n", Limits{});
  BOOST_REQUIRE(c.has_value());
  BOOST_TEST(body_of(*c) == "rusak \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD ini");
}

BOOST_AUTO_TEST_CASE(encoded_word_headers) {
  // Subject split into two encoded words (base64 and Q) with folding between them.
  const std::string subject_b64 = base64("Lowongan kerja di luar negeri \xE2\x80\x93 ", 1000);
  const std::string msg = "From: =?UTF-8?Q?Pak_R=C3=B6di_Fiktif?= <rodi@rekrut.test>\r\n"
                          "To: =?iso-8859-1?Q?Jos=E9?= <jose@contoh.test>\r\n"
                          "Subject: =?UTF-8?B?" + subject_b64.substr(0, subject_b64.size() - 2) +
                          "?=\r\n =?utf-8?q?gaji_besar_tanpa_biaya?=\r\n"
                          "Date: Tue, 13 Feb 2024 23:05:09 -0300\r\n\r\nIsi.\r\n";
  auto r = read_eml(msg, Limits{});
  BOOST_REQUIRE_MESSAGE(r.has_value(), (r ? std::string() : r.error().message));
  BOOST_TEST(r->metadata.at("email.subject") == "Lowongan kerja di luar negeri \xE2\x80\x93 gaji besar tanpa biaya");
  BOOST_TEST(r->metadata.at("email.from") == "Pak R\xC3\xB6" "di Fiktif <rodi@rekrut.test>");
  BOOST_TEST(r->metadata.at("email.to") == "Jos\xC3\xA9 <jose@contoh.test>");
  BOOST_TEST(r->metadata.at("email.date") == "2024-02-13T23:05:09-03:00");
  BOOST_TEST(r->units[0].text.find("Perihal / Subject: Lowongan kerja di luar negeri") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(html_only_body_as_text) {
  const std::string html =
      "<!DOCTYPE html><html><head><meta charset=\"iso-8859-1\"><title>Judul tersembunyi</title>"
      "<style>p { color: red }</style></head><body>"
      "<p>Halo&nbsp;Budi,</p><p>Gaji &amp; tiket   &lt;gratis&gt;.<br>Baris   dua\n  lanjut</p>"
      "<script>alert('x')</script>"
      "<ul><li>satu</li><li>dua &#8212; tiga</li></ul>"
      "<table><tr><th>Nama</th><th>Negara</th></tr><tr><td>Siti</td><td>Malaysia</td></tr></table>"
      "<div>Akhir</div><pre>a  b\n  c</pre></body></html>";
  const std::string eml = head() + "Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n" +
                          html + "\r\n";
  auto r = read_eml(eml, Limits{});
  BOOST_REQUIRE_MESSAGE(r.has_value(), (r ? std::string() : r.error().message));
  BOOST_TEST(body_of(*r) ==
             "Halo Budi,\n\nGaji & tiket <gratis>.\nBaris dua lanjut\n\nsatu\ndua \xE2\x80\x94 tiga\n\n"
             "Nama\tNegara\nSiti\tMalaysia\n\nAkhir\n\na  b\n  c");
  BOOST_TEST(r->children.empty());
}

BOOST_AUTO_TEST_CASE(html_in_windows_1252_decoded_first) {
  const std::string eml = head() + "Content-Type: text/html; charset=windows-1252\r\n\r\n<p>\x93Pasti aman\x94</p>\r\n";
  auto r = read_eml(eml, Limits{});
  BOOST_REQUIRE(r.has_value());
  BOOST_TEST(body_of(*r) == "\xE2\x80\x9CPasti aman\xE2\x80\x9D");
}

BOOST_AUTO_TEST_CASE(alternative_prefers_plain_in_any_order) {
  for (bool html_first : {false, true}) {
    const std::string plain = "--a\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nVersi teks.\r\n";
    const std::string html = "--a\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Versi <i>HTML</i>.</p>\r\n";
    const std::string eml = head() + "Content-Type: multipart/alternative; boundary=a\r\n\r\n" +
                            (html_first ? html + plain : plain + html) + "--a--\r\n";
    auto r = read_eml(eml, Limits{});
    BOOST_REQUIRE(r.has_value());
    BOOST_TEST(body_of(*r) == "Versi teks.");
    BOOST_TEST(r->children.empty());
  }
  // Without a text/plain, the HTML (inside multipart/related) is the body; its image a child.
  const std::string eml = head() +
                          "Content-Type: multipart/alternative; boundary=a\r\n\r\n"
                          "--a\r\nContent-Type: multipart/related; boundary=r\r\n\r\n"
                          "--r\r\nContent-Type: text/html\r\n\r\n<p>Lihat foto</p>\r\n"
                          "--r\r\nContent-Type: image/png\r\nContent-ID: <f1>\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
                          base64(png_blob()) + "--r--\r\n--a--\r\n";
  auto r = read_eml(eml, Limits{});
  BOOST_REQUIRE_MESSAGE(r.has_value(), (r ? std::string() : r.error().message));
  BOOST_TEST(body_of(*r) == "Lihat foto");
  BOOST_REQUIRE_EQUAL(r->children.size(), 1u);
  BOOST_TEST(r->children[0].name == "lampiran-1.png");
  BOOST_TEST(r->children[0].bytes == png_blob());
}

BOOST_AUTO_TEST_CASE(attachments_pdf_image_and_nested_message) {
  auto r = read_eml(with_attachments(), Limits{});
  BOOST_REQUIRE_MESSAGE(r.has_value(), (r ? std::string() : r.error().message));
  BOOST_TEST(body_of(*r) == "Kontrak terlampir.");
  BOOST_TEST(r->metadata.at("email.attachments") == "3");
  BOOST_REQUIRE_EQUAL(r->children.size(), 3u);
  BOOST_TEST(r->children[0].name == "kontrak kerja.pdf");
  BOOST_TEST(r->children[0].media_type == "application/pdf");
  BOOST_TEST(r->children[0].bytes == pdf_blob());
  BOOST_TEST(r->children[1].name == "lampiran-2.png");
  BOOST_TEST(r->children[1].media_type == "image/png");
  BOOST_TEST(r->children[1].bytes == png_blob());
  BOOST_TEST(r->children[2].name == "lampiran-3.eml");
  BOOST_TEST(r->children[2].media_type == "message/rfc822");
  // The nested message is a whole e-mail of its own, with its own attachment.
  auto inner = read_eml(r->children[2].bytes, Limits{});
  BOOST_REQUIRE_MESSAGE(inner.has_value(), (inner ? std::string() : inner.error().message));
  BOOST_TEST(inner->metadata.at("email.subject") == "Kontrak asli");
  BOOST_TEST(inner->metadata.at("email.date") == "2024-02-11T20:00:00+08:00");
  BOOST_TEST(body_of(*inner) == "Lihat lampiran.");
  BOOST_REQUIRE_EQUAL(inner->children.size(), 1u);
  BOOST_TEST(inner->children[0].name == "dalam.pdf");
  BOOST_TEST(inner->children[0].bytes == "inner pdf bytes");
}

BOOST_AUTO_TEST_CASE(digest_children_are_nested_messages) {
  const std::string eml = head() +
                          "Content-Type: multipart/digest; boundary=d\r\n\r\n"
                          "--d\r\n\r\nSubject: satu\r\nFrom: a@contoh.test\r\n\r\nisi satu\r\n"
                          "--d\r\nContent-Type: message/rfc822\r\nContent-Disposition: attachment; filename=dua.eml\r\n\r\n"
                          "Subject: dua\r\n\r\nisi dua\r\n--d--\r\n";
  auto r = read_eml(eml, Limits{});
  BOOST_REQUIRE_MESSAGE(r.has_value(), (r ? std::string() : r.error().message));
  BOOST_TEST(r->units.size() == 1u);
  BOOST_REQUIRE_EQUAL(r->children.size(), 2u);
  BOOST_TEST(r->children[0].name == "lampiran-1.eml");
  BOOST_TEST(r->children[1].name == "dua.eml");
  auto first = read_eml(r->children[0].bytes, Limits{});
  BOOST_REQUIRE(first.has_value());
  BOOST_TEST(first->metadata.at("email.subject") == "satu");
  BOOST_TEST(body_of(*first) == "isi satu");
}

BOOST_AUTO_TEST_CASE(attached_text_is_a_child_not_the_body) {
  const std::string eml = head() +
                          "Content-Type: multipart/mixed; boundary=m\r\n\r\n"
                          "--m\r\nContent-Type: text/plain\r\n\r\nIsi pertama.\r\n"
                          "--m\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Disposition: attachment; filename=catatan.txt\r\n\r\n"
                          "catatan rahasia\r\n"
                          "--m\r\nContent-Type: text/plain\r\n\r\nIsi kedua.\r\n"
                          "--m--\r\n";
  auto r = read_eml(eml, Limits{});
  BOOST_REQUIRE(r.has_value());
  BOOST_TEST(body_of(*r) == "Isi pertama.\n\nIsi kedua.");
  BOOST_REQUIRE_EQUAL(r->children.size(), 1u);
  BOOST_TEST(r->children[0].name == "catatan.txt");
  BOOST_TEST(r->children[0].bytes == "catatan rahasia");  // the line end before a boundary is the boundary's
  // A message that is only an attachment has no body unit.
  auto only = read_eml(head() + "Content-Type: application/pdf\r\nContent-Disposition: attachment; filename=a.pdf\r\n"
                                "Content-Transfer-Encoding: base64\r\n\r\n" + base64(pdf_blob()),
                       Limits{});
  BOOST_REQUIRE(only.has_value());
  BOOST_TEST(only->units.size() == 1u);
  BOOST_REQUIRE_EQUAL(only->children.size(), 1u);
  BOOST_TEST(only->children[0].bytes == pdf_blob());
}

BOOST_AUTO_TEST_CASE(attachment_names_reduced_to_safe_base_names) {
  const std::string long_name(300, 'x');
  struct Case {
    std::string disposition;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"attachment; filename=\"../../etc/passwd\"", "passwd"},
      {"attachment; filename=\"C:\\\\x\\\\y.pdf\"", "y.pdf"},
      {"attachment; filename=\"..\"", "lampiran-3.pdf"},
      {"attachment", "lampiran-4.pdf"},
      {"attachment; filename=\"" + long_name + ".pdf\"", std::string(116, 'x') + ".pdf"},
      {"attachment; filename*=utf-8''surat%20kuasa%E2%80%94final.pdf", "surat kuasa\xE2\x80\x94" "final.pdf"},
      {"attachment; filename=\"=?UTF-8?Q?bukti=01transfer=0A=09x.pdf?=\"", "buktitransfer x.pdf"},
      {"attachment; filename=\"...tersembunyi?.pdf\"", "tersembunyi.pdf"},
  };
  std::string eml = head() + "Content-Type: multipart/mixed; boundary=n\r\n\r\n";
  for (const auto& c : cases)
    eml += "--n\r\nContent-Type: application/pdf\r\nContent-Disposition: " + c.disposition +
           "\r\nContent-Transfer-Encoding: base64\r\n\r\n" + base64("isi") ;
  eml += "--n--\r\n";
  auto r = read_eml(eml, Limits{});
  BOOST_REQUIRE_MESSAGE(r.has_value(), (r ? std::string() : r.error().message));
  BOOST_REQUIRE_EQUAL(r->children.size(), cases.size());
  for (std::size_t i = 0; i < cases.size(); ++i) {
    BOOST_TEST(r->children[i].name == cases[i].expected, "case " << i << ": " << r->children[i].name);
    BOOST_TEST(r->children[i].name.size() <= 120u);
    BOOST_TEST(r->children[i].name.find('/') == std::string::npos);
    BOOST_TEST(r->children[i].name.find('\\') == std::string::npos);
    BOOST_TEST(r->children[i].bytes == "isi");
  }
}

BOOST_AUTO_TEST_CASE(not_an_email) {
  expect_refused(read_eml("Foo: bar\nBaz: qux\nX-Sampah: 1\n", Limits{}), "bukan e-mail");
  expect_refused(read_eml("Foo: bar\nBaz: qux\n\nFrom: tersembunyi@contoh.test\n", Limits{}), "bukan e-mail");
  std::string junk;
  for (int i = 0; i < 5000; ++i) junk += static_cast<char>((i * 131 + 7) % 256);
  expect_refused(read_eml(junk, Limits{}), "bukan e-mail");
  expect_refused(read_eml(std::string("\0\0\0\0From: a@b\n", 15), Limits{}), "bukan e-mail");
  expect_refused(read_eml("", Limits{}), "bukan e-mail");
  expect_refused(read_eml("Dokumen biasa tanpa kepala.\nBaris kedua.\n", Limits{}), "bukan e-mail");
}

BOOST_AUTO_TEST_CASE(part_count_bounded) {
  // 10000 parts (plus the multipart and its message): over the default max_entries.
  expect_refused(read_eml(many_parts(10000), Limits{}), "lebih dari 10000 bagian MIME");
  // 100000 boundary lines are refused by the pre-scan, before GMime builds them.
  expect_refused(read_eml(many_parts(100000), Limits{}), "terlalu banyak batas");
  Limits small;
  small.max_entries = 50;
  expect_refused(read_eml(many_parts(60), small), "lebih dari 50 bagian MIME");
  auto ok = read_eml(many_parts(40), small);
  BOOST_REQUIRE_MESSAGE(ok.has_value(), (ok ? std::string() : ok.error().message));
  BOOST_TEST(body_of(*ok).size() == 40 * 3 - 2);  // "x" pieces joined by blank lines
}

BOOST_AUTO_TEST_CASE(nesting_depth_bounded) {
  auto twenty = read_eml(nested_multiparts(20), Limits{});
  BOOST_REQUIRE_MESSAGE(twenty.has_value(), (twenty ? std::string() : twenty.error().message));
  BOOST_TEST(body_of(*twenty) == "paling dalam");
  expect_refused(read_eml(nested_multiparts(21), Limits{}), "20 tingkat");
  expect_refused(read_eml(nested_multiparts(100), Limits{}), "20 tingkat");
  // Nested messages count as levels too.
  std::string rfc = head();
  for (int i = 0; i < 100; ++i) rfc += "Content-Type: message/rfc822\r\n\r\nSubject: lapis " + std::to_string(i) + "\r\n";
  rfc += "\r\ninti\r\n";
  expect_refused(read_eml(rfc, Limits{}), "20 tingkat");
}

BOOST_AUTO_TEST_CASE(header_bounds) {
  std::string many = "From: a@contoh.test\r\n";
  for (int i = 0; i < 300000; ++i) many += "X-H: y\r\n";
  expect_refused(read_eml(many + "\r\nisi\r\n", Limits{}), "terlalu banyak baris kepala");
  std::string to = "From: a@contoh.test\r\nTo: ";
  for (int i = 0; i < 100000; ++i) to += "p" + std::to_string(i) + "@contoh.test,\r\n ";
  expect_refused(read_eml(to + "z@contoh.test\r\n\r\nisi\r\n", Limits{}), "bita");
  std::string folded = "From: a@contoh.test\r\nX-Panjang: a";
  for (int i = 0; i < 40000; ++i) folded += "\r\n bbbbbbbb";
  expect_refused(read_eml(folded + "\r\n\r\nisi\r\n", Limits{}), "baris kepala lebih dari");
  // Body lines that look like fields are not header lines.
  std::string body = head() + "\r\n";
  for (int i = 0; i < 300000; ++i) body += "Catatan: baris " + std::to_string(i) + "\r\n";
  auto r = read_eml(body, Limits{});
  BOOST_REQUIRE_MESSAGE(r.has_value(), (r ? std::string() : r.error().message));
}

BOOST_AUTO_TEST_CASE(size_bounds) {
  // An attachment decoding beyond max_bytes: base64, quoted-printable and uuencode never grow,
  // so the e-mail carrying it is beyond max_bytes too and is refused before parsing.
  const std::string big(6000, 'A');
  const std::string eml = head() + "Content-Type: multipart/mixed; boundary=s\r\n\r\n"
                                   "--s\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
                          base64(big) + "--s--\r\n";
  Limits l;
  l.max_bytes = 5000;
  expect_refused(read_eml(eml, l), "lebih besar dari batas 5000");
  l.max_bytes = eml.size();
  auto ok = read_eml(eml, l);
  BOOST_REQUIRE(ok.has_value());
  BOOST_TEST(ok->children.at(0).bytes == big);
  // All attachments together beyond max_total_inflated.
  l.max_total_inflated = 10000;
  const std::string two = head() + "Content-Type: multipart/mixed; boundary=s\r\n\r\n"
                                   "--s\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
                          base64(big) +
                          "--s\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
                          base64(big) + "--s--\r\n";
  l.max_bytes = two.size();
  expect_refused(read_eml(two, l), "lampiran-lampiran bersama melebihi batas 10000");
  // Body text that grows in decoding (windows-1252 to UTF-8: 1 byte to 3) beyond max_bytes.
  const std::string euro = head() + "Content-Type: text/plain; charset=windows-1252\r\n\r\n" + std::string(3000, '\x80');
  Limits t;
  t.max_bytes = euro.size();
  expect_refused(read_eml(euro, t), "teks badan pesan melebihi batas");
  t.max_bytes = 10000;
  auto fits = read_eml(euro, t);
  BOOST_REQUIRE(fits.has_value());
  BOOST_TEST(body_of(*fits).size() == 9000u);
}

BOOST_AUTO_TEST_CASE(nothing_printed) {
  // GMime and libxml2 must never print (content may name a protected person): catch fds 1 and 2.
  int pipe_fds[2];
  BOOST_REQUIRE(pipe(pipe_fds) == 0);
  fflush(stdout);
  fflush(stderr);
  const int saved_out = dup(1), saved_err = dup(2);
  dup2(pipe_fds[1], 1);
  dup2(pipe_fds[1], 2);
  (void)read_eml(with_attachments(), Limits{});
  (void)read_eml(head() + "Content-Type: text/html\r\n\r\n<p><b>Saksi A</i></p></div><x:y>&bogus;<!--", Limits{});
  (void)read_eml("Subject: =?x-unknown?Q?Saksi_A?=\r\nContent-Type: multipart/mixed\r\n\r\n--\r\n", Limits{});
  (void)read_eml(nested_multiparts(30), Limits{});
  std::string junk;
  for (int i = 0; i < 3000; ++i) junk += static_cast<char>((i * 37 + 11) % 256);
  (void)read_eml(head() + junk, Limits{});
  fflush(stdout);
  fflush(stderr);
  dup2(saved_out, 1);
  dup2(saved_err, 2);
  close(saved_out);
  close(saved_err);
  close(pipe_fds[1]);
  fcntl(pipe_fds[0], F_SETFL, O_NONBLOCK);
  char buf[256];
  const ssize_t n = read(pipe_fds[0], buf, sizeof buf);
  close(pipe_fds[0]);
  BOOST_TEST(n <= 0, "printed: " << std::string(buf, n > 0 ? static_cast<std::size_t>(n) : 0));
}

BOOST_AUTO_TEST_CASE(parallel_reads_agree) {
  const std::vector<std::string> inputs = {with_attachments(), nested_multiparts(10), many_parts(50),
                                           head() + "Content-Type: text/html\r\n\r\n<p>Halo</p><p>dunia</p>\r\n"};
  std::vector<extract::Extracted> expected;
  for (const auto& in : inputs) {
    auto r = read_eml(in, Limits{});
    BOOST_REQUIRE(r.has_value());
    expected.push_back(*r);
  }
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int k = 0; k < 40; ++k) {
        const std::size_t i = static_cast<std::size_t>(t + k) % inputs.size();
        auto r = read_eml(inputs[i], Limits{});
        if (!r || r->units.size() != expected[i].units.size() || r->metadata != expected[i].metadata ||
            r->children.size() != expected[i].children.size()) {
          ++mismatches[t];
          continue;
        }
        for (std::size_t u = 0; u < r->units.size(); ++u)
          if (r->units[u].text != expected[i].units[u].text) ++mismatches[t];
        for (std::size_t c = 0; c < r->children.size(); ++c)
          if (r->children[c].bytes != expected[i].children[c].bytes || r->children[c].name != expected[i].children[c].name)
            ++mismatches[t];
      }
    });
  for (auto& th : threads) th.join();
  for (int m : mismatches) BOOST_TEST(m == 0);
}

BOOST_AUTO_TEST_SUITE_END()
