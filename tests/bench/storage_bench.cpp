// Storage throughput, as a plugin sees it: audited single-row insert
// transactions and 50-row keyset page reads per second, on one driver, with
// N client threads. Prints figures; asserts nothing.
//   storage_bench sqlite DIR THREADS SECONDS
//   storage_bench postgresql DSN THREADS SECONDS
#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "core/audit/AuditLog.hpp"
#include "core/storage/PocoDatabase.hpp"
#include "core/storage/TenantDatabases.hpp"

using namespace tabhost::core;
using tabhost::sdk::Json;

namespace {

std::vector<RegisteredMigration> schema() {
  return {auditLogMigration(),
          {"bench",
           {1, "items",
            "CREATE TABLE bench_items (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, amount INTEGER)",
            "CREATE TABLE bench_items (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL, amount BIGINT)"}}};
}

// Runs `work` on `threads` threads for `seconds`; returns operations per second.
template <class Work>
double measure(int threads, double seconds, Work work) {
  std::atomic<bool> stop{false};
  std::atomic<long> done{0};
  std::vector<std::thread> pool;
  auto started = std::chrono::steady_clock::now();
  for (int t = 0; t < threads; ++t)
    pool.emplace_back([&, t] {
      for (long i = 0; !stop; ++i) {
        work(t, i);
        ++done;
      }
    });
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  for (auto& th : pool) th.join();
  return done / std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: storage_bench sqlite DIR|postgresql DSN THREADS SECONDS\n");
    return 2;
  }
  StorageConfig config;
  config.driver = argv[1];
  (config.driver == "sqlite" ? config.path : config.dsn) = argv[2];
  const int threads = std::stoi(argv[3]);
  const double seconds = std::stod(argv[4]);
  config.poolSize = threads;
  config.poolWaitMilliseconds = 10000;
  TenantDatabases databases(config, schema());
  const std::string tenant = "bench" + std::to_string(::getpid());

  double inserts = measure(threads, seconds, [&](int t, long i) {
    auto turn = databases.writerTurn(tenant);  // as the request pipeline does for mutating routes
    auto lease = databases.acquire(tenant);
    PocoDatabase db(lease.session(), config.driver);
    db.begin();
    const std::string name = "item-" + std::to_string(t) + "-" + std::to_string(i);
    db.execute("INSERT INTO bench_items (name, amount) VALUES (?, ?)", {name, i});
    AuditEntry entry;
    entry.requestId = "bench";
    entry.actorType = "user";
    entry.actorId = "u1";
    entry.plugin = "bench";
    entry.action = "bench.item.create";
    entry.targetType = "item";
    entry.targetId = name;
    entry.metadata = Json::object({{"name", name}});
    appendAuditEntry(db, entry);
    db.execute("COMMIT");
  });

  long rowCount = 0;
  {
    auto lease = databases.acquire(tenant);
    PocoDatabase db(lease.session(), config.driver);
    rowCount = static_cast<long>(db.query("SELECT COUNT(*) AS n FROM bench_items").at(0)["n"].asInt());
  }
  if (rowCount < 50) {
    std::fprintf(stderr, "only %ld rows were inserted; run longer\n", rowCount);
    return 1;
  }
  double pages = measure(threads, seconds, [&](int, long i) {
    auto lease = databases.acquire(tenant);
    PocoDatabase db(lease.session(), config.driver);
    auto rows = db.query("SELECT id, name, amount FROM bench_items WHERE id > ? ORDER BY id LIMIT 50",
                            {(i * 37) % (rowCount - 49)});
    if (rows.size() != 50) std::abort();  // the page must be full, or the figure means nothing
  });

  std::printf("%-10s threads=%-3d audited inserts/s %9.0f   50-row pages/s %9.0f\n", config.driver.c_str(), threads,
              inserts, pages);
  return 0;
}
