#include "core/plugins/PluginRegistrar.hpp"

#include <algorithm>
#include <regex>
#include <memory>
#include <stdexcept>

#include "core/settings/SettingsPageRoutes.hpp"

namespace tabhost::core {

namespace {

[[noreturn]] void refuse(const std::string& message) { throw std::invalid_argument(message); }

// Route paths: '/'-separated lowercase segments or {param} captures.
void checkRoutePath(const std::string& path) {
  static const std::regex valid(R"((/([a-z0-9._-]+|\{[a-z_][a-z0-9_]*\}))+)");
  if (!std::regex_match(path, valid) || path.find("/.") != std::string::npos)
    refuse("invalid route path '" + path + "': use /segments of a-z 0-9 . _ - (not starting with '.') or {snake_case_param}");
}

template <class Items, class Same>
const std::string* ownerOf(const Items& items, Same same) {
  for (const auto& item : items)
    if (same(item)) return &item.plugin;
  return nullptr;
}

// Looks for a clash in what earlier plugins committed and in what this one staged.
template <class Member, class Same>
void refuseDuplicate(const Registrations& committed, const Registrations& staged, Member member, Same same,
                     const std::string& what, const std::string& pluginId) {
  if (const std::string* owner = ownerOf(committed.*member, same))
    refuse(what + " is already registered by plugin '" + *owner + "' (refused for plugin '" + pluginId + "')");
  if (ownerOf(staged.*member, same)) refuse(what + " is registered twice by plugin '" + pluginId + "'");
}

}  // namespace

std::string routeShape(const std::string& path) {
  static const std::regex param(R"(\{[^}]*\})");
  return std::regex_replace(path, param, "{}");
}

PluginRegistrar::PluginRegistrar(std::string pluginId, const Registrations& committed, sdk::Logger& logger,
                                 const sdk::Manifest* manifest)
    : pluginId_(std::move(pluginId)), committed_(committed), logger_(logger), manifest_(manifest) {}

void PluginRegistrar::addRoute(sdk::RouteSpec spec) {
  checkRoutePath(spec.path);
  if (!spec.handler) refuse("route " + spec.path + " has no handler");
  if (spec.access.kind == sdk::Access::Kind::Permission && spec.access.permission.empty())
    refuse("route " + spec.path + " needs a permission (or Access::publicRoute / Access::authenticated)");
  std::string label = std::string(methodName(spec.method)) + " " + spec.path;
  const std::string shape = routeShape(spec.path);
  refuseDuplicate(
      committed_, staged_, &Registrations::routes,
      [&](const RegisteredRoute& r) { return r.spec.method == spec.method && routeShape(r.spec.path) == shape; },
      "route " + label, pluginId_);
  staged_.routes.push_back({pluginId_, std::move(spec), std::move(label)});
}

void PluginRegistrar::addMigration(sdk::Migration migration) {
  if (migration.version <= 0) refuse("migration versions start at 1 (plugin '" + pluginId_ + "')");
  if (migration.sql.empty()) refuse("migration " + std::to_string(migration.version) + " has no SQL");
  refuseDuplicate(
      committed_, staged_, &Registrations::migrations,
      [&](const RegisteredMigration& m) { return m.plugin == pluginId_ && m.migration.version == migration.version; },
      "migration " + std::to_string(migration.version), pluginId_);
  staged_.migrations.push_back({pluginId_, std::move(migration)});
}

void PluginRegistrar::addAsset(sdk::Asset asset) {
  if (asset.path.empty() || asset.path.find("..") != std::string::npos || asset.path.front() == '/')
    refuse("invalid asset path '" + asset.path + "': relative, without '..'");
  refuseDuplicate(
      committed_, staged_, &Registrations::assets,
      [&](const RegisteredAsset& a) { return a.plugin == pluginId_ && a.asset.path == asset.path; },
      "asset " + asset.path, pluginId_);
  staged_.assets.push_back({pluginId_, std::move(asset)});
}

void PluginRegistrar::addStatCard(sdk::StatCardSpec card) {
  if (card.id.empty() || !card.compute) refuse("a stat card needs an id and a compute function");
  refuseDuplicate(
      committed_, staged_, &Registrations::statCards,
      [&](const RegisteredStatCard& c) { return c.plugin == pluginId_ && c.card.id == card.id; },
      "stat card " + card.id, pluginId_);
  staged_.statCards.push_back({pluginId_, std::move(card)});
}

void PluginRegistrar::addAuditAction(sdk::AuditActionSpec action) {
  // A plugin owns its own vocabulary: its actions are prefixed with its id.
  if (action.name.rfind(pluginId_ + ".", 0) != 0)
    refuse("audit action '" + action.name + "' must start with '" + pluginId_ + ".'");
  refuseDuplicate(
      committed_, staged_, &Registrations::auditActions,
      [&](const RegisteredAuditAction& a) { return a.action.name == action.name; }, "audit action " + action.name,
      pluginId_);
  staged_.auditActions.push_back({pluginId_, std::move(action)});
}

void PluginRegistrar::addEventHandler(std::string event, sdk::EventHandler handler) {
  if (event.empty() || !handler) refuse("an event handler needs an event name and a function");
  staged_.eventHandlers.push_back({pluginId_, std::move(event), std::move(handler)});
}

void PluginRegistrar::addUserData(sdk::UserDataSpec spec) {
  // The names go into SQL the host writes: plain identifiers only.
  static const std::regex identifier("[a-z_][a-z0-9_]{0,62}");
  if (!std::regex_match(spec.table, identifier) || !std::regex_match(spec.column, identifier))
    refuse("user data '" + spec.table + "." + spec.column + "': table and column must be lower-case SQL identifiers");
  if (spec.kind.empty()) refuse("user data " + spec.table + " needs a kind");
  // The host deletes its own tables' rows itself; the audit log is never deleted from.
  static const std::vector<std::string> hostTables{"users",       "sessions",     "api_tokens", "recovery_codes",
                                                   "account_links", "mail_outbox", "audit_log",  "audit_head",
                                                   "user_search", "impersonations"};
  if (std::ranges::find(hostTables, spec.table) != hostTables.end())
    refuse("user data: table '" + spec.table + "' belongs to the host");
  refuseDuplicate(
      committed_, staged_, &Registrations::userData,
      [&](const RegisteredUserData& d) { return d.spec.table == spec.table && d.spec.column == spec.column; },
      "user data " + spec.table + "." + spec.column, pluginId_);
  staged_.userData.push_back({pluginId_, std::move(spec)});
}

void PluginRegistrar::allowWhileReadOnly(sdk::Method method, std::string path) {
  if (!isMutating(method)) refuse("allowWhileReadOnly: " + path + " is not a mutating route (reads are always open)");
  ownRoute(method, path, "allowWhileReadOnly").openWhileReadOnly = true;
}

void PluginRegistrar::streamBody(sdk::Method method, std::string path) {
  ownRoute(method, path, "streamBody").streamsBody = true;
}

void PluginRegistrar::addSettingsPage(sdk::SettingsPageSpec page) {
  if (!manifest_) refuse("settings pages belong to plugins");
  static const std::regex validId("[a-z0-9][a-z0-9-]*");
  if (!std::regex_match(page.id, validId)) refuse("invalid settings page id '" + page.id + "': use a-z 0-9 -");
  refuseDuplicate(
      committed_, staged_, &Registrations::settingsPages,
      [&](const RegisteredSettingsPage& p) { return p.plugin == pluginId_ && p.spec.id == page.id; },
      "settings page " + page.id, pluginId_);
  for (const auto* permission : {&page.readPermission, &page.writePermission})
    if (std::ranges::find(manifest_->permissions, *permission, &sdk::PermissionInfo::name) ==
        manifest_->permissions.end())
      refuse("settings page " + page.id + ": permission '" + *permission + "' is not in the manifest");
  if (page.fields.empty()) refuse("settings page " + page.id + " has no fields");
  RegisteredSettingsPage registered{pluginId_, page, {}};
  for (const auto& name : page.fields) {
    const auto field = std::ranges::find(manifest_->settings, name, &sdk::SettingField::name);
    if (field == manifest_->settings.end())
      refuse("settings page " + page.id + ": field '" + name + "' is not a setting of the manifest");
    for (const auto& other : staged_.settingsPages)
      if (other.field(name)) refuse("setting '" + name + "' is on two settings pages: " + other.spec.id + ", " + page.id);
    if (registered.field(name)) refuse("settings page " + page.id + " lists '" + name + "' twice");
    registered.fields.push_back(*field);
  }
  // The first page declares the plugin's settings audit action.
  if (staged_.settingsPages.empty())
    addAuditAction({pluginId_ + ".settings.update", "Changed settings"});
  auto shared = std::make_shared<const RegisteredSettingsPage>(registered);
  addRoute({sdk::Method::Get, page.path, sdk::Access::require(page.readPermission), [shared](sdk::RequestContext& ctx) {
              return sdk::detail::guard([&] { return settingsPageGet(ctx, *shared); });
            }});
  addRoute({sdk::Method::Put, page.path, sdk::Access::require(page.writePermission), [shared](sdk::RequestContext& ctx) {
              return sdk::detail::guard([&] { return settingsPagePut(ctx, *shared); });
            }});
  staged_.settingsPages.push_back(std::move(registered));
}

void PluginRegistrar::addBrandingSource(sdk::RouteHandler source) {
  if (!source) refuse("branding source of plugin '" + pluginId_ + "' has no handler");
  staged_.brandingSources.push_back({pluginId_, std::move(source)});
}

RegisteredRoute& PluginRegistrar::ownRoute(sdk::Method method, const std::string& path, const char* what) {
  for (auto& r : staged_.routes)
    if (r.spec.method == method && r.spec.path == path) return r;
  refuse(std::string(what) + ": plugin '" + pluginId_ + "' registered no route " + methodName(method) + " " + path);
}

void PluginRegistrar::addTabUi(sdk::TabUiSpec spec) {
  // What the HTML standard accepts as a custom element name, in ASCII.
  static const std::regex element("[a-z][a-z0-9._]*-[a-z0-9._-]*");
  // Names SVG and MathML took before custom elements existed.
  static const std::vector<std::string> taken{"annotation-xml", "color-profile", "font-face", "font-face-src",
                                              "font-face-uri", "font-face-format", "font-face-name", "missing-glyph"};
  if (!std::regex_match(spec.element, element) || std::ranges::find(taken, spec.element) != taken.end())
    refuse("invalid tab element '" + spec.element +
           "': a custom element name is lower case, starts with a letter and holds a '-'");
  if (!ownerOf(staged_.assets, [&](const RegisteredAsset& a) { return a.asset.path == spec.module; }))
    refuse("tab module '" + spec.module + "' is not an asset of plugin '" + pluginId_ + "' (register it first)");
  if (ownerOf(staged_.tabUis, [](const RegisteredTabUi&) { return true; }))
    refuse("plugin '" + pluginId_ + "' declares its tab element twice");
  refuseDuplicate(
      committed_, staged_, &Registrations::tabUis,
      [&](const RegisteredTabUi& ui) { return ui.spec.element == spec.element; }, "tab element " + spec.element,
      pluginId_);
  staged_.tabUis.push_back({pluginId_, std::move(spec)});
}

}  // namespace tabhost::core
