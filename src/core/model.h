// core/model: the domain types of Berkas (the words of the case file), shared by every module.
//
// Domain words kept in Indonesian:
//   Pasal    — article of a law; ayat — numbered paragraph "(1)"; huruf — lettered point "a.";
//   Bab      — chapter; Penjelasan — the official elucidation of a law;
//   BAP      — Berita Acara Pemeriksaan, the examination record of a witness (questions/answers);
//   putusan  — court decision (here: a precedent); perkara — case; saksi — witness;
//   korban   — victim; ahli — expert; terdakwa — defendant; pendamping — companion.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace berkas::core {

// Dates are ISO 8601 strings "YYYY-MM-DD"; they compare correctly as strings.
using Date = std::string;

// True if `s` is a valid calendar date "YYYY-MM-DD".
bool is_iso_date(const std::string& s);

// ---------------------------------------------------------------- law

// A law (undang-undang) as shipped: UU 21/2007, KUHP 2023 (UU 1/2023).
struct Law {
  std::string id;          // "uu-21-2007", "uu-1-2023"
  std::string title;       // "Undang-Undang Nomor 21 Tahun 2007 tentang ..."
  std::string short_name;  // "UU 21/2007"
  Date enacted;            // date of promulgation (diundangkan)
  Date in_force_from;      // when it took effect
  std::string source;      // provenance of the shipped text (file, origin, corrections)
};

// Whether a provision is in force on a given date.
enum class ForceStatus { in_force, not_yet_in_force, revoked };
const char* to_string(ForceStatus s);   // "berlaku", "belum berlaku", "dicabut"

// One unit of a law: a Pasal, or an ayat within it (level tells which).
// Ids are stable paths: "uu-21-2007/pasal-2", "uu-21-2007/pasal-2/ayat-1",
// "uu-1-2023/pasal-455/ayat-1".
struct Provision {
  enum class Level { pasal, ayat };
  std::string id;
  std::string law_id;
  Level level = Level::pasal;
  std::string parent_id;       // ayat → its Pasal; empty for a Pasal
  std::string bab;             // "II" (Roman numeral as in the text)
  std::string bab_heading;     // "TINDAK PIDANA PERDAGANGAN ORANG"
  std::string pasal;           // "2" (string: later laws use "2A")
  int ayat = 0;                // 0 for a Pasal
  std::string label;           // "Pasal 2 ayat (1) UU 21/2007"
  std::string text;            // the full text (a Pasal: all ayat and huruf, newline-separated)
  std::string penjelasan;      // the official elucidation, empty if "Cukup jelas." is kept verbatim
  int ordinal = 0;             // document order within the law
  Date in_force_from;          // empty = from the law's in_force_from
  Date in_force_until;         // empty = still in force; else the first day it no longer applies
  std::string successor_id;    // provision that replaces it (KUHP Pasal 455 for UU 21/2007 Pasal 2)
  std::string status_note;     // why/how the status changed, with the legal basis

  // Status of this provision on `date` (ISO). `law_from` is the law's in_force_from.
  ForceStatus status_on(const Date& date, const Date& law_from) const;
};

// ---------------------------------------------------------------- cases and persons

enum class CaseStage { penyidikan, penuntutan, persidangan, putus };
const char* to_string(CaseStage s);
std::optional<CaseStage> parse_case_stage(const std::string& s);

struct Case {
  std::string id;                 // stable slug, e.g. "perkara-2024-001"
  std::string register_number;    // e.g. "PDM-12/JKT.PST/Eku.2/05/2024"
  std::string title;
  std::string court;              // "Pengadilan Negeri Jakarta Pusat"
  CaseStage stage = CaseStage::penyidikan;
  std::vector<std::string> charged_provisions;  // provision ids
  std::string destination_country;              // lower-case Indonesian name: "kamboja"
  std::string recruitment_channel;              // "media sosial", ...
  Date offence_date;                            // tempus delicti: the law is read as of this date
  std::string summary;
  bool fictional = false;                       // demo/test data is marked FIKTIF
  std::string source_sha256;                    // hash of the ingested source bytes
};

enum class PersonRole { saksi_korban, saksi, ahli, tersangka, terdakwa, pendamping, penyidik };
const char* to_string(PersonRole r);
const char* label_of(PersonRole r);  // as printed in documents: "Saksi korban", "Ahli", ...
std::optional<PersonRole> parse_person_role(const std::string& s);

