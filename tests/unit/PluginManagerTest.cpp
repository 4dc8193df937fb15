// The loader against real shared libraries (tests/fixtures/plugins).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/plugins/PluginManager.hpp"

using namespace tabhost::core;
namespace fs = std::filesystem;

namespace {

class PluginFolder {
 public:
  explicit PluginFolder(std::initializer_list<std::string> fixtures) {
    std::string pattern = (fs::temp_directory_path() / "tabhost-plugins-XXXXXX").string();
    dir_ = mkdtemp(pattern.data());
    for (const auto& name : fixtures)
      fs::copy_file(std::string(TABHOST_FIXTURE_DIR) + "/" + name + ".so", dir_ + "/" + name + ".so");
  }
  ~PluginFolder() { fs::remove_all(dir_); }
  const std::string& dir() const { return dir_; }

 private:
  std::string dir_;
};

const PluginRecord& byFile(const PluginManager& m, const std::string& name) {
  for (const auto& r : m.records())
    if (fs::path(r.file).stem() == name) return r;
  throw std::runtime_error("no record for " + name);
}

}  // namespace

TEST(PluginManager, LoadsAndStartsAGoodPluginAndRecordsItsRegistrations) {
  PluginFolder folder{"basic"};
  PluginManager manager(folder.dir());
  Registrations registry;
  manager.startAll(registry);
  const auto& r = byFile(manager, "basic");
  EXPECT_TRUE(r.loaded()) << r.reason;
  EXPECT_EQ(r.id, "basic");
  EXPECT_EQ(r.version, "1.2.0");
  EXPECT_EQ(r.abi, std::to_string(TABHOST_SDK_ABI_MAJOR) + "." + std::to_string(TABHOST_SDK_ABI_MINOR));
  EXPECT_EQ(manager.startOrder(), std::vector<std::string>{"basic"});
  EXPECT_EQ(registry.routes.size(), 10u);
  EXPECT_EQ(registry.routes.front().plugin, "basic");
  EXPECT_EQ(registry.migrations.size(), 1u);
  ASSERT_TRUE(registry.findAuditAction("basic.item.create"));
}

TEST(PluginManager, RefusesOtherAbiAndSignatureBeforeLoading) {
  PluginFolder folder{"wrong_abi", "wrong_signature", "basic"};
  PluginManager manager(folder.dir());
  Registrations registry;
  manager.startAll(registry);
  const auto& abi = byFile(manager, "wrong_abi");
  EXPECT_FALSE(abi.loaded());
  EXPECT_EQ(abi.abi, "99.0");
  EXPECT_NE(abi.reason.find("built against SDK ABI 99.0"), std::string::npos) << abi.reason;
  // Refused from the stamp alone: the descriptor was never read, so no id.
  EXPECT_TRUE(abi.id.empty());
  const auto& sig = byFile(manager, "wrong_signature");
  EXPECT_FALSE(sig.loaded());
  EXPECT_NE(sig.reason.find("othercc1_libstdcxx_abi0_dbg0"), std::string::npos) << sig.reason;
  EXPECT_TRUE(byFile(manager, "basic").loaded());
}

TEST(PluginManager, RefusesGarbageAndLibrariesWithoutStamp) {
  PluginFolder folder{"not_a_plugin"};
  std::ofstream(folder.dir() + "/garbage.so") << "this is not an ELF file";
  std::ofstream(folder.dir() + "/readme.txt") << "ignored: not a .so";
  PluginManager manager(folder.dir());
  ASSERT_EQ(manager.records().size(), 2u);
  EXPECT_NE(byFile(manager, "garbage").reason.find("not a shared library"), std::string::npos);
  EXPECT_NE(byFile(manager, "not_a_plugin").reason.find("no ABI stamp"), std::string::npos);
}

TEST(PluginManager, DuplicateIdIsRefusedNamingTheOtherFile) {
  PluginFolder folder{"basic", "basic_copy"};
  PluginManager manager(folder.dir());
  EXPECT_TRUE(byFile(manager, "basic").loaded());
  const auto& copy = byFile(manager, "basic_copy");
  EXPECT_FALSE(copy.loaded());
  EXPECT_NE(copy.reason.find("duplicate plugin id 'basic'"), std::string::npos);
  EXPECT_NE(copy.reason.find("basic.so"), std::string::npos);
}

TEST(PluginManager, StartsInDependencyOrderNotFileOrder) {
  PluginFolder folder{"alpha", "beta", "gamma", "other"};
  PluginManager manager(folder.dir());
  Registrations registry;
  manager.startAll(registry);
  EXPECT_EQ(manager.startOrder(), (std::vector<std::string>{"gamma", "other", "beta", "alpha"}));
}

TEST(PluginManager, MissingOrWrongVersionDependencyAndCyclesAreRefused) {
  PluginFolder folder{"needs_missing", "needs_newer", "gamma", "cycle_a", "cycle_b"};
  PluginManager manager(folder.dir());
  Registrations registry;
  manager.startAll(registry);
  EXPECT_EQ(manager.startOrder(), std::vector<std::string>{"gamma"});
  EXPECT_EQ(byFile(manager, "needs_missing").reason, "missing dependency 'nowhere'");
  EXPECT_EQ(byFile(manager, "needs_newer").reason, "needs gamma >=2.0.0, found 1.2.0");
  EXPECT_NE(byFile(manager, "cycle_a").reason.find("dependency cycle"), std::string::npos);
}

TEST(PluginManager, ThrowingStartIsIsolatedAndTakesItsDependentsAndRegistrationsWithIt) {
  PluginFolder folder{"throwing", "needs_throwing", "basic"};
  PluginManager manager(folder.dir());
  Registrations registry;
  manager.startAll(registry);
  EXPECT_EQ(byFile(manager, "throwing").status(), "refused: start failed: fixture refuses to start");
  EXPECT_EQ(byFile(manager, "needs_throwing").reason, "dependency 'throwing' failed to start");
  EXPECT_EQ(manager.startOrder(), std::vector<std::string>{"basic"});
  for (const auto& route : registry.routes) EXPECT_EQ(route.plugin, "basic");
  PluginCatalog catalog = manager.catalog();
  EXPECT_FALSE(catalog.at("throwing").usable);
  EXPECT_TRUE(catalog.at("basic").usable);
}

TEST(PluginManager, AnEmptyOrMissingFolderStartsNothing) {
  PluginManager manager("/nonexistent/tabhost/plugins");
  Registrations registry;
  manager.startAll(registry);
  EXPECT_TRUE(manager.records().empty());
}
