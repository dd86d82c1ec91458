// cli: the `guideline` command — a guideline or training module as PDF (and HTML).
#include <iostream>

#include "cli/internal/args.h"
#include "service/guidelines.h"

namespace berkas::cli {

int cmd_guideline(const Args& a) {
  if (a.rest.size() != 1)
    return usage_error("guideline: satu MODUL.xml diperlukan / one MODULE.xml required "
                       "([--out MODUL.pdf] [--html MODUL.html] [--answers])");
  auto svc = open_service(a);
  if (!svc) return report_error(svc.error(), a.json);
  service::GuidelineRequest r;
  r.module_path = a.rest[0];
  r.out_pdf = a.out;
  r.out_html = a.html_out;
  r.answers = a.answers;
  auto made = (*svc)->guidelines().make(viewer_of(a), r);
  if (!made) return report_error(made.error(), a.json);
  if (a.json) {
    std::cout << service::guideline_made_json(*made) << "\n";
    return 0;
  }
  std::cout << (a.answers ? "Kunci jawaban / answer key: " : "Modul / module: ") << made->pdf_path << "\n";
  if (!made->html_path.empty()) std::cout << "HTML: " << made->html_path << "\n";
  std::cout << "Halaman / pages: " << made->page_count << "\n"
            << "SHA-256: " << made->pdf_sha256 << "\n";
  for (const auto& id : made->case_study_ids)
    std::cout << "Studi kasus / case study: " << id << " (dianonimkan / anonymised)\n";
  return 0;
}

}  // namespace berkas::cli
