#include "core/time.hpp"

#include <array>
#include <cctype>

namespace dh::core {
namespace {

using std::chrono::milliseconds;

void AppendDigits(std::string& out, int64_t value, int width) {
  std::array<char, 20> buf{};
  int n = 0;
  uint64_t v = value < 0 ? 0 : static_cast<uint64_t>(value);
  do {
    buf[static_cast<size_t>(n++)] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  for (int i = n; i < width; ++i) out.push_back('0');
  while (n > 0) out.push_back(buf[static_cast<size_t>(--n)]);
}

// The proleptic Gregorian date of a day count from 1970-01-01 (H. Hinnant's civil_from_days) in
// 64-bit arithmetic: std::chrono::year stops at 32767, and epoch-ms input reaches far beyond.
struct CivilDate {
  int64_t year;
  int64_t month;
  int64_t day;
};

CivilDate CivilFromDays(int64_t days_since_epoch) {
  const int64_t z = days_since_epoch + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;                                       // [0, 146096]
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                // [0, 365]
  const int64_t mp = (5 * doy + 2) / 153;                                     // [0, 11]
  const int64_t month = mp < 10 ? mp + 3 : mp - 9;
  return {yoe + era * 400 + (month <= 2 ? 1 : 0), month, doy - (153 * mp + 2) / 5 + 1};
}

// A cursor over the text being parsed.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}
  bool AtEnd() const { return pos_ == text_.size(); }
  bool Peek(char c) const { return pos_ < text_.size() && text_[pos_] == c; }
  bool Take(char c) {
    if (!Peek(c)) return false;
    ++pos_;
    return true;
  }
  // Reads exactly `count` digits.
  bool Digits(int count, int& value) {
    value = 0;
    for (int i = 0; i < count; ++i) {
      if (pos_ >= text_.size() || !std::isdigit(static_cast<unsigned char>(text_[pos_]))) {
        return false;
      }
      value = value * 10 + (text_[pos_++] - '0');
    }
    return true;
  }
  // Reads one or more digits and returns them as milliseconds of a fraction ("5" = 500).
  bool Fraction(int& ms) {
    int count = 0;
    ms = 0;
    while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) {
      if (count < 3) ms = ms * 10 + (text_[pos_] - '0');
      ++count;
      ++pos_;
    }
    for (int i = count; i < 3; ++i) ms *= 10;
    return count > 0;
  }
  std::string_view Rest() const { return text_.substr(pos_); }
  void Skip(size_t n) { pos_ += n; }

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

std::optional<Timestamp> Compose(int year, int month, int day, int hour, int minute, int second,
                                 int ms, int offset_minutes) {
  const std::chrono::year_month_day ymd{std::chrono::year{year},
                                        std::chrono::month{static_cast<unsigned>(month)},
                                        std::chrono::day{static_cast<unsigned>(day)}};
  if (!ymd.ok() || hour > 23 || minute > 59 || second > 59) return std::nullopt;
  const auto date = std::chrono::sys_days{ymd};
  return std::chrono::time_point_cast<milliseconds>(date) + std::chrono::hours(hour) +
         std::chrono::minutes(minute - offset_minutes) + std::chrono::seconds(second) +
         milliseconds(ms);
}

// Zone suffix: nothing (UTC), "Z", or ±hh, ±hhmm, ±hh:mm.
bool ParseZone(Scanner& s, int& offset_minutes) {
  offset_minutes = 0;
  if (s.AtEnd() || s.Take('Z')) return s.AtEnd();
  int sign = 0;
  if (s.Take('+'))
    sign = 1;
  else if (s.Take('-'))
    sign = -1;
  else
    return false;
  int hh = 0;
  int mm = 0;
  if (!s.Digits(2, hh)) return false;
  if (!s.AtEnd()) {
    s.Take(':');
    if (!s.Digits(2, mm)) return false;
  }
  if (hh > 23 || mm > 59) return false;
  offset_minutes = sign * (hh * 60 + mm);
  return s.AtEnd();
}

std::optional<Timestamp> ParseIso(std::string_view text) {
  Scanner s(text);
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, ms = 0, offset = 0;
  if (!s.Digits(4, year) || !s.Take('-') || !s.Digits(2, month) || !s.Take('-') ||
      !s.Digits(2, day)) {
    return std::nullopt;
  }
  if (s.AtEnd()) return Compose(year, month, day, 0, 0, 0, 0, 0);
  if (!s.Take('T') || !s.Digits(2, hour) || !s.Take(':') || !s.Digits(2, minute)) {
    return std::nullopt;
  }
  if (s.Take(':')) {
    if (!s.Digits(2, second)) return std::nullopt;
    if (s.Take('.') && !s.Fraction(ms)) return std::nullopt;
  }
  if (!ParseZone(s, offset)) return std::nullopt;
  return Compose(year, month, day, hour, minute, second, ms, offset);
}

// RFC-1123: "Tue, 03 Jun 2008 11:05:30 GMT" (zone GMT, UTC, Z or ±hhmm).
std::optional<Timestamp> ParseRfc1123(std::string_view text) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto comma = text.find(", ");
  if (comma != 3) return std::nullopt;
  Scanner s(text.substr(5));
  int day = 0, year = 0, hour = 0, minute = 0, second = 0, offset = 0;
  if (!s.Digits(2, day) || !s.Take(' ')) return std::nullopt;
  int month = 0;
  for (size_t i = 0; i < kMonths.size(); ++i) {
    if (s.Rest().substr(0, 3) == kMonths[i]) month = static_cast<int>(i) + 1;
  }
  if (month == 0) return std::nullopt;
  s.Skip(3);
  if (!s.Take(' ') || !s.Digits(4, year) || !s.Take(' ') || !s.Digits(2, hour) || !s.Take(':') ||
      !s.Digits(2, minute) || !s.Take(':') || !s.Digits(2, second) || !s.Take(' ')) {
    return std::nullopt;
  }
  const std::string_view zone = s.Rest();
  if (zone != "GMT" && zone != "UTC" && !ParseZone(s, offset)) return std::nullopt;
  return Compose(year, month, day, hour, minute, second, 0, offset);
}

std::optional<Timestamp> ParseEpochMs(std::string_view text) {
  bool negative = !text.empty() && text.front() == '-';
  if (negative) text.remove_prefix(1);
  if (text.empty() || text.size() > 18) return std::nullopt;
  int64_t value = 0;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return FromEpochMs(negative ? -value : value);
}

}  // namespace

