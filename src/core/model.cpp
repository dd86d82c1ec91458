#include "core/model.h"

#include <cstdlib>
#include <iterator>

namespace berkas::core {

bool is_iso_date(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  const int y = std::atoi(s.substr(0, 4).c_str());
  const int m = std::atoi(s.substr(5, 2).c_str());
  const int d = std::atoi(s.substr(8, 2).c_str());
  if (m < 1 || m > 12 || d < 1) return false;
  static const int k_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int max = k_days[m - 1];
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) max = 29;
  return d <= max;
}

const char* to_string(ForceStatus s) {
  switch (s) {
    case ForceStatus::in_force: return "berlaku";
    case ForceStatus::not_yet_in_force: return "belum berlaku";
    case ForceStatus::revoked: return "dicabut";
  }
  return "";
}

ForceStatus Provision::status_on(const Date& date, const Date& law_from) const {
  const Date& from = in_force_from.empty() ? law_from : in_force_from;
  if (!from.empty() && date < from) return ForceStatus::not_yet_in_force;
  if (!in_force_until.empty() && date >= in_force_until) return ForceStatus::revoked;
  return ForceStatus::in_force;
}

const char* to_string(CaseStage s) {
  switch (s) {
    case CaseStage::penyidikan: return "penyidikan";
    case CaseStage::penuntutan: return "penuntutan";
    case CaseStage::persidangan: return "persidangan";
    case CaseStage::putus: return "putus";
  }
  return "";
}

std::optional<CaseStage> parse_case_stage(const std::string& s) {
  for (auto v : {CaseStage::penyidikan, CaseStage::penuntutan, CaseStage::persidangan, CaseStage::putus})
    if (s == to_string(v)) return v;
  return std::nullopt;
}

const char* to_string(PersonRole r) {
  switch (r) {
    case PersonRole::saksi_korban: return "saksi-korban";
    case PersonRole::saksi: return "saksi";
    case PersonRole::ahli: return "ahli";
    case PersonRole::tersangka: return "tersangka";
    case PersonRole::terdakwa: return "terdakwa";
    case PersonRole::pendamping: return "pendamping";
    case PersonRole::penyidik: return "penyidik";
  }
  return "";
}

const char* label_of(PersonRole r) {
  switch (r) {
    case PersonRole::saksi_korban: return "Saksi korban";
    case PersonRole::saksi: return "Saksi";
    case PersonRole::ahli: return "Ahli";
    case PersonRole::tersangka: return "Tersangka";
    case PersonRole::terdakwa: return "Terdakwa";
    case PersonRole::pendamping: return "Pendamping";
    case PersonRole::penyidik: return "Penyidik";
  }
  return "";
}

const char* code_of(Disclosure d) { return d == Disclosure::identities ? "identities" : "pseudonyms"; }

std::optional<Disclosure> parse_disclosure(const std::string& code) {
  if (code == "pseudonyms") return Disclosure::pseudonyms;
  if (code == "identities") return Disclosure::identities;
  return std::nullopt;
}

const char* label_of(Disclosure d) {
  return d == Disclosure::identities ? "IDENTITAS ASLI / real identities" : "nama samaran / pseudonyms";
}

std::optional<PersonRole> parse_person_role(const std::string& s) {
  for (auto v : {PersonRole::saksi_korban, PersonRole::saksi, PersonRole::ahli, PersonRole::tersangka,
                 PersonRole::terdakwa, PersonRole::pendamping, PersonRole::penyidik})
    if (s == to_string(v)) return v;
  return std::nullopt;
}

const char* code_of(EvidenceKind k) {
  switch (k) {
    case EvidenceKind::keterangan_saksi: return "bap";
    case EvidenceKind::keterangan_ahli: return "ahli";
    case EvidenceKind::surat: return "surat";
    case EvidenceKind::keterangan_terdakwa: return "terdakwa";
    case EvidenceKind::elektronik: return "elektronik";
  }
  return "";
}

const char* label_of(EvidenceKind k) {
  switch (k) {
    case EvidenceKind::keterangan_saksi: return "Keterangan Saksi (BAP)";
    case EvidenceKind::keterangan_ahli: return "Keterangan Ahli";
    case EvidenceKind::surat: return "Surat";
    case EvidenceKind::keterangan_terdakwa: return "Keterangan Terdakwa";
    case EvidenceKind::elektronik: return "Informasi/Dokumen Elektronik";
  }
  return "";
}

std::optional<EvidenceKind> parse_evidence_kind(const std::string& code) {
  for (auto v : {EvidenceKind::keterangan_saksi, EvidenceKind::keterangan_ahli, EvidenceKind::surat,
                 EvidenceKind::keterangan_terdakwa, EvidenceKind::elektronik})
    if (code == code_of(v)) return v;
  return std::nullopt;
}

