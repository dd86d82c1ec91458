// Court bundles on the web: built from the case page (or POST /api/v1/cases/{id}/bundles) into
// DATA/bundles/, listed on the case page, downloaded audited.
//
// A bundle shows pseudonyms unless its maker, cleared for the case, asked for identities
// ("disclosure"). Whoever downloads it later may be cleared for less, so each file kept here has
// a guard beside it: the SHA-256 of every protected name the bundle hides
// (DATA/bundles/<sha256>.guard; hashes, never a name). A viewer gets the file only if every name
// hidden from them is hidden in the file too; otherwise the answer is the one a missing bundle
// gets.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <set>
#include <sstream>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include "core/hash.h"
#include "core/text.h"
#include "server/internal/app.h"
#include "server/internal/shared.h"
#include "service/bundles.h"

namespace fs = std::filesystem;

namespace berkas::server::internal {

using core::ErrorCode;

namespace {

constexpr const char* k_guard_header = "berkas-bundle-guard 1";

bool is_sha256(const std::string& s) {
  return s.size() == 64 && s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

std::set<std::string> hashes_of(const std::vector<std::string>& names) {
  std::set<std::string> out;
  for (const auto& n : names) out.insert(core::sha256_hex(n));
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

core::Status write_atomically(const fs::path& p, const std::string& bytes) {
  const fs::path tmp = p.string() + ".tmp-" + random_token().substr(0, 12);
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << bytes;
    out.flush();
    if (!out) {
      std::error_code ec;
      fs::remove(tmp, ec);
      return core::fail(ErrorCode::io, "berkas tidak dapat ditulis / cannot write the file");
    }
  }
  std::error_code ec;
  fs::rename(tmp, p, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return core::fail(ErrorCode::io, "berkas tidak dapat ditulis / cannot write the file");
  }
  return {};
}

std::string read_all(const fs::path& p, bool& ok) {
  std::ifstream in(p, std::ios::binary);
  ok = static_cast<bool>(in);
  if (!ok) return {};
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ok = !in.bad();
  return bytes;
}

std::string case_missing_message(const std::string& id) {
  return "perkara '" + id + "' tidak ditemukan / case not found";
}

}  // namespace

service::Options App::service_options() const {
  service::Options o;
  o.data_dir = m_options.data_dir;
  o.resource_dir = m_options.resource_dir;
  return o;
}

// POST /cases/{id}/bundles (form, fields csrf and disclosure) and POST /api/v1/cases/{id}/bundles
// (X-CSRF-Token, checked by route_api; optional JSON body {"disclosure": ...}). Whoever may see the
// case may build its bundle with pseudonyms; identities only whoever service/bundles.cpp allows.
// A trainer sees no case, so the answer is the missing case's.
Response App::post_bundle(Ctx& c, const std::string& case_id, bool api) {
  auto missing = [&] {
    const std::string msg = case_missing_message(case_id);
    return api ? problem(404, msg) : error_page(c, 404, msg);
  };
  const std::string bad_disclosure =
      "disclosure: \"pseudonyms\" (bawaan / default) atau / or \"identities\"";
  std::optional<core::Disclosure> disclosure = core::Disclosure::pseudonyms;
  if (!api) {
    auto form = parse_form(c.req.body);
    if (!csrf_ok(c, form["csrf"])) return error_page(c, 403, m_templates.message(c.lang, "csrf_failed"));
    if (form.count("disclosure")) disclosure = core::parse_disclosure(form["disclosure"]);
    if (!disclosure) return error_page(c, 400, bad_disclosure);
  } else if (!c.req.body.empty()) {
    Poco::JSON::Object::Ptr body;
    if (auto bad = parse_json_object(c.req, body)) return *bad;
    if (body->has("disclosure")) {
      auto d = body->get("disclosure");
      disclosure = d.isString() ? core::parse_disclosure(d.extract<std::string>()) : std::nullopt;
      if (!disclosure) return problem(400, bad_disclosure);
    }
  }
  if (!c.may_see_case_files()) return missing();
  const auto& v = c.viewer();
  const fs::path dir = fs::path(m_options.data_dir) / "bundles";
  struct Made {
    service::BundleMade made;
    std::string file_name;
  };
  auto made = with_writer([&](service::Service& s) -> core::Result<Made> {
    // A private folder for the build, so that the recorded file name is the plain one.
    const fs::path work = dir / ("tmp-" + random_token().substr(0, 24));
    std::error_code ec;
    fs::create_directories(work, ec);
    if (ec) return core::fail(ErrorCode::io, "folder berkas tidak dapat dibuat / cannot create the bundle folder");
    struct Cleanup {
      fs::path p;
      ~Cleanup() {
        std::error_code e;
        fs::remove_all(p, e);
      }
    } cleanup{work};
    service::BundleRequest r;
    r.case_id = case_id;
    r.out_dir = work.string();
    r.disclosure = *disclosure;
    auto m = service::make_bundle(s, service_options(), v, r);
    if (!m) return tl::unexpected(m.error());
    const fs::path pdf = dir / (m->sha256 + ".pdf");
    const fs::path guard = dir / (m->sha256 + ".guard");
    // The same bytes made again show nothing either maker could not see: keep both guards.
    std::set<std::string> names(m->hidden_name_sha256.begin(), m->hidden_name_sha256.end());
    if (auto old = read_guard(guard)) names.insert(old->begin(), old->end());
    std::string text = std::string(k_guard_header) + "\n";
    for (const auto& h : names) text += h + "\n";
    // The guard first: a file without its guard is never handed out.
    if (auto w = write_atomically(guard, text); !w) return tl::unexpected(w.error());
    fs::rename(m->path, pdf, ec);
    if (ec) return core::fail(ErrorCode::io, "berkas tidak dapat disimpan / cannot store the bundle");
    return Made{*m, fs::path(m->path).filename().string()};
  });
  if (!made) {
    if (made.error().code == ErrorCode::not_found && made.error().message.find("templat") == std::string::npos)
      return missing();
    return api ? problem(made.error()) : error_page(c, made.error());
  }
  const auto& b = made->made;
  const std::string download = "/cases/" + url_encode(case_id) + "/bundles/" + b.sha256;
  if (!api) return redirect(c, "/cases/" + url_encode(case_id) + "?bundle=" + b.sha256 + "#bundles");
  auto o = obj();
  o->set("id", b.id);
  o->set("case", case_id);
  o->set("file_name", made->file_name);
  o->set("sha256", b.sha256);
  o->set("manifest_sha256", b.manifest_sha256);
  o->set("pages", b.page_count);
  o->set("redacted", b.redacted);
  o->set("disclosure", core::code_of(b.disclosure));
  o->set("already_recorded", b.already_recorded);
  Poco::JSON::Array::Ptr withheld = new Poco::JSON::Array;
  for (const auto& w : b.withheld) withheld->add(w);
  o->set("withheld", withheld);
  Poco::JSON::Array::Ptr omitted = new Poco::JSON::Array;
  for (const auto& w : b.omitted) omitted->add(w);
  o->set("omitted", omitted);
  o->set("download", "/api/v1" + download);
  return json_response(stringify(o), b.already_recorded ? 200 : 201);
}

// Of `list`, the bundles whose file is kept here and which `v` may have (see the top of the file).
std::set<std::string> App::downloadable_bundles(const service::Viewer& v, const std::string& case_id,
                                                const std::vector<service::BundleInfo>& list) {
  std::set<std::string> out;
  const fs::path dir = fs::path(m_options.data_dir) / "bundles";
  // The names this viewer may not see: read only when some file is kept here (it costs a read
  // of the case's material).
  std::optional<std::set<std::string>> hidden;
  for (const auto& b : list) {
    std::error_code ec;
    if (!is_sha256(b.sha256) || !fs::is_regular_file(dir / (b.sha256 + ".pdf"), ec)) continue;
    auto guard = read_guard(dir / (b.sha256 + ".guard"));
    if (!guard) continue;
    if (!hidden) {
      auto m = with_reader([&](service::Service& s) { return s.case_material(v, case_id); });
      if (!m) return {};
      hidden = hashes_of(m->forbidden);
    }
    if (service::policy().may_download_document(*guard, *hidden)) out.insert(b.sha256);
  }
  return out;
}

// GET /api/v1/cases/{id}/bundles: bundle_list_json, each with "download" when this viewer may have
// its file.
Response App::api_bundles(Ctx& c, const std::string& case_id) {
  const auto& v = c.viewer();
  if (!c.may_see_case_files()) return problem(404, case_missing_message(case_id));
  auto list = with_reader([&](service::Service& s) { return service::bundle_infos(s, service_options(), v, case_id); });
  if (!list) return list.error().code == ErrorCode::not_found ? problem(404, case_missing_message(case_id))
                                                              : problem(list.error());
  const auto downloadable = downloadable_bundles(v, case_id, *list);
  for (auto& b : *list)
    if (downloadable.count(b.sha256)) b.download = "/api/v1/cases/" + url_encode(case_id) + "/bundles/" + b.sha256;
  return json_response(service::bundle_list_json(*list));
}

void App::case_bundles(Ctx& c, const std::string& case_id, Data& d) {
  const auto& v = c.viewer();
  auto list = with_reader([&](service::Service& s) { return service::bundle_infos(s, service_options(), v, case_id); });
  if (!list) return;
  const auto downloadable = downloadable_bundles(v, case_id, *list);
  List rows;
  const std::string wanted = c.req.param("bundle");
  for (auto it = list->rbegin(); it != list->rend(); ++it) {  // newest first
    const auto& b = *it;
    Data row;
    row.set("date", text(b.created_at));
    row.set("recorded_at", text(b.recorded_at));
    row.set("pages", text(std::to_string(b.page_count)));
    row.set("sha256", text(b.sha256));
    row.set("maker", text(b.user));
    row.set("file_name", text(b.file_name));
    row.set("template", text(b.template_name));
    if (b.redacted) row.set("redacted", Data(true));
    if (b.sha256 == wanted) row.set("just_made", Data(true));
    if (downloadable.count(b.sha256))
      row.set("url", text("/cases/" + url_encode(case_id) + "/bundles/" + b.sha256));
    rows.push_back(row);
  }
  d.set("bundles", rows);
  if (!list->empty()) d.set("has_bundles", Data(true));
  if (c.may_see_case_files()) d.set("may_build", Data(true));
  // The choice of a copy showing identities, only for whoever may make one (the service decides).
  if (service::policy().may_disclose_identities(v, case_id)) d.set("may_disclose", Data(true));
}

// GET /cases/{id}/bundles/{sha256} and /api/v1/cases/{id}/bundles/{sha256}: the PDF kept under
// DATA/bundles/, as an attachment, audited ("bundle.download", case id, SHA-256). Unknown,
// not visible, not kept here, or showing a name this viewer may not see: one answer.
Response App::download_bundle(Ctx& c, const std::string& case_id, const std::string& sha256_in, bool api) {
  auto missing = [&] {
    const std::string msg = "berkas perkara tidak ditemukan / bundle not found";
    return api ? problem(404, msg) : error_page(c, 404, msg);
  };
  std::string sha = sha256_in;
  if (sha.size() == 68 && sha.substr(64) == ".pdf") sha = sha.substr(0, 64);
  if (!c.may_see_case_files() || !is_sha256(sha)) return missing();
  const auto& v = c.viewer();
  auto list = with_reader([&](service::Service& s) { return service::bundle_infos(s, service_options(), v, case_id); });
  if (!list) return missing();
  auto rec = std::find_if(list->begin(), list->end(), [&](const service::BundleInfo& b) { return b.sha256 == sha; });
  if (rec == list->end()) return missing();
  const fs::path dir = fs::path(m_options.data_dir) / "bundles";
  if (!downloadable_bundles(v, case_id, {*rec}).count(sha)) {
    std::error_code ec;
    if (fs::is_regular_file(dir / (sha + ".pdf"), ec))
      (void)m_accounts->record(v, "bundle.withheld", case_id, "sha256=" + sha + " reason=protected-name");
    return missing();
  }
  bool ok = false;
  std::string bytes = read_all(dir / (sha + ".pdf"), ok);
  if (!ok) return missing();
  if (core::sha256_hex(bytes) != sha) {
    const std::string msg = "berkas perkara tidak cocok dengan catatannya / the bundle file does not match its record";
    return api ? problem(500, msg) : error_page(c, 500, msg);
  }
  // No audit entry, no download.
  if (auto s = m_accounts->record(v, "bundle.download", case_id,
                                  "sha256=" + sha + " bytes=" + std::to_string(bytes.size()));
      !s)
    return api ? problem(s.error()) : error_page(c, s.error());
  Response r;
  r.content_type = "application/pdf";
  r.body = std::move(bytes);
  r.set_header("Content-Disposition", "attachment; filename=\"" + download_name(rec->file_name) + "\"");
  return r;
}

}  // namespace berkas::server::internal
