#include "auth/jwt.hpp"

#include <gtest/gtest.h>

#include <string>

#include "auth/base64.hpp"

namespace dh::auth {
namespace {

// Tokens below were made outside our code, with Python's standard library:
//   key = bytes.fromhex("75ebe271e862")   # DecodeSecretKey("devicehive")
//   b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
//   signing_input = b64(header) + "." + b64(payload)
//   token = signing_input + "." + b64(hmac.new(key, signing_input.encode(),
//   hashlib.sha256).digest())
// with header b'{"alg":"HS256"}' unless stated otherwise, and e = 4102444800000 (2100-01-01Z).

// payload b'{"payload":{"u":1,"a":[0],"n":["*"],"dt":["*"],"e":4102444800000,"t":1}}'
constexpr std::string_view kKnownGoodToken =
    "eyJhbGciOiJIUzI1NiJ9."
    "eyJwYXlsb2FkIjp7InUiOjEsImEiOlswXSwibiI6WyIqIl0sImR0IjpbIioiXSwiZSI6NDEwMjQ0NDgwMDAwMCwidCI6MX"
    "19.cTwrTgsPSVyngjEdQcfhKFbEG0WsAsQzcjXfmGzTKB8";
// header b'{"alg":"HS512"}', payload b'{"payload":{"u":1,"a":[0],"e":4102444800000,"t":1}}', but
// signed with HMAC-SHA256 so that only the algorithm is wrong.
constexpr std::string_view kHs512Token =
    "eyJhbGciOiJIUzUxMiJ9.eyJwYXlsb2FkIjp7InUiOjEsImEiOlswXSwiZSI6NDEwMjQ0NDgwMDAwMCwidCI6MX19."
    "Ix43chtfFwOBxtn2_ANlt_KuApc2Y2lerJmHKNyhhnQ";
// header b'{"alg":"none"}', same payload, empty signature.
constexpr std::string_view kAlgNoneToken =
    "eyJhbGciOiJub25lIn0.eyJwYXlsb2FkIjp7InUiOjEsImEiOlswXSwiZSI6NDEwMjQ0NDgwMDAwMCwidCI6MX19.";
// payload b'{"payload":{"u":1,"a":[0],"e":4102444800000}}' (no t)
constexpr std::string_view kNoTypeToken =
    "eyJhbGciOiJIUzI1NiJ9.eyJwYXlsb2FkIjp7InUiOjEsImEiOlswXSwiZSI6NDEwMjQ0NDgwMDAwMH19."
    "ZgBqkZvfhJJizBv1kueY-XuHpmgmXeKnxmiow186Iy4";
// payload b'{"payload":{"u":1,"a":[0],"t":1}}' (no e)
constexpr std::string_view kNoExpirationToken =
    "eyJhbGciOiJIUzI1NiJ9.eyJwYXlsb2FkIjp7InUiOjEsImEiOlswXSwidCI6MX19."
    "_DADAXZJyajj1UJPQsD8oxzLUEVCzhTXTGm0TnwJBqE";
// payload b'{"payload":{"a":[0],"e":4102444800000,"t":1}}' (neither u nor tpc)
constexpr std::string_view kNoSubjectToken =
    "eyJhbGciOiJIUzI1NiJ9.eyJwYXlsb2FkIjp7ImEiOlswXSwiZSI6NDEwMjQ0NDgwMDAwMCwidCI6MX19."
    "bdGwu0fuFsgD9G8MDL0abq5Tyzj-WIHVhZpGTt7mfvc";
// payload b'{"payload":{"a":[16],"e":4102444800000,"t":0,"tpc":"plugin_topic_x"}}'
constexpr std::string_view kPluginToken =
    "eyJhbGciOiJIUzI1NiJ9."
    "eyJwYXlsb2FkIjp7ImEiOlsxNl0sImUiOjQxMDI0NDQ4MDAwMDAsInQiOjAsInRwYyI6InBsdWdpbl90b3BpY194In19."
    "YIhQqZuqUiS60TnBnkHByf24_l023KOHPXjdnlYi5wo";

constexpr int64_t kYear2100Ms = 4102444800000;

std::string Hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (const char byte : bytes) {
    const auto c = static_cast<unsigned char>(byte);
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 0xF]);
  }
  return out;
}

