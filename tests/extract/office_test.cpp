// extract/office: DOCX and ODT text, metadata and media, from documents written here (FIKTIF)
// and zipped by Python's zipfile (zip_maker.h).
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "extract/office.h"
#include "zip_maker.h"

using namespace berkas;
using extract::Extracted;
using extract::Format;
using extract::Limits;
using extract::read_docx;
using extract::read_odt;
using test::py;
using test::python_zip;

namespace {

const std::string k_w_ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

std::string word_document(const std::string& body) {
  return R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
         "\n<w:document xmlns:w=\"" + k_w_ns + "\" "
         R"(xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" )"
         R"(xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><w:body>)" +
         body + "<w:sectPr/></w:body></w:document>";
}

std::string p(const std::string& text, const std::string& style = "") {
  std::string pr = style.empty() ? "" : "<w:pPr><w:pStyle w:val=\"" + style + "\"/></w:pPr>";
  return "<w:p>" + pr + "<w:r><w:t xml:space=\"preserve\">" + text + "</w:t></w:r></w:p>";
}

// A DOCX package: content types, the document, and the given extra entries (Python statements).
std::string docx(const std::string& document_xml, const std::string& extra = "") {
  return python_zip("add('[Content_Types].xml', b'<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                    "content-types\"/>')\n"
                    "add('word/document.xml', " + py(document_xml) + ")\n" + extra);
}

const std::string k_office_ns = R"(xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" )"
                                R"(xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" )"
                                R"(xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" )"
                                R"(xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" )"
                                R"(xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" )"
                                R"(xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" )"
                                R"(xmlns:dc="http://purl.org/dc/elements/1.1/")";

std::string odt_content(const std::string& text) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content " + k_office_ns +
         " office:version=\"1.3\"><office:body><office:text>" + text +
         "</office:text></office:body></office:document-content>";
}

std::string odt(const std::string& content_xml, const std::string& extra = "") {
  return python_zip("add('mimetype', b'application/vnd.oasis.opendocument.text', stored=True)\n"
                    "add('content.xml', " + py(content_xml) + ")\n" + extra);
}

bool refused(const core::Result<Extracted>& r, const std::string& words) {
  if (r) return false;
  BOOST_TEST_MESSAGE(r.error().message);
  return r.error().code == core::ErrorCode::invalid_input && r.error().message.find(words) != std::string::npos &&
         r.error().message.find(" / ") != std::string::npos;
}

// A billion-laughs document: ten levels of ten references each.
std::string laughs(const std::string& root_open, const std::string& root_close) {
  std::string dtd = "<!DOCTYPE w:document [\n<!ENTITY l0 \"ha\">\n";
  for (int i = 1; i < 10; ++i) {
    dtd += "<!ENTITY l" + std::to_string(i) + " \"";
    for (int j = 0; j < 10; ++j) dtd += "&l" + std::to_string(i - 1) + ";";
    dtd += "\">\n";
  }
  return "<?xml version=\"1.0\"?>\n" + dtd + "]>\n" + root_open + "&l9;" + root_close;
}

