// Finding users and messaging them over real HTTP: free text, filters,
// sorts and cursor pages; the stat counts; admin messages delivered with the
// tenant's Reply-To and default subject, kept and listed.
#include <set>

#include "UsersTestSupport.hpp"

namespace tabhost::test {
namespace {

using UsersListTest = UsersTest;

std::vector<std::string> emailsOf(const HttpResult& page) {
  std::vector<std::string> emails;
  for (const auto& row : jsonAt(page.json, "items").asArray()) emails.push_back(row.find("email")->asString());
  return emails;
}

TEST_P(UsersListTest, FiltersSortsAndPagesWithoutGapsOrRepeats) {
  START_USERS();
  Browser owner = signedIn(a_, ownerEmail(a_), "owner");
  struct Person {
    std::string first, last, who, type, extra;
  };
  const std::vector<Person> people{
      {"Zoe", "Quill", "zq", "agent", R"(,"roles":["helper"],"company_ids":["acme"])"},
      {"Yann", "Percival", "yp", "agent", R"(,"company_ids":["acme","globex"])"},
      {"Xena", "O'Hara", "xo", "member", ""},
      {"Will", "Quillon", "wq", "viewer", R"(,"invite":true)"},
      {"Vera", "Ng", "vn", "member", ""},
      {"Uma", "100%_Real", "um", "member", ""},
  };
  std::map<std::string, std::string> ids;
  for (const auto& p : people) {
    auto made = call("POST", "/users",
                     R"({"first_name":")" + p.first + R"(","last_name":")" + p.last + R"(","email":")" + address(p.who) +
                         R"(","type":")" + p.type + "\"" + p.extra + "}",
                     owner);
    ASSERT_EQ(made.status, 201) << made.body;
    ids[p.who] = made.text("user.id");
  }
  ASSERT_EQ(call("POST", "/users/" + ids["vn"] + "/suspend", "", owner).status, 200);
  ASSERT_EQ(call("POST", "/users/" + ids["xo"] + "/discard", "", owner).status, 200);

  auto list = [&](const std::string& query) { return host_->get(api(a_, "/users" + query), owner.headers()); };
  // Free text: each word typed begins a word of the name or email, any case.
  EXPECT_EQ(emailsOf(list("?q=QUILL&sort=email")), (std::vector<std::string>{address("wq"), address("zq")}));
  EXPECT_EQ(emailsOf(list("?q=zoe%20quill")), (std::vector<std::string>{address("zq")}));
  EXPECT_EQ(emailsOf(list("?q=yp." + a_)), (std::vector<std::string>{address("yp")}));
  EXPECT_EQ(emailsOf(list("?q=100%25_")), (std::vector<std::string>{address("um")}));
  EXPECT_TRUE(emailsOf(list("?q=ui")).empty());  // inside a word ("Quill") is not a match
  EXPECT_TRUE(emailsOf(list("?q=zoe%20percival")).empty());  // every word must match
  EXPECT_TRUE(emailsOf(list("?q=%25%25")).empty());
  // Filters.
  EXPECT_EQ(emailsOf(list("?status=suspended")), (std::vector<std::string>{address("vn")}));
  EXPECT_EQ(emailsOf(list("?status=invited")), (std::vector<std::string>{address("wq")}));
  EXPECT_EQ(emailsOf(list("?status=discarded")), (std::vector<std::string>{address("xo")}));
  EXPECT_EQ(emailsOf(list("?type=agent&sort=email")), (std::vector<std::string>{address("yp"), address("zq")}));
  EXPECT_EQ(emailsOf(list("?role=helper")), (std::vector<std::string>{address("zq")}));
  EXPECT_EQ(emailsOf(list("?company=acme&sort=email")), (std::vector<std::string>{address("yp"), address("zq")}));
  EXPECT_EQ(emailsOf(list("?company=globex")), (std::vector<std::string>{address("yp")}));
  EXPECT_EQ(list("?status=gone").status, 400);
  EXPECT_EQ(list("?sort=shoe_size").text("error.field"), "sort");
  // Discarded users are hidden unless asked.
  const auto all = emailsOf(list("?limit=200"));
  EXPECT_EQ(all.size(), 6u);  // five live users and the owner
  EXPECT_EQ(std::count(all.begin(), all.end(), address("xo")), 0);
  EXPECT_EQ(emailsOf(list("?include_discarded=true&limit=200")).size(), 7u);

  // A row carries what the tab shows.
  const auto zoe = list("?q=zoe");
  const auto& row = jsonAt(zoe.json, "items").asArray().front();
  EXPECT_EQ(jsonAt(row, "name").asString(), "Zoe Quill");
  EXPECT_EQ(jsonAt(row, "type").asString(), "agent");
  EXPECT_EQ(jsonAt(row, "status").asString(), "active");
  EXPECT_EQ(jsonAt(row, "companies").size(), 1u);
  EXPECT_TRUE(jsonAt(row, "last_login_at").isNull());
  EXPECT_FALSE(jsonAt(row, "two_factor").asBool());

