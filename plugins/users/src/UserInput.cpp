#include "UserInput.hpp"

#include <sodium.h>

namespace users {

using tabhost::sdk::Error;
using tabhost::sdk::Json;

tabhost::sdk::NewUser newUserFrom(const Json& body) {
  tabhost::sdk::NewUser user;
  user.firstName = requiredString(body, "first_name");
  user.lastName = requiredString(body, "last_name");
  user.email = requiredString(body, "email");
  user.type = requiredString(body, "type");
  user.phone = optionalString(body, "phone").value_or("");
  user.externalId = optionalString(body, "external_id").value_or("");
  user.timezone = optionalString(body, "timezone").value_or("");
  user.roles = optionalStrings(body, "roles").value_or(std::vector<std::string>{});
  user.invite = optionalBool(body, "invite", false);
  return user;
}

tabhost::sdk::UserUpdate userUpdateFrom(const Json& body) {
  if (body.find("type"))
    throw Error::unprocessable("type_immutable",
                               "a user's type cannot change; create a new user of the other type instead", "type");
  tabhost::sdk::UserUpdate update;
  update.firstName = optionalString(body, "first_name");
  update.lastName = optionalString(body, "last_name");
  update.email = optionalString(body, "email");
  update.phone = optionalString(body, "phone");
  update.externalId = optionalString(body, "external_id");
  update.timezone = optionalString(body, "timezone");
  update.roles = optionalStrings(body, "roles");
  return update;
}

std::string sha256Hex(const std::string& text) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  char hex[sizeof digest * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

std::string newId() {
  unsigned char bytes[16];
  randombytes_buf(bytes, sizeof bytes);
  char hex[sizeof bytes * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  return hex;
}

}  // namespace users
