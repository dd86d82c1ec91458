// End-to-end through the `berkas` binary: native evidence in the court bundle. A PDF whose second
// page is a scan, a photo, a WhatsApp chat in which the protected victim is a sender and a Word
// file are ingested into the demo case; the bundle merges the PDF's own pages (stamped,
// bookmarked, the scan's OCR words found on its page), puts the photo on a page of its own (one
// image), lays the chat out as a transcript with the victim pseudonymised and the document as
// its extracted text; a native PDF that names her — in its text layer or only in the picture of
// a scan — is withheld unless the bundle reveals identities. Checked with qpdf, pdftotext,
// mutool and pdfimages. Every file is made here and is FIKTIF.
#define BOOST_TEST_MODULE e2e_bundle_native
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <sstream>

#include "core/hash.h"
#include "e2e/e2e.h"
#include "support/evidence_files.h"

namespace fs = std::filesystem;
using namespace berkas::test;

namespace {

const std::string k_case = "perkara-demo-001";
const std::string k_prefix = "PDM-17-JKT-BRT-EKU-2-04-2024-";

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string squeezed(const std::string& s) {
  std::string out;
  for (char c : s)
    if (!std::isspace(static_cast<unsigned char>(c))) out += c;
  return out;
}

bool names_victim(const std::string& s) {
  const std::string l = lower(s);
  return l.find("rina") != std::string::npos || l.find("fiksiana") != std::string::npos;
}

std::string stamp(int page) {
  std::string n = std::to_string(page);
  return k_prefix + std::string(6 - n.size(), '0') + n;
}

std::string tool(const std::vector<std::string>& argv) {
  auto r = run(argv);
  BOOST_REQUIRE_MESSAGE(r.code == 0, argv[0] << " failed: " << r.err);
  return r.out;
}

// The text of each page (index 0 = page 1) as pdftotext reads it.
std::vector<std::string> pages_of(const std::string& pdf) {
  const std::string info = tool({"/usr/bin/pdfinfo", pdf});
  const auto at = info.find("Pages:");
  BOOST_REQUIRE(at != std::string::npos);
  const int n = std::stoi(info.substr(at + 6));
  std::vector<std::string> out;
  for (int p = 1; p <= n; ++p)
    out.push_back(tool({"/usr/bin/pdftotext", "-f", std::to_string(p), "-l", std::to_string(p), pdf, "-"}));
  return out;
}

// 1-based pages whose text holds every one of `parts`.
std::vector<int> pages_with(const std::vector<std::string>& pages, const std::vector<std::string>& parts) {
  std::vector<int> out;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    bool all = true;
    for (const auto& p : parts) all = all && pages[i].find(p) != std::string::npos;
    if (all) out.push_back(static_cast<int>(i) + 1);
  }
  return out;
}

struct DemoStore {
  TempDir dir;
  std::string data;
  DemoStore() : data(dir.file("data")) {
    auto r = run_berkas(data, {"init", "--demo"});
    if (r.code != 0) throw std::runtime_error("init --demo failed: " + r.err + r.out);
  }
  std::string ingest(const std::string& file, std::vector<std::string> extra = {}) const {
    std::vector<std::string> args = {"ingest", "--json", "--case", k_case};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back(file);
    auto r = run_berkas(data, args);
    BOOST_REQUIRE_MESSAGE(r.code == 0, file << ": exit " << r.code << " " << r.out << r.err);
    return json_object(r.out)->getArray("files")->getObject(0)->getValue<std::string>("id");
  }
  // The bundle command's output (path given); exit 0 required.
  std::string bundle(const std::string& out, bool reveal = false) const {
    std::vector<std::string> args;
    if (reveal) args.push_back("--reveal");
    for (const char* a : {"bundle", "--case"}) args.push_back(a);
    args.push_back(k_case);
    args.push_back("--out");
    args.push_back(out);
    auto r = run_berkas(data, args);
    BOOST_REQUIRE_MESSAGE(r.code == 0, "bundle: exit " << r.code << " " << r.out << r.err);
    return r.out;
  }
};

// A scan of a one-page text PDF showing `lines`, as a JPEG (pdftoppm, grey, 300 dpi).
std::string scanned_jpeg(const TempDir& dir, const std::vector<std::string>& lines, const std::string& stem) {
  const auto src = dir.write(stem + "-sumber.pdf", text_pdf({lines}));
  const auto prefix = dir.file(stem);
  BOOST_REQUIRE(run({"/usr/bin/pdftoppm", "-r", "300", "-gray", "-jpeg", "-singlefile", src, prefix}).code == 0);
  return read_file(prefix + ".jpg");
}

