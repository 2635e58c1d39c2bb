#include "core/json_writer.hpp"

#include <charconv>
#include <cmath>

namespace dh::core {
namespace {

// Length of the valid UTF-8 sequence starting at text[i] (i points at a byte >= 0x80), or 0.
size_t Utf8SequenceLength(std::string_view text, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  size_t len = 0;
  uint32_t min = 0;
  uint32_t cp = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    len = 2, min = 0x80, cp = lead & 0x1Fu;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    len = 3, min = 0x800, cp = lead & 0x0Fu;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    len = 4, min = 0x10000, cp = lead & 0x07u;
  } else {
    return 0;
  }
  if (i + len > text.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3Fu);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

}  // namespace

void JsonWriter::Separate() {
  if (need_comma_) out_.push_back(',');
}

void JsonWriter::BeginObject() {
  Separate();
  out_.push_back('{');
  need_comma_ = false;
}

void JsonWriter::EndObject() {
  out_.push_back('}');
  need_comma_ = true;
}

void JsonWriter::BeginArray() {
  Separate();
  out_.push_back('[');
  need_comma_ = false;
}

void JsonWriter::EndArray() {
  out_.push_back(']');
  need_comma_ = true;
}

void JsonWriter::Key(std::string_view key) {
  Separate();
  AppendEscaped(key);
  out_.push_back(':');
  need_comma_ = false;
}

void JsonWriter::String(std::string_view value) {
  Separate();
  AppendEscaped(value);
  need_comma_ = true;
}

void JsonWriter::Int(int64_t value) {
  Separate();
  char buf[24];
  const auto res = std::to_chars(buf, buf + sizeof buf, value);
  out_.append(buf, res.ptr);
  need_comma_ = true;
}

void JsonWriter::Uint(uint64_t value) {
  Separate();
  char buf[24];
  const auto res = std::to_chars(buf, buf + sizeof buf, value);
  out_.append(buf, res.ptr);
  need_comma_ = true;
}

void JsonWriter::Double(double value) {
  if (!std::isfinite(value)) return Null();
  Separate();
  char buf[32];
  const auto res = std::to_chars(buf, buf + sizeof buf, value);
  out_.append(buf, res.ptr);
  need_comma_ = true;
}

void JsonWriter::Bool(bool value) {
  Separate();
  out_.append(value ? "true" : "false");
  need_comma_ = true;
}

void JsonWriter::Null() {
  Separate();
  out_.append("null");
  need_comma_ = true;
}

void JsonWriter::Time(Timestamp value) {
  Separate();
  out_.push_back('"');
  AppendTimestamp(out_, value);
  out_.push_back('"');
  need_comma_ = true;
}

void JsonWriter::Raw(std::string_view json) {
  Separate();
  out_.append(json.empty() ? std::string_view("null") : json);
  need_comma_ = true;
}

void JsonWriter::FieldString(std::string_view key, std::string_view value) {
  Key(key);
  String(value);
}

void JsonWriter::FieldString(std::string_view key, const std::optional<std::string>& value) {
  Key(key);
  value ? String(*value) : Null();
}

void JsonWriter::FieldInt(std::string_view key, int64_t value) {
  Key(key);
  Int(value);
}

void JsonWriter::FieldInt(std::string_view key, const std::optional<int64_t>& value) {
  Key(key);
  value ? Int(*value) : Null();
}

void JsonWriter::FieldBool(std::string_view key, bool value) {
  Key(key);
  Bool(value);
}

void JsonWriter::FieldTime(std::string_view key, Timestamp value) {
  Key(key);
  Time(value);
}

void JsonWriter::FieldTime(std::string_view key, const std::optional<Timestamp>& value) {
  Key(key);
  value ? Time(*value) : Null();
}

void JsonWriter::FieldRaw(std::string_view key, const std::optional<std::string>& json) {
  Key(key);
  json ? Raw(*json) : Null();
}

void JsonWriter::FieldNull(std::string_view key) {
  Key(key);
  Null();
}

void JsonWriter::AppendEscaped(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out_.push_back('"');
  size_t run_start = 0;
  size_t i = 0;
  const auto flush = [&](size_t end) { out_.append(text.data() + run_start, end - run_start); };
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
      ++i;
      continue;
    }
    if (c >= 0x80) {
      if (const size_t len = Utf8SequenceLength(text, i); len != 0) {
        i += len;
        continue;
      }
      flush(i);
      out_.append("\\ufffd");
      run_start = ++i;
      continue;
    }
    flush(i);
    switch (c) {
      case '"':
        out_.append("\\\"");
        break;
      case '\\':
        out_.append("\\\\");
        break;
      case '\n':
        out_.append("\\n");
        break;
      case '\r':
        out_.append("\\r");
        break;
      case '\t':
        out_.append("\\t");
        break;
      case '\b':
        out_.append("\\b");
        break;
      case '\f':
        out_.append("\\f");
        break;
      default:
        out_.append("\\u00");
        out_.push_back(kHex[c >> 4]);
        out_.push_back(kHex[c & 0xF]);
    }
    run_start = ++i;
  }
  flush(i);
  out_.push_back('"');
}

std::string JsonQuote(std::string_view text) {
  std::string out;
  JsonWriter writer(out);
  writer.String(text);
  return out;
}

}  // namespace dh::core
