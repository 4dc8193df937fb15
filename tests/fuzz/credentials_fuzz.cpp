// A request's credentials, read the way authentication reads them: the
// head parsed by Poco as the server parses it, the session cookie taken
// from its Cookie headers, the API token from "Authorization: Bearer" and
// checked by tokenWellFormed before any lookup. The fuzzer cannot guess a
// token's checksum, so each bearer token is also tried with the checksum
// its body should have, which reaches the rest of the check.
#include <algorithm>
#include <cstdint>
#include <sstream>
#include <string>

#include <Poco/Exception.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/String.h>

#include "core/crypto/Secrets.hpp"
#include "core/identity/ApiTokens.hpp"
#include "core/identity/Sessions.hpp"
#include "FuzzCheck.hpp"

namespace {

using namespace tabhost::core;

const std::string kPrefix = "tle";
constexpr std::size_t kSecretChars = 43;
constexpr std::size_t kChecksumChars = 6;

bool base62(char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

void checkToken(const std::string& token) {
  if (tokenWellFormed(token, kPrefix)) tokenHint(token, kPrefix);
  if (token.size() < kChecksumChars) return;
  const std::string body = token.substr(0, token.size() - kChecksumChars);
  const std::string completed = body + toBase62(crc32(body), kChecksumChars);
  const bool shaped = completed.size() == kPrefix.size() + 1 + kSecretChars + kChecksumChars &&
                      completed.starts_with(kPrefix + "_") &&
                      std::all_of(completed.begin() + kPrefix.size() + 1, completed.end(), base62);
  fuzzCheck(tokenWellFormed(completed, kPrefix) == shaped,
            "a token with the right checksum is well formed exactly when it has the right shape");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::istringstream head(std::string(reinterpret_cast<const char*>(data), size));
  Poco::Net::HTTPRequest request;
  try {
    request.read(head);
  } catch (const Poco::Exception&) {
    return 0;  // the server answers 400 to a head Poco cannot read
  }
  Poco::Net::NameValueCollection cookies;
  request.getCookies(cookies);
  for (const bool secure : {false, true}) {
    const std::string name = sessionCookieName("demo", secure);
    if (cookies.has(name)) cookies.get(name);
  }
  const std::string authorization = request.get("Authorization", "");
  if (authorization.size() > 7 && Poco::icompare(authorization.substr(0, 7), "bearer ") == 0)
    checkToken(authorization.substr(7));
  return 0;
}
