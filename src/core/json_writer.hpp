#pragma once
// A streaming JSON writer that appends to a caller-owned string. It is the output side of every
// JSON view: no DOM is built, and pre-serialized values (stored JSON objects) are spliced in
// with Raw(). Strings are escaped as JSON requires; invalid UTF-8 becomes U+FFFD, so the output
// is always valid JSON whatever bytes a client sent.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/time.hpp"

namespace dh::core {

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  void BeginObject();
  void EndObject();
  void BeginArray();
  void EndArray();
  void Key(std::string_view key);

  void String(std::string_view value);
  void Int(int64_t value);
  void Uint(uint64_t value);
  // The shortest text that reads back as the same double ("21.5", "0.1"); null if not finite.
  void Double(double value);
  void Bool(bool value);
  void Null();
  void Time(Timestamp value);
  // A value that is already valid JSON text (e.g. a stored `data` object); empty means null.
  void Raw(std::string_view json);

  // Key + value shorthands; the optional forms write null when empty.
  void FieldString(std::string_view key, std::string_view value);
  void FieldString(std::string_view key, const std::string& value) {
    FieldString(key, std::string_view(value));
  }
  void FieldString(std::string_view key, const char* value) {
    FieldString(key, std::string_view(value));
  }
  void FieldString(std::string_view key, const std::optional<std::string>& value);
  void FieldInt(std::string_view key, int64_t value);
  void FieldInt(std::string_view key, const std::optional<int64_t>& value);
  void FieldBool(std::string_view key, bool value);
  void FieldTime(std::string_view key, Timestamp value);
  void FieldTime(std::string_view key, const std::optional<Timestamp>& value);
  void FieldRaw(std::string_view key, const std::optional<std::string>& json);
  void FieldNull(std::string_view key);

 private:
  void Separate();
  void AppendEscaped(std::string_view text);

  std::string& out_;
  bool need_comma_ = false;
};

// The JSON string literal (with quotes) of `text`.
std::string JsonQuote(std::string_view text);

}  // namespace dh::core
