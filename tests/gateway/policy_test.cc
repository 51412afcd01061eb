// The gateway's decisions, as plain functions: tokens, key expiry, the role table, rate limits.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "common/crypto.h"
#include "services/gateway/api_keys.h"
#include "services/gateway/jwt.h"
#include "services/gateway/rate_limit.h"
#include "services/gateway/roles.h"
#include "tests/support/jws_signer.h"

namespace carehub::gateway {
namespace {

using std::chrono::seconds;
using Clock = std::chrono::system_clock;

class JwtTest : public ::testing::Test {
 protected:
  std::string key_ = crypto::RandomBytes(32);
  Clock::time_point now_ = Clock::now();
  JwtVerifier verifier_{JwtOptions{key_, "carehub-idp", "carehub", seconds(60)}};

  int64_t At(seconds offset) { return std::chrono::duration_cast<seconds>((now_ + offset).time_since_epoch()).count(); }
  nlohmann::json Claims() {
    return {{"sub", "sys-civil-affairs"}, {"roles", {"officer"}}, {"division_prefix", "500116"},
            {"iss", "carehub-idp"},       {"aud", "carehub"},     {"exp", At(seconds(600))}};
  }
  std::string Why(const std::string& token) {
    std::string why;
    EXPECT_FALSE(verifier_.Verify(token, now_, &why));
    return why;
  }
};

TEST_F(JwtTest, ValidTokenGivesItsPrincipal) {
  std::string why;
  auto p = verifier_.Verify(SignJwt(Claims().dump(), key_), now_, &why);
  ASSERT_TRUE(p) << why;
  EXPECT_EQ(p->subject, "sys-civil-affairs");
  EXPECT_EQ(p->roles, std::vector<std::string>{"officer"});
  EXPECT_EQ(p->division_prefix, "500116");
  auto c = Claims();
  c["aud"] = {"other", "carehub"};
  EXPECT_TRUE(verifier_.Verify(SignJwt(c.dump(), key_), now_, &why)) << why;
}

TEST_F(JwtTest, EveryFailureModeIsRefused) {
  auto c = Claims();
  EXPECT_EQ(Why(SignJwt(c.dump(), crypto::RandomBytes(32))), "bad token signature");
  EXPECT_EQ(Why(SignJwt(c.dump(), key_, "none")), "unsupported token algorithm (only HS256)");
  EXPECT_EQ(Why(SignJwt(c.dump(), key_, "HS512")), "unsupported token algorithm (only HS256)");
  EXPECT_EQ(Why(SignJwt(c.dump(), key_, "RS256")), "unsupported token algorithm (only HS256)");
  // alg none with the signature part left empty, as attackers send it.
  std::string unsigned_token = SignJwt(c.dump(), key_, "none");
  unsigned_token = unsigned_token.substr(0, unsigned_token.rfind('.') + 1);
  std::string why;
  EXPECT_FALSE(verifier_.Verify(unsigned_token, now_, &why));
  EXPECT_EQ(Why("not.a.jwt!"), "malformed token");
  EXPECT_EQ(Why("onlyonepart"), "malformed token");
  EXPECT_EQ(Why("a.b.c.d"), "malformed token");

  c = Claims();
  c["exp"] = At(seconds(-61));
  EXPECT_EQ(Why(SignJwt(c.dump(), key_)), "token expired");
  c = Claims();
  c.erase("exp");
  EXPECT_EQ(Why(SignJwt(c.dump(), key_)), "token has no exp");
  c = Claims();
  c["nbf"] = At(seconds(120));
  EXPECT_EQ(Why(SignJwt(c.dump(), key_)), "token not yet valid");
  c = Claims();
  c["iss"] = "someone-else";
  EXPECT_EQ(Why(SignJwt(c.dump(), key_)), "token from another issuer");
  c = Claims();
  c["aud"] = "other";
  EXPECT_EQ(Why(SignJwt(c.dump(), key_)), "token for another audience");
  c = Claims();
  c.erase("division_prefix");
  EXPECT_EQ(Why(SignJwt(c.dump(), key_)), "token has no division_prefix");
  c = Claims();
  c["roles"] = {"superuser"};
  EXPECT_EQ(Why(SignJwt(c.dump(), key_)), "token names an unknown role");
  c = Claims();
  c["sub"] = "";
  EXPECT_EQ(Why(SignJwt(c.dump(), key_)), "token has no subject");
}

TEST_F(JwtTest, ClockSkewIsToleratedWithinBounds) {
  auto c = Claims();
  c["exp"] = At(seconds(-30));  // expired 30 s ago, within the 60 s skew
  std::string why;
  EXPECT_TRUE(verifier_.Verify(SignJwt(c.dump(), key_), now_, &why)) << why;
  c["exp"] = At(seconds(600));
  c["nbf"] = At(seconds(30));  // valid from 30 s from now, within the skew
  EXPECT_TRUE(verifier_.Verify(SignJwt(c.dump(), key_), now_, &why)) << why;
}

// Tokens from an identity provider: RS256 and ES256 by kid from its JWKS, claims where the
// provider puts them (Keycloak: realm_access.roles, a mapped attribute for the reach).
class ProviderJwtTest : public ::testing::Test {
 protected:
  testing::JwsSigner rsa_{testing::JwsSigner::Kind::kRsa, "rsa-2026"};
  testing::JwsSigner ec_{testing::JwsSigner::Kind::kEc, "ec-2026"};
  Clock::time_point now_ = Clock::now();

