#include "auth/jwt.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <stdexcept>

#include "auth/base64.hpp"
#include "core/json_read.hpp"
#include "core/json_writer.hpp"

namespace dh::auth {
namespace {

constexpr std::string_view kHeaderSegment = "eyJhbGciOiJIUzI1NiJ9";  // {"alg":"HS256"}

std::optional<boost::json::object> DecodeObject(std::string_view segment) {
  auto bytes = Base64UrlDecode(segment);
  if (!bytes) return std::nullopt;
  boost::system::error_code ec;
  auto value = boost::json::parse(*bytes, ec);
  if (ec || !value.is_object()) return std::nullopt;
  return std::move(value.get_object());
}

// `n` / `dt`: strings, or numbers written as their decimal text.
std::optional<std::optional<std::vector<std::string>>> ReadIdList(const boost::json::object& o,
                                                                  std::string_view key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr || v->is_null()) return std::optional<std::vector<std::string>>();
  if (!v->is_array()) return std::nullopt;
  std::vector<std::string> ids;
  for (const auto& item : v->get_array()) {
    if (item.is_string()) {
      ids.emplace_back(item.get_string());
    } else if (auto n = core::AsInt64(item)) {
      ids.push_back(std::to_string(*n));
    } else {
      return std::nullopt;
    }
  }
  return std::optional<std::vector<std::string>>(std::move(ids));
}

std::optional<TokenPayload> ReadPayload(const boost::json::object& claims) {
  const auto* p = claims.if_contains("payload");
  if (p == nullptr || !p->is_object()) return std::nullopt;
  const auto& o = p->get_object();
  TokenPayload payload;
  if (const auto* u = o.if_contains("u"); u != nullptr && !u->is_null()) {
    payload.user_id = core::AsInt64(*u);
    if (!payload.user_id) return std::nullopt;
  } else if (const auto* tpc = o.if_contains("tpc"); tpc != nullptr && tpc->is_string()) {
    payload.topic = std::string(tpc->get_string());
  } else {
    return std::nullopt;
  }
  const auto* t = o.if_contains("t");
  const auto* e = o.if_contains("e");
  if (t == nullptr || e == nullptr) return std::nullopt;
  const auto type = core::AsInt64(*t);
  if (!type || (*type != 0 && *type != 1)) return std::nullopt;
  payload.type = static_cast<TokenType>(*type);
  if (auto ms = core::AsInt64(*e)) {
    payload.expiration = core::FromEpochMs(*ms);
  } else if (auto ts = e->is_string() ? core::ParseTimestamp(e->get_string()) : std::nullopt) {
    payload.expiration = *ts;
  } else {
    return std::nullopt;
  }
  if (const auto* a = o.if_contains("a"); a != nullptr && !a->is_null()) {
    if (!a->is_array()) return std::nullopt;
    for (const auto& item : a->get_array()) {
      auto id = core::AsInt64(item);
      if (!id) return std::nullopt;
      payload.actions.push_back(static_cast<int>(*id));
    }
  }
  auto networks = ReadIdList(o, "n");
  auto device_types = ReadIdList(o, "dt");
  if (!networks || !device_types) return std::nullopt;
  payload.network_ids = std::move(*networks);
  payload.device_type_ids = std::move(*device_types);
  return payload;
}

void WriteIdList(core::JsonWriter& w, std::string_view key,
                 const std::optional<std::vector<std::string>>& ids) {
  if (!ids) return;
  w.Key(key);
  w.BeginArray();
  for (const auto& id : *ids) w.String(id);
  w.EndArray();
}

}  // namespace

core::Result<JwtCodec> JwtCodec::FromSecret(std::string_view secret) {
  auto key = DecodeSecretKey(secret);
  if (key.empty()) {
    return core::Fail(core::Errc::kBadRequest,
                      "the JWT secret decodes to an empty key (it needs at least 4 Base64 "
                      "characters, as DeviceHive decodes it)");
  }
  return JwtCodec(std::move(key));
}

