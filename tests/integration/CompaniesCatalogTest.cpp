// The company catalog over real HTTP: create, read, edit (audited
// before→after), every field's validation (nothing written when refused),
// call trees, search and its ranking, filters and pages, the review queue,
// follows, memberships, deletion's cascade and the dashboard's cards.
#include <algorithm>
#include <set>
#include <thread>

#include "CompaniesTestSupport.hpp"

namespace tabhost::test {
namespace {

const std::string kTree =
    R"({"root":"main","menus":{"main":{"prompt":"Welcome","options":[)"
    R"({"digit":"1","label":"Sales","action":"submenu","menu":"sales"},)"
    R"({"digit":"0","label":"Operator","action":"transfer","number":"+14155550100"}]},)"
    R"("sales":{"options":[{"digit":"1","label":"Wait","action":"queue","queue":"sales"},)"
    R"({"digit":"9","label":"Bye","action":"hangup"}]}}})";

TEST_P(CompaniesTest, CreatesReadsAndEditsWithEveryChangeAudited) {
  START_COMPANIES();
  auto made = call("POST", "/companies",
                   R"({"name":"Acme Rockets","domain":"ACME.example","industry":"Aerospace","website":"https://acme.example",)"
                   R"("support_email":"help@acme.example","support_phone":"+14155550123","support_hours":"Mon-Fri 9-17",)"
                   R"("address":{"street":"1 Main St","city":"Springfield","region":"IL","postal_code":"62701","country":"US"},)"
                   R"("size":"51-200","logo_url":"https://acme.example/logo.png","description":"Line one\nline two",)"
                   R"("call_tree":)" + kTree + "}");
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string id = made.text("company.id");
  EXPECT_EQ(made.text("company.domain"), "acme.example");  // lower-cased
  EXPECT_EQ(made.text("company.status"), "pending");
  EXPECT_EQ(made.text("company.address.city"), "Springfield");
  EXPECT_EQ(made.text("company.call_tree.menus.sales.options"),
            R"([{"digit":"1","label":"Wait","action":"queue","queue":"sales"},{"digit":"9","label":"Bye","action":"hangup"}])");
  EXPECT_EQ(made.text("company.call_tree_verified"), "false");
  EXPECT_EQ(made.text("company.followers_count"), "0");

  auto read = call("GET", "/companies/" + id);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.text("company.support_phone"), "+14155550123");
  EXPECT_EQ(read.text("company.description"), "Line one\nline two");
  EXPECT_EQ(call("GET", "/companies/999999").text("error.code"), "company_not_found");
  EXPECT_EQ(call("GET", "/companies/abc").status, 404);

  auto edited = call("PATCH", "/companies/" + id,
                     R"({"name":"Acme Rocketry","address":{"city":"Shelbyville"},"support_email":null,"call_tree_verified":true})");
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(edited.text("company.name"), "Acme Rocketry");
  EXPECT_EQ(edited.text("company.address.city"), "Shelbyville");
  EXPECT_EQ(edited.text("company.address.street"), "1 Main St");  // untouched
  EXPECT_EQ(edited.text("company.support_email"), "null");
  auto history = call("GET", "/companies/" + id + "/history");
  ASSERT_EQ(history.status, 200) << history.body;
  const auto& entries = jsonAt(history.json, "items").asArray();
  ASSERT_EQ(entries.size(), 2u) << history.body;
  EXPECT_EQ(textAt(entries[0], "action"), "companies.create");
  EXPECT_EQ(textAt(entries[1], "action"), "companies.update");
  std::map<std::string, std::pair<std::string, std::string>> changes;
  for (const auto& c : jsonAt(entries[1], "changes").asArray())
    changes[textAt(c, "field")] = {textAt(c, "before"), textAt(c, "after")};
  EXPECT_EQ(changes["name"].first, "Acme Rockets");
  EXPECT_EQ(changes["name"].second, "Acme Rocketry");
  EXPECT_EQ(changes["city"].first, "Springfield");
  EXPECT_EQ(changes["city"].second, "Shelbyville");
  EXPECT_EQ(changes["support_email"].first, "help@acme.example");
  EXPECT_EQ(changes["support_email"].second, "null");
  EXPECT_EQ(changes["call_tree_verified"].second, "true");
  EXPECT_EQ(changes.size(), 4u);