// What a document made from case material shows of protected persons (UU 21/2007 Pasal 44):
// `pseudonyms` — every protected person by pseudonym, texts redacted, whoever makes it (the
// default); `identities` — the real names its maker is cleared for (an audited choice). Documents
// say which was applied, never what their maker could have seen.
enum class Disclosure { pseudonyms, identities };
const char* code_of(Disclosure d);                                   // "pseudonyms", "identities"
std::optional<Disclosure> parse_disclosure(const std::string& code);  // exactly those codes
// As printed on covers, in document information and lists, Indonesian first:
// "nama samaran / pseudonyms", "IDENTITAS ASLI / real identities".
const char* label_of(Disclosure d);

// A number or handle that identifies a person, as the person file records it (<nomor-identitas>),
// normalised: kind "nik" (16 digits), "paspor" (upper-case letters and digits), "telepon" (E.164),
// "rekening" (digits), "email" (lower-case), "akun" (lower-case handle without '@').
struct PersonIdentifier {
  std::string kind;
  std::string value;
};

struct Person {
  std::string id;                 // stable slug, e.g. "org-saksi-a"
  std::string name;               // the real name: PROTECTED if `is_protected`
  std::string pseudonym;          // shown instead of the name where not cleared ("Saksi A")
  PersonRole role = PersonRole::saksi;
  bool is_protected = false;      // UU 21/2007 Pasal 44, UU 31/2014
  std::vector<std::string> case_ids;
  std::string gender;             // "L" / "P" / empty
  Date birth_date;
  std::string origin;             // place of origin (kabupaten/kota)
  std::string language;           // language of testimony
  bool needs_interpreter = false;
  // Contact goes through the companion only (witness files): a witness or victim has a
  // `companion_id` (a person with role pendamping) and never a contact of their own; `contact`
  // and `organisation` are for companions, experts and investigators.
  std::string companion_id;
  std::string organisation;       // "Lembaga Layanan Korban ..." (companion, expert)
  std::string contact;            // office telephone / e-mail (not for witnesses and victims)
  // Kept only to be hidden: for a protected person, every written form of these (0857-…,
  // +62 857 …, a NIK split by spaces) is masked like the name, in every output and the index.
  std::vector<PersonIdentifier> identifiers;
  bool fictional = false;
  std::string source_sha256;
};

// ---------------------------------------------------------------- evidence

// KUHAP Pasal 184 ayat (1) kinds, plus electronic evidence (UU 21/2007 Pasal 29).
// (Petunjuk / indications are inferred by the court, not filed as items.)
enum class EvidenceKind {
  keterangan_saksi,     // witness statement (BAP saksi) — code "bap"
  keterangan_ahli,      // expert testimony — code "ahli"
  surat,                // document — code "surat"
  keterangan_terdakwa,  // defendant statement — code "terdakwa"
  elektronik,           // electronic information/document — code "elektronik"
};
const char* code_of(EvidenceKind k);    // "bap", "ahli", "surat", "terdakwa", "elektronik"
const char* label_of(EvidenceKind k);   // "Keterangan Saksi (BAP)", ...
std::optional<EvidenceKind> parse_evidence_kind(const std::string& code);

struct QaPair {
  int number = 0;  // as numbered in the BAP
  std::string question;
  std::string answer;
};

struct Section {  // expert testimony / document body
  std::string heading;
  std::string text;
};

struct Attachment {
  std::string name;        // file name as given in the source XML (never a path used for output)
  std::string sha256;      // content address
  std::string media_type;  // "application/pdf", "image/png", ...
  std::int64_t size = 0;
  std::string description;
};

// One unit of text derived from a native evidence file (extract/): a page of a PDF or scan, a
// message of a chat, a block of a Word document. Machine-read, never the evidence itself: the
// original file is (EvidenceItem::original).
struct TextUnit {
  int number = 0;            // 1-based page, message or block number
  std::string method;        // "text-layer", "ocr" or "parsed"
  double confidence = -1;    // OCR: the page's mean word confidence 0..100 (one decimal kept); else -1
  std::string time;          // chat messages: ISO local time as written
  std::string sender;        // chat messages: as written in the export
  bool system = false;       // chat: a line the app wrote itself
  std::string media;         // chat: the name of the media file the message refers to
  std::string text;
};

