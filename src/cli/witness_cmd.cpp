// cli: the `witness-file` command — the witness file (berkas saksi) of one person as a PDF.
#include <iostream>

#include "cli/internal/args.h"
#include "service/witness_file.h"

namespace berkas::cli {

int cmd_witness_file(const Args& a) {
  if (a.person_id.empty() || !a.rest.empty())
    return usage_error("witness-file: --person ID diperlukan / --person ID required "
                       "([--case ID] [--template NAMA] [--out BERKAS.pdf])");
  auto svc = open_service(a);
  if (!svc) return report_error(svc.error(), a.json);
  const auto viewer = viewer_of(a);
  // Revealing is audited before anything is made (the id only, never the name).
  if (a.reveal)
    if (auto s = (*svc)->evidence().record(viewer, "reveal", a.person_id, "--reveal: protected identities shown in a witness file"); !s)
      return report_error(s.error(), a.json);
  service::WitnessFileRequest r;
  r.person_id = a.person_id;
  r.case_id = a.case_id;
  if (!a.template_name.empty()) r.template_name = a.template_name;
  r.out_path = a.out;
  r.disclosure = a.reveal ? core::Disclosure::identities : core::Disclosure::pseudonyms;
  auto made = (*svc)->witness_files().make(viewer, r);
  if (!made) return report_error(made.error(), a.json);
  if (a.json) {
    std::cout << service::witness_file_made_json(*made) << "\n";
    return 0;
  }
  std::cout << "Berkas saksi / witness file: " << made->path << "\n"
            << "Halaman / pages: " << made->page_count << "\n"
            << "SHA-256: " << made->sha256 << "\n"
            << "Daftar periksa / checklist: " << made->checks - made->open_checks << " dari / of " << made->checks
            << " terpenuhi / met\n"
            << "Identitas / identities: " << core::label_of(made->disclosure) << "\n";
  if (!made->redacted) std::cout << "PERHATIAN / WARNING: identitas yang dilindungi terbuka / protected identities shown\n";
  return 0;
}

}  // namespace berkas::cli
