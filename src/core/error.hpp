#pragma once
// Errors as values on the request path. A fallible call returns Result<T> (or Status); the
// message is safe to show to a client. Exceptions are reserved for start-up and for bugs.
#include <boost/system/result.hpp>
#include <string>
#include <utility>

namespace dh::core {

// The failure kinds the request path reports. Each front door maps them to its wire codes in
// exactly one place (REST: api/rest/reply.cpp).
enum class Errc {
  kBadRequest = 1,   // 400: malformed or invalid input
  kUnauthorized,     // 401: missing or bad credentials
  kForbidden,        // 403: authenticated but not allowed
  kNotFound,         // 404
  kConflict,         // 409: unique violation or concurrent modification
  kPayloadTooLarge,  // 413
  kUnavailable,      // 503: a dependency is busy or down; the client may retry
  kInternal,         // 500: an unexpected failure (logged where it happens)
};

struct Error {
  Errc code;
  std::string message;
  // Code shown in the error body when it differs from the transport status; 0 means "the same".
  // Only DeviceHive's "HTTP 403 with body error 404" quirk (GET /user/{id}) uses it.
  int body_code = 0;
};

template <class T>
using Result = boost::system::result<T, Error>;
using Status = Result<void>;

inline Error Fail(Errc code, std::string message) { return Error{code, std::move(message)}; }

// Called by Result<T>::value() on an error: a bug on the request path, so it throws.
[[noreturn]] void throw_exception_from_error(const Error& error,
                                             const boost::source_location& location);

// The numeric status (HTTP-style) of an error kind: 400, 401, 403, 404, 409, 413, 503, 500.
int StatusCodeOf(Errc code);

}  // namespace dh::core

// Propagates the error of a Result expression, or binds its value: DH_TRY(auto x, Expr());
#define DH_CONCAT_INNER(a, b) a##b
#define DH_CONCAT(a, b) DH_CONCAT_INNER(a, b)
#define DH_TRY(decl, expr) DH_TRY_IMPL(decl, expr, DH_CONCAT(dh_try_, __LINE__))
#define DH_TRY_IMPL(decl, expr, tmp)       \
  auto tmp = (expr);                       \
  if (!tmp) return std::move(tmp).error(); \
  decl = std::move(*tmp)
// Propagates the error of a Status expression.
#define DH_CHECK(expr)                                                 \
  do {                                                                 \
    if (auto dh_status = (expr); !dh_status) return dh_status.error(); \
  } while (false)
