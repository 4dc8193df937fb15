// The YAML loader reads tabhost.yaml and the tenant files, which operators
// and partners write by hand. The input is loaded both as tabhost.yaml and
// as the one tenant file of a tenants folder, against a catalog of one
// plugin with a field of each kind its settings are checked against. Any
// problem must come back as diagnostics, never as an exception.
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string_view>

#include "core/config/ConfigLoader.hpp"
#include "tabhost/sdk/manifest.hpp"
#include "FuzzCheck.hpp"

namespace {

namespace fs = std::filesystem;
using namespace tabhost;

// A folder of this process's own, removed at exit.
const fs::path& scratchDir() {
  static const fs::path dir = [] {
    std::string name = "/tmp/tabhost-fuzz-config-XXXXXX";
    fs::path made = mkdtemp(name.data()) ? fs::path(name) : fs::path();
    fs::create_directories(made / "tenants");
    std::atexit([] { std::filesystem::remove_all(scratchDir()); });
    return made;
  }();
  return dir;
}

const core::PluginCatalog& catalog() {
  using sdk::SettingType;
  static const sdk::SettingsSchema schema = [] {
    sdk::SettingsSchema fields{
        sdk::settingField("greeting", SettingType::String, "", sdk::Json("Hello")),
        sdk::settingField("portal_url", SettingType::Url, ""),
        sdk::settingField("support", SettingType::Email, ""),
        sdk::settingField("phone", SettingType::Phone, ""),
        sdk::settingField("mode", SettingType::Enum, "", sdk::Json("plain")),
        sdk::settingField("on", SettingType::Bool, "", sdk::Json(false)),
        sdk::settingField("limit", SettingType::Int, "", sdk::Json(std::int64_t{5})),
        sdk::settingField("tags", SettingType::List, ""),
        sdk::settingField("api_key", SettingType::Secret, ""),
    };
    fields[1].pattern = "https://.*";
    fields[4].choices = {"plain", "markdown"};
    fields[6].min = 1;
    fields[6].max = 8;
    return fields;
  }();
  static const std::vector<sdk::PermissionInfo> permissions{{"hello.read", "", "viewer"},
                                                            {"hello.write", "", "admin"}};
  static const core::PluginCatalog plugins{{"hello", {true, &schema, &permissions}}, {"refused", {false}}};
  return plugins;
}

void write(const fs::path& file, std::string_view text) {
  std::ofstream(file, std::ios::binary | std::ios::trunc).write(text.data(), static_cast<std::streamsize>(text.size()));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const fs::path& dir = scratchDir();

  write(dir / "tabhost.yaml", text);
  core::Diagnostics errors;
  const auto host = core::loadHostConfig((dir / "tabhost.yaml").string(), errors);
  fuzzCheck(host.has_value() == errors.empty(), "a host file loads exactly when it has no diagnostics");

  write(dir / "tenants" / "tenant.yaml", text);
  core::HostConfig tenantHost;
  tenantHost.file = (dir / "tabhost.yaml").string();
  tenantHost.tenantsDir = (dir / "tenants").string();
  core::Diagnostics tenantErrors;
  const auto snapshot = core::loadConfig(tenantHost, catalog(), 1, tenantErrors);
  fuzzCheck((snapshot != nullptr) == tenantErrors.empty(), "a tenant file loads exactly when it has no diagnostics");
  return 0;
}