  // A new call tree is unverified again unless the same edit says otherwise.
  auto newTree = call("PATCH", "/companies/" + id,
                      R"({"call_tree":{"root":"m","menus":{"m":{"options":[{"digit":"1","label":"Bye","action":"hangup"}]}}}})");
  ASSERT_EQ(newTree.status, 200) << newTree.body;
  EXPECT_EQ(newTree.text("company.call_tree_verified"), "false");
  // Status moves only through review; the domain stays unique.
  EXPECT_EQ(call("PATCH", "/companies/" + id, R"({"status":"verified"})").text("error.code"), "status_via_review");
  const std::string other = company("Other", "other.example");
  auto taken = call("PATCH", "/companies/" + other, R"({"domain":"acme.example"})");
  EXPECT_EQ(taken.status, 409);
  EXPECT_EQ(taken.text("error.field"), "domain");
  EXPECT_EQ(call("POST", "/companies", R"({"name":"Again","domain":"acme.example"})").text("error.code"), "domain_taken");
}

TEST_P(CompaniesTest, RefusesEveryInvalidFieldNamingItAndWritesNothing) {
  START_COMPANIES("plugins:\n  companies:\n    settings:\n      call_tree_max_depth: 2\n");
  struct Case {
    std::string body, field;
  };
  const std::string base = R"("name":"Bad Co","domain":"bad.example")";
  const std::vector<Case> cases{
      {R"({"domain":"x.example"})", "name"},
      {R"({"name":"No Domain"})", "domain"},
      {R"({"name":"  ","domain":"x.example"})", "name"},
      {R"({"name":"X","domain":"not a domain"})", "domain"},
      {R"({"name":"X","domain":"-bad.example"})", "domain"},
      {"{" + base + R"(,"support_email":"nobody"})", "support_email"},
      {"{" + base + R"(,"support_phone":"555-1234"})", "support_phone"},
      {"{" + base + R"(,"website":"ftp://bad.example"})", "website"},
      {"{" + base + R"(,"logo_url":"javascript:alert"})", "logo_url"},
      {"{" + base + R"(,"address":{"country":"USA"}})", "address.country"},
      {"{" + base + R"(,"address":{"zip":"1"}})", "address.zip"},
      {"{" + base + R"(,"size":"lots"})", "size"},
      {"{" + base + R"(,"status":"maybe"})", "status"},
      {"{" + base + R"(,"industry":"a\u0007b"})", "industry"},
      {"{" + base + R"(,"nickname":"x"})", "nickname"},
      {"{" + base + R"(,"call_tree_verified":"yes"})", "call_tree_verified"},
      // Call trees: duplicate digits, a cycle, a missing menu, an unreachable
      // menu, a bad number, too deep, an unknown action.
      {"{" + base + R"(,"call_tree":{"root":"m","menus":{"m":{"options":[{"digit":"1","label":"A","action":"hangup"},{"digit":"1","label":"B","action":"hangup"}]}}}})",
       "call_tree.menus.m.options[1].digit"},
      {"{" + base + R"(,"call_tree":{"root":"a","menus":{"a":{"options":[{"digit":"1","label":"B","action":"submenu","menu":"b"}]},"b":{"options":[{"digit":"2","label":"A","action":"submenu","menu":"a"}]}}}})",
       "call_tree.menus.b.options[0].menu"},
      {"{" + base + R"(,"call_tree":{"root":"a","menus":{"a":{"options":[{"digit":"1","label":"B","action":"submenu","menu":"nope"}]}}}})",
       "call_tree.menus.a.options[0].menu"},
      {"{" + base + R"(,"call_tree":{"root":"a","menus":{"a":{"options":[{"digit":"1","label":"B","action":"hangup"}]},"lost":{"options":[{"digit":"1","label":"B","action":"hangup"}]}}}})",
       "call_tree.menus.lost"},
      {"{" + base + R"(,"call_tree":{"root":"a","menus":{"a":{"options":[{"digit":"1","label":"T","action":"transfer","number":"12345"}]}}}})",
       "call_tree.menus.a.options[0].number"},
      {"{" + base + R"(,"call_tree":{"root":"a","menus":{"a":{"options":[{"digit":"1","label":"B","action":"submenu","menu":"b"}]},"b":{"options":[{"digit":"1","label":"C","action":"submenu","menu":"c"}]},"c":{"options":[{"digit":"1","label":"Bye","action":"hangup"}]}}}})",
       "call_tree.menus.b.options[0].menu"},
      {"{" + base + R"(,"call_tree":{"root":"a","menus":{"a":{"options":[{"digit":"x","label":"B","action":"hangup"}]}}}})",
       "call_tree.menus.a.options[0].digit"},
      {"{" + base + R"(,"call_tree":{"root":"a","menus":{"a":{"options":[{"digit":"1","label":"B","action":"dance"}]}}}})",
       "call_tree.menus.a.options[0].action"},
  };
  for (const auto& c : cases) {
    auto refused = call("POST", "/companies", c.body);
    EXPECT_GE(refused.status, 400) << c.body;
    EXPECT_LT(refused.status, 500) << c.body;
    EXPECT_EQ(refused.text("error.field"), c.field) << refused.body;
    EXPECT_FALSE(refused.text("error.message").empty());
  }
  EXPECT_EQ(scalarOf("SELECT COUNT(*) FROM companies"), "0");
  EXPECT_TRUE(auditActions(a_, "&action=companies.").empty());
  // The cycle's message shows the loop.
  auto cycle = call("POST", "/companies", cases[17].body);
  EXPECT_NE(cycle.text("error.message").find("a → b → a"), std::string::npos) << cycle.body;
}

TEST_P(CompaniesTest, SearchesRanksFiltersAndPagesWithinTheTenant) {
  START_COMPANIES();
  company("Globex Corporation", "globex.example", R"(,"industry":"Energy","address":{"city":"Cypress Creek","country":"US"})");
  company("Cypress Partners", "cypress.example", R"(,"industry":"Finance","address":{"country":"GB"})");
  company("Initech", "initech.example", R"(,"industry":"Software","address":{"city":"Austin","country":"US"})");
  company("Umbrella Corp", "umbrella.example", R"(,"industry":"Pharma","address":{"city":"Raccoon City","country":"US"})");
  company("Elsewhere", "globex-fans.example");
  // Another tenant's companies are never found.
  ASSERT_EQ(call("POST", "/companies", R"({"name":"Globex B","domain":"globex.example"})", b_).status, 201);

  auto search = [&](const std::string& query) { return call("GET", "/companies" + query); };
  // Prefixes of words of name, domain, city and industry; every word must match.
  EXPECT_EQ(namesOf(search("?q=init")), (std::vector<std::string>{"Initech"}));
  EXPECT_EQ(namesOf(search("?q=austin")), (std::vector<std::string>{"Initech"}));
  EXPECT_EQ(namesOf(search("?q=pharma")), (std::vector<std::string>{"Umbrella Corp"}));
  EXPECT_EQ(namesOf(search("?q=umbrella%20raccoon")), (std::vector<std::string>{"Umbrella Corp"}));
  EXPECT_TRUE(namesOf(search("?q=umbrella%20austin")).empty());
  // Ranking: a name match outranks a city match.
  EXPECT_EQ(namesOf(search("?q=cypress")), (std::vector<std::string>{"Cypress Partners", "Globex Corporation"}));
  // A domain match too ("globex-fans" holds the word globex).
  EXPECT_EQ(namesOf(search("?q=globex&sort=newest")), (std::vector<std::string>{"Elsewhere", "Globex Corporation"}));
  // Filters, alone and with q.
  EXPECT_EQ(namesOf(search("?country=US&sort=name")),
            (std::vector<std::string>{"Globex Corporation", "Initech", "Umbrella Corp"}));
  EXPECT_EQ(namesOf(search("?q=corp&country=US&sort=name")),
            (std::vector<std::string>{"Globex Corporation", "Umbrella Corp"}));
  EXPECT_EQ(namesOf(search("?industry=Finance")), (std::vector<std::string>{"Cypress Partners"}));
  EXPECT_EQ(namesOf(search("?status=verified")).size(), 0u);
  EXPECT_EQ(search("?status=bogus").text("error.field"), "status");
  EXPECT_EQ(search("?sort=relevance").text("error.field"), "sort");
  EXPECT_EQ(search("?sort=size").text("error.code"), "invalid_sort");
  // Pages: newest first, two at a time, no gaps or repeats, for each sort.
  for (const std::string sort : {"newest", "oldest", "name", "-name"}) {
    std::vector<std::string> seen;
    std::string cursor;
    for (int i = 0; i < 5; ++i) {
      auto page = search("?limit=2&sort=" + sort + (cursor.empty() ? "" : "&cursor=" + cursor));
      ASSERT_EQ(page.status, 200) << page.body;
      for (const auto& n : namesOf(page)) seen.push_back(n);
      cursor = page.text("next_cursor");
      if (cursor == "null") break;
    }
    EXPECT_EQ(seen.size(), 5u) << sort;
    EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), 5u) << sort;
    if (sort == "newest") EXPECT_EQ(seen.front(), "Elsewhere");
    if (sort == "name") EXPECT_EQ(seen.front(), "Cypress Partners");
  }
  // Relevance pages by position.
  auto first = search("?q=corp&limit=1");
  auto second = search("?q=corp&limit=1&cursor=" + first.text("next_cursor"));
  EXPECT_EQ(namesOf(first).size() + namesOf(second).size(), 2u);
  EXPECT_NE(namesOf(first), namesOf(second));
  // A search with a filter, in creation order both ways, one per page.
  for (const std::string sort : {"newest", "oldest"}) {
    std::vector<std::string> seen;
    std::string cursor;
    for (int i = 0; i < 4 && cursor != "null"; ++i) {
      auto page = search("?q=c&country=US&limit=1&sort=" + sort + (cursor.empty() ? "" : "&cursor=" + cursor));
      ASSERT_EQ(page.status, 200) << page.body;
      for (const auto& n : namesOf(page)) seen.push_back(n);
      cursor = page.text("next_cursor");
    }
    std::vector<std::string> expected{"Globex Corporation", "Umbrella Corp"};  // "c": corporation, corp, creek, city
    if (sort == "newest") std::reverse(expected.begin(), expected.end());
    EXPECT_EQ(seen, expected) << sort;
  }
}

