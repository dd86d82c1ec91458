#include "server/server.h"

#include <filesystem>

#include "server/internal/app.h"
#include "server/internal/event_loop.h"

namespace berkas::server {

struct Server::Impl {
  Options options;
  std::unique_ptr<internal::App> app;
  std::unique_ptr<internal::EventLoop> loop;  // stopped before the App goes
  bool stopped = false;
};

Server::Server(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}

Server::~Server() { stop(); }

core::Result<std::unique_ptr<Server>> Server::start(const Options& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  if (impl->options.resource_dir.empty()) impl->options.resource_dir = service::default_resource_dir();
  // The port first: a second server on a taken port fails with that, before it opens the store
  // (whose writer lock would give a less useful message).
  auto loop = internal::EventLoop::bind(impl->options);
  if (!loop) return tl::unexpected(loop.error());
  impl->loop = std::move(*loop);
  auto svc = service::Context::open({impl->options.data_dir, impl->options.resource_dir}, false);
  if (!svc) return tl::unexpected(svc.error());
  service::AccountsOptions ao;
  ao.pbkdf2_iterations = impl->options.pbkdf2_iterations;
  auto accounts = service::Accounts::open(impl->options.data_dir, ao);
  if (!accounts) return tl::unexpected(accounts.error());
  auto templates = internal::Templates::load(
      (std::filesystem::path(impl->options.resource_dir) / "templates" / "web").string());
  if (!templates) return tl::unexpected(templates.error());
  auto token = (*accounts)->begin_setup();
  if (!token) return tl::unexpected(token.error());
  if (!token->empty() && impl->options.on_setup_token) impl->options.on_setup_token(*token);
  impl->app = std::make_unique<internal::App>(impl->options, std::move(*svc), std::move(*accounts),
                                              std::move(*templates));
  impl->loop->start(*impl->app);
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

std::uint16_t Server::port() const { return m_impl->loop->port(); }

void Server::stop() {
  if (!m_impl || m_impl->stopped) return;
  m_impl->stopped = true;
  if (m_impl->loop) m_impl->loop->stop();
}

}  // namespace berkas::server
