#include "server/internal/event_loop.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <ctime>
#include <deque>
#include <mutex>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/text.h"
#include "server/internal/app.h"
#include "server/internal/http_parse.h"
#include "server/internal/shared.h"

namespace berkas::server::internal {

namespace {

using Clock = std::chrono::steady_clock;

constexpr auto k_linger = std::chrono::seconds(2);      // draining input after a refusal
constexpr auto k_stop_wait = std::chrono::seconds(5);   // requests in flight at stop()
constexpr auto k_sweep = std::chrono::milliseconds(100);
constexpr std::size_t k_reserved_fds = 128;  // the store, the index, files being sent, ...

// An owned file descriptor (a file being sent).
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : m_fd(fd) {}
  Fd(Fd&& o) noexcept : m_fd(std::exchange(o.m_fd, -1)) {}
  Fd& operator=(Fd&& o) noexcept {
    if (this != &o) {
      reset();
      m_fd = std::exchange(o.m_fd, -1);
    }
    return *this;
  }
  ~Fd() { reset(); }
  void reset() {
    if (m_fd >= 0) ::close(m_fd);
    m_fd = -1;
  }
  int get() const { return m_fd; }

 private:
  int m_fd = -1;
};

// A serialised response: head (and body, unless it is a file), then an optional file.
struct Outgoing {
  std::string bytes;
  Fd file;
  std::uint64_t file_size = 0;
  bool close = false;  // Connection: close
};

std::string http_date() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return buf;
}

bool header_safe(const std::string& s) { return s.find_first_of("\r\n") == std::string::npos; }

Outgoing serialise(const Response& r, bool head_method, bool keep_alive, bool tls) {
  Outgoing o;
  o.close = !keep_alive;
  if (!r.file_path.empty()) {
    Fd f(::open(r.file_path.c_str(), O_RDONLY | O_CLOEXEC));
    struct stat st {};
    std::uint64_t size = 0;
    if (f.get() >= 0 && ::fstat(f.get(), &st) == 0 && S_ISREG(st.st_mode)) {
      size = static_cast<std::uint64_t>(st.st_size);
      if (!head_method && size > 0) {
        o.file = std::move(f);
        o.file_size = size;
      }
    }
    o.bytes = response_head(r, size, keep_alive, tls);
    return o;
  }
  if (r.status == 204 || r.status == 304) {
    o.bytes = response_head(r, 0, keep_alive, tls);
    return o;
  }
  o.bytes = response_head(r, r.body.size(), keep_alive, tls);
  if (!head_method) o.bytes += r.body;
  return o;
}

// The front's own answers (malformed requests, incomplete bodies, overload): problem details
// under /api/, plain text elsewhere.
Response front_error(int status, const std::string& path, const std::string& message) {
  if (path.rfind("/api/", 0) == 0) return problem(status, message);
  Response r;
  r.status = status;
  r.content_type = "text/plain; charset=utf-8";
  r.body = message + "\n";
  return r;
}

bool has_token(const std::string& list, std::string_view token) {
  for (auto part : core::split(core::ascii_lower(list), ',')) {
    part = core::squeeze_space(part);
    if (part == token) return true;
  }
  return false;
}

std::string peer_host(const sockaddr_storage& a) {
  char buf[INET6_ADDRSTRLEN] = {0};
  if (a.ss_family == AF_INET) {
    ::inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in&>(a).sin_addr, buf, sizeof buf);
  } else if (a.ss_family == AF_INET6) {
    ::inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6&>(a).sin6_addr, buf, sizeof buf);
  }
  return buf;
}

enum class Phase {
  idle,        // between requests (or new): nothing of a request received yet
  head,        // part of a request head received
  body,        // head accepted, body arriving
  processing,  // with a worker (no reading: pipelined requests wait in the kernel or `in`)
  writing,     // response being written
  lingering,   // sending shut down after a refusal; input drained until EOF or k_linger
};

struct Conn {
  int fd = -1;
  std::uint64_t id = 0;
  std::string client;
  Phase phase = Phase::idle;
  std::uint32_t events = 0;
  Clock::time_point deadline;
  Clock::time_point last_active;