// Newest-first SQLite searches spell a typed word out as the catalog words
// it begins (a few) or leave it a prefix (many, or not ASCII): either way
// the same companies, in every sort and across pages.
TEST_P(CompaniesTest, AWordFindsEveryWordThatBeginsWithIt) {
  START_COMPANIES();
  company("Robot Repair", "repair.example");
  company("Robotics Ltd", "ltd.example");
  company("Roboticsworks", "works.example");
  company("Rob Roy", "roy.example");
  for (int i = 1; i <= 12; ++i) company("Zeta" + std::to_string(i), "zeta" + std::to_string(i) + ".example");
  company("Müllerstraße Foods", "foods.example");

  auto names = [&](const std::string& q, const std::string& sort) {
    auto found = namesOf(call("GET", "/companies?limit=100&q=" + q + "&sort=" + sort));
    return std::set<std::string>(found.begin(), found.end());
  };
  const std::set<std::string> robo{"Robot Repair", "Robotics Ltd", "Roboticsworks"};
  const std::set<std::string> zeta1{"Zeta1", "Zeta10", "Zeta11", "Zeta12"};
  for (const std::string sort : {"newest", "oldest", "relevance", "name"}) {
    EXPECT_EQ(names("robo", sort), robo) << sort;
    EXPECT_EQ(names("robotics", sort), (std::set<std::string>{"Robotics Ltd", "Roboticsworks"})) << sort;
    EXPECT_EQ(names("robotics%20ltd", sort), (std::set<std::string>{"Robotics Ltd"})) << sort;
    EXPECT_EQ(names("zeta1", sort), zeta1) << sort;   // four words to spell out
    EXPECT_EQ(names("zeta", sort).size(), 12u) << sort;  // twelve: left a prefix
    EXPECT_EQ(names("m%C3%BCll", sort), (std::set<std::string>{"Müllerstraße Foods"})) << sort;
    EXPECT_TRUE(names("robotz", sort).empty()) << sort;
  }
  // Pages of a spelled-out word: newest first, no gaps or repeats.
  std::vector<std::string> seen;
  std::string cursor;
  for (int i = 0; i < 4 && cursor != "null"; ++i) {
    auto page = call("GET", "/companies?q=robo&limit=2&sort=newest" + (cursor.empty() ? "" : "&cursor=" + cursor));
    ASSERT_EQ(page.status, 200) << page.body;
    for (const auto& n : namesOf(page)) seen.push_back(n);
    cursor = page.text("next_cursor");
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"Roboticsworks", "Robotics Ltd", "Robot Repair"}));
}