// What the ingested file of a native item was (for items from Berkas XML: all empty).
struct OriginalInfo {
  std::string file_name;     // a safe base name to save it under (never a path; no protected name)
  std::string media_type;    // "application/pdf", "image/jpeg", ...
  std::string format;        // extract::Format as text: "pdf", "jpeg", "docx", "whatsapp-text", ...
  // Facts read from the file, sorted by key: "pdf.pages", "exif.datetime", "email.from", ...
  std::vector<std::pair<std::string, std::string>> metadata;
  bool empty() const { return format.empty(); }
};

// What a unit is called in the file it came from: "halaman 3" (a PDF, scan or photo),
// "pesan 12" (a chat or e-mail), "bagian 2" (a document's block of paragraphs).
std::string unit_name(const OriginalInfo& original, const TextUnit& u);
// How its text was obtained, for readers: "lapisan teks PDF / PDF text layer",
// "OCR (keyakinan 87% / confidence 87%)", "diurai dari berkas / parsed from the file".
std::string method_label(const TextUnit& u);

struct EvidenceItem {
  std::string id;          // logical id, stable across versions, e.g. "bap-korban-a"
  int version = 1;         // 1, 2, ...: a correction is a new version
  EvidenceKind kind = EvidenceKind::keterangan_saksi;
  std::string case_id;
  std::string title;
  Date date;               // date of examination / document
  std::string place;
  std::string examiner;    // penyidik / author
  std::string person_id;   // whose statement/testimony (witness, expert, defendant)
  std::string summary;
  std::vector<QaPair> qa;            // BAP / defendant statement
  std::vector<Section> sections;     // expert testimony / document / electronic evidence
  std::vector<Attachment> attachments;
  std::string country;               // country the evidence concerns (lower-case Indonesian)
  // Persons the item is about besides its author/witness (e.g. the victim a psychological
  // assessment or a medical record concerns): <tentang orang="ID"/> in the source.
  std::vector<std::string> about_person_ids;
  std::string correction_note;       // why this version supersedes the previous
  bool fictional = false;
  bool released_for_training = false;
  std::string source_sha256;         // SHA-256 of the ingested source bytes
  std::int64_t seq = 0;              // store sequence number of this version
  // Native files (a PDF, a scan, a chat export, ...): what the file was, and its derived text by
  // page or message. The source bytes are the file itself.
  OriginalInfo original;
  std::vector<TextUnit> units;

  // All the text of the item as one string (for indexing and citation extraction).
  std::string full_text() const;
};

// ---------------------------------------------------------------- witness protection and restitution
// Kept per person and case, versioned like evidence (a status change is a new version of the same
// record id; nothing is overwritten). Ingested from XML (<perlindungan>, <restitusi>) or entered
// on the web pages (which produce the same XML).

// Measures that protect a witness or victim, with their legal basis.
enum class ProtectionKind {
  lpsk,             // "lpsk": protection by LPSK (UU 31/2014 Pasal 5, 28)
  audio_visual,     // "audio-visual": testimony by audio-visual link (UU 21/2007 Pasal 34)
  pendampingan,     // "pendampingan": accompaniment by an advocate/companion (Pasal 35)
  tanpa_terdakwa,   // "tanpa-terdakwa": testimony without the defendant present (Pasal 37)
  sidang_tertutup,  // "sidang-tertutup": closed hearing (Pasal 39 ayat (1), child witnesses)
  polri,            // "polri": police protection against threats (Pasal 47)
  rumah_aman,       // "rumah-aman": safe house / shelter (Pasal 46, pusat pelayanan terpadu)
  juru_bahasa,      // "juru-bahasa": interpreter arranged (KUHAP Pasal 177)
  lainnya,          // "lainnya": other (described in `description`)
};
const char* code_of(ProtectionKind k);
const char* label_of(ProtectionKind k);        // Indonesian label, e.g. "Keterangan melalui audio visual"
const char* label_en_of(ProtectionKind k);     // English label
const char* legal_basis_of(ProtectionKind k);  // provision id when shipped ("uu-21-2007/pasal-34"), else ""
const char* legal_basis_label_of(ProtectionKind k);  // "UU 21/2007 Pasal 34", "UU 31/2014 Pasal 5"
std::optional<ProtectionKind> parse_protection_kind(const std::string& code);