  std::shared_ptr<const KeySet> Keys(const std::vector<const testing::JwsSigner*>& signers) {
    nlohmann::json doc = {{"keys", nlohmann::json::array()}};
    for (const auto* s : signers) doc["keys"].push_back(s->PublicJwk());
    // What a provider's document also holds: an encryption key, skipped.
    doc["keys"].push_back(
        {{"kid", "enc-1"}, {"kty", "RSA"}, {"use", "enc"}, {"alg", "RSA-OAEP"}, {"n", "AQAB"}, {"e", "AQAB"}});
    return KeySet::FromJson(doc.dump(), "test");
  }
  JwtVerifier Verifier(std::shared_ptr<const KeySet> keys, std::string hs_key = "") {
    JwtOptions o;
    o.key = std::move(hs_key);
    o.issuer = "https://sso.example.gov.cn/realms/fulian";
    o.jwks = std::move(keys);
    o.claims = {"preferred_username", "realm_access.roles", "carehub.division_prefix"};
    return JwtVerifier(o);
  }
  nlohmann::json Claims() {
    auto exp = std::chrono::duration_cast<seconds>((now_ + seconds(300)).time_since_epoch()).count();
    return {{"sub", "f3c2a1d0-uuid"},
            {"preferred_username", "wang.fang"},
            {"iss", "https://sso.example.gov.cn/realms/fulian"},
            {"exp", exp},
            {"realm_access", {{"roles", {"offline_access", "officer", "uma_authorization"}}}},
            {"carehub", {{"division_prefix", "500116"}}}};
  }
};

TEST_F(ProviderJwtTest, Rs256AndEs256TokensFromTheKeySetGiveTheMappedPrincipal) {
  auto v = Verifier(Keys({&rsa_, &ec_}));
  for (const auto* signer : {&rsa_, &ec_}) {
    std::string why;
    auto p = v.Verify(signer->Sign(Claims()), now_, &why);
    ASSERT_TRUE(p) << signer->alg() << ": " << why;
    EXPECT_EQ(p->subject, "wang.fang");
    EXPECT_EQ(p->roles, std::vector<std::string>{"officer"}) << "the provider's other roles are skipped";
    EXPECT_EQ(p->division_prefix, "500116");
  }
}

TEST_F(ProviderJwtTest, UnknownKeysWrongAlgorithmsAndMissingClaimsAreRefused) {
  testing::JwsSigner stranger(testing::JwsSigner::Kind::kRsa, "rsa-2026");  // same kid, other key
  auto v = Verifier(Keys({&rsa_, &ec_}));
  auto why = [&](const std::string& token) {
    std::string w;
    EXPECT_FALSE(v.Verify(token, now_, &w));
    return w;
  };
  EXPECT_EQ(why(stranger.Sign(Claims())), "bad token signature");
  EXPECT_EQ(why(rsa_.Sign(Claims(), "rsa-2025")), "token signed with an unknown key (kid)");
  EXPECT_EQ(why(rsa_.Sign(Claims(), "ec-2026")), "token algorithm does not match its key");
  EXPECT_EQ(why(rsa_.Sign(Claims(), "enc-1")), "token signed with an unknown key (kid)");
  // Algorithm confusion: HS256 keyed with the provider's public key is not even tried.
  EXPECT_EQ(why(SignJwt(Claims().dump(), rsa_.PublicJwk().dump())), "unsupported token algorithm (RS256 or ES256)");
  EXPECT_EQ(why(SignJwt(Claims().dump(), "x", "none")), "unsupported token algorithm (RS256 or ES256)");
  auto c = Claims();
  c["realm_access"]["roles"] = {"offline_access"};
  EXPECT_EQ(why(rsa_.Sign(c)), "token has no CareHub role");
  c = Claims();
  c["carehub"].erase("division_prefix");
  EXPECT_EQ(why(ec_.Sign(c)), "token has no division_prefix");
  c = Claims();
  c["iss"] = "https://evil.example.com/realms/fulian";
  EXPECT_EQ(why(ec_.Sign(c)), "token from another issuer");
  c = Claims();
  c["exp"] = 1000;
  EXPECT_EQ(why(ec_.Sign(c)), "token expired");
}

TEST_F(ProviderJwtTest, HmacTokensStillWorkBesideTheProviderAndStayStrictAboutRoles) {
  std::string hs_key = crypto::RandomBytes(32);
  auto v = Verifier(Keys({&rsa_}), hs_key);
  auto c = Claims();
  std::string why;
  EXPECT_TRUE(v.Verify(rsa_.Sign(c), now_, &why)) << why;
  EXPECT_FALSE(v.Verify(SignJwt(c.dump(), hs_key), now_, &why));
  EXPECT_EQ(why, "token names an unknown role") << "our own tokens name CareHub roles only";
  c["realm_access"]["roles"] = {"officer"};
  EXPECT_TRUE(v.Verify(SignJwt(c.dump(), hs_key), now_, &why)) << why;
}

// A token is verified once and then taken from the verifier's cache: its time still counts on
// every call, only its exact bytes match, and a reload without its key refuses it.
TEST_F(ProviderJwtTest, AVerifiedTokenTakenAgainIsStillHeldToItsTimeItsBytesAndTheKeysOfNow) {
  auto v = Verifier(Keys({&rsa_, &ec_}));
  auto c = Claims();
  c["nbf"] = std::chrono::duration_cast<seconds>((now_ + seconds(120)).time_since_epoch()).count();
  const std::string token = rsa_.Sign(c);
  std::string why;
  EXPECT_FALSE(v.Verify(token, now_, &why));
  EXPECT_EQ(why, "token not yet valid");
  for (int i = 0; i < 2; ++i) {
    auto p = v.Verify(token, now_ + seconds(120), &why);
    ASSERT_TRUE(p) << why;
    EXPECT_EQ(p->subject, "wang.fang");
    EXPECT_EQ(p->roles, std::vector<std::string>{"officer"});
  }
  EXPECT_FALSE(v.Verify(token, now_, &why)) << "verified before, still not valid before its nbf";
  EXPECT_EQ(why, "token not yet valid");
  EXPECT_FALSE(v.Verify(token, now_ + seconds(300 + 60), &why)) << "verified before, expired now";
  EXPECT_EQ(why, "token expired");

  std::string altered = token;
  char& c9 = altered[altered.size() - 10];  // inside the signature, clear of its padding bits
  c9 = c9 == 'A' ? 'B' : 'A';
  EXPECT_FALSE(v.Verify(altered, now_ + seconds(120), &why));
  EXPECT_EQ(why, "bad token signature");

  auto rotated = Verifier(Keys({&ec_}));
  EXPECT_FALSE(rotated.Verify(token, now_ + seconds(120), &why)) << "the key left the set";
  EXPECT_EQ(why, "token signed with an unknown key (kid)");
}

// More live tokens than the cache holds: each still verifies (the cache starts again, bounded).
TEST(JwtVerifier, MoreTokensThanTheCacheHoldsAllStillVerify) {
  std::string key = crypto::RandomBytes(32);
  JwtVerifier v({.key = key});
  auto now = Clock::now();
  auto exp = std::chrono::duration_cast<seconds>((now + seconds(300)).time_since_epoch()).count();
  std::vector<std::string> tokens;
  for (size_t i = 0; i < VerifiedTokens::kMaxEntries + 100; ++i) {
    nlohmann::json c = {
        {"sub", "client-" + std::to_string(i)}, {"exp", exp}, {"roles", {"officer"}}, {"division_prefix", "500116"}};
    tokens.push_back(SignJwt(c.dump(), key));
  }
  std::string why;
  for (int round = 0; round < 2; ++round) {
    for (size_t i = 0; i < tokens.size(); ++i) {
      auto p = v.Verify(tokens[i], now, &why);
      ASSERT_TRUE(p) << why;
      ASSERT_EQ(p->subject, "client-" + std::to_string(i));
    }
  }
}

TEST(KeySet, AFileWithoutUsableKeysOrWithWeakOnesIsRefusedNamingTheEntry) {
  auto error = [](const std::string& json) {
    try {
      KeySet::FromJson(json, "jwks.json");
    } catch (const std::runtime_error& e) {
      return std::string(e.what());
    }
    return std::string("loaded");
  };
  EXPECT_EQ(error("[]"), "jwks.json: expected a JWKS document {\"keys\": [...]}");
  EXPECT_EQ(error(R"({"keys":[]})"), "jwks.json: no RS256 or ES256 signing key");
  // 1024-bit modulus: 128 bytes of base64url.
  std::string n = crypto::Base64UrlEncode(std::string(128, '\x9b'));
  EXPECT_EQ(error(R"({"keys":[{"kid":"a","kty":"RSA","e":"AQAB","n":")" + n + R"("}]})"),
            "jwks.json: keys[0]: RSA keys under 2048 bits are refused");
  testing::JwsSigner ec(testing::JwsSigner::Kind::kEc, "k");
  auto jwk = ec.PublicJwk();
  jwk.erase("kid");
  EXPECT_EQ(error(nlohmann::json{{"keys", {jwk}}}.dump()), "jwks.json: keys[0]: a signing key needs a kid");
  EXPECT_EQ(error(nlohmann::json{{"keys", {ec.PublicJwk(), ec.PublicJwk()}}}.dump()),
            "jwks.json: keys[1]: kid k appears twice");
}

TEST(ApiKeyExpiry, ExpiredKeyIsRefusedAndOthersOfTheSubjectStillWork) {
  auto old_key = GenerateApiKey(), new_key = GenerateApiKey();
  auto store = ApiKeyStore::FromJson(
      R"({"api_keys":[{"name":"old","sha256":")" + old_key.sha256 +
          R"(","subject":"s","roles":["officer"],"division_prefix":"5","expires_at":"2026-01-01T00:00:00Z"},)"
          R"({"name":"new","sha256":")" +
          new_key.sha256 + R"(","subject":"s","roles":["officer"],"division_prefix":"5"}]})",
      "test");
  auto now = *ParseUtcTimestamp("2026-06-01T12:00:00Z");
  std::string why;
  EXPECT_FALSE(store.Authenticate(old_key.key, now, &why));
  EXPECT_EQ(why, "API key expired");
  EXPECT_TRUE(store.Authenticate(old_key.key, *ParseUtcTimestamp("2025-12-31T23:59:59Z")));
  EXPECT_TRUE(store.Authenticate(new_key.key, now));
  EXPECT_FALSE(ParseUtcTimestamp("2026-02-30T00:00:00Z"));
  EXPECT_THROW(ApiKeyStore::FromJson(R"({"api_keys":[{"sha256":")" + old_key.sha256 +
                                         R"(","subject":"s","roles":["officer"],"expires_at":"soon"}]})",
                                     "t"),
               std::runtime_error);
}

