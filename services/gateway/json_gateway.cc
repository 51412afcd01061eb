#include "services/gateway/json_gateway.h"

#include "services/gateway/access_log.h"
#include "services/gateway/wire_check.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/util/json_util.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/support/byte_buffer.h>
#include <microhttpd.h>
#include <netdb.h>

#include <condition_variable>
#include <cstring>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>

#include "common/files.h"
#include "common/log.h"
#include "common/rpc.h"

namespace carehub {
const void* const* LinkSchemas_carehub_proto();  // generated: see cmake/CareHubProto.cmake
}

namespace carehub::gateway {
namespace {

std::string ErrorJson(grpc::StatusCode code, const std::string& message) {
  return nlohmann::json{{"code", StatusCodeName(code)}, {"message", message}}.dump(
      -1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string Header(MHD_Connection* conn, const char* name) {
  const char* v = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, name);
  return v ? v : "";
}

// "host:port" or "[v6]:port" as a socket address; throws when it is not numeric.
sockaddr_storage ListenAddress(const std::string& listen) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos) throw std::runtime_error("--http-listen wants host:port, got " + listen);
  std::string host = listen.substr(0, colon), port = listen.substr(colon + 1);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  addrinfo hints{};
  hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV | AI_PASSIVE;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (getaddrinfo(host.empty() ? nullptr : host.c_str(), port.c_str(), &hints, &found) != 0 || !found) {
    throw std::runtime_error("--http-listen wants a numeric host:port, got " + listen);
  }
  sockaddr_storage out{};
  std::memcpy(&out, found->ai_addr, found->ai_addrlen);
  freeaddrinfo(found);
  return out;
}

}  // namespace

std::optional<std::chrono::nanoseconds> ParseGrpcTimeout(std::string_view text) {
  // The gRPC wire format: at most 8 digits and one unit letter.
  if (text.size() < 2 || text.size() > 9) return std::nullopt;
  int64_t value = 0;
  for (char c : text.substr(0, text.size() - 1)) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  using namespace std::chrono;
  switch (text.back()) {
    case 'H':
      return duration_cast<nanoseconds>(hours(value));
    case 'M':
      return duration_cast<nanoseconds>(minutes(value));
    case 'S':
      return duration_cast<nanoseconds>(seconds(value));
    case 'm':
      return duration_cast<nanoseconds>(milliseconds(value));
    case 'u':
      return duration_cast<nanoseconds>(microseconds(value));
    case 'n':
      return nanoseconds(value);
    default:
      return std::nullopt;
  }
}

int JsonGateway::HttpStatusFor(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK:
      return 200;
    case grpc::StatusCode::CANCELLED:
      return 499;
    case grpc::StatusCode::INVALID_ARGUMENT:
    case grpc::StatusCode::FAILED_PRECONDITION:
    case grpc::StatusCode::OUT_OF_RANGE:
      return 400;
    case grpc::StatusCode::UNAUTHENTICATED:
      return 401;
    case grpc::StatusCode::PERMISSION_DENIED:
      return 403;
    case grpc::StatusCode::NOT_FOUND:
      return 404;
    case grpc::StatusCode::ALREADY_EXISTS:
    case grpc::StatusCode::ABORTED:
      return 409;
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return 429;
    case grpc::StatusCode::UNIMPLEMENTED:
      return 501;
    case grpc::StatusCode::UNAVAILABLE:
      return 503;
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return 504;
    default:
      return 500;
  }
}

namespace {

// One POST as it moves through its steps: headers (method, admission, deadline, size), body,
// then the backend call while the connection is suspended, then the answer.
struct Call {
  enum class Step { kBody, kCalling, kAnswered, kDone };  // kDone: the answer is queued
  std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
  MHD_Connection* conn = nullptr;
  std::string method{}, subject{};
  CallIdentity identity{};
  Step step = Step::kBody;
  grpc::Status status{};  // not OK: answered with this
  int http_status = 0;    // when not the status's usual one
  std::chrono::system_clock::time_point deadline = std::chrono::system_clock::time_point::max();
  const google::protobuf::MethodDescriptor* md = nullptr;
  Admission admission{};
  std::string body{};
  size_t received = 0;  // body bytes read, kept or dropped
  bool too_large = false;
  // The backend call, alive until its callback has run.
  grpc::ClientContext ctx{};
  grpc::ByteBuffer send{}, receive{};
  std::string answer{};  // JSON
};

}  // namespace

