// The gateway's decisions, as plain functions: tokens, key expiry, the role table, rate limits.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "common/crypto.h"
#include "services/gateway/api_keys.h"
#include "services/gateway/jwt.h"
#include "services/gateway/rate_limit.h"
#include "services/gateway/roles.h"

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
