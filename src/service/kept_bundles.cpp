#include "service/kept_bundles.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <random>

#include "core/file.h"
#include "core/hash.h"
#include "service/policy.h"

namespace fs = std::filesystem;

namespace berkas::service {

using core::ErrorCode;
using core::fail;

namespace {

constexpr const char* k_guard_header = "berkas-bundle-guard 1";

fs::path kept_dir(const Options& options) { return fs::path(options.data_dir) / "bundles"; }

bool is_sha256(const std::string& s) {
  return s.size() == 64 && s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

// A name for a temporary file or folder (not a secret: it only keeps concurrent builds apart).
std::string temp_suffix() {
  std::random_device rd;
  static const char* k_hex = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 24; ++i) out.push_back(k_hex[rd() & 15]);
  return out;
}

std::optional<std::set<std::string>> read_guard(const fs::path& p) {
  std::ifstream in(p);
  if (!in) return std::nullopt;
  std::string line;
  if (!std::getline(in, line) || line != k_guard_header) return std::nullopt;
  std::set<std::string> out;
  while (std::getline(in, line))
    if (is_sha256(line)) out.insert(line);
  return out;
}

std::string read_all(const fs::path& p, bool& ok) {
  std::ifstream in(p, std::ios::binary);
  ok = static_cast<bool>(in);
  if (!ok) return {};
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ok = !in.bad();
  return bytes;
}

core::Error bundle_missing() {
  return core::Error{ErrorCode::not_found, "berkas perkara tidak ditemukan / bundle not found", {}, 0, {}};
}

}  // namespace

core::Result<KeptBundle> keep_bundle(Service& svc, const Options& options, const Viewer& v, const std::string& case_id,
                                     core::Disclosure disclosure) {
  const fs::path dir = kept_dir(options);
  // A private folder for the build, so that the recorded file name is the plain one.
  const fs::path work = dir / ("tmp-" + temp_suffix());
  std::error_code ec;
  fs::create_directories(work, ec);
  if (ec) return fail(ErrorCode::io, "folder berkas tidak dapat dibuat / cannot create the bundle folder");
  struct Cleanup {
    fs::path p;
    ~Cleanup() {
      std::error_code e;
      fs::remove_all(p, e);
    }
  } cleanup{work};
  BundleRequest r;
  r.case_id = case_id;
  r.out_dir = work.string();
  r.disclosure = disclosure;
  auto m = make_bundle(svc, options, v, r);
  if (!m) return tl::unexpected(m.error());
  const fs::path pdf = dir / (m->sha256 + ".pdf");
  const fs::path guard = dir / (m->sha256 + ".guard");
  // The same bytes made again show nothing either maker could not see: keep both guards.
  std::set<std::string> names(m->hidden_name_sha256.begin(), m->hidden_name_sha256.end());
  if (auto old = read_guard(guard)) names.insert(old->begin(), old->end());
  std::string text = std::string(k_guard_header) + "\n";
  for (const auto& h : names) text += h + "\n";
  // The guard first: a file without its guard is never handed out.
  if (auto w = core::write_file_atomically(guard.string(), text); !w) return tl::unexpected(w.error());
  fs::rename(m->path, pdf, ec);
  if (ec) return fail(ErrorCode::io, "berkas tidak dapat disimpan / cannot store the bundle");
  return KeptBundle{*m, fs::path(m->path).filename().string()};
}

core::Result<std::set<std::string>> downloadable_bundles(const Service& svc, const Options& options, const Viewer& v,
                                                         const std::string& case_id, const std::vector<BundleInfo>& list) {
  std::set<std::string> out;
  const fs::path dir = kept_dir(options);
  // The names this viewer may not see: read only when some file is kept here (it costs a read
  // of the case's material).
  std::optional<std::set<std::string>> hidden;
  for (const auto& b : list) {
    std::error_code ec;
    if (!is_sha256(b.sha256) || !fs::is_regular_file(dir / (b.sha256 + ".pdf"), ec)) continue;
    auto guard = read_guard(dir / (b.sha256 + ".guard"));
    if (!guard) continue;
    if (!hidden) {
      auto m = svc.case_material(v, case_id);
      if (!m) return tl::unexpected(m.error());
      hidden.emplace();
      for (const auto& n : m->forbidden) hidden->insert(core::sha256_hex(n));
    }
    if (policy().may_download_document(*guard, *hidden)) out.insert(b.sha256);
  }
  return out;
}

core::Result<BundleFile> kept_bundle_file(Service& svc, const Options& options, const Viewer& v,
                                          const std::string& case_id, const std::string& sha256_in,
                                          const AuditWriter& audit) {
  std::string sha = sha256_in;
  if (sha.size() == 68 && sha.substr(64) == ".pdf") sha = sha.substr(0, 64);
  if (!policy().may_see_case_files(v) || !is_sha256(sha)) return tl::unexpected(bundle_missing());
  auto list = bundle_infos(svc, options, v, case_id);
  if (!list) return tl::unexpected(bundle_missing());
  auto rec = std::find_if(list->begin(), list->end(), [&](const BundleInfo& b) { return b.sha256 == sha; });
  if (rec == list->end()) return tl::unexpected(bundle_missing());
  const fs::path dir = kept_dir(options);
  auto allowed = downloadable_bundles(svc, options, v, case_id, {*rec});
  if (!allowed || !allowed->count(sha)) {
    std::error_code ec;
    if (fs::is_regular_file(dir / (sha + ".pdf"), ec))
      (void)audit("bundle.withheld", case_id, "sha256=" + sha + " reason=protected-name");
    return tl::unexpected(bundle_missing());
  }
  bool ok = false;
  std::string bytes = read_all(dir / (sha + ".pdf"), ok);
  if (!ok) return tl::unexpected(bundle_missing());
  if (core::sha256_hex(bytes) != sha)
    return fail(ErrorCode::integrity,
                "berkas perkara tidak cocok dengan catatannya / the bundle file does not match its record");
  // No audit entry, no download.
  if (auto s = audit("bundle.download", case_id, "sha256=" + sha + " bytes=" + std::to_string(bytes.size())); !s)
    return tl::unexpected(s.error());
  return BundleFile{rec->file_name, std::move(bytes)};
}

}  // namespace berkas::service
