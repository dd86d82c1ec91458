// cli: the `original` command — an item version's ingested bytes, or one of its attachments,
// written to a file unchanged (service/originals.h decides who may have them and audits it).
#include <iostream>

#include "cli/internal/args.h"
#include "core/file.h"
#include "core/text.h"
#include "service/originals.h"

namespace berkas::cli {

int cmd_original(const Args& a) {
  if (a.rest.size() != 1 || a.out.empty())
    return usage_error("original: ID[@VERSI] dan --out BERKAS diperlukan / ID[@VERSION] and --out FILE required "
                       "([--attachment N])");
  std::size_t n = 0;
  if (!a.attachment.empty()) {
    auto parsed = core::parse_decimal(a.attachment, 1, 9999);
    if (!parsed) return usage_error("--attachment: nomor lampiran 1..9999 / attachment number 1..9999: " + a.attachment);
    n = static_cast<std::size_t>(*parsed);
  }
  auto svc = open_service(a);
  if (!svc) return report_error(svc.error(), a.json);
  const auto viewer = viewer_of(a);
  const auto audit = [&](const std::string& action, const std::string& object, const std::string& detail) {
    return (*svc)->evidence().record(viewer, action, object, detail);
  };
  auto file = n ? (*svc)->originals().attachment(viewer, a.rest[0], n, audit)
                : (*svc)->originals().item(viewer, a.rest[0], audit);
  if (!file) return report_error(file.error(), a.json);
  if (auto w = core::write_file_atomically(a.out, file->bytes); !w) return report_error(w.error(), a.json);
  if (a.json) {
    std::cout << service::original_saved_json(*file, a.out) << "\n";
    return 0;
  }
  std::cout << "Asli / original: " << file->object << "\n"
            << "Berkas / file: " << a.out << "\n"
            << "SHA-256: " << file->sha256 << " (diperiksa / verified)\n"
            << "Ukuran / size: " << file->bytes.size() << " bytes\n";
  return 0;
}

}  // namespace berkas::cli