  // Pages of two, in every sort order, cover everyone exactly once.
  for (const std::string sort :
       {"-created_at", "created_at", "email", "-email", "last_name", "-last_name", "last_login_at", "-last_login_at"}) {
    std::vector<std::string> seen;
    std::string cursor;
    for (int page = 0; page < 10; ++page) {
      auto p = list("?include_discarded=true&limit=2&sort=" + sort + (cursor.empty() ? "" : "&cursor=" + cursor));
      ASSERT_EQ(p.status, 200) << p.body;
      for (const auto& e : emailsOf(p)) seen.push_back(e);
      if (jsonAt(p.json, "next_cursor").isNull()) break;
      cursor = jsonAt(p.json, "next_cursor").asString();
    }
    EXPECT_EQ(seen.size(), 7u) << sort;
    EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), 7u) << sort;
    if (sort == "email") EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
    // Only the owner has signed in: first by latest login, last by earliest.
    if (sort == "-last_login_at") EXPECT_EQ(seen.front(), ownerEmail(a_));
    if (sort == "last_login_at") EXPECT_EQ(seen.back(), ownerEmail(a_));
  }

  auto stats = host_->get(api(a_, "/users/stats"), owner.headers());
  ASSERT_EQ(stats.status, 200);
  EXPECT_EQ(stats.body, R"({"total":7,"active":4,"invited":1,"suspended":1,"discarded":1})");
}

TEST_P(UsersListTest, BulkLoadedUsersAreIndexedAtStartAndFoundWithEitherPlan) {
  START_USERS();
  Browser owner = signedIn(a_, ownerEmail(a_), "owner");
  host_.reset();
  // Loaded behind the host's back (an import): no search words yet.
  runTenantSql(config_, dsn_, a_,
               "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2100) "
               "INSERT INTO users (id, email, email_key, first_name, last_name, status, created_at, user_type, roles) "
               "SELECT 'seed' || i, 'seed' || i || '@bulk.test', 'seed' || i || '@bulk.test', 'Common', 'Name' || i, "
               "'active', '2026-01-01T00:00:00Z', 'member', '[]' FROM n");
  host_ = std::make_unique<HostProcess>(config_);
  ASSERT_TRUE(host_->waitReady()) << host_->output();
  EXPECT_NE(host_->output().find("indexed 2100 users for search"), std::string::npos);
  owner = browserFrom(loginAs(a_, ownerEmail(a_), kPassword));

  // "common" matches more users than the index plan takes: the list is walked in order.
  std::set<std::string> seen;
  std::string cursor;
  for (int page = 0; page < 20; ++page) {
    auto p = host_->get(api(a_, "/users?q=common&limit=200&sort=email" + (cursor.empty() ? "" : "&cursor=" + cursor)),
                        owner.headers());
    ASSERT_EQ(p.status, 200) << p.body;
    for (const auto& e : emailsOf(p)) seen.insert(e);
    if (jsonAt(p.json, "next_cursor").isNull()) break;
    cursor = jsonAt(p.json, "next_cursor").asString();
  }
  EXPECT_EQ(seen.size(), 2100u);
  // "name20" matches few (name20, name200..209, name2000..2099): fetched through the index.
  const auto few = emailsOf(host_->get(api(a_, "/users?q=common%20name20&limit=200"), owner.headers()));
  EXPECT_EQ(few.size(), 111u);
  EXPECT_EQ(std::count(few.begin(), few.end(), "seed2050@bulk.test"), 1);
}

TEST_P(UsersListTest, AMessageIsMailedWithTheTenantsReplyToAndKept) {
  START_USERS();
  Browser owner = signedIn(a_, ownerEmail(a_), "owner");
  const std::string email = address("reader");
  const std::string id = createVia(owner, email, "member").text("user.id");
  auto sent = call("POST", "/users/" + id + "/message", R"({"body":"Your <b>account</b> is ready.\nSee you."})", owner);
  ASSERT_EQ(sent.status, 201) << sent.body;
  EXPECT_EQ(sent.text("subject"), "A message from Acme Desk");
  // What a composer prefills is what a message without a subject gets.
  EXPECT_EQ(host_->get(api(a_, "/users/message-defaults"), owner.headers()).text("subject"), "A message from Acme Desk");
  ASSERT_EQ(call("POST", "/users/" + id + "/message", R"({"subject":"Second","body":"Again"})", owner).status, 201);
  const auto mails = mailTo(email, 2);
  ASSERT_EQ(mails.size(), 2u);
  std::string first;
  for (const auto& m : mails)
    if (decodedMail(m).find("Subject: A message from Acme Desk") != std::string::npos) first = decodedMail(m);
  ASSERT_FALSE(first.empty());
  EXPECT_NE(first.find("Reply-To: help@acme.test"), std::string::npos);
  EXPECT_NE(first.find("Your <b>account</b> is ready."), std::string::npos);          // the text part as written
  EXPECT_NE(first.find("Your &lt;b&gt;account&lt;/b&gt; is ready."), std::string::npos);  // escaped in the HTML
  EXPECT_NE(first.find("Questions? Write to help@acme.test."), std::string::npos);

  auto listed = host_->get(api(a_, "/users/" + id + "/messages"), owner.headers());
  ASSERT_EQ(listed.status, 200);
  ASSERT_EQ(jsonAt(listed.json, "items").size(), 2u);
  EXPECT_EQ(jsonAt(jsonAt(listed.json, "items").asArray().front(), "subject").asString(), "Second");
  const auto actions = auditActions(a_, "&action=users.message_sent");
  EXPECT_EQ(actions.size(), 2u);

  EXPECT_EQ(call("POST", "/users/" + id + "/message", R"({"body":"  "})", owner).text("error.field"), "body");
  EXPECT_EQ(call("POST", "/users/no-such/message", R"({"body":"hi"})", owner).status, 404);
  EXPECT_EQ(call("POST", "/users/" + id + "/message", R"({"subject":"a\nBcc: x@y.test","body":"hi"})", owner).status,
            422);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM admin_messages"), "2");
}

INSTANTIATE_TEST_SUITE_P(Drivers, UsersListTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace tabhost::test