JwtCodec Codec(std::string_view secret = "devicehive") {
  return JwtCodec::FromSecret(secret).value();
}

TokenPayload UserPayload() {
  TokenPayload payload;
  payload.user_id = 7;
  payload.actions = {2, 3, 17};
  payload.network_ids = std::vector<std::string>{"1", "5"};
  payload.device_type_ids = std::vector<std::string>{"*"};
  payload.expiration = core::FromEpochMs(1527252774123);
  payload.type = TokenType::kAccess;
  return payload;
}

TEST(DecodeSecretKey, DeviceHiveDefaultSecret) {
  EXPECT_EQ(Hex(DecodeSecretKey("devicehive")), "75ebe271e862");
}

TEST(DecodeSecretKey, DockerDefaultSecretDecodesOnlyTheFirstGroup) {
  EXPECT_EQ(Hex(DecodeSecretKey("secret")), "b1e72b");
}

TEST(DecodeSecretKey, SkipsCharactersOutsideTheAlphabet) {
  EXPECT_EQ(Hex(DecodeSecretKey("dev-ice.hi ve!")), "75ebe271e862");
  EXPECT_EQ(Hex(DecodeSecretKey("s_e_c_r_e_t")), "b1e72b");
}

TEST(DecodeSecretKey, DropsTrailingIncompleteGroup) {
  EXPECT_EQ(DecodeSecretKey("devicehi"), DecodeSecretKey("devicehive"));
  EXPECT_EQ(DecodeSecretKey("devicehi"), DecodeSecretKey("devicehiv"));
}

TEST(DecodeSecretKey, PaddingShortensTheLastGroup) {
  EXPECT_EQ(DecodeSecretKey("YQ=="), "a");
  EXPECT_EQ(DecodeSecretKey("YWI="), "ab");
  EXPECT_EQ(DecodeSecretKey("YWJj"), "abc");
}

TEST(DecodeSecretKey, StandardAlphabetIncludesPlusAndSlash) {
  EXPECT_EQ(Hex(DecodeSecretKey("+/+/")), "fbffbf");
}

TEST(DecodeSecretKey, TooShortSecretGivesEmptyKey) {
  EXPECT_EQ(DecodeSecretKey(""), "");
  EXPECT_EQ(DecodeSecretKey("abc"), "");
  EXPECT_EQ(DecodeSecretKey("!!!!"), "");
}

TEST(Base64Url, EncodesWithoutPadding) {
  EXPECT_EQ(Base64UrlEncode(""), "");
  EXPECT_EQ(Base64UrlEncode("f"), "Zg");
  EXPECT_EQ(Base64UrlEncode("fo"), "Zm8");
  EXPECT_EQ(Base64UrlEncode("foo"), "Zm9v");
  EXPECT_EQ(Base64UrlEncode("foobar"), "Zm9vYmFy");
}

TEST(Base64Url, UsesDashAndUnderscore) {
  EXPECT_EQ(Base64UrlEncode("\xfb\xff"), "-_8");
  EXPECT_EQ(Base64UrlDecode("-_8"), "\xfb\xff");
}

TEST(Base64Url, DecodesWithOrWithoutPadding) {
  EXPECT_EQ(Base64UrlDecode("Zg"), "f");
  EXPECT_EQ(Base64UrlDecode("Zg=="), "f");
  EXPECT_EQ(Base64UrlDecode("Zm8="), "fo");
  EXPECT_EQ(Base64UrlDecode("Zm9vYmFy"), "foobar");
  EXPECT_EQ(Base64UrlDecode(""), "");
}

TEST(Base64Url, RejectsCharactersOutsideTheUrlAlphabet) {
  EXPECT_EQ(Base64UrlDecode("+/8"), std::nullopt);
  EXPECT_EQ(Base64UrlDecode("Zm 9v"), std::nullopt);
  EXPECT_EQ(Base64UrlDecode("Zm9v.YmFy"), std::nullopt);
}

TEST(Base64Url, RejectsImpossibleLength) { EXPECT_EQ(Base64UrlDecode("Zm9vY"), std::nullopt); }

