// server: `berkas serve` — the web application (server-rendered pages in Indonesian and English,
// and the JSON API under /api/v1/) over the service. Poco.Net stays inside this module.
//
// The front is event-driven (server/internal/event_loop.h): one I/O thread owns every connection
// (epoll, non-blocking sockets) and enforces the deadlines and limits below; a request goes to the
// pool of `threads` workers only once its head and its whole body have arrived, and the response
// is written back by the I/O thread. A slow or idle client therefore holds a few kilobytes, never
// a thread. See docs/WEB.md, "Connections and limits".
//
// Thread safety: start/stop from one thread; requests are served on the server's own pool.
#pragma once

#include <chrono>
#include <cstddef>
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

  // Connections and limits (docs/WEB.md). Tests set short deadlines; the defaults are production's.
  std::chrono::milliseconds header_timeout{10000};    // a request head, from its first byte (and
                                                      // from accept for a new connection)
  std::chrono::milliseconds keepalive_timeout{5000};  // idle between requests on one connection
  std::chrono::milliseconds transfer_grace{10000};    // body and response deadlines: grace + size / rate
  std::size_t min_transfer_rate = 32u << 10;          // bytes per second, bodies in and responses out
  std::size_t max_connections = 2048;                 // open at once (lowered to fit RLIMIT_NOFILE)
  std::size_t max_connections_per_client = 256;       // from one client address
  std::size_t max_queued = 256;                       // whole requests waiting for a worker → else 503
  // Upload jobs (docs/WEB.md, "Upload jobs"): native evidence uploads are read (OCR) on a thread of
  // their own. At most max_jobs unfinished at once (more are refused with 429), max_kept_jobs
  // remembered; ocr_threads per job's reading (0 = the available cores).
  std::size_t max_jobs = 4;
  std::size_t max_kept_jobs = 100;
  int ocr_threads = 0;
  // Told the one-time setup token when no administrator exists (the CLI prints it).
  std::function<void(const std::string& token)> on_setup_token;
};

class Server {
 public:
  // Binds host:port (SO_REUSEADDR, never SO_REUSEPORT: a second server on a taken port fails),
  // opens the service and the accounts, loads the templates, and starts serving. io error
  // "port sudah dipakai / address already in use: HOST:PORT" if the port is taken, another io
  // error if the address cannot be bound; not_found if there is no store.
  static core::Result<std::unique_ptr<Server>> start(const Options& options);
  ~Server();  // stops
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // The bound port (useful with port 0).
  std::uint16_t port() const;
  // Stops accepting, closes idle connections, lets requests in flight finish and be written (at
  // most 5 seconds), then joins the I/O thread and the workers. Idempotent.
  void stop();

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

}  // namespace berkas::server
