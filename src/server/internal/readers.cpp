// The pool of read-only services: one reader per request in flight, reopened after a write.
#include "server/internal/app.h"

namespace berkas::server::internal {

using core::ErrorCode;

bool App::retryable(ErrorCode code) {
  return code == ErrorCode::io || code == ErrorCode::internal || code == ErrorCode::integrity;
}

core::Result<App::Reader> App::acquire_reader() {
  const std::uint64_t generation = m_generation.load();
  std::vector<Reader> stale;  // closed outside the lock
  {
    std::lock_guard lock(m_pool_mu);
    while (!m_idle.empty()) {
      Reader r = std::move(m_idle.back());
      m_idle.pop_back();
      if (r.generation == generation) return r;
      stale.push_back(std::move(r));
    }
  }
  // The generation is read before opening: a write finishing meanwhile makes this reader stale
  // on its next use, never the other way round.
  service::Options o;
  o.data_dir = m_options.data_dir;
  o.resource_dir = m_options.resource_dir;
  o.read_only = true;
  auto svc = service::Service::open(o);
  if (!svc) return tl::unexpected(svc.error());
  return Reader{std::move(*svc), generation};
}

void App::release_reader(Reader r) {
  if (r.generation != m_generation.load()) return;  // a write happened: drop it
  std::lock_guard lock(m_pool_mu);
  m_idle.push_back(std::move(r));
}

}  // namespace berkas::server::internal