template <class F>
bool quick(F&& f) {
  const auto t0 = std::chrono::steady_clock::now();
  f();
  return std::chrono::steady_clock::now() - t0 < std::chrono::seconds(2);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(docx_reader)

BOOST_AUTO_TEST_CASE(paragraphs_tables_tabs_breaks_in_reading_order) {
  const std::string body =
      p("Kronologi Perekrutan", "Heading1") +
      // Runs split mid-word, a tab, a line break, an em dash and curly quotes, an escaped ampersand.
      "<w:p><w:r><w:t>Pada 12 Februari 2024 korban “dijanjikan” ker</w:t></w:r><w:r><w:rPr><w:b/></w:rPr>"
      "<w:t>ja</w:t></w:r><w:r><w:tab/><w:t>di Kuala Lumpur — gaji Rp 5.000.000 &amp; tempat tinggal.</w:t>"
      "<w:br/><w:t>Baris kedua.</w:t></w:r></w:p>" +
      // Tracked changes: the deletion is left out, the insertion kept; a field's code is left out.
      "<w:p><w:del w:id=\"1\"><w:r><w:delText>dihapus</w:delText></w:r></w:del><w:ins w:id=\"2\"><w:r>"
      "<w:t>Disisipkan</w:t></w:r></w:ins><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r>"
      "<w:instrText> PAGE </w:instrText></w:r><w:r><w:t xml:space=\"preserve\"> oleh penyidik.</w:t></w:r></w:p>" +
      "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/></w:tblGrid>"
      "<w:tr><w:tc><w:tcPr/>" + p("Nama") + "</w:tc><w:tc>" + p("Peran") + "</w:tc></w:tr>"
      "<w:tr><w:tc>" + p("Budi Santoso (FIKTIF)") + "</w:tc><w:tc>" + p("Perekrut") + p("lapangan") +
      "</w:tc></w:tr></w:tbl>" +
      // A text box written twice (choice and fallback): read once.
      "<w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wps:txbx><w:txbxContent>" +
      p("Catatan kotak") + "</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict>"
      "<w:txbxContent>" + p("Catatan kotak") + "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent>"
      "</w:r></w:p>" +
      "<w:sdt><w:sdtPr/><w:sdtContent>" + p("Dalam kontrol isi") + "</w:sdtContent></w:sdt>";
  const auto r = read_docx(docx(word_document(body)), Limits{});
  BOOST_TEST_REQUIRE(r.has_value(), (r ? "" : r.error().message));
  BOOST_TEST((r->format == Format::docx));
  BOOST_TEST_REQUIRE(r->units.size() == 1u);
  BOOST_TEST(r->units[0].number == 1);
  BOOST_TEST((r->units[0].method == extract::Method::parsed));
  BOOST_TEST(r->units[0].confidence == -1);
  BOOST_TEST(r->units[0].text ==
             "Kronologi Perekrutan\n"
             "Pada 12 Februari 2024 korban “dijanjikan” kerja\tdi Kuala Lumpur — gaji Rp 5.000.000 & tempat tinggal.\n"
             "Baris kedua.\n"
             "Disisipkan oleh penyidik.\n"
             "Nama | Peran\n"
             "Budi Santoso (FIKTIF) | Perekrut lapangan\n"
             "Catatan kotak\n"
             "Dalam kontrol isi");
  BOOST_TEST(r->metadata.empty());
  BOOST_TEST(r->children.empty());
}

BOOST_AUTO_TEST_CASE(nested_table_and_breaks_in_cells) {
  const std::string inner = "<w:tbl><w:tr><w:tc>" + p("x1") + "</w:tc><w:tc>" + p("y1") + "</w:tc></w:tr><w:tr><w:tc>" +
                            p("x2") + "</w:tc><w:tc>" + p("y2") + "</w:tc></w:tr></w:tbl>";
  const std::string body = "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>atas</w:t><w:br/><w:t>bawah</w:t></w:r></w:p></w:tc>"
                           "<w:tc>" + inner + "</w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl>";
  const auto r = read_docx(docx(word_document(body)), Limits{});
  BOOST_TEST_REQUIRE(r.has_value());
  BOOST_TEST_REQUIRE(r->units.size() == 1u);
  BOOST_TEST(r->units[0].text == "atas bawah | x1 | y1; x2 | y2 |");
}

BOOST_AUTO_TEST_CASE(blocks_by_heading_and_by_fifty_paragraphs) {
  std::string body = p("BAB I", "Heading1") + p("Pembukaan.") + p("BAB II", "Judul1") + p("Isi.") +
                     "<w:p><w:pPr><w:outlineLvl w:val=\"1\"/></w:pPr><w:r><w:t>Bagian tanpa gaya</w:t></w:r></w:p>";
  for (int i = 1; i <= 120; ++i) body += p("Paragraf " + std::to_string(i));
  const auto r = read_docx(docx(word_document(body)), Limits{});
  BOOST_TEST_REQUIRE(r.has_value());
  BOOST_TEST_REQUIRE(r->units.size() == 5u);
  BOOST_TEST(r->units[0].text == "BAB I\nPembukaan.");
  BOOST_TEST(r->units[1].text == "BAB II\nIsi.");
  // The third block: its heading and 49 paragraphs; then 50; then the 21 left.
  BOOST_TEST(r->units[2].text.rfind("Bagian tanpa gaya\nParagraf 1\n", 0) == 0);
  BOOST_TEST(r->units[2].text.substr(r->units[2].text.size() - 12) == "\nParagraf 49");
  BOOST_TEST(r->units[3].text.rfind("Paragraf 50\n", 0) == 0);
  BOOST_TEST(r->units[3].text.substr(r->units[3].text.size() - 12) == "\nParagraf 99");
  BOOST_TEST(r->units[4].text.rfind("Paragraf 100\n", 0) == 0);
  BOOST_TEST(r->units[4].text.substr(r->units[4].text.size() - 13) == "\nParagraf 120");
  for (std::size_t i = 0; i < r->units.size(); ++i) BOOST_TEST(r->units[i].number == static_cast<int>(i) + 1);
}

BOOST_AUTO_TEST_CASE(empty_paragraphs_and_control_characters) {
  // Blank paragraphs inside a block are kept as blank lines, at its ends dropped; a control
  // character written as a character reference (XML 1.0 forbids most, libxml2 refuses them) is
  // not in the text either way.
  const std::string body = "<w:p/>" + p("satu") + "<w:p/>" + p("dua") + "<w:p/><w:p/>";
  const auto r = read_docx(docx(word_document(body)), Limits{});
  BOOST_TEST_REQUIRE(r.has_value());
  BOOST_TEST(r->units.at(0).text == "satu\n\ndua");
  const auto empty = read_docx(docx(word_document("<w:p/>")), Limits{});
  BOOST_TEST_REQUIRE(empty.has_value());
  BOOST_TEST(empty->units.empty());
  BOOST_TEST(refused(read_docx(docx(word_document(p("a&#1;b"))), Limits{}), "not valid XML"));
}

BOOST_AUTO_TEST_CASE(metadata_and_media) {
  const std::string core_xml =
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
      R"(<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" )"
      R"(xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" )"
      R"(xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">)"
      R"(<dc:title>Berita Acara   Pemeriksaan
 Saksi</dc:title><dc:creator>Iptu Dewi Lestari (FIKTIF)</dc:creator><cp:lastModifiedBy>Admin</cp:lastModifiedBy>)"
      R"(<dcterms:created xsi:type="dcterms:W3CDTF">2024-02-12T09:15:00Z</dcterms:created>)"
      R"(<dcterms:modified xsi:type="dcterms:W3CDTF">2024-02-13T10:00:00Z</dcterms:modified></cp:coreProperties>)";
  const std::string png("\x89PNG\r\n\x1a\nfoto", 12);
  const auto z = docx(word_document(p("Isi")), "add('docProps/core.xml', " + py(core_xml) +
                                                   ")\nadd('word/media/image1.png', " + py(png) +
                                                   ", stored=True)\nadd('word/media/image2.jpeg', b'\\xff\\xd8\\xffjpg')\n"
                                                   "add('word/styles.xml', b'<x/>')\n");
  BOOST_TEST((extract::sniff(z) == Format::docx));
  const auto r = read_docx(z, Limits{});
  BOOST_TEST_REQUIRE(r.has_value(), (r ? "" : r.error().message));
  BOOST_TEST(r->metadata.size() == 4u);
  BOOST_TEST(r->metadata.at("doc.title") == "Berita Acara Pemeriksaan Saksi");
  BOOST_TEST(r->metadata.at("doc.creator") == "Iptu Dewi Lestari (FIKTIF)");
  BOOST_TEST(r->metadata.at("doc.created") == "2024-02-12T09:15:00Z");
  BOOST_TEST(r->metadata.at("doc.modified") == "2024-02-13T10:00:00Z");
  BOOST_TEST_REQUIRE(r->children.size() == 2u);
  BOOST_TEST(r->children[0].name == "image1.png");
  BOOST_TEST(r->children[0].bytes == png);
  BOOST_TEST(r->children[1].name == "image2.jpeg");
  BOOST_TEST(r->children[1].bytes == "\xff\xd8\xffjpg");
}

