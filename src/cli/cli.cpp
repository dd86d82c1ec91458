#include "cli/cli.h"
#include "cli/internal/args.h"

#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "core/file.h"
#include "core/progress.h"
#include "core/text.h"
#include "ingest/law_text.h"
#include "service/bundles.h"
#include "service/json.h"
#include "server/server.h"
#include "service/service.h"

namespace berkas::cli {

namespace {

using service::Service;

const char* k_version = "berkas 0.1.0";

const char* k_usage_text = R"(berkas — penyimpanan barang bukti perkara TPPO / evidence store for trafficking cases

Pemakaian / usage: berkas [--data DIR] PERINTAH [opsi] ...

Perintah / commands:
  init [--demo]                 buat penyimpanan + indeks, muat UU 21/2007 (dan KUHP 455–456);
                                --demo juga memuat perkara contoh FIKTIF / create store, load the law
  ingest FILE|DIR...            masukkan BAP, keterangan ahli, surat, bukti elektronik, perkara, orang,
                                putusan (XML; putusan sebagai teks atau PDF) / ingest files
  ingest --case ID [--kind bap|ahli|surat|terdakwa|elektronik] [--title JUDUL] [--date TANGGAL]
         [--person ID] [--id ID [--correction CATATAN]] FILE|DIR...
                                barang bukti asli: PDF, pindaian/foto (OCR), DOCX, ODT, surel (.eml),
                                ekspor WhatsApp/Telegram, teks; jenis dari isinya / native evidence files
  search [--json] [--limit N] [--offset N] [--as-of TANGGAL] KUERI
                                cari barang bukti, putusan dan undang-undang / search
  show [--json] ID[@VERSI]      satu barang bukti, putusan, perkara atau pasal / one item in full
  cases [--json]                daftar perkara / the cases
  case [--json] ID              satu perkara: orang, barang bukti, pasal didakwakan / one case
  law [--json] [--law ID] [--as-of TANGGAL] [PASAL]
                                telusuri undang-undang / browse the law
  reindex                       bangun ulang indeks dari penyimpanan / rebuild the index
  verify [--json]               periksa semua hash dan indeks / check hashes and the index
  audit [--json] [--limit N]    log audit / the audit log
  tour                          tur singkat pencarian / a short guided tour of searches
  bundle --case ID [--template NAMA] [--out BERKAS.pdf] [--stamp-prefix AWALAN]
                                susun berkas perkara PDF untuk pengadilan (bawaan: nama samaran;
                                --reveal: identitas asli, dicatat) / build the court bundle PDF
                                (default: pseudonyms; --reveal: real identities, audited)
  bundles [--json] [--case ID]  berkas perkara yang telah dibuat, dengan SHA-256 / bundles made, with hashes
  verify-bundle BERKAS.pdf      periksa berkas perkara: buatan kita, tidak berubah, barang bukti utuh
                                (keluar 5 bila berubah) / check a bundle file (exit 5 if modified)
  witness-file --person ID [--case ID] [--template NAMA] [--out BERKAS.pdf]
                                berkas saksi PDF: identitas/nama samaran, keterangan semua versi,
                                perlindungan, restitusi, daftar periksa (bawaan: nama samaran;
                                --reveal: identitas asli, dicatat) / the witness file PDF
  guideline MODUL.xml [--out MODUL.pdf] [--html MODUL.html] [--answers]
                                modul pedoman/pelatihan PDF dan HTML (kutipan pasal dari undang-undang,
                                studi kasus dianonimkan) / guideline or training module as PDF and HTML
  original ID[@VERSI] [--attachment N] --out BERKAS
                                berkas asli barang bukti atau lampiran ke-N, utuh dan diperiksa SHA-256-nya
                                (hanya bila semua nama di dalamnya boleh dilihat: --reveal; dicatat) /
                                an item's original or its attachment N, unchanged, hash-checked; audited
  sentencing [--provision PASAL] [--from TAHUN] [--to TAHUN] [--court NAMA] [--country NEGARA]
             [--outcome bersalah|bebas|lepas|gugur|lainnya] [--json|--csv]
                                pemidanaan di seluruh putusan: sebaran penjara, denda, restitusi dan tuntutan
                                (PASAL: uu-21-2007/pasal-4, 4, 2/1) / sentencing across precedents
  similar --case ID [--limit N] putusan yang paling mirip dengan perkara (pasal didakwakan, fakta) /
                                the decisions most like a case (charged provisions, facts)
  identifiers --case ID [--json|--csv]
                                nomor telepon, rekening, dompet elektronik, akun, NIK, paspor, alamat kripto,
                                pelat, penerbangan dalam bukti perkara, dan perkara lain tempat muncul /
                                identifiers in a case's evidence and the other cases they occur in
  identifier NILAI [--json|--csv]
                                satu identitas di semua perkara yang boleh Anda lihat ("0857-1122-3344") /
                                one identifier across every case you may see
  timeline --case ID [--json]   kronologi perkara: tanggal dalam teks, waktu pesan, tanggal dokumen, foto /
                                a case's timeline: dates in the text, message times, document dates, photos
  serve [--listen HOST:PORT]    jalankan aplikasi web (bawaan 127.0.0.1:8080) / run the web application
  roots [KATA...]               akar kata bahasa Indonesia, satu per baris: kata<TAB>akar (tanpa kata: dari
                                masukan standar, satu per baris) / Indonesian roots, word<TAB>root per line
                                (no words: one per line from standard input)
  convert-law uu21|kuhp SRC.txt OUT.xml
                                ubah teks undang-undang menjadi XML / convert a law text to XML

Opsi umum / global options:
  --data DIR    folder data (bawaan: $BERKAS_DATA, lalu ./berkas-data) / data folder
  --reveal      tampilkan identitas yang dilindungi (dicatat di log audit) / show protected names (audited)
  --help        bantuan / help;  --version

Kode keluar / exit codes: 0 ok, 1 sebagian gagal / partly failed, 2 pemakaian / usage,
  3 tidak ditemukan / not found, 4 masukan tidak valid / invalid input, 5 integritas / integrity, 6 galat / error
)";

}  // namespace

