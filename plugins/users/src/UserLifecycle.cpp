// Creating, editing and removing users. The host's account service enforces
// the rank and last-owner rules for every plugin; this file adds the Users
// tab's own rules (deletion safety codes), the memberships and the audit
// entries with their before → after changes.
#include <algorithm>

#include "Memberships.hpp"
#include "UserInput.hpp"
#include "UserListing.hpp"
#include "UsersRoutes.hpp"

namespace users {

namespace {

using namespace tabhost::sdk;

std::string userId(const RequestContext& ctx) { return *ctx.param("id"); }

Json targetOf(RequestContext& ctx) { return userRecord(ctx.db(), userId(ctx)); }

Response created(RequestContext& ctx) {
  const Json& body = objectBody(ctx);
  const NewUser user = newUserFrom(body);
  const auto companies = optionalStrings(body, "company_ids");
  const CreatedUser made = ctx.accounts().create(user);
  std::vector<Change> changes{{"first_name", Json(), user.firstName}, {"last_name", Json(), user.lastName},
                              {"email", Json(), user.email}};
  if (!user.phone.empty()) changes.push_back({"phone", Json(), user.phone});
  if (!user.externalId.empty()) changes.push_back({"external_id", Json(), user.externalId});
  if (companies)
    if (auto change = setCompanies(ctx.db(), made.id, *companies)) changes.push_back(*change);
  ctx.audit().recordChanges("users.create", "user", made.id,
                            Json::object({{"type", user.type}, {"roles", Json::strings(user.roles)},
                                          {"invited", user.invite}}),
                            changes);
  Json answer = Json::object({{"user", userRow(ctx, made.id)}});
  // Shown this once; the host keeps only its hash.
  if (!made.temporaryPassword.empty()) answer["temporary_password"] = made.temporaryPassword;
  return Response::created(std::move(answer));
}

Response patched(RequestContext& ctx) {
  const Json& body = objectBody(ctx);
  const UserUpdate update = userUpdateFrom(body);
  const auto companies = optionalStrings(body, "company_ids");
  std::vector<Change> changes = ctx.accounts().update(userId(ctx), update);
  if (companies)
    if (auto change = setCompanies(ctx.db(), userId(ctx), *companies)) changes.push_back(*change);
  if (!changes.empty()) ctx.audit().recordChanges("users.update", "user", userId(ctx), Json::object(), changes);
  return Response::json(Json::object({{"user", userRow(ctx, userId(ctx))}, {"changed", static_cast<int>(changes.size())}}));
}

Response resetPassword(RequestContext& ctx) {
  const std::string mode = optionalString(objectBody(ctx), "mode").value_or("email");
  if (mode != "email" && mode != "temporary")
    throw Error::badRequest("invalid_input", "mode must be \"email\" (a reset link) or \"temporary\"", "mode");
  const std::string temporary = ctx.accounts().resetPassword(
      userId(ctx), mode == "email" ? PasswordReset::EmailLink : PasswordReset::TemporaryPassword);
  ctx.audit().record("users.reset_password", "user", userId(ctx), Json::object({{"mode", mode}}));
  if (temporary.empty()) return Response::json(Json::object({{"mode", mode}, {"email_sent", true}}));
  return Response::json(Json::object({{"mode", mode}, {"temporary_password", temporary}}));
}

// POST /users/{id}/suspend and its three siblings.
template <AccountStatusChange change>
Response statusChanged(RequestContext& ctx) {
  const std::string before = targetOf(ctx).find("status")->asString();
  ctx.accounts().changeStatus(userId(ctx), change);
  Json row = userRow(ctx, userId(ctx));
  const char* action = change == AccountStatusChange::Suspend      ? "users.suspend"
                       : change == AccountStatusChange::Reactivate ? "users.reactivate"
                       : change == AccountStatusChange::Discard    ? "users.discard"
                                                                   : "users.undiscard";
  ctx.audit().recordChanges(action, "user", userId(ctx), Json::object(), {{"status", before, *row.find("status")}});
  return Response::json(Json::object({{"user", std::move(row)}}));
}

// The Users tab's deletion rules, each with its own code, before the host's
// own (rank, last owner).
void checkDeletable(RequestContext& ctx, const Json& target) {
  const Principal& actor = ctx.principal();
  if (userId(ctx) == actor.id) throw Error::forbidden("cannot_delete_self", "you cannot delete your own account");
  const std::string& type = target.find("user_type")->asString();
  if (type == "admin" || type == "owner") {
    if (actor.userType != "owner" && actor.userType != "operator")
      throw Error::forbidden("owner_required", "only an owner can delete an " + type);
    if (!optionalBool(ctx.body().isObject() ? ctx.body() : Json::object(), "acknowledge", false))
      throw Error::forbidden("acknowledge_required",
                             "deleting an " + type + " needs \"acknowledge\": true in the request body");
  }
}

Json countsJson(const std::vector<UserDataCount>& counts) {
  Json items = Json::array();
  for (const auto& c : counts) items.push_back(Json::object({{"kind", c.kind}, {"count", c.count}}));
  return items;
}

Response deleted(RequestContext& ctx) {
  const Json target = targetOf(ctx);
  checkDeletable(ctx, target);
  const auto removed = ctx.accounts().erase(userId(ctx));
  // Never the raw email: its hash lets an auditor confirm a known address.
  // The key's hash matches the host's own records of the address.
  ctx.audit().record("users.delete", "user", userId(ctx),
                     Json::object({{"target_type", *target.find("user_type")},
                                   {"email_sha256", sha256Hex(tabhost::sdk::emailKey(target.find("email")->asString()))},
                                   {"removed", countsJson(removed)}}));
  return Response::noContent();
}

}  // namespace

void registerLifecycleRoutes(Registrar& r) {
  const Access write = Access::require("users.write");
  r.route(Method::Post, "/users", write, created);
  r.route(Method::Patch, "/users/{id}", write, patched);
  r.route(Method::Post, "/users/{id}/resend-invite", write, [](RequestContext& ctx) {
    ctx.accounts().resendInvite(userId(ctx));
    ctx.audit().record("users.resend_invite", "user", userId(ctx));
    return Response::json(Json::object({{"email_sent", true}}));
  });
  r.route(Method::Post, "/users/{id}/reset-password", write, resetPassword);
  r.route(Method::Post, "/users/{id}/disable-2fa", write.withStepUp(), [](RequestContext& ctx) {
    const std::string reason = requiredString(objectBody(ctx), "reason");
    ctx.accounts().disableTwoFactor(userId(ctx), reason);
    ctx.audit().record("users.disable_2fa", "user", userId(ctx));
    return Response::json(Json::object({{"user", userRow(ctx, userId(ctx))}}));
  });
  r.route(Method::Post, "/users/{id}/suspend", write, statusChanged<AccountStatusChange::Suspend>);
  r.route(Method::Post, "/users/{id}/reactivate", write, statusChanged<AccountStatusChange::Reactivate>);
  r.route(Method::Post, "/users/{id}/discard", write, statusChanged<AccountStatusChange::Discard>);
  r.route(Method::Post, "/users/{id}/undiscard", write, statusChanged<AccountStatusChange::Undiscard>);
  r.route(Method::Get, "/users/{id}/delete-preview", Access::require("users.delete"), [](RequestContext& ctx) {
    return Response::json(Json::object({{"user_id", userId(ctx)}, {"items", countsJson(ctx.accounts().deletionPreview(userId(ctx)))}}));
  });
  r.route(Method::Delete, "/users/{id}", Access::require("users.delete").withStepUp(), deleted);
}

}  // namespace users
