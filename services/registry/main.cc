#include <cstdlib>
#include <filesystem>

#include "common/crypto.h"
#include "common/log.h"
#include "common/backend.h"
#include "services/registry/migrations.h"
#include "services/registry/api/registry_api.h"

int main(int argc, char** argv) {
  std::string pii_key_file, data_dir = "data";
  bool dev = false;
  carehub::BackendSpec spec;
  spec.name = "carehub-registry";
  spec.default_listen = "127.0.0.1:7101";
  spec.default_db_url = "sqlite://data/registry.db";
  spec.migrations = carehub::RegistryMigrations;
  // Funds and volunteers read beneficiaries on a caller's behalf; they change nothing here.
  for (const char* peer : {"carehub-funds", "carehub-volunteers"}) {
    spec.relayed_methods[peer] = {"/carehub.registry.v1.RegistryService/GetBeneficiary"};
  }
  spec.add_flags = [&](CLI::App& app) {
    app.add_option("--pii-key-file", pii_key_file,
                   "file holding the key that encrypts ID numbers and mobiles (64 hex characters); "
                   "or set CAREHUB_PII_KEY to the key itself")
        ->envname("CAREHUB_PII_KEY_FILE");
    app.add_flag("--dev", dev,
                 "development mode: without a configured PII key, make one in --data-dir/pii.key (never in production)")
        ->envname("CAREHUB_DEV");
    app.add_option("--data-dir", data_dir, "where --dev keeps the key it makes")
        ->envname("CAREHUB_DATA_DIR")
        ->capture_default_str();
  };
  spec.make_service = [&](carehub::BackendRuntime& rt) -> std::unique_ptr<grpc::Service> {
    std::string key;
    if (!pii_key_file.empty()) {
      key = carehub::crypto::LoadKeyFile(pii_key_file);
    } else if (const char* env = std::getenv("CAREHUB_PII_KEY"); env && *env) {
      key = carehub::crypto::ParseHexKey(env, "CAREHUB_PII_KEY");
    } else if (dev) {
      std::filesystem::create_directories(data_dir);
      std::string path = data_dir + "/pii.key";
      key = carehub::crypto::LoadOrCreateKeyFile(path);
      carehub::log::Warn("development mode: PII key made and kept locally; production needs --pii-key-file",
                         {{"key_file", path}});
    } else {
      // Never fall back to a built-in key: ID numbers of children would be as good as plain.
      throw std::runtime_error(
          "no PII key: set --pii-key-file, CAREHUB_PII_KEY_FILE or CAREHUB_PII_KEY (or --dev for a development key)");
    }
    return std::make_unique<carehub::registry::RegistryApi>(rt, key);
  };
  return carehub::RunBackend(argc, argv, spec);
}