TEST(RoleTable, DefaultsFollowTheDesign) {
  auto t = RoleTable::Defaults();
  Principal officer{"o", {"officer"}, "", ""}, auditor{"a", {"auditor"}, "", ""}, coord{"c", {"coordinator"}, "", ""},
      machine{"m", {"integration"}, "", ""}, admin{"x", {"admin"}, "", ""};
  EXPECT_TRUE(t.Allows(officer, "/carehub.registry.v1.RegistryService/CreateChild"));
  EXPECT_FALSE(t.Allows(auditor, "/carehub.registry.v1.RegistryService/CreateChild"));
  EXPECT_TRUE(t.Allows(auditor, "/carehub.registry.v1.RegistryService/ListChildren"));
  EXPECT_TRUE(t.Allows(auditor, "/carehub.funds.v1.FundsService/GetServiceInfo"));
  EXPECT_FALSE(t.Allows(coord, "/carehub.registry.v1.RegistryService/CreateChild"));
  EXPECT_TRUE(t.Allows(coord, "/carehub.registry.v1.RegistryService/GetChild"));
  EXPECT_FALSE(t.Allows(machine, "/carehub.registry.v1.RegistryService/GetChild"));
  EXPECT_TRUE(t.Allows(admin, "/anything.v1.S/M"));
}

