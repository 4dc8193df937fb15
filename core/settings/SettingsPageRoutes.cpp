#include "core/settings/SettingsPageRoutes.hpp"

#include "core/config/SettingRules.hpp"
#include "core/crypto/Secrets.hpp"
#include "core/json/JsonCodec.hpp"
#include "core/log/Logging.hpp"
#include "core/settings/EffectiveSettings.hpp"
#include "core/util/UtcClock.hpp"
#include "tabhost/sdk/error.hpp"

namespace tabhost::core {

namespace {

sdk::Json optionalInt(const std::optional<std::int64_t>& value) { return value ? sdk::Json(*value) : sdk::Json(); }

sdk::Json fieldJson(const sdk::SettingField& field, bool locked) {
  return sdk::Json::object({
      {"name", field.name},
      {"type", settingTypeName(field.type)},
      {"required", field.required},
      {"locked", locked},
      {"description", field.description},
      {"choices", sdk::Json::strings(field.choices)},
      {"min", optionalInt(field.min)},
      {"max", optionalInt(field.max)},
      {"pattern", field.pattern},
      {"default", field.defaultValue},
  });
}

// The page as GET shows it, and its ETag.
struct PageView {
  sdk::Json body;
  std::string etag;
};

PageView pageView(const RequestState& state, const RegisteredSettingsPage& page, const StoredSettings& stored,
                  const PageVersion& version) {
  const sdk::Json effective = overlaySettings(state, page.plugin, stored);
  const YamlSettings yaml = yamlSettingsOf(state, page.plugin);
  sdk::Json values = sdk::Json::object();
  sdk::Json locked = sdk::Json::array();
  sdk::Json fields = sdk::Json::array();
  for (const auto& field : page.fields) {
    const sdk::Json* value = effective.find(field.name);
    values[field.name] = value ? *value : sdk::Json();
    if (yaml.locked(field.name)) locked.push_back(field.name);
    fields.push_back(fieldJson(field, yaml.locked(field.name)));
  }
  // The YAML's part is in the tag too: a reload that locks or changes a value makes old forms stale.
  const std::string digest = sha256Hex(toJsonText(sdk::Json::object({{"values", values}, {"locked", locked}})));
  PageView view;
  view.etag = "\"" + std::to_string(version.version) + "-" + digest.substr(0, 12) + "\"";
  view.body = sdk::Json::object({
      {"page", page.spec.id},
      {"title", page.spec.title},
      {"version", version.version},
      {"updated_at", version.version == 0 ? sdk::Json() : version.updatedAt},
      {"updated_by", version.updatedBy},
      {"values", std::move(values)},
      {"locked", std::move(locked)},
      {"fields", std::move(fields)},
  });
  return view;
}

sdk::Response answer(PageView view) {
  sdk::Response response = sdk::Response::json(std::move(view.body));
  response.headers.emplace_back("ETag", std::move(view.etag));
  return response;
}

// One field of the PUT body: what it asks for.
struct Requested {
  const sdk::SettingField* field;
  /// Null: back to the default. For a secret, a new plaintext otherwise.
  sdk::Json value;
};

// Reads the PUT body into the changes it asks for; throws on the first bad field.
std::vector<Requested> readRequest(RequestState& state, const RegisteredSettingsPage& page, const sdk::Json& body,
                                   const sdk::Json& current) {
  if (!body.isObject()) throw sdk::Error::badRequest("invalid_body", "expected a JSON object of settings");
  const YamlSettings yaml = yamlSettingsOf(state, page.plugin);
  std::vector<Requested> requested;
  for (const auto& [name, value] : body.asObject()) {
    const sdk::SettingField* field = page.field(name);
    if (!field)
      throw sdk::Error::badRequest("unknown_setting",
                                   "'" + name + "' is not a setting of page " + page.spec.id + " (settings: " +
                                       listNames(page.spec.fields) + ")",
                                   name);
    const bool secret = field->type == sdk::SettingType::Secret;
    // A form posts back what it was shown: the mask, or the locked value.
    const sdk::Json* shown = current.find(name);
    if (secret && isSecretMask(value) && shown && value == *shown) continue;
    if (yaml.locked(name)) {
      if (shown && value == *shown) continue;
      throw sdk::Error::forbidden("setting_locked", name + " is fixed by the tenant's configuration", name);
    }
    if (!value.isNull())
      if (auto problem = jsonValueProblem(*field, value))
        throw sdk::Error::badRequest("invalid_setting", name + ": " + *problem, name);
    if (secret && isSecretMask(value))
      throw sdk::Error::badRequest("invalid_setting", name + ": send the new secret, or the mask shown to keep it",
                                   name);
    requested.push_back({field, value});
  }
  return requested;
}

void requireRequired(const RegisteredSettingsPage& page, const sdk::Json& proposed) {
  for (const auto& field : page.fields) {
    if (!field.required) continue;
    const sdk::Json* value = proposed.find(field.name);
    if (!value || value->isNull() || (value->isString() && value->asString().empty()))
      throw sdk::Error::badRequest("required_setting", field.name + " is required", field.name);
  }
}

void runCheck(RequestState& state, const RegisteredSettingsPage& page, const sdk::Json& proposed) {
  if (!page.spec.check) return;
  PluginRequestContext pluginContext(state, page.plugin);
  const sdk::Outcome outcome = page.spec.check(pluginContext, proposed);
  if (outcome.ok) return;
  if (!outcome.detail.empty())
    hostLog().error("request_id={} tenant={} plugin={} settings check of page {} failed: {}", state.requestId,
                    state.tenant.id, page.plugin, page.spec.id, outcome.detail);
  throw sdk::Error(outcome.status, outcome.code, outcome.message, outcome.field);
}

}  // namespace

sdk::Response settingsPageGet(sdk::RequestContext& ctx, const RegisteredSettingsPage& page) {
  RequestState& state = stateOf(ctx);
  sdk::Database& db = state.database();
  return answer(pageView(state, page, loadStoredSettings(db, page.plugin), loadPageVersion(db, page.plugin, page.spec.id)));
}

sdk::Response settingsPagePut(sdk::RequestContext& ctx, const RegisteredSettingsPage& page) {
  RequestState& state = stateOf(ctx);
  sdk::Database& db = state.database();
  // The version row first: concurrent writers of the page queue here, and each reads what the one before wrote.
  const PageVersion version = lockPageVersion(db, page.plugin, page.spec.id, utcTimestamp());
  StoredSettings stored = loadStoredSettings(db, page.plugin);
  const PageView before = pageView(state, page, stored, version);

  const auto ifMatch = ctx.header("If-Match");
  if (!ifMatch)
    throw sdk::Error(428, "precondition_required",
                     "send If-Match with the ETag of GET " + page.spec.path + " (or * to overwrite)");
  if (*ifMatch != "*" && *ifMatch != before.etag)
    throw sdk::Error(412, "precondition_failed",
                     "the settings changed since they were read: GET " + page.spec.path + " again");

  const sdk::Json& shown = *before.body.find("values");
  const std::vector<Requested> requested = readRequest(state, page, ctx.body(), shown);
  // What the page will store, secrets sealed: the checks see it, and the write stores it.
  StoredSettings proposedStored = stored;
  for (const auto& r : requested) {
    if (r.value.isNull())
      proposedStored.erase(r.field->name);
    else if (r.field->type == sdk::SettingType::Secret)
      proposedStored[r.field->name] = {{}, state.identity.keys.seal(r.value.asString()), maskSecret(r.value.asString())};
    else
      proposedStored[r.field->name] = {r.value, {}, {}};
  }
  const sdk::Json proposed = overlaySettings(state, page.plugin, proposedStored);
  requireRequired(page, proposed);
  runCheck(state, page, proposed);

  std::vector<sdk::Change> changes;
  for (const auto& r : requested) {
    const std::string& name = r.field->name;
    if (r.field->type == sdk::SettingType::Secret) {
      if (r.value.isNull() && !stored.contains(name)) continue;
      changes.push_back({name, {}, {}, true});
      continue;
    }
    const sdk::Json* was = shown.find(name);
    const sdk::Json* will = proposed.find(name);
    const sdk::Json wasValue = was ? *was : sdk::Json();
    const sdk::Json willValue = will ? *will : sdk::Json();
    const bool storedChanged = stored.contains(name) != proposedStored.contains(name) ||
                               (stored.contains(name) && stored.at(name).value != proposedStored.at(name).value);
    if (wasValue != willValue || storedChanged) changes.push_back({name, wasValue, willValue});
  }
  if (changes.empty()) return answer(before);

  const std::string at = utcTimestamp();
  if (!advancePageVersion(db, page.plugin, page.spec.id,
                          *ifMatch == "*" ? std::nullopt : std::optional<std::int64_t>(version.version), at,
                          state.principal.id))
    throw sdk::Error(412, "precondition_failed",
                     "the settings changed since they were read: GET " + page.spec.path + " again");
  sdk::Json changedNames = sdk::Json::array();
  for (const auto& r : requested) {
    const std::string& name = r.field->name;
    if (std::ranges::none_of(changes, [&](const sdk::Change& c) { return c.field == name; })) continue;
    changedNames.push_back(name);
    if (const auto it = proposedStored.find(name); it == proposedStored.end())
      removeSetting(db, page.plugin, name);
    else
      storeSetting(db, page.plugin, name, it->second);
  }
  AuditEntry entry = state.auditEntry(page.plugin, page.plugin + ".settings.update", "settings", page.spec.id,
                                      sdk::Json::object({{"page", page.spec.id}, {"fields", changedNames}}));
  entry.changes = std::move(changes);
  state.audit(std::move(entry));
  state.settingsCache.erase(page.plugin);
  // The version row is locked: this write made the next version.
  return answer(pageView(state, page, proposedStored, {version.version + 1, at, state.principal.id}));
}

}  // namespace tabhost::core
