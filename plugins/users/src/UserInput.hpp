// Reading the users plugin's request bodies: 400 for a wrong shape (a
// missing field, a number where text belongs), naming the field. What the
// values may be is checked by the host's account service.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <tabhost/sdk/sdk.hpp>

namespace users {

/// POST /users as the account service takes it.
tabhost::sdk::NewUser newUserFrom(const tabhost::sdk::Json& body);
/// PATCH /users/{id}; 422 "type_immutable" when it tries to change the type.
tabhost::sdk::UserUpdate userUpdateFrom(const tabhost::sdk::Json& body);

/// Lowercase hex of libsodium's SHA-256.
std::string sha256Hex(const std::string& text);
/// A random id (128 bits, hex).
std::string newId();

}  // namespace users
