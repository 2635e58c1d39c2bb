#pragma once
// The HTTP message types shared by the server and its handlers.
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

namespace dh::net {

using HttpRequest = boost::beast::http::request<boost::beast::http::string_body>;
using HttpResponse = boost::beast::http::response<boost::beast::http::string_body>;
using HttpVerb = boost::beast::http::verb;
using HttpStatus = boost::beast::http::status;
using HttpField = boost::beast::http::field;

}  // namespace dh::net
