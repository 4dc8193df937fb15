// The Registrar a plugin receives in start(): validates each registration,
// refuses duplicates naming both owners, and stages everything so that a
// plugin whose start fails leaves no trace.
#pragma once

#include <string>

#include "core/plugins/Registry.hpp"
#include "tabhost/sdk/manifest.hpp"
#include "tabhost/sdk/registrar.hpp"

namespace tabhost::core {

class PluginRegistrar final : public sdk::Registrar {
 public:
  /// `committed` holds what earlier plugins registered (for duplicate checks);
  /// `manifest` is the plugin's (nullptr for the host's own routes).
  PluginRegistrar(std::string pluginId, const Registrations& committed, sdk::Logger& logger,
                  const sdk::Manifest* manifest = nullptr);

  const std::string& pluginId() const override { return pluginId_; }
  sdk::Logger& log() override { return logger_; }

  void addRoute(sdk::RouteSpec spec) override;
  void addMigration(sdk::Migration migration) override;
  void addAsset(sdk::Asset asset) override;
  void addStatCard(sdk::StatCardSpec card) override;
  void addAuditAction(sdk::AuditActionSpec action) override;
  void addEventHandler(std::string event, sdk::EventHandler handler) override;
  void addUserData(sdk::UserDataSpec spec) override;
  void allowWhileReadOnly(sdk::Method method, std::string path) override;
  void streamBody(sdk::Method method, std::string path) override;
  void addSettingsPage(sdk::SettingsPageSpec page) override;
  void addBrandingSource(sdk::RouteHandler source) override;
  void addTabUi(sdk::TabUiSpec spec) override;

  /// What this plugin registered; move it into the registry on success.
  Registrations& staged() { return staged_; }

 private:
  std::string pluginId_;
  const Registrations& committed_;
  sdk::Logger& logger_;
  const sdk::Manifest* manifest_;
  Registrations staged_;

  /// This plugin's route `method path`, registered before; refuses the
  /// plugin when there is none (`what` names the call).
  RegisteredRoute& ownRoute(sdk::Method method, const std::string& path, const char* what);
};

/// "/companies/{id}" → "/companies/{}": two routes clash when these are equal.
std::string routeShape(const std::string& path);

}  // namespace tabhost::core