// A spelled-out word is read once and then remembered (VocabularyCache):
// every change of the index's words must show in the next search, in the
// tenant where it happened only.
TEST_P(CompaniesTest, ASpelledOutWordFollowsEveryChangeOfTheIndexWords) {
  START_COMPANIES();
  const std::string repair = company("Robot Repair", "repair.example");
  const std::string ltd = company("Robotics Ltd", "ltd.example");
  const auto newest = [&](const std::string& tenant) {
    auto page = call("GET", "/companies?q=robo&sort=newest", "", tenant);
    EXPECT_EQ(page.status, 200) << page.body;
    return namesOf(page);
  };
  EXPECT_EQ(newest(""), (std::vector<std::string>{"Robotics Ltd", "Robot Repair"}));
  EXPECT_EQ(newest(""), (std::vector<std::string>{"Robotics Ltd", "Robot Repair"}));  // from the cache

  company("Robotron", "tron.example");
  EXPECT_EQ(newest(""), (std::vector<std::string>{"Robotron", "Robotics Ltd", "Robot Repair"}));
  ASSERT_EQ(call("PATCH", "/companies/" + repair, R"({"name":"Roboworks Repair"})").status, 200);
  EXPECT_EQ(newest(""), (std::vector<std::string>{"Robotron", "Robotics Ltd", "Roboworks Repair"}));
  ASSERT_EQ(call("DELETE", "/companies/" + ltd).status, 204);
  EXPECT_EQ(newest(""), (std::vector<std::string>{"Robotron", "Roboworks Repair"}));
  auto imported = call("POST", "/companies/import?mode=apply", "name,domain\nRobozone,zone.example\n");
  ASSERT_EQ(imported.status, 200) << imported.body;
  EXPECT_EQ(newest(""), (std::vector<std::string>{"Robozone", "Robotron", "Roboworks Repair"}));

  // The other tenant's words are its own, before and after ours are remembered.
  EXPECT_TRUE(newest(b_).empty());
  ASSERT_EQ(call("POST", "/companies", R"({"name":"Robofarm","domain":"farm.example"})", b_).status, 201);
  EXPECT_EQ(newest(b_), (std::vector<std::string>{"Robofarm"}));
  EXPECT_EQ(newest(""), (std::vector<std::string>{"Robozone", "Robotron", "Roboworks Repair"}));
}

