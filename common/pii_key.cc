#include "common/pii_key.h"

#include <cstdlib>
#include <filesystem>

#include "common/crypto.h"
#include "common/log.h"

namespace carehub {

void AddPiiKeyFlags(CLI::App& app, PiiKeyOptions& o) {
  app.add_option("--pii-key-file", o.file,
                 "file holding the key that encrypts ID numbers and mobiles (64 hex characters); "
                 "or set CAREHUB_PII_KEY to the key itself")
      ->envname("CAREHUB_PII_KEY_FILE");
  app.add_flag("--dev", o.dev,
               "development mode: without a configured PII key, make one in --data-dir/pii.key (never in production)")
      ->envname("CAREHUB_DEV");
  app.add_option("--data-dir", o.data_dir, "where --dev keeps the key it makes")
      ->envname("CAREHUB_DATA_DIR")
      ->capture_default_str();
}

std::string LoadPiiKey(const PiiKeyOptions& o) {
  if (!o.file.empty()) return crypto::LoadKeyFile(o.file);
  if (const char* env = std::getenv("CAREHUB_PII_KEY"); env && *env) return crypto::ParseHexKey(env, "CAREHUB_PII_KEY");
  if (!o.dev) {
    // Never fall back to a built-in key: ID numbers of children would be as good as plain.
    throw std::runtime_error(
        "no PII key: set --pii-key-file, CAREHUB_PII_KEY_FILE or CAREHUB_PII_KEY (or --dev for a development key)");
  }
  std::filesystem::create_directories(o.data_dir);
  std::string path = o.data_dir + "/pii.key";
  std::string key = crypto::LoadOrCreateKeyFile(path);
  log::Warn("development mode: PII key made and kept locally; production needs --pii-key-file", {{"key_file", path}});
  return key;
}

}  // namespace carehub