  std::string in;          // received, not yet consumed
  std::size_t scan = 0;    // where find_head_end resumes

  // The request being received.
  Request req;
  BodyFraming framing;
  ChunkedDecoder chunked;
  std::size_t limit = 0;
  Clock::time_point body_start;
  bool keep_alive = true;
  bool head_method = false;

  // The response being written.
  std::string out;
  std::size_t out_off = 0;
  Fd file;
  off_t file_off = 0;
  std::uint64_t file_left = 0;
  bool close_after = false;
};

struct Job {
  std::uint64_t id = 0;
  int fd = -1;
  Request req;
  bool head_method = false;
  bool keep_alive = true;
};

struct Done {
  std::uint64_t id = 0;
  int fd = -1;
  Outgoing out;
};

}  // namespace

std::string response_head(const Response& r, std::uint64_t content_length, bool keep_alive, bool tls) {
  std::string h;
  h.reserve(1024);
  h += "HTTP/1.1 " + std::to_string(r.status) + " " + reason_phrase(r.status) + "\r\n";
  h += "Date: " + http_date() + "\r\n";
  h += "Server: berkas\r\n";
  // Sent with every response: no inline script or style anywhere, no framing, no sniffing, no
  // referrer (URLs carry case ids and queries).
  h += "Content-Security-Policy: default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "frame-ancestors 'none'; form-action 'self'; base-uri 'none'\r\n";
  h += "X-Content-Type-Options: nosniff\r\n";
  h += "Referrer-Policy: no-referrer\r\n";
  h += "X-Frame-Options: DENY\r\n";
  if (tls) h += "Strict-Transport-Security: max-age=31536000\r\n";
  bool cache_set = false;
  for (const auto& [name, value] : r.headers) {
    if (!header_safe(name) || !header_safe(value)) continue;
    if (name == "Cache-Control") cache_set = true;
    h += name + ": " + value + "\r\n";
  }
  // Pages and API answers hold case material: never kept by a browser or a proxy.
  if (!cache_set) h += "Cache-Control: no-store\r\n";
  if (!r.content_type.empty() && header_safe(r.content_type)) h += "Content-Type: " + r.content_type + "\r\n";
  h += "Content-Length: " + std::to_string(content_length) + "\r\n";
  h += keep_alive ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
  h += "\r\n";
  return h;
}

struct EventLoop::Impl {
  Options options;
  int listen_fd = -1;
  int epoll_fd = -1;
  int wake_fd = -1;
  std::uint16_t port = 0;
  std::size_t max_connections = 0;
  App* app = nullptr;

  std::thread io;
  std::vector<std::thread> workers;
  bool started = false;
  bool stopped = false;
  std::atomic<bool> stopping{false};

  // Shared with the workers.
  std::mutex jobs_mu;
  std::condition_variable jobs_cv;
  std::deque<Job> jobs;
  bool workers_stop = false;
  std::mutex done_mu;
  std::vector<Done> done;

  // The I/O thread's own.
  std::unordered_map<int, std::unique_ptr<Conn>> conns;
  std::unordered_map<std::string, std::size_t> per_client;
  std::uint64_t next_id = 1;
  Clock::time_point now;
  bool listening = false;
  Clock::time_point listen_paused_until{};

  ~Impl() {
    for (int fd : {listen_fd, epoll_fd, wake_fd})
      if (fd >= 0) ::close(fd);
  }

  // ---------------------------------------------------------------- workers

  void wake() {
    const std::uint64_t one = 1;
    // A full counter (never in practice) still wakes the loop: ignore the result.
    [[maybe_unused]] auto n = ::write(wake_fd, &one, sizeof one);
  }

  void worker() {
    for (;;) {
      Job job;
      {
        std::unique_lock lock(jobs_mu);
        jobs_cv.wait(lock, [&] { return workers_stop || !jobs.empty(); });
        if (workers_stop) return;
        job = std::move(jobs.front());
        jobs.pop_front();
      }
      Response r;
      try {
        r = app->handle(job.req);
      } catch (const std::exception&) {
        r = problem(500, "galat internal / internal error");
      }
      Done d{job.id, job.fd, serialise(r, job.head_method, job.keep_alive, options.tls)};
      {
        std::lock_guard lock(done_mu);
        done.push_back(std::move(d));
      }
      wake();
    }
  }