TEST(Base64Url, RoundTripsEveryByte) {
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<char>(i));
  for (size_t len = 0; len <= bytes.size(); len += 37) {
    const auto part = bytes.substr(0, len);
    EXPECT_EQ(Base64UrlDecode(Base64UrlEncode(part)), part) << len;
  }
  EXPECT_EQ(Base64UrlDecode(Base64UrlEncode(bytes)), bytes);
}

TEST(JwtCodec, SecretThatDecodesToNothingIsRefused) {
  auto codec = JwtCodec::FromSecret("abc");
  ASSERT_FALSE(codec);
  EXPECT_EQ(codec.error().code, core::Errc::kBadRequest);
}

TEST(JwtCodec, HeaderIsExactlyAlgHs256) {
  const std::string token = Codec().Sign(UserPayload());
  EXPECT_EQ(token.substr(0, token.find('.')), "eyJhbGciOiJIUzI1NiJ9");
  EXPECT_EQ(Base64UrlDecode("eyJhbGciOiJIUzI1NiJ9"), R"({"alg":"HS256"})");
}

TEST(JwtCodec, ClaimsLiveInOnePayloadObject) {
  const std::string token = Codec().Sign(UserPayload());
  const auto first = token.find('.');
  const auto last = token.rfind('.');
  EXPECT_EQ(Base64UrlDecode(token.substr(first + 1, last - first - 1)),
            R"({"payload":{"u":7,"a":[2,3,17],"n":["1","5"],"dt":["*"],"e":1527252774123,"t":1}})");
}

TEST(JwtCodec, SignedUserTokenVerifies) {
  const auto payload = UserPayload();
  const auto verified = Codec().Verify(Codec().Sign(payload));
  ASSERT_TRUE(verified);
  EXPECT_EQ(verified->user_id, 7);
  EXPECT_EQ(verified->topic, std::nullopt);
  EXPECT_EQ(verified->actions, payload.actions);
  EXPECT_EQ(verified->network_ids, payload.network_ids);
  EXPECT_EQ(verified->device_type_ids, payload.device_type_ids);
  EXPECT_EQ(verified->expiration, payload.expiration);
  EXPECT_EQ(verified->type, TokenType::kAccess);
}

// Regression: the signature's last Base64 character carries 4 bits and 2 unused ones; a token
// differing only in the unused bits was accepted while signatures were compared decoded.
TEST(JwtCodec, SignatureSpelledDifferentlyIsRejected) {
  std::string token = Codec().Sign(UserPayload());
  constexpr std::string_view kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const size_t index = kAlphabet.find(token.back());
  ASSERT_NE(index, std::string_view::npos);
  token.back() = kAlphabet[index ^ 1];  // same 4 data bits, other unused bits
  EXPECT_FALSE(Codec().Verify(token));
}

TEST(JwtCodec, AbsentListsStayAbsent) {
  auto payload = UserPayload();
  payload.network_ids.reset();
  payload.device_type_ids.reset();
  payload.type = TokenType::kRefresh;
  const auto verified = Codec().Verify(Codec().Sign(payload));
  ASSERT_TRUE(verified);
  EXPECT_EQ(verified->network_ids, std::nullopt);
  EXPECT_EQ(verified->device_type_ids, std::nullopt);
  EXPECT_EQ(verified->type, TokenType::kRefresh);
}

TEST(JwtCodec, SignedPluginTokenVerifies) {
  TokenPayload payload;
  payload.topic = "plugin_topic_abc";
  payload.actions = {16};
  payload.expiration = core::FromEpochMs(kYear2100Ms);
  const auto verified = Codec().Verify(Codec().Sign(payload));
  ASSERT_TRUE(verified);
  EXPECT_EQ(verified->user_id, std::nullopt);
  EXPECT_EQ(verified->topic, "plugin_topic_abc");
  EXPECT_EQ(verified->actions, std::vector<int>{16});
}