// One keyed HMAC context per thread: fetching the algorithm and keying it cost more than
// hashing a token, so a context is re-keyed only when another codec's key is used.
std::string JwtCodec::Hmac(std::string_view data) const {
  struct Context {
    EVP_MAC_CTX* ctx = nullptr;
    std::string key;
    ~Context() { EVP_MAC_CTX_free(ctx); }
  };
  thread_local Context cached;
  if (cached.ctx == nullptr) {
    EVP_MAC* hmac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    cached.ctx = EVP_MAC_CTX_new(hmac);
    EVP_MAC_free(hmac);
    cached.key.clear();
  }
  char digest_name[] = "SHA256";
  const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string("digest", digest_name, 0),
                               OSSL_PARAM_construct_end()};
  const bool rekey = cached.key != key_;
  const int initialised =
      rekey ? EVP_MAC_init(cached.ctx, reinterpret_cast<const unsigned char*>(key_.data()),
                           key_.size(), params)
            : EVP_MAC_init(cached.ctx, nullptr, 0, nullptr);
  unsigned char mac[EVP_MAX_MD_SIZE];
  size_t mac_size = 0;
  if (initialised != 1 ||
      EVP_MAC_update(cached.ctx, reinterpret_cast<const unsigned char*>(data.data()),
                     data.size()) != 1 ||
      EVP_MAC_final(cached.ctx, mac, &mac_size, sizeof mac) != 1) {
    cached.key.clear();
    throw std::runtime_error("HMAC-SHA256 failed");  // OpenSSL misconfigured: a bug, not input
  }
  if (rekey) cached.key = key_;
  return std::string(reinterpret_cast<const char*>(mac), mac_size);
}

std::string JwtCodec::Sign(const TokenPayload& payload) const {
  std::string claims;
  core::JsonWriter w(claims);
  w.BeginObject();
  w.Key("payload");
  w.BeginObject();
  if (payload.user_id) w.FieldInt("u", *payload.user_id);
  w.Key("a");
  w.BeginArray();
  for (int id : payload.actions) w.Int(id);
  w.EndArray();
  WriteIdList(w, "n", payload.network_ids);
  WriteIdList(w, "dt", payload.device_type_ids);
  if (payload.topic) w.FieldString("tpc", *payload.topic);
  w.FieldInt("e", core::ToEpochMs(payload.expiration));
  w.FieldInt("t", static_cast<int>(payload.type));
  w.EndObject();
  w.EndObject();

  std::string token(kHeaderSegment);
  token.push_back('.');
  token += Base64UrlEncode(claims);
  const std::string signature = Hmac(token);
  token.push_back('.');
  token += Base64UrlEncode(signature);
  return token;
}

std::optional<TokenPayload> JwtCodec::Verify(std::string_view token) const {
  const auto first = token.find('.');
  const auto last = token.rfind('.');
  if (first == std::string_view::npos || first == last) return std::nullopt;
  const auto header = DecodeObject(token.substr(0, first));
  if (!header) return std::nullopt;
  const auto* alg = header->if_contains("alg");
  if (alg == nullptr || !alg->is_string() || alg->get_string() != "HS256") return std::nullopt;
  // Compared as text: decoding would let the unused low bits of the last Base64 character
  // vary, so several spellings of one signature would verify.
  const auto signature = token.substr(last + 1);
  const std::string expected = Base64UrlEncode(Hmac(token.substr(0, last)));
  if (signature.size() != expected.size() ||
      CRYPTO_memcmp(signature.data(), expected.data(), expected.size()) != 0) {
    return std::nullopt;
  }
  const auto claims = DecodeObject(token.substr(first + 1, last - first - 1));
  if (!claims) return std::nullopt;
  return ReadPayload(*claims);
}

}  // namespace dh::auth
