#include "core/error.hpp"

#include <stdexcept>

namespace dh::core {

void throw_exception_from_error(const Error& error, const boost::source_location& location) {
  throw std::logic_error(std::string("unchecked error result at ") + location.file_name() + ":" +
                         std::to_string(location.line()) + ": " + error.message);
}

int StatusCodeOf(Errc code) {
  switch (code) {
    case Errc::kBadRequest:
      return 400;
    case Errc::kUnauthorized:
      return 401;
    case Errc::kForbidden:
      return 403;
    case Errc::kNotFound:
      return 404;
    case Errc::kConflict:
      return 409;
    case Errc::kPayloadTooLarge:
      return 413;
    case Errc::kUnavailable:
      return 503;
    case Errc::kInternal:
      return 500;
  }
  return 500;
}

}  // namespace dh::core
