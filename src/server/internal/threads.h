// server/internal/threads: how the server's threads reach the service without sharing a Xapian
// object. Xapian objects (databases, enquires, queries) are not safe to use from two threads, and
// sharing one by hand-over between threads is how a crash hides; so here no Xapian object ever
// leaves the thread that uses it:
//   - WriterThread: the one writing service Context (store + Xapian WritableDatabase) is owned by a
//     thread of its own; every write is a job handed to it, and the caller waits for the result.
//   - ThreadReaders: every thread that reads has its own read-only service Context (store connection +
//     Xapian Database), opened on that thread, kept in thread-local storage, reopened there when a
//     write has happened since it was opened, and closed there. It never leaves its thread.
//
// What else the server's threads share, and how it is guarded (see app.h): the write generation
// (an atomic counter), the accounts (sessions, setup state, sign-in limits: service::Accounts
// serialises itself with its own mutex), and the options, templates and static folder (read-only
// after start). Nothing else is shared between requests.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "core/error.h"
#include "service/context.h"

namespace berkas::server::internal {

class WriterThread {
 public:
  // Takes the writer, opened by the starting thread before the writer thread exists; from then
  // on only the writer thread touches it (and closes it).
  explicit WriterThread(std::unique_ptr<service::Context> writer);
  ~WriterThread();  // runs the jobs already handed over, then closes the writer and joins
  WriterThread(const WriterThread&) = delete;
  WriterThread& operator=(const WriterThread&) = delete;

  // Runs `job` on the writer thread and waits for it; one job at a time, in order of arrival.
  // An exception thrown by the job is rethrown here. Must not be called from a job.
  void run(const std::function<void(service::Context&)>& job);

 private:
  struct Job {
    const std::function<void(service::Context&)>* work = nullptr;
    std::exception_ptr error;
    bool done = false;
  };
  void loop();

  std::unique_ptr<service::Context> m_writer;  // the writer thread's alone
  std::mutex m_mu;                             // guards m_jobs, m_stop and every Job::done
  std::condition_variable m_wake;              // a job arrived, or stop
  std::condition_variable m_done;              // a job finished
  std::deque<Job*> m_jobs;
  bool m_stop = false;
  std::thread m_thread;
};

class ThreadReaders {
 public:
  // `options` locate the data; readers are opened read-only.
  explicit ThreadReaders(service::Options options);
  ~ThreadReaders();
  ThreadReaders(const ThreadReaders&) = delete;
  ThreadReaders& operator=(const ThreadReaders&) = delete;

  // The calling thread's reader, opened on this thread when it has none or when its reader was
  // opened before write `generation` (so every read sees every write acknowledged before it
  // began). The pointer is valid on this thread until its next get() or drop().
  core::Result<service::Context*> get(std::uint64_t generation);
  // Closes the calling thread's reader (it failed in a way a fresh one may not).
  void drop();

 private:
  service::Options m_options;
  std::uint64_t m_id;             // names this instance in each thread's table
  std::shared_ptr<int> m_alive;   // a thread's table drops the readers of instances gone
};

}  // namespace berkas::server::internal
