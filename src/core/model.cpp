#include "core/model.h"

#include <cstdlib>

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
  return out;
}

}  // namespace berkas::core
