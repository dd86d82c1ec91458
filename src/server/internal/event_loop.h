// server/internal/event_loop: the event-driven HTTP/1.1 front of `berkas serve`. One I/O thread
// owns every connection (epoll, non-blocking sockets): it reads request heads and bodies, applies
// the deadlines and limits of server::Options, and writes responses. A request reaches a worker
// (a fixed pool of Options::threads, with a bounded queue) only once its head and whole body have
// arrived; the worker runs App::handle and hands the response back (eventfd wake-up).
//
// Why not Poco's HTTPServer: it ties one thread to each connection for the connection's life and
// has only per-recv timeouts, so a handful of slow or idle clients held every thread.
#pragma once

#include <cstdint>
#include <memory>

#include "core/error.h"
#include "server/internal/http.h"
#include "server/server.h"

namespace berkas::server::internal {

class App;

// Serialises `r` as an HTTP/1.1 response head (status line with its reason phrase, Date, Server,
// the security headers, the response's own headers, Cache-Control: no-store unless set,
// Content-Type, Content-Length `content_length`, Connection: keep-alive|close). Pure.
std::string response_head(const Response& r, std::uint64_t content_length, bool keep_alive, bool tls);

class EventLoop {
 public:
  // Binds options.host:options.port with SO_REUSEADDR (never SO_REUSEPORT) and listens. io error
  // "port sudah dipakai / address already in use: HOST:PORT" when the port is taken, another io
  // error when the address cannot be resolved or bound. No thread runs yet.
  static core::Result<std::unique_ptr<EventLoop>> bind(const Options& options);
  ~EventLoop();  // stop()
  EventLoop(const EventLoop&) = delete;
  EventLoop& operator=(const EventLoop&) = delete;

  std::uint16_t port() const;

  // Starts the I/O thread and the workers; requests are answered by `app`, which must outlive
  // stop(). Call once.
  void start(App& app);

  // Stops accepting, closes idle and half-received connections, lets requests in flight be
  // answered (at most 5 s), then joins the I/O thread and the workers (a worker inside
  // App::handle is waited for). Idempotent; call from the thread that called start().
  void stop();

 private:
  struct Impl;
  explicit EventLoop(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

}  // namespace berkas::server::internal
