// The "hello" example plugin: one tab (ui/hello-tab.js), a greeting, and a
// table of greetings kept in the tenant's own database.
//
//   GET  /t/{tenant}/api/v1/hello              {"message": "Hello, Demo Company!"} (public)
//   GET  /t/{tenant}/api/v1/hello/greetings    the stored greetings, newest first (hello.read)
//   POST /t/{tenant}/api/v1/hello/greetings    {"name": "Ada"} stores one, audited (hello.write)
//
// Each permission names the lowest user type that holds it by default;
// tenants may regrant them with roles in YAML.
#include <tabhost/sdk/sdk.hpp>

namespace {

using namespace tabhost::sdk;

class HelloPlugin final : public Plugin {
 public:
  Manifest manifest() const override {
    Manifest m;
    m.id = "hello";
    m.name = "Hello";
    m.version = "1.0.0";
    m.description = "Says hello and remembers who it greeted.";
    m.tabTitle = "Hello";
    m.tabIcon = "wave";
    m.permissions = {{"hello.read", "See stored greetings", "viewer"}, {"hello.write", "Store greetings", "agent"}};
    m.settings = {
        SettingField{"greeting", SettingType::String, false, "Word used to greet", {}, {}, {}, "^[A-Za-z ]{1,40}$",
                     Json("Hello")},
    };
    return m;
  }

  void start(Registrar& r) override {
    // The tab: ui/hello-tab.js defines <hello-greetings> (embedded by
    // tabhost_add_plugin's UI_DIR, beside the UI kit as tabhost-ui.js).
    r.tabUi(embeddedUi(), "hello-greetings", "hello-tab.js");
    // Portable SQL where it can be, one variant where the drivers differ.
    r.migration(1, "create greetings",
                "CREATE TABLE hello_greetings (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, "
                "created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)",
                "CREATE TABLE hello_greetings (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL, "
                "created_at TEXT NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS'))");
    r.auditAction("hello.greeting.create", "Stored a greeting");
    r.statCard("greetings", "Greetings", "", [](RequestContext& ctx) {
      return ctx.db().query("SELECT COUNT(*) AS n FROM hello_greetings").front()["n"];
    });

    r.route(Method::Get, "/hello", Access::publicRoute(), [](RequestContext& ctx) {
      const std::string& greeting = ctx.settings().find("greeting")->asString();
      return Response::json(Json::object({{"message", greeting + ", " + ctx.tenant().name + "!"}}));
    });

    r.route(Method::Get, "/hello/greetings", Access::require("hello.read"), [](RequestContext& ctx) {
      auto rows = ctx.db().query("SELECT id, name, created_at FROM hello_greetings ORDER BY id DESC LIMIT 50");
      Json items = Json::array();
      for (auto& row : rows) items.push_back(std::move(row));
      return Response::json(Json::object({{"items", std::move(items)}}));
    });

    r.route(Method::Post, "/hello/greetings", Access::require("hello.write"), [](RequestContext& ctx) {
      const Json* name = ctx.body().find("name");
      if (!name || !name->isString() || name->asString().empty() || name->asString().size() > 100)
        throw Error::badRequest("hello.invalid_name", "name must be a string of 1 to 100 characters", "name");
      const Json id =
          ctx.db().query("INSERT INTO hello_greetings (name) VALUES (?) RETURNING id", {name->asString()}).front()["id"];
      ctx.audit().recordChanges("hello.greeting.create", "greeting", std::to_string(id.asInt()), Json::object(),
                                {{"name", Json(), name->asString()}});
      ctx.log().info("stored greeting " + std::to_string(id.asInt()));
      return Response::created(Json::object({{"id", id}, {"name", name->asString()}}));
    });
  }
};

}  // namespace

TABHOST_PLUGIN(HelloPlugin, "hello", "1.0.0")
