#include "services/gateway/json_gateway.h"

#include "services/gateway/access_log.h"

#include <CivetServer.h>
#include <google/protobuf/descriptor.h>
#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/util/json_util.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/support/byte_buffer.h>

#include <future>
#include <nlohmann/json.hpp>

#include "common/log.h"
#include "common/rpc.h"

namespace carehub {
const void* const* LinkSchemas_carehub_proto();  // generated: see cmake/CareHubProto.cmake
}

namespace carehub::gateway {
namespace {

void Reply(mg_connection* conn, int status, const std::string& body, const std::string& request_id) {
  mg_printf(conn,
            "HTTP/1.1 %d %s\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: %zu\r\n"
            "X-Request-Id: %s\r\nCache-Control: no-store\r\n\r\n",
            status, mg_get_response_code_text(conn, status), body.size(), request_id.c_str());
  mg_write(conn, body.data(), body.size());
}

std::string ErrorJson(grpc::StatusCode code, const std::string& message) {
  return nlohmann::json{{"code", StatusCodeName(code)}, {"message", message}}.dump(
      -1, ' ', false, nlohmann::json::error_handler_t::replace);
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
      return 400;
    case grpc::StatusCode::FAILED_PRECONDITION:
      return 400;
    case grpc::StatusCode::OUT_OF_RANGE:
      return 400;
    case grpc::StatusCode::UNAUTHENTICATED:
      return 401;
    case grpc::StatusCode::PERMISSION_DENIED:
      return 403;
    case grpc::StatusCode::NOT_FOUND:
      return 404;
    case grpc::StatusCode::ALREADY_EXISTS:
      return 409;
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

class JsonGateway::Handler : public CivetHandler {
 public:
  Handler(Proxy& proxy, int max_body_bytes) : proxy_(proxy), max_body_(max_body_bytes) {}

  bool handlePost(CivetServer*, mg_connection* conn) override {
    auto start = std::chrono::steady_clock::now();
    const mg_request_info* info = mg_get_request_info(conn);
    std::string request_id = AcceptOrMakeRequestId(Header(conn, "X-Request-Id"));
    std::string method = "/" + std::string(info->local_uri ? info->local_uri : "").substr(4);  // after "/v1/"
    HttpCall call{conn, info, method, request_id};
    Handle(call);
    int http = call.http_status ? call.http_status : HttpStatusFor(call.status.error_code());
    if (!call.status.ok()) call.answer = ErrorJson(call.status.error_code(), call.status.error_message());
    Reply(conn, http, call.answer, request_id);
    WriteAccess(proxy_.metrics(), {method, "http-json", call.status, start, request_id, call.subject, call.bytes_in,
                                   call.answer.size(), http});
    return true;
  }

  bool handleGet(CivetServer*, mg_connection* conn) override { return MethodNotAllowed(conn); }
  bool handlePut(CivetServer*, mg_connection* conn) override { return MethodNotAllowed(conn); }
  bool handleDelete(CivetServer*, mg_connection* conn) override { return MethodNotAllowed(conn); }

 private:
  static std::string Header(mg_connection* conn, const char* name) {
    const char* v = mg_get_header(conn, name);
    return v ? v : "";
  }

  bool MethodNotAllowed(mg_connection* conn) {
    std::string body = ErrorJson(grpc::StatusCode::UNIMPLEMENTED, "use POST with a JSON body");
    mg_printf(conn,
              "HTTP/1.1 405 Method Not Allowed\r\nAllow: POST\r\nContent-Type: application/json\r\n"
              "Content-Length: %zu\r\n\r\n",
              body.size());
    mg_write(conn, body.data(), body.size());
    return true;
  }

  // One POST: what came in, and what the handling made of it.
  struct HttpCall {
    mg_connection* conn;
    const mg_request_info* info;
    std::string method;
    std::string request_id;
    grpc::Status status{};
    int http_status = 0;  // when not the status's usual one
    std::chrono::system_clock::time_point deadline = std::chrono::system_clock::time_point::max();
    std::string answer{};  // JSON
    std::string subject{};
    size_t bytes_in = 0;
  };

  void Handle(HttpCall& call) {
    namespace pb = google::protobuf;
    const pb::MethodDescriptor* md = FindUnaryMethod(call);
    if (!md) return;
    // Admission on the headers, before any of the body is read: an unauthenticated caller gets
    // no worker time for its body and learns nothing from parse errors.
    Admission admission =
        proxy_.gate().Admit({Header(call.conn, "X-Api-Key"), Header(call.conn, "Authorization")}, call.method);
    call.subject = admission.principal.subject;
    if (!admission.status.ok()) {
      call.status = admission.status;
      return;
    }
    if (!ReadDeadline(call)) return;
    std::string json;
    if (!ReadBody(call, &json)) return;
    pb::DynamicMessageFactory factory;
    std::unique_ptr<pb::Message> request(factory.GetPrototype(md->input_type())->New());
    pb::util::JsonParseOptions parse;
    parse.ignore_unknown_fields = false;
    auto parsed = pb::util::JsonStringToMessage(json.empty() ? "{}" : json, request.get(), parse);
    if (!parsed.ok()) {
      call.status = grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "body: " + std::string(parsed.message()));
      return;
    }
    if (std::chrono::system_clock::now() >= call.deadline) {
      // gRPC may still complete a call whose deadline passed before it left: not forwarded.
      call.status = grpc::Status(grpc::StatusCode::DEADLINE_EXCEEDED, "the deadline passed before the call was sent");
      return;
    }
    std::unique_ptr<pb::Message> response(factory.GetPrototype(md->output_type())->New());
    call.status = Forward(call, std::move(admission), *request, response.get());
    if (!call.status.ok()) return;
    pb::util::JsonPrintOptions print;
    print.always_print_primitive_fields = true;
    (void)pb::util::MessageToJsonString(*response, &call.answer, print);
  }

  // "/pkg.Service/Method" → its descriptor in the linked-in schemas, when unary.
  static const google::protobuf::MethodDescriptor* FindUnaryMethod(HttpCall& call) {
    auto slash = call.method.find('/', 1);
    const google::protobuf::MethodDescriptor* md = nullptr;
    if (slash != std::string::npos) {
      md = google::protobuf::DescriptorPool::generated_pool()->FindMethodByName(call.method.substr(1, slash - 1) + "." +
                                                                                call.method.substr(slash + 1));
    }
    if (!md) {
      call.status = grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "no CareHub method " + call.method);
    } else if (md->client_streaming() || md->server_streaming()) {
      call.status = grpc::Status(grpc::StatusCode::UNIMPLEMENTED, call.method + " streams: call it over gRPC");
      md = nullptr;
    }
    return md;
  }

