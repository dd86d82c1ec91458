#include "server/internal/threads.h"

#include <atomic>
#include <map>
#include <utility>

namespace berkas::server::internal {

// ---------------------------------------------------------------- the writer's thread

WriterThread::WriterThread(std::unique_ptr<service::Context> writer) : m_writer(std::move(writer)) {
  // The thread starts after m_writer is set: its creation orders the hand-over.
  m_thread = std::thread([this] { loop(); });
}

WriterThread::~WriterThread() {
  {
    std::lock_guard lock(m_mu);
    m_stop = true;
  }
  m_wake.notify_all();
  if (m_thread.joinable()) m_thread.join();
}

void WriterThread::run(const std::function<void(service::Context&)>& job) {
  Job j;
  j.work = &job;
  std::unique_lock lock(m_mu);
  m_jobs.push_back(&j);
  m_wake.notify_one();
  m_done.wait(lock, [&] { return j.done; });
  if (j.error) std::rethrow_exception(j.error);
}

void WriterThread::loop() {
  for (;;) {
    Job* j = nullptr;
    {
      std::unique_lock lock(m_mu);
      m_wake.wait(lock, [&] { return m_stop || !m_jobs.empty(); });
      if (m_jobs.empty()) break;  // stopping, nothing left
      j = m_jobs.front();
      m_jobs.pop_front();
    }
    try {
      (*j->work)(*m_writer);
    } catch (...) {
      j->error = std::current_exception();
    }
    {
      std::lock_guard lock(m_mu);
      j->done = true;
    }
    m_done.notify_all();
  }
  m_writer.reset();  // closed on the thread that used it
}

// ---------------------------------------------------------------- each thread's reader

namespace {

std::atomic<std::uint64_t> g_next_id{1};

struct Slot {
  std::weak_ptr<int> alive;  // expired: the ThreadReaders is gone; close this reader
  std::unique_ptr<service::Context> reader;
  std::uint64_t generation = 0;
};

// This thread's readers, one per ThreadReaders instance that this thread has read through.
thread_local std::map<std::uint64_t, Slot> t_slots;

}  // namespace

ThreadReaders::ThreadReaders(service::Options options)
    : m_options(std::move(options)), m_id(g_next_id.fetch_add(1)), m_alive(std::make_shared<int>(0)) {
  m_options.read_only = true;
}

ThreadReaders::~ThreadReaders() = default;  // each thread closes its own readers (see get)

core::Result<service::Context*> ThreadReaders::get(std::uint64_t generation) {
  // Readers of instances that no longer exist are closed here, on their own thread.
  for (auto it = t_slots.begin(); it != t_slots.end();)
    it = it->second.alive.expired() ? t_slots.erase(it) : std::next(it);
  Slot& slot = t_slots[m_id];
  if (slot.reader && slot.generation == generation) return slot.reader.get();
  slot.reader.reset();
  slot.alive = m_alive;
  // `generation` was read before opening: a write finishing meanwhile makes this reader stale on
  // its next use, never the other way round.
  auto svc = service::Context::open(m_options);
  if (!svc) {
    t_slots.erase(m_id);
    return tl::unexpected(svc.error());
  }
  slot.reader = std::move(*svc);
  slot.generation = generation;
  return slot.reader.get();
}

void ThreadReaders::drop() { t_slots.erase(m_id); }

}  // namespace berkas::server::internal
