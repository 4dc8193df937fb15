// The users plugin — tab "Users": everyone in the tenant.
//
//   GET    /users                       list: q, status, type, role, company, sort (created_at, email,
//                                        last_name, last_login_at; - for descending), cursor (users.read)
//   GET    /users/stats                 total, active, invited, suspended, discarded (users.read)
//   GET    /users/roles                 the tenant's roles: name, permissions, grantable by the caller (users.read)
//   GET    /users/{id}                  one user, with phone, external id and timezone (users.read)
//   POST   /users                       create, with an invitation or a temporary password (users.write)
//   PATCH  /users/{id}                  profile, roles, companies; the type never changes (users.write)
//   POST   /users/{id}/resend-invite    a new invitation link (users.write)
//   POST   /users/{id}/reset-password   {mode: email|temporary} (users.write)
//   POST   /users/{id}/disable-2fa      {reason}, step-up (users.write)
//   POST   /users/{id}/suspend | reactivate | discard | undiscard   (users.write)
//   GET    /users/{id}/delete-preview   what deletion removes, by kind (users.delete)
//   DELETE /users/{id}                  for good, step-up; {acknowledge: true} for admins and owners (users.delete)
//   POST   /users/{id}/message          {subject?, body} emailed to the user (users.message)
//   GET    /users/{id}/messages         what was sent (users.read)
//   GET    /users/message-defaults      {subject}: what a message gets without one (users.message)
//
// Accounts belong to the host (it checks credentials on every request);
// this plugin manages them through the SDK's Accounts service and reads the
// users table whose columns the SDK documents.
#include "Memberships.hpp"
#include "UserListing.hpp"
#include "UsersRoutes.hpp"

namespace users {

namespace {

using namespace tabhost::sdk;

class UsersPlugin final : public Plugin {
 public:
  Manifest manifest() const override {
    Manifest m;
    m.id = "users";
    m.name = "Users";
    m.version = "1.0.0";
    m.description = "Find, invite, edit, suspend, delete and message the tenant's users.";
    m.tabTitle = "Users";
    m.tabIcon = "users";
    m.tabOrder = 20;
    m.permissions = {{"users.read", "See the tenant's users", "supervisor"},
                     {"users.write", "Create, edit, suspend and reset users below one's rank", "admin"},
                     {"users.delete", "Delete users for good", "admin"},
                     {"users.message", "Email a user from the admin console", "admin"}};
    m.settings = {settingField("message_subject", SettingType::String,
                               "Default subject of admin messages; {product_name} becomes the tenant's product name",
                               Json("A message from {product_name}"))};
    return m;
  }

  void start(Registrar& r) override {
    // The Users tab: ui/src bundled into tab.js (plugins/users/CMakeLists.txt).
    r.tabUi(embeddedUi(), "tabhost-users", "tab.js");
    registerTables(r);
    for (const auto& [name, description] : std::initializer_list<std::pair<const char*, const char*>>{
             {"users.create", "Created a user"},
             {"users.update", "Changed a user's profile, roles or companies"},
             {"users.resend_invite", "Sent a new invitation"},
             {"users.reset_password", "Reset a user's password"},
             {"users.disable_2fa", "Turned off a user's two-factor authentication"},
             {"users.suspend", "Suspended a user"},
             {"users.reactivate", "Reactivated a user"},
             {"users.discard", "Discarded a user"},
             {"users.undiscard", "Restored a discarded user"},
             {"users.delete", "Deleted a user for good"},
             {"users.message_sent", "Emailed a user"}})
      r.auditAction(name, description);
    r.statCard("users", "Users", "users.read", [](RequestContext& ctx) { return userStats(ctx.db()); });
    registerListingRoutes(r);
    registerLifecycleRoutes(r);
    registerMessageRoutes(r);
  }
};

}  // namespace

void registerListingRoutes(Registrar& r) {
  const Access read = Access::require("users.read");
  r.route(Method::Get, "/users", read, [](RequestContext& ctx) { return Response::json(listUsers(ctx)); });
  r.route(Method::Get, "/users/stats", read, [](RequestContext& ctx) { return Response::json(userStats(ctx.db())); });
  // The tenant's roles, and which the caller may give: what a form offers.
  r.route(Method::Get, "/users/roles", read, [](RequestContext& ctx) {
    Json items = Json::array();
    for (const auto& role : ctx.accounts().roles())
      items.push_back(Json::object(
          {{"name", role.name}, {"permissions", Json::strings(role.permissions)}, {"grantable", role.grantable}}));
    return Response::json(Json::object({{"items", std::move(items)}}));
  });
  r.route(Method::Get, "/users/{id}", read,
          [](RequestContext& ctx) { return Response::json(Json::object({{"user", userRow(ctx, *ctx.param("id"))}})); });
}

}  // namespace users

TABHOST_PLUGIN(users::UsersPlugin, "users", "1.0.0")
