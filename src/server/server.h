// server: `berkas serve` — the web application (server-rendered pages in Indonesian and English,
// and the JSON API under /api/v1/) over the service. Poco.Net stays inside this module.
//
// Thread safety: start/stop from one thread; requests are served on the server's own pool.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/error.h"

namespace berkas::server {

struct Options {
  std::string data_dir;      // holds store.sqlite and index/ (must exist: `berkas init`)
  std::string resource_dir;  // holds templates/web/ (and what the service needs); empty = default
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 = any free port (tests)
  int threads = 8;
  std::size_t max_body = 1 << 20;          // JSON and forms: 1 MiB
  std::size_t max_upload = 32u << 20;      // multipart ingest uploads: 32 MiB
  bool tls = false;                        // behind a TLS terminator: cookies get `Secure`
  int pbkdf2_iterations = 210000;
  // Told the one-time setup token when no administrator exists (the CLI prints it).
  std::function<void(const std::string& token)> on_setup_token;
};

class Server {
 public:
  // Opens the service and the accounts, loads the templates, and starts listening. io error if
  // the address cannot be bound; not_found if there is no store.
  static core::Result<std::unique_ptr<Server>> start(const Options& options);
  ~Server();  // stops
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // The bound port (useful with port 0).
  std::uint16_t port() const;
  // Stops accepting, waits for running requests (at most a few seconds). Idempotent.
  void stop();

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

}  // namespace berkas::server
