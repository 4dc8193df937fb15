// Client addresses allowed to reach something (server.metrics_from): single
// addresses ("127.0.0.1", "::1") and networks in CIDR form ("10.0.0.0/8").
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <Poco/Net/IPAddress.h>

namespace tabhost::core {

class AddressRanges {
 public:
  /// A network or single address; nullopt when `text` is neither.
  struct Range {
    Poco::Net::IPAddress network;
    unsigned prefix = 0;
  };
  static std::optional<Range> parse(const std::string& text);

  /// From entries config loading has checked with parse().
  explicit AddressRanges(const std::vector<std::string>& entries);

  /// Whether `address` lies in one of the ranges (an IPv4 address reached
  /// over IPv6, ::ffff:a.b.c.d, counts as the IPv4 one).
  bool contains(const Poco::Net::IPAddress& address) const;

 private:
  std::vector<Range> ranges_;
};

}  // namespace tabhost::core
