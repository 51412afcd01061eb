#include "tools/carehubctl/client.h"

#include <nlohmann/json.hpp>

#include <google/protobuf/util/json_util.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/impl/codegen/proto_utils.h>  // GenericSerialize: what the old main.cc got through the generated stubs

#include <iostream>

#include "common/errors.h"
#include "common/ids.h"
#include "common/money.h"
#include "common/rpc.h"
#include "common/server.h"
#include "tools/carehubctl/enum_words.h"
#include "tools/carehubctl/output.h"

namespace carehub {
const void* const* LinkSchemas_carehub_proto();  // generated: see cmake/CareHubProto.cmake
}

namespace carehub::ctl {

std::shared_ptr<grpc::Channel> Channel(const Connection& c) {
  return grpc::CreateChannel(c.addr, ChannelCredentialsFor(c.tls_ca_file));
}

void Prepare(grpc::ClientContext& ctx, const Connection& c) {
  if (!c.api_key.empty()) ctx.AddMetadata("x-api-key", c.api_key);
  ctx.set_deadline(std::chrono::system_clock::now() +
                   std::chrono::milliseconds(c.timeout_ms > 0 ? c.timeout_ms : 10000));
}

int64_t YuanFlag(const std::string& yuan, const std::string& flag) {
  try {
    return ParseYuan(yuan, flag);
  } catch (const DomainError& e) {
    throw CLI::ValidationError(flag, e.what());
  }
}

void PrepareLong(grpc::ClientContext& ctx, const Connection& c) {
  Prepare(ctx, c);
  // A large file takes longer than one call's usual deadline (the gateway caps it at its own).
  if (c.timeout_ms <= 0) ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::minutes(10));
}

int PrintOrFail(const grpc::Status& s, const google::protobuf::Message& m) {
  if (!s.ok()) {
    std::cerr << "error: " << StatusCodeName(s.error_code()) << ": " << s.error_message() << "\n";
    return 1;
  }
  Render(m, CurrentFormat(), std::cout);
  return 0;
}

const google::protobuf::MethodDescriptor* FindUnaryMethod(const std::string& name, std::string* why) {
  (void)LinkSchemas_carehub_proto();  // every CareHub schema in the generated pool
  const auto* pool = google::protobuf::DescriptorPool::generated_pool();
  const google::protobuf::MethodDescriptor* found = pool->FindMethodByName(name);
  if (!found) {
    // "Service.Method" or "Method": look through every linked CareHub service.
    int matches = 0;
    for (const char* file :
         {"carehub/registry/v1/registry_service.proto", "carehub/funds/v1/funds_service.proto",
          "carehub/volunteers/v1/volunteers_service.proto", "carehub/reports/v1/reports_service.proto"}) {
      const auto* fd = pool->FindFileByName(file);
      for (int s = 0; fd && s < fd->service_count(); ++s) {
        for (int m = 0; m < fd->service(s)->method_count(); ++m) {
          const auto* md = fd->service(s)->method(m);
          if (md->name() == name || fd->service(s)->name() + "." + md->name() == name) found = md, ++matches;
        }
      }
    }
    if (matches > 1) {
      *why = name + " is a method of several services; name it as Service.Method";
      return nullptr;
    }
  }
  if (!found)
    *why = name + " is not a method of any CareHub service";
  else if (found->client_streaming() || found->server_streaming())
    *why = name + " streams; it has a command of its own";
  return why->empty() ? found : nullptr;
}

int CallJson(const Connection& c, const std::string& method_name, const std::string& json) {
  std::string why;
  const auto* method = FindUnaryMethod(method_name, &why);
  if (!method) {
    std::cerr << "error: " << why << "\n";
    return 1;
  }
  auto& factory = *google::protobuf::MessageFactory::generated_factory();
  std::unique_ptr<google::protobuf::Message> req(factory.GetPrototype(method->input_type())->New());
  std::unique_ptr<google::protobuf::Message> resp(factory.GetPrototype(method->output_type())->New());
  if (auto st = google::protobuf::util::JsonStringToMessage(json, req.get()); !st.ok()) {
    std::cerr << "error: the request is not a " << method->input_type()->full_name() << ": " << st.ToString() << "\n";
    return 1;
  }
  // Requests that are idempotent by request_id get a fresh one unless the JSON names one.
  if (const auto* rid = method->input_type()->FindFieldByName("request_id");
      rid && req->GetReflection()->GetString(*req, rid).empty()) {
    req->GetReflection()->SetString(req.get(), rid, NewId("rq"));
  }
  grpc::ClientContext ctx;
  Prepare(ctx, c);
  grpc::GenericStub stub(Channel(c));
  grpc::CompletionQueue cq;
  grpc::ByteBuffer request, response;
  bool own = false;
  (void)grpc::GenericSerialize<grpc::ProtoBufferWriter, google::protobuf::Message>(*req, &request, &own);
  auto call = stub.PrepareUnaryCall(&ctx, "/" + method->service()->full_name() + "/" + method->name(), request, &cq);
  call->StartCall();
  grpc::Status status;
  call->Finish(&response, &status, nullptr);
  void* tag;
  bool ok;
  cq.Next(&tag, &ok);
  if (status.ok() &&
      !grpc::GenericDeserialize<grpc::ProtoBufferReader, google::protobuf::Message>(&response, resp.get()).ok()) {
    status = grpc::Status(grpc::StatusCode::INTERNAL, "the answer does not parse");
  }
  return PrintOrFail(status, *resp);
}

CLI::Option* AddEnumOption(CLI::App* cmd, const std::string& flag, int& value,
                           const google::protobuf::EnumDescriptor* e, const std::string& help) {
  std::string words;
  for (const auto& w : EnumWords(e)) words += (words.empty() ? "" : ", ") + w;
  return cmd->add_option_function<std::string>(
      flag,
      [&value, e, flag](const std::string& word) {
        auto n = EnumValue(e, word);
        if (!n)
          throw CLI::ValidationError(
              flag, word + " is not one of: " + [&] {
                std::string all;
                for (const auto& w : EnumWords(e)) all += (all.empty() ? "" : ", ") + w;
                return all;
              }());
        value = *n;
      },
      help + " (" + words + ")");
}

// A command that sends {"id": ID, "note": NOTE} (and a fresh request_id) to `method`.
void AddDecision(CLI::App* group, Cli& cli, const char* name, const char* help, const char* method,
                 bool note_required) {
  struct Opts {
    std::string id, note;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = group->add_subcommand(name, help);
  cmd->add_option("id", o->id, "the id")->required();
  cmd->add_option("--note", o->note, note_required ? "why (required)" : "a note")->required(note_required);
  cmd->callback([&cli, o, method] {
    cli.rc = CallJson(cli.conn, method, nlohmann::json{{"id", o->id}, {"note", o->note}}.dump());
  });
}

void AddGet(CLI::App* group, Cli& cli, const char* method, const char* field) {
  auto id = std::make_shared<std::string>();
  auto* cmd = group->add_subcommand(std::string(field) == "id" ? "get" : "show", "show one");
  cmd->add_option("id", *id)->required();
  cmd->callback([&cli, id, method, field] {
    cli.rc = CallJson(cli.conn, method, nlohmann::json{{field, *id}}.dump());
  });
}

}  // namespace carehub::ctl