TEST_P(CompaniesTest, ReviewQueueApprovesAndRejectsWithReasons) {
  START_COMPANIES();
  const std::string one = company("One", "one.example");
  const std::string two = company("Two", "two.example");
  EXPECT_EQ(namesOf(call("GET", "/companies?status=pending&sort=oldest")), (std::vector<std::string>{"One", "Two"}));
  auto approved = call("POST", "/companies/" + one + "/approve");
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(approved.text("company.status"), "verified");
  EXPECT_EQ(call("POST", "/companies/" + one + "/approve").text("error.code"), "already_verified");
  EXPECT_EQ(call("POST", "/companies/" + two + "/reject", "{}").text("error.field"), "reason");
  EXPECT_EQ(call("POST", "/companies/" + two + "/reject", R"({"reason":"  "})").text("error.code"), "reason_required");
  auto rejected = call("POST", "/companies/" + two + "/reject", R"({"reason":"Not a real company"})");
  ASSERT_EQ(rejected.status, 200) << rejected.body;
  EXPECT_EQ(rejected.text("company.status"), "rejected");
  EXPECT_EQ(rejected.text("company.review_reason"), "Not a real company");
  EXPECT_TRUE(namesOf(call("GET", "/companies?status=pending")).empty());
  const auto actions = auditActions(a_, "&action=companies.");
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "companies.approve"), 1);
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "companies.reject"), 1);
  // Reviewing needs companies.review: an agent can read but not approve.
  const std::string agentToken = (createUser(config_, a_, "agent@" + a_ + ".test", "agent"),
                                  createToken(config_, a_, "agent@" + a_ + ".test"));
  EXPECT_EQ(host_->request("GET", api(a_, "/companies"), "", bearer(agentToken)).status, 200);
  EXPECT_EQ(host_->request("POST", api(a_, "/companies/" + two + "/approve"), "", bearer(agentToken)).status, 403);
  EXPECT_EQ(host_->request("POST", api(a_, "/companies"), R"({"name":"A","domain":"a.example"})", bearer(agentToken)).status,
            403);
}

