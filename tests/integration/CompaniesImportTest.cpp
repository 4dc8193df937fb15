// The companies CSV import and export over real HTTP: every RFC 4180 edge
// case, dry runs that change nothing, all-or-nothing applies with a report
// naming each bad row's line and column, idempotent re-imports, export →
// import round trips, the size limit, and a server killed mid-import.
#include <algorithm>
#include <csignal>
#include <sstream>
#include <thread>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include "CompaniesTestSupport.hpp"

namespace tabhost::test {
namespace {

using CompaniesImportTest = CompaniesTest;

const std::string kEdgeCases =
    "\xEF\xBB\xBFname,domain,description,city,industry,support_phone,call_tree,call_tree_verified\r\n"
    "\"Comma, Inc.\",comma.example,\"He said \"\"hi\"\"\",Paris,Retail,+33142685300,,false\r\n"
    "Plain Co,plain.example,\"multi\r\nline\nvalue\",,,,,\r\n"
    "\r\n"
    "'=Formula Co,formula.example,'-starts with minus,,,,,\n"
    "\"Quoted Tree\",tree.example,,,,,\"{\"\"root\"\":\"\"m\"\",\"\"menus\"\":{\"\"m\"\":{\"\"options\"\":[{\"\"digit\"\":"
    "\"\"1\"\",\"\"label\"\":\"\"Bye\"\",\"\"action\"\":\"\"hangup\"\"}]}}}\",true\n"
    "Last Co,last.example,\"\",Berlin,,,,";

std::string description(const CompaniesTest& t, const std::string& domain) {
  return t.scalarOf("SELECT description FROM companies WHERE domain = '" + domain + "'");
}

TEST_P(CompaniesImportTest, ReadsEveryRfc4180EdgeCaseAndDryRunChangesNothing) {
  START_COMPANIES();
  auto dry = call("POST", "/companies/import?mode=dry_run", kEdgeCases);
  ASSERT_EQ(dry.status, 200) << dry.body;
  EXPECT_EQ(dry.text("import.status"), "valid");
  EXPECT_EQ(dry.text("import.rows"), "5");
  EXPECT_EQ(dry.text("import.created"), "5");
  EXPECT_EQ(scalarOf("SELECT COUNT(*) FROM companies"), "0");

  auto applied = call("POST", "/companies/import?mode=apply", kEdgeCases);
  ASSERT_EQ(applied.status, 200) << applied.body;
  EXPECT_EQ(applied.text("import.status"), "applied");
  EXPECT_EQ(applied.text("import.created"), "5");
  EXPECT_EQ(scalarOf("SELECT COUNT(*) FROM companies"), "5");
  EXPECT_EQ(scalarOf("SELECT name FROM companies WHERE domain = 'comma.example'"), "Comma, Inc.");
  EXPECT_EQ(description(*this, "comma.example"), "He said \"hi\"");
  EXPECT_EQ(description(*this, "plain.example"), "multi\r\nline\nvalue");
  EXPECT_EQ(scalarOf("SELECT name FROM companies WHERE domain = 'formula.example'"), "=Formula Co");
  EXPECT_EQ(description(*this, "formula.example"), "-starts with minus");
  EXPECT_EQ(scalarOf("SELECT city FROM companies WHERE domain = 'last.example'"), "Berlin");
  EXPECT_EQ(scalarOf("SELECT call_tree_verified FROM companies WHERE domain = 'tree.example'"), "1");
  auto tree = call("GET", "/companies?q=quoted");
  EXPECT_EQ(tree.text("items.0.call_tree.menus.m.options.0.action"), "hangup");

  // One audit entry for the whole import, linked from each company.
  const std::string batch = applied.text("import.batch_id");
  auto entries = call("GET", "/audit?action=companies.import");
  ASSERT_EQ(jsonAt(entries.json, "items").size(), 2u) << entries.body;  // the dry run and the apply
  EXPECT_EQ(entries.text("items.0.target.id"), batch);
  EXPECT_EQ(entries.text("items.0.metadata.created"), "5");
  const std::string id = scalarOf("SELECT id FROM companies WHERE domain = 'plain.example'");
  auto company = call("GET", "/companies/" + id);
  EXPECT_EQ(company.text("company.imports.0.batch_id"), batch);
  EXPECT_EQ(company.text("company.imports.0.outcome"), "created");
  auto record = call("GET", "/companies/imports/" + batch);
  ASSERT_EQ(record.status, 200) << record.body;
  EXPECT_EQ(record.text("import.status"), "applied");
  EXPECT_EQ(record.text("import.rows"), "5");
}

TEST_P(CompaniesImportTest, ApplyIsAllOrNothingAndReportsEachBadRowsLineAndColumn) {
  START_COMPANIES();
  const std::string csv =
      "name,domain,support_email,country,description\n"
      "Good One,good1.example,a@good.example,US,\n"
      "Bad Email,bad.example,nobody,US,\n"
      "Short Row,short.example\n"
      "Multi,multi.example,,DE,\"two\nlines\"\n"
      "Bad Country,country.example,,Germany,\n"
      "Dup,good1.example,,,\n"
      "Bad Bytes,\xff\xfe.example,,,\n"
      "=cmd,formula.example,,,\n";
  auto failed = call("POST", "/companies/import?mode=apply&batch_id=batch-fail-1", csv);
  ASSERT_EQ(failed.status, 422) << failed.body;
  EXPECT_EQ(failed.text("error.code"), "import_failed");
  EXPECT_EQ(failed.text("import.status"), "failed");
  EXPECT_EQ(failed.text("import.invalid"), "5");
  EXPECT_EQ(scalarOf("SELECT COUNT(*) FROM companies"), "0");
  std::vector<std::string> where;
  for (const auto& e : jsonAt(failed.json, "import.errors").asArray())
    where.push_back(textAt(e, "line") + ":" + textAt(e, "column") + ":" + textAt(e, "field"));
  EXPECT_EQ(where, (std::vector<std::string>{"3:3:support_email", "4:3:null", "7:4:country", "8:2:domain", "9:2:domain"}));
  EXPECT_NE(failed.body.find("is also on line 2"), std::string::npos) << failed.body;
  EXPECT_NE(failed.body.find("not valid UTF-8"), std::string::npos) << failed.body;

  // The report and the record outlive the undone rows.
  auto report = call("GET", "/companies/imports/batch-fail-1/report.csv");
  ASSERT_EQ(report.status, 200) << report.body;
  EXPECT_EQ(report.headers["Content-Type"], "text/csv; charset=utf-8");
  EXPECT_EQ(report.body.substr(0, report.body.find("\r\n")), "line,column,field,message");
  EXPECT_NE(report.body.find("3,3,support_email,support_email must be an email address"), std::string::npos)
      << report.body;
  EXPECT_EQ(call("GET", "/companies/imports/batch-fail-1").text("import.status"), "failed");
  EXPECT_EQ(call("GET", "/audit?action=companies.import").text("items.0.metadata.status"), "failed");
  EXPECT_EQ(call("POST", "/companies/import?mode=apply&batch_id=batch-fail-1", csv).text("error.code"), "batch_exists");

  // all_or_nothing=false keeps the good rows.
  auto partial = call("POST", "/companies/import?mode=apply&all_or_nothing=false", csv);
  ASSERT_EQ(partial.status, 200) << partial.body;
  EXPECT_EQ(partial.text("import.status"), "partially_applied");
  EXPECT_EQ(scalarOf("SELECT COUNT(*) FROM companies"), "3");
  EXPECT_EQ(scalarOf("SELECT description FROM companies WHERE domain = 'multi.example'"), "two\nlines");
  EXPECT_EQ(scalarOf("SELECT name FROM companies WHERE domain = 'formula.example'"), "=cmd");
  // The kept rows are searchable, the undone ones are not, and the search
  // index follows single creations again afterwards.
  EXPECT_EQ(namesOf(call("GET", "/companies?q=multi")), (std::vector<std::string>{"Multi"}));
  EXPECT_TRUE(namesOf(call("GET", "/companies?q=bad")).empty());
  company("Multiplex After", "after.example");
  EXPECT_EQ(namesOf(call("GET", "/companies?q=multi&sort=newest")),
            (std::vector<std::string>{"Multiplex After", "Multi"}));
  if (GetParam() == "sqlite") EXPECT_EQ(scalarOf("SELECT COUNT(*) FROM companies_fts_paused"), "0");
}

TEST_P(CompaniesImportTest, RefusesMalformedCsvAndBadRequestsWithNothingApplied) {
  START_COMPANIES("plugins:\n  companies:\n    settings:\n      import_max_bytes: 2048\n");
  struct Case {
    std::string query, csv, where, message;
  };
  const std::vector<Case> cases{
      {"", "name,domain\nOpen Co,open.example\n\"Never closed,x.example\nmore\n", "3:1:", "never closed"},
      {"", "name,domain\nA,a.example\nB \"quoted\" in,b.example\n", "3:1:", "quote inside an unquoted field"},
      {"", "name,domain\n\"A\"x,a.example\n", "2:1:", "after the closing quote"},
      {"", "name,domain,color\nA,a.example,red\n", "1:3:", "unknown column 'color'"},
      {"", "name,name,domain\n", "1:2:", "appears twice"},
      {"", "name,city\nA,Paris\n", "1:1:", "no 'domain' column"},
      {"", "", "1:1:", "empty"},
  };
  for (const auto& c : cases) {
    auto refused = call("POST", "/companies/import?mode=apply" + c.query, c.csv);
    EXPECT_EQ(refused.status, 422) << c.csv << refused.body;
    ASSERT_FALSE(jsonAt(refused.json, "import.errors").asArray().empty()) << refused.body;
    const auto& e = jsonAt(refused.json, "import.errors").asArray().front();
    EXPECT_EQ(textAt(e, "line") + ":" + textAt(e, "column") + ":" + (textAt(e, "field") == "null" ? "" : textAt(e, "field")),
              c.where) << refused.body;
    EXPECT_NE(textAt(e, "message").find(c.message), std::string::npos) << refused.body;
  }
  EXPECT_EQ(scalarOf("SELECT COUNT(*) FROM companies"), "0");

  // on_conflict=fail refuses a domain already in the catalog.
  company("Taken", "taken.example");
  auto conflict = call("POST", "/companies/import?mode=apply&on_conflict=fail", "name,domain\nNew,new.example\nT,taken.example\n");
  EXPECT_EQ(conflict.status, 422);
  EXPECT_NE(conflict.body.find("already belongs to company"), std::string::npos) << conflict.body;
  EXPECT_EQ(scalarOf("SELECT COUNT(*) FROM companies"), "1");

  // Over the tenant's limit: 413 before anything is read or recorded.
  const std::string imports = scalarOf("SELECT COUNT(*) FROM companies_imports");
  std::string big = "name,domain\n";
  while (big.size() <= 2048) big += "Company,c" + std::to_string(big.size()) + ".example\n";
  auto tooBig = call("POST", "/companies/import?mode=apply", big);
  EXPECT_EQ(tooBig.status, 413) << tooBig.body;
  EXPECT_EQ(tooBig.text("error.code"), "payload_too_large");
  EXPECT_EQ(scalarOf("SELECT COUNT(*) FROM companies"), "1");
  EXPECT_EQ(scalarOf("SELECT COUNT(*) FROM companies_imports"), imports);
  // Sent chunked, the size shows only while reading: still 413, nothing kept.
  auto chunked = owner_;
  chunked["Transfer-Encoding"] = "chunked";
  auto chunkedTooBig = host_->request("POST", api(a_, "/companies/import?mode=apply"), big, chunked);
  EXPECT_EQ(chunkedTooBig.status, 413) << chunkedTooBig.body;
  EXPECT_EQ(chunkedTooBig.text("error.code"), "payload_too_large");
  EXPECT_EQ(scalarOf("SELECT COUNT(*) FROM companies"), "1");
  auto chunkedSmall =
      host_->request("POST", api(a_, "/companies/import?mode=apply"), "name,domain\nChunk,chunk.example\n", chunked);
  EXPECT_EQ(chunkedSmall.status, 200) << chunkedSmall.body;
  EXPECT_EQ(scalarOf("SELECT COUNT(*) FROM companies"), "2");
  // Bad parameters.
  EXPECT_EQ(call("POST", "/companies/import", "name,domain\n").text("error.field"), "mode");
  EXPECT_EQ(call("POST", "/companies/import?mode=apply&on_conflict=merge", "name,domain\n").text("error.field"),
            "on_conflict");
}

TEST_P(CompaniesImportTest, ReimportIsIdempotentAndExportRoundTripsExactly) {
  START_COMPANIES();
  ASSERT_EQ(call("POST", "/companies/import?mode=apply", kEdgeCases).status, 200);
  const std::string touched = scalarOf("SELECT MAX(updated_at) FROM companies");
  for (const std::string mode : {"update", "skip"}) {
    auto again = call("POST", "/companies/import?mode=apply&on_conflict=" + mode, kEdgeCases);
    ASSERT_EQ(again.status, 200) << again.body;
    EXPECT_EQ(again.text("import.created"), "0");
    EXPECT_EQ(again.text("import.updated"), "0");
    EXPECT_EQ(again.text(mode == "update" ? "import.unchanged" : "import.skipped"), "5");
  }
  EXPECT_EQ(scalarOf("SELECT COUNT(*) FROM companies"), "5");
  EXPECT_EQ(scalarOf("SELECT MAX(updated_at) FROM companies"), touched);

  // on_conflict=update changes only what differs, and links the batch.
  auto update = call("POST", "/companies/import?mode=apply&on_conflict=update", "domain,name,city\nlast.example,Last Co,Hamburg\n");
  ASSERT_EQ(update.status, 200) << update.body;
  EXPECT_EQ(update.text("import.updated"), "1");
  EXPECT_EQ(scalarOf("SELECT city FROM companies WHERE domain = 'last.example'"), "Hamburg");
  EXPECT_EQ(scalarOf("SELECT industry FROM companies WHERE domain = 'comma.example'"), "Retail");

  auto exported = call("GET", "/companies/export?format=csv");
  ASSERT_EQ(exported.status, 200) << exported.body;
  EXPECT_EQ(exported.headers["Content-Type"], "text/csv; charset=utf-8");
  EXPECT_NE(exported.body.find("\r\n'=Formula Co,formula.example,pending,,'-starts with minus,"), std::string::npos)
      << exported.body;
  EXPECT_NE(exported.body.find("\"multi\r\nline\nvalue\""), std::string::npos);
  EXPECT_NE(exported.body.find(",'+33142685300,"), std::string::npos);  // a leading + is a formula too
  auto intoB = call("POST", "/companies/import?mode=apply", exported.body, b_);
  ASSERT_EQ(intoB.status, 200) << intoB.body;
  EXPECT_EQ(intoB.text("import.created"), "5");
  auto exportedB = call("GET", "/companies/export?format=csv", "", b_);
  EXPECT_EQ(exportedB.body, exported.body);
}

// The export takes the catalog's filters (q, status, country, industry,
// call_tree_verified): only the companies they select, in id order, across
// the export's pieces of 500 rows; a bad filter is refused before any row.
TEST_P(CompaniesImportTest, AFilteredExportHoldsOnlyTheMatchingCompanies) {
  START_COMPANIES();
  std::string csv = "name,domain,industry,country\n";
  for (int i = 0; i < 1200; ++i)
    csv += "Firm " + std::to_string(i) + ",firm" + std::to_string(i) + ".example," + (i % 5 ? "Energy" : "Retail") +
           "," + (i % 2 ? "DE" : "US") + "\n";
  ASSERT_EQ(call("POST", "/companies/import?mode=apply", csv).status, 200);
  const std::string tree = R"({"root":"m","menus":{"m":{"options":[{"digit":"1","label":"Bye","action":"hangup"}]}}})";
  company("Treed Software", "treed.example", R"(,"industry":"Software","call_tree":)" + tree + R"(,"call_tree_verified":true)");
  const std::string approved = company("Approved Software", "approved.example", R"(,"industry":"Software")");
  ASSERT_EQ(call("POST", "/companies/" + approved + "/approve").status, 200);

  // Each exported row's name, industry, country and status (the columns
  // before the call tree hold no comma or quote here).
  struct Row {
    std::string name, industry, country, status;
  };
  const auto exported = [&](const std::string& filters) {
    auto answer = call("GET", "/companies/export?format=csv" + filters);
    EXPECT_EQ(answer.status, 200) << answer.body;
    std::vector<Row> rows;
    std::istringstream lines(answer.body);
    std::string line;
    std::getline(lines, line);
    EXPECT_EQ(line.rfind("name,domain,status,", 0), 0u) << line;
    while (std::getline(lines, line)) {
      std::vector<std::string> cells;
      std::istringstream in(line);
      for (std::string cell; cells.size() < 15 && std::getline(in, cell, ',');) cells.push_back(cell);
      rows.push_back({cells.at(0), cells.at(5), cells.at(14), cells.at(2)});
    }
    return rows;
  };
  const auto count = [](const std::vector<Row>& rows, auto matches) {
    return static_cast<std::size_t>(std::count_if(rows.begin(), rows.end(), matches));
  };

  EXPECT_EQ(exported("").size(), 1202u);
  const auto us = exported("&country=US");
  ASSERT_EQ(us.size(), 600u);
  EXPECT_EQ(count(us, [](const Row& r) { return r.country == "US"; }), 600u);
  EXPECT_EQ(us.front().name, "Firm 0");
  EXPECT_EQ(us.back().name, "Firm 1198");
  const auto energy = exported("&q=energ");
  ASSERT_EQ(energy.size(), 960u);
  EXPECT_EQ(count(energy, [](const Row& r) { return r.industry == "Energy"; }), 960u);
  EXPECT_EQ(energy.front().name, "Firm 1");
  EXPECT_EQ(energy.back().name, "Firm 1199");
  const auto both = exported("&q=energy&country=US");
  ASSERT_EQ(both.size(), 480u);
  EXPECT_EQ(count(both, [](const Row& r) { return r.industry == "Energy" && r.country == "US"; }), 480u);
  EXPECT_EQ(exported("&industry=Retail&country=DE").size(), 120u);
  const auto verified = exported("&status=verified");
  ASSERT_EQ(verified.size(), 1u);
  EXPECT_EQ(verified.front().name, "Approved Software");
  const auto treed = exported("&call_tree_verified=true&q=software");
  ASSERT_EQ(treed.size(), 1u);
  EXPECT_EQ(treed.front().name, "Treed Software");
  EXPECT_TRUE(exported("&q=nowhere").empty());

  auto bad = call("GET", "/companies/export?format=csv&country=USA");
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(bad.text("error.field"), "country");
  EXPECT_EQ(call("GET", "/companies/export?format=csv&q=a%20b%20c%20d%20e%20f").text("error.field"), "q");
}

// As with PATCH, an import that changes a call tree leaves it unchecked,
// unless the file says otherwise.
TEST_P(CompaniesImportTest, AnUpdateThatChangesACallTreeLeavesItUnverified) {
  START_COMPANIES();
  const std::string tree = R"({"root":"m","menus":{"m":{"options":[{"digit":"1","label":"Bye","action":"hangup"}]}}})";
  const std::string id = company("Treed", "treed.example", R"(,"call_tree":)" + tree + R"(,"call_tree_verified":true)");
  const auto csvQuoted = [](std::string text) {
    std::string out = "\"";
    for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
  };
  const auto import = [&](const std::string& callTree) {
    return call("POST", "/companies/import?mode=apply&on_conflict=update",
                "domain,name,call_tree\ntreed.example,Treed," + csvQuoted(callTree) + "\n");
  };
  auto same = import(tree);
  ASSERT_EQ(same.status, 200) << same.body;
  EXPECT_EQ(same.text("import.unchanged"), "1");
  EXPECT_EQ(scalarOf("SELECT call_tree_verified FROM companies WHERE id = " + id), "1");

  std::string changed = tree;
  changed.replace(changed.find("Bye"), 3, "Goodbye");
  auto updated = import(changed);
  ASSERT_EQ(updated.status, 200) << updated.body;
  EXPECT_EQ(updated.text("import.updated"), "1");
  EXPECT_EQ(scalarOf("SELECT call_tree_verified FROM companies WHERE id = " + id), "0");
  EXPECT_EQ(call("GET", "/companies/" + id).text("company.call_tree.menus.m.options.0.label"), "Goodbye");
}

TEST_P(CompaniesImportTest, TakenDomainsAreSkippedOrRefusedRowByRowAmongNewOnes) {
  START_COMPANIES();
  const std::string taken = company("Taken", "taken.example");
  const std::string csv = "name,domain\nFirst,first.example\nClash,taken.example\nSecond,second.example\n";
  const auto links = [&](const std::string& batch) {
    return scalarOf("SELECT COUNT(*) FROM companies_import_links WHERE batch_id = '" + batch + "'");
  };

  // skip: the new rows are created and linked, the taken one is counted and left alone.
  auto skip = call("POST", "/companies/import?mode=apply&on_conflict=skip", csv);
  ASSERT_EQ(skip.status, 200) << skip.body;
  EXPECT_EQ(skip.text("import.created"), "2");
  EXPECT_EQ(skip.text("import.skipped"), "1");
  EXPECT_EQ(scalarOf("SELECT name FROM companies WHERE domain = 'taken.example'"), "Taken");
  EXPECT_EQ(links(skip.text("import.batch_id")), "2");

  // fail, row by row: the taken row is refused with its line and its owner; the others are kept.
  const std::string next = "name,domain\nThird,third.example\nClash,taken.example\nFourth,fourth.example\n";
  auto failPartly = call("POST", "/companies/import?mode=apply&on_conflict=fail&all_or_nothing=false", next);
  ASSERT_EQ(failPartly.status, 200) << failPartly.body;
  EXPECT_EQ(failPartly.text("import.status"), "partially_applied");
  EXPECT_EQ(failPartly.text("import.created"), "2");
  EXPECT_EQ(failPartly.text("import.errors.0.line"), "3");
  EXPECT_EQ(failPartly.text("import.errors.0.field"), "domain");
  EXPECT_EQ(failPartly.text("import.errors.0.message"), "domain taken.example already belongs to company " + taken);
  EXPECT_EQ(scalarOf("SELECT COUNT(*) FROM companies WHERE domain IN ('third.example', 'fourth.example')"), "2");
  EXPECT_EQ(links(failPartly.text("import.batch_id")), "2");

  // A refusal of the writing (line 2) and one of the reading (line 3) come
  // back in line order.
  auto both = call("POST", "/companies/import?mode=apply&on_conflict=fail&all_or_nothing=false",
                   "name,domain,support_email\nClash,taken.example,\nBad Mail,badmail.example,not-an-email\n");
  ASSERT_EQ(both.status, 200) << both.body;
  EXPECT_EQ(both.text("import.errors.0.line"), "2");
  EXPECT_EQ(both.text("import.errors.0.field"), "domain");
  EXPECT_EQ(both.text("import.errors.1.line"), "3");
  EXPECT_EQ(both.text("import.errors.1.field"), "support_email");

  // fail, all or nothing: nothing of the file stays.
  auto failAll = call("POST", "/companies/import?mode=apply&on_conflict=fail",
                      "name,domain\nFifth,fifth.example\nClash,taken.example\n");
  EXPECT_EQ(failAll.status, 422) << failAll.body;
  EXPECT_EQ(scalarOf("SELECT COUNT(*) FROM companies WHERE domain = 'fifth.example'"), "0");
  EXPECT_EQ(links(failAll.text("import.batch_id")), "0");
  EXPECT_EQ(scalarOf("SELECT COUNT(*) FROM companies"), "5");
}

// Files larger than the batches waiting between reading and writing: rows
// written before a late refusal, or before the size limit is crossed, are
// undone with the rest.
TEST_P(CompaniesImportTest, RowsWrittenBeforeALateRefusalAreUndone) {
  START_COMPANIES("plugins:\n  companies:\n    settings:\n      import_max_bytes: 100000\n");
  std::string rows;
  for (int i = 0; i < 3000; ++i) rows += "Company " + std::to_string(i) + ",c" + std::to_string(i) + ".example\n";
  ASSERT_LT(rows.size(), 100000u);
  const std::string imports = scalarOf("SELECT COUNT(*) FROM companies_imports");

  auto late = call("POST", "/companies/import?mode=apply", "name,domain\n" + rows + "Late,not a domain\n");
  EXPECT_EQ(late.status, 422) << late.body;
  EXPECT_EQ(late.text("import.errors.0.line"), "3002");
  EXPECT_EQ(late.text("import.rows"), "3001");
  EXPECT_EQ(scalarOf("SELECT COUNT(*) FROM companies"), "0");
  EXPECT_EQ(scalarOf("SELECT COUNT(*) FROM companies_import_links"), "0");

  // Sent chunked, the limit is crossed after some 4,000 rows were read.
  std::string more = rows;
  for (int i = 3000; i < 6000; ++i) more += "Company " + std::to_string(i) + ",c" + std::to_string(i) + ".example\n";
  ASSERT_GT(more.size(), 100000u);
  auto chunked = owner_;
  chunked["Transfer-Encoding"] = "chunked";
  auto tooBig = host_->request("POST", api(a_, "/companies/import?mode=apply"), "name,domain\n" + more, chunked);
  EXPECT_EQ(tooBig.status, 413) << tooBig.body;
  EXPECT_EQ(scalarOf("SELECT COUNT(*) FROM companies"), "0");
  EXPECT_EQ(scalarOf("SELECT COUNT(*) FROM companies_imports"), std::to_string(std::stoi(imports) + 1));  // the 422 only

  auto whole = call("POST", "/companies/import?mode=apply", "name,domain\n" + rows);
  ASSERT_EQ(whole.status, 200) << whole.body;
  EXPECT_EQ(scalarOf("SELECT COUNT(*) FROM companies"), "3000");
}

// The upload is received before the import takes the tenant's writer turn,
// so a client that sends slowly keeps no other writer waiting (before, a
// create waited storage.pool_wait_ms behind it and got 503).
TEST_P(CompaniesImportTest, ASlowUploadKeepsNoOtherWriterWaiting) {
  START_COMPANIES();
  // Longer than the host waits for before it hands a request to its route
  // (16 KiB): the route reads the rest as it arrives.
  std::string first = "name,domain\n";
  for (int i = 0; i < 1000; ++i) first += "Slow " + std::to_string(i) + ",slow" + std::to_string(i) + ".example\n";
  const std::string rest = "Slow Last,slow-last.example\n";
  Poco::Net::HTTPClientSession slow("127.0.0.1", static_cast<Poco::UInt16>(host_->port()));
  slow.setTimeout(Poco::Timespan(10, 0));
  Poco::Net::HTTPRequest request("POST", api(a_, "/companies/import?mode=apply&batch_id=slow-upload"),
                                 Poco::Net::HTTPMessage::HTTP_1_1);
  request.setContentType("text/csv");
  request.setContentLength(static_cast<std::streamsize>(first.size() + rest.size()));
  for (const auto& [name, value] : owner_) request.set(name, value);
  std::ostream& upload = slow.sendRequest(request);
  upload << first << std::flush;
  // The server has the first part and waits for the rest.
  EXPECT_TRUE(waitUntil([&] {
    return call("GET", "/companies/imports/slow-upload").text("progress.bytes_read") == std::to_string(first.size());
  }));

  auto meanwhile = call("POST", "/companies", R"({"name":"Meanwhile","domain":"meanwhile.example"})");
  EXPECT_EQ(meanwhile.status, 201) << meanwhile.body;

  upload << rest << std::flush;
  Poco::Net::HTTPResponse response;
  std::string answer;
  Poco::StreamCopier::copyToString(slow.receiveResponse(response), answer);
  EXPECT_EQ(response.getStatus(), 200) << answer;
  EXPECT_EQ(scalarOf("SELECT COUNT(*) FROM companies"), "1002");
}

TEST_P(CompaniesImportTest, KillingTheServerMidApplyLeavesNoRows) {
  START_COMPANIES();
  std::string csv = "name,domain,city,industry\n";
  for (int i = 0; i < 150000; ++i)
    csv += "Company " + std::to_string(i) + ",c" + std::to_string(i) + ".example,City " + std::to_string(i % 100) +
           ",Industry\n";
  std::thread upload([&] { call("POST", "/companies/import?mode=apply&batch_id=kill-me-now", csv); });
  // The import's progress is visible while it runs; kill it part-way.
  const bool seenRunning = waitUntil(
      [&] {
        auto progress = call("GET", "/companies/imports/kill-me-now");
        return progress.text("progress.status") == "running" && progress.text("progress.rows_read") != "0";
      },
      std::chrono::seconds(20));
  host_->signal(SIGKILL);
  upload.join();
  host_->waitExit();
  host_ = std::make_unique<HostProcess>(config_);
  ASSERT_TRUE(host_->waitReady()) << host_->output();
  // All rows or none, and the import's record with them.
  const std::string count = scalarOf("SELECT COUNT(*) FROM companies");
  EXPECT_TRUE(count == "0" || count == "150000") << count;
  EXPECT_EQ(scalarOf("SELECT COUNT(*) FROM companies_imports"), count == "0" ? "0" : "1");
  if (seenRunning) {
    EXPECT_EQ(count, "0");  // killed while it ran
    EXPECT_EQ(call("GET", "/companies/imports/kill-me-now").status, 404);
  }
  runTenantSql(config_, dsn_, a_, "DELETE FROM companies");
  // The same file applied to the end gives every row.
  auto whole = call("POST", "/companies/import?mode=apply", csv.substr(0, csv.find("Company 20000,")));
  ASSERT_EQ(whole.status, 200) << whole.body;
  EXPECT_EQ(scalarOf("SELECT COUNT(*) FROM companies"), "20000");
}

INSTANTIATE_TEST_SUITE_P(Drivers, CompaniesImportTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace tabhost::test