int exit_code_of(const core::Error& e) {
  switch (e.code) {
    case core::ErrorCode::not_found: return k_not_found;
    case core::ErrorCode::invalid_input: return k_invalid_input;
    case core::ErrorCode::integrity: return k_integrity;
    case core::ErrorCode::forbidden: return k_failed;
    case core::ErrorCode::conflict: return k_failed;
    default: return k_error;
  }
}

int report_error(const core::Error& e, bool json) {
  if (json) std::cout << service::json::of_error(e) << "\n";
  std::cerr << "berkas: " << e.describe() << "\n";
  return exit_code_of(e);
}

int usage_error(const std::string& msg) {
  std::cerr << "berkas: " << msg << "\n(berkas --help)\n";
  return k_usage;
}

namespace {

bool is_tty(int fd) { return isatty(fd) == 1; }

// Progress on a terminal: "[120/480] 35,2 berkas/mnt, sisa ~10 mnt 14 dtk  nama.txt"; quiet when
// stderr is piped or redirected.
service::Progress progress_printer() {
  if (!is_tty(2)) return {};
  const auto start = std::chrono::steady_clock::now();
  return [start](std::size_t done, std::size_t total, const std::string& what) {
    std::string name = std::filesystem::path(what).filename().string();
    if (name.size() > 40) name = "…" + name.substr(name.size() - 39);
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const auto e = core::estimate(static_cast<double>(done), static_cast<double>(total), elapsed);
    std::cerr << "\r\033[K[" << done << "/" << total << "]";
    if (e.per_minute > 0) {
      char rate[32];
      std::snprintf(rate, sizeof rate, "%.1f", e.per_minute);
      std::cerr << " " << rate << " berkas/mnt";
    }
    if (e.seconds_left) std::cerr << ", sisa / left ~" << core::format_duration(*e.seconds_left);
    std::cerr << "  " << name << std::flush;
    if (done == total) std::cerr << "\r\033[K" << std::flush;
  };
}

// Clears the progress line before a line of its own is printed on the same terminal.
void clear_progress_line() {
  if (is_tty(2) && is_tty(1)) std::cerr << "\r\033[K" << std::flush;
}

// Snippets come HTML-escaped with <mark> around matches; on a terminal show them bold.
std::string snippet_for_terminal(const std::string& html, bool tty) {
  std::string s = core::replace_all(html, "<mark>", tty ? "\033[1m" : "[");
  s = core::replace_all(s, "</mark>", tty ? "\033[0m" : "]");
  return core::squeeze_space(core::unescape_html(s));
}

std::string status_text(core::ForceStatus s, const std::string& successor_label) {
  std::string out = core::to_string(s);
  if (s == core::ForceStatus::revoked && !successor_label.empty()) out += "; diganti / replaced by " + successor_label;
  return out;
}

}  // namespace

service::Viewer viewer_of(const Args& a) {
  const char* user = std::getenv("USER");
  auto v = service::Viewer::command_line(user ? user : "");
  v.cleared_all = a.reveal;
  return v;
}

core::Result<std::unique_ptr<service::Context>> open_service(const Args& a, bool create) {
  return service::Context::open({a.data_dir, service::default_resource_dir()}, create);
}


