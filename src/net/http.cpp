#include "net/http.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>

#include "core/error.hpp"
#include "i18n/i18n.hpp"

namespace h2h::net::http {

namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string trim(const std::string& s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

// What is read and thrown away after a refusal, before the connection is
// closed: enough for the client to read the response first, no more.
constexpr std::size_t kDrainBytes = 256 * 1024;

void non_blocking(int fd) {
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
}

std::string address_of(const sockaddr_storage& a) {
  char text[INET6_ADDRSTRLEN] = "";
  if (a.ss_family == AF_INET) {
    ::inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in&>(a).sin_addr, text, sizeof text);
  } else if (a.ss_family == AF_INET6) {
    const auto& a6 = reinterpret_cast<const sockaddr_in6&>(a);
    if (IN6_IS_ADDR_V4MAPPED(&a6.sin6_addr))
      ::inet_ntop(AF_INET, &a6.sin6_addr.s6_addr[12], text, sizeof text);
    else
      ::inet_ntop(AF_INET6, &a6.sin6_addr, text, sizeof text);
  }
  return text;
}

// Each connection needs a descriptor: lift the soft limit to the hard one.
void raise_descriptor_limit() {
  rlimit r{};
  if (::getrlimit(RLIMIT_NOFILE, &r) == 0 && r.rlim_cur < r.rlim_max) {
    r.rlim_cur = r.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &r);
  }
}

}  // namespace

const std::string* Request::header(const std::string& lower_name) const {
  for (const auto& [k, v] : headers)
    if (k == lower_name) return &v;
  return nullptr;
}

std::string Request::param(const std::string& name) const {
  std::size_t at = 0;
  while (at <= query.size()) {
    auto end = query.find('&', at);
    if (end == std::string::npos) end = query.size();
    const std::string pair = query.substr(at, end - at);
    const auto eq = pair.find('=');
    if (pair.substr(0, eq) == name) return eq == std::string::npos ? "" : pair.substr(eq + 1);
    at = end + 1;
  }
  return {};
}

const char* reason(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 204:
      return "No Content";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 411:
      return "Length Required";
    case 413:
      return "Content Too Large";
    case 415:
      return "Unsupported Media Type";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 501:
      return "Not Implemented";
    case 503:
      return "Service Unavailable";
    case 507:
      return "Insufficient Storage";
    default:
      return "Error";
  }
}

struct Server::Connection {
  ConnectionId id = 0;
  int fd = -1;
  std::string peer;
  std::string in;
  std::string out;
  std::size_t out_at = 0;
  bool parked = false;       // a request waits for respond()
  bool close_after = false;  // close once `out` is written
  bool keep_alive = true;    // of the request being answered
  Clock::time_point deadline;
  bool started = false;   // bytes of a new request have arrived
  bool draining = false;  // answered and shut down for writing: reading what is left
  std::size_t drained = 0;
};

Server::Server(Limits limits, Handler handler, Tick tick)
    : limits_(limits), handler_(std::move(handler)), tick_(std::move(tick)) {
  int fds[2];
  if (::pipe(fds) == 0) {
    wake_read_ = fds[0];
    wake_write_ = fds[1];
    non_blocking(wake_read_);
    non_blocking(wake_write_);
  }
}

Server::~Server() {
  for (auto& [id, c] : connections_) ::close(c.fd);
  if (listener_ >= 0) ::close(listener_);
  if (wake_read_ >= 0) ::close(wake_read_);
  if (wake_write_ >= 0) ::close(wake_write_);
}

int Server::listen(const std::string& host, int port) {
  raise_descriptor_limit();
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  const std::string service = std::to_string(port);
  if (::getaddrinfo(host.empty() ? nullptr : host.c_str(), service.c_str(), &hints, &found) != 0)
    return -1;
  int bound = -1;
  for (addrinfo* a = found; a && listener_ < 0; a = a->ai_next) {
    const int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) continue;
    const int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (::bind(fd, a->ai_addr, a->ai_addrlen) != 0 || ::listen(fd, 1024) != 0) {
      ::close(fd);
      continue;
    }
    sockaddr_storage local{};
    socklen_t len = sizeof local;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&local), &len);
    bound = ntohs(local.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6&>(local).sin6_port
                                              : reinterpret_cast<sockaddr_in&>(local).sin_port);
    non_blocking(fd);
    listener_ = fd;
  }
  ::freeaddrinfo(found);
  return bound;
}

void Server::stop() {
  stopping_ = true;
  wake();
}

void Server::wake() {
  const char b = 1;
  [[maybe_unused]] const auto n = ::write(wake_write_, &b, 1);  // full pipe: already awake
}

bool Server::open(ConnectionId id) const {
  return connections_.count(id) > 0;
}

void Server::close(ConnectionId id) {
  const auto it = connections_.find(id);
  if (it == connections_.end()) return;
  ::close(it->second.fd);
  if (--per_client_[it->second.peer] == 0) per_client_.erase(it->second.peer);
  connections_.erase(it);
}

