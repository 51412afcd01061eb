#pragma once
// The key that seals ID numbers and mobiles (AES-256-GCM) and keys their blind index, for every
// service that keeps them: --pii-key-file / CAREHUB_PII_KEY_FILE, or the key itself in
// CAREHUB_PII_KEY; with --dev (CAREHUB_DEV) and neither, one made and kept in --data-dir.
#include <CLI/CLI.hpp>

#include <string>

namespace carehub {

struct PiiKeyOptions {
  std::string file;
  bool dev = false;
  std::string data_dir = "data";
};
void AddPiiKeyFlags(CLI::App& app, PiiKeyOptions& options);
// The raw key; std::runtime_error when none is configured (never a built-in fallback).
std::string LoadPiiKey(const PiiKeyOptions& options);

}  // namespace carehub