namespace {

int cmd_init(const Args& a) {
  auto svc = open_service(a, true);
  if (!svc) return report_error(svc.error(), a.json);
  auto report = (*svc)->evidence().init(viewer_of(a), a.demo, progress_printer());
  if (!report) return report_error(report.error(), a.json);
  if (a.json) {
    std::cout << service::json::of(*report) << "\n";
  } else {
    for (const auto& f : report->files)
      if (f.status == service::FileOutcome::Status::failed) std::cerr << "GAGAL / FAILED " << f.error << "\n";
    auto counts = (*svc)->evidence().counts();
    std::cout << "Penyimpanan siap / store ready: " << a.data_dir << "\n";
    if (counts)
      std::cout << "  " << counts->laws << " undang-undang / laws, " << counts->provisions << " ketentuan / provisions, "
                << counts->cases << " perkara / cases, " << counts->items << " barang bukti / items, "
                << counts->precedents << " putusan / precedents\n";
  }
  return report->failed() ? k_failed : k_ok;
}

int cmd_ingest(const Args& a) {
  if (a.rest.empty()) return usage_error("ingest: berkas atau folder diperlukan / FILE or DIR required");
  auto svc = open_service(a);
  if (!svc) return report_error(svc.error(), a.json);
  // In text mode each file's outcome is printed (and flushed) as soon as it is final: a line
  // saying "created" means the file is stored and survives a crash.
  auto print_outcome = [](const service::FileOutcome& f) {
    clear_progress_line();
    if (f.status == service::FileOutcome::Status::failed) {
      std::cout << "GAGAL / FAILED  " << f.error << std::endl;
    } else {
      std::cout << to_string(f.status) << "  " << f.path << "  " << f.kind << " " << f.object_id;
      if (f.version) std::cout << "@" << f.version;
      std::cout << std::endl;
    }
  };
  // With --case: native evidence files of that case (a PDF, scan, photo, Word file, e-mail, chat).
  ingest::NativeOptions native;
  native.case_id = a.case_id;
  native.kind = a.kind;
  native.id = a.item_id;
  native.title = a.title;
  native.date = a.date;
  native.person_id = a.person_id;
  native.correction_note = a.correction;
  if (native.case_id.empty() && (!a.kind.empty() || !a.item_id.empty() || !a.title.empty() || !a.date.empty() ||
                                 !a.person_id.empty() || !a.correction.empty()))
    return usage_error("ingest: --kind, --id, --title, --date, --person dan --correction hanya bersama --case / "
                       "only with --case");
  if (!a.item_id.empty() && a.rest.size() != 1)
    return usage_error("ingest: --id hanya untuk satu berkas / --id names one file only");
  // Progress (n of N, files a minute, time left) on a terminal's stderr in both modes.
  auto report = (*svc)->evidence().ingest(viewer_of(a), a.rest, native, progress_printer(),
                               a.json ? std::function<void(const service::FileOutcome&)>() : print_outcome);
  if (!report) return report_error(report.error(), a.json);
  if (a.json)
    std::cout << service::json::of(*report) << "\n";
  else
    std::cout << report->files.size() << " berkas / files, " << report->failed() << " gagal / failed\n";
  // Nothing went in and every file was refused for what it holds: invalid input (exit 4).
  if (report->all_invalid()) return k_invalid_input;
  return report->failed() ? k_failed : k_ok;
}

int print_search(service::Context& ctx, const Args& a, const std::string& text) {
  service::SearchRequest q;
  q.text = text;
  q.limit = a.limit;
  q.offset = a.offset;
  q.as_of = a.as_of;
  auto page = ctx.search().run(viewer_of(a), q);
  if (!page) return report_error(page.error(), a.json);
  if (a.json) {
    std::cout << service::json::of(*page) << "\n";
    return k_ok;
  }
  const bool tty = is_tty(1);
  const auto& r = *page;
  std::cout << r.total << " hasil / results";
  if (!r.as_of.empty()) std::cout << " (per / as of " << r.as_of << ")";
  std::cout << "\n";
  if (!r.suggestion.empty()) std::cout << "Mungkin maksud Anda / did you mean: " << r.suggestion << "\n";
  for (const auto& h : r.hits) {
    std::cout << "\n" << h.rank << ". [" << h.kind << "] " << h.title;
    if (!h.valid_until.empty()) std::cout << "  (dicabut / revoked " << h.valid_until << ")";
    std::cout << "\n   id: " << h.object_id;
    if (h.unit) std::cout << "  (" << h.label << ")";
    if (!h.case_id.empty()) std::cout << "  perkara: " << h.case_id;
    if (!h.date.empty()) std::cout << "  tanggal: " << h.date;
    std::cout << "\n";
    if (!h.snippet.empty()) std::cout << "   " << snippet_for_terminal(h.snippet, tty) << "\n";
  }
  if (!r.facets.empty()) {
    std::cout << "\nFaset / facets:";
    for (const auto& [name, values] : r.facets) {
      if (values.empty()) continue;
      std::cout << "\n  " << name << ":";
      for (const auto& v : values) std::cout << " " << v.value << " (" << v.count << ")";
    }
    std::cout << "\n";
  }
  return k_ok;
}

int cmd_search(const Args& a) {
  if (a.rest.empty()) return usage_error("search: kueri diperlukan / QUERY required");
  std::string text;
  for (const auto& w : a.rest) text += (text.empty() ? "" : " ") + w;
  auto svc = open_service(a);
  if (!svc) return report_error(svc.error(), a.json);
  return print_search(**svc, a, text);
}

void print_citations(const std::vector<service::CitationView>& cs) {
  for (const auto& c : cs) {
    std::cout << "  - " << c.label;
    if (!c.raw.empty() && c.raw != c.label) std::cout << "  «" << core::squeeze_space(c.raw) << "»";
    if (c.shipped) std::cout << "  [" << status_text(c.status, c.successor_label) << " per " << c.as_of << "]";
    std::cout << "\n";
  }
}

// A native file's derived text, unit by unit, each saying how it was obtained: machine-read text
// is never to be mistaken for the original (`berkas original` gives that).
void print_units(const core::EvidenceItem& it) {
  if (it.original.empty()) return;
  std::cout << "\nBerkas asli / original: " << it.original.file_name << " (" << it.original.format << ", "
            << it.original.media_type << ")\n";
  for (const auto& [k, v] : it.original.metadata) std::cout << "  " << k << ": " << v << "\n";
  std::cout << "\nTeks turunan — bukan berkas aslinya / derived text — not the original:\n";
  for (const auto& u : it.units) {
    std::cout << "\n[" << core::unit_name(it.original, u);
    if (!u.time.empty()) std::cout << " · " << u.time;
    if (!u.sender.empty()) std::cout << " · " << u.sender;
    if (u.system) std::cout << " · sistem / system";
    std::cout << " · " << core::method_label(u) << "]\n";
    if (!u.media.empty()) std::cout << "(media: " << u.media << ")\n";
    std::cout << u.text << "\n";
  }
}

int show_item(Service& svc, const Args& a, const std::string& id) {
  auto v = svc.item(viewer_of(a), id);
  if (!v) return report_error(v.error(), a.json);
  if (a.json) {
    std::cout << service::json::of(*v) << "\n";
    return k_ok;
  }
  const auto& it = v->item;
  std::cout << it.title << "\n"
            << "  id: " << it.id << "  versi / version: " << it.version << "\n"
            << "  jenis / kind: " << core::label_of(it.kind) << "\n"
            << "  perkara / case: " << it.case_id << (v->case_title.empty() ? "" : " — " + v->case_title) << "\n";
  if (v->person) std::cout << "  orang / person: " << v->person->display_name << " (" << v->person->role << ")\n";
  if (!it.date.empty()) std::cout << "  tanggal / date: " << it.date << (it.place.empty() ? "" : ", " + it.place) << "\n";
  if (!it.examiner.empty()) std::cout << "  pemeriksa / examiner: " << it.examiner << "\n";
  std::cout << "  SHA-256: " << it.source_sha256 << "\n";
  if (it.fictional) std::cout << "  FIKTIF / fictional\n";
  if (!it.correction_note.empty()) std::cout << "  koreksi / correction: " << it.correction_note << "\n";
  if (!it.summary.empty()) std::cout << "\n" << it.summary << "\n";
  for (const auto& qa : it.qa)
    std::cout << "\n" << qa.number << ". Pertanyaan: " << qa.question << "\n   Jawaban: " << qa.answer << "\n";
  for (const auto& s : it.sections) std::cout << "\n" << s.heading << "\n" << s.text << "\n";
  for (const auto& at : it.attachments)
    std::cout << "\nLampiran / attachment: " << at.name << " (" << at.media_type << ", " << at.size
              << " bytes) SHA-256 " << at.sha256 << "\n";
  print_units(it);
  std::cout << "\nVersi / versions:\n";
  for (const auto& ver : v->versions)
    std::cout << "  v" << ver.version << "  " << ver.ingested_at << "  " << ver.source_sha256
              << (ver.superseded ? "  (digantikan / superseded)" : "") << "\n";
  if (!v->citations.empty()) {
    std::cout << "\nRujukan pasal / citations:\n";
    print_citations(v->citations);
  }
  return k_ok;
}

int show_precedent(Service& svc, const Args& a, const std::string& id) {
  auto v = svc.precedent(viewer_of(a), id);
  if (!v) return report_error(v.error(), a.json);
  if (a.json) {
    std::cout << service::json::of(*v) << "\n";
    return k_ok;
  }
  const auto& p = v->precedent;
  std::cout << "Putusan " << p.number << "\n  " << p.court << ", " << p.date << "\n  Terdakwa: " << p.defendant
            << "\n  SHA-256: " << p.source_sha256 << (p.fictional ? "\n  FIKTIF / fictional" : "") << "\n";
  std::cout << "\nDakwaan / charged:\n";
  print_citations(v->charged);
  std::cout << "Diterapkan / applied:\n";
  print_citations(v->applied);
  std::cout << "\nAmar / verdict: " << p.verdict << "\n";
  if (!p.sentence_text.empty()) std::cout << "Pidana / sentence: " << p.sentence_text << "\n";
  if (!p.deliberated.empty() || !p.pronounced.empty())
    std::cout << "Musyawarah / deliberated: " << p.deliberated << "; diucapkan / pronounced: " << p.pronounced << "\n";
  for (const auto& o : p.outcomes) {
    std::cout << "\n" << o.defendant << ": " << core::label_of(o.outcome);
    if (!o.count.empty()) std::cout << " — " << o.count;
    std::cout << "\n";
    if (!o.counts_not_proven.empty()) std::cout << "  tidak terbukti / not proven: " << o.counts_not_proven << "\n";
    auto penalty = [](const char* what, const core::Penalty& pen) {
      std::cout << "  " << what << ": penjara / prison " << (pen.prison.empty() ? "-" : core::to_string(pen.prison));
      if (pen.fine_rupiah > 0) {
        std::cout << "; denda / fine " << core::format_rupiah(pen.fine_rupiah);
        if (!pen.fine_substitute.empty()) std::cout << " (subsider " << core::to_string(pen.fine_substitute) << ")";
      }
      if (pen.restitution_rupiah > 0) {
        std::cout << "; restitusi / restitution " << core::format_rupiah(pen.restitution_rupiah);
        if (pen.restitution_per_victim.size() > 1) {
          std::cout << " =";
          for (auto v : pen.restitution_per_victim) std::cout << " " << core::format_rupiah(v);
        }
        if (pen.restitution_joint) std::cout << " tanggung renteng / joint";
        if (!pen.restitution_substitute.empty()) std::cout << " (pengganti / substitute " << core::to_string(pen.restitution_substitute) << ")";
      }
      std::cout << "\n";
    };
    penalty("putusan / sentence", o.sentence);
    if (o.demand) penalty("tuntutan / demand", *o.demand);
  }
  return k_ok;
}

int show_case(Service& svc, const Args& a, const std::string& id) {
  auto v = svc.case_view(viewer_of(a), id);
  if (!v) return report_error(v.error(), a.json);
  if (a.json) {
    std::cout << service::json::of(*v) << "\n";
    return k_ok;
  }
  const auto& c = v->case_file;
  std::cout << c.title << "\n  id: " << c.id << "  nomor / number: " << c.register_number << "\n  " << c.court
            << "  tahap / stage: " << core::to_string(c.stage) << "\n  negara tujuan / destination: "
            << c.destination_country << "  tempus delicti: " << c.offence_date << (c.fictional ? "\n  FIKTIF / fictional" : "")
            << "\n\nPasal didakwakan / charged:\n";
  print_citations(v->charged);
  std::cout << "\nOrang / persons:\n";
  for (const auto& p : v->persons)
    std::cout << "  " << p.id << "  " << p.display_name << " (" << p.role << ")" << (p.is_protected ? " [dilindungi]" : "") << "\n";
  std::cout << "\nBarang bukti / evidence:\n";
  for (const auto& it : v->items)
    std::cout << "  " << it.id << "@" << it.version << "  [" << core::code_of(it.kind) << "] " << it.title << "\n";
  return k_ok;
}

int show_provision(Service& svc, const Args& a, const std::string& law, const std::string& id) {
  auto v = svc.provision(viewer_of(a), law, id, a.as_of);
  if (!v) return report_error(v.error(), a.json);
  if (a.json) {
    std::cout << service::json::of(*v) << "\n";
    return k_ok;
  }
  const auto& p = v->provision;
  std::cout << p.label << "\n  BAB " << p.bab << " " << p.bab_heading << "\n  status per " << v->as_of << ": "
            << status_text(v->status, v->successor_label) << "\n";
  if (!p.in_force_until.empty())
    std::cout << "  berlaku sampai / in force until (tidak termasuk / exclusive): " << p.in_force_until << "\n";
  if (!p.status_note.empty()) std::cout << "  " << p.status_note << "\n";
  std::cout << "\n" << p.text << "\n";
  if (!p.penjelasan.empty()) std::cout << "\nPenjelasan:\n" << p.penjelasan << "\n";
  if (!v->citing_items.empty()) {
    std::cout << "\nDirujuk oleh barang bukti / cited by items:";
    for (const auto& i : v->citing_items) std::cout << " " << i;
    std::cout << "\n";
  }
  if (!v->citing_precedents.empty()) {
    std::cout << "Dirujuk oleh putusan / cited by precedents:";
    for (const auto& i : v->citing_precedents) std::cout << " " << i;
    std::cout << "\n";
  }
  return k_ok;
}

int cmd_show(const Args& a) {
  if (a.rest.size() != 1) return usage_error("show: satu ID diperlukan / one ID required");
  auto svc = open_service(a);
  if (!svc) return report_error(svc.error(), a.json);
  const auto& id = a.rest[0];
  auto kind = (*svc)->evidence().kind_of(viewer_of(a), id);
  if (!kind) return report_error(kind.error(), a.json);
  if (a.reveal)
    if (auto s = (*svc)->evidence().record(viewer_of(a), "reveal", id, "--reveal: protected identities shown"); !s)
      return report_error(s.error(), a.json);
  if (*kind == "item") return show_item((*svc)->evidence(), a, id);
  if (*kind == "precedent") return show_precedent((*svc)->evidence(), a, id);
  if (*kind == "case") return show_case((*svc)->evidence(), a, id);
  return show_provision((*svc)->evidence(), a, "", id);
}

int cmd_cases(const Args& a) {
  auto svc = open_service(a);
  if (!svc) return report_error(svc.error(), a.json);
  auto cases = (*svc)->evidence().cases(viewer_of(a));
  if (!cases) return report_error(cases.error(), a.json);
  if (a.json) {
    std::cout << service::json::of(*cases) << "\n";
    return k_ok;
  }
  if (cases->empty()) std::cout << "Belum ada perkara / no cases yet\n";
  for (const auto& c : *cases)
    std::cout << c.id << "  " << c.register_number << "  " << c.title << (c.fictional ? "  [FIKTIF]" : "") << "\n";
  return k_ok;
}

int cmd_case(const Args& a) {
  if (a.rest.size() != 1) return usage_error("case: satu ID diperlukan / one ID required");
  auto svc = open_service(a);
  if (!svc) return report_error(svc.error(), a.json);
  if (a.reveal)
    if (auto s = (*svc)->evidence().record(viewer_of(a), "reveal", a.rest[0], "--reveal: protected identities shown"); !s)
      return report_error(s.error(), a.json);
  return show_case((*svc)->evidence(), a, a.rest[0]);
}

int cmd_law(const Args& a) {
  auto svc = open_service(a);
  if (!svc) return report_error(svc.error(), a.json);
  if (!a.rest.empty()) {
    std::string pasal;
    for (const auto& w : a.rest) pasal += (pasal.empty() ? "" : " ") + w;
    return show_provision((*svc)->evidence(), a, a.law, pasal);
  }
  auto outline = (*svc)->evidence().law_outline(a.law, a.as_of);
  if (!outline) return report_error(outline.error(), a.json);
  if (a.json) {
    std::cout << service::json::of(*outline) << "\n";
    return k_ok;
  }
  std::cout << outline->law.title << "\n(status per / as of " << outline->as_of << ")\n";
  for (const auto& b : outline->bab) {
    std::cout << "\nBAB " << b.bab << "  " << b.heading << "\n ";
    for (const auto& p : b.pasal) {
      std::cout << " " << p.pasal;
      if (p.status != core::ForceStatus::in_force) std::cout << "(" << core::to_string(p.status) << ")";
    }
    std::cout << "\n";
  }
  auto laws = (*svc)->evidence().laws();
  if (laws && laws->size() > 1) {
    std::cout << "\nUndang-undang lain / other laws (--law ID):";
    for (const auto& l : *laws)
      if (l.id != a.law) std::cout << " " << l.id;
    std::cout << "\n";
  }
  return k_ok;
}

int cmd_reindex(const Args& a) {
  auto svc = open_service(a);
  if (!svc) return report_error(svc.error(), a.json);
  if (auto s = (*svc)->evidence().reindex(viewer_of(a), progress_printer()); !s) return report_error(s.error(), a.json);
  auto counts = (*svc)->evidence().counts();
  if (!a.json) std::cout << "Indeks dibangun ulang / index rebuilt\n";
  return k_ok;
}

int cmd_verify(const Args& a) {
  auto svc = open_service(a);
  if (!svc) return report_error(svc.error(), a.json);
  auto r = (*svc)->evidence().verify(viewer_of(a));
  if (!r) return report_error(r.error(), a.json);
  if (a.json) {
    std::cout << service::json::of(*r) << "\n";
  } else {
    for (const auto& p : r->problems) std::cout << "MASALAH / PROBLEM  " << p.object << ": " << p.problem << "\n";
    std::cout << (r->ok() ? "OK" : "GAGAL / FAILED") << ": store seq " << r->store_seq << ", index seq " << r->index_seq
              << ", " << r->index_docs << "/" << r->expected_docs << " dokumen indeks / index documents\n";
  }
  return r->ok() ? k_ok : k_integrity;
}

int cmd_audit(const Args& a) {
  auto svc = open_service(a);
  if (!svc) return report_error(svc.error(), a.json);
  // The whole log by default; with --limit N, the last N entries.
  std::int64_t after = 0;
  int limit = 1000000;
  if (a.limit_given) {
    auto all = (*svc)->evidence().audit_log(viewer_of(a), 0, 1000000);
    if (!all) return report_error(all.error(), a.json);
    if (all->size() > static_cast<size_t>(a.limit)) after = (*all)[all->size() - a.limit - 1].seq;
    limit = a.limit;
  }
  auto events = (*svc)->evidence().audit_log(viewer_of(a), after, limit);
  if (!events) return report_error(events.error(), a.json);
  if (a.json) {
    std::cout << service::json::of(*events) << "\n";
    return k_ok;
  }
  for (const auto& e : *events)
    std::cout << e.seq << "  " << e.time << "  " << e.actor << "  " << e.action << "  " << e.object << "  " << e.detail << "\n";
  return k_ok;
}

int cmd_tour(const Args& a) {
  auto svc = open_service(a);
  if (!svc) return report_error(svc.error(), a.json);
  struct Stop {
    const char* what;
    const char* query;
    const char* as_of;
  };
  const Stop stops[] = {
      {"Pasal menurut nomor / a provision by number", "pasal 48", ""},
      {"Menurut isi / by content: restitusi", "restitusi korban", ""},
      {"Kata dasar menemukan bentuk turunan / a root word finds derived forms", "rekrut", ""},
      {"Sinonim dan singkatan / thesaurus: TPPO, PMI", "TPPO PMI", ""},
      {"Bidang / fields: BAP saksi, negara Kamboja", "jenis:bap negara:kamboja paspor", ""},
      {"Pasal yang dirujuk / evidence citing Pasal 4", "pasal:4", ""},
      {"Hukum per tanggal / the law as of 2024 (Pasal 2 masih berlaku)", "perekrutan penipuan eksploitasi", "2024-06-01"},
      {"Hukum hari ini / the law today (Pasal 2 dicabut, KUHP Pasal 455)", "perekrutan penipuan eksploitasi", ""},
      {"Ejaan / spelling", "perdagngan orang", ""},
  };
  Args b = a;
  b.limit = 3;
  for (const auto& s : stops) {
    std::cout << "\n==== " << s.what << "\n$ berkas search " << (*s.as_of ? std::string("--as-of ") + s.as_of + " " : "")
              << "'" << s.query << "'\n";
    b.as_of = s.as_of;
    print_search(**svc, b, s.query);
  }
  std::cout << "\nLanjutkan / go on: berkas --data " << a.data_dir
            << " show ID | cases | law 2 | law --law uu-1-2023 455 | verify\n";
  return k_ok;
}

int cmd_convert_law(const Args& a) {
  if (a.rest.size() != 3 || (a.rest[0] != "uu21" && a.rest[0] != "kuhp"))
    return usage_error("convert-law uu21|kuhp SRC.txt OUT.xml");
  std::ifstream in(a.rest[1], std::ios::binary);
  if (!in) return report_error({core::ErrorCode::io, "tidak dapat dibaca / cannot read", a.rest[1], 0, ""}, false);
  std::stringstream ss;
  ss << in.rdbuf();
  auto xml = a.rest[0] == "uu21" ? ingest::convert_uu21_text(ss.str(), a.rest[1])
                                 : ingest::convert_kuhp_text(ss.str(), a.rest[1]);
  if (!xml) return report_error(xml.error(), false);
  if (auto w = core::write_file_atomically(a.rest[2], *xml); !w) return report_error(w.error(), false);
  std::cout << a.rest[2] << "\n";
  return k_ok;
}

bool parse_int(const std::string& s, int& out);

// Runs the web application until SIGINT/SIGTERM. With no administrator yet, prints a one-time
// setup token: the first administrator is created with it in the browser (no default password).
int cmd_serve(const Args& a) {
  const auto colon = a.listen.rfind(':');
  int port = 0;
  // Port 0 picks a free port (tests); the address printed below says which.
  if (colon == std::string::npos || colon == 0 || !parse_int(a.listen.substr(colon + 1), port) || port < 0 ||
      port > 65535)
    return usage_error("--listen HOST:PORT, mis. / e.g. 127.0.0.1:8080");
  server::Options o;
  o.data_dir = a.data_dir;
  o.resource_dir = service::default_resource_dir();
  o.host = a.listen.substr(0, colon);
  o.port = static_cast<std::uint16_t>(port);
  std::string setup_token;
  o.on_setup_token = [&setup_token](const std::string& token) { setup_token = token; };
  // Block the stop signals before the server's threads start, so they inherit the mask and
  // only sigwait below receives them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  auto srv = server::Server::start(o);
  if (!srv) return report_error(srv.error(), false);
  const std::string base = "http://" + o.host + ":" + std::to_string((*srv)->port());
  if (!setup_token.empty())
    std::cout << "Belum ada administrator / no administrator yet.\n"
              << "Token penyiapan sekali pakai / one-time setup token: " << setup_token << "\n"
              << "Buka / open " << base << "/setup , masukkan token, buat administrator pertama / enter the token and"
              << " create the first administrator (berlaku sampai dipakai atau server berhenti / valid until used or"
              << " the server stops)\n";
  else
    std::cout << "Masuk di / sign in at " << base << "/login\n";
  std::cout << "Berkas berjalan di / running at " << base << "/\n"
            << "Hentikan dengan / stop with Ctrl-C\n"
            << std::flush;
  int sig = 0;
  sigwait(&stop_signals, &sig);
  (*srv)->stop();
  std::cout << "Berhenti / stopped\n";
  return k_ok;
}

// ---------------------------------------------------------------- bundles

int cmd_bundle(const Args& a) {
  if (a.case_id.empty() || !a.rest.empty())
    return usage_error("bundle: --case ID diperlukan / --case ID required");
  auto svc = open_service(a);
  if (!svc) return report_error(svc.error(), a.json);
  const auto viewer = viewer_of(a);
  if (a.reveal)
    if (auto s = (*svc)->evidence().record(viewer, "reveal", a.case_id, "--reveal: protected identities shown in a bundle"); !s)
      return report_error(s.error(), a.json);
  service::BundleRequest r;
  r.case_id = a.case_id;
  if (!a.template_name.empty()) r.template_name = a.template_name;
  r.out_path = a.out;
  r.stamp_prefix = a.stamp_prefix;
  r.disclosure = a.reveal ? core::Disclosure::identities : core::Disclosure::pseudonyms;
  auto made = (*svc)->bundles().make(viewer, r);
  if (!made) return report_error(made.error(), a.json);
  if (a.json) {
    std::cout << service::bundle_made_json(*made) << "\n";
    return k_ok;
  }
  std::cout << "Berkas / bundle: " << made->path << "\n"
            << "Halaman / pages: " << made->page_count << "\n"
            << "SHA-256: " << made->sha256 << "\n"
            << "Identitas / identities: " << core::label_of(made->disclosure) << "\n";
  if (!made->redacted) std::cout << "PERHATIAN / WARNING: identitas yang dilindungi terbuka / protected identities shown\n";
  for (const auto& w : made->withheld)
    std::cout << "Ditahan / withheld: " << w << " (memuat identitas yang dilindungi / shows a protected identity)\n";
  if (made->already_recorded) std::cout << "Sudah tercatat / already recorded as bundle #" << made->id << "\n";
  return k_ok;
}

int cmd_bundles(const Args& a) {
  if (!a.rest.empty()) return usage_error("bundles: tidak ada argumen / no arguments (--case ID)");
  auto svc = open_service(a);
  if (!svc) return report_error(svc.error(), a.json);
  auto list = (*svc)->bundles().records(viewer_of(a), a.case_id);
  if (!list) return report_error(list.error(), a.json);
  if (a.json) {
    std::cout << service::bundles_json(*list) << "\n";
    return k_ok;
  }
  if (list->empty()) std::cout << "Belum ada berkas perkara / no bundles yet\n";
  for (const auto& b : *list)
    std::cout << "#" << b.id << "  " << b.case_id << "  " << b.created_at << "  " << b.page_count << " hlm/pp  "
              << b.sha256 << "  " << b.file_name << "  " << b.user
              << (b.redacted ? "  [nama samaran / pseudonyms]" : "  [identitas asli / real identities]") << "\n";
  return k_ok;
}

int cmd_verify_bundle(const Args& a) {
  if (a.rest.size() != 1) return usage_error("verify-bundle: satu BERKAS.pdf diperlukan / one FILE.pdf required");
  auto svc = open_service(a);
  if (!svc) return report_error(svc.error(), a.json);
  auto c = (*svc)->bundles().verify(viewer_of(a), a.rest[0]);
  if (!c) return report_error(c.error(), a.json);
  if (a.json) {
    std::cout << service::bundle_check_json(*c) << "\n";
    return c->intact() ? k_ok : k_integrity;
  }
  const auto& b = c->record;
  if (c->recorded) {
    std::cout << "Tidak berubah / unchanged: berkas #" << b.id << " perkara / of case " << b.case_id << ", dibuat / made "
              << b.created_at << " oleh / by " << b.user << ", " << b.page_count << " halaman / pages\n";
  } else if (c->berkas_bundle) {
    std::cout << "BERUBAH / MODIFIED: SHA-256 " << c->file_sha256 << " bukan berkas yang tercatat / is not a recorded bundle\n";
    if (b.id)
      std::cout << "  mengaku / claims to be berkas #" << b.id << " perkara / of case " << b.case_id << " (" << b.created_at
                << ", SHA-256 asli / original " << b.sha256 << ")\n";
    if (!c->manifest_matches) std::cout << "  manifesnya juga diubah / its manifest was altered too\n";
  } else {
    std::cout << "BERUBAH / MODIFIED: SHA-256 " << c->file_sha256
              << " bukan berkas perkara Berkas yang tercatat / is not a recorded Berkas bundle\n";
  }
  for (const auto& p : c->problems) std::cout << "  MASALAH / PROBLEM  " << p.object_id << ": " << p.problem << "\n";
  for (const auto& s : c->superseded) std::cout << "  versi lebih baru / newer version since: " << s << "\n";
  if (c->recorded || c->berkas_bundle)
    std::cout << (c->problems.empty() ? "Barang bukti utuh / items intact" : "Barang bukti berbeda / items differ") << "\n";
  std::cout << (c->intact() ? "UTUH / INTACT" : "GAGAL / FAILED") << "\n";
  return c->intact() ? k_ok : k_integrity;
}

// The analyser's root of each word, as the index stems it; needs no store.
int cmd_roots(const Args& a) {
  constexpr std::size_t k_batch = 4096;
  auto emit = [&](const std::vector<std::string>& words) -> int {
    auto roots = service::indonesian_roots(words);
    if (!roots) return report_error(roots.error(), false);
    for (std::size_t i = 0; i < words.size(); ++i) std::cout << words[i] << '\t' << (*roots)[i] << '\n';
    return k_ok;
  };
  if (!a.rest.empty()) return emit(a.rest);
  std::vector<std::string> batch;
  std::string line;
  while (std::getline(std::cin, line)) {
    const auto word = core::squeeze_space(line);
    if (word.empty()) continue;
    batch.push_back(word);
    if (batch.size() == k_batch) {
      if (int rc = emit(batch); rc != k_ok) return rc;
      batch.clear();
    }
  }
  return batch.empty() ? k_ok : emit(batch);
}

const std::map<std::string, std::function<int(const Args&)>>& commands() {
  static const std::map<std::string, std::function<int(const Args&)>> k_commands = {
      {"init", cmd_init},       {"ingest", cmd_ingest},   {"search", cmd_search}, {"show", cmd_show},
      {"cases", cmd_cases},     {"case", cmd_case},       {"law", cmd_law},       {"reindex", cmd_reindex},
      {"verify", cmd_verify},   {"audit", cmd_audit},     {"tour", cmd_tour},     {"convert-law", cmd_convert_law},
      {"serve", cmd_serve},     {"bundle", cmd_bundle},   {"bundles", cmd_bundles},
      {"verify-bundle", cmd_verify_bundle},
      {"witness-file", cmd_witness_file},
      {"guideline", cmd_guideline},
      {"original", cmd_original},
      {"roots", cmd_roots},
      {"sentencing", cmd_sentencing},
      {"similar", cmd_similar},
      {"identifiers", cmd_identifiers},
      {"identifier", cmd_identifier},
      {"timeline", cmd_timeline},
  };
  return k_commands;
}

bool parse_int(const std::string& s, int& out) {
  if (s.empty() || s.size() > 9) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  out = std::atoi(s.c_str());
  return true;
}

}  // namespace