void AppendTimestamp(std::string& out, Timestamp t) {
  // Plain integer division: chrono's floor<days> overflows near the int64 limits.
  constexpr int64_t kMsPerDay = 86'400'000;
  int64_t day = ToEpochMs(t) / kMsPerDay;
  int64_t ms = ToEpochMs(t) % kMsPerDay;
  if (ms < 0) {
    ms += kMsPerDay;
    --day;
  }
  const CivilDate date = CivilFromDays(day);
  AppendDigits(out, date.year, 4);
  out.push_back('-');
  AppendDigits(out, date.month, 2);
  out.push_back('-');
  AppendDigits(out, date.day, 2);
  out.push_back('T');
  AppendDigits(out, ms / 3'600'000, 2);
  out.push_back(':');
  AppendDigits(out, ms / 60'000 % 60, 2);
  out.push_back(':');
  AppendDigits(out, ms / 1000 % 60, 2);
  out.push_back('.');
  AppendDigits(out, ms % 1000, 3);
}

std::string FormatTimestamp(Timestamp t) {
  std::string out;
  out.reserve(24);
  AppendTimestamp(out, t);
  return out;
}

std::optional<Timestamp> ParseTimestamp(std::string_view text) {
  if (text.empty()) return std::nullopt;
  if (auto epoch = ParseEpochMs(text)) return epoch;
  if (auto iso = ParseIso(text)) return iso;
  return ParseRfc1123(text);
}

}  // namespace dh::core
