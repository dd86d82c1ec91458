#include "server/server.h"

#include <Poco/Exception.h>
#include <Poco/File.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/StreamCopier.h>
#include <Poco/ThreadPool.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "core/text.h"
#include "server/internal/app.h"

namespace berkas::server {

using internal::App;
using internal::Request;
using internal::Response;

namespace {

// Sent with every response: no inline script or style anywhere, no framing, no sniffing, no
// referrer (URLs carry case ids and queries).
void security_headers(Poco::Net::HTTPServerResponse& out, bool tls) {
  out.set("Content-Security-Policy",
          "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; "
          "form-action 'self'; base-uri 'none'");
  out.set("X-Content-Type-Options", "nosniff");
  out.set("Referrer-Policy", "no-referrer");
  out.set("X-Frame-Options", "DENY");
  if (tls) out.set("Strict-Transport-Security", "max-age=31536000");
}

void send(Poco::Net::HTTPServerRequest& req, Poco::Net::HTTPServerResponse& out, const Response& r, bool tls) {
  out.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(r.status));
  security_headers(out, tls);
  bool cache_set = false;
  for (const auto& [name, value] : r.headers) {
    if (name == "Cache-Control") cache_set = true;
    out.add(name, value);
  }
  // Pages and API answers hold case material: never kept by a browser or a proxy.
  if (!cache_set) out.set("Cache-Control", "no-store");
  if (!r.content_type.empty()) out.setContentType(r.content_type);
  const bool head = req.getMethod() == "HEAD";
  if (!r.file_path.empty()) {
    std::ifstream in(r.file_path, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    out.setContentLength64(static_cast<Poco::Int64>(bytes.size()));
    auto& stream = out.send();
    if (!head) stream.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    stream.flush();
    return;
  }
  if (r.status == 204 || r.status == 304) {
    out.setContentLength(0);
    out.send().flush();
    return;
  }
  // send() + flush rather than sendBuffer(): sendBuffer leaves the bytes in a stream buffer until
  // the response object dies, and a refused request's socket is shut down before that.
  out.setContentLength64(static_cast<Poco::Int64>(r.body.size()));
  auto& stream = out.send();
  if (!head) stream.write(r.body.data(), static_cast<std::streamsize>(r.body.size()));
  stream.flush();
}

// After refusing a body we did not read: stop sending, then read and discard what the client is
// still sending for a moment. Closing a socket with unread input makes the kernel send a reset,
// which can destroy our 413 before the client reads it.
void linger_close(Poco::Net::HTTPServerRequest& req) {
  try {
    auto& socket = static_cast<Poco::Net::HTTPServerRequestImpl&>(req).socket();
    socket.shutdownSend();
    socket.setReceiveTimeout(Poco::Timespan(0, 300000));
    char buf[65536];
    std::size_t total = 0;
    const auto start = std::chrono::steady_clock::now();
    while (total < (64u << 20) && std::chrono::steady_clock::now() - start < std::chrono::seconds(3)) {
      const int n = socket.receiveBytes(buf, sizeof buf);
      if (n <= 0) break;
      total += static_cast<std::size_t>(n);
    }
  } catch (const Poco::Exception&) {
    // Timed out or reset: the client has what we sent.
  }
}

class Handler : public Poco::Net::HTTPRequestHandler {
 public:
  Handler(App& app, const Options& options) : m_app(app), m_options(options) {}

  void handleRequest(Poco::Net::HTTPServerRequest& req, Poco::Net::HTTPServerResponse& out) override {
    try {
      Request r;
      r.method = req.getMethod();
      const std::string& uri = req.getURI();
      const auto q = uri.find('?');
      r.path = uri.substr(0, q);
      if (q != std::string::npos) {
        r.query_string = uri.substr(q + 1);
        r.query = internal::parse_form(r.query_string);
      }
      for (const auto& [name, value] : req) r.headers[core::ascii_lower(name)] = value;
      r.cookies = internal::parse_cookies(r.header("cookie"));
      r.client = req.clientAddress().host().toString();
      r.tls = m_options.tls;
      // Bodies are bounded before they are read: a declared length over the limit is refused
      // at once; an undeclared (chunked) one is read up to the limit and refused past it.
      const std::size_t limit = m_app.body_limit(r.method, r.path);
      if (req.hasContentLength() && req.getContentLength64() > static_cast<Poco::Int64>(limit)) {
        out.setKeepAlive(false);
        send(req, out, m_app.too_large(r.path), m_options.tls);
        linger_close(req);
        return;
      }
      if (req.hasContentLength() || req.getChunkedTransferEncoding()) {
        std::istream& in = req.stream();
        std::string body;
        char buf[16384];
        while (in) {
          in.read(buf, sizeof buf);
          body.append(buf, static_cast<std::size_t>(in.gcount()));
          if (body.size() > limit) {
            out.setKeepAlive(false);
            send(req, out, m_app.too_large(r.path), m_options.tls);
            linger_close(req);
            return;
          }
        }
        r.body = std::move(body);
      }
      send(req, out, m_app.handle(r), m_options.tls);
    } catch (const Poco::Exception&) {
      // The client went away or sent garbage: nothing more to say to it.
    } catch (const std::exception&) {
    }
  }

 private:
  App& m_app;
  const Options& m_options;
};

class Factory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  Factory(App& app, const Options& options) : m_app(app), m_options(options) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
    return new Handler(m_app, m_options);
  }

 private:
  App& m_app;
  const Options& m_options;
};

}  // namespace

struct Server::Impl {
  Options options;
  std::unique_ptr<App> app;
  std::unique_ptr<Poco::ThreadPool> pool;
  std::unique_ptr<Poco::Net::HTTPServer> http;
  std::uint16_t port = 0;
  bool stopped = false;
};

Server::Server(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}

Server::~Server() { stop(); }

core::Result<std::unique_ptr<Server>> Server::start(const Options& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  if (impl->options.resource_dir.empty()) impl->options.resource_dir = service::default_resource_dir();
  auto svc = service::Service::open({impl->options.data_dir, impl->options.resource_dir}, false);
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
  impl->app = std::make_unique<App>(impl->options, std::move(*svc), std::move(*accounts), std::move(*templates));
  try {
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress(impl->options.host, impl->options.port), 64);
    impl->port = socket.address().port();
    auto* params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(std::max(1, impl->options.threads));
    params->setMaxQueued(256);
    params->setKeepAlive(true);
    params->setTimeout(Poco::Timespan(30, 0));
    params->setServerName("berkas");
    impl->pool = std::make_unique<Poco::ThreadPool>(2, std::max(2, impl->options.threads));
    impl->http = std::make_unique<Poco::Net::HTTPServer>(new Factory(*impl->app, impl->options), *impl->pool,
                                                         socket, params);
    impl->http->start();
  } catch (const Poco::Exception& e) {
    return core::fail(core::ErrorCode::io, "tidak dapat mendengarkan / cannot listen on " + impl->options.host + ":" +
                                               std::to_string(impl->options.port) + ": " + e.displayText());
  }
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

std::uint16_t Server::port() const { return m_impl->port; }

void Server::stop() {
  if (!m_impl || m_impl->stopped) return;
  m_impl->stopped = true;
  try {
    if (m_impl->http) m_impl->http->stopAll(true);
    if (m_impl->pool) m_impl->pool->joinAll();
  } catch (const Poco::Exception&) {
  }
  m_impl->http.reset();
}

}  // namespace berkas::server