int run(int argc, char** argv) {
  Args a;
  std::vector<std::string> args(argv + 1, argv + argc);
  bool options_done = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& s = args[i];
    auto value = [&](const char* name) -> const std::string* {
      if (i + 1 >= args.size()) return nullptr;
      (void)name;
      return &args[++i];
    };
    if (!options_done && s == "--") {
      options_done = true;
    } else if (!options_done && (s == "--help" || s == "-h")) {
      a.help = true;
    } else if (!options_done && s == "--version") {
      std::cout << k_version << "\n";
      return k_ok;
    } else if (!options_done && s == "--json") {
      a.json = true;
    } else if (!options_done && s == "--demo") {
      a.demo = true;
    } else if (!options_done && s == "--answers") {
      a.answers = true;
    } else if (!options_done && s == "--reveal") {
      a.reveal = true;
    } else if (!options_done && s == "--csv") {
      a.csv = true;
    } else if (!options_done && (s == "--data" || s == "--limit" || s == "--offset" || s == "--as-of" || s == "--law" ||
                                  s == "--listen" || s == "--case" || s == "--template" || s == "--out" ||
                                  s == "--stamp-prefix" || s == "--person" || s == "--html" || s == "--attachment" ||
                                  s == "--kind" || s == "--id" || s == "--title" || s == "--date" ||
                                  s == "--correction" || s == "--provision" || s == "--from" || s == "--to" ||
                                  s == "--court" || s == "--country" || s == "--outcome")) {
      const std::string* v = value(s.c_str());
      if (!v) return usage_error(s + " memerlukan nilai / needs a value");
      if (s == "--data") a.data_dir = *v;
      else if (s == "--as-of") {
        if (!core::is_iso_date(*v)) return usage_error("--as-of: tanggal YYYY-MM-DD / date YYYY-MM-DD expected: " + *v);
        a.as_of = *v;
      } else if (s == "--law") a.law = *v;
      else if (s == "--listen") a.listen = *v;
      else if (s == "--case") a.case_id = *v;
      else if (s == "--template") a.template_name = *v;
      else if (s == "--out") a.out = *v;
      else if (s == "--stamp-prefix") a.stamp_prefix = *v;
      else if (s == "--person") a.person_id = *v;
      else if (s == "--html") a.html_out = *v;
      else if (s == "--attachment") a.attachment = *v;
      else if (s == "--kind") a.kind = *v;
      else if (s == "--id") a.item_id = *v;
      else if (s == "--title") a.title = *v;
      else if (s == "--date") a.date = *v;
      else if (s == "--correction") a.correction = *v;
      else if (s == "--provision") a.provision = *v;
      else if (s == "--from") a.from_year = *v;
      else if (s == "--to") a.to_year = *v;
      else if (s == "--court") a.court = *v;
      else if (s == "--country") a.country = *v;
      else if (s == "--outcome") a.outcome = *v;
      else if (!parse_int(*v, s == "--limit" ? a.limit : a.offset))
        return usage_error(s + ": bilangan / number expected: " + *v);
      else if (s == "--limit")
        a.limit_given = true;
    } else if (!options_done && s.size() > 1 && s[0] == '-' && a.command != "search") {
      return usage_error("opsi tidak dikenal / unknown option: " + s);
    } else if (a.command.empty()) {
      a.command = s;
    } else {
      a.rest.push_back(s);
    }
  }
  if (a.limit < 1 || a.limit > 1000) return usage_error("--limit: 1..1000");
  if (a.help && !a.command.empty() && commands().count(a.command)) {
    // The command's own lines of the usage text.
    std::istringstream lines(k_usage_text);
    std::string line;
    bool in = false;
    std::cout << "Pemakaian / usage: berkas [--data DIR] [--reveal]\n";
    while (std::getline(lines, line)) {
      if (line.rfind("  " + a.command + " ", 0) == 0 || line == "  " + a.command) in = true;
      else if (in && (line.size() < 4 || line.substr(0, 4) != "    ")) break;
      if (in) std::cout << line << "\n";
    }
    return k_ok;
  }
  if (a.help || a.command.empty() || a.command == "help") {
    std::cout << k_usage_text;
    return a.help || a.command == "help" ? k_ok : k_usage;
  }
  if (a.data_dir.empty()) {
    const char* env = std::getenv("BERKAS_DATA");
    a.data_dir = env && *env ? env : "./berkas-data";
  }
  auto it = commands().find(a.command);
  if (it == commands().end()) return usage_error("perintah tidak dikenal / unknown command: " + a.command);
  return it->second(a);
}

}  // namespace berkas::cli
