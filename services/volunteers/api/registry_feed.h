#pragma once
// The registry's change feed over gRPC (ListPersonChanges), read by this service as itself: an
// `integration` principal reaching every division, relayed as carehub-volunteers.
#include <memory>

#include "common/service_client.h"
#include "services/volunteers/app/feed.h"

namespace carehub::volunteers {

std::unique_ptr<PersonChangeSource> RegistryChanges(ServiceClient client);

}  // namespace carehub::volunteers