  // ---------------------------------------------------------------- the I/O thread

  void set_events(Conn& c, std::uint32_t events) {
    if (c.events == events) return;
    epoll_event ev{};
    ev.events = events;
    ev.data.fd = c.fd;
    ::epoll_ctl(epoll_fd, EPOLL_CTL_MOD, c.fd, &ev);
    c.events = events;
  }

  void set_listening(bool on) {
    if (listen_fd < 0 || listening == on) return;
    if (on) {
      epoll_event ev{};
      ev.events = EPOLLIN;
      ev.data.fd = listen_fd;
      ::epoll_ctl(epoll_fd, EPOLL_CTL_ADD, listen_fd, &ev);
    } else {
      ::epoll_ctl(epoll_fd, EPOLL_CTL_DEL, listen_fd, nullptr);
    }
    listening = on;
  }

  void close_conn(int fd) {
    auto it = conns.find(fd);
    if (it == conns.end()) return;
    ::epoll_ctl(epoll_fd, EPOLL_CTL_DEL, fd, nullptr);
    ::close(fd);
    auto pc = per_client.find(it->second->client);
    if (pc != per_client.end() && --pc->second == 0) per_client.erase(pc);
    conns.erase(it);
  }

  // Closes the connection that has waited longest between requests; false if every connection
  // is in the middle of a request. Connections idle since the same moment (`now` is read once
  // per loop turn) go in the order they were accepted: the earliest first, whatever order the
  // hash map keeps them in.
  bool evict_idle() {
    Conn* oldest = nullptr;
    for (auto& [fd, c] : conns)
      if (c->phase == Phase::idle &&
          (!oldest || c->last_active < oldest->last_active ||
           (c->last_active == oldest->last_active && c->id < oldest->id)))
        oldest = c.get();
    if (!oldest) return false;
    close_conn(oldest->fd);
    return true;
  }