// The libmicrohttpd daemon and the calls it has in flight.
class JsonGateway::Server {
 public:
  Server(Proxy& proxy, const Options& options);
  ~Server();

 private:
  static constexpr unsigned kThreads = 4, kIdleSeconds = 5, kConnectionsPerClient = 32, kConnections = 1024;
  static constexpr size_t kDrainBytes = 1 << 20;  // read past the body limit before cutting off

  static MHD_Result OnRequest(void* self, MHD_Connection* conn, const char* url, const char* method, const char*,
                              const char* upload, size_t* upload_size, void** state);
  static void Completed(void*, MHD_Connection*, void** state, MHD_RequestTerminationCode);
  void Begin(Call& call);
  void TooLarge(Call& call) const;
  size_t DrainLimit() const;
  bool ReadDeadline(Call& call) const;
  MHD_Result Send(Call& call);
  void Received(Call& call, grpc::Status s);
  MHD_Result Answer(Call& call, int http = 0);

  Proxy& proxy_;
  const Options options_;
  std::string cert_pem_, key_pem_;  // MHD keeps pointers to them
  MHD_Daemon* daemon_ = nullptr;
  std::mutex mu_;
  std::condition_variable idle_;
  std::set<Call*> calling_;  // suspended on a backend call
};

JsonGateway::JsonGateway(Proxy& proxy, const Options& options) : server_(std::make_unique<Server>(proxy, options)) {}
JsonGateway::~JsonGateway() = default;

JsonGateway::Server::Server(Proxy& proxy, const Options& options) : proxy_(proxy), options_(options) {
  // Every CareHub schema must be in the generated pool for methods to be found by name.
  (void)LinkSchemas_carehub_proto();
  sockaddr_storage address = ListenAddress(options_.listen);
  bool tls = !options_.tls_cert_file.empty();
  if (tls) {
    cert_pem_ = ReadFileOrThrow(options_.tls_cert_file, "HTTP TLS certificate");
    key_pem_ = ReadFileOrThrow(options_.tls_key_file, "HTTP TLS key");
  }
  // Event-driven (epoll) with a small thread pool: a slow or idle client holds a connection
  // slot, never a thread. Connections are capped per client address and in all; one that sends
  // nothing for 5 s is closed. Backend calls run with the connection suspended, so a slow
  // backend holds no thread either.
  unsigned flags = MHD_USE_AUTO_INTERNAL_THREAD | MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG |
                   MHD_USE_IPv6 * (address.ss_family == AF_INET6) | MHD_USE_TLS * tls;
  std::vector<MHD_OptionItem> opts = {
      {MHD_OPTION_SOCK_ADDR, 0, &address},
      {MHD_OPTION_THREAD_POOL_SIZE, kThreads, nullptr},
      {MHD_OPTION_CONNECTION_TIMEOUT, kIdleSeconds, nullptr},
      {MHD_OPTION_PER_IP_CONNECTION_LIMIT, kConnectionsPerClient, nullptr},
      {MHD_OPTION_CONNECTION_LIMIT, kConnections, nullptr},
      {MHD_OPTION_NOTIFY_COMPLETED, reinterpret_cast<intptr_t>(&Server::Completed), this},
  };
  if (tls) {
    opts.push_back({MHD_OPTION_HTTPS_MEM_CERT, 0, cert_pem_.data()});
    opts.push_back({MHD_OPTION_HTTPS_MEM_KEY, 0, key_pem_.data()});
    opts.push_back({MHD_OPTION_HTTPS_PRIORITIES, 0,
                    const_cast<char*>("SECURE256:+SECURE128:-VERS-ALL:+VERS-TLS1.3:"
                                      "+VERS-TLS1.2")});
  }
  opts.push_back({MHD_OPTION_END, 0, nullptr});
  daemon_ = MHD_start_daemon(flags, 0, nullptr, nullptr, &Server::OnRequest, this, MHD_OPTION_ARRAY, opts.data(),
                             MHD_OPTION_END);
  if (!daemon_) throw std::runtime_error("cannot serve HTTP/JSON on " + options_.listen);
}

JsonGateway::Server::~Server() {
  // A suspended connection must be resumed before the daemon stops: cancel the calls in flight
  // (their callbacks resume them) and wait for them.
  std::unique_lock lock(mu_);
  for (auto* c : calling_) c->ctx.TryCancel();
  idle_.wait(lock, [&] { return calling_.empty(); });
  lock.unlock();
  MHD_stop_daemon(daemon_);
}

