#include "core/json_read.hpp"

#include <boost/json/parse.hpp>
#include <charconv>
#include <cmath>

#include "core/json_writer.hpp"

namespace dh::core {

Result<boost::json::value> ParseJson(std::string_view text, std::string_view message) {
  boost::json::parse_options options;
  options.max_depth = 64;
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(text, ec, {}, options);
  if (ec) return Fail(Errc::kBadRequest, std::string(message));
  return value;
}

namespace {

void Write(JsonWriter& w, const boost::json::value& value) {
  switch (value.kind()) {
    case boost::json::kind::null:
      return w.Null();
    case boost::json::kind::bool_:
      return w.Bool(value.get_bool());
    case boost::json::kind::int64:
      return w.Int(value.get_int64());
    case boost::json::kind::uint64:
      return w.Uint(value.get_uint64());
    case boost::json::kind::double_:
      return w.Double(value.get_double());
    case boost::json::kind::string:
      return w.String(value.get_string());
    case boost::json::kind::array:
      w.BeginArray();
      for (const auto& item : value.get_array()) Write(w, item);
      return w.EndArray();
    case boost::json::kind::object:
      w.BeginObject();
      for (const auto& member : value.get_object()) {
        w.Key(member.key());
        Write(w, member.value());
      }
      return w.EndObject();
  }
}

}  // namespace

std::string ToJsonText(const boost::json::value& value) {
  std::string text;
  JsonWriter writer(text);
  Write(writer, value);
  return text;
}

std::optional<int64_t> AsInt64(const boost::json::value& value) {
  if (value.is_int64()) return value.get_int64();
  if (value.is_uint64()) {
    const uint64_t u = value.get_uint64();
    if (u <= static_cast<uint64_t>(INT64_MAX)) return static_cast<int64_t>(u);
    return std::nullopt;
  }
  if (value.is_double()) {
    const double d = value.get_double();
    if (std::trunc(d) == d && std::fabs(d) < 9.2e18) return static_cast<int64_t>(d);
    return std::nullopt;
  }
  if (value.is_string()) {
    const auto& s = value.get_string();
    int64_t out = 0;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    if (ec == std::errc() && ptr == s.data() + s.size() && !s.empty()) return out;
  }
  return std::nullopt;
}

Result<std::optional<std::string>> JsonFields::String(std::string_view key) const {
  const auto* v = object_.if_contains(key);
  if (v == nullptr || v->is_null()) return std::optional<std::string>();
  if (v->is_string()) return std::optional<std::string>(std::string(v->get_string()));
  if (v->is_number() || v->is_bool()) return std::optional<std::string>(ToJsonText(*v));
  return Fail(Errc::kBadRequest, std::string(kInvalidRequestParameters));
}

Result<std::optional<int64_t>> JsonFields::Int(std::string_view key) const {
  const auto* v = object_.if_contains(key);
  if (v == nullptr || v->is_null()) return std::optional<int64_t>();
  auto parsed = AsInt64(*v);
  if (!parsed) return Fail(Errc::kBadRequest, std::string(kInvalidRequestParameters));
  return std::optional<int64_t>(*parsed);
}

Result<std::optional<bool>> JsonFields::Bool(std::string_view key) const {
  const auto* v = object_.if_contains(key);
  if (v == nullptr || v->is_null()) return std::optional<bool>();
  if (v->is_bool()) return std::optional<bool>(v->get_bool());
  if (v->is_string() && (v->get_string() == "true" || v->get_string() == "false")) {
    return std::optional<bool>(v->get_string() == "true");
  }
  return Fail(Errc::kBadRequest, std::string(kInvalidRequestParameters));
}

Result<std::optional<std::string>> JsonFields::ObjectText(std::string_view key) const {
  const auto* v = object_.if_contains(key);
  if (v == nullptr || v->is_null()) return std::optional<std::string>();
  if (!v->is_object()) return Fail(Errc::kBadRequest, std::string(kMustBeJsonObject));
  return std::optional<std::string>(ToJsonText(*v));
}

}  // namespace dh::core