TEST_P(CompaniesTest, MembersFollowsAndDeletionCascade) {
  START_COMPANIES();
  const std::string acme = company("Acme", "acme.example");
  const std::string temp = createUser(config_, a_, "ann@" + a_ + ".test", "agent");
  (void)temp;
  const std::string annId = scalarOf("SELECT id FROM users WHERE email = 'ann@" + a_ + ".test'");
  ASSERT_FALSE(annId.empty());

  auto added = call("POST", "/companies/" + acme + "/members", R"({"user_id":")" + annId + R"(","team":"Support","role":"manager"})");
  ASSERT_EQ(added.status, 201) << added.body;
  EXPECT_EQ(call("POST", "/companies/" + acme + "/members", R"({"user_id":"nobody"})").text("error.code"), "user_not_found");
  EXPECT_EQ(call("POST", "/companies/" + acme + "/members", R"({"user_id":")" + annId + R"(","role":"boss"})").text("error.field"),
            "role");
  auto moved = call("POST", "/companies/" + acme + "/members", R"({"user_id":")" + annId + R"(","team":"Sales","role":"manager"})");
  EXPECT_EQ(moved.status, 200) << moved.body;
  auto members = call("GET", "/companies/" + acme + "/members");
  ASSERT_EQ(members.status, 200) << members.body;
  EXPECT_EQ(members.text("items.0.user_id"), annId);
  EXPECT_EQ(members.text("items.0.team"), "Sales");
  EXPECT_EQ(members.text("items.0.role"), "manager");
  // The users list filters by company.
  auto users = call("GET", "/users?company=" + acme);
  ASSERT_EQ(users.status, 200) << users.body;
  EXPECT_EQ(users.text("items.0.id"), annId);
  EXPECT_EQ(jsonAt(users.json, "items").size(), 1u);
  const auto actions = auditActions(a_, "&action=companies.member");
  EXPECT_EQ(actions, (std::vector<std::string>{"companies.member_update", "companies.member_add"}));

  // Follows keep the count.
  EXPECT_EQ(call("POST", "/companies/" + acme + "/follow").text("followers_count"), "1");
  EXPECT_EQ(call("POST", "/companies/" + acme + "/follow").text("followers_count"), "1");
  EXPECT_EQ(call("GET", "/companies/" + acme).text("company.followers_count"), "1");

  // Deleting takes memberships and follows along, in one audited step.
  const std::string other = company("Other", "other.example");
  ASSERT_EQ(call("POST", "/companies/" + other + "/members", R"({"user_id":")" + annId + "\"}").status, 201);
  auto deleted = call("DELETE", "/companies/" + acme);
  ASSERT_EQ(deleted.status, 204) << deleted.body;
  EXPECT_EQ(call("GET", "/companies/" + acme).status, 404);
  EXPECT_EQ(scalarOf("SELECT COUNT(*) FROM user_companies WHERE company_id = '" + acme + "'"), "0");
  EXPECT_EQ(scalarOf("SELECT COUNT(*) FROM user_companies WHERE company_id = '" + other + "'"), "1");
  EXPECT_EQ(scalarOf("SELECT COUNT(*) FROM companies_follows"), "0");
  auto deletion = call("GET", "/audit?action=companies.delete");
  EXPECT_EQ(deletion.text("items.0.metadata.members_removed"), "1");
  EXPECT_EQ(deletion.text("items.0.metadata.follows_removed"), "1");
  // Removing a member.
  EXPECT_EQ(call("DELETE", "/companies/" + other + "/members/" + annId).status, 204);
  EXPECT_EQ(call("DELETE", "/companies/" + other + "/members/" + annId).text("error.code"), "member_not_found");
}

