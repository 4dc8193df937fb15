// Tabhost plugin SDK — how a plugin tells the host what it provides.
//
// Plugin::start receives a Registrar. Everything registered is recorded under
// the plugin's id; a duplicate (route, asset, audit action) is refused with a
// message naming both plugins, and the plugin fails to start.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tabhost/sdk/json.hpp"
#include "tabhost/sdk/logger.hpp"
#include "tabhost/sdk/outcome.hpp"
#include "tabhost/sdk/request.hpp"
#include "tabhost/sdk/response.hpp"
#include "tabhost/sdk/ui.hpp"

namespace tabhost::sdk {

/// HTTP method of a route. Post, Put, Patch and Delete are mutating: they run
/// in one transaction with a route-level audit entry.
enum class Method { Get, Post, Put, Patch, Delete };

/// Who may call a route. Routes are denied by default: each must say.
struct Access {
  enum class Kind {
    Public,         ///< anyone, signed in or not (login page data, health)
    Authenticated,  ///< any signed-in user or API token
    Permission,     ///< only principals holding `permission`
  };
  Kind kind = Kind::Permission;
  std::string permission;
  /// Destructive routes (hard delete, key rotation, token issue, disabling
  /// 2FA, role changes): a cookie session must have re-entered its password
  /// recently (POST /auth/reauth), else 403 "reauth_required". An API token
  /// holding the permission is itself the credential.
  bool stepUp = false;
  /// Only a cookie session may call it (an API token gets 403 "session_only").
  bool sessionOnly = false;

  static Access publicRoute() { return {Kind::Public, {}}; }
  static Access authenticated() { return {Kind::Authenticated, {}}; }
  static Access require(std::string permission) { return {Kind::Permission, std::move(permission)}; }
  /// This access, plus a recent password re-entry for cookie sessions.
  Access withStepUp() const {
    Access a = *this;
    a.stepUp = true;
    return a;
  }
  /// This access, for cookie sessions only.
  Access forSessionsOnly() const {
    Access a = *this;
    a.sessionOnly = true;
    return a;
  }
};

/// A guarded route handler (see outcome.hpp); built by Registrar::route.
using RouteHandler = std::function<Outcome(RequestContext&)>;
/// A guarded event handler; the response part of its Outcome is ignored.
using EventHandler = std::function<Outcome(RequestContext&, const Json&)>;

/// A route, relative to /t/{tenant}/api/v1 (e.g. "/companies/{id}").
struct RouteSpec {
  Method method = Method::Get;
  /// Starts with '/'; a segment "{name}" captures a path parameter.
  std::string path;
  Access access;
  RouteHandler handler;
};

/// A numbered schema change, applied once per tenant database, in order.
struct Migration {
  /// 1, 2, 3, ... per plugin; never reuse or edit an applied one.
  int version = 0;
  /// Short description, e.g. "create greetings".
  std::string name;
  /// Portable SQL (docs/sql.md); used for every driver unless overridden.
  std::string sql;
  /// PostgreSQL-specific SQL, when it must differ.
  std::string postgresSql;
};

/// A static file of the plugin's UI, embedded in the library and served at
/// /t/{tenant}/ui/{plugin id}/{path}.
struct Asset {
  std::string path;
  std::string contentType;
  /// Must stay valid for the plugin's life (plugins are never unloaded, so a
  /// string literal or static array is right).
  std::string_view bytes;
};

/// A dashboard stat card; `compute` returns a Response whose body is the
/// card's value (a JSON number or object).
struct StatCardSpec {
  std::string id;
  std::string label;
  /// Permission needed to see the card (empty: any signed-in user).
  std::string permission;
  RouteHandler compute;
};

/// An audit action the plugin writes, e.g. {"companies.approve", "Approved a company"}.
struct AuditActionSpec {
  std::string name;
  std::string description;
};

/// Rows of a plugin's table that belong to a user: when the user is deleted
/// (Accounts::erase), the host deletes them in the same transaction, and the
/// deletion preview counts them. Declared rather than left to an event
/// handler, so that the host can count before it deletes and no plugin can
/// forget a table.
struct UserDataSpec {
  /// A table this plugin's migrations create.
  std::string table;
  /// Its column holding the user's id.
  std::string column;
  /// What the rows are, for the preview (e.g. "admin_messages").
  std::string kind;
};

/// Checks the values a settings page would hold after a PUT (secrets
/// masked). Built by Registrar::settingsPage from a function that throws
/// sdk::Error (with its field) to refuse them; a failed Outcome refuses.
using SettingsCheck = std::function<Outcome(RequestContext&, const Json& proposed)>;

/// A settings page (since SDK ABI 2.5): some of the manifest's settings that
/// the tenant's admin may edit over the API. The host serves `GET path` and
/// `PUT path` (ETag / If-Match), validates against the manifest's schema,
/// seals Secret fields, honours YAML locks and audits every change as
/// "<plugin id>.settings.update" (declared by the host). See
/// docs/settings-pages.md.
struct SettingsPageSpec {
  /// Short name, e.g. "voice-ai": the audit target id.
  std::string id;
  /// Title shown above the form, e.g. "Voice AI".
  std::string title;
  /// Route path relative to /t/{tenant}/api/v1, e.g. "/voice-ai".
  std::string path;
  /// Permission to read the page (one the manifest defines).
  std::string readPermission;
  /// Permission to change it (one the manifest defines).
  std::string writePermission;
  /// Names of manifest settings on the page, in display order.
  std::vector<std::string> fields;
  /// Optional cross-field check, run in the PUT's transaction.
  SettingsCheck check;
};

/// The host's registration interface, valid only during Plugin::start.
class Registrar {
 public:
  virtual ~Registrar() = default;