enum class MeasureStatus { diajukan, dikabulkan, ditolak, berakhir };  // requested, granted, refused, ended
const char* code_of(MeasureStatus s);   // "diajukan", "dikabulkan", "ditolak", "berakhir"
std::optional<MeasureStatus> parse_measure_status(const std::string& code);

struct ProtectionMeasure {
  std::string id;              // stable slug, e.g. "lindung-saksi-a-lpsk"
  int version = 1;             // a status change is a new version
  std::string person_id;
  std::string case_id;
  ProtectionKind kind = ProtectionKind::lainnya;
  MeasureStatus status = MeasureStatus::diajukan;
  Date requested;              // date requested (required)
  Date decided;                // date granted/refused (required unless diajukan)
  Date until;                  // end date, if any
  std::string authority;       // who decides: "LPSK", "Majelis Hakim PN ...", "Penyidik"
  std::string reference;       // decision / letter number
  std::string description;     // what exactly (required for lainnya)
  bool fictional = false;
  std::string source_sha256;
};

// The heads of restitution UU 21/2007 Pasal 48 ayat (2) names, huruf a–d.
enum class RestitutionHead {
  kekayaan_penghasilan,  // "kekayaan-penghasilan": a. kehilangan kekayaan atau penghasilan
  penderitaan,           // "penderitaan":          b. penderitaan
  medis_psikologis,      // "medis-psikologis":     c. biaya perawatan medis dan/atau psikologis
  lainnya,               // "lainnya":              d. kerugian lain sebagai akibat perdagangan orang
};
const char* code_of(RestitutionHead h);
const char* label_of(RestitutionHead h);   // the law's words, e.g. "kehilangan kekayaan atau penghasilan"
const char* huruf_of(RestitutionHead h);   // "a".."d"
std::optional<RestitutionHead> parse_restitution_head(const std::string& code);

enum class ClaimStatus { disusun, diajukan, dikabulkan, dikabulkan_sebagian, ditolak, dibayar };
// "disusun" (being prepared), "diajukan" (filed), "dikabulkan", "dikabulkan-sebagian", "ditolak", "dibayar"
const char* code_of(ClaimStatus s);
std::optional<ClaimStatus> parse_claim_status(const std::string& code);

struct RestitutionEntry {
  RestitutionHead head = RestitutionHead::lainnya;
  std::string description;                 // "Gaji yang dijanjikan tidak dibayar, 4 bulan"
  std::int64_t amount_rupiah = 0;          // >= 0, whole rupiah
  std::vector<std::string> evidence_ids;   // supporting items (ids)
};

struct RestitutionClaim {
  std::string id;              // stable slug, e.g. "restitusi-saksi-a"
  int version = 1;
  std::string person_id;       // the victim (or heir: see `claimant_note`)
  std::string case_id;
  ClaimStatus status = ClaimStatus::disusun;
  Date date;                   // date of the claim (or of this status)
  std::string assessed_by;     // e.g. "LPSK" (calculation of restitution)
  std::string claimant_note;   // e.g. filed by the heir (ahli waris), Pasal 48 ayat (1)
  std::vector<RestitutionEntry> entries;
  std::optional<std::int64_t> granted_rupiah;  // amount in the decision (dikabulkan[-sebagian], dibayar)
  std::string decision_reference;              // putusan number when decided
  bool fictional = false;
  std::string source_sha256;

  // Sum of the entries (the total is always computed, never typed in).
  std::int64_t total() const;
  std::int64_t total_of(RestitutionHead h) const;
};

// "Rp12.500.000" (Indonesian grouping with dots), for documents and pages.
std::string format_rupiah(std::int64_t amount);

// ---------------------------------------------------------------- precedents

// A term of imprisonment or confinement as the court words it ("1 (satu) tahun dan 4 (empat)
// bulan"): the parts are kept, not converted, because a month is not a fixed number of days.
struct Term {
  int years = 0;
  int months = 0;
  int days = 0;
  bool empty() const { return years == 0 && months == 0 && days == 0; }
  int whole_months() const { return years * 12 + months; }  // days left out
  double in_months() const { return years * 12.0 + months + days / 30.0; }  // for statistics only
  bool operator==(const Term&) const = default;
};
// "5 tahun 6 bulan", "15 hari"; "" for an empty term.
std::string to_string(const Term& t);

