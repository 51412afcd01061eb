// The gateway's API key store and routing table, without a backend.
#include <gtest/gtest.h>

#include "common/crypto.h"
#include "services/gateway/api_keys.h"
#include "services/gateway/routes.h"

namespace carehub {
namespace {

TEST(Gateway, ApiKeyStore) {
  auto k = gateway::GenerateApiKey();
  std::string json = R"({"api_keys":[{"name":"a","sha256":")" + k.sha256 +
                     R"(","subject":"s","roles":["officer"],"division_prefix":"500116"}]})";
  auto store = gateway::ApiKeyStore::FromJson(json, "test");
  auto p = store.Authenticate(k.key);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->subject, "s");
  EXPECT_FALSE(store.Authenticate(k.key + "x"));
  EXPECT_FALSE(store.Authenticate(""));
  EXPECT_FALSE(store.Authenticate(k.sha256));  // the stored hash is not itself a key
  EXPECT_THROW(gateway::ApiKeyStore::FromJson(R"({"api_keys":[{"sha256":"00","subject":"s","roles":["x"]}]})", "t"),
               std::runtime_error);
  EXPECT_THROW(gateway::ApiKeyStore::FromJson("not json", "t"), std::runtime_error);
}

TEST(Gateway, Routes) {
  EXPECT_EQ(gateway::ServiceOfMethod("/carehub.registry.v1.RegistryService/GetChild").value(),
            "carehub.registry.v1.RegistryService");
  EXPECT_FALSE(gateway::ServiceOfMethod("nonsense"));
  gateway::Router r(std::vector<gateway::Route>{{"carehub.registry", "127.0.0.1:1"}});
  EXPECT_TRUE(r.ChannelFor("/carehub.registry.v1.RegistryService/GetChild"));
  EXPECT_FALSE(r.ChannelFor("/carehub.registryx.v1.S/M"));
  EXPECT_FALSE(r.ChannelFor("/carehub.funds.v1.FundsService/GetServiceInfo"));
  EXPECT_THROW(gateway::ParseRoute("carehub.registry"), std::runtime_error);
}

}  // namespace
}  // namespace carehub
