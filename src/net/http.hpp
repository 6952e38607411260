// A small HTTP/1.1 server for a room of phones: one thread, non-blocking
// sockets and poll(), so that hundreds of browsers keeping their connections
// alive (or parked in a long poll) cost a file descriptor each, not a thread,
// and a slow client cannot hold anyone else up. Every request is capped
// however it is framed (header bytes, header count, body bytes with
// Content-Length or chunked) and must arrive whole within a deadline.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace h2h::net::http {

using Clock = std::chrono::steady_clock;

struct Limits {
  std::size_t header_bytes = 8192;                // request line and headers together
  std::size_t headers = 64;                       // header lines
  std::size_t body_bytes = 4096;                  // after any chunked framing is removed
  std::chrono::milliseconds request_time{10000};  // first byte to last byte of a request
  std::chrono::milliseconds idle_time{65000};     // a kept-alive connection between requests
  std::chrono::milliseconds write_time{10000};    // to take a response
  std::size_t connections = 4000;                 // open at once (all clients)
  std::size_t connections_per_client = 40;        // open at once from one address
};

struct Request {
  std::string method;
  std::string path;                                          // without the query
  std::string query;                                         // after '?', undecoded
  std::vector<std::pair<std::string, std::string>> headers;  // names in lower case
  std::string body;
  std::string peer;  // the client's address

  const std::string* header(const std::string& lower_name) const;
  std::string param(const std::string& name) const;  // from the query (no decoding needed here)
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  bool close = false;  // close the connection after it
};

using ConnectionId = std::uint64_t;

class Server {
 public:
  // A handler answers at once, or returns nothing and answers later with
  // respond() (a long poll, an answer waiting to be saved).
  using Handler = std::function<std::optional<Response>(const Request&, ConnectionId)>;
  // Called on the server's thread after every round of input, after a
  // wake() and at least every `tick` (for deadlines of parked requests).
  using Tick = std::function<void()>;

  Server(Limits limits, Handler handler, Tick tick);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens; returns the port (useful with port 0). Throws h2h::Error.
  int listen(const std::string& host, int port);
  // Serves until stop(); call on the server's thread.
  void run();
  // Thread-safe: ends run() soon.
  void stop();
  // Thread-safe: makes run() call the tick soon.
  void wake();
  // On the server's thread: answers a parked request (ignored if it is gone).
  void respond(ConnectionId id, Response response);
  // On the server's thread: whether a parked connection is still open.
  bool open(ConnectionId id) const;

 private:
  struct Connection;
  void accept_all();
  void read_from(Connection& c);
  void write_to(Connection& c);
  void parse(Connection& c);
  void queue(Connection& c, const Response& r);
  void close(ConnectionId id);

  Limits limits_;
  Handler handler_;
  Tick tick_;
  int listener_ = -1;
  int wake_read_ = -1, wake_write_ = -1;
  ConnectionId next_id_ = 1;
  std::map<ConnectionId, Connection> connections_;
  std::map<std::string, std::size_t> per_client_;
  std::atomic<bool> stopping_{false};
};

// The text of a status line ("Not Found").
const char* reason(int status);

}  // namespace h2h::net::http
