#include "core/http/AddressRanges.hpp"

#include <charconv>

namespace tabhost::core {

std::optional<AddressRanges::Range> AddressRanges::parse(const std::string& text) {
  const std::size_t slash = text.find('/');
  Range range;
  if (!Poco::Net::IPAddress::tryParse(text.substr(0, slash), range.network)) return std::nullopt;
  const unsigned bits = range.network.family() == Poco::Net::IPAddress::IPv4 ? 32 : 128;
  range.prefix = bits;
  if (slash != std::string::npos) {
    const char* first = text.data() + slash + 1;
    const char* last = text.data() + text.size();
    const auto [end, error] = std::from_chars(first, last, range.prefix);
    if (first == last || error != std::errc() || end != last || range.prefix > bits) return std::nullopt;
  }
  return range;
}

AddressRanges::AddressRanges(const std::vector<std::string>& entries) {
  for (const auto& entry : entries)
    if (auto range = parse(entry)) ranges_.push_back(std::move(*range));
}

bool AddressRanges::contains(const Poco::Net::IPAddress& address) const {
  Poco::Net::IPAddress client = address;
  if (client.family() == Poco::Net::IPAddress::IPv6 && client.isIPv4Mapped())
    client = Poco::Net::IPAddress(client.toString().substr(client.toString().rfind(':') + 1));
  for (const auto& range : ranges_) {
    if (range.network.family() != client.family()) continue;
    const Poco::Net::IPAddress mask(range.prefix, client.family());
    if ((client & mask) == (range.network & mask)) return true;
  }
  return false;
}

}  // namespace tabhost::core