  void accept_all() {
    for (;;) {
      sockaddr_storage addr{};
      socklen_t len = sizeof addr;
      const int fd = ::accept4(listen_fd, reinterpret_cast<sockaddr*>(&addr), &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
      if (fd < 0) {
        if (errno == EINTR || errno == ECONNABORTED) continue;
        if ((errno == EMFILE || errno == ENFILE) && evict_idle()) continue;
        if (errno != EAGAIN && errno != EWOULDBLOCK) {
          // Out of descriptors with nothing to evict: stop accepting for a moment instead of
          // spinning on a listener that stays readable.
          set_listening(false);
          listen_paused_until = now + k_sweep;
        }
        return;
      }
      std::string client = peer_host(addr);
      if (auto pc = per_client.find(client);
          pc != per_client.end() && pc->second >= options.max_connections_per_client) {
        ::close(fd);
        continue;
      }
      if (conns.size() >= max_connections && !evict_idle()) {
        ::close(fd);
        continue;
      }
      const int one = 1;
      ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      auto c = std::make_unique<Conn>();
      c->fd = fd;
      c->id = next_id++;
      c->client = std::move(client);
      c->last_active = now;
      c->deadline = now + options.header_timeout;  // a new connection must start a request
      c->events = EPOLLIN | EPOLLRDHUP;
      epoll_event ev{};
      ev.events = c->events;
      ev.data.fd = fd;
      if (::epoll_ctl(epoll_fd, EPOLL_CTL_ADD, fd, &ev) != 0) {
        ::close(fd);
        continue;
      }
      ++per_client[c->client];
      conns.emplace(fd, std::move(c));
    }
  }

  Clock::duration transfer_time(std::uint64_t bytes) const {
    const auto rate = std::max<std::uint64_t>(1, options.min_transfer_rate);
    return options.transfer_grace + std::chrono::milliseconds(bytes * 1000 / rate);
  }

  // Queues a response on `c` and starts writing it; the connection then follows `o.close`.
  void start_write(Conn& c, Outgoing o) {
    c.out = std::move(o.bytes);
    c.out_off = 0;
    c.file = std::move(o.file);
    c.file_off = 0;
    c.file_left = o.file_size;
    c.close_after = o.close || stopping.load(std::memory_order_acquire);
    c.phase = Phase::writing;
    c.deadline = now + transfer_time(c.out.size() + c.file_left);
    c.req = Request();
    set_events(c, EPOLLOUT);
    write_some(c);
  }

  // An answer of the front itself; the connection is closed after it (with a linger).
  void refuse(Conn& c, const Response& r) {
    start_write(c, serialise(r, c.head_method, false, options.tls));
  }

  void write_some(Conn& c) {
    while (c.out_off < c.out.size()) {
      const ssize_t n = ::send(c.fd, c.out.data() + c.out_off, c.out.size() - c.out_off, MSG_NOSIGNAL);
      if (n < 0) {
        if (errno == EINTR) continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) return;
        close_conn(c.fd);
        return;
      }
      c.out_off += static_cast<std::size_t>(n);
    }
    while (c.file_left > 0) {
      const auto chunk = static_cast<std::size_t>(std::min<std::uint64_t>(c.file_left, 1u << 20));
      const ssize_t n = ::sendfile(c.fd, c.file.get(), &c.file_off, chunk);
      if (n < 0) {
        if (errno == EINTR) continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) return;
        close_conn(c.fd);
        return;
      }
      if (n == 0) {  // the file shrank under us: the declared length cannot be kept
        close_conn(c.fd);
        return;
      }
      c.file_left -= static_cast<std::uint64_t>(n);
    }
    c.out.clear();
    c.out_off = 0;
    c.file.reset();
    c.last_active = now;
    if (c.close_after) {
      // Closing with unread input makes the kernel send a reset, which can destroy the answer
      // before the client reads it: stop sending, drain for a moment, then close.
      ::shutdown(c.fd, SHUT_WR);
      c.phase = Phase::lingering;
      c.deadline = now + k_linger;
      set_events(c, EPOLLIN | EPOLLRDHUP);
      return;
    }
    c.phase = Phase::idle;
    c.deadline = now + options.keepalive_timeout;
    set_events(c, EPOLLIN | EPOLLRDHUP);
    if (!c.in.empty()) advance(c);  // a pipelined request
  }

  void read_some(Conn& c) {
    char buf[65536];
    const ssize_t n = ::recv(c.fd, buf, sizeof buf, 0);
    if (n < 0) {
      if (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK) return;
      close_conn(c.fd);
      return;
    }
    if (n == 0) {
      on_eof(c);
      return;
    }
    c.last_active = now;
    if (c.phase == Phase::lingering) return;  // discarded
    c.in.append(buf, static_cast<std::size_t>(n));
    advance(c);
  }

  void on_eof(Conn& c) {
    if (c.phase == Phase::body) {
      // The client closed (or half-closed) before the body was whole: never handed to the App.
      set_events(c, 0);
      refuse(c, front_error(400, c.req.path, "isi permintaan tidak lengkap / the request body is incomplete"));
      return;
    }
    close_conn(c.fd);
  }

  // Moves `c` through head and body as far as the bytes in `c.in` allow.
  void advance(Conn& c) {
    for (;;) {
      if (c.phase == Phase::idle) {
        // Blank lines before a request line are allowed (RFC 9112 §2.2).
        const auto start = c.in.find_first_not_of("\r\n");
        if (start == std::string::npos) {
          c.in.clear();
          return;
        }
        c.in.erase(0, start);
        c.phase = Phase::head;
        c.scan = 0;
        c.head_method = false;
        c.deadline = now + options.header_timeout;
      }
      if (c.phase == Phase::head) {
        const auto end = find_head_end(c.in, c.scan);
        if (end == std::string::npos) {
          if (c.in.size() > k_max_head_bytes) {
            refuse(c, front_error(431, "", "kepala permintaan terlalu besar / request header fields too large"));
            return;
          }
          c.scan = c.in.size() >= 3 ? c.in.size() - 3 : 0;
          return;
        }
        if (!begin_request(c, std::string_view(c.in).substr(0, end))) return;
        c.in.erase(0, end);
        c.scan = 0;
      }
      if (c.phase == Phase::body) {
        if (c.framing.kind == BodyFraming::Kind::length) {
          const auto want = static_cast<std::size_t>(c.framing.length) - c.req.body.size();
          const auto take = std::min(want, c.in.size());
          c.req.body.append(c.in, 0, take);
          c.in.erase(0, take);
          if (c.req.body.size() < c.framing.length) return;
        } else {
          std::size_t used = 0;
          const auto st = c.chunked.feed(c.in, c.req.body, used);
          c.in.erase(0, used);
          if (c.req.body.size() > c.limit) {
            set_events(c, 0);
            refuse(c, app->too_large(c.req.path));
            return;
          }
          if (st == ChunkedDecoder::Status::error) {
            refuse(c, front_error(400, c.req.path, "isi berpotongan (chunked) tidak sah / malformed chunked body"));
            return;
          }
          // The body must keep arriving at the minimum rate.
          c.deadline = c.body_start + transfer_time(c.req.body.size());
          if (st == ChunkedDecoder::Status::need_more) return;
        }
        dispatch(c);
      }
      return;  // processing, writing, lingering: nothing to read now
    }
  }

  // Parses the head in `bytes` into c.req and decides how to read the body. False if the
  // request was refused (the connection is then writing its answer).
  bool begin_request(Conn& c, std::string_view bytes) {
    auto head = parse_request_head(bytes);
    if (!head) {
      const bool too_big = head.error().message.rfind("431", 0) == 0;
      const std::string msg = too_big ? head.error().message.substr(4) : head.error().message;
      refuse(c, front_error(too_big ? 431 : 400, "", msg));
      return false;
    }
    Request& r = c.req;
    r = Request();
    r.method = head->method;
    const auto q = head->target.find('?');
    r.path = head->target.substr(0, q);
    if (q != std::string::npos) {
      r.query_string = head->target.substr(q + 1);
      r.query = parse_form(r.query_string);
    }
    for (const auto& [name, value] : head->fields) r.headers[core::ascii_lower(name)] = value;
    r.cookies = parse_cookies(r.header("cookie"));
    r.client = c.client;
    r.tls = options.tls;
    c.head_method = r.method == "HEAD";
    const std::string connection = r.header("connection");
    c.keep_alive = head->version_minor >= 1 ? !has_token(connection, "close") : has_token(connection, "keep-alive");
    auto framing = body_framing(*head);
    if (!framing) {
      refuse(c, front_error(400, r.path, framing.error().message));
      return false;
    }
    c.framing = *framing;
    c.chunked = ChunkedDecoder();
    // Bodies are bounded before they are read: a declared length over the limit is refused at
    // once; a chunked one is read up to the limit and refused past it.
    c.limit = app->body_limit(r.method, r.path);
    if (c.framing.kind == BodyFraming::Kind::length && c.framing.length > c.limit) {
      refuse(c, app->too_large(r.path));
      return false;
    }
    if (c.framing.kind == BodyFraming::Kind::none ||
        (c.framing.kind == BodyFraming::Kind::length && c.framing.length == 0)) {
      c.phase = Phase::body;  // advance() dispatches it at once
      c.framing.kind = BodyFraming::Kind::length;
      c.framing.length = 0;
      c.body_start = now;
      return true;
    }
    c.req.body.reserve(c.framing.kind == BodyFraming::Kind::length ? static_cast<std::size_t>(c.framing.length) : 0);
    if (head->version_minor >= 1 && core::ascii_lower(r.header("expect")) == "100-continue" && c.in.size() == bytes.size()) {
      // The client waits for this before sending the body (curl does for bodies over 1 KiB).
      static constexpr std::string_view k_continue = "HTTP/1.1 100 Continue\r\n\r\n";
      const ssize_t n = ::send(c.fd, k_continue.data(), k_continue.size(), MSG_NOSIGNAL);
      if (n != static_cast<ssize_t>(k_continue.size())) {  // a fresh socket takes 25 bytes, or is dead
        close_conn(c.fd);
        return false;
      }
    }
    c.phase = Phase::body;
    c.body_start = now;
    c.deadline = now + transfer_time(c.framing.kind == BodyFraming::Kind::length ? c.framing.length : 0);
    return true;
  }

  void dispatch(Conn& c) {
    c.phase = Phase::processing;
    set_events(c, 0);
    Job job{c.id, c.fd, std::move(c.req), c.head_method, c.keep_alive && !stopping.load(std::memory_order_acquire)};
    c.req = Request();
    bool queued = false;
    {
      std::lock_guard lock(jobs_mu);
      if (jobs.size() < options.max_queued) {
        jobs.push_back(std::move(job));
        queued = true;
      }
    }
    if (queued) {
      jobs_cv.notify_one();
      return;
    }
    Response busy = front_error(503, job.req.path, "server sedang sibuk; coba lagi sebentar / the server is busy; try again shortly");
    busy.set_header("Retry-After", "1");
    refuse(c, busy);
  }

  void deliver() {
    std::uint64_t count = 0;
    [[maybe_unused]] auto n = ::read(wake_fd, &count, sizeof count);
    std::vector<Done> ready;
    {
      std::lock_guard lock(done_mu);
      ready.swap(done);
    }
    for (auto& d : ready) {
      auto it = conns.find(d.fd);
      // Gone meanwhile (reset by the client, or the descriptor reused by a newer connection).
      if (it == conns.end() || it->second->id != d.id || it->second->phase != Phase::processing) continue;
      start_write(*it->second, std::move(d.out));
    }
  }

  void on_event(int fd, std::uint32_t events) {
    auto it = conns.find(fd);
    if (it == conns.end()) return;
    Conn& c = *it->second;
    if (events & EPOLLERR) {
      close_conn(fd);
      return;
    }
    if (c.phase == Phase::writing) {
      if (events & EPOLLOUT) {
        write_some(c);
      } else if (events & EPOLLHUP) {
        close_conn(fd);
      }
      return;
    }
    if (c.phase == Phase::processing) {
      // Only errors are reported here; a worker's answer for a closed connection is dropped.
      if (events & EPOLLHUP) close_conn(fd);
      return;
    }
    if (events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP)) read_some(c);
  }

  void sweep() {
    std::vector<int> expired;
    for (auto& [fd, c] : conns)
      if (c->phase != Phase::processing && now >= c->deadline) expired.push_back(fd);
    for (int fd : expired) close_conn(fd);
    if (!listening && !stopping.load(std::memory_order_acquire) && now >= listen_paused_until) set_listening(true);
  }

  void run() {
    std::vector<epoll_event> events(256);
    auto last_sweep = Clock::now();
    bool draining = false;
    Clock::time_point stop_by;
    for (;;) {
      const int n = ::epoll_wait(epoll_fd, events.data(), static_cast<int>(events.size()), 50);
      now = Clock::now();
      for (int i = 0; i < n; ++i) {
        const int fd = events[i].data.fd;
        if (fd == listen_fd) {
          if (!draining) accept_all();
        } else if (fd == wake_fd) {
          deliver();
        } else {
          on_event(fd, events[i].events);
        }
      }
      if (!draining && stopping.load(std::memory_order_acquire)) {
        draining = true;
        stop_by = now + k_stop_wait;
        set_listening(false);
        std::vector<int> idle;
        for (auto& [fd, c] : conns)
          if (c->phase != Phase::processing && c->phase != Phase::writing) idle.push_back(fd);
        for (int fd : idle) close_conn(fd);
      }
      if (draining) {
        // Connections that finished their answer close (start_write sets close_after).
        std::vector<int> finished;
        for (auto& [fd, c] : conns)
          if (c->phase != Phase::processing && c->phase != Phase::writing) finished.push_back(fd);
        for (int fd : finished) close_conn(fd);
        if (conns.empty() || now >= stop_by) break;
      }
      if (now - last_sweep >= k_sweep) {
        last_sweep = now;
        sweep();
      }
    }
    std::vector<int> all;
    for (auto& [fd, c] : conns) all.push_back(fd);
    for (int fd : all) close_conn(fd);
  }
};