const char* k_chat =
    "12/02/24 09.15 - Pesan dan panggilan terenkripsi secara end-to-end.\n"
    "12/02/24 09.16 - Pak Joko Agen: Ada lowongan admin di Sihanoukville, gaji 1000 dolar (FIKTIF)\n"
    "12/02/24 09.17 - Rina: Apakah paspor saya diurus?\n"
    "12/02/24 09.18 - Pak Joko Agen: Ya, paspor diurus agen.\n"
    "Tiket berangkat minggu depan.\n";

// The demo case with four native items and its bundles: two pseudonymised (for determinism) and
// one revealed.
struct Native {
  DemoStore s;
  std::string pdf_id, photo_id, chat_id, doc_id;
  std::string pdf_sha, docx_sha;
  std::string redacted, again, revealed, redacted_out, revealed_out;
  Native() {
    // A PDF: page 1 with a text layer, page 2 a scan (a JPEG, no text).
    PdfPage first;
    first.lines = {"SURAT TAWARAN KERJA (FIKTIF)", "Perusahaan menjanjikan pekerjaan di Kamboja"};
    first.font_size = 14;
    const std::string pdf =
        make_pdf({first, jpeg_page(scanned_jpeg(s.dir, {"REKENING PENAMPUNGAN GAJI", "Bank Contoh cabang Poipet"}, "hal2"))});
    pdf_sha = berkas::core::sha256_hex(pdf);
    pdf_id = s.ingest(s.dir.write("surat tawaran.pdf", pdf),
                      {"--kind", "surat", "--title", "Surat tawaran kerja (FIKTIF)", "--date", "2024-02-10"});
    // A photo of a receipt (a PNG scan, read by OCR).
    const auto receipt = s.dir.write("kwitansi-sumber.pdf", text_pdf({{"KWITANSI BIAYA PENEMPATAN", "PASPOR DITAHAN AGEN"}}));
    const auto png = scan_png(s.dir, receipt, 1, 300, "kwitansi");
    BOOST_REQUIRE(!png.empty());
    photo_id = s.ingest(png, {"--kind", "elektronik", "--title", "Foto kwitansi (FIKTIF)", "--date", "2024-02-11"});
    chat_id = s.ingest(s.dir.write("Chat WhatsApp dengan Pak Joko.txt", k_chat));
    const auto docx = s.dir.file("catatan.docx");
    BOOST_REQUIRE(python(s.dir, R"(import zipfile
z = zipfile.ZipFile(')" + docx + R"(', 'w', zipfile.ZIP_DEFLATED)
z.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
z.writestr('word/document.xml', '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Catatan pendamping (FIKTIF): korban dijanjikan kerja di Poipet.</w:t></w:r></w:p></w:body></w:document>')
z.close()
)") == 0);
    docx_sha = berkas::core::sha256_hex(read_file(docx));
    doc_id = s.ingest(docx, {"--kind", "surat", "--title", "Catatan pendamping (FIKTIF)", "--date", "2024-02-12"});
    redacted = s.dir.file("berkas.pdf");
    redacted_out = s.bundle(redacted);
    again = s.dir.file("berkas-lagi.pdf");
    s.bundle(again);
    revealed = s.dir.file("berkas-terbuka.pdf");
    revealed_out = s.bundle(revealed, true);
  }
};

Native& native() {
  static Native n;
  return n;
}

}  // namespace

BOOST_AUTO_TEST_CASE(bundles_with_native_items_are_valid_and_deterministic) {
  auto& n = native();
  for (const auto& f : {n.redacted, n.revealed}) {
    auto check = run({"/usr/bin/qpdf", "--check", f});
    BOOST_TEST(check.code == 0, f << ": " << check.out << check.err);
  }
  BOOST_TEST(read_file(n.redacted) == read_file(n.again), "the same inputs give the same bytes");
}

