// carehub-token-bench: what the gateway's admission spends verifying one bearer token, with
// Google Benchmark: HS256 (CareHub's own key), RS256 (RSA 2048) and ES256 (P-256) from a
// provider's key set, through the same JwtVerifier::Verify a call's admission makes (parse,
// signature, claims), for a token seen the first time and for one verified before (taken from the
// verifier's cache). Admission runs on the gateway's completion-queue threads, so this is CPU a
// call costs there.
//
//   carehub-token-bench [Google Benchmark flags, e.g. --benchmark_min_time=2s]
#include <benchmark/benchmark.h>

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "services/gateway/jwt.h"
#include "tests/support/jws_signer.h"

namespace {

using carehub::gateway::JwtOptions;
using carehub::gateway::JwtVerifier;
using carehub::gateway::KeySet;
using carehub::testing::JwsSigner;
using Clock = std::chrono::system_clock;

const std::string kIssuer = "https://sso.example.gov.cn/realms/fulian";
const std::string kHsKey(32, 'k');

// A token's claims, valid for the run. A provider's carries its other roles too; CareHub's own
// HS256 tokens name only CareHub roles.
nlohmann::json Claims(const std::vector<std::string>& roles = {"offline_access", "officer", "uma_authorization"}) {
  auto exp =
      std::chrono::duration_cast<std::chrono::seconds>((Clock::now() + std::chrono::hours(1)).time_since_epoch());
  return {
      {"sub", "wang.fang"}, {"iss", kIssuer}, {"exp", exp.count()}, {"roles", roles}, {"division_prefix", "500116"}};
}

struct Provider {
  JwsSigner rsa{JwsSigner::Kind::kRsa, "rsa-2026"};
  JwsSigner ec{JwsSigner::Kind::kEc, "ec-2026"};
  JwtOptions options = Options();

  JwtOptions Options() const {
    nlohmann::json doc = {{"keys", {rsa.PublicJwk(), ec.PublicJwk()}}};
    JwtOptions o;
    o.key = kHsKey;
    o.issuer = kIssuer;
    o.jwks = KeySet::FromJson(doc.dump(), "bench");
    return o;
  }
};

Provider& TheProvider() {
  static Provider p;
  return p;
}

// "first": a token the verifier has not seen (a fresh verifier each time, which costs well under
// a microsecond beside the check); "again": the same token on every call, as a client sends it.
void Verify(benchmark::State& state, const std::string& token, bool first) {
  const JwtVerifier warm(TheProvider().options);
  std::string why;
  for (auto _ : state) {
    std::optional<carehub::Principal> principal;
    if (first) {
      principal = JwtVerifier(TheProvider().options).Verify(token, Clock::now(), &why);
    } else {
      principal = warm.Verify(token, Clock::now(), &why);
    }
    if (!principal) {
      state.SkipWithError(("token refused: " + why).c_str());
      break;
    }
    benchmark::DoNotOptimize(principal);
  }
}

std::string Hs256() { return carehub::gateway::SignJwt(Claims({"officer"}).dump(), kHsKey); }
std::string Rs256() { return TheProvider().rsa.Sign(Claims()); }
std::string Es256() { return TheProvider().ec.Sign(Claims()); }

BENCHMARK_CAPTURE(Verify, HS256_first, Hs256(), true)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(Verify, RS256_first, Rs256(), true)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(Verify, ES256_first, Es256(), true)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(Verify, HS256_again, Hs256(), false)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(Verify, RS256_again, Rs256(), false)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(Verify, ES256_again, Es256(), false)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
