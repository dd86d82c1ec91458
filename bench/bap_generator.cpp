#include "bench/bap_generator.h"

#include <filesystem>
#include <fstream>
#include <random>

namespace fs = std::filesystem;

namespace berkas::bench {

namespace {

const char* k_questions[] = {
    "Apakah saudara dalam keadaan sehat jasmani dan rohani serta bersedia memberikan keterangan?",
    "Jelaskan bagaimana saudara pertama kali mengetahui tawaran pekerjaan tersebut?",
    "Siapa yang merekrut saudara dan apa yang dijanjikan kepada saudara?",
    "Bagaimana saudara diberangkatkan ke luar negeri dan siapa yang menanggung biayanya?",
    "Apakah paspor dan dokumen perjalanan saudara ditahan oleh pihak perusahaan?",
    "Jelaskan pekerjaan apa yang sebenarnya saudara lakukan di lokasi tersebut?",
    "Apakah saudara pernah mengalami kekerasan atau ancaman kekerasan selama bekerja?",
    "Berapa gaji yang dijanjikan dan berapa yang saudara terima sebenarnya?",
    "Apakah saudara dibebani utang oleh pihak perusahaan atau agen perekrut?",
    "Bagaimana saudara dapat keluar dari lokasi tersebut dan kembali ke Indonesia?",
    "Apakah ada korban lain yang saudara ketahui berada di lokasi yang sama?",
    "Apakah saudara mengenali barang bukti percakapan Telegram yang diperlihatkan penyidik?",
    "Kerugian apa saja yang saudara alami akibat peristiwa tersebut?",
    "Apakah keterangan yang saudara berikan ini sudah benar dan tidak ada paksaan?",
};

const char* k_places[] = {"Sihanoukville", "Phnom Penh", "Myawaddy", "Bavet", "Poipet", "Manila", "Vientiane"};
const char* k_countries[] = {"Kamboja", "Myanmar", "Filipina", "Thailand", "Laos"};
const char* k_channels[] = {"Facebook", "Telegram", "Instagram", "TikTok", "WhatsApp"};
const char* k_recruiters[] = {"Sdr. Agen Fiktif", "Sdri. Perekrut Contoh", "Sdr. Calo Rekaan", "Sdr. Sponsor Fiktif"};

const char* k_fragments[] = {
    "saya melihat iklan lowongan kerja sebagai customer service dengan gaji besar di {c} melalui {ch}",
    "saya direkrut oleh {r} yang menjanjikan pekerjaan resmi dan gaji sebesar Rp{n}.000.000 per bulan",
    "setibanya di {p} paspor saya diambil oleh pihak perusahaan dan tidak pernah dikembalikan",
    "saya dipaksa bekerja melakukan penipuan daring selama {h} jam setiap hari dengan target yang tinggi",
    "apabila target tidak tercapai saya dipukul, disetrum, dan dikurung di ruangan gelap",
    "pihak perusahaan menyatakan saya memiliki utang sebesar {n}.000 dolar yang harus dilunasi dengan bekerja",
    "saya diberangkatkan melalui Bandara Soekarno-Hatta lalu transit di Bangkok sebelum diangkut melalui jalur darat",
    "gaji yang dijanjikan tidak pernah dibayar dan saya hanya menerima uang makan",
    "saya akhirnya melarikan diri dan meminta bantuan Kedutaan Besar Republik Indonesia",
    "di lokasi tersebut terdapat sekitar {n}0 orang warga negara Indonesia yang mengalami hal yang sama",
    "percakapan Telegram tersebut adalah percakapan antara saya dengan {r} sebelum keberangkatan",
    "saya mengalami kerugian berupa kehilangan penghasilan, biaya pengobatan, dan penderitaan psikis",
    "perbuatan tersebut merupakan perekrutan, pengangkutan dan penampungan untuk tujuan eksploitasi",
    "saya ditipu karena pekerjaan yang sebenarnya berbeda dengan yang dijanjikan oleh perekrut",
    "saya tidak pernah menandatangani perjanjian kerja dan tidak terdaftar sebagai pekerja migran",
    "keluarga saya di kampung diminta membayar tebusan agar saya dapat dipulangkan",
};

std::string fill(std::string s, std::mt19937_64& rng) {
  auto pick = [&](auto& arr) { return std::string(arr[rng() % (sizeof(arr) / sizeof(arr[0]))]); };
  auto rep = [&](const std::string& key, const std::string& val) {
    for (size_t pos; (pos = s.find(key)) != std::string::npos;) s.replace(pos, key.size(), val);
  };
  rep("{c}", pick(k_countries));
  rep("{ch}", pick(k_channels));
  rep("{r}", pick(k_recruiters));
  rep("{p}", pick(k_places));
  rep("{n}", std::to_string(2 + rng() % 30));
  rep("{h}", std::to_string(12 + rng() % 6));
  return s;
}

std::string xml_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else out += c;
  }
  return out;
}

}  // namespace

