// server/internal/app: the request handlers — pages and the JSON API — over the service and the
// accounts, chosen by the router's tables (router.cpp) by method and path. Works on the server's
// own Request/Response values; the event loop (event_loop.h) reads them off the socket and writes
// them back. The handlers live in one file per feature (handlers/, documents.cpp, persons.cpp,
// guidelines.cpp); each thread's reader and the writer's thread in threads.h.
#pragma once

#include <atomic>
#include <functional>
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
#include "server/internal/jobs.h"
#include "server/internal/render.h"
#include "server/internal/threads.h"
#include "server/server.h"
#include "service/accounts.h"
#include "service/bundles.h"
#include "service/context.h"

namespace berkas::server::internal {

class App {
 public:
  App(Options options, std::unique_ptr<service::Context> writer, std::unique_ptr<service::Accounts> accounts,
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
  struct Route;
  // Where a feature's answer goes: an HTML page, or JSON under /api/v1.
  enum class Format { page, json };

  // The router (router.cpp): /api/v1/... goes to the API table, /static/ to the files, the rest
  // to the page table. Each table row names a path pattern and a handler per method.
  Response route(Ctx& c);
  Response route_pages(Ctx& c);
  Response route_api(Ctx& c);
  // Who may reach a route: anyone, or only a signed-in viewer.
  enum class Reach { anyone, signed_in };
  std::optional<Response> dispatch(Ctx& c, const std::vector<Route>& routes, Reach reach, Format f);
  static const std::vector<Route>& page_routes();
  static const std::vector<Route>& api_routes();

  // sign in, setup, sign out (handlers/session.cpp)
  Response page_login(Ctx& c, const std::string& message, int status);
  Response post_login(Ctx& c);
  Response page_setup(Ctx& c, const std::string& message, int status);
  Response post_setup(Ctx& c);
  Response post_logout(Ctx& c);
  Response api_sign_in(Ctx& c);
  Response api_setup(Ctx& c);
  Response api_session(Ctx& c);
  Response api_sign_out(Ctx& c);

  // One handler per feature for page and API alike: one service call, one view value, rendered
  // as the page or as JSON (handlers/search.cpp, items.cpp, cases.cpp, law.cpp).
  Response search(Ctx& c, Format f);
  Response item(Ctx& c, const std::string& ref, Format f);
  Response precedent(Ctx& c, const std::string& id, Format f);
  Response sentencing(Ctx& c, Format f, bool csv);  // handlers/sentencing.cpp
  // identifiers and timeline (handlers/investigation.cpp)
  Response case_identifiers(Ctx& c, const std::string& id, Format f, bool csv);
  Response identifier(Ctx& c, const std::string& key, Format f);
  Response identifier_lookup(Ctx& c, Format f);
  Response case_timeline(Ctx& c, const std::string& id, Format f);
  Response cases(Ctx& c, Format f);
  Response case_view(Ctx& c, const std::string& id, Format f);
  Response law_outline(Ctx& c, const std::string& law_id, Format f);
  Response provision(Ctx& c, const std::string& law_id, const std::string& pasal, Format f);
  Response api_laws(Ctx& c);
  std::optional<Response> bad_date(Ctx& c, Format f);
  Response api_laws_other(Ctx& c);

  // upload (handlers/upload.cpp); native uploads run as jobs (handlers/jobs.cpp)
  struct StagedUpload;
  Response page_upload(Ctx& c);
  Data upload_form_data(Ctx& c);
  Response upload(Ctx& c, Format f);
  core::Result<StagedUpload> stage_upload(Ctx& c, const Multipart& form);
  core::Result<service::IngestReport> ingest_upload(Ctx& c, StagedUpload& staged);
  // A native upload: screened now, read and stored by a job; 303 to its page or 202 with its JSON.
  Response start_upload_job(Ctx& c, Format f, StagedUpload staged);
  Response job(Ctx& c, const std::string& id, Format f);
  // The job's work (on its own thread): read the screened files, then store them on the writer.
  void run_upload_job(Jobs::Handle& job, const service::Viewer& v, StagedUpload& staged, service::UploadScreen screen);
  // The report of an upload: the upload page with its table, or JSON; 422 when a file failed.
  Response upload_answer(Ctx& c, Format f, const service::IngestReport& report);

  // administration (handlers/admin.cpp)
  Response page_admin(Ctx& c, const std::string& message, int status);
  Response post_admin(Ctx& c, const std::vector<std::string>& seg);
  Response audit(Ctx& c, Format f);
  Response api_users(Ctx& c);
  Response api_create_user(Ctx& c);
  Response api_update_user(Ctx& c, const std::string& name);
  Response api_assignment(Ctx& c, const std::string& name, const std::string& case_id);

  // static files (handlers/static.cpp)
  Response static_file(const std::vector<std::string>& seg) const;
  Response guidelines_stylesheet() const;

  // court bundles (documents.cpp): built on the case page, listed there, downloaded audited
  Response post_bundle(Ctx& c, const std::string& case_id, bool api);
  Response api_bundles(Ctx& c, const std::string& case_id);
  Response download_bundle(Ctx& c, const std::string& case_id, const std::string& sha256, bool api);
  // The case page's bundle section: "bundles" (rows) and "may_build".
  void case_bundles(Ctx& c, const std::string& case_id, Data& d);
  std::set<std::string> downloadable_bundles(const service::Viewer& v, const std::string& case_id,
                                             const std::vector<service::BundleInfo>& list);

  // persons and witness files (persons.cpp)
  struct PersonForms;
  Response person_route(Ctx& c, const std::vector<std::string>& seg);
  Response page_person(Ctx& c, const std::string& id, const PersonForms& forms, int status);
  Response post_person(Ctx& c, const std::string& id, const std::string& what);
  Response api_person(Ctx& c, const std::vector<std::string>& seg);
  // The witness file of person `id` (case `case_id`, or every case), `asked` the disclosure
  // ("pseudonyms" when empty); identities only when `posted` (a POST with its CSRF token).
  Response witness_file_pdf(Ctx& c, const std::string& id, bool api, const std::string& case_id,
                            const std::string& asked, bool posted = false);

  // entry forms (handlers/forms.cpp): a statement (new, or a correction of `item_id`), a case, a person
  Response statement_form(Ctx& c, const std::string& item_id);
  Data statement_data(Ctx& c, const service::StatementForm& f, const core::Error* e, bool correcting);
  Response case_form(Ctx& c);
  Response person_form(Ctx& c);
  // guidelines (guidelines.cpp)
  Response page_guidelines(Ctx& c);
  Response page_guideline(Ctx& c, const std::string& id);
  Response guideline_download(Ctx& c, const std::string& id, bool api);
  Response api_guidelines(Ctx& c, const std::vector<std::string>& seg);

  // helpers (app.cpp)
  Response render(Ctx& c, int status, const std::string& page, Data d);
  Response error_page(Ctx& c, int status, const std::string& message);
  Response error_page(Ctx& c, const core::Error& e);
  // An error in the request's format: the error page, or problem details.
  Response failure(Ctx& c, Format f, int status, const std::string& message);
  Response failure(Ctx& c, Format f, const core::Error& e);
  Response redirect(Ctx& c, const std::string& location);
  Response sign_in_redirect(Ctx& c);
  bool csrf_ok(const Ctx& c, const std::string& presented) const;
  std::string pre_token(const Ctx& c) const;
  void set_session_cookie(Response& r, const std::string& token, int max_age) const;

  Response download_attachment(Ctx& c, const std::string& ref, const std::string& n, bool api);
  Response download_original(Ctx& c, const std::string& ref, bool api);
  // Hands out what `get` returns (an original or an attachment), its audit written through the accounts.
  Response original_download(
      Ctx& c, bool api,
      const std::function<core::Result<service::OriginalFile>(service::Context&, const service::AuditFn&)>& get);

  // The service's options for the functions outside Service (bundles, witness files, guidelines).
  service::Options service_options() const;

  // Runs `f(Context&)` (returning a core::Result) on the calling thread's own read-only Context
  // (threads.h: no Xapian object leaves its thread). A reader older than the last write is
  // reopened first, so every read sees every write acknowledged before it began. An unexpected
  // failure (not "not found", "invalid", ...) is retried once on a fresh reader: a Xapian reader
  // can be overtaken by the writer's commits.
  template <class F>
  auto with_reader(F&& f) -> std::invoke_result_t<F&, service::Context&> {
    using R = std::invoke_result_t<F&, service::Context&>;
    for (int attempt = 0;; ++attempt) {
      auto reader = m_readers.get(m_generation.load());
      if (!reader) return R(tl::unexpected(reader.error()));
      R result = f(**reader);
      if (result || attempt > 0 || !retryable(result.error().code)) return result;
      m_readers.drop();  // the loop opens a new one
    }
  }

  // Runs `f(Context&)` on the one writer, on the writer's own thread, one write at a time; the
  // calling thread waits for the result. Readers opened before it are reopened on their next use.
  template <class F>
  auto with_writer(F&& f) {
    using R = std::invoke_result_t<F&, service::Context&>;
    std::optional<R> result;
    m_writer.run([&](service::Context& s) { result.emplace(f(s)); });
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
  // Upload jobs: their threads use the writer, the accounts and the options, so they are declared
  // last — destroyed (cancelled and joined) first.
  Jobs m_jobs;
};

}  // namespace berkas::server::internal