BOOST_AUTO_TEST_CASE(a_native_pdf_is_merged_page_by_page_and_its_scan_is_searchable) {
  auto& n = native();
  const auto pages = pages_of(n.redacted);
  const std::string caption = "Berkas asli / original " + n.pdf_id;
  const auto first = pages_with(pages, {caption, "halaman 1 dari 2"});
  const auto second = pages_with(pages, {caption, "halaman 2 dari 2"});
  BOOST_REQUIRE_EQUAL(first.size(), 1u);
  BOOST_REQUIRE_EQUAL(second.size(), 1u);
  BOOST_TEST(second[0] == first[0] + 1);
  // Page 1 by its own text layer, page 2 by the OCR text laid invisibly over the scan: both
  // stamped with the bundle's running number.
  const std::string& p1 = pages[static_cast<std::size_t>(first[0] - 1)];
  const std::string& p2 = pages[static_cast<std::size_t>(second[0] - 1)];
  BOOST_TEST(p1.find("SURAT TAWARAN KERJA") != std::string::npos, p1);
  BOOST_TEST(p1.find(stamp(first[0])) != std::string::npos, p1);
  BOOST_TEST(p2.find("PENAMPUNGAN") != std::string::npos, p2);
  BOOST_TEST(p2.find(stamp(second[0])) != std::string::npos, p2);
  BOOST_TEST(p1.find("PENAMPUNGAN") == std::string::npos, "the OCR text is on its own page only");
  // mutool reads the same words on that page.
  const std::string drawn = tool({"/usr/bin/mutool", "draw", "-q", "-F", "txt", "-o", "-", n.redacted, std::to_string(second[0])});
  BOOST_TEST(drawn.find("PENAMPUNGAN") != std::string::npos, drawn);
  // The derived text is not laid out a second time: the text layer's words are on the exhibit page only.
  BOOST_TEST(pages_with(pages, {"Perusahaan menjanjikan pekerjaan"}).size() == 1u);
  // Bookmarked under the item.
  const std::string outline = tool({"/usr/bin/mutool", "show", n.redacted, "outline"});
  BOOST_TEST(outline.find(caption) != std::string::npos, outline);
  // The item's header and the manifest name the original's SHA-256 and how the text was read.
  const std::string all = squeezed(tool({"/usr/bin/pdftotext", n.redacted, "-"}));
  BOOST_TEST(all.find("SHA-256berkasasli") != std::string::npos);
  BOOST_TEST(all.find(n.pdf_sha) != std::string::npos);
  BOOST_TEST(all.find("lapisanteksPDF/PDFtextlayer(hlm.1),OCR(hlm.2)") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_photo_is_on_a_page_of_its_own_with_its_ocr_text) {
  auto& n = native();
  const auto pages = pages_of(n.redacted);
  // The caption and the EXIF facts: the index names the photo too, without its facts.
  const auto at = pages_with(pages, {"Berkas asli / original " + n.photo_id, "EXIF"});
  BOOST_REQUIRE_EQUAL(at.size(), 1u);
  const int p = at[0];
  const std::string& text = pages[static_cast<std::size_t>(p - 1)];
  BOOST_TEST(text.find("PASPOR") != std::string::npos, text);
  BOOST_TEST(text.find("EXIF") != std::string::npos, text);
  BOOST_TEST(text.find(stamp(p)) != std::string::npos, text);
  // pdfimages lists one image on that page (two header lines, then one line per image).
  const std::string list = tool({"/usr/bin/pdfimages", "-f", std::to_string(p), "-l", std::to_string(p), "-list", n.redacted});
  BOOST_TEST(std::count(list.begin(), list.end(), '\n') == 3, list);
  const std::string outline = tool({"/usr/bin/mutool", "show", n.redacted, "outline"});
  BOOST_TEST(outline.find("Berkas asli / original " + n.photo_id) != std::string::npos, outline);
}

BOOST_AUTO_TEST_CASE(a_chat_is_a_transcript_in_order_with_the_victim_pseudonymised) {
  auto& n = native();
  const std::string text = tool({"/usr/bin/pdftotext", n.redacted, "-"});
  const auto a = text.find("Sihanoukville"), b = text.find("paspor saya diurus"), c = text.find("Tiket berangkat");
  BOOST_REQUIRE(a != std::string::npos);
  BOOST_REQUIRE(b != std::string::npos);
  BOOST_REQUIRE(c != std::string::npos);
  BOOST_TEST((a < b && b < c));
  BOOST_TEST(text.find("Pak Joko Agen") != std::string::npos);
  BOOST_TEST(text.find("[sistem / system]") != std::string::npos);
  BOOST_TEST(text.find("Saksi A") != std::string::npos);
  // Nowhere in the default bundle: page text (visible or not), bookmarks, document information, XMP.
  BOOST_TEST(!names_victim(text));
  BOOST_TEST(!names_victim(tool({"/usr/bin/mutool", "draw", "-q", "-F", "txt", "-o", "-", n.redacted})));
  BOOST_TEST(!names_victim(tool({"/usr/bin/mutool", "show", n.redacted, "outline"})));
  BOOST_TEST(!names_victim(tool({"/usr/bin/pdfinfo", "-meta", n.redacted})));
  BOOST_TEST(!names_victim(tool({"/usr/bin/pdfinfo", n.redacted})));
  BOOST_TEST(!names_victim(read_file(n.redacted)));
  BOOST_TEST(!names_victim(n.redacted_out));
  // The revealed bundle names her as the sender.
  BOOST_TEST(tool({"/usr/bin/pdftotext", n.revealed, "-"}).find("Rina") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_word_file_is_its_extracted_text_with_the_originals_hash) {
  auto& n = native();
  const auto pages = pages_of(n.redacted);
  const auto at = pages_with(pages, {"Teks yang diekstrak dari berkas asli"});
  BOOST_REQUIRE(!at.empty());
  std::string text;
  for (int p : at) text += pages[static_cast<std::size_t>(p - 1)];
  BOOST_TEST(text.find("Poipet") != std::string::npos, text);
  BOOST_TEST(squeezed(text).find("Textextractedfromtheoriginalfile") != std::string::npos, text);
  BOOST_TEST(squeezed(text).find(n.docx_sha) != std::string::npos, text);
}

BOOST_AUTO_TEST_CASE(a_native_pdf_that_names_the_victim_is_withheld_unless_revealed) {
  DemoStore s;
  // One names her in its text layer; the other only in the picture of a scanned page (its OCR text).
  const auto layer = s.ingest(s.dir.write("pernyataan.pdf", text_pdf({{"Surat pernyataan (FIKTIF)", "Yang bertanda tangan: Rina Fiksiana"}})),
                              {"--kind", "surat", "--title", "Surat pernyataan (FIKTIF)", "--date", "2024-02-13"});
  const auto scan = s.ingest(
      s.dir.write("bukti transfer.pdf", make_pdf({jpeg_page(scanned_jpeg(s.dir, {"BUKTI TRANSFER (FIKTIF)", "Penerima: Rina Fiksiana"}, "tf"))})),
      {"--kind", "surat", "--title", "Bukti transfer (FIKTIF)", "--date", "2024-02-14"});
  auto shown = json_object(run_berkas(s.data, {"--reveal", "show", "--json", scan}).out)->getArray("units");
  BOOST_REQUIRE_EQUAL(shown->size(), 1u);
  BOOST_TEST(shown->getObject(0)->getValue<std::string>("method") == "ocr");
  BOOST_REQUIRE_MESSAGE(shown->getObject(0)->getValue<std::string>("text").find("Rina") != std::string::npos,
                        "OCR read the name: " << shown->getObject(0)->getValue<std::string>("text"));

  const auto out = s.dir.file("berkas.pdf");
  const std::string said = s.bundle(out);
  BOOST_TEST(said.find("Ditahan / withheld: " + layer) != std::string::npos, said);
  BOOST_TEST(said.find("Ditahan / withheld: " + scan) != std::string::npos, said);
  BOOST_TEST(run({"/usr/bin/qpdf", "--check", out}).code == 0);
  const auto pages = pages_of(out);
  BOOST_TEST(pages_with(pages, {"Berkas asli / original " + layer + ": ditahan / withheld",
                                "This exhibit contains a protected identity and is withheld"}).size() == 1u);
  BOOST_TEST(pages_with(pages, {"Berkas asli / original " + scan + ": ditahan / withheld",
                                "This exhibit contains a protected identity and is withheld"}).size() == 1u);
  BOOST_TEST(pages_with(pages, {"BUKTI TRANSFER"}).empty(), "the scan's page is not merged");
  std::string all;
  for (const auto& p : pages) all += p;
  BOOST_TEST(!names_victim(all));
  BOOST_TEST(!names_victim(tool({"/usr/bin/mutool", "show", out, "outline"})));
  BOOST_TEST(!names_victim(tool({"/usr/bin/pdfinfo", "-meta", out})));

  // Revealed (audited), both are merged; the scan's page carries its OCR text.
  const auto open = s.dir.file("terbuka.pdf");
  const std::string said_open = s.bundle(open, true);
  BOOST_TEST(said_open.find("Ditahan") == std::string::npos, said_open);
  const auto open_pages = pages_of(open);
  BOOST_TEST(pages_with(open_pages, {"Berkas asli / original " + layer, "halaman 1 dari 1", "Rina Fiksiana"}).size() == 1u);
  BOOST_TEST(pages_with(open_pages, {"Berkas asli / original " + scan, "halaman 1 dari 1", "BUKTI TRANSFER", "Rina"}).size() ==
             1u);
}
