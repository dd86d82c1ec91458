#include "server/internal/jobs.h"

#include <algorithm>
#include <exception>
#include <utility>
#include <vector>

#include "server/internal/shared.h"

namespace berkas::server::internal {

using State = service::UploadProgress::State;

void Jobs::Handle::update(const std::function<void(service::UploadProgress&)>& change) {
  std::lock_guard lock(m_jobs.m_mu);
  auto it = m_jobs.m_jobs.find(m_id);
  if (it != m_jobs.m_jobs.end()) change(it->second.progress);
}

bool Jobs::Handle::begin_reading() {
  std::unique_lock lock(m_jobs.m_mu);
  m_jobs.m_turn.wait(lock, [&] { return !m_jobs.m_reading || m_cancel.load(); });
  if (m_cancel.load()) return false;
  m_jobs.m_reading = true;
  m_reading = true;
  if (auto it = m_jobs.m_jobs.find(m_id); it != m_jobs.m_jobs.end()) {
    it->second.progress.state = State::running;
    it->second.reading_since = std::chrono::steady_clock::now();
  }
  return true;
}

void Jobs::Handle::end_reading() {
  if (!m_reading) return;
  {
    std::lock_guard lock(m_jobs.m_mu);
    m_jobs.m_reading = false;
    m_reading = false;
  }
  m_jobs.m_turn.notify_all();
}

Jobs::Jobs(std::size_t max_running, std::size_t max_kept)
    : m_max_running(std::max<std::size_t>(1, max_running)), m_max_kept(std::max(max_kept, m_max_running)) {}

Jobs::~Jobs() {
  std::vector<std::thread> threads;
  {
    std::lock_guard lock(m_mu);
    m_stopping = true;
    for (auto& [id, job] : m_jobs) {
      job.handle->m_cancel = true;
      if (job.thread.joinable()) threads.push_back(std::move(job.thread));
    }
  }
  m_turn.notify_all();
  // The jobs end on their own (cancelled reading stops at the next page); m_jobs outlives them.
  for (auto& t : threads) t.join();
}

std::optional<std::string> Jobs::start(const std::string& owner, std::size_t files, Work work) {
  std::lock_guard lock(m_mu);
  if (m_stopping) return std::nullopt;
  std::size_t unfinished = 0;
  // By state, not by thread: a job whose report is out counts as finished for whoever saw it.
  for (const auto& [id, job] : m_jobs)
    unfinished += job.progress.state == State::queued || job.progress.state == State::running ? 1 : 0;
  if (unfinished >= m_max_running) return std::nullopt;
  std::string id = random_token().substr(0, 32);
  if (id.size() != 32 || m_jobs.count(id)) return std::nullopt;  // no randomness: no job
  Job& job = m_jobs[id];
  job.owner = owner;
  job.progress.files = files;
  job.handle.reset(new Handle(*this, id));
  m_order.push_back(id);
  job.thread = std::thread([this, &job, w = std::move(work)] { run(job, w); });
  forget_finished();
  return id;
}

std::optional<Jobs::Seen> Jobs::find(const std::string& id) const {
  std::lock_guard lock(m_mu);
  auto it = m_jobs.find(id);
  if (it == m_jobs.end()) return std::nullopt;
  Seen seen{it->second.owner, it->second.progress};
  if (seen.progress.state == State::running)
    seen.progress.elapsed_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - it->second.reading_since).count();
  return seen;
}

void Jobs::run(Job& job, const Work& work) {
  std::string error;
  try {
    work(*job.handle);
  } catch (const std::exception&) {
    error = "galat internal / internal error";
  }
  job.handle->end_reading();
  std::lock_guard lock(m_mu);
  auto& p = job.progress;
  if (!error.empty() || (p.state != State::done && p.state != State::failed)) {
    p.state = State::failed;
    if (p.error.empty()) p.error = error.empty() ? "pekerjaan berhenti tanpa hasil / the job ended without a result" : error;
  }
  job.finished = true;
}

void Jobs::forget_finished() {
  for (auto it = m_order.begin(); it != m_order.end() && m_jobs.size() > m_max_kept;) {
    auto job = m_jobs.find(*it);
    if (job == m_jobs.end() || job->second.finished) {
      // Finished: its thread is past the work and needs nothing more of the lock to end.
      if (job != m_jobs.end()) {
        if (job->second.thread.joinable()) job->second.thread.join();
        m_jobs.erase(job);
      }
      it = m_order.erase(it);
    } else {
      ++it;
    }
  }
}

}  // namespace berkas::server::internal
