#pragma once

namespace carehub::testing {

// A TCP connection to 127.0.0.1:port (where every test server listens), or -1.
int ConnectToLoopback(int port);

}  // namespace carehub::testing
