// End-to-end through the `berkas` binary: real evidence files in — a WhatsApp export, a PDF with
// a text layer, a scan of it (OCR), a Word file, an e-mail with an attachment — each found by
// search down to its page or message, shown by unit with how its text was obtained, given back
// byte for byte; the protected victim stays hidden as a chat sender; hostile files are refused
// (exit 4) and change nothing. Every file is made here and is FIKTIF.
#define BOOST_TEST_MODULE e2e_native
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "core/hash.h"
#include "e2e/e2e.h"
#include "support/evidence_files.h"

namespace fs = std::filesystem;
using namespace berkas::test;

namespace {

const std::string k_case = "perkara-demo-001";

struct DemoStore {
  TempDir dir;
  std::string data;
  DemoStore() : data(dir.file("data")) {
    auto r = run_berkas(data, {"init", "--demo"});
    if (r.code != 0) throw std::runtime_error("init --demo failed: " + r.err + r.out);
  }
};

bool leaks(const std::string& s) {
  for (const char* part : k_protected_parts)
    if (s.find(part) != std::string::npos) return true;
  return false;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Ingests one native file into the demo case; the new item's id.
std::string ingest_one(const DemoStore& s, const std::string& file, std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"ingest", "--json", "--case", k_case};
  args.insert(args.end(), extra.begin(), extra.end());
  args.push_back(file);
  auto r = run_berkas(s.data, args);
  BOOST_REQUIRE_MESSAGE(r.code == 0, file << ": exit " << r.code << " " << r.out << r.err);
  auto files = json_object(r.out)->getArray("files");
  BOOST_REQUIRE(files->size() == 1u);
  return files->getObject(0)->getValue<std::string>("id");
}

// The search hits for `query` as JSON objects.
Poco::JSON::Array::Ptr hits(const DemoStore& s, const std::string& query) {
  auto r = run_berkas(s.data, {"search", "--json", query});
  BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
  return json_object(r.out)->getArray("hits");
}

Poco::JSON::Object::Ptr hit_for(const Poco::JSON::Array::Ptr& hs, const std::string& id) {
  for (std::size_t i = 0; i < hs->size(); ++i)
    if (hs->getObject(i)->getValue<std::string>("id") == id) return hs->getObject(i);
  return nullptr;
}

// A WhatsApp export as Android writes it in the Indonesian locale (FIKTIF). The victim is in
// the phone's contacts under her first name.
const char* k_chat =
    "12/02/24 09.15 - Pesan dan panggilan terenkripsi secara end-to-end.\n"
    "12/02/24 09.16 - Pak Joko Agen: Ada lowongan admin di Sihanoukville, gaji 1000 dolar (FIKTIF)\n"
    "12/02/24 09.17 - Rina: Apakah paspor saya diurus?\n"
    "12/02/24 09.18 - Pak Joko Agen: Ya, paspor diurus agen.\n"
    "Tiket berangkat minggu depan.\n"
    "12/02/24 09.19 - Rina: IMG-20240212-WA0003.jpg (file terlampir)\n";

}  // namespace

BOOST_AUTO_TEST_CASE(a_whatsapp_export_is_one_item_whose_messages_are_found_one_by_one) {
  DemoStore s;
  const auto chat = s.dir.write("Chat WhatsApp dengan Pak Joko.txt", k_chat);
  // Without a case it is refused as evidence that needs one, not read as a court decision.
  auto no_case = run_berkas(s.data, {"ingest", chat});
  BOOST_TEST(no_case.code == 4);
  BOOST_TEST(no_case.out.find("--case") != std::string::npos, no_case.out);
  const auto id = ingest_one(s, chat);
  BOOST_TEST(id.rfind("elektronik-", 0) == 0, id);
  // Found down to the message, its sender and time named; the victim only by pseudonym.
  auto found = hit_for(hits(s, "Sihanoukville"), id);
  BOOST_REQUIRE(found);
  BOOST_TEST(found->getValue<int>("unit") == 2);
  BOOST_TEST(found->getValue<std::string>("label").find("pesan 2") != std::string::npos);
  BOOST_TEST(found->getValue<std::string>("label").find("Pak Joko Agen") != std::string::npos);
  auto asked = hit_for(hits(s, "paspor diurus"), id);
  BOOST_REQUIRE(asked);
  auto show = run_berkas(s.data, {"show", id});
  BOOST_REQUIRE_EQUAL(show.code, 0);
  BOOST_TEST(show.out.find("[pesan 4 · 2024-02-12T09:18 · Pak Joko Agen") != std::string::npos, show.out);
  BOOST_TEST(show.out.find("Tiket berangkat minggu depan.") != std::string::npos);
  BOOST_TEST(show.out.find("bukan berkas aslinya / derived text") != std::string::npos);
  BOOST_TEST(!leaks(show.out + run_berkas(s.data, {"show", "--json", id}).out));
  BOOST_TEST(!leaks(run_berkas(s.data, {"search", "--json", "paspor"}).out));
  // Revealed (audited), the sender is named; the original comes back byte for byte, its name
  // neutral (the file name carries no protected name here, so it is kept).
  BOOST_TEST(run_berkas(s.data, {"--reveal", "show", id}).out.find("Rina") != std::string::npos);
  const auto out = s.dir.file("asli.txt");
  auto orig = run_berkas(s.data, {"--reveal", "original", id, "--out", out, "--json"});
  BOOST_REQUIRE_MESSAGE(orig.code == 0, orig.err);
  BOOST_TEST(slurp(out) == std::string(k_chat));
  BOOST_TEST(json_object(orig.out)->getValue<std::string>("file_name") == "Chat WhatsApp dengan Pak Joko.txt");
  // Ingesting the same file again changes nothing; verify is clean.
  auto again = run_berkas(s.data, {"ingest", "--json", "--case", k_case, chat});
  BOOST_TEST(json_object(again.out)->getArray("files")->getObject(0)->getValue<std::string>("status") == "unchanged");
  BOOST_TEST(json_object(run_berkas(s.data, {"verify", "--json"}).out)->getValue<bool>("ok"));
}