TEST(JwtCodec, TokenSignedOutsideOurCodeVerifies) {
  const auto verified = Codec("devicehive").Verify(kKnownGoodToken);
  ASSERT_TRUE(verified);
  EXPECT_EQ(verified->user_id, 1);
  EXPECT_EQ(verified->actions, std::vector<int>{0});
  EXPECT_EQ(verified->network_ids, std::vector<std::string>{"*"});
  EXPECT_EQ(verified->device_type_ids, std::vector<std::string>{"*"});
  EXPECT_EQ(core::ToEpochMs(verified->expiration), kYear2100Ms);
  EXPECT_EQ(verified->type, TokenType::kAccess);
}

TEST(JwtCodec, PluginTokenSignedOutsideOurCodeVerifies) {
  const auto verified = Codec().Verify(kPluginToken);
  ASSERT_TRUE(verified);
  EXPECT_EQ(verified->topic, "plugin_topic_x");
  EXPECT_EQ(verified->type, TokenType::kRefresh);
}

TEST(JwtCodec, OurSignatureMatchesTheIndependentOne) {
  TokenPayload payload;
  payload.user_id = 1;
  payload.actions = {0};
  payload.network_ids = std::vector<std::string>{"*"};
  payload.device_type_ids = std::vector<std::string>{"*"};
  payload.expiration = core::FromEpochMs(kYear2100Ms);
  EXPECT_EQ(Codec().Sign(payload), kKnownGoodToken);
}

TEST(JwtCodec, OtherKeyRejectsTheToken) {
  EXPECT_FALSE(Codec("secret").Verify(kKnownGoodToken));
  EXPECT_FALSE(Codec("anothersecret").Verify(Codec("devicehive").Sign(UserPayload())));
}

TEST(JwtCodec, RejectsTamperedPayload) {
  const std::string token(kKnownGoodToken);
  const auto first = token.find('.');
  const auto last = token.rfind('.');
  // Same claims with u = 2.
  const std::string forged_claims = Base64UrlEncode(
      R"({"payload":{"u":2,"a":[0],"n":["*"],"dt":["*"],"e":4102444800000,"t":1}})");
  const std::string forged = token.substr(0, first + 1) + forged_claims + token.substr(last);
  EXPECT_FALSE(Codec().Verify(forged));
}

TEST(JwtCodec, RejectsTamperedSignature) {
  std::string token(kKnownGoodToken);
  const auto middle = token.rfind('.') + 10;
  token[middle] = token[middle] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(Codec().Verify(token));
}

TEST(JwtCodec, RejectsTruncatedSignature) {
  std::string token(kKnownGoodToken);
  token.resize(token.size() - 4);
  EXPECT_FALSE(Codec().Verify(token));
  const std::string unsigned_token(kKnownGoodToken.substr(0, kKnownGoodToken.rfind('.') + 1));
  EXPECT_FALSE(Codec().Verify(unsigned_token));
}

TEST(JwtCodec, RejectsAlgNone) { EXPECT_FALSE(Codec().Verify(kAlgNoneToken)); }

TEST(JwtCodec, RejectsOtherAlgorithmEvenWithAValidHs256Signature) {
  EXPECT_FALSE(Codec().Verify(kHs512Token));
}

TEST(JwtCodec, RejectsMissingType) { EXPECT_FALSE(Codec().Verify(kNoTypeToken)); }

TEST(JwtCodec, RejectsMissingExpiration) { EXPECT_FALSE(Codec().Verify(kNoExpirationToken)); }

TEST(JwtCodec, RejectsPayloadWithNeitherUserNorTopic) {
  EXPECT_FALSE(Codec().Verify(kNoSubjectToken));
}

TEST(JwtCodec, RejectsTwoPartToken) {
  const std::string_view two_parts = kKnownGoodToken.substr(0, kKnownGoodToken.rfind('.'));
  EXPECT_FALSE(Codec().Verify(two_parts));
}

TEST(JwtCodec, RejectsMalformedText) {
  EXPECT_FALSE(Codec().Verify(""));
  EXPECT_FALSE(Codec().Verify("."));
  EXPECT_FALSE(Codec().Verify(".."));
  EXPECT_FALSE(Codec().Verify("a.b.c"));
  EXPECT_FALSE(Codec().Verify("not a token"));
}

}  // namespace
}  // namespace dh::auth