TEST(RoleTable, FromJsonAndItsErrors) {
  auto t = RoleTable::FromJson(R"({"roles":{"integration":["/carehub.registry.v1.RegistryService/GetChild"]}})", "t");
  Principal machine{"m", {"integration"}, "", ""};
  EXPECT_TRUE(t.Allows(machine, "/carehub.registry.v1.RegistryService/GetChild"));
  EXPECT_FALSE(t.Allows(machine, "/carehub.registry.v1.RegistryService/GetChildren"));
  EXPECT_THROW(RoleTable::FromJson(R"({"roles":{"wizard":["*"]}})", "t"), std::runtime_error);
  EXPECT_THROW(RoleTable::FromJson(R"({"roles":{"officer":"*"}})", "t"), std::runtime_error);
  EXPECT_THROW(RoleTable::FromJson(R"({"roles":{"officer":["GetChild"]}})", "t"), std::runtime_error);
  EXPECT_THROW(RoleTable::FromJson("[]", "t"), std::runtime_error);
}

TEST(RateLimiter, BurstThenRefusalThenRecovery) {
  RateLimiter limiter({/*per_principal_rps=*/10, /*per_principal_burst=*/5, /*global_rps=*/0, /*global_burst=*/1});
  auto t0 = RateLimiter::Clock::now();
  for (int i = 0; i < 5; ++i) EXPECT_FALSE(limiter.Admit("a", t0)) << i;
  auto wait = limiter.Admit("a", t0);
  ASSERT_TRUE(wait);
  EXPECT_EQ(wait->count(), 100);  // one token every 100 ms at 10/s
  EXPECT_FALSE(limiter.Admit("b", t0)) << "another principal has its own bucket";
  EXPECT_FALSE(limiter.Admit("a", t0 + std::chrono::milliseconds(100)));
  EXPECT_TRUE(limiter.Admit("a", t0 + std::chrono::milliseconds(100)));
  EXPECT_FALSE(limiter.Admit("a", t0 + std::chrono::seconds(10)));
}

TEST(RateLimiter, GlobalBucketCapsEveryoneTogether) {
  RateLimiter limiter({0, 1, /*global_rps=*/1, /*global_burst=*/3});
  auto t0 = RateLimiter::Clock::now();
  EXPECT_FALSE(limiter.Admit("a", t0));
  EXPECT_FALSE(limiter.Admit("b", t0));
  EXPECT_FALSE(limiter.Admit("c", t0));
  EXPECT_TRUE(limiter.Admit("d", t0));
  EXPECT_FALSE(limiter.Admit("d", t0 + std::chrono::seconds(1)));
}

TEST(RateLimiter, RefusedCallsDoNotSpendTheOtherBucket) {
  // A principal over its own limit must not drain the global bucket for everyone else.
  RateLimiter limiter({1, 1, 1, 2});
  auto t0 = RateLimiter::Clock::now();
  EXPECT_FALSE(limiter.Admit("greedy", t0));
  for (int i = 0; i < 10; ++i) EXPECT_TRUE(limiter.Admit("greedy", t0));
  EXPECT_FALSE(limiter.Admit("polite", t0));
}

}  // namespace
}  // namespace carehub::gateway