BOOST_AUTO_TEST_CASE(hostile_documents_refused_quickly) {
  const Limits l;
  BOOST_TEST(refused(read_docx(python_zip("add('[Content_Types].xml', b'<x/>')\n"), l), "word/document.xml"));
  BOOST_TEST(refused(read_docx(docx("bukan XML <<<"), l), "not valid XML"));
  BOOST_TEST(refused(read_docx(docx(""), l), "not valid XML"));
  BOOST_TEST(refused(read_docx(docx("<w:document xmlns:w=\"" + k_w_ns + "\"><w:body>"), l), "not valid XML"));
  BOOST_TEST(refused(read_docx(docx("<html><body/></html>"), l), "not a Word document"));
  BOOST_TEST(refused(read_docx(docx(word_document(p("a")), "add('word/document.xml', b'<x/>')\n"), l),
                     "more than once"));
  BOOST_TEST(quick([&] {
    BOOST_TEST(refused(
        read_docx(docx(laughs("<w:document xmlns:w=\"" + k_w_ns + "\"><w:body><w:p><w:r><w:t>",
                              "</w:t></w:r></w:p></w:body></w:document>")),
                  l),
        "DOCTYPE"));
  }));
  BOOST_TEST(refused(read_docx(docx("<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "
                                    "\"file:///etc/passwd\">]>" + word_document(p("&x;")).substr(55)),
                               l),
                     "DOCTYPE"));
  BOOST_TEST(refused(read_docx(docx("<!DOCTYPE w:document SYSTEM \"http://contoh.invalid/x.dtd\">" +
                                    word_document(p("a")).substr(55)),
                               l),
                     "DOCTYPE"));
  // Nested absurdly deep: 100,000 runs in runs, and just past our own bound of 256.
  const std::string doc = word_document("<w:p>@</w:p>");
  const auto at = doc.find('@');
  const auto deep = python_zip("add('word/document.xml', " + py(doc.substr(0, at)) + " + b'<w:r>' * 100000 + " +
                               py(doc.substr(at + 1)) + ")\n");
  BOOST_TEST(quick([&] { BOOST_TEST(refused(read_docx(deep, l), "deeper than 256")); }));
  auto nested = [](int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += "<w:ins>";
    s += "<w:t>dalam</w:t>";
    for (int i = 0; i < n; ++i) s += "</w:ins>";
    return word_document("<w:p>" + s + "</w:p>");
  };
  BOOST_TEST(refused(read_docx(docx(nested(260)), l), "deeper than 256"));
  const auto ok = read_docx(docx(nested(200)), l);
  BOOST_TEST_REQUIRE(ok.has_value());
  BOOST_TEST(ok->units.at(0).text == "dalam");
  // An element with 300 attributes.
  std::string attrs;
  for (int i = 0; i < 300; ++i) attrs += " a" + std::to_string(i) + "=\"1\"";
  BOOST_TEST(refused(read_docx(docx(word_document("<w:p" + attrs + "/>")), l), "more than 256 attributes"));
  // A zip bomb as one of its images.
  BOOST_TEST(quick([&] {
    BOOST_TEST(refused(read_docx(docx(word_document(p("a")), "add('word/media/bom.png', b'\\0' * (100 << 20))\n"), l),
                       "ratio"));
  }));
  // A hostile name anywhere in the package.
  BOOST_TEST(refused(read_docx(docx(word_document(p("a")), "add('../../evil.xml', b'x')\n"), l), "'..'"));
  // Not a zip at all.
  BOOST_TEST(refused(read_docx("PK\x03\x04 rusak", l), "zip"));
  // Hostile metadata is refused as well.
  BOOST_TEST(refused(read_docx(docx(word_document(p("a")), "add('docProps/core.xml', " +
                                                               py(laughs("<a>", "</a>")) + ")\n"),
                               l),
                     "DOCTYPE"));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(odt_reader)

BOOST_AUTO_TEST_CASE(paragraphs_lists_tables_spaces_tabs_breaks) {
  const std::string text =
      "<text:sequence-decls><text:sequence-decl text:name=\"Illustration\"/></text:sequence-decls>"
      "<text:tracked-changes><text:changed-region><text:deletion><text:p>dihapus</text:p></text:deletion>"
      "</text:changed-region></text:tracked-changes>"
      "<text:h text:outline-level=\"1\">Keterangan Saksi</text:h>"
      "<text:p>  Saya,   <text:span>Sari Wulandari</text:span> (FIKTIF),\n bekerja<text:s text:c=\"3\"/>di"
      "<text:tab/>Batam.<text:line-break/>Baris baru.<text:note text:note-class=\"footnote\"><text:note-citation>1"
      "</text:note-citation><text:note-body><text:p>Catatan kaki</text:p></text:note-body></text:note></text:p>"
      "<text:p>Kata<text:s/>berspasi dan <text:a xlink:href=\"http://contoh.invalid\" "
      "xmlns:xlink=\"http://www.w3.org/1999/xlink\">tautan</text:a>.</text:p>"
      "<text:list><text:list-item><text:p>butir satu</text:p></text:list-item>"
      "<text:list-item><text:p>butir dua</text:p><text:list><text:list-item><text:p>anak</text:p></text:list-item>"
      "</text:list></text:list-item></text:list>"
      "<table:table table:name=\"T1\"><table:table-column table:number-columns-repeated=\"3\"/>"
      "<table:table-header-rows><table:table-row><table:table-cell><text:p>Tanggal</text:p></table:table-cell>"
      "<table:table-cell><text:p>Jumlah</text:p></table:table-cell><table:table-cell><text:p>Ket</text:p>"
      "</table:table-cell></table:table-row></table:table-header-rows>"
      "<table:table-row><table:table-cell table:number-columns-spanned=\"2\"><text:p>12-02-2024</text:p>"
      "<text:p>pagi</text:p></table:table-cell><table:covered-table-cell/><table:table-cell><text:p>Rp 1.500.000"
      "</text:p></table:table-cell></table:table-row></table:table>"
      "<text:p><draw:frame><draw:text-box><text:p>Kotak teks</text:p></draw:text-box><svg:desc>alt</svg:desc>"
      "</draw:frame></text:p>";
  const auto z = odt(odt_content(text));
  BOOST_TEST((extract::sniff(z) == Format::odt));
  const auto r = read_odt(z, Limits{});
  BOOST_TEST_REQUIRE(r.has_value(), (r ? "" : r.error().message));
  BOOST_TEST((r->format == Format::odt));
  BOOST_TEST_REQUIRE(r->units.size() == 1u);
  BOOST_TEST(r->units[0].text ==
             "Keterangan Saksi\n"
             "Saya, Sari Wulandari (FIKTIF), bekerja   di\tBatam.\n"
             "Baris baru.\n"
             "Kata berspasi dan tautan.\n"
             "butir satu\n"
             "butir dua\n"
             "anak\n"
             "Tanggal | Jumlah | Ket\n"
             "12-02-2024 pagi | Rp 1.500.000\n"
             "Kotak teks");
}

BOOST_AUTO_TEST_CASE(headings_start_blocks) {
  const std::string text = "<text:h>Bagian A</text:h><text:p>satu</text:p><text:h>Bagian B</text:h>"
                           "<text:p>dua</text:p>";
  const auto r = read_odt(odt(odt_content(text)), Limits{});
  BOOST_TEST_REQUIRE(r.has_value());
  BOOST_TEST_REQUIRE(r->units.size() == 2u);
  BOOST_TEST(r->units[0].text == "Bagian A\nsatu");
  BOOST_TEST(r->units[1].text == "Bagian B\ndua");
  BOOST_TEST(r->units[1].number == 2);
}

BOOST_AUTO_TEST_CASE(metadata_and_pictures) {
  const std::string meta =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-meta " + k_office_ns +
      "><office:meta><meta:initial-creator>Andi Pratama (FIKTIF)</meta:initial-creator>"
      "<dc:creator>Penyunting Lain</dc:creator><dc:title>Laporan Pendampingan Korban</dc:title>"
      "<meta:creation-date>2024-02-12T09:15:00</meta:creation-date><dc:date>2024-03-01T08:00:00.123</dc:date>"
      "</office:meta></office:document-meta>";
  const auto z = odt(odt_content("<text:p>Isi</text:p>"),
                     "add('meta.xml', " + py(meta) + ")\nadd('Pictures/10000001.jpg', b'\\xff\\xd8\\xff1')\n"
                     "add('Thumbnails/thumbnail.png', b'png')\n");
  const auto r = read_odt(z, Limits{});
  BOOST_TEST_REQUIRE(r.has_value(), (r ? "" : r.error().message));
  BOOST_TEST(r->metadata.at("doc.title") == "Laporan Pendampingan Korban");
  BOOST_TEST(r->metadata.at("doc.creator") == "Andi Pratama (FIKTIF)");
  BOOST_TEST(r->metadata.at("doc.created") == "2024-02-12T09:15:00");
  BOOST_TEST(r->metadata.at("doc.modified") == "2024-03-01T08:00:00.123");
  BOOST_TEST_REQUIRE(r->children.size() == 1u);
  BOOST_TEST(r->children[0].name == "10000001.jpg");
  BOOST_TEST(r->children[0].bytes == "\xff\xd8\xff" "1");
  // Without an initial creator, dc:creator is the creator.
  const std::string meta2 = "<office:document-meta " + k_office_ns +
                            "><office:meta><dc:creator>Penyunting</dc:creator></office:meta></office:document-meta>";
  const auto r2 = read_odt(odt(odt_content("<text:p>Isi</text:p>"), "add('meta.xml', " + py(meta2) + ")\n"), Limits{});
  BOOST_TEST_REQUIRE(r2.has_value());
  BOOST_TEST(r2->metadata.size() == 1u);
  BOOST_TEST(r2->metadata.at("doc.creator") == "Penyunting");
}

BOOST_AUTO_TEST_CASE(hostile_documents_refused) {
  const Limits l;
  BOOST_TEST(refused(read_odt(python_zip("add('mimetype', b'application/vnd.oasis.opendocument.text')\n"), l),
                     "content.xml"));
  BOOST_TEST(refused(read_odt(odt("<office:document-content " + k_office_ns +
                                  "><office:body><office:spreadsheet/></office:body></office:document-content>"),
                              l),
                     "not an ODF text document"));
  BOOST_TEST(refused(read_odt(odt("tidak <xml"), l), "not valid XML"));
  BOOST_TEST(quick([&] {
    BOOST_TEST(refused(read_odt(odt(laughs("<office:document-content " + k_office_ns +
                                               "><office:body><office:text><text:p>",
                                           "</text:p></office:text></office:body></office:document-content>")),
                                l),
                       "DOCTYPE"));
  }));
  // Spaces: text:c is capped at 1000 per element, and the text as a whole at max_bytes.
  std::string spaces;
  for (int i = 0; i < 100; ++i) spaces += "<text:s text:c=\"99999999999\"/>x";
  Limits small;
  small.max_bytes = 64u << 10;
  BOOST_TEST(refused(read_odt(odt(odt_content("<text:p>" + spaces + "</text:p>")), small), "document text exceeds"));
  // The same through the cells of a table: 100 cells of 1000 spaces each.
  std::string row;
  for (int i = 0; i < 100; ++i) row += "<table:table-cell><text:p>x<text:s text:c=\"1000\"/>y</text:p></table:table-cell>";
  BOOST_TEST(refused(read_odt(odt(odt_content("<table:table><table:table-row>" + row + "</table:table-row></table:table>")),
                              small),
                     "document text exceeds"));
  const auto capped = read_odt(odt(odt_content("<text:p>a<text:s text:c=\"99999999999\"/>b</text:p>")), small);
  BOOST_TEST_REQUIRE(capped.has_value());
  BOOST_TEST(capped->units.at(0).text == "a" + std::string(1000, ' ') + "b");
  BOOST_TEST(refused(read_odt(odt(odt_content("<text:p>a</text:p>"), "add('Pictures/bom.png', b'\\0' * (100 << 20))\n"), l),
                     "ratio"));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_CASE(readers_run_in_parallel) {
  // No shared state: four threads read the same documents at once and all get the same text.
  const std::string body = p("Judul", "Heading1") + p("Isi paragraf (FIKTIF)") +
                           "<w:tbl><w:tr><w:tc>" + p("a") + "</w:tc><w:tc>" + p("b") + "</w:tc></w:tr></w:tbl>";
  const auto d = docx(word_document(body));
  const auto o = odt(odt_content("<text:h>Judul</text:h><text:p>Isi</text:p>"));
  std::vector<int> good(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        const auto a = read_docx(d, Limits{});
        const auto b = read_odt(o, Limits{});
        if (a && b && a->units.size() == 1 && a->units[0].text == "Judul\nIsi paragraf (FIKTIF)\na | b" &&
            b->units.size() == 1 && b->units[0].text == "Judul\nIsi")
          ++good[static_cast<std::size_t>(t)];
      }
    });
  for (auto& th : threads) th.join();
  for (int g : good) BOOST_TEST(g == 25);
}