std::string statement_xml(std::size_t index, std::uint64_t seed, std::string& text) {
  std::mt19937_64 rng(seed * 1000003u + index);
  char id[32];
  std::snprintf(id, sizeof id, "bap-bench-%06zu", index);
  const std::string title = "Berita Acara Pemeriksaan Saksi FIKTIF nomor " + std::to_string(index);
  const int month = 1 + static_cast<int>(rng() % 12);
  const int day = 1 + static_cast<int>(rng() % 28);
  char date[16];
  std::snprintf(date, sizeof date, "2024-%02d-%02d", month, day);
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    "<!-- FIKTIF / fictional — generated benchmark data, any resemblance is coincidental -->\n";
  xml += std::string("<keterangan-saksi id=\"") + id + "\" perkara=\"perkara-bench\" orang=\"org-bench-" +
         std::to_string(index % 4) + "\" fiktif=\"ya\">\n  <kepala>\n    <judul>" + title + "</judul>\n" +
         "    <tempat>Jakarta</tempat>\n    <tanggal>" + date + "</tanggal>\n" +
         "    <pemeriksa><nama>Penyidik Fiktif</nama></pemeriksa>\n    <status>saksi</status>\n  </kepala>\n"
         "  <pemeriksaan>\n";
  text = title + "\n";
  const size_t nq = sizeof(k_questions) / sizeof(k_questions[0]);
  size_t bytes = 0;
  for (int q = 1; bytes < 2600; ++q) {
    const std::string question = k_questions[(q - 1 + index) % nq];
    std::string answer;
    const int parts = 1 + static_cast<int>(rng() % 3);
    for (int p = 0; p < parts; ++p) {
      std::string frag = fill(k_fragments[rng() % (sizeof(k_fragments) / sizeof(k_fragments[0]))], rng);
      if (answer.empty()) frag[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(frag[0])));
      answer += (answer.empty() ? "" : ", ") + frag;
    }
    answer += ".";
    if (q % 5 == 0) answer += " Hal tersebut sesuai dengan Pasal 4 jo. Pasal 10 UU No. 21 Tahun 2007.";
    xml += "    <tanya-jawab nomor=\"" + std::to_string(q) + "\">\n      <pertanyaan>" + xml_escape(question) +
           "</pertanyaan>\n      <jawaban>" + xml_escape(answer) + "</jawaban>\n    </tanya-jawab>\n";
    text += question + "\n" + answer + "\n";
    bytes += question.size() + answer.size();
  }
  xml += "  </pemeriksaan>\n</keterangan-saksi>\n";
  return xml;
}

std::vector<std::string> write_statements(const std::string& dir, std::size_t n, std::uint64_t seed) {
  fs::create_directories(fs::path(dir) / "setup");
  fs::create_directories(fs::path(dir) / "bap");
  std::ofstream(fs::path(dir) / "setup" / "perkara-bench.xml")
      << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<!-- FIKTIF / fictional — generated benchmark data -->\n"
         "<perkara id=\"perkara-bench\" fiktif=\"ya\">\n"
         "  <nomor-register>PDM-00/BENCH/FIKTIF/2024</nomor-register>\n"
         "  <judul>Perkara FIKTIF untuk uji kecepatan</judul>\n"
         "  <pengadilan>Pengadilan Negeri Fiktif</pengadilan>\n"
         "  <tahap>penyidikan</tahap>\n"
         "  <pasal-didakwakan><ketentuan id=\"uu-21-2007/pasal-4\"/></pasal-didakwakan>\n"
         "  <negara-tujuan>kamboja</negara-tujuan>\n"
         "  <tempus-delicti>2024-03-01</tempus-delicti>\n"
         "</perkara>\n";
  for (int p = 0; p < 4; ++p)
    std::ofstream(fs::path(dir) / "setup" / ("orang-bench-" + std::to_string(p) + ".xml"))
        << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<!-- FIKTIF / fictional — generated benchmark data -->\n"
           "<orang id=\"org-bench-" << p << "\" fiktif=\"ya\">\n"
           "  <nama>Saksi Bench Fiktif " << p << "</nama>\n"
           "  <peran>saksi</peran>\n"
           "  <perkara>perkara-bench</perkara>\n"
           "</orang>\n";
  std::vector<std::string> texts;
  texts.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    std::string text;
    const std::string xml = statement_xml(i, seed, text);
    char name[32];
    std::snprintf(name, sizeof name, "bap-%06zu.xml", i);
    std::ofstream(fs::path(dir) / "bap" / name, std::ios::binary) << xml;
    texts.push_back(std::move(text));
  }
  return texts;
}

}  // namespace berkas::bench