void Server::accept_all() {
  while (true) {
    sockaddr_storage from{};
    socklen_t len = sizeof from;
    const int fd = ::accept4(listener_, reinterpret_cast<sockaddr*>(&from), &len,
                             SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) return;
    std::string peer = address_of(from);
    // Too many at once, or too many from one address: refused at once, so
    // that one client holding connections cannot crowd out the room.
    if (connections_.size() >= limits_.connections ||
        per_client_[peer] >= limits_.connections_per_client) {
      if (per_client_[peer] == 0) per_client_.erase(peer);
      ::close(fd);
      continue;
    }
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    ++per_client_[peer];
    Connection c;
    c.id = next_id_;
    c.fd = fd;
    c.peer = std::move(peer);
    c.deadline = Clock::now() + limits_.idle_time;
    connections_.emplace(next_id_++, std::move(c));
  }
}

void Server::queue(Connection& c, const Response& r) {
  std::string head = fmt::format("HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\n",
                                 r.status, reason(r.status), r.content_type, r.body.size());
  for (const auto& [k, v] : r.headers) head += k + ": " + v + "\r\n";
  c.close_after = r.close || !c.keep_alive;
  if (c.close_after) head += "Connection: close\r\n";
  c.out += head + "\r\n" + r.body;
  c.parked = false;
  c.deadline = Clock::now() + limits_.write_time;
  write_to(c);
}

void Server::respond(ConnectionId id, Response response) {
  const auto it = connections_.find(id);
  if (it == connections_.end() || !it->second.parked) return;
  queue(it->second, response);
}

void Server::write_to(Connection& c) {
  while (c.out_at < c.out.size()) {
    const auto n =
        ::send(c.fd, c.out.data() + c.out_at, c.out.size() - c.out_at, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n <= 0) {
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return;
      c.close_after = true;
      c.out.clear();
      c.out_at = 0;
      c.in.clear();
      return;
    }
    c.out_at += static_cast<std::size_t>(n);
  }
  c.out.clear();
  c.out_at = 0;
  if (c.close_after) return;  // closed by the loop
  c.started = !c.in.empty();
  c.deadline = Clock::now() + (c.started ? limits_.request_time : limits_.idle_time);
  parse(c);  // a pipelined request already here
}

void Server::read_from(Connection& c) {
  char buffer[16384];
  while (true) {
    const auto n = ::recv(c.fd, buffer, sizeof buffer, MSG_DONTWAIT);
    if (n == 0) {
      c.close_after = true;  // the client is gone
      c.out.clear();
      return;
    }
    if (n < 0) {
      if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
        c.close_after = true;
        c.out.clear();
        return;
      }
      break;
    }
    if (!c.started) {
      c.started = true;
      c.deadline = Clock::now() + limits_.request_time;
    }
    c.in.append(buffer, static_cast<std::size_t>(n));
    // Never buffer more than one whole request (chunk framing included).
    if (c.in.size() > limits_.header_bytes + 8 * limits_.body_bytes + 1024) break;
  }
  parse(c);
}

void Server::parse(Connection& c) {
  if (c.parked || !c.out.empty() || c.close_after || c.in.empty()) return;
  auto fail = [&](int status) {
    c.keep_alive = false;
    c.in.clear();
    queue(c, {status,
              "application/json",
              fmt::format("{{\"error\":\"{}\"}}", reason(status)),
              {},
              true});
  };
  const auto head_end = c.in.find("\r\n\r\n");
  if (head_end == std::string::npos) {
    if (c.in.size() > limits_.header_bytes) fail(431);
    return;
  }
  if (head_end > limits_.header_bytes) return fail(431);
  Request req;
  req.peer = c.peer;
  std::size_t line_end = c.in.find("\r\n");
  {
    const std::string line = c.in.substr(0, line_end);
    const auto s1 = line.find(' '), s2 = line.rfind(' ');
    if (s1 == std::string::npos || s2 == s1) return fail(400);
    req.method = line.substr(0, s1);
    std::string target = line.substr(s1 + 1, s2 - s1 - 1);
    const std::string version = line.substr(s2 + 1);
    if (version != "HTTP/1.1" && version != "HTTP/1.0") return fail(400);
    c.keep_alive = version == "HTTP/1.1";
    const auto q = target.find('?');
    req.path = target.substr(0, q);
    if (q != std::string::npos) req.query = target.substr(q + 1);
  }
  for (std::size_t at = line_end + 2; at < head_end + 2;) {
    const auto end = c.in.find("\r\n", at);
    const std::string line = c.in.substr(at, end - at);
    at = end + 2;
    if (req.headers.size() >= limits_.headers) return fail(431);
    const auto colon = line.find(':');
    if (colon == std::string::npos || colon == 0) return fail(400);
    req.headers.emplace_back(lower(line.substr(0, colon)), trim(line.substr(colon + 1)));
  }
  if (const auto* conn = req.header("connection")) {
    const std::string v = lower(*conn);
    if (v.find("close") != std::string::npos) c.keep_alive = false;
    if (v.find("keep-alive") != std::string::npos) c.keep_alive = true;
  }
  std::size_t consumed = head_end + 4;
  const auto* te = req.header("transfer-encoding");
  const auto* cl = req.header("content-length");
  if (te && cl) return fail(400);  // ambiguous framing (request smuggling)
  if (te) {
    if (lower(*te) != "chunked") return fail(501);
    // Chunks, each "SIZE[;ext]\r\nDATA\r\n", then "0\r\n", trailers and "\r\n".
    std::size_t at = consumed;
    while (true) {
      const auto eol = c.in.find("\r\n", at);
      if (eol == std::string::npos) {
        if (c.in.size() - at > 64) return fail(400);
        return;  // more to come
      }
      if (eol - at > 64) return fail(400);
      const std::string size_text = c.in.substr(at, std::min(c.in.find(';', at), eol) - at);
      if (size_text.empty() || size_text.size() > 8 ||
          size_text.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos)
        return fail(400);
      const std::size_t size = std::stoul(size_text, nullptr, 16);
      if (req.body.size() + size > limits_.body_bytes) return fail(413);
      at = eol + 2;
      if (size == 0) {
        while (true) {  // trailers, ignored, up to an empty line
          const auto t = c.in.find("\r\n", at);
          if (t == std::string::npos) {
            if (c.in.size() - at > limits_.header_bytes) return fail(431);
            return;
          }
          const bool empty_line = t == at;
          at = t + 2;
          if (empty_line) break;
        }
        consumed = at;
        break;
      }
      if (c.in.size() < at + size + 2) {
        req.body.clear();
        return;  // more to come; decode again from the start then
      }
      if (c.in.compare(at + size, 2, "\r\n") != 0) return fail(400);
      req.body.append(c.in, at, size);
      at += size + 2;
    }
  } else if (cl) {
    if (cl->empty() || cl->size() > 9 || cl->find_first_not_of("0123456789") != std::string::npos)
      return fail(400);
    const std::size_t length = std::stoul(*cl);
    if (length > limits_.body_bytes) return fail(413);
    if (c.in.size() < consumed + length) return;  // more to come
    req.body = c.in.substr(consumed, length);
    consumed += length;
  }
  c.in.erase(0, consumed);
  c.parked = true;
  auto response = handler_(req, c.id);
  if (response) queue(c, *response);
}