TEST_P(CompaniesTest, DeletingFromASessionNeedsAFreshPassword) {
  START_COMPANIES("", "  step_up_s: 1\n");
  const std::string acme = company("Acme", "acme.example");
  Browser owner = signedIn(a_, "owner2@" + a_ + ".test", "owner");
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));  // the step-up window is whole seconds
  auto refused = host_->request("DELETE", api(a_, "/companies/" + acme), "", owner.headers());
  EXPECT_EQ(refused.text("error.code"), "reauth_required") << refused.body;
  EXPECT_EQ(scalarOf("SELECT COUNT(*) FROM companies"), "1");
  ASSERT_EQ(host_->request("POST", api(a_, "/auth/reauth"), std::string(R"({"password":")") + kPassword + "\"}",
                           owner.headers()).status, 200);
  EXPECT_EQ(host_->request("DELETE", api(a_, "/companies/" + acme), "", owner.headers()).status, 204);
}

TEST_P(CompaniesTest, DashboardShowsTheCardsOfEnabledPluginsAndRecentActivity) {
  START_COMPANIES();
  const std::string one = company("One", "one.example", R"(,"call_tree":)" + kTree + R"(,"call_tree_verified":true)");
  company("Two", "two.example");
  ASSERT_EQ(call("POST", "/companies/" + one + "/approve").status, 200);
  auto dashboard = call("GET", "/dashboard");
  ASSERT_EQ(dashboard.status, 200) << dashboard.body;
  std::map<std::string, std::string> cards;
  for (const auto& card : jsonAt(dashboard.json, "cards").asArray())
    cards[textAt(card, "plugin") + "/" + textAt(card, "id")] = textAt(card, "value");
  EXPECT_EQ(cards["companies/companies_total"], "2");
  EXPECT_EQ(cards["companies/companies_pending"], "1");
  EXPECT_EQ(cards["companies/call_trees_verified"], "1");
  EXPECT_EQ(cards["tokens/active_tokens"], "1");  // the owner's token, the only one so far
  EXPECT_EQ(dashboard.text("activity.0.action"), "companies.approve");
  // Someone without audit.read sees the cards they may see, and no activity.
  auto viewer = host_->request("GET", api(a_, "/dashboard"), "",
                               signedIn(a_, "viewer@" + a_ + ".test", "viewer").headers());
  ASSERT_EQ(viewer.status, 200) << viewer.body;
  EXPECT_EQ(viewer.text("activity"), "null");
  for (const auto& card : jsonAt(viewer.json, "cards").asArray()) EXPECT_NE(textAt(card, "plugin"), "companies");
  // Tenant b's dashboard counts its own catalog.
  auto other = call("GET", "/dashboard", "", b_);
  for (const auto& card : jsonAt(other.json, "cards").asArray())
    if (textAt(card, "id") == "companies_total") EXPECT_EQ(textAt(card, "value"), "0");
}

INSTANTIATE_TEST_SUITE_P(Drivers, CompaniesTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace tabhost::test
