// Everything the started plugins registered, each item tagged with its owner.
// Built once at start-up and read-only while serving.
#pragma once

#include <string>
#include <vector>

#include "tabhost/sdk/registrar.hpp"
#include "tabhost/sdk/settings.hpp"

namespace tabhost::core {

/// Owner name of what the host itself registers (its routes and migrations).
inline const std::string kHostOwner = "tabhost";

struct RegisteredRoute {
  std::string plugin;
  sdk::RouteSpec spec;
  /// "GET /companies/{id}": the metrics and log label.
  std::string label;
  /// A mutating route that still runs during a read-only impersonation.
  bool openWhileReadOnly = false;
  /// The handler reads the body itself (Registrar::streamBody).
  bool streamsBody = false;
};

struct RegisteredMigration {
  std::string plugin;
  sdk::Migration migration;
};

struct RegisteredAsset {
  std::string plugin;
  sdk::Asset asset;
};

struct RegisteredStatCard {
  std::string plugin;
  sdk::StatCardSpec card;
};

struct RegisteredAuditAction {
  std::string plugin;
  sdk::AuditActionSpec action;
};

struct RegisteredEventHandler {
  std::string plugin;
  std::string event;
  sdk::EventHandler handler;
};

struct RegisteredUserData {
  std::string plugin;
  sdk::UserDataSpec spec;
};

struct RegisteredSettingsPage {
  std::string plugin;
  sdk::SettingsPageSpec spec;
  /// The manifest's definitions of spec.fields, in the same order.
  std::vector<sdk::SettingField> fields;

  const sdk::SettingField* field(const std::string& name) const {
    for (const auto& f : fields)
      if (f.name == name) return &f;
    return nullptr;
  }
};

struct RegisteredTabUi {
  std::string plugin;
  sdk::TabUiSpec spec;
};

struct RegisteredBrandingSource {
  std::string plugin;
  sdk::RouteHandler source;
};

/// The registrations of one plugin, or of all of them.
struct Registrations {
  std::vector<RegisteredRoute> routes;
  std::vector<RegisteredMigration> migrations;
  std::vector<RegisteredAsset> assets;
  std::vector<RegisteredStatCard> statCards;
  std::vector<RegisteredAuditAction> auditActions;
  std::vector<RegisteredEventHandler> eventHandlers;
  std::vector<RegisteredUserData> userData;
  std::vector<RegisteredSettingsPage> settingsPages;
  std::vector<RegisteredBrandingSource> brandingSources;
  std::vector<RegisteredTabUi> tabUis;

  /// Appends `other` (a plugin whose start succeeded).
  void absorb(Registrations&& other);
  /// The audit action named `name`, or nullptr.
  const RegisteredAuditAction* findAuditAction(std::string_view name) const;
  /// The settings page of `plugin` that holds setting `name`, or nullptr.
  const RegisteredSettingsPage* pageHolding(const std::string& plugin, const std::string& name) const;
  /// The tab element `plugin` declared, or nullptr.
  const RegisteredTabUi* tabUiOf(const std::string& plugin) const;
  /// Whether `plugin` has a settings page.
  bool hasSettingsPages(const std::string& plugin) const;
};

const char* methodName(sdk::Method method);
bool isMutating(sdk::Method method);

}  // namespace tabhost::core
