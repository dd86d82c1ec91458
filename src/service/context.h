// service/context: the one way into the service layer for the adapters (the CLI, the web server).
// A Context is opened once on a data folder — its store, its index, its options — and owns one
// object per feature; every method takes the Viewer and asks the access policy
// (service/policy.h) before it does anything:
//   evidence()       ingest and init, search, items, precedents, cases and their material, the
//                    law as of a date, reindex, verify, the audit log (the Service)
//   search()         the search as the adapters show it (service/search_view.h)
//   bundles()        court bundles: made, listed, checked, and the copies kept for the web with
//                    their download guard (service/bundles.h, service/kept_bundles.h)
//   witness_files()  witness files and the web entry of protection measures and restitution
//   guidelines()     guideline and training modules (answer keys per the policy)
//   uploads()        uploads screened per uploader, then ingested
//   originals()      the evidence as it came in (item sources, attachments), byte for byte
//   forms()          the web's entry forms: statements (BAP) and their corrections, cases, persons
//   precedents()     sentencing across precedents, and the decisions most like a case
// Accounts and sessions (service/accounts.h) are a context of their own: the web server shares
// one between its threads.
//
// Thread safety: one thread at a time per Context (the server gives each thread its own reader
// Context and its writer a thread of its own: server/internal/threads.h).
#pragma once

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/error.h"
#include "service/bundles.h"
#include "service/forms.h"
#include "service/guidelines.h"
#include "service/kept_bundles.h"
#include "service/originals.h"
#include "service/search_view.h"
#include "service/sentencing.h"
#include "service/service.h"
#include "service/upload.h"
#include "service/witness_entry.h"
#include "service/witness_file.h"

namespace berkas::service {

// A feature of the context: the service it works on and the options it was opened with.
class Feature {
 public:
  Feature(Service& svc, const Options& options) : m_svc(svc), m_options(options) {}