// What the ruling decides for one defendant.
//   bersalah — guilty (of the count named in `count`)
//   bebas    — acquitted of every count (vrijspraak, KUHAP Pasal 191 ayat (1))
//   lepas    — proven but not an offence: released from all prosecution (ontslag, Pasal 191 (2))
//   gugur    — the right to prosecute lapsed (the defendant died: KUHP Pasal 77 / 132 UU 1/2023)
//   lainnya  — anything else (the ruling could not be read as one of the above)
enum class Outcome { bersalah, bebas, lepas, gugur, lainnya };
const char* code_of(Outcome o);
const char* label_of(Outcome o);   // "Bersalah / Guilty", "Bebas / Acquitted", ...
std::optional<Outcome> parse_outcome(const std::string& code);

// A sentence, or the prosecutor's demand (tuntutan) for one, for one defendant.
struct Penalty {
  Term prison;
  std::int64_t fine_rupiah = 0;
  Term fine_substitute;                        // confinement if the fine is not paid
  std::int64_t restitution_rupiah = 0;         // what this defendant is ordered to pay
  std::vector<std::int64_t> restitution_per_victim;  // when the ruling itemises it, in its order
  bool restitution_joint = false;              // jointly with co-defendants (tanggung renteng)
  Term restitution_substitute;                 // imprisonment/confinement if it is not paid
  bool empty() const {
    return prison.empty() && fine_rupiah == 0 && restitution_rupiah == 0;
  }
  bool operator==(const Penalty&) const = default;
};

struct DefendantOutcome {
  std::string defendant;          // as the ruling names them: "Terdakwa I <name>", or the name
  Outcome outcome = Outcome::lainnya;
  std::string count;              // the count proven as worded: "dakwaan kesatu subsidair"
  std::string counts_not_proven;  // counts the ruling declares not proven ("dakwaan kesatu primer")
  Penalty sentence;
  std::optional<Penalty> demand;  // the prosecutor's demand (tuntutan), when the text gives it
  bool operator==(const DefendantOutcome&) const = default;
};

struct Precedent {
  std::string id;             // slug of the number: "133-pid-sus-2025-pn-idm"
  std::string number;         // "133/Pid.Sus/2025/PN Idm"
  std::string court;          // "Pengadilan Negeri Indramayu"
  Date date;                  // date of the decision: pronounced, else deliberated
  Date deliberated;           // date of the judges' deliberation (rapat permusyawaratan)
  Date pronounced;            // date it was pronounced in open court (diucapkan)
  std::string ruling_kind;    // "putusan" (MENGADILI) or "penetapan" (MENETAPKAN)
  std::string defendant;      // as published
  std::vector<DefendantOutcome> outcomes;  // one per defendant, in the ruling's order
  std::vector<std::string> provisions_charged;  // provision ids
  std::vector<std::string> provisions_applied;  // provision ids
  std::string verdict;        // e.g. "terbukti secara sah dan meyakinkan bersalah ..."
  // Summary over the defendants (kept for lists and older stores): the longest prison term in
  // whole months, the largest fine, and the restitution the ruling orders in total (a joint
  // order counted once, an order on each defendant once per defendant).
  int prison_months = 0;      // 0 if none
  std::int64_t fine_rupiah = 0;
  std::int64_t restitution_rupiah = 0;
  std::string sentence_text;  // the sentence as written in the ruling
  std::string text;           // the full text
  bool fictional = false;
  std::string source_sha256;
  // The version of the reader that derived the fields above from the text (ingest::
  // k_decision_reader); a store re-derives older ones from the kept source.
  int reader = 0;
};

// ---------------------------------------------------------------- citations and audit

// A reference from an item's text to a provision, e.g. "Pasal 2 ayat (1) UU No. 21 Tahun 2007".
struct Citation {
  std::string provision_id;  // resolved id ("uu-21-2007/pasal-2/ayat-1")
  std::string raw;           // the text as found
  std::size_t offset = 0;    // byte offset in the text it was found in
};

struct AuditEvent {
  std::int64_t seq = 0;
  std::string time;          // ISO 8601 UTC
  std::string actor;         // user name, or "system"/"cli:<user>"
  std::string action;        // "init", "ingest", "reindex", ...
  std::string object;        // id of the object acted on
  std::string detail;        // never contains a protected name
  std::string prev_hash;
  std::string hash;          // SHA-256 over prev_hash and this entry's fields
};

}  // namespace berkas::core