  /// The id of the plugin being started.
  virtual const std::string& pluginId() const = 0;
  /// The host's logger, tagged with the plugin id.
  virtual Logger& log() = 0;

  virtual void addRoute(RouteSpec spec) = 0;
  virtual void addMigration(Migration migration) = 0;
  virtual void addAsset(Asset asset) = 0;
  virtual void addStatCard(StatCardSpec card) = 0;
  virtual void addAuditAction(AuditActionSpec action) = 0;
  virtual void addEventHandler(std::string event, EventHandler handler) = 0;
  /// Declares user-owned rows (since SDK ABI 2.2).
  virtual void addUserData(UserDataSpec spec) = 0;
  /// Lets this plugin's mutating route `method path` (registered before)
  /// run during a read-only impersonation, which refuses every other
  /// mutating route (since SDK ABI 2.3). Only for routes that end the
  /// impersonation or change nothing the user owns.
  virtual void allowWhileReadOnly(Method method, std::string path) = 0;
  /// Hands this plugin's route `method path` (registered before) its body
  /// unread, through RequestContext::bodyReader, instead of reading it
  /// whole first (since SDK ABI 2.4): for uploads of any size, such as a
  /// CSV import. The host's server.max_body_bytes does not apply; the
  /// handler enforces its own limit (413 "payload_too_large"), and body()
  /// and rawBody() are empty. What the handler leaves unread is discarded
  /// with the connection.
  virtual void streamBody(Method method, std::string path) = 0;
  /// Adds a settings page (since SDK ABI 2.5); its fields must be
  /// manifest settings, and its permissions the plugin's own.
  virtual void addSettingsPage(SettingsPageSpec page) = 0;
  /// Lets this plugin override the tenant's YAML branding (since SDK ABI
  /// 2.5): `source` answers a JSON object with any of product_name,
  /// logo_url, primary_color and marketing_html; its non-null members win.
  /// It runs for GET /branding (unauthenticated), GET /me and branded mail,
  /// so it must be cheap and reveal nothing private.
  virtual void addBrandingSource(RouteHandler source) = 0;
  /// Declares the plugin's tab element (since SDK ABI 2.6): the dashboard
  /// imports `spec.module` (an asset registered before) and shows
  /// `spec.element` as the plugin's tab, setting its `context` property
  /// (docs/plugin-ui.md). One per plugin; refused when the element name is
  /// not a valid custom element name or another plugin declared it.
  virtual void addTabUi(TabUiSpec spec) = 0;

  /// Registers `handler(RequestContext&) -> Response` for `method path`.
  template <class F>
  void route(Method method, std::string path, Access access, F handler) {
    addRoute({method, std::move(path), std::move(access),
              [h = std::move(handler)](RequestContext& ctx) { return detail::guard([&] { return h(ctx); }); }});
  }
  /// Registers a stat card; `compute(RequestContext&) -> Json`.
  template <class F>
  void statCard(std::string id, std::string label, std::string permission, F compute) {
    addStatCard({std::move(id), std::move(label), std::move(permission),
                 [c = std::move(compute)](RequestContext& ctx) {
                   return detail::guard([&] { return Response::json(c(ctx)); });
                 }});
  }
  /// Registers `handler(RequestContext&, const Json& payload)` for event `name`.
  template <class F>
  void on(std::string event, F handler) {
    addEventHandler(std::move(event), [h = std::move(handler)](RequestContext& ctx, const Json& payload) {
      return detail::guard([&] {
        h(ctx, payload);
        return Response::noContent();
      });
    });
  }
  /// Registers migration `version` of this plugin.
  void migration(int version, std::string name, std::string sql, std::string postgresSql = {}) {
    addMigration({version, std::move(name), std::move(sql), std::move(postgresSql)});
  }
  /// Embeds a UI file.
  void asset(std::string path, std::string contentType, std::string_view bytes) {
    addAsset({std::move(path), std::move(contentType), bytes});
  }
  /// Serves every embedded file (see ui.hpp) and declares `element`, defined
  /// by the module `module`, as the plugin's tab.
  void tabUi(UiFiles files, std::string element, std::string module) {
    for (const UiFile& file : files) asset(file.path, file.contentType, file.bytes);
    addTabUi({std::move(element), std::move(module)});
  }
  /// Declares that `table.column` holds user ids whose rows go with the user.
  void userData(std::string table, std::string column, std::string kind) {
    addUserData({std::move(table), std::move(column), std::move(kind)});
  }
  /// Adds a settings page; `check` (optional) is
  /// `check(RequestContext&, const Json& proposed)`, throwing to refuse.
  void settingsPage(SettingsPageSpec page) { addSettingsPage(std::move(page)); }
  template <class F>
  void settingsPage(SettingsPageSpec page, F check) {
    page.check = [c = std::move(check)](RequestContext& ctx, const Json& proposed) {
      return detail::guard([&] {
        c(ctx, proposed);
        return Response::noContent();
      });
    };
    addSettingsPage(std::move(page));
  }
  /// Registers `source(RequestContext&) -> Json` as a branding source.
  template <class F>
  void brandingSource(F source) {
    addBrandingSource(
        [s = std::move(source)](RequestContext& ctx) { return detail::guard([&] { return Response::json(s(ctx)); }); });
  }
  /// Declares an audit action this plugin records.
  void auditAction(std::string name, std::string description) {
    addAuditAction({std::move(name), std::move(description)});
  }
};

}  // namespace tabhost::sdk
