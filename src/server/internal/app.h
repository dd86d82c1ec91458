// server/internal/app: the routes — pages and the JSON API — over the service and the accounts.
// Works on the server's own Request/Response values; the event loop (event_loop.h) reads them off
// the socket and writes them back.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "server/internal/http.h"
#include "server/internal/render.h"
#include "server/internal/threads.h"
#include "server/server.h"
#include "service/accounts.h"
#include "service/service.h"

namespace berkas::server::internal {

class App {
 public:
  App(Options options, std::unique_ptr<service::Service> writer, std::unique_ptr<service::Accounts> accounts,
      Templates templates);

  // Answers one request. Thread-safe: reads go to the calling thread's own read-only service;
  // writes go to the writer's thread; the accounts serialise themselves (threads.h).
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

  // court bundles (documents.cpp): built on the case page, listed there, downloaded audited
  Response post_bundle(Ctx& c, const std::string& case_id, bool api);
  Response api_bundles(Ctx& c, const std::string& case_id);
  Response download_bundle(Ctx& c, const std::string& case_id, const std::string& sha256, bool api);
  // The case page's bundle section: "bundles" (rows) and "may_build".
  void case_bundles(Ctx& c, const std::string& case_id, Data& d);
  std::set<std::string> downloadable_bundles(const service::Viewer& v, const std::string& case_id,
                                             const std::vector<store::BundleRecord>& list);

  // persons and witness files (persons.cpp)
  struct PersonForms;
  Response person_route(Ctx& c, const std::vector<std::string>& seg);
  Response page_person(Ctx& c, const std::string& id, const PersonForms& forms, int status);
  Response post_person(Ctx& c, const std::string& id, const std::string& what);
  Response api_person(Ctx& c, const std::vector<std::string>& seg);
  Response witness_file_pdf(Ctx& c, const std::string& id, bool api);

  // guidelines (guidelines.cpp)
  Response page_guidelines(Ctx& c);
  Response page_guideline(Ctx& c, const std::string& id);
  Response guideline_download(Ctx& c, const std::string& id, bool api);
  Response api_guidelines(Ctx& c, const std::vector<std::string>& seg);

  // helpers
  Response render(Ctx& c, int status, const std::string& page, Data d);
  Response error_page(Ctx& c, int status, const std::string& message);
  Response error_page(Ctx& c, const core::Error& e);
  Response redirect(Ctx& c, const std::string& location);
  Response sign_in_redirect(Ctx& c);
  bool csrf_ok(const Ctx& c, const std::string& presented) const;
  std::string pre_token(const Ctx& c) const;
  void set_session_cookie(Response& r, const std::string& token, int max_age) const;

  core::Result<service::IngestReport> ingest_upload(Ctx& c, const Multipart& form);
  Response download_attachment(Ctx& c, const std::string& ref, const std::string& n, bool api);

  // The service's options for the functions outside Service (bundles, witness files, guidelines).
  service::Options service_options() const;

  // Runs `f(Service&)` (returning a core::Result) on the calling thread's own read-only Service
  // (threads.h: no Xapian object leaves its thread). A reader older than the last write is
  // reopened first, so every read sees every write acknowledged before it began. An unexpected
  // failure (not "not found", "invalid", ...) is retried once on a fresh reader: a Xapian reader
  // can be overtaken by the writer's commits.
  template <class F>
  auto with_reader(F&& f) -> std::invoke_result_t<F&, service::Service&> {
    using R = std::invoke_result_t<F&, service::Service&>;
    for (int attempt = 0;; ++attempt) {
      auto reader = m_readers.get(m_generation.load());
      if (!reader) return R(tl::unexpected(reader.error()));
      R result = f(**reader);
      if (result || attempt > 0 || !retryable(result.error().code)) return result;
      m_readers.drop();  // the loop opens a new one
    }
  }

  // Runs `f(Service&)` on the one writer, on the writer's own thread, one write at a time; the
  // calling thread waits for the result. Readers opened before it are reopened on their next use.
  template <class F>
  auto with_writer(F&& f) {
    using R = std::invoke_result_t<F&, service::Service&>;
    std::optional<R> result;
    m_writer.run([&](service::Service& s) { result.emplace(f(s)); });
    m_generation.fetch_add(1);
    return std::move(*result);
  }

  static bool retryable(core::ErrorCode code);

  // Shared by the server's threads, and how (threads.h says the rule):
  Options m_options;                           // read-only after construction
  std::atomic<std::uint64_t> m_generation{0};  // writes done so far; readers compare against it
  WriterThread m_writer;                       // the writer lives on its own thread
  ThreadReaders m_readers;                     // each thread's own reader, thread-local
  std::unique_ptr<service::Accounts> m_accounts;  // sessions, setup, sign-in: its own mutex
  Templates m_templates;                       // read-only after construction
  std::string m_static_dir;                    // read-only after construction
};

}  // namespace berkas::server::internal