BOOST_AUTO_TEST_CASE(a_pdf_by_its_text_layer_and_its_scan_by_ocr) {
  DemoStore s;
  const auto pdf = s.dir.write("surat tawaran.pdf",
                               text_pdf({{"SURAT TAWARAN KERJA (FIKTIF)", "Perusahaan menjanjikan pekerjaan di Kamboja"},
                                         {"Halaman kedua: rekening penampungan gaji"}}));
  const auto id = ingest_one(s, pdf, {"--kind", "surat", "--title", "Surat tawaran kerja (FIKTIF)", "--date", "2024-02-10"});
  auto item = json_object(run_berkas(s.data, {"show", "--json", id}).out);
  BOOST_TEST(item->getObject("original")->getValue<std::string>("format") == "pdf");
  auto units = item->getArray("units");
  BOOST_REQUIRE_EQUAL(units->size(), 2u);
  BOOST_TEST(units->getObject(0)->getValue<std::string>("method") == "text-layer");
  BOOST_TEST(units->getObject(1)->getValue<std::string>("text").find("penampungan") != std::string::npos);
  auto page2 = hit_for(hits(s, "penampungan"), id);
  BOOST_REQUIRE(page2);
  BOOST_TEST(page2->getValue<int>("unit") == 2);
  BOOST_TEST(page2->getValue<std::string>("label").find("halaman 2") != std::string::npos);
  const auto out = s.dir.file("kembali.pdf");
  BOOST_REQUIRE(run_berkas(s.data, {"original", id, "--out", out}).code == 0);
  BOOST_TEST(slurp(out) == slurp(pdf));
  // Its first page scanned (no text layer): read by OCR, with a confidence, and found.
  const auto png = scan_png(s.dir, pdf, 1, 300, "pindaian");
  BOOST_REQUIRE_MESSAGE(!png.empty(), "pdftoppm");
  const auto scan = ingest_one(s, png, {"--kind", "surat"});
  auto scanned = json_object(run_berkas(s.data, {"show", "--json", scan}).out)->getArray("units");
  BOOST_REQUIRE_EQUAL(scanned->size(), 1u);
  BOOST_TEST(scanned->getObject(0)->getValue<std::string>("method") == "ocr");
  BOOST_TEST(scanned->getObject(0)->getValue<double>("confidence") > 50.0);
  auto ocr_hit = hit_for(hits(s, "menjanjikan"), scan);
  BOOST_REQUIRE_MESSAGE(ocr_hit, "the scan's words are found");
  BOOST_TEST(ocr_hit->getValue<std::string>("label").find("OCR") != std::string::npos);
  BOOST_TEST(run_berkas(s.data, {"show", scan}).out.find("OCR (keyakinan") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_word_file_and_an_email_with_its_attachment) {
  DemoStore s;
  const auto docx = s.dir.file("keterangan.docx");
  BOOST_REQUIRE(python(s.dir, R"(import zipfile
z = zipfile.ZipFile(')" + docx + R"(', 'w', zipfile.ZIP_DEFLATED)
z.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
z.writestr('word/document.xml', '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Catatan pendamping (FIKTIF): korban dijanjikan kerja di Poipet.</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>Tanggal</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Transfer ke rekening agen</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>')
z.close()
)") == 0);
  const auto doc = ingest_one(s, docx);
  auto shown = run_berkas(s.data, {"show", doc});
  BOOST_TEST(shown.out.find("Poipet") != std::string::npos, shown.out);
  BOOST_TEST(shown.out.find("Transfer ke rekening agen") != std::string::npos);
  BOOST_TEST(hit_for(hits(s, "Poipet"), doc));

  const std::string attachment = "Daftar calon pekerja (FIKTIF)\n";
  const std::string eml =
      "From: Agen Rekrutmen <agen@contoh.invalid>\r\nTo: calon@contoh.invalid\r\n"
      "Subject: Kontrak kerja Kamboja (FIKTIF)\r\nDate: Mon, 12 Feb 2024 09:15:00 +0700\r\n"
      "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
      "--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nSilakan tanda tangani kontrak terlampir sebelum berangkat.\r\n"
      "--b1\r\nContent-Type: text/plain; name=\"daftar.txt\"\r\nContent-Disposition: attachment; filename=\"daftar.txt\"\r\n"
      "Content-Transfer-Encoding: base64\r\n\r\nRGFmdGFyIGNhbG9uIHBla2VyamEgKEZJS1RJRikK\r\n--b1--\r\n";
  const auto mail = ingest_one(s, s.dir.write("kontrak.eml", eml));
  auto item = json_object(run_berkas(s.data, {"show", "--json", mail}).out);
  BOOST_TEST(item->getValue<std::string>("kind") == "elektronik");
  BOOST_TEST(item->getValue<std::string>("date") == "2024-02-12");
  BOOST_REQUIRE(item->getArray("attachments"));
  BOOST_TEST(item->getArray("attachments")->size() == 1u);
  BOOST_TEST(hit_for(hits(s, "tanda tangani kontrak"), mail));
  const auto att = s.dir.file("lampiran.txt");
  BOOST_REQUIRE(run_berkas(s.data, {"original", mail, "--attachment", "1", "--out", att}).code == 0);
  BOOST_TEST(slurp(att) == attachment);
}

BOOST_AUTO_TEST_CASE(hostile_and_mislabelled_files_are_refused_and_change_nothing) {
  DemoStore s;
  const auto before = json_object(run_berkas(s.data, {"verify", "--json"}).out);
  std::vector<std::string> files;
  const auto plain = s.dir.write("asli.pdf", text_pdf({{"Dokumen terkunci (FIKTIF)"}}));
  const auto locked = s.dir.file("terkunci.pdf");
  BOOST_REQUIRE(run({"/usr/bin/qpdf", "--encrypt", "u", "o", "256", "--", plain, locked}).code == 0);
  files.push_back(locked);
  files.push_back(s.dir.write("bom-piksel.png", png_header_only(100000, 100000)));
  files.push_back(s.dir.write("foto.jpg", text_pdf({{"PDF yang menyamar sebagai foto"}})));
  std::string truncated = text_pdf({{"Terpotong"}});
  files.push_back(s.dir.write("terpotong.pdf", truncated.substr(0, truncated.size() / 3)));
  files.push_back(s.dir.write("acak.bin", std::string("\x00\x01\x02\xff\xfe garbage", 13)));
  // A WhatsApp zip with a 64 MiB entry of zeros (a ratio far over any bound) and one that climbs
  // out of its folder.
  const auto bomb = s.dir.file("bom.zip");
  const auto escape = s.dir.file("keluar.zip");
  BOOST_REQUIRE(python(s.dir, "import zipfile\n"
                              "z = zipfile.ZipFile('" + bomb + "', 'w', zipfile.ZIP_DEFLATED)\n"
                              "z.writestr('_chat.txt', '12/02/24 09.15 - A: halo\\n')\n"
                              "z.writestr('nol.bin', b'\\0' * (64 << 20))\n"
                              "z.close()\n"
                              "z = zipfile.ZipFile('" + escape + "', 'w')\n"
                              "z.writestr('_chat.txt', '12/02/24 09.15 - A: halo\\n')\n"
                              "z.writestr('../../luar.txt', 'x')\n"
                              "z.close()\n") == 0);
  files.push_back(bomb);
  files.push_back(escape);
  for (const auto& f : files) {
    auto r = run_berkas(s.data, {"ingest", "--case", k_case, f});
    BOOST_TEST(r.code == 4, f << ": exit " << r.code << " " << r.out << r.err);
    BOOST_TEST(r.out.find("GAGAL") != std::string::npos, f);
    BOOST_TEST(r.out.find(fs::path(f).filename().string()) != std::string::npos, f << ": names the file");
  }
  const auto after = json_object(run_berkas(s.data, {"verify", "--json"}).out);
  BOOST_TEST(after->getValue<long>("store_seq") == before->getValue<long>("store_seq"));
  BOOST_TEST(after->getValue<bool>("ok"));
  // No temporary file left beside the store.
  for (const auto& e : fs::recursive_directory_iterator(s.data))
    BOOST_TEST(e.path().filename().string().find("tmp") == std::string::npos, e.path());
  // Options are checked before anything is read.
  BOOST_TEST(run_berkas(s.data, {"ingest", "--case", "Bukan ID!", plain}).code == 4);
  BOOST_TEST(run_berkas(s.data, {"ingest", "--case", k_case, "--kind", "video", plain}).code == 4);
  BOOST_TEST(run_berkas(s.data, {"ingest", "--kind", "surat", plain}).code == 2);  // --kind without --case
  BOOST_TEST(run_berkas(s.data, {"ingest", "--case", "perkara-tidak-ada", plain}).code == 3);
}
