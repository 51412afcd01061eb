#include <cstdlib>

#include "common/crypto.h"
#include "common/server.h"
#include "services/registry/registry_service.h"

namespace carehub {
const std::vector<db::Migration>& RegistryMigrations(db::Backend backend);
}

int main(int argc, char** argv) {
  std::string pii_key_file;
  carehub::BackendSpec spec;
  spec.name = "carehub-registry";
  spec.default_listen = "127.0.0.1:7101";
  spec.default_db_url = "sqlite://data/registry.db";
  spec.migrations = carehub::RegistryMigrations;
  spec.add_flags = [&](CLI::App& app) {
    app.add_option("--pii-key-file", pii_key_file,
                   "file holding the key that encrypts ID numbers and mobiles (64 hex characters); "
                   "or set CAREHUB_PII_KEY to the key itself")
        ->envname("CAREHUB_PII_KEY_FILE");
  };
  spec.make_service = [&](carehub::BackendRuntime& rt) -> std::unique_ptr<grpc::Service> {
    std::string key;
    if (!pii_key_file.empty()) {
      key = carehub::crypto::LoadKeyFile(pii_key_file);
    } else if (const char* env = std::getenv("CAREHUB_PII_KEY"); env && *env) {
      key = carehub::crypto::ParseHexKey(env, "CAREHUB_PII_KEY");
    } else {
      // Never fall back to a built-in key: ID numbers of children would be as good as plain.
      throw std::runtime_error("no PII key: set --pii-key-file, CAREHUB_PII_KEY_FILE or CAREHUB_PII_KEY");
    }
    return std::make_unique<carehub::registry::RegistryServiceImpl>(rt, key);
  };
  return carehub::RunBackend(argc, argv, spec);
}
