// Upload jobs: a native evidence upload (POST /upload or /api/v1/ingest with a case) is screened
// at once on the writer, then read (OCR) by a job on a thread of its own and stored on the writer
// when read; the uploader follows it at /jobs/{id} (a page that refreshes itself, no script) or
// /api/v1/jobs/{id} (JSON). Only the uploader and administrators see a job (AccessPolicy::
// may_follow_job); anyone else is told there is none.
#include "server/internal/shared.h"

#include <algorithm>
#include <cstdio>

#include "core/progress.h"
#include "core/text.h"
#include "service/json.h"

namespace berkas::server::internal {

using State = service::UploadProgress::State;

namespace {

// Seconds between the job page's own refreshes while it runs.
constexpr const char* k_refresh_seconds = "2";

}  // namespace

Response App::start_upload_job(Ctx& c, Format f, StagedUpload staged) {
  // Screened before anything is read, as every upload is (service/upload.h prepare_upload).
  auto screen = with_writer(
      [&](service::Context& s) { return s.uploads().prepare(c.viewer(), staged.paths, staged.options); });
  if (!screen) return failure(c, f, screen.error());
  if (screen->allowed.empty()) {  // every file refused: nothing to read, the refusals are the report
    auto stored = with_writer([&](service::Context& s) {
      return s.uploads().store(c.viewer(), staged.paths, std::move(*screen), {}, staged.options);
    });
    if (!stored) return failure(c, f, stored.error());
    auto report = staged.shown(std::move(*stored));
    (void)m_accounts->record(c.viewer(), "upload", "files:" + std::to_string(staged.posted),
                             "failed=" + std::to_string(report.failed()));
    return upload_answer(c, f, report);
  }
  const std::size_t files = screen->allowed.size();
  auto work = [this, viewer = c.viewer(), owned = std::make_shared<StagedUpload>(std::move(staged)),
               screen = std::make_shared<service::UploadScreen>(std::move(*screen))](Jobs::Handle& job) {
    run_upload_job(job, viewer, *owned, std::move(*screen));
  };
  auto id = m_jobs.start(c.viewer().user, files, std::move(work));
  if (!id) {
    // The work (and with it the upload's folder) is gone already: nothing was read or stored.
    Response r = failure(c, f, 429,
                         "terlalu banyak unggahan sedang dibaca; coba lagi sebentar lagi / too many uploads are "
                         "being read; try again shortly");
    r.set_header("Retry-After", "30");
    return r;
  }
  const std::string page = "/jobs/" + *id;
  if (f == Format::page) return redirect(c, page);
  auto seen = m_jobs.find(*id);
  Response r = json_response(service::json::of(seen ? seen->progress : service::UploadProgress{}), 202);
  r.set_header("Location", "/api/v1/jobs/" + *id);
  return r;
}

void App::run_upload_job(Jobs::Handle& job, const service::Viewer& v, StagedUpload& staged,
                         service::UploadScreen screen) {
  auto fail = [&](const std::string& error) {
    staged.folder.remove();
    job.update([&](service::UploadProgress& p) {
      p.state = State::failed;
      p.error = error;
    });
  };
  const std::string stopped =
      "server berhenti sebelum berkas selesai dibaca; tidak ada yang disimpan, unggah lagi / the server stopped "
      "before the files were read; nothing was stored, upload them again";
  if (!job.begin_reading()) return fail(stopped);
  service::ReadOptions ro;
  ro.ocr_threads = m_options.ocr_threads;
  ro.cancel = &job.cancelled();
  ro.on_file = [&](std::size_t index, std::size_t count) {
    job.update([&](service::UploadProgress& p) {
      p.file = index + 1;
      p.files = count;
      p.pages_done = 0;
      p.pages_total = 0;
    });
  };
  ro.on_page = [&](int done, int total) {
    // A file may hold several documents with pages (an e-mail's PDF attachments): each counts afresh.
    job.update([&](service::UploadProgress& p) {
      p.pages_done = total == p.pages_total ? std::max(p.pages_done, done) : done;
      p.pages_total = total;
    });
  };
  auto read = service::read_input_files(service_options().resource_dir, screen.allowed, staged.options.native, ro);
  job.end_reading();
  if (job.cancelled()) return fail(stopped);
  auto report = with_writer([&](service::Context& s) {
    return s.uploads().store(v, staged.paths, std::move(screen), std::move(read), staged.options);
  });
  staged.folder.remove();  // the evidence is stored (or refused): the upload's copy goes
  if (!report) {
    auto e = report.error();
    for (const auto& [path, name] : staged.names) e.message = core::replace_all(e.message, path, name);
    return fail(e.message);
  }
  auto shown = staged.shown(std::move(*report));
  (void)m_accounts->record(v, "upload", "files:" + std::to_string(staged.posted),
                           "failed=" + std::to_string(shown.failed()));
  job.update([&](service::UploadProgress& p) {
    p.state = State::done;
    p.report = std::move(shown);
  });
}

// GET /jobs/{id} and GET /api/v1/jobs/{id}.
Response App::job(Ctx& c, const std::string& id, Format f) {
  auto seen = m_jobs.find(id);
  if (!seen || !service::policy().may_follow_job(c.viewer(), seen->owner))
    return failure(c, f, 404, "pekerjaan tidak ditemukan / job not found");
  service::UploadProgress& p = seen->progress;
  // The names the files were sent with may name anyone: only their uploader sees them.
  if (p.report && !service::policy().may_see_upload_names(c.viewer(), seen->owner))
    for (std::size_t i = 0; i < p.report->files.size(); ++i) {
      auto& file = p.report->files[i];
      const std::string neutral = "berkas " + std::to_string(i + 1);
      if (!file.path.empty()) file.error = core::replace_all(file.error, file.path, neutral);
      file.path = neutral;
    }
  if (f == Format::json) return json_response(service::json::of(p));
  Data d;
  d.set("state", text(service::to_string(p.state)));
  const bool working = p.state == State::queued || p.state == State::running;
  if (working) d.set("refresh", text(k_refresh_seconds));
  if (p.state == State::queued) d.set("queued", Data(true));
  if (p.state == State::running) d.set("running", Data(true));
  if (p.state == State::done) d.set("done", Data(true));
  if (p.state == State::failed) d.set("error", text(p.error));
  // "files" is the report table's (add_upload_report): the counts have names of their own.
  d.set("file_no", text(std::to_string(p.file)));
  d.set("file_count", text(std::to_string(p.files)));
  if (p.pages_total > 0) {
    d.set("pages", Data(true));
    d.set("pages_done", text(std::to_string(p.pages_done)));
    d.set("pages_total", text(std::to_string(p.pages_total)));
  }
  if (p.state == State::running) {
    const auto e = service::estimate_of(p);
    if (e.per_minute > 0) {
      char rate[32];
      std::snprintf(rate, sizeof rate, "%.1f", e.per_minute);
      d.set("rate", text(rate));
    }
    if (e.seconds_left) d.set("time_left", text(core::format_duration(*e.seconds_left, c.lang == "en")));
  }
  if (p.report) add_upload_report(*p.report, d);
  return render(c, 200, "job", d);
}

}  // namespace berkas::server::internal
