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

TEST(Gateway, ClientCertificateEntriesStandBesideKeys) {
  auto k = gateway::GenerateApiKey();
  std::string json = R"({"api_keys":[{"name":"a","sha256":")" + k.sha256 +
                     R"(","subject":"s","roles":["officer"]},
      {"name":"sync","certificate_subject":"CN=civil-affairs-sync,O=Civil Affairs","subject":"sync",
       "roles":["integration"],"division_prefix":"500116"},
      {"name":"old","certificate_subject":"CN=old-sync","subject":"old","roles":["integration"],
       "expires_at":"2020-01-01T00:00:00Z"}]})";
  auto store = gateway::ApiKeyStore::FromJson(json, "test");
  EXPECT_EQ(store.size(), 3u);
  std::string why;
  auto now = std::chrono::system_clock::now();
  auto p = store.AuthenticateCertificate("CN=civil-affairs-sync,O=Civil Affairs", now, &why);
  ASSERT_TRUE(p) << why;
  EXPECT_EQ(p->subject, "sync");
  EXPECT_EQ(p->division_prefix, "500116");
  EXPECT_FALSE(store.AuthenticateCertificate("CN=civil-affairs-sync", now, &why));
  EXPECT_EQ(why, "client certificate CN=civil-affairs-sync is not registered");
  EXPECT_FALSE(store.AuthenticateCertificate("CN=old-sync", now, &why));
  EXPECT_EQ(why, "client certificate's entry expired");
  EXPECT_FALSE(store.Authenticate("CN=civil-affairs-sync,O=Civil Affairs", now, &why)) << "a subject is not a key";
  auto error = [](const std::string& entry) {
    try {
      gateway::ApiKeyStore::FromJson(R"({"api_keys":[)" + entry + "]}", "keys.json");
    } catch (const std::runtime_error& e) {
      return std::string(e.what());
    }
    return std::string("loaded");
  };
  EXPECT_EQ(error(R"({"subject":"s","roles":["officer"]})"),
            "API keys file keys.json: entry 0 needs either \"sha256\" (an API key) or \"certificate_subject\" (a "
            "client certificate)");
  EXPECT_EQ(error(R"({"sha256":")" + k.sha256 + R"(","certificate_subject":"CN=x","subject":"s","roles":["officer"]})"),
            "API keys file keys.json: entry 0 needs either \"sha256\" (an API key) or \"certificate_subject\" (a "
            "client certificate)");
  EXPECT_EQ(error(R"({"certificate_subject":"sync","subject":"s","roles":["officer"]})"),
            "API keys file keys.json: entry 0: \"certificate_subject\" must look like CN=name,O=organisation");
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
