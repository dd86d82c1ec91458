// server/internal/jobs: uploads whose files are read (OCR of a long scan) on a thread of their
// own, so that neither the request nor the writer's thread waits for the reading. Each job
// belongs to the user who started it and says how far it is (file i of k, page n of m); the
// handlers (handlers/jobs.cpp) show it as a page that refreshes itself and as JSON.
//
// Bounds: at most `max_running` jobs unfinished at once (start refuses more), and at most
// `max_kept` jobs remembered (the oldest finished ones are forgotten first). The files of one
// job are read at a time (the OCR uses every core already): the others wait as "queued".
//
// Thread safety: every member may be called from any thread. The destructor cancels the jobs
// still reading (extract::Limits::cancel), waits for every job's thread and joins it.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "service/upload.h"

namespace berkas::server::internal {

class Jobs {
 public:
  // What a job's work sees of its job (on the job's own thread).
  class Handle {
   public:
    // Set when the server stops: the work should end (store nothing more) as soon as it can.
    const std::atomic<bool>& cancelled() const { return m_cancel; }
    // Changes the job's progress (under the registry's lock: keep it short).
    void update(const std::function<void(service::UploadProgress&)>& change);
    // Waits until no other job is reading, then marks this one running; false when cancelled
    // meanwhile. The turn ends with end_reading() (or when the work returns).
    bool begin_reading();
    void end_reading();

   private:
    friend class Jobs;
    Handle(Jobs& jobs, std::string id) : m_jobs(jobs), m_id(std::move(id)) {}
    Jobs& m_jobs;
    std::string m_id;
    std::atomic<bool> m_cancel{false};
    bool m_reading = false;  // this job holds the reading turn (its own thread only)
  };
  using Work = std::function<void(Handle& job)>;

  Jobs(std::size_t max_running, std::size_t max_kept);
  ~Jobs();
  Jobs(const Jobs&) = delete;
  Jobs& operator=(const Jobs&) = delete;

  // Starts `work` on a thread of its own as a job of `owner` (state queued, `files` files); its
  // id (32 random hex digits), or nullopt when max_running jobs are queued or running or the
  // registry is stopping. When the work returns, the job's state must be done or failed (if the
  // work left it otherwise, it becomes failed).
  std::optional<std::string> start(const std::string& owner, std::size_t files, Work work);

  struct Seen {
    std::string owner;
    service::UploadProgress progress;
  };
  // The job `id` as it stands now; nullopt if there is none (or it was forgotten).
  std::optional<Seen> find(const std::string& id) const;

 private:
  struct Job {
    std::string owner;
    service::UploadProgress progress;
    std::chrono::steady_clock::time_point reading_since;  // set when its files began to be read
    std::unique_ptr<Handle> handle;
    std::thread thread;
    bool finished = false;  // the work has returned (the thread is about to end)
  };
  void run(Job& job, const Work& work);
  void forget_finished();  // m_mu held: joins finished threads beyond max_kept

  const std::size_t m_max_running;
  const std::size_t m_max_kept;
  mutable std::mutex m_mu;        // guards everything below and every Job's progress
  std::condition_variable m_turn; // the reading turn was released, or stop
  std::map<std::string, Job> m_jobs;
  std::list<std::string> m_order;  // ids, oldest first
  bool m_reading = false;          // some job holds the reading turn
  bool m_stopping = false;
};

}  // namespace berkas::server::internal