MHD_Result JsonGateway::Server::OnRequest(void* self, MHD_Connection* conn, const char* url, const char* method,
                                          const char*, const char* upload, size_t* upload_size, void** state) {
  auto* gw = static_cast<Server*>(self);
  auto* call = static_cast<Call*>(*state);
  if (!call) {
    call = new Call;
    *state = call;
    call->conn = conn;
    call->identity = IdentifyCall(Header(conn, "X-Request-Id"), Header(conn, "traceparent"));
    std::string path = url ? url : "";
    call->method = path.rfind("/v1/", 0) == 0 ? path.substr(3) : path;
    if (std::string_view(method) != MHD_HTTP_METHOD_POST) return gw->Answer(*call, 405);
    gw->Begin(*call);
    // Refused on the headers: answered at once, the body never read.
    return call->status.ok() ? MHD_YES : gw->Answer(*call);
  }
  if (call->step == Call::Step::kDone) return MHD_YES;
  if (call->step == Call::Step::kBody && *upload_size > 0) {
    // Past the limit the rest is read and dropped (MHD answers only once the body has ended),
    // up to the drain allowance; a caller still sending past that is cut off.
    call->received += *upload_size;
    call->too_large = call->too_large || call->received > static_cast<size_t>(gw->options_.max_body_bytes);
    if (!call->too_large) call->body.append(upload, *upload_size);
    *upload_size = 0;
    return call->received > gw->DrainLimit() ? MHD_NO : MHD_YES;
  }
  if (call->step == Call::Step::kBody) return gw->Send(*call);
  if (call->step == Call::Step::kAnswered) return gw->Answer(*call);
  return MHD_YES;  // still calling: suspended
}

void JsonGateway::Server::Completed(void*, MHD_Connection*, void** state, MHD_RequestTerminationCode) {
  delete static_cast<Call*>(*state);
  *state = nullptr;
}

void JsonGateway::Server::Begin(Call& call) {
  call.md = LinkedMethod(call.method);
  if (!call.md) {
    call.status = grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "no CareHub method " + call.method);
    return;
  }
  if (call.md->client_streaming() || call.md->server_streaming()) {
    call.status = grpc::Status(grpc::StatusCode::UNIMPLEMENTED, call.method + " streams: call it over gRPC");
    return;
  }
  // Admission on the headers, before any of the body is read: an unauthenticated caller gets
  // no time for its body and learns nothing from parse errors.
  call.admission =
      proxy_.gate().Admit({Header(call.conn, "X-Api-Key"), Header(call.conn, "Authorization")}, call.method);
  call.subject = call.admission.principal.subject;
  if (!call.admission.status.ok()) {
    call.status = call.admission.status;
    return;
  }
  if (!ReadDeadline(call)) return;
  const char* length = MHD_lookup_connection_value(call.conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
  long long declared = length ? std::strtoll(length, nullptr, 10) : 0;
  if (declared > static_cast<long long>(DrainLimit())) {
    TooLarge(call);  // answered at once; the connection closes on the unread body
  } else if (declared > options_.max_body_bytes) {
    call.too_large = true;  // read, dropped and answered 413 when it has ended
  }
}

// How much of a body over the limit is still read (and dropped) so that the 413 reaches the
// caller: closing a connection with unread bytes in it makes the kernel reset it, and the
// caller, still sending, sees the reset instead of the answer. Beyond this the caller is cut
// off (libmicrohttpd 0.9.75 has no lingering close of its own).
size_t JsonGateway::Server::DrainLimit() const {
  return static_cast<size_t>(options_.max_body_bytes) + kDrainBytes;
}

void JsonGateway::Server::TooLarge(Call& call) const {
  call.status = grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                             "request body over " + std::to_string(options_.max_body_bytes) + " bytes");
  call.http_status = 413;
}

// The caller's deadline, from `X-Deadline-Ms: 1500` or gRPC's own `grpc-timeout: 1500m`
// (units H M S m u n); none leaves the gateway's default. Capped like any gRPC call's.
bool JsonGateway::Server::ReadDeadline(Call& call) const {
  std::string ms = Header(call.conn, "X-Deadline-Ms"), grpc_timeout = Header(call.conn, "grpc-timeout");
  if (ms.empty() && grpc_timeout.empty()) return true;
  auto timeout = ms.empty() ? ParseGrpcTimeout(grpc_timeout) : ParseGrpcTimeout(ms + "m");
  if (!timeout || timeout->count() <= 0) {
    call.status = grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                               ms.empty() ? "grpc-timeout: expected digits and a unit, e.g. 1500m"
                                          : "X-Deadline-Ms: expected a positive whole number of milliseconds");
    return false;
  }
  call.deadline =
      std::chrono::system_clock::now() + std::chrono::duration_cast<std::chrono::system_clock::duration>(*timeout);
  return true;
}

