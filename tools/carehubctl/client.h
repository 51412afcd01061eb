#pragma once
// What every carehubctl command shares: the connection options, calls with the key and a
// deadline, JSON answers, and calling any method of any linked CareHub service by name.
#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>
#include <grpcpp/grpcpp.h>

#include <CLI/CLI.hpp>

#include <sys/stat.h>

#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "tools/carehubctl/progress.h"

namespace carehub::ctl {

struct Connection {
  std::string addr = "127.0.0.1:7000";
  std::string tls_ca_file;
  std::string api_key;
  int timeout_ms = 0;  // 0: 10 s a call, 10 minutes an import; given, it holds for every call
};

// The state a command leaves for main(): its exit code.
struct Cli {
  Connection conn;
  std::string context{};  // the context applied, if any
  int rc = 0;
};

std::shared_ptr<grpc::Channel> Channel(const Connection& c);
// The API key and the deadline on a call's context.
void Prepare(grpc::ClientContext& ctx, const Connection& c);
// Prints the answer in the chosen format (output.h) and returns 0, or the error on stderr and 1.
int PrintOrFail(const grpc::Status& s, const google::protobuf::Message& m);

// A unary method of a linked CareHub schema: "carehub.registry.v1.RegistryService.UpdateChild",
// "RegistryService.UpdateChild" or a bare "UpdateChild" when only one service has it; nullptr
// (with the reason in `why`) otherwise.
const google::protobuf::MethodDescriptor* FindUnaryMethod(const std::string& name, std::string* why);
// Calls `method` with its request as JSON (proto field names) and prints the answer; a request
// with a request_id field gets a fresh one unless the JSON names one.
int CallJson(const Connection& c, const std::string& method, const std::string& json);

// Adds an option whose value is one of an enum's words (enum_words.h), stored as its number.
CLI::Option* AddEnumOption(CLI::App* cmd, const std::string& flag, int& value,
                           const google::protobuf::EnumDescriptor* e, const std::string& help);

// A command `name ID [--note NOTE]` sending {"id", "note"} to `method`.
void AddDecision(CLI::App* group, Cli& cli, const char* name, const char* help, const char* method, bool note_required);
// `get ID` (or `show ID` when `field` is not "id") sending {field: ID} to `method`.
void AddGet(CLI::App* group, Cli& cli, const char* method, const char* field);

// Sends the file at `path` through an upload stream in 64 KiB chunks, the last one marked (the
// server applies only a file that arrived whole), then closes the writing side, drawing a
// progress bar on a terminal. False, with the reason on stderr, when the file cannot be read.
template <typename Chunk>
bool SendFile(const std::string& path, grpc::ClientWriter<Chunk>& writer) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) {
    std::cerr << "error: cannot open " << path << "\n";
    writer.WritesDone();
    return false;
  }
  Progress bar("sending " + path, static_cast<int64_t>(in.tellg()));
  in.seekg(0);
  std::vector<char> buf(64 * 1024);
  Chunk chunk;
  int64_t sent = 0;
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    std::streamsize n = in.gcount();  // before peek(), which resets it
    chunk.set_data(buf.data(), static_cast<size_t>(n));
    chunk.set_last(in.peek() == std::char_traits<char>::eof());
    // The server may answer early (a bad header, say), or Ctrl-C cancelled the call: then there
    // is nothing more to send.
    if (!writer.Write(chunk)) break;
    bar.Set(sent += n);
    if (chunk.last()) break;
  }
  writer.WritesDone();
  return true;
}

// An upload from start to answer: sends `path` on `writer` (opened on `ctx`), waits for the
// server's `summary` and prints it. Ctrl-C cancels the call and says what the server keeps
// (`kept`); returns 0, 1 (failed) or kInterruptedExit.
template <typename Chunk>
int Upload(const std::string& path, grpc::ClientContext& ctx, grpc::ClientWriter<Chunk>& writer,
           const google::protobuf::Message& summary, const std::string& kept) {
  CancelOnInterrupt interrupt(ctx);
  if (!SendFile(path, writer)) {
    ctx.TryCancel();
    writer.Finish();
    return 1;
  }
  grpc::Status status;
  {
    // gRPC buffers the last megabytes sent: the server is still working through them.
    Progress bar(path + " sent; the server is storing the rest", 0);
    bar.Tick();
    status = writer.Finish();
  }
  if (interrupt.interrupted()) {
    std::cerr << "cancelled: " << kept << "\n";
    return kInterruptedExit;
  }
  return PrintOrFail(status, summary);
}

// Yuan as typed ("10000", "99.50") in fen; CLI::ValidationError naming `flag` otherwise.
int64_t YuanFlag(const std::string& yuan, const std::string& flag);

// A long call (an upload, a download, a batch): 10 minutes unless --timeout-ms says otherwise.
void PrepareLong(grpc::ClientContext& ctx, const Connection& c);

// Downloads a streamed file (`open` starts the call on the context it is given) to `path`,
// readable by its owner only (bank files carry account numbers) and renamed into place only when
// whole, so a file cut off never looks like a finished one. Prints the byte count to stderr.
template <typename Chunk>
int DownloadTo(const Connection& conn, const std::string& path,
               const std::function<std::unique_ptr<grpc::ClientReader<Chunk>>(grpc::ClientContext*)>& open) {
  grpc::ClientContext ctx;
  PrepareLong(ctx, conn);
  CancelOnInterrupt interrupt(ctx);
  auto reader = open(&ctx);
  std::string tmp = path + ".part";
  std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
  if (!out) {
    std::cerr << "error: cannot write " << tmp << "\n";
    ctx.TryCancel();
    reader->Finish();
    return 1;
  }
  ::chmod(tmp.c_str(), 0600);
  Chunk chunk;
  int64_t bytes = 0;
  {
    Progress bar("receiving " + path, 0);
    bar.Tick();  // the server may build for a while before the first byte
    while (reader->Read(&chunk)) {
      out << chunk.data();
      bar.Set(bytes += static_cast<int64_t>(chunk.data().size()));
    }
  }
  out.close();
  auto s = reader->Finish();
  if (!s.ok() || interrupt.interrupted()) {
    std::remove(tmp.c_str());
    if (interrupt.interrupted()) {
      std::cerr << "cancelled: nothing was written to " << path << "\n";
      return kInterruptedExit;
    }
    return PrintOrFail(s, chunk);
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::cerr << "error: cannot write " << path << "\n";
    return 1;
  }
  std::cerr << "wrote " << bytes << " bytes to " << path << "\n";
  return 0;
}

}  // namespace carehub::ctl
