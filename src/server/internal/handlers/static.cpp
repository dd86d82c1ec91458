// Static files: /static/{name} (one plain name from templates/web/static, never a symlink),
// /favicon.ico, and the guideline modules' stylesheet /guidelines.css.
#include "server/internal/shared.h"

#include <filesystem>

#include "server/internal/views.h"
#include "service/guidelines.h"

namespace fs = std::filesystem;

namespace berkas::server::internal {

Response App::static_file(const std::vector<std::string>& seg) const {
  Response missing;
  missing.status = 404;
  missing.content_type = "text/plain; charset=utf-8";
  missing.body = "404\n";
  // Exactly one plain name under /static/: no folders, no hidden files, no odd characters.
  if (seg.size() != 2) return missing;
  const std::string& name = seg[1];
  if (name.empty() || name[0] == '.' || name.size() > 100) return missing;
  for (char ch : name)
    if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '.' ||
          ch == '-' || ch == '_'))
      return missing;
  std::error_code ec;
  const fs::path base = fs::canonical(m_static_dir, ec);
  if (ec) return missing;
  const fs::path p = base / name;
  // A symlink could point anywhere: refuse it rather than follow it.
  auto st = fs::symlink_status(p, ec);
  if (ec || !fs::is_regular_file(st)) return missing;
  const fs::path real = fs::canonical(p, ec);
  if (ec || real.parent_path() != base) return missing;
  Response r;
  const std::string ext = lower_ext(name);
  r.content_type = ext == ".css"    ? "text/css; charset=utf-8"
                   : ext == ".svg"  ? "image/svg+xml"
                   : ext == ".png"  ? "image/png"
                   : ext == ".ico"  ? "image/x-icon"
                   : ext == ".js"   ? "text/javascript; charset=utf-8"
                   : ext == ".txt"  ? "text/plain; charset=utf-8"
                                    : "application/octet-stream";
  r.file_path = real.string();
  r.set_header("Cache-Control", "public, max-age=3600");
  return r;
}

// GET /guidelines.css: the guideline modules' stylesheet (a <style> element would break the CSP).
Response App::guidelines_stylesheet() const {
  Response r;
  r.content_type = "text/css; charset=utf-8";
  r.body = service::guideline_stylesheet();
  r.set_header("Cache-Control", "public, max-age=3600");
  return r;
}

}  // namespace berkas::server::internal