// The whole body is in: parse it and start the backend call with the connection suspended, or
// answer at once.
MHD_Result JsonGateway::Server::Send(Call& call) {
  namespace pb = google::protobuf;
  if (call.too_large) {
    TooLarge(call);
    return Answer(call);
  }
  pb::DynamicMessageFactory factory;
  std::unique_ptr<pb::Message> request(factory.GetPrototype(call.md->input_type())->New());
  pb::util::JsonParseOptions parse;
  parse.ignore_unknown_fields = false;
  auto parsed = pb::util::JsonStringToMessage(call.body.empty() ? "{}" : call.body, request.get(), parse);
  if (!parsed.ok()) {
    call.status = grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "body: " + std::string(parsed.message()));
    return Answer(call);
  }
  if (std::chrono::system_clock::now() >= call.deadline) {
    // gRPC may still complete a call whose deadline passed before it left: not forwarded.
    call.status = grpc::Status(grpc::StatusCode::DEADLINE_EXCEEDED, "the deadline passed before the call was sent");
    return Answer(call);
  }
  proxy_.PrepareBackendCall(call.ctx, std::move(call.admission.principal), call.identity, call.deadline);
  std::string bytes = request->SerializeAsString();
  grpc::Slice slice(bytes);
  call.send = grpc::ByteBuffer(&slice, 1);
  call.step = Call::Step::kCalling;
  {
    std::lock_guard lock(mu_);
    calling_.insert(&call);
  }
  MHD_suspend_connection(call.conn);
  grpc::GenericStub stub(call.admission.channel);
  stub.UnaryCall(&call.ctx, call.method, grpc::StubOptions(), &call.send, &call.receive,
                 [this, &call](grpc::Status s) { Received(call, std::move(s)); });
  return MHD_YES;
}

// The backend answered (on a gRPC thread): keep the answer as JSON and wake the connection.
void JsonGateway::Server::Received(Call& call, grpc::Status s) {
  namespace pb = google::protobuf;
  call.status = std::move(s);
  if (call.status.ok()) {
    pb::DynamicMessageFactory factory;
    std::unique_ptr<pb::Message> response(factory.GetPrototype(call.md->output_type())->New());
    if (!response->ParseFromString(BytesOf(call.receive))) {
      call.status = grpc::Status(grpc::StatusCode::INTERNAL, "backend answer could not be read");
    } else {
      pb::util::JsonPrintOptions print;
      print.always_print_primitive_fields = true;
      (void)pb::util::MessageToJsonString(*response, &call.answer, print);
    }
  }
  call.step = Call::Step::kAnswered;
  MHD_resume_connection(call.conn);
  std::lock_guard lock(mu_);
  calling_.erase(&call);
  idle_.notify_all();
}

// Queues the answer: the call's JSON, or its error as JSON with the HTTP status to match.
MHD_Result JsonGateway::Server::Answer(Call& call, int http) {
  call.step = Call::Step::kDone;
  if (http == 405) call.status = grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "use POST with a JSON body");
  if (!http) http = call.http_status ? call.http_status : HttpStatusFor(call.status.error_code());
  std::string body = call.status.ok() ? call.answer : ErrorJson(call.status.error_code(), call.status.error_message());
  MHD_Response* r = MHD_create_response_from_buffer(body.size(), body.data(), MHD_RESPMEM_MUST_COPY);
  MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, "application/json; charset=utf-8");
  MHD_add_response_header(r, "X-Request-Id", call.identity.request_id.c_str());
  MHD_add_response_header(r, "X-Trace-Id", call.identity.trace.trace_id.c_str());
  MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
  if (http == 405) MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW, "POST");
  MHD_Result queued = MHD_queue_response(call.conn, static_cast<unsigned>(http), r);
  MHD_destroy_response(r);
  WriteAccess(proxy_.metrics(), {call.method, "http-json", call.status, call.start, call.identity, call.subject,
                                 call.body.size(), body.size(), http});
  return queued;
}

}  // namespace carehub::gateway
