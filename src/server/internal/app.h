// server/internal/app: the routes — pages and the JSON API — over the service and the accounts.
// Works on the server's own Request/Response values; server.cpp adapts them to Poco.Net.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "server/internal/http.h"
#include "server/internal/render.h"
#include "server/server.h"
#include "service/accounts.h"
#include "service/service.h"

namespace berkas::server::internal {

class App {
 public:
  App(Options options, std::unique_ptr<service::Service> service, std::unique_ptr<service::Accounts> accounts,
      Templates templates);

  // Answers one request. Thread-safe: the service (single-threaded) is used under a mutex; the
  // accounts serialise themselves.
  Response handle(const Request& req);

  // The largest body accepted for this request line (uploads get more than forms and JSON).
  std::size_t body_limit(const std::string& method, const std::string& raw_path) const;

  // The response for a body over the limit (413; problem+json under /api/).
  Response too_large(const std::string& raw_path) const;

  service::Accounts& accounts() { return *m_accounts; }

 private:
  struct Ctx;
  Response route(Ctx& c);
  Response route_api(Ctx& c, const std::vector<std::string>& seg);

  // pages
  Response page_login(Ctx& c, const std::string& message, int status);
  Response post_login(Ctx& c);
  Response page_setup(Ctx& c, const std::string& message, int status);
  Response post_setup(Ctx& c);
  Response post_logout(Ctx& c);
  Response page_search(Ctx& c);
  Response page_item(Ctx& c, const std::string& ref);
  Response page_precedent(Ctx& c, const std::string& id);
  Response page_cases(Ctx& c);
  Response page_case(Ctx& c, const std::string& id);
  Response page_law(Ctx& c, const std::string& law_id);
  Response page_provision(Ctx& c, const std::string& law_id, const std::string& pasal);
  Response page_upload(Ctx& c);
  Response post_upload(Ctx& c);
  Response page_admin(Ctx& c, const std::string& message, int status);
  Response post_admin(Ctx& c, const std::vector<std::string>& seg);
  Response page_audit(Ctx& c);
  Response static_file(const std::vector<std::string>& seg) const;

  // helpers
  Response render(Ctx& c, int status, const std::string& page, Data d);
  Response error_page(Ctx& c, int status, const std::string& message);
  Response error_page(Ctx& c, const core::Error& e);
  Response redirect(Ctx& c, const std::string& location);
  Response sign_in_redirect(Ctx& c);
  bool csrf_ok(const Ctx& c, const std::string& presented) const;
  void set_session_cookie(Response& r, const std::string& token, int max_age) const;

  core::Result<service::IngestReport> ingest_upload(Ctx& c, const Multipart& form);

  template <class F>
  auto with_service(F&& f) {
    std::lock_guard lock(m_service_mu);
    return f(*m_service);
  }

  Options m_options;
  std::mutex m_service_mu;
  std::unique_ptr<service::Service> m_service;
  std::unique_ptr<service::Accounts> m_accounts;
  Templates m_templates;
  std::string m_static_dir;
};

}  // namespace berkas::server::internal