std::string unit_name(const OriginalInfo& original, const TextUnit& u) {
  const std::string& f = original.format;
  const bool page = f == "pdf" || f == "png" || f == "jpeg" || f == "tiff";
  const bool message = f == "eml" || f.rfind("whatsapp", 0) == 0 || f.rfind("telegram", 0) == 0;
  return std::string(page ? "halaman " : message ? "pesan " : "bagian ") + std::to_string(u.number);
}

std::string method_label(const TextUnit& u) {
  if (u.method == "ocr") {
    if (u.confidence < 0) return "OCR";
    const std::string c = std::to_string(static_cast<int>(u.confidence + 0.5));
    return "OCR (keyakinan " + c + "% / confidence " + c + "%)";
  }
  if (u.method == "text-layer") return "lapisan teks PDF / PDF text layer";
  return "diurai dari berkas / parsed from the file";
}

std::string EvidenceItem::full_text() const {
  std::string out = title;
  auto add = [&out](const std::string& s) {
    if (s.empty()) return;
    if (!out.empty()) out += '\n';
    out += s;
  };
  add(summary);
  for (const auto& p : qa) {
    add(p.question);
    add(p.answer);
  }
  for (const auto& s : sections) {
    add(s.heading);
    add(s.text);
  }
  for (const auto& a : attachments) add(a.description);
  for (const auto& u : units) add(u.text);
  return out;
}


// ---------------------------------------------------------------- protection and restitution

namespace {
struct KindInfo {
  ProtectionKind kind;
  const char* code;
  const char* label;
  const char* label_en;
  const char* basis_id;
  const char* basis_label;
};
constexpr KindInfo k_kinds[] = {
    {ProtectionKind::lpsk, "lpsk", "Perlindungan LPSK", "LPSK protection", "", "UU 31/2014 Pasal 5"},
    {ProtectionKind::audio_visual, "audio-visual", "Keterangan melalui alat komunikasi audio visual",
     "Testimony by audio-visual link", "uu-21-2007/pasal-34", "UU 21/2007 Pasal 34"},
    {ProtectionKind::pendampingan, "pendampingan", "Pendampingan oleh advokat dan/atau pendamping",
     "Accompaniment by an advocate or companion", "uu-21-2007/pasal-35", "UU 21/2007 Pasal 35"},
    {ProtectionKind::tanpa_terdakwa, "tanpa-terdakwa", "Keterangan tanpa kehadiran terdakwa",
     "Testimony without the defendant present", "uu-21-2007/pasal-37/ayat-1", "UU 21/2007 Pasal 37 ayat (1)"},
    {ProtectionKind::sidang_tertutup, "sidang-tertutup", "Sidang tertutup", "Closed hearing",
     "uu-21-2007/pasal-39/ayat-1", "UU 21/2007 Pasal 39 ayat (1)"},
    {ProtectionKind::polri, "polri", "Perlindungan oleh Kepolisian", "Police protection", "uu-21-2007/pasal-47",
     "UU 21/2007 Pasal 47"},
    {ProtectionKind::rumah_aman, "rumah-aman", "Rumah aman / pusat pelayanan terpadu", "Safe house / integrated service centre",
     "uu-21-2007/pasal-46/ayat-1", "UU 21/2007 Pasal 46 ayat (1)"},
    {ProtectionKind::juru_bahasa, "juru-bahasa", "Juru bahasa", "Interpreter", "", "KUHAP Pasal 177"},
    {ProtectionKind::lainnya, "lainnya", "Lainnya", "Other", "", ""},
};
const KindInfo& info_of(ProtectionKind k) {
  for (const auto& i : k_kinds)
    if (i.kind == k) return i;
  return k_kinds[std::size(k_kinds) - 1];
}
}  // namespace

const char* code_of(ProtectionKind k) { return info_of(k).code; }
const char* label_of(ProtectionKind k) { return info_of(k).label; }
const char* label_en_of(ProtectionKind k) { return info_of(k).label_en; }
const char* legal_basis_of(ProtectionKind k) { return info_of(k).basis_id; }
const char* legal_basis_label_of(ProtectionKind k) { return info_of(k).basis_label; }
std::optional<ProtectionKind> parse_protection_kind(const std::string& code) {
  for (const auto& i : k_kinds)
    if (code == i.code) return i.kind;
  return std::nullopt;
}

const char* code_of(MeasureStatus s) {
  switch (s) {
    case MeasureStatus::diajukan: return "diajukan";
    case MeasureStatus::dikabulkan: return "dikabulkan";
    case MeasureStatus::ditolak: return "ditolak";
    case MeasureStatus::berakhir: return "berakhir";
  }
  return "";
}
std::optional<MeasureStatus> parse_measure_status(const std::string& code) {
  for (auto v : {MeasureStatus::diajukan, MeasureStatus::dikabulkan, MeasureStatus::ditolak, MeasureStatus::berakhir})
    if (code == code_of(v)) return v;
  return std::nullopt;
}

