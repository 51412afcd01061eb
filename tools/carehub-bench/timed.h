#pragma once
// What every carehub-bench operation shares: timing `n` calls on a pool of client threads, and
// principals signed as the gateway signs them for calling a backend directly.
#include <grpcpp/grpcpp.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "common/ids.h"
#include "common/service_client.h"

namespace carehub::bench {

// Runs `op(i)` for i in [0, n) on `threads` threads; prints rate and latency percentiles.
inline nlohmann::json Timed(const std::string& name, int n, int threads, const std::function<bool(int)>& op) {
  std::vector<double> ms;
  std::mutex mu;
  std::atomic<int> next{0}, failed{0};
  auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      std::vector<double> mine;
      for (int i = next++; i < n; i = next++) {
        auto t0 = std::chrono::steady_clock::now();
        if (!op(i)) ++failed;
        mine.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
      }
      std::lock_guard lock(mu);
      ms.insert(ms.end(), mine.begin(), mine.end());
    });
  }
  for (auto& t : pool) t.join();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::sort(ms.begin(), ms.end());
  auto pct = [&](double p) {
    return ms.empty() ? 0.0 : ms[std::min(ms.size() - 1, static_cast<size_t>(p * ms.size()))];
  };
  nlohmann::json j = {{"op", name},
                      {"n", n},
                      {"failed", failed.load()},
                      {"concurrency", threads},
                      {"per_s", n / seconds},
                      {"p50_ms", pct(0.5)},
                      {"p99_ms", pct(0.99)}};
  std::cout << j.dump() << std::endl;
  return j;
}

// Sends `file` up a client stream in 64 KiB chunks, the last one marked (servers apply only a
// file that arrived whole), then closes the writing side.
template <typename Chunk>
void Upload(grpc::ClientWriter<Chunk>& writer, const std::string& file) {
  Chunk chunk;
  for (size_t at = 0; at < file.size(); at += 64 * 1024) {
    chunk.set_data(file.substr(at, 64 * 1024));
    chunk.set_last(at + 64 * 1024 >= file.size());
    if (!writer.Write(chunk)) break;  // the server answered early: nothing more to send
  }
  writer.WritesDone();
}

// A call to a backend as `role` of Jiangjin (500116), signed with the internal key.
// A call context carrying `p`, signed with the internal key.
inline std::unique_ptr<grpc::ClientContext> Signed(const std::string& key, const Principal& p,
                                                   std::chrono::seconds deadline) {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->set_deadline(std::chrono::system_clock::now() + deadline);
  AttachPrincipal(*ctx, p, key);
  return ctx;
}

inline std::unique_ptr<grpc::ClientContext> SignedAs(const std::string& key, const std::string& role,
                                                     std::vector<std::string> more_roles = {},
                                                     std::chrono::seconds deadline = std::chrono::seconds(60)) {
  more_roles.insert(more_roles.begin(), role);
  return Signed(key, Principal{"bench-" + role, more_roles, "500116", NewId("rq")}, deadline);
}

}  // namespace carehub::bench
