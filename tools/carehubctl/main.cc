// carehubctl: the operator's command line for CareHub — keys, health probes and the registry.
#include <google/protobuf/util/json_util.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <fstream>
#include <iostream>

#include "carehub/funds/v1/funds_service.grpc.pb.h"
#include "carehub/registry/v1/registry_service.grpc.pb.h"
#include "carehub/volunteers/v1/volunteers_service.grpc.pb.h"
#include "common/crypto.h"
#include "common/ids.h"
#include "common/rpc.h"
#include "common/server.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "services/gateway/api_keys.h"

namespace {

using carehub::registry::v1::RegistryService;
namespace reg = carehub::registry::v1;

struct Global {
  std::string addr = "127.0.0.1:7000";
  std::string tls_ca_file;
  std::string api_key;
  int timeout_ms = 10000;
};

void Prepare(grpc::ClientContext& ctx, const Global& g) {
  if (!g.api_key.empty()) ctx.AddMetadata("x-api-key", g.api_key);
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(g.timeout_ms));
}

int PrintOrFail(const grpc::Status& s, const google::protobuf::Message& m) {
  if (!s.ok()) {
    std::cerr << "error: " << carehub::StatusCodeName(s.error_code()) << ": " << s.error_message() << "\n";
    return 1;
  }
  std::string json;
  google::protobuf::util::JsonPrintOptions opts;
  opts.add_whitespace = true;
  opts.preserve_proto_field_names = true;
  (void)google::protobuf::util::MessageToJsonString(m, &json, opts);
  std::cout << json;
  return 0;
}

std::shared_ptr<grpc::Channel> Channel(const Global& g) {
  return grpc::CreateChannel(g.addr, carehub::ChannelCredentialsFor(g.tls_ca_file));
}

// Streams a CSV file to an import RPC in 64 KB chunks and prints the summary. Exit 0 when every
// row landed or was already registered, 3 when some were rejected, 1 when the call failed.
int ImportFile(const std::string& path, const Global& g, bool timeout_set,
               const std::function<std::unique_ptr<grpc::ClientWriter<reg::ImportChunk>>(grpc::ClientContext*,
                                                                                           reg::ImportSummary*)>& open) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "error: cannot open " << path << "\n";
    return 1;
  }
  grpc::ClientContext ctx;
  Prepare(ctx, g);
  // A large file takes longer than one call's usual deadline (the gateway caps it at its own).
  if (!timeout_set) ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::minutes(10));
  reg::ImportSummary summary;
  auto writer = open(&ctx, &summary);
  std::vector<char> buf(64 * 1024);
  reg::ImportChunk chunk;
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    if (in.gcount() == 0) break;
    chunk.set_data(buf.data(), static_cast<size_t>(in.gcount()));
    if (!writer->Write(chunk)) break;  // the server has answered early (a bad header, say)
  }
  writer->WritesDone();
  int rc = PrintOrFail(writer->Finish(), summary);
  return rc == 0 && summary.rejected() > 0 ? 3 : rc;
}

// Any unary registry method with its request as JSON (proto field names), answered as JSON:
// the command line for what has no subcommand of its own (UpdateChild, CreateWoman, …).
int CallJson(const Global& g, const std::string& method_name, const std::string& json) {
  const auto* service = google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
      reg::GetWomanRequest::descriptor()->file()->package() + ".RegistryService");
  const auto* method = service->FindMethodByName(method_name);
  if (!method || method->client_streaming() || method->server_streaming()) {
    std::cerr << "error: " << method_name << " is not a unary method of " << service->full_name() << "\n";
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
    req->GetReflection()->SetString(req.get(), rid, carehub::NewId("rq"));
  }
  grpc::ClientContext ctx;
  Prepare(ctx, g);
  grpc::GenericStub stub(Channel(g));
  grpc::CompletionQueue cq;
  grpc::ByteBuffer request, response;
  bool own = false;
  (void)grpc::GenericSerialize<grpc::ProtoBufferWriter, google::protobuf::Message>(*req, &request, &own);
  auto call = stub.PrepareUnaryCall(&ctx, "/" + service->full_name() + "/" + method_name, request, &cq);
  call->StartCall();
  grpc::Status status;
  call->Finish(&response, &status, nullptr);
  void* tag;
  bool ok;
  cq.Next(&tag, &ok);
  if (status.ok() && !grpc::GenericDeserialize<grpc::ProtoBufferReader, google::protobuf::Message>(&response, resp.get()).ok()) {
    status = grpc::Status(grpc::StatusCode::INTERNAL, "the answer does not parse");
  }
  return PrintOrFail(status, *resp);
}

