// The companies plugin — tab "Companies": the catalog of companies users
// follow, with their support details and call trees.
//
//   GET    /companies                          search and list (CompanySearch.hpp)       companies.read
//   POST   /companies                          create (pending review)                   companies.write
//   GET    /companies/{id}                     one, with the imports that touched it     companies.read
//   PATCH  /companies/{id}                     edit; every change audited before→after   companies.write
//   DELETE /companies/{id}                     with its memberships and follows; step-up companies.delete
//   POST   /companies/{id}/approve | reject    the review queue (?status=pending)        companies.review
//   POST   /companies/{id}/follow, DELETE ...  the caller follows or stops               any signed-in user
//   GET    /companies/{id}/members             members, teams and roles                  companies.read
//   POST   /companies/{id}/members             add, or change team and role              companies.members
//   DELETE /companies/{id}/members[/{user_id}] remove                                    companies.members
//   POST   /companies/import                   CSV, streamed (CsvImport.hpp)             companies.import
//   GET    /companies/imports[/{batch_id}[/report.csv]]  imports, progress, refused rows companies.import
//   GET    /companies/export?format=csv        the catalog as CSV, streamed              companies.import
//   GET    /companies/limits                   call-tree depth and upload limits         companies.read
//   GET    /companies/industries               industries in use, with their counts      companies.read
//
// Stat cards: companies, awaiting review, verified call trees. The tab
// ("Companies", ui/src) is bundled into ui/tab.js.
#include "CompaniesRoutes.hpp"
#include "CompanySchema.hpp"

namespace companies {

namespace {

using namespace tabhost::sdk;

std::int64_t countWhere(Database& db, const char* condition) {
  return db.query(std::string("SELECT COUNT(*) AS n FROM companies WHERE ") + condition).front().find("n")->asInt();
}

// The tenant's settings a form checks before it sends: the tab marks a call
// tree too deep and refuses a file too large with the limit named.
Response limits(RequestContext& ctx) {
  return Response::json(Json::object({{"call_tree_max_depth", *ctx.settings().find("call_tree_max_depth")},
                                      {"import_max_bytes", *ctx.settings().find("import_max_bytes")}}));
}

// The industries in use (the catalog's filter takes one exactly as stored),
// by name; the index on industry answers it without reading the rows.
constexpr int kIndustriesListed = 500;

Response industries(RequestContext& ctx) {
  Json items = Json::array();
  for (const auto& row : ctx.db().query("SELECT industry, COUNT(*) AS n FROM companies WHERE industry <> '' "
                                        "GROUP BY industry ORDER BY industry LIMIT ?",
                                        {kIndustriesListed}))
    items.push_back(Json::object({{"industry", *row.find("industry")}, {"companies", *row.find("n")}}));
  return Response::json(Json::object({{"items", std::move(items)}}));
}

class CompaniesPlugin final : public Plugin {
 public:
  Manifest manifest() const override {
    Manifest m;
    m.id = "companies";
    m.name = "Companies";
    m.version = "1.0.0";
    m.description = "The catalog of companies: support details, call trees, review, members, CSV import and export.";
    m.tabTitle = "Companies";
    m.tabIcon = "building";
    m.tabOrder = 10;
    m.dependencies = {{"users", ">=1.0.0 <2.0.0"}};
    m.permissions = {{"companies.read", "See the company catalog and its members", "agent"},
                     {"companies.write", "Create and edit companies", "supervisor"},
                     {"companies.review", "Approve or reject companies", "admin"},
                     {"companies.delete", "Delete companies for good", "admin"},
                     {"companies.members", "Add and remove a company's members", "admin"},
                     {"companies.import", "Import and export the catalog as CSV", "admin"}};
    SettingField importMax = settingField("import_max_bytes", SettingType::Int, "Largest CSV upload accepted, in bytes",
                                          Json(256LL * 1024 * 1024));
    importMax.min = 1024;
    importMax.max = 4LL * 1024 * 1024 * 1024;
    SettingField depth = settingField("call_tree_max_depth", SettingType::Int,
                                      "Deepest nesting of call-tree menus (the root is 1)", Json(5));
    depth.min = 1;
    depth.max = 8;
    m.settings = {importMax, depth};
    return m;
  }

  void start(Registrar& r) override {
    registerTables(r);
    for (const auto& [name, description] : std::initializer_list<std::pair<const char*, const char*>>{
             {"companies.create", "Created a company"},
             {"companies.update", "Edited a company"},
             {"companies.delete", "Deleted a company"},
             {"companies.approve", "Approved a company"},
             {"companies.reject", "Rejected a company"},
             {"companies.follow", "Followed a company"},
             {"companies.unfollow", "Stopped following a company"},
             {"companies.member_add", "Added a member to a company"},
             {"companies.member_update", "Changed a member's team or role"},
             {"companies.member_remove", "Removed a member from a company"},
             {"companies.import", "Imported companies from CSV"}})
      r.auditAction(name, description);
    r.statCard("companies_total", "Companies", "companies.read",
               [](RequestContext& ctx) { return Json(countWhere(ctx.db(), "1 = 1")); });
    r.statCard("companies_pending", "Awaiting review", "companies.read",
               [](RequestContext& ctx) { return Json(countWhere(ctx.db(), "status = 'pending'")); });
    r.statCard("call_trees_verified", "Verified call trees", "companies.read",
               [](RequestContext& ctx) { return Json(countWhere(ctx.db(), "call_tree_verified = 1")); });
    registerCatalogRoutes(r);
    registerMemberRoutes(r);
    registerImportRoutes(r);
    registerExportRoutes(r);
    r.route(Method::Get, "/companies/limits", Access::require("companies.read"), limits);
    r.route(Method::Get, "/companies/industries", Access::require("companies.read"), industries);
    r.tabUi(embeddedUi(), "tabhost-companies", "tab.js");
  }
};

}  // namespace

FieldRules rulesFor(RequestContext& ctx) {
  return FieldRules{ctx, static_cast<int>(ctx.settings().find("call_tree_max_depth")->asInt())};
}

}  // namespace companies

TABHOST_PLUGIN(companies::CompaniesPlugin, "companies", "1.0.0")
