// Court bundles on the web: built from the case page (or POST /api/v1/cases/{id}/bundles), listed
// on the case page, downloaded audited. What is kept where, and who may download which copy, is
// the service's (service/kept_bundles.h); this file reads requests and shapes answers.
#include <optional>
#include <set>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include "core/text.h"
#include "server/internal/app.h"
#include "server/internal/shared.h"
#include "service/bundles.h"
#include "service/kept_bundles.h"

namespace berkas::server::internal {

using core::ErrorCode;

namespace {

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
  auto made = with_writer([&](service::Context& s) {
    return s.bundles().keep(v, case_id, *disclosure);
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

// Of `list`, the bundles kept here which `v` may have (service/kept_bundles.h); none on a failure.
std::set<std::string> App::downloadable_bundles(const service::Viewer& v, const std::string& case_id,
                                                const std::vector<service::BundleInfo>& list) {
  auto out = with_reader([&](service::Context& s) {
    return s.bundles().downloadable(v, case_id, list);
  });
  return out ? *out : std::set<std::string>{};
}

// GET /api/v1/cases/{id}/bundles: bundle_list_json, each with "download" when this viewer may have
// its file.
Response App::api_bundles(Ctx& c, const std::string& case_id) {
  const auto& v = c.viewer();
  if (!c.may_see_case_files()) return problem(404, case_missing_message(case_id));
  auto list = with_reader([&](service::Context& s) { return s.bundles().list(v, case_id); });
  if (!list) return list.error().code == ErrorCode::not_found ? problem(404, case_missing_message(case_id))
                                                              : problem(list.error());
  const auto downloadable = downloadable_bundles(v, case_id, *list);
  for (auto& b : *list)
    if (downloadable.count(b.sha256)) b.download = "/api/v1/cases/" + url_encode(case_id) + "/bundles/" + b.sha256;
  return json_response(service::bundle_list_json(*list));
}

void App::case_bundles(Ctx& c, const std::string& case_id, Data& d) {
  const auto& v = c.viewer();
  auto list = with_reader([&](service::Context& s) { return s.bundles().list(v, case_id); });
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
Response App::download_bundle(Ctx& c, const std::string& case_id, const std::string& sha256, bool api) {
  const auto& v = c.viewer();
  auto file = with_reader([&](service::Context& s) {
    return s.bundles().kept_file(v, case_id, sha256,
                                     [&](const std::string& action, const std::string& object, const std::string& detail) {
                                       return m_accounts->record(v, action, object, detail);
                                     });
  });
  if (!file) return api ? problem(file.error()) : error_page(c, file.error());
  Response r;
  r.content_type = "application/pdf";
  r.body = std::move(file->bytes);
  r.set_header("Content-Disposition", "attachment; filename=\"" + download_name(file->file_name) + "\"");
  return r;
}

}  // namespace berkas::server::internal