template <class Enum>
int Lookup(const std::map<std::string, Enum>& names, const std::string& value) {
  auto it = names.find(value);
  return it == names.end() ? -1 : static_cast<int>(it->second);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"carehubctl: operate and call CareHub"};
  app.require_subcommand(1);
  Global g;
  app.add_option("--addr", g.addr, "gateway (or service) address")->envname("CAREHUB_ADDR")->capture_default_str();
  app.add_option("--api-key", g.api_key, "API key sent as x-api-key")->envname("CAREHUB_API_KEY");
  app.add_option("--tls-ca-file", g.tls_ca_file, "connect over TLS, trusting these PEM CA certificates")
      ->envname("CAREHUB_TLS_CA_FILE");
  app.add_option("--timeout-ms", g.timeout_ms, "deadline per call")->capture_default_str();
  int rc = 0;

  // --- keys -------------------------------------------------------------------------------
  auto* genkey = app.add_subcommand("genkey", "print a new random 32-byte key as 64 hex characters");
  genkey->callback([&] { std::cout << carehub::crypto::HexEncode(carehub::crypto::RandomBytes(32)) << "\n"; });

  auto* keygen = app.add_subcommand("keygen", "make an API key; prints the key once and its api_keys entry");
  std::string subject, prefix;
  std::vector<std::string> roles;
  keygen->add_option("--subject", subject, "who the key is for")->required();
  keygen->add_option("--roles", roles, "roles, comma-separated")->delimiter(',')->required();
  keygen->add_option("--division-prefix", prefix, "reach: division-code prefix (empty: all)");
  keygen->callback([&] {
    for (const auto& r : roles) {
      if (!carehub::gateway::IsKnownRole(r)) throw CLI::ValidationError("--roles", "unknown role " + r);
    }
    auto k = carehub::gateway::GenerateApiKey();
    nlohmann::json entry = {{"name", subject + "-" + carehub::NewId("key").substr(4, 10)},
                            {"sha256", k.sha256},
                            {"subject", subject},
                            {"roles", roles},
                            {"division_prefix", prefix}};
    std::cerr << "API key (shown once; store it safely): " << k.key << "\n";
    std::cout << entry.dump() << "\n";
  });

  // --- health -----------------------------------------------------------------------------
  auto* health = app.add_subcommand("health", "check a server's gRPC health; exit 0 when SERVING");
  std::string health_service;
  health->add_option("--service", health_service, "service name; empty: the server as a whole");
  health->callback([&] {
    auto stub = grpc::health::v1::Health::NewStub(Channel(g));
    grpc::ClientContext ctx;
    Prepare(ctx, g);
    grpc::health::v1::HealthCheckRequest req;
    req.set_service(health_service);
    grpc::health::v1::HealthCheckResponse resp;
    auto s = stub->Check(&ctx, req, &resp);
    if (!s.ok()) {
      std::cerr << "unhealthy: " << carehub::StatusCodeName(s.error_code()) << ": " << s.error_message() << "\n";
      rc = 1;
      return;
    }
    std::cout << grpc::health::v1::HealthCheckResponse::ServingStatus_Name(resp.status()) << "\n";
    rc = resp.status() == grpc::health::v1::HealthCheckResponse::SERVING ? 0 : 1;
  });

  // --- info -------------------------------------------------------------------------------
  auto* info = app.add_subcommand("info", "ask a service who it is and who you are to it");
  std::string info_service = "registry";
  info->add_option("--service", info_service, "registry, funds or volunteers")
      ->check(CLI::IsMember({"registry", "funds", "volunteers"}))
      ->capture_default_str();
  info->callback([&] {
    grpc::ClientContext ctx;
    Prepare(ctx, g);
    carehub::common::v1::GetServiceInfoRequest req;
    carehub::common::v1::ServiceInfo resp;
    grpc::Status s;
    if (info_service == "registry") s = RegistryService::NewStub(Channel(g))->GetServiceInfo(&ctx, req, &resp);
    else if (info_service == "funds") s = carehub::funds::v1::FundsService::NewStub(Channel(g))->GetServiceInfo(&ctx, req, &resp);
    else s = carehub::volunteers::v1::VolunteersService::NewStub(Channel(g))->GetServiceInfo(&ctx, req, &resp);
    rc = PrintOrFail(s, resp);
  });

  // --- children ---------------------------------------------------------------------------
  auto* child = app.add_subcommand("child", "children in the registry");
  child->require_subcommand(1);
  auto* create = child->add_subcommand("create", "register a child");
  reg::CreateChildRequest creq;
  std::string name, sex, birth, idn, division, category, gname, grel, gmobile, request_id;
  create->add_option("--name", name)->required();
  create->add_option("--sex", sex, "male or female")->required();
  create->add_option("--birth-date", birth, "YYYY-MM-DD")->required();
  create->add_option("--id-number", idn, "18-character resident ID number")->required();
  create->add_option("--division", division, "12-digit division code")->required();
  create->add_option("--category", category, "left-behind or in-difficulty")->required();
  create->add_option("--guardian-name", gname)->required();
  create->add_option("--guardian-relation", grel, "father, mother, grandparent, sibling, other-relative, other")
      ->required();
  create->add_option("--guardian-mobile", gmobile)->required();
  create->add_option("--request-id", request_id, "idempotency key; default: a new one");
  std::string father_loc, mother_loc, father_place, mother_place, risk = "low", address, school, notes;
  std::vector<std::string> hardship;
  bool able_to_care = false;
  const std::map<std::string, reg::ParentLocation> kLocations = {
      {"at-home", reg::PARENT_LOCATION_AT_HOME},
      {"working-away", reg::PARENT_LOCATION_WORKING_AWAY},
      {"absent", reg::PARENT_LOCATION_DECEASED_OR_ABSENT}};
  create->add_option("--father", father_loc, "at-home, working-away or absent")
      ->check(CLI::IsMember({"at-home", "working-away", "absent"}));
  create->add_option("--mother", mother_loc, "at-home, working-away or absent")
      ->check(CLI::IsMember({"at-home", "working-away", "absent"}));
  create->add_option("--father-place", father_place, "where the father works");
  create->add_option("--mother-place", mother_place, "where the mother works");
  create->add_flag("--guardian-able-to-care", able_to_care, "the guardian at home can care for the child");
  create->add_option("--hardship", hardship, "poverty, disability, guardianship-failure (comma-separated)")
      ->delimiter(',')
      ->check(CLI::IsMember({"poverty", "disability", "guardianship-failure"}));
  create->add_option("--risk", risk, "low, medium or high")->check(CLI::IsMember({"low", "medium", "high"}))->capture_default_str();
  create->add_option("--address", address);
  create->add_option("--school", school);
  create->add_option("--notes", notes);
  create->callback([&] {
    auto* c = creq.mutable_child();
    c->set_name(name);
    c->set_sex(static_cast<reg::Sex>(Lookup<reg::Sex>({{"male", reg::SEX_MALE}, {"female", reg::SEX_FEMALE}}, sex)));
    c->set_birth_date(birth);
    c->set_resident_id_number(idn);
    c->set_division_code(division);
    c->set_category(static_cast<reg::ChildCategory>(Lookup<reg::ChildCategory>(
        {{"left-behind", reg::CHILD_CATEGORY_LEFT_BEHIND}, {"in-difficulty", reg::CHILD_CATEGORY_IN_DIFFICULTY}},
        category)));
    auto* gd = c->mutable_guardian();
    gd->set_name(gname);
    gd->set_relation(static_cast<reg::GuardianRelation>(Lookup<reg::GuardianRelation>(
        {{"father", reg::GUARDIAN_RELATION_FATHER},
         {"mother", reg::GUARDIAN_RELATION_MOTHER},
         {"grandparent", reg::GUARDIAN_RELATION_GRANDPARENT},
         {"sibling", reg::GUARDIAN_RELATION_SIBLING},
         {"other-relative", reg::GUARDIAN_RELATION_OTHER_RELATIVE},
         {"other", reg::GUARDIAN_RELATION_OTHER}},
        grel)));
    gd->set_mobile(gmobile);
    gd->set_able_to_care(able_to_care);
    if (!father_loc.empty()) c->mutable_father()->set_location(kLocations.at(father_loc));
    if (!mother_loc.empty()) c->mutable_mother()->set_location(kLocations.at(mother_loc));
    c->mutable_father()->set_place(father_place);
    c->mutable_mother()->set_place(mother_place);
    for (const auto& h : hardship) {
      c->add_hardship_reasons(h == "poverty"      ? reg::HARDSHIP_REASON_POVERTY
                              : h == "disability" ? reg::HARDSHIP_REASON_DISABILITY
                                                  : reg::HARDSHIP_REASON_GUARDIANSHIP_FAILURE);
    }
    c->set_risk_level(risk == "low" ? reg::RISK_LEVEL_LOW : risk == "medium" ? reg::RISK_LEVEL_MEDIUM : reg::RISK_LEVEL_HIGH);
    c->set_address(address);
    c->set_school(school);
    c->set_notes(notes);
    creq.set_request_id(request_id.empty() ? carehub::NewId("rq") : request_id);
    grpc::ClientContext ctx;
    Prepare(ctx, g);
    reg::Child resp;
    rc = PrintOrFail(RegistryService::NewStub(Channel(g))->CreateChild(&ctx, creq, &resp), resp);
  });

  auto* get = child->add_subcommand("get", "show one child");
  std::string child_id;
  get->add_option("id", child_id, "ch_… id")->required();
  get->callback([&] {
    grpc::ClientContext ctx;
    Prepare(ctx, g);
    reg::GetChildRequest req;
    req.set_id(child_id);
    reg::Child resp;
    rc = PrintOrFail(RegistryService::NewStub(Channel(g))->GetChild(&ctx, req, &resp), resp);
  });

  auto* list = child->add_subcommand("list", "list children in your reach");
  reg::ListChildrenRequest lreq;
  std::string lprefix, token;
  int page_size = 0;
  list->add_option("--division-prefix", lprefix);
  list->add_option("--page-size", page_size);
  list->add_option("--page-token", token);
  list->callback([&] {
    grpc::ClientContext ctx;
    Prepare(ctx, g);
    lreq.set_division_prefix(lprefix);
    lreq.set_page_size(page_size);
    lreq.set_page_token(token);
    reg::ListChildrenResponse resp;
    rc = PrintOrFail(RegistryService::NewStub(Channel(g))->ListChildren(&ctx, lreq, &resp), resp);
  });

  auto* exit_cmd = child->add_subcommand("exit", "take a child off the register with a reason");
  std::string exit_id, exit_reason, exit_note, exit_rid;
  exit_cmd->add_option("id", exit_id, "ch_… id")->required();
  exit_cmd->add_option("--reason", exit_reason, "turned-16, parent-returned, moved-away, deceased or other")
      ->required()
      ->check(CLI::IsMember({"turned-16", "parent-returned", "moved-away", "deceased", "other"}));
  exit_cmd->add_option("--note", exit_note, "why (required for other)");
  exit_cmd->add_option("--request-id", exit_rid, "idempotency key; default: a new one");
  exit_cmd->callback([&] {
    reg::ExitChildRequest req;
    req.set_request_id(exit_rid.empty() ? carehub::NewId("rq") : exit_rid);
    req.set_id(exit_id);
    req.set_reason(static_cast<reg::ExitReason>(Lookup<reg::ExitReason>({{"turned-16", reg::EXIT_REASON_TURNED_16},
                                                                          {"parent-returned", reg::EXIT_REASON_PARENT_RETURNED},
                                                                          {"moved-away", reg::EXIT_REASON_MOVED_AWAY},
                                                                          {"deceased", reg::EXIT_REASON_DECEASED},
                                                                          {"other", reg::EXIT_REASON_OTHER}},
                                                                         exit_reason)));
    req.set_note(exit_note);
    grpc::ClientContext ctx;
    Prepare(ctx, g);
    reg::Child resp;
    rc = PrintOrFail(RegistryService::NewStub(Channel(g))->ExitChild(&ctx, req, &resp), resp);
  });

  auto* react = child->add_subcommand("reactivate", "put an exited child back on the register");
  std::string react_id, react_note, react_rid;
  react->add_option("id", react_id, "ch_… id")->required();
  react->add_option("--note", react_note, "why the child is back")->required();
  react->add_option("--request-id", react_rid, "idempotency key; default: a new one");
  react->callback([&] {
    reg::ReactivateChildRequest req;
    req.set_request_id(react_rid.empty() ? carehub::NewId("rq") : react_rid);
    req.set_id(react_id);
    req.set_note(react_note);
    grpc::ClientContext ctx;
    Prepare(ctx, g);
    reg::Child resp;
    rc = PrintOrFail(RegistryService::NewStub(Channel(g))->ReactivateChild(&ctx, req, &resp), resp);
  });

  auto* history = child->add_subcommand("history", "status changes of one child");
  std::string history_id;
  history->add_option("id", history_id, "ch_… id")->required();
  history->callback([&] {
    reg::ListStatusHistoryRequest req;
    req.set_person_id(history_id);
    grpc::ClientContext ctx;
    Prepare(ctx, g);
    reg::ListStatusHistoryResponse resp;
    rc = PrintOrFail(RegistryService::NewStub(Channel(g))->ListStatusHistory(&ctx, req, &resp), resp);
  });

  auto* due = child->add_subcommand("due-to-exit", "active left-behind children who have turned 16");
  std::string due_prefix, due_token;
  int due_size = 0;
  due->add_option("--division-prefix", due_prefix);
  due->add_option("--page-size", due_size);
  due->add_option("--page-token", due_token);
  due->callback([&] {
    reg::ListChildrenDueToExitRequest req;
    req.set_division_prefix(due_prefix);
    req.set_page_size(due_size);
    req.set_page_token(due_token);
    grpc::ClientContext ctx;
    Prepare(ctx, g);
    reg::ListChildrenResponse resp;
    rc = PrintOrFail(RegistryService::NewStub(Channel(g))->ListChildrenDueToExit(&ctx, req, &resp), resp);
  });

  auto* import = app.add_subcommand("import", "register people in bulk from a CSV file (docs/IMPORT.md)");
  import->require_subcommand(1);
  std::string import_file;
  auto* import_children = import->add_subcommand("children", "children from a CSV file with a header row");
  import_children->add_option("file", import_file, "UTF-8 CSV file")->required()->check(CLI::ExistingFile);
  import_children->callback([&] {
    auto stub = RegistryService::NewStub(Channel(g));  // outlives the call it makes
    rc = ImportFile(import_file, g, app.count("--timeout-ms") > 0, [&](grpc::ClientContext* ctx, reg::ImportSummary* s) {
      return stub->ImportChildren(ctx, s);
    });
  });

  auto* import_women = import->add_subcommand("women", "women from a CSV file with a header row");
  import_women->add_option("file", import_file, "UTF-8 CSV file")->required()->check(CLI::ExistingFile);
  import_women->callback([&] {
    auto stub = RegistryService::NewStub(Channel(g));
    rc = ImportFile(import_file, g, app.count("--timeout-ms") > 0, [&](grpc::ClientContext* ctx, reg::ImportSummary* s) {
      return stub->ImportWomen(ctx, s);
    });
  });

  // --- women ------------------------------------------------------------------------------
  auto* woman = app.add_subcommand("woman", "women in the registry (create and update with `call`)");
  woman->require_subcommand(1);
  std::string woman_id;
  auto* wget = woman->add_subcommand("get", "show one woman");
  wget->add_option("id", woman_id, "wm_… id")->required();
  wget->callback([&] { rc = CallJson(g, "GetWoman", nlohmann::json{{"id", woman_id}}.dump()); });
  auto* wlist = woman->add_subcommand("list", "list women in your reach");
  std::string whardship, wprefix, wtoken;
  bool wcancer = false;
  wlist->add_option("--division-prefix", wprefix);
  wlist->add_option("--hardship", whardship, "e.g. WOMAN_HARDSHIP_SINGLE_MOTHER");
  wlist->add_flag("--cancer-patients", wcancer, "only women with a confirmed screening");
  wlist->add_option("--page-token", wtoken);
  wlist->callback([&] {
    nlohmann::json req = {{"division_prefix", wprefix}, {"page_token", wtoken}};
    if (!whardship.empty()) req["hardship"] = whardship;
    if (wcancer) req["cancer_patient"] = true;
    rc = CallJson(g, "ListWomen", req.dump());
  });
  auto* screen = woman->add_subcommand("screen", "record a cervical or breast cancer screening");
  std::string screen_type, screen_result, screen_date, screen_facility;
  screen->add_option("id", woman_id, "wm_… id")->required();
  screen->add_option("--type", screen_type, "cervical or breast")->required()->check(CLI::IsMember({"cervical", "breast"}));
  screen->add_option("--result", screen_result, "normal, suspected or confirmed")
      ->required()
      ->check(CLI::IsMember({"normal", "suspected", "confirmed"}));
  screen->add_option("--date", screen_date, "YYYY-MM-DD")->required();
  screen->add_option("--facility", screen_facility, "where")->required();
  screen->callback([&] {
    std::string type = screen_type == "cervical" ? "SCREENING_TYPE_CERVICAL" : "SCREENING_TYPE_BREAST";
    std::string result = "SCREENING_RESULT_" + std::string(screen_result == "normal"      ? "NORMAL"
                                                           : screen_result == "suspected" ? "SUSPECTED"
                                                                                          : "CONFIRMED");
    rc = CallJson(g, "RecordScreening",
                  nlohmann::json{{"screening",
                                  {{"woman_id", woman_id}, {"type", type}, {"result", result},
                                   {"screened_on", screen_date}, {"facility", screen_facility}}}}
                      .dump());
  });
  auto* screenings = woman->add_subcommand("screenings", "a woman's screenings");
  screenings->add_option("id", woman_id, "wm_… id")->required();
  screenings->callback([&] { rc = CallJson(g, "ListScreenings", nlohmann::json{{"woman_id", woman_id}}.dump()); });

  auto* call = app.add_subcommand("call", "any unary registry method, request and answer as JSON");
  std::string call_method, call_json = "{}";
  call->add_option("method", call_method, "e.g. UpdateChild, CreateWoman, ExitWoman")->required();
  call->add_option("json", call_json, "the request, proto field names; request_id is filled in when absent")
      ->capture_default_str();
  call->callback([&] { rc = CallJson(g, call_method, call_json); });

  auto* audit = app.add_subcommand("audit", "the registry's audit trail (auditors and admins)");
  carehub::common::v1::ListAuditEventsRequest areq;
  std::string a_record, a_actor, a_action, a_token;
  int a_size = 0;
  audit->add_option("--record", a_record, "only events on this record id");
  audit->add_option("--actor", a_actor, "only events by this subject");
  audit->add_option("--action", a_action, "e.g. child.read_unmasked");
  audit->add_option("--page-size", a_size);
  audit->add_option("--page-token", a_token);
  audit->callback([&] {
    areq.set_record_id(a_record);
    areq.set_actor(a_actor);
    areq.set_action(a_action);
    areq.set_page_size(a_size);
    areq.set_page_token(a_token);
    grpc::ClientContext ctx;
    Prepare(ctx, g);
    carehub::common::v1::ListAuditEventsResponse resp;
    rc = PrintOrFail(RegistryService::NewStub(Channel(g))->ListAuditEvents(&ctx, areq, &resp), resp);
  });

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const std::exception& e) {
    std::cerr << "carehubctl: " << e.what() << "\n";
    return 1;
  }
  return rc;
}