const char* code_of(RestitutionHead h) {
  switch (h) {
    case RestitutionHead::kekayaan_penghasilan: return "kekayaan-penghasilan";
    case RestitutionHead::penderitaan: return "penderitaan";
    case RestitutionHead::medis_psikologis: return "medis-psikologis";
    case RestitutionHead::lainnya: return "lainnya";
  }
  return "";
}
const char* label_of(RestitutionHead h) {
  switch (h) {
    case RestitutionHead::kekayaan_penghasilan: return "kehilangan kekayaan atau penghasilan";
    case RestitutionHead::penderitaan: return "penderitaan";
    case RestitutionHead::medis_psikologis: return "biaya untuk tindakan perawatan medis dan/atau psikologis";
    case RestitutionHead::lainnya: return "kerugian lain yang diderita korban sebagai akibat perdagangan orang";
  }
  return "";
}
const char* huruf_of(RestitutionHead h) {
  switch (h) {
    case RestitutionHead::kekayaan_penghasilan: return "a";
    case RestitutionHead::penderitaan: return "b";
    case RestitutionHead::medis_psikologis: return "c";
    case RestitutionHead::lainnya: return "d";
  }
  return "";
}
std::optional<RestitutionHead> parse_restitution_head(const std::string& code) {
  for (auto v : {RestitutionHead::kekayaan_penghasilan, RestitutionHead::penderitaan, RestitutionHead::medis_psikologis,
                 RestitutionHead::lainnya})
    if (code == code_of(v)) return v;
  return std::nullopt;
}

const char* code_of(ClaimStatus s) {
  switch (s) {
    case ClaimStatus::disusun: return "disusun";
    case ClaimStatus::diajukan: return "diajukan";
    case ClaimStatus::dikabulkan: return "dikabulkan";
    case ClaimStatus::dikabulkan_sebagian: return "dikabulkan-sebagian";
    case ClaimStatus::ditolak: return "ditolak";
    case ClaimStatus::dibayar: return "dibayar";
  }
  return "";
}
std::optional<ClaimStatus> parse_claim_status(const std::string& code) {
  for (auto v : {ClaimStatus::disusun, ClaimStatus::diajukan, ClaimStatus::dikabulkan, ClaimStatus::dikabulkan_sebagian,
                 ClaimStatus::ditolak, ClaimStatus::dibayar})
    if (code == code_of(v)) return v;
  return std::nullopt;
}

std::int64_t RestitutionClaim::total() const {
  std::int64_t sum = 0;
  for (const auto& e : entries) sum += e.amount_rupiah;
  return sum;
}

std::int64_t RestitutionClaim::total_of(RestitutionHead h) const {
  std::int64_t sum = 0;
  for (const auto& e : entries)
    if (e.head == h) sum += e.amount_rupiah;
  return sum;
}

std::string to_string(const Term& t) {
  std::string out;
  auto part = [&](int n, const char* unit) {
    if (n == 0) return;
    if (!out.empty()) out += ' ';
    out += std::to_string(n) + ' ' + unit;
  };
  part(t.years, "tahun");
  part(t.months, "bulan");
  part(t.days, "hari");
  return out;
}

const char* code_of(Outcome o) {
  switch (o) {
    case Outcome::bersalah: return "bersalah";
    case Outcome::bebas: return "bebas";
    case Outcome::lepas: return "lepas";
    case Outcome::gugur: return "gugur";
    case Outcome::lainnya: return "lainnya";
  }
  return "";
}
const char* label_of(Outcome o) {
  switch (o) {
    case Outcome::bersalah: return "Bersalah / Guilty";
    case Outcome::bebas: return "Bebas / Acquitted";
    case Outcome::lepas: return "Lepas dari segala tuntutan hukum / Released from prosecution";
    case Outcome::gugur: return "Penuntutan gugur / Prosecution lapsed";
    case Outcome::lainnya: return "Lainnya / Other";
  }
  return "";
}
std::optional<Outcome> parse_outcome(const std::string& code) {
  for (auto o : {Outcome::bersalah, Outcome::bebas, Outcome::lepas, Outcome::gugur, Outcome::lainnya})
    if (code == code_of(o)) return o;
  return std::nullopt;
}

std::string format_rupiah(std::int64_t amount) {
  const bool negative = amount < 0;
  const auto magnitude = negative ? std::uint64_t{0} - static_cast<std::uint64_t>(amount) : static_cast<std::uint64_t>(amount);
  const std::string digits = std::to_string(magnitude);
  std::string grouped;
  const int n = static_cast<int>(digits.size());
  for (int i = 0; i < n; ++i) {
    grouped += digits[static_cast<std::size_t>(i)];
    const int rest = n - 1 - i;
    if (rest > 0 && rest % 3 == 0) grouped += '.';
  }
  return std::string(negative ? "-Rp" : "Rp") + grouped;
}

}  // namespace berkas::core