 protected:
  Service& m_svc;
  const Options& m_options;
};

class Bundles : Feature {
 public:
  using Feature::Feature;
  core::Result<BundleMade> make(const Viewer& v, const BundleRequest& r) { return make_bundle(m_svc, m_options, v, r); }
  core::Result<std::vector<BundleInfo>> list(const Viewer& v, const std::string& case_id = {}) {
    return bundle_infos(m_svc, m_options, v, case_id);
  }
  // The stored records themselves (manifest entries included), for the command line's listing.
  core::Result<std::vector<store::BundleRecord>> records(const Viewer& v, const std::string& case_id = {}) {
    return list_bundles(m_svc, m_options, v, case_id);
  }
  core::Result<BundleCheck> verify(const Viewer& v, const std::string& file) {
    return verify_bundle(m_svc, m_options, v, file);
  }
  core::Result<KeptBundle> keep(const Viewer& v, const std::string& case_id, core::Disclosure d) {
    return keep_bundle(m_svc, m_options, v, case_id, d);
  }
  core::Result<std::set<std::string>> downloadable(const Viewer& v, const std::string& case_id,
                                                   const std::vector<BundleInfo>& list) {
    return downloadable_bundles(m_svc, m_options, v, case_id, list);
  }
  core::Result<BundleFile> kept_file(const Viewer& v, const std::string& case_id, const std::string& sha256,
                                     const AuditWriter& audit) {
    return kept_bundle_file(m_svc, m_options, v, case_id, sha256, audit);
  }
};

class WitnessFiles : Feature {
 public:
  using Feature::Feature;
  core::Result<WitnessFileData> data(const Viewer& v, const std::string& person_id, const std::string& case_id = {}) {
    return witness_file_data(m_svc, m_options, v, person_id, case_id);
  }
  core::Result<WitnessFileMade> make(const Viewer& v, const WitnessFileRequest& r) {
    return make_witness_file(m_svc, m_options, v, r);
  }
  core::Result<FileOutcome> enter(const Viewer& v, const ProtectionForm& f) { return enter_protection(m_svc, m_options, v, f); }
  core::Result<FileOutcome> enter(const Viewer& v, const RestitutionForm& f) {
    return enter_restitution(m_svc, m_options, v, f);
  }
};

class Guidelines : Feature {
 public:
  using Feature::Feature;
  core::Result<std::vector<GuidelineInfo>> shipped() const { return shipped_guidelines(m_options); }
  core::Result<std::string> html(const Viewer& v, const std::string& id, bool answers) {
    return guideline_html(m_svc, m_options, v, id, answers);
  }
  core::Result<std::string> pdf(const Viewer& v, const std::string& id, bool answers) {
    return guideline_pdf(m_svc, m_options, v, id, answers);
  }
  core::Result<GuidelineMade> make(const Viewer& v, const GuidelineRequest& r) { return make_guideline(m_svc, m_options, v, r); }
};

class Uploads : Feature {
 public:
  using Feature::Feature;
  core::Result<UploadScreen> screen(const Viewer& v, const std::vector<std::string>& paths, const UploadOptions& o = {}) {
    return screen_upload(m_svc, v, paths, m_options.resource_dir, o);
  }
  core::Result<IngestReport> ingest(const Viewer& v, const std::vector<std::string>& paths, const UploadOptions& o = {}) {
    return ingest_upload(m_svc, v, paths, m_options.resource_dir, o);
  }
  // The two halves on the writer of an upload read elsewhere (upload.h: prepare_upload, store_upload).
  core::Result<UploadScreen> prepare(const Viewer& v, const std::vector<std::string>& paths, const UploadOptions& o) {
    return prepare_upload(m_svc, v, paths, m_options.resource_dir, o);
  }
  core::Result<IngestReport> store(const Viewer& v, const std::vector<std::string>& paths, UploadScreen screen,
                                   std::vector<ReadFile> read, const UploadOptions& o) {
    return store_upload(m_svc, v, paths, std::move(screen), std::move(read), o);
  }
};

class Originals : Feature {
 public:
  using Feature::Feature;
  core::Result<OriginalFile> item(const Viewer& v, const std::string& ref, const AuditFn& audit) const {
    return item_original(m_svc, v, ref, audit);
  }
  core::Result<OriginalFile> attachment(const Viewer& v, const std::string& ref, std::size_t n,
                                        const AuditFn& audit) const {
    return item_attachment(m_svc, v, ref, n, audit);
  }
};

class Forms : Feature {
 public:
  using Feature::Feature;
  core::Result<FileOutcome> enter(const Viewer& v, const StatementForm& f) {
    return enter_statement(m_svc, m_options, v, f);
  }
  core::Result<FileOutcome> correct(const Viewer& v, const StatementForm& f) {
    return correct_statement(m_svc, m_options, v, f);
  }
  core::Result<StatementForm> statement(const Viewer& v, const std::string& item_id) const {
    return statement_form_of(m_svc, v, item_id);
  }
  core::Result<FileOutcome> enter(const Viewer& v, const CaseForm& f) { return enter_case(m_svc, m_options, v, f); }
  core::Result<FileOutcome> enter(const Viewer& v, const PersonForm& f) { return enter_person(m_svc, m_options, v, f); }
  core::Result<std::vector<core::Case>> cases(const Viewer& v) const { return form_cases(m_svc, v); }
  // The persons of `case_id` the viewer may see, as the case page names them.
  core::Result<std::vector<PersonView>> persons(const Viewer& v, const std::string& case_id) const {
    auto view = m_svc.case_view(v, case_id);
    if (!view) return tl::unexpected(view.error());
    return view->persons;
  }
};

class Searches : Feature {
 public:
  using Feature::Feature;
  core::Result<SearchResult> run(const Viewer& v, const SearchRequest& r) const { return service::search(m_svc, v, r); }
};

class Precedents : Feature {
 public:
  using Feature::Feature;
  core::Result<SentencingReport> sentencing(const Viewer& v, const SentencingQuery& q) const {
    return service::sentencing(m_svc, v, q);
  }
  core::Result<std::vector<SimilarDecision>> similar(const Viewer& v, const std::string& case_id,
                                                     std::size_t limit = 10) const {
    return similar_decisions(m_svc, v, case_id, limit);
  }
};

class Context {
 public:
  // Opens the store and the index under options.data_dir (Service::open: created with `create`,
  // read-only with options.read_only, caught up after a crash).
  static core::Result<std::unique_ptr<Context>> open(const Options& options, bool create = false);
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  const Options& options() const { return m_options; }
  Service& evidence() { return *m_service; }
  const Service& evidence() const { return *m_service; }
  Searches& search() { return m_searches; }
  Bundles& bundles() { return m_bundles; }
  WitnessFiles& witness_files() { return m_witness_files; }
  Guidelines& guidelines() { return m_guidelines; }
  Uploads& uploads() { return m_uploads; }
  Originals& originals() { return m_originals; }
  Forms& forms() { return m_forms; }
  Precedents& precedents() { return m_precedents; }

 private:
  Context(Options options, std::unique_ptr<Service> service);
  Options m_options;
  std::unique_ptr<Service> m_service;
  Searches m_searches;
  Bundles m_bundles;
  WitnessFiles m_witness_files;
  Guidelines m_guidelines;
  Uploads m_uploads;
  Originals m_originals;
  Forms m_forms;
  Precedents m_precedents;
};

}  // namespace berkas::service
