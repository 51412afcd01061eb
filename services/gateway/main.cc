// carehub-gateway: the one door to every CareHub service (serve.h).
#include "services/gateway/serve.h"

int main(int argc, char** argv) { return carehub::gateway::RunGateway(argc, argv); }
