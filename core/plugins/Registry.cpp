#include "core/plugins/Registry.hpp"

#include <iterator>

namespace tabhost::core {

namespace {
template <class T>
void appendAll(std::vector<T>& to, std::vector<T>& from) {
  to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}
}  // namespace

void Registrations::absorb(Registrations&& other) {
  appendAll(routes, other.routes);
  appendAll(migrations, other.migrations);
  appendAll(assets, other.assets);
  appendAll(statCards, other.statCards);
  appendAll(auditActions, other.auditActions);
  appendAll(eventHandlers, other.eventHandlers);
  appendAll(userData, other.userData);
  appendAll(settingsPages, other.settingsPages);
  appendAll(brandingSources, other.brandingSources);
  appendAll(tabUis, other.tabUis);
}

const RegisteredTabUi* Registrations::tabUiOf(const std::string& plugin) const {
  for (const auto& ui : tabUis)
    if (ui.plugin == plugin) return &ui;
  return nullptr;
}

const RegisteredSettingsPage* Registrations::pageHolding(const std::string& plugin, const std::string& name) const {
  for (const auto& page : settingsPages)
    if (page.plugin == plugin && page.field(name)) return &page;
  return nullptr;
}

bool Registrations::hasSettingsPages(const std::string& plugin) const {
  for (const auto& page : settingsPages)
    if (page.plugin == plugin) return true;
  return false;
}

const RegisteredAuditAction* Registrations::findAuditAction(std::string_view name) const {
  for (const auto& a : auditActions)
    if (a.action.name == name) return &a;
  return nullptr;
}

const char* methodName(sdk::Method method) {
  switch (method) {
    case sdk::Method::Get: return "GET";
    case sdk::Method::Post: return "POST";
    case sdk::Method::Put: return "PUT";
    case sdk::Method::Patch: return "PATCH";
    case sdk::Method::Delete: return "DELETE";
  }
  return "?";
}

bool isMutating(sdk::Method method) { return method != sdk::Method::Get; }

}  // namespace tabhost::core