EventLoop::EventLoop(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}

EventLoop::~EventLoop() { stop(); }

core::Result<std::unique_ptr<EventLoop>> EventLoop::bind(const Options& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  const std::string where = options.host + ":" + std::to_string(options.port);
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  const std::string service = std::to_string(options.port);
  if (int rc = ::getaddrinfo(options.host.empty() ? nullptr : options.host.c_str(), service.c_str(), &hints, &found);
      rc != 0) {
    return core::fail(core::ErrorCode::io,
                      "tidak dapat mendengarkan / cannot listen on " + where + ": " + ::gai_strerror(rc));
  }
  int last_errno = 0;
  for (addrinfo* a = found; a; a = a->ai_next) {
    const int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) {
      last_errno = errno;
      continue;
    }
    // SO_REUSEADDR only: restarting right after a stop works, but a port another server holds
    // stays taken (SO_REUSEPORT would let the kernel split connections between the two).
    const int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (::bind(fd, a->ai_addr, a->ai_addrlen) != 0 || ::listen(fd, 1024) != 0) {
      last_errno = errno;
      ::close(fd);
      if (last_errno == EADDRINUSE) break;
      continue;
    }
    impl->listen_fd = fd;
    break;
  }
  ::freeaddrinfo(found);
  if (impl->listen_fd < 0) {
    if (last_errno == EADDRINUSE)
      return core::fail(core::ErrorCode::io, "port sudah dipakai / address already in use: " + where);
    return core::fail(core::ErrorCode::io,
                      "tidak dapat mendengarkan / cannot listen on " + where + ": " + std::strerror(last_errno));
  }
  sockaddr_storage bound{};
  socklen_t len = sizeof bound;
  ::getsockname(impl->listen_fd, reinterpret_cast<sockaddr*>(&bound), &len);
  impl->port = ntohs(bound.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6&>(bound).sin6_port
                                                 : reinterpret_cast<sockaddr_in&>(bound).sin_port);
  impl->epoll_fd = ::epoll_create1(EPOLL_CLOEXEC);
  impl->wake_fd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (impl->epoll_fd < 0 || impl->wake_fd < 0)
    return core::fail(core::ErrorCode::io, std::string("epoll/eventfd: ") + std::strerror(errno));
  // Descriptors are the real bound on connections: keep some for the store, the index and files.
  rlimit rl{};
  std::size_t cap = options.max_connections;
  if (::getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
    cap = std::min<std::size_t>(cap, rl.rlim_cur > k_reserved_fds * 2 ? rl.rlim_cur - k_reserved_fds : rl.rlim_cur / 2);
  impl->max_connections = std::max<std::size_t>(cap, 1);
  return std::unique_ptr<EventLoop>(new EventLoop(std::move(impl)));
}

std::uint16_t EventLoop::port() const { return m_impl->port; }

void EventLoop::start(App& app) {
  auto& m = *m_impl;
  if (m.started) return;
  m.started = true;
  m.app = &app;
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.fd = m.wake_fd;
  ::epoll_ctl(m.epoll_fd, EPOLL_CTL_ADD, m.wake_fd, &ev);
  m.now = Clock::now();
  m.set_listening(true);
  const int n = std::max(1, m.options.threads);
  for (int i = 0; i < n; ++i) m.workers.emplace_back([&m] { m.worker(); });
  m.io = std::thread([&m] { m.run(); });
}

void EventLoop::stop() {
  if (!m_impl || m_impl->stopped) return;
  auto& m = *m_impl;
  m.stopped = true;
  if (!m.started) return;
  m.stopping.store(true, std::memory_order_release);
  m.wake();
  if (m.io.joinable()) m.io.join();
  {
    std::lock_guard lock(m.jobs_mu);
    m.workers_stop = true;
    m.jobs.clear();
  }
  m.jobs_cv.notify_all();
  for (auto& t : m.workers)
    if (t.joinable()) t.join();
  std::lock_guard lock(m.done_mu);
  m.done.clear();
}

}  // namespace berkas::server::internal