void Server::run() {
  std::vector<pollfd> fds;
  std::vector<ConnectionId> ids;
  while (!stopping_) {
    fds.clear();
    ids.clear();
    fds.push_back({wake_read_, POLLIN, 0});
    fds.push_back({listener_, POLLIN, 0});
    for (auto& [id, c] : connections_) {
      short events = 0;
      if (!c.out.empty()) events |= POLLOUT;
      if ((!c.parked && c.out.empty()) || c.draining) events |= POLLIN;
      if (c.parked) events |= POLLRDHUP;  // notice a client that gave up
      fds.push_back({c.fd, events, 0});
      ids.push_back(id);
    }
    ::poll(fds.data(), fds.size(), 100);
    if (fds[0].revents) {
      char drain[256];
      while (::read(wake_read_, drain, sizeof drain) > 0) {
      }
    }
    if (fds[1].revents) accept_all();
    const auto now = Clock::now();
    for (std::size_t i = 0; i < ids.size(); ++i) {
      const auto it = connections_.find(ids[i]);
      if (it == connections_.end()) continue;
      Connection& c = it->second;
      const short ev = fds[i + 2].revents;
      if (ev & (POLLERR | POLLNVAL)) {
        close(ids[i]);
        continue;
      }
      if (c.parked && (ev & (POLLRDHUP | POLLHUP))) {
        close(ids[i]);
        continue;
      }
      if (c.draining) {
        // Read what the client still sends, so that closing does not reset
        // the connection before it has read the response; then close.
        char sink[16384];
        ssize_t n = 1;
        while (n > 0 && c.drained < kDrainBytes) {
          n = ::recv(c.fd, sink, sizeof sink, MSG_DONTWAIT);
          if (n > 0) c.drained += static_cast<std::size_t>(n);
        }
        if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) || now > c.deadline ||
            c.drained >= kDrainBytes)
          close(ids[i]);
        continue;
      }
      if (ev & POLLOUT) write_to(c);
      if (ev & (POLLIN | POLLHUP)) read_from(c);
      if (c.close_after && c.out.empty()) {
        if (c.fd >= 0 && ::shutdown(c.fd, SHUT_WR) == 0 && !(ev & (POLLHUP | POLLERR))) {
          c.draining = true;
          c.deadline = now + std::chrono::milliseconds(2000);
        } else {
          close(ids[i]);
        }
        continue;
      }
      // Deadlines: a request must arrive whole in time, an idle connection
      // is let go, a response must be taken. A parked request has none here.
      if (!c.parked && now > c.deadline) {
        if (c.started && c.out.empty() && !c.close_after) {
          c.keep_alive = false;
          queue(c, {408, "application/json", "{\"error\":\"Request Timeout\"}", {}, true});
          if (c.out.empty())
            close(ids[i]);
          else
            c.deadline = now + std::chrono::milliseconds(1000);
        } else {
          close(ids[i]);
        }
      }
    }
    tick_();
  }
}

}  // namespace h2h::net::http
