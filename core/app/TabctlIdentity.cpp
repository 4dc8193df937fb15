#include "core/app/TabctlIdentity.hpp"

#include <iostream>
#include <stdexcept>

#include "core/app/Runtime.hpp"
#include "core/audit/AuditCheckpoints.hpp"
#include "core/audit/AuditLog.hpp"
#include "core/crypto/SecretResealing.hpp"
#include "core/identity/Accounts.hpp"
#include "core/identity/ApiTokens.hpp"
#include "core/identity/Permissions.hpp"
#include "core/identity/Sessions.hpp"
#include "core/storage/PocoDatabase.hpp"
#include "tabhost/sdk/identity.hpp"

namespace tabhost::core {

namespace {

const TenantConfig& configuredTenant(const Runtime& runtime, const std::string& tenant) {
  const TenantConfig* t = runtime.config()->findTenant(tenant);
  if (!t) throw std::runtime_error("unknown tenant '" + tenant + "' (not in " + runtime.host().tenantsDir + ")");
  return *t;
}

// Opens and migrates the tenant's database, or says why it cannot.
void requireUsable(Runtime& runtime, const std::string& tenant) {
  if (const std::string problem = runtime.databases().prepare(tenant); !problem.empty())
    throw std::runtime_error("tenant " + tenant + ": " + problem);
}

// Runs `work` in one transaction on the tenant's database, taking the
// writers' turn as the server does.
template <class Work>
void inTenantTransaction(Runtime& runtime, const std::string& tenant, Work work) {
  requireUsable(runtime, tenant);
  auto turn = runtime.databases().writerTurn(tenant);
  auto lease = runtime.databases().acquire(tenant);
  PocoDatabase db(lease, runtime.databases().driver());
  db.transaction([&] { work(db); });
}

// Credential changes made with tabctl are security events.
AuditEntry cliSecurityEntry(const std::string& operatorName, std::string action, std::string targetType,
                            std::string targetId, sdk::Json metadata) {
  AuditEntry e = cliAuditEntry(operatorName, std::move(action), std::move(targetType), std::move(targetId),
                               std::move(metadata));
  e.category = "security";
  return e;
}

std::string typeList() {
  std::string list;
  for (auto t : sdk::kUserTypes) list += (list.empty() ? "" : ", ") + std::string(t);
  return list;
}

}  // namespace

int tabctlUserCreate(const std::string& configPath, const UserCreateOptions& o, const std::string& operatorName) {
  if (!isUserType(o.type)) {
    std::cerr << "tabctl: --type must be one of " << typeList() << '\n';
    return 1;
  }
  if (!plausibleEmail(trimmedEmail(o.email))) {
    std::cerr << "tabctl: --email '" << o.email << "' is not an email address\n";
    return 1;
  }
  Runtime runtime(configPath, false);
  configuredTenant(runtime, o.tenant);
  Account account;
  std::string temporary;
  inTenantTransaction(runtime, o.tenant, [&](PocoDatabase& db) {
    NewAccount n;
    n.email = o.email;
    n.firstName = o.firstName;
    n.lastName = o.lastName;
    n.userType = o.type;
    account = createAccount(db, n, temporary);
    auto entry = cliSecurityEntry(operatorName, "users.create", "user", account.id,
                          sdk::Json::object({{"type", o.type}, {"temporary_password", true}}));
    entry.changes = {{"email", sdk::Json(), account.email, false}};
    appendAuditEntry(db, entry);
  });
  std::cout << "created " << o.type << " " << account.email << " (id " << account.id << ") in tenant " << o.tenant
            << "\ntemporary password (shown only now; valid 24 h; a new one must be set at first sign-in):\n  "
            << temporary << '\n';
  return 0;
}

int tabctlUserResetPassword(const std::string& configPath, const std::string& tenant, const std::string& email,
                            const std::string& operatorName) {
  Runtime runtime(configPath, false);
  configuredTenant(runtime, tenant);
  std::string temporary;
  inTenantTransaction(runtime, tenant, [&](PocoDatabase& db) {
    const auto account = findAccountByEmail(db, email);
    if (!account) throw std::runtime_error("no user with email '" + email + "' in tenant " + tenant);
    temporary = resetToTemporaryPassword(db, account->id);
    const std::int64_t ended = endUserSessions(db, account->id);
    appendAuditEntry(db, cliSecurityEntry(operatorName, "users.reset_password", "user", account->id,
                                  sdk::Json::object({{"sessions_ended", ended}, {"temporary_password", true}})));
  });
  std::cout << "new temporary password for " << email
            << " (shown only now; valid 24 h; a new one must be set at first sign-in):\n  " << temporary << '\n';
  return 0;
}

int tabctlTokenCreate(const std::string& configPath, const TokenCreateOptions& o, const std::string& operatorName) {
  if (o.name.empty() || o.name.size() > 100) {
    std::cerr << "tabctl: --name must be 1 to 100 characters\n";
    return 1;
  }
  if (o.days < 1 || o.days > 365) {
    std::cerr << "tabctl: --days must be 1 to 365\n";
    return 1;
  }
  Runtime runtime(configPath, false);
  const TenantConfig& tenant = configuredTenant(runtime, o.tenant);
  sdk::IssuedToken issued;
  inTenantTransaction(runtime, o.tenant, [&](PocoDatabase& db) {
    const auto account = findAccountByEmail(db, o.email);
    if (!account || !accountActive(*account))
      throw std::runtime_error("no active user with email '" + o.email + "' in tenant " + o.tenant);
    const auto permissions =
        permissionsFor(runtime.identity().permissions, tenant.roles, account->userType, account->roles);
    std::vector<std::string> scopes = o.scopes.empty() ? permissions : o.scopes;
    for (const auto& s : scopes)
      if (!std::ranges::binary_search(permissions, s))
        throw std::runtime_error("scope '" + s + "' is not a permission of " + o.email);
    if (scopes.empty()) throw std::runtime_error(o.email + " holds no permission a token could carry");
    issued = storeToken(db, tenant.tokenPrefix, account->id, operatorName, o.name, scopes, o.days);
    appendAuditEntry(db, cliSecurityEntry(operatorName, "tokens.issue", "api_token", issued.id,
                                  sdk::Json::object({{"name", o.name}, {"user_id", account->id},
                                                     {"expires_at", issued.expiresAt}})));
  });
  std::cout << "API token '" << o.name << "' for " << o.email << " (expires " << issued.expiresAt
            << "; shown only now):\n  " << issued.token << '\n';
  return 0;
}

int tabctlOperatorCreate(const std::string& configPath, const std::string& email, const std::string& operatorName) {
  if (!plausibleEmail(trimmedEmail(email))) {
    std::cerr << "tabctl: --email '" << email << "' is not an email address\n";
    return 1;
  }
  Runtime runtime(configPath, false);
  Account account;
  std::string password;
  inTenantTransaction(runtime, TenantDatabases::kSystem, [&](PocoDatabase& db) {
    account = createOperator(db, email, password);
    auto entry = cliSecurityEntry(operatorName, "operators.create", "operator", account.id, sdk::Json::object());
    entry.changes = {{"email", sdk::Json(), account.email, false}};
    appendAuditEntry(db, entry);
  });
  std::cout << "created platform operator " << account.email << " (id " << account.id
            << "); sign in to any tenant with {\"operator\": true}\npassword (shown only now):\n  " << password << '\n';
  return 0;
}

int tabctlAuditVerify(const std::string& configPath, const std::string& tenant) {
  Runtime runtime(configPath, false);
  configuredTenant(runtime, tenant);
  requireUsable(runtime, tenant);
  auto lease = runtime.databases().acquire(tenant);
  PocoDatabase db(lease, runtime.databases().driver());
  const AuditVerdict verdict = verifyTenantAudit(runtime.databases(), runtime.identity().keys, tenant, db);
  const std::string checkpoint =
      verdict.checkpoint ? " (signed checkpoint at entry " + std::to_string(verdict.checkpoint->seq) + ", " +
                               verdict.checkpoint->at + ")"
                         : " (no signed checkpoint yet)";
  if (verdict.ok) {
    std::cout << "audit log of " << tenant << ": OK, " << verdict.entries << " entries" << checkpoint << '\n';
    return 0;
  }
  std::cout << "audit log of " << tenant << ": FAILED at entry " << verdict.firstBadSeq << ": " << verdict.problem
            << checkpoint << '\n';
  return 1;
}

int tabctlAuditCheckpoint(const std::string& configPath, const std::string& onlyTenant) {
  Runtime runtime(configPath, false);
  bool failed = false;
  for (const auto& t : runtime.config()->tenants) {
    if (!onlyTenant.empty() && t.id != onlyTenant) continue;
    try {
      if (auto c = writeAuditCheckpoint(runtime.databases(), runtime.identity().keys, t.id))
        std::cout << "tenant " << t.id << ": checkpoint at entry " << c->seq << '\n';
      else
        std::cout << "tenant " << t.id << ": no new entries since the last checkpoint\n";
    } catch (const std::runtime_error& e) {
      std::cout << "tenant " << t.id << ": NOT SIGNED: " << e.what() << '\n';
      failed = true;
    }
  }
  std::cout << "checkpoint signing key (Ed25519, public): " << runtime.identity().keys.publicKeyHex() << '\n';
  return failed ? 1 : 0;
}

int tabctlKeysRotate(const std::string& configPath) {
  Runtime runtime(configPath, false);
  KeyRing& keys = runtime.identity().keys;
  if (keys.keyFromEnvironment())
    std::cout << "master key from TABHOST_MASTER_KEY (" << keys.currentKeyId() << "): re-sealing under it\n";
  else
    std::cout << "new master key " << keys.rotateKeyFile() << " (the old one is kept in retired/)\n";
  std::int64_t total = 0;
  int failures = 0;
  const auto resealIn = [&](const std::string& database, auto reseal) {
    try {
      std::int64_t resealed = 0;
      inTenantTransaction(runtime, database, [&](sdk::Database& db) { resealed = reseal(db, keys); });
      std::cout << database << ": re-sealed " << resealed << " values\n";
      total += resealed;
    } catch (const std::exception& e) {
      std::cerr << database << ": " << e.what() << '\n';
      ++failures;
    }
  };
  resealIn(TenantDatabases::kSystem, resealSystemSecrets);
  for (const auto& tenant : runtime.config()->tenants) resealIn(tenant.id, resealTenantSecrets);
  std::cout << "re-sealed " << total << " values under key " << keys.currentKeyId() << '\n';
  return failures == 0 ? 0 : 1;
}

}  // namespace tabhost::core
