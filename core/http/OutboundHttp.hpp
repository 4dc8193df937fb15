// The host's side of RequestContext::fetch: one bounded HTTP(S) request to
// another service, every failure turned into a value.
#pragma once

#include "tabhost/sdk/http_client.hpp"

namespace tabhost::core {

/// The longest a plugin may wait on each step of a call.
inline constexpr int kMaxOutboundTimeoutMs = 30000;
/// The most of an answer's body that is read.
inline constexpr std::size_t kMaxOutboundBodyBytes = 1 << 20;

sdk::HttpReply outboundRequest(const sdk::HttpCall& call);

}  // namespace tabhost::core
