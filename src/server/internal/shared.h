// server/internal/shared: what the handler files share — the request context, the route table's
// row, and the small response helpers (problem details, JSON, download names; responses.cpp).
#pragma once

#include <Poco/JSON/Object.h>

#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "server/internal/app.h"
#include "server/internal/http.h"
#include "service/accounts.h"
#include "service/policy.h"
#include "service/upload.h"

namespace berkas::server::internal {

// One request on its way through the routes.
struct App::Ctx {
  explicit Ctx(const Request& r) : req(r) {}
  const Request& req;
  std::vector<std::string> seg;   // the whole path
  std::vector<std::string> path;  // the part the route table matched (under /api/v1 for the API)
  std::vector<std::string> args;  // the segments the route's "*" stood for, in order
  std::string lang = "id";
  bool lang_changed = false;
  std::optional<service::Session> session;
  std::string session_token;

  const service::Viewer& viewer() const { return session->viewer; }
  // The access policy's answers for this request's viewer (false without a session).
  bool may_administer() const { return session && service::policy().may_administer(session->viewer); }
  bool may_see_case_files() const { return session && service::policy().may_see_case_files(session->viewer); }
  bool may_ingest() const { return session && service::policy().may_ingest(session->viewer); }
};

// A row of a route table (router.cpp): a path pattern, who may reach it, and a handler per method.
// Pattern: segments joined by '/', "*" matches one segment, a final "**" any rest (also none),
// "" the empty path. Method "GET" also answers HEAD; "*" answers every method.
struct App::Route {
  using Handler = Response (*)(App& app, Ctx& c);
  struct Method {
    const char* name;
    Handler handler;
  };
  using Reach = App::Reach;
  enum class Guard { none, administrator };
  // A matching path whose method has no handler: 405, or try the rows below.
  enum class Otherwise { method_not_allowed, next_row };

  const char* pattern;
  Reach reach = Reach::signed_in;
  Guard guard = Guard::none;
  std::vector<Method> methods;
  Otherwise otherwise = Otherwise::method_not_allowed;
};

// An upload's private folder, removed (with what is in it) by remove() or when the value goes.
class UploadFolder {
 public:
  UploadFolder() = default;
  explicit UploadFolder(std::string path) : m_path(std::move(path)) {}
  UploadFolder(UploadFolder&& o) noexcept : m_path(std::move(o.m_path)) { o.m_path.clear(); }
  UploadFolder& operator=(UploadFolder&& o) noexcept {
    if (this != &o) {
      remove();
      m_path = std::move(o.m_path);
      o.m_path.clear();
    }
    return *this;
  }
  UploadFolder(const UploadFolder&) = delete;
  UploadFolder& operator=(const UploadFolder&) = delete;
  ~UploadFolder();
  void remove();

 private:
  std::string m_path;
};

// An upload written to its private folder (handlers/upload.cpp stage_upload): what ingest needs,
// and how to show its report in the uploader's words.
struct App::StagedUpload {
  UploadFolder folder;
  service::UploadOptions options;
  std::vector<std::string> paths;                          // generated, in the order posted
  std::vector<std::pair<std::string, std::string>> names;  // generated path → display name
  service::IngestReport refused;                           // files refused before ingest
  std::size_t posted = 0;                                  // files in the form
  // `report` with display names for generated paths (in errors too), the refusals first.
  service::IngestReport shown(service::IngestReport report) const;
};

// The upload page's report table ("files", "uploaded"; templates/web/_report.html).
void add_upload_report(const service::IngestReport& report, Data& d);

constexpr const char* k_session_cookie = "berkas_session";
constexpr const char* k_pre_cookie = "berkas_pre";  // CSRF token of the sign-in and setup forms
constexpr const char* k_lang_cookie = "berkas_lang";

// 32 random bytes as 64 lower-case hex digits (empty if the system has no randomness).
std::string random_token();
// Constant-time comparison of two secrets; false if either is empty.
bool same_secret(const std::string& a, const std::string& b);

// HTTP status of an error code (invalid_input 400, not_found 404, forbidden 403, conflict 409, else 500).
int status_of(core::ErrorCode code);
// "Tidak ditemukan / Not found" and the like.
const char* title_of(int status);

std::string stringify(const Poco::JSON::Object::Ptr& o);
Poco::JSON::Object::Ptr obj();  // an object that keeps its keys in insertion order

// RFC 9457 problem details (application/problem+json); `detail` Indonesian, then English.
Response problem(int status, const std::string& detail);
Response problem(const core::Error& e);
Response json_response(const std::string& body, int status = 200);

// The request body as a JSON object; a problem response (415, 400) when it is not one.
std::optional<Response> parse_json_object(const Request& req, Poco::JSON::Object::Ptr& out);
// A string member of `o`; empty when absent or not a string.
std::string str_field(const Poco::JSON::Object::Ptr& o, const std::string& name);

// A download's file name: the last part of `stored`, reduced to [A-Za-z0-9._-].
std::string download_name(const std::string& stored);

}  // namespace berkas::server::internal
