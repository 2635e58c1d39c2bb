#include "net/http_session.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <vector>

#include "core/json_writer.hpp"
#include "net/websocket/handshake.hpp"

namespace dh::net {

namespace beast = boost::beast;
namespace http = beast::http;

namespace {

// A response buffer up to this size is kept for the connection's next response.
constexpr size_t kKeepOutBuffer = 16 * 1024;

// The status line, the fields and the body, as HTTP/1.x puts them on the wire. `response` has
// been prepared (Content-Length set, no chunked coding: bodies are strings).
void SerializeResponse(const HttpResponse& response, std::string& out) {
  const auto reason = response.reason();
  size_t size = 32 + reason.size() + response.body().size();
  for (const auto& field : response) size += field.name_string().size() + field.value().size() + 4;
  out.clear();
  out.reserve(size);
  out += response.version() == 10 ? "HTTP/1.0 " : "HTTP/1.1 ";
  char code[4];
  const unsigned status = response.result_int();
  code[0] = static_cast<char>('0' + status / 100 % 10);
  code[1] = static_cast<char>('0' + status / 10 % 10);
  code[2] = static_cast<char>('0' + status % 10);
  code[3] = ' ';
  out.append(code, sizeof code);
  out += reason.empty() ? http::obsolete_reason(response.result()) : reason;
  out += "\r\n";
  for (const auto& field : response) {
    out += field.name_string();
    out += ": ";
    out += field.value();
    out += "\r\n";
  }
  out += "\r\n";
  out += response.body();
}

}  // namespace

void SessionRegistry::Add(HttpSession* session) {
  std::lock_guard lock(mutex_);
  sessions_.insert(session);
}

void SessionRegistry::Remove(HttpSession* session) {
  std::lock_guard lock(mutex_);
  sessions_.erase(session);
}

void SessionRegistry::CloseAll() {
  std::vector<std::shared_ptr<HttpSession>> alive;
  {
    std::lock_guard lock(mutex_);
    for (HttpSession* session : sessions_) {
      // A session being destroyed waits on our mutex in Remove; lock() then yields null.
      if (auto held = session->weak_from_this().lock()) alive.push_back(std::move(held));
    }
  }
  // Outside the lock: a session may end meanwhile, and dropping the last reference to it here
  // runs its destructor, which takes the mutex (in Remove).
  for (const auto& session : alive) session->Close();
}

size_t SessionRegistry::size() const {
  std::lock_guard lock(mutex_);
  return sessions_.size();
}

HttpResponder::~HttpResponder() {
  if (session_) {
    spdlog::error("a request handler finished without a response; answering 500");
    HttpResponse response{HttpStatus::internal_server_error, 11};
    response.set(HttpField::content_type, "application/json");
    response.body() = R"({"error":500,"message":"Internal server error"})";
    std::exchange(session_, nullptr)->Send(std::move(response));
  }
}

void HttpResponder::Send(HttpResponse response) {
  std::exchange(session_, nullptr)->Send(std::move(response));
}

HttpSession::HttpSession(boost::asio::ip::tcp::socket socket, const HttpServerOptions& options,
                         HttpHandler& handler, std::shared_ptr<SessionRegistry> registry,
                         std::shared_ptr<void> slot)
    : socket_(std::move(socket)),
      executor_(socket_.get_executor()),
      timer_(executor_),
      options_(options),
      handler_(handler),
      registry_(std::move(registry)),
      slot_(std::move(slot)) {}

HttpSession::~HttpSession() { registry_->Remove(this); }

void HttpSession::Start() {
  registry_->Add(this);
  boost::asio::dispatch(executor_, [self = shared_from_this()] { self->DoRead(); });
}

void HttpSession::Close() {
  boost::asio::dispatch(executor_, [self = shared_from_this()] {
    if (self->upgraded_) return;
    self->closing_ = true;
    if (self->reading_) {
      boost::system::error_code ignored;
      self->socket_.cancel(ignored);
    }
  });
}

void HttpSession::DoRead() {
  if (closing_) return Shutdown();
  parser_.emplace();
  parser_->body_limit(options_.max_body_bytes);
  parser_->header_limit(static_cast<std::uint32_t>(options_.max_header_bytes));
  reading_ = true;
  ArmDeadline();
  http::async_read(
      socket_, buffer_, *parser_,
      [self = shared_from_this()](beast::error_code ec, std::size_t) { self->OnRead(ec); });
}

void HttpSession::OnRead(beast::error_code ec) {
  reading_ = false;
  if (ec == http::error::body_limit) {
    return Reject(HttpStatus::payload_too_large, "Request body is too large");
  }
  if (ec == http::error::header_limit) {
    return Reject(HttpStatus::request_header_fields_too_large, "Request header is too large");
  }
  if (ec == http::error::end_of_stream || ec == boost::asio::error::operation_aborted ||
      ec == boost::asio::error::connection_reset || ec == boost::asio::error::eof) {
    return Shutdown();
  }
  if (ec) {
    if (ec.category() == http::make_error_code(http::error::bad_target).category()) {
      return Reject(HttpStatus::bad_request, "Malformed HTTP request");
    }
    spdlog::debug("http read failed: {}", ec.message());
    return Shutdown();
  }
  request_ = parser_->release();
  if (TryUpgrade()) return;
  handler_.Handle(request_, HttpResponder(shared_from_this()));
}

void HttpSession::ArmDeadline() {
  deadline_ = std::chrono::steady_clock::now() + options_.timeout;
  if (!timer_armed_) WaitForDeadline();  // else it fires at the old one and moves on to this
}

void HttpSession::WaitForDeadline() {
  timer_armed_ = true;
  timer_.expires_at(deadline_);
  timer_.async_wait(
      [self = shared_from_this()](boost::system::error_code ec) { self->OnDeadline(ec); });
}

void HttpSession::OnDeadline(boost::system::error_code ec) {
  timer_armed_ = false;
  // Cancelled (the connection ended or upgraded), or the handler has the request: a long poll
  // may hold it longer than the timeout, and no read or write is pending meanwhile.
  if (ec || upgraded_ || (!reading_ && !writing_)) return;
  if (std::chrono::steady_clock::now() < deadline_) return WaitForDeadline();
  // Too slow: the pending read or write completes with operation_aborted and shuts down.
  boost::system::error_code ignored;
  socket_.cancel(ignored);
}

bool HttpSession::TryUpgrade() {
  if (!websocket::IsUpgrade(request_)) return false;
  std::string_view path = request_.target();
  path = path.substr(0, path.find('?'));
  for (const auto& [endpoint, handler] : options_.websockets) {
    if (endpoint != path) continue;
    upgraded_ = true;
    registry_->Remove(this);
    timer_.cancel();
    handler->Upgrade(std::move(socket_), std::move(request_), std::move(slot_));
    return true;
  }
  return false;
}

void HttpSession::Send(HttpResponse response) {
  boost::asio::dispatch(executor_,
                        [self = shared_from_this(), response = std::move(response)]() mutable {
                          self->Write(std::move(response));
                        });
}

void HttpSession::Write(HttpResponse response) {
  response_ = std::move(response);
  response_.version(request_.version());
  response_.keep_alive(request_.keep_alive() && !closing_ && response_.keep_alive());
  response_.prepare_payload();
  SerializeResponse(response_, out_);
  writing_ = true;
  ArmDeadline();
  boost::asio::async_write(
      socket_, boost::asio::buffer(out_),
      [self = shared_from_this()](beast::error_code ec, std::size_t) { self->OnWrite(ec); });
}

void HttpSession::OnWrite(beast::error_code ec) {
  writing_ = false;
  if (out_.capacity() > kKeepOutBuffer) std::string().swap(out_);
  if (ec) return Shutdown();
  if (!response_.keep_alive()) return Shutdown();
  response_ = {};
  request_ = {};
  DoRead();
}

void HttpSession::Reject(HttpStatus status, std::string_view message) {
  HttpResponse response{status, 11};
  response.set(HttpField::content_type, "application/json");
  response.keep_alive(false);
  std::string body = "{\"error\":" + std::to_string(static_cast<int>(status)) + ",\"message\":";
  body += core::JsonQuote(message);
  body += '}';
  response.body() = std::move(body);
  Write(std::move(response));
}

void HttpSession::Shutdown() {
  beast::error_code ignored;
  socket_.shutdown(boost::asio::ip::tcp::socket::shutdown_send, ignored);
  socket_.close(ignored);
  timer_.cancel();  // its handler holds the session
}

}  // namespace dh::net
