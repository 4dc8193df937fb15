#include "core/util/AdmissionGate.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "Eventually.hpp"

namespace tabhost::core {
namespace {

using namespace std::chrono_literals;

TEST(AdmissionGate, NoMoreThanItsPlacesRunAtOnce) {
  AdmissionGate gate(3);
  std::atomic<int> inside{0}, most{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 16; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        AdmissionGate::Place place(gate);
        const int now = ++inside;
        for (int seen = most.load(); now > seen && !most.compare_exchange_weak(seen, now);) {
        }
        std::this_thread::sleep_for(50us);
        --inside;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(most.load(), 3);
}

TEST(AdmissionGate, WaitersGetInInTheOrderTheyCame) {
  AdmissionGate gate(1);
  std::optional<AdmissionGate::Place> held;
  held.emplace(gate);
  std::mutex mutex;
  std::vector<int> order;
  std::vector<std::thread> threads;
  for (int t = 0; t < 5; ++t) {
    threads.emplace_back([&, t] {
      AdmissionGate::Place place(gate);
      std::lock_guard lock(mutex);
      order.push_back(t);
    });
    // The next thread starts only once this one is queued.
    ASSERT_TRUE(eventually([&] { return gate.queued() == static_cast<std::size_t>(t + 1); }));
  }
  held.reset();
  for (auto& t : threads) t.join();
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3, 4}));
}

// A thread that waits on something else lets another in; coming back it
// does not queue (it may hold what the one inside waits for).
TEST(AdmissionGate, AwayLetsAnotherInAndComesBackWithoutWaiting) {
  AdmissionGate gate(1);
  std::atomic<bool> otherInside{false}, releaseOther{false}, firstBack{false};
  std::thread first([&] {
    AdmissionGate::Place place(gate);
    {
      AdmissionGate::Away away;
      ASSERT_TRUE(eventually([&] { return otherInside.load(); }));
    }
    firstBack = true;  // while the other still holds the only place
  });
  std::thread other([&] {
    std::this_thread::sleep_for(20ms);
    AdmissionGate::Place place(gate);
    otherInside = true;
    eventually([&] { return releaseOther.load(); });
  });
  EXPECT_TRUE(eventually([&] { return firstBack.load(); }));
  releaseOther = true;
  first.join();
  other.join();
  // Both left: the one place is free again, and there is only one.
  std::atomic<bool> secondIn{false};
  std::thread second;
  {
    AdmissionGate::Place again(gate);
    second = std::thread([&] {
      AdmissionGate::Place place(gate);
      secondIn = true;
    });
    std::this_thread::sleep_for(30ms);
    EXPECT_FALSE(secondIn.load());
    {
      AdmissionGate::Place nested(gate);  // the same thread: no second place taken, no wait
    }
    std::this_thread::sleep_for(30ms);
    EXPECT_FALSE(secondIn.load()) << "leaving a nested place freed the outer one";
  }
  second.join();
  EXPECT_TRUE(secondIn.load());
}

TEST(AdmissionGate, ZeroPlacesMeansNoGate) {
  AdmissionGate gate(0);
  AdmissionGate::Place a(gate);
  std::atomic<bool> in{false};
  std::thread t([&] {
    AdmissionGate::Place b(gate);
    in = true;
  });
  t.join();
  EXPECT_TRUE(in.load());
}

}  // namespace
}  // namespace tabhost::core