  // The whole body, Content-Length or chunked (civetweb decodes the chunks), never more than the
  // limit: a call never runs on a body it did not read.
  bool ReadBody(HttpCall& call, std::string* json) {
    auto too_large = [&] {
      call.status = grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                                 "request body over " + std::to_string(max_body_) + " bytes");
      call.http_status = 413;
      return false;
    };
    if (call.info->content_length > max_body_) return too_large();
    bool sized = call.info->content_length >= 0;
    json->resize(sized ? static_cast<size_t>(call.info->content_length) : 64 * 1024);
    size_t got = 0;
    while (true) {
      if (got == json->size()) {
        if (sized) break;
        if (json->size() > static_cast<size_t>(max_body_)) return too_large();
        json->resize(json->size() * 2);
      }
      int n = mg_read(call.conn, json->data() + got, json->size() - got);
      if (n <= 0) break;
      got += static_cast<size_t>(n);
    }
    if (got > static_cast<size_t>(max_body_)) return too_large();
    if (sized && got < json->size()) {
      call.status = grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "body: ended before its Content-Length");
      return false;
    }
    json->resize(got);
    call.bytes_in = got;
    return true;
  }

  // The caller's deadline, from `X-Deadline-Ms: 1500` or gRPC's own `grpc-timeout: 1500m`
  // (units H M S m u n); none leaves the gateway's default. Capped like any gRPC call's.
  bool ReadDeadline(HttpCall& call) {
    std::string ms = Header(call.conn, "X-Deadline-Ms"), grpc_timeout = Header(call.conn, "grpc-timeout");
    if (ms.empty() && grpc_timeout.empty()) return true;
    std::optional<std::chrono::nanoseconds> timeout =
        ms.empty() ? ParseGrpcTimeout(grpc_timeout) : ParseGrpcTimeout(ms + "m");
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

  // The admitted call as one backend unary call; the answer parsed into `response`.
  grpc::Status Forward(const HttpCall& call, Admission admission, const google::protobuf::Message& request,
                       google::protobuf::Message* response) {
    grpc::ClientContext ctx;
    proxy_.PrepareBackendCall(ctx, std::move(admission.principal), call.request_id, call.deadline);
    std::string bytes = request.SerializeAsString();
    grpc::Slice slice(bytes);
    grpc::ByteBuffer send(&slice, 1), receive;
    std::promise<grpc::Status> done;
    grpc::GenericStub stub(admission.channel);
    stub.UnaryCall(&ctx, call.method, grpc::StubOptions(), &send, &receive,
                   [&](grpc::Status s) { done.set_value(std::move(s)); });
    grpc::Status status = done.get_future().get();
    if (!status.ok()) return status;
    std::vector<grpc::Slice> slices;
    std::string response_bytes;
    if (receive.Dump(&slices).ok()) {
      for (const auto& s : slices) response_bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
    }
    if (!response->ParseFromString(response_bytes)) {
      return grpc::Status(grpc::StatusCode::INTERNAL, "backend answer could not be read");
    }
    return status;
  }

  Proxy& proxy_;
  int max_body_;
};

JsonGateway::JsonGateway(Proxy& proxy, const Options& options)
    : options_(options), handler_(std::make_unique<Handler>(proxy, options.max_body_bytes)) {
  // Every CareHub schema must be in the generated pool for methods to be found by name.
  (void)LinkSchemas_carehub_proto();
  // Slow or idle clients must not hold the front: each connection has 5 s to send its request,
  // idle keep-alive connections are dropped after 5 s, and 64 workers serve (civetweb blocks a
  // worker per connection, so the worker count is what idle clients can hold at once).
  std::vector<std::string> civet = {
      "listening_ports",       options_.listen, "num_threads",       "64", "request_timeout_ms", "5000",
      "keep_alive_timeout_ms", "5000",          "enable_keep_alive", "yes"};
  try {
    server_ = std::make_unique<CivetServer>(civet);
  } catch (const std::exception& e) {
    throw std::runtime_error("cannot serve HTTP/JSON on " + options_.listen + ": " + e.what());
  }
  server_->addHandler("/v1/", handler_.get());
}

JsonGateway::~JsonGateway() {
  if (server_) server_->close();
}

}  // namespace carehub::gateway
