// The companies plugin's tests: a host with the users and companies
// plugins, tenant a's owner acting through an API token.
#pragma once

#include "IdentityFixture.hpp"

/// Starts the companies fixture's host; leaves the test when skipped or failed.
#define START_COMPANIES(...)                      \
  do {                                            \
    startCompanies(__VA_ARGS__);                  \
    if (IsSkipped() || HasFatalFailure()) return; \
  } while (0)

namespace tabhost::test {

class CompaniesTest : public IdentityTest {
 public:
  /// The first value `sql` returns on tenant a's database (or `tenant`'s).
  std::string scalarOf(const std::string& sql, const std::string& tenant = "") const {
    const auto r = queryTenant(config_, dsn_, tenant.empty() ? a_ : tenant, sql);
    return r.empty() || r.front().empty() ? "" : r.front().front();
  }

 protected:
  /// `tenantYaml`: more keys of tenant a's file (e.g. the plugin's
  /// settings); `security`: lines of tabhost.yaml's security section.
  void startCompanies(const std::string& tenantYaml = "", const std::string& security = "") {
    extraPlugins_ = {"users", "companies"};
    start(security, tenantYaml);
    if (IsSkipped() || HasFatalFailure()) return;
    owner_ = ownerAuth(config_, a_);
  }

  HttpResult call(const std::string& method, const std::string& path, const std::string& body = "",
                  const std::string& tenant = "") const {
    return host_->request(method, api(tenant.empty() ? a_ : tenant, path), body,
                          tenant.empty() || tenant == a_ ? owner_ : ownerOf(tenant));
  }

  /// Creates a company with `name`, `domain` and `extra` JSON members; returns its id.
  std::string company(const std::string& name, const std::string& domain, const std::string& extra = "") {
    auto made = call("POST", "/companies", R"({"name":")" + name + R"(","domain":")" + domain + "\"" + extra + "}");
    EXPECT_EQ(made.status, 201) << made.body;
    return made.text("company.id");
  }

  /// The names on a list page, in order.
  static std::vector<std::string> namesOf(const HttpResult& page) {
    std::vector<std::string> names;
    for (const auto& row : jsonAt(page.json, "items").asArray()) names.push_back(row.find("name")->asString());
    return names;
  }

  /// Tenant a's owner's token headers.
  std::map<std::string, std::string> owner_;

 private:
  const std::map<std::string, std::string>& ownerOf(const std::string& tenant) const {
    auto [it, fresh] = otherOwners_.try_emplace(tenant);
    if (fresh) it->second = ownerAuth(config_, tenant);
    return it->second;
  }
  mutable std::map<std::string, std::map<std::string, std::string>> otherOwners_;
};

}  // namespace tabhost::test
