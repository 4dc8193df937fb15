#include "core/util/FifoTurns.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "Eventually.hpp"

namespace tabhost::core {
namespace {

using namespace std::chrono_literals;

// A waiter that gives up leaves the queue; the turn it would have had goes
// to the one behind it, and nothing is lost or handed to a thread that left.
TEST(FifoTurns, AWaiterPastItsDeadlineLeavesAndTheNextOneGetsTheTurn) {
  FifoTurns turns(1);
  ASSERT_TRUE(turns.tryTake());
  std::atomic<int> impatient{-1}, patient{-1};
  // The turn stays taken until both wait, so the impatient one gives up
  // however the threads are scheduled. EXPECT, not ASSERT: the threads are
  // joined whatever happens.
  std::thread first([&] { impatient = turns.take(FifoTurns::Clock::now() + 300ms) ? 1 : 0; });
  std::thread second([&] { patient = turns.take(FifoTurns::Clock::now() + 30s) ? 1 : 0; });
  EXPECT_TRUE(eventually([&] { return impatient.load() == 0; }));
  EXPECT_TRUE(eventually([&] { return turns.queued() == 1; }));  // only the patient one
  turns.give();
  second.join();
  first.join();
  EXPECT_EQ(impatient.load(), 0);
  EXPECT_EQ(patient.load(), 1);
  // The patient thread holds the only turn now.
  EXPECT_FALSE(turns.tryTake());
  turns.give();
  EXPECT_TRUE(turns.tryTake());
}

// A thread arriving as the holder leaves does not overtake the queue.
TEST(FifoTurns, AGivenTurnGoesToTheOldestWaiterNotToANewcomer) {
  FifoTurns turns(1);
  ASSERT_TRUE(turns.tryTake());
  std::atomic<bool> waiterIn{false};
  std::thread waiter([&] {
    turns.take();
    waiterIn = true;
  });
  EXPECT_TRUE(eventually([&] { return turns.queued() == 1; }));
  turns.give();
  EXPECT_FALSE(turns.tryTake());
  waiter.join();
  EXPECT_TRUE(waiterIn.load());
  turns.give();
}

TEST(FifoTurns, TakeNowGoesBeyondTheCountAndIsRepaid) {
  FifoTurns turns(1);
  ASSERT_TRUE(turns.tryTake());
  turns.takeNow();
  turns.give();
  EXPECT_FALSE(turns.tryTake());  // one is still out
  turns.give();
  EXPECT_TRUE(turns.tryTake());
}

TEST(FifoTurns, AHeldTurnIsGivenBackOnceWhereverItMoves) {
  FifoTurns turns(1);
  ASSERT_TRUE(turns.tryTake());
  FifoTurns::Held outer;
  EXPECT_FALSE(outer);
  {
    FifoTurns::Held held(turns);
    outer = std::move(held);
  }
  EXPECT_TRUE(outer);
  EXPECT_FALSE(turns.tryTake());
  outer.release();
  outer.release();
  EXPECT_TRUE(turns.tryTake());
  EXPECT_FALSE(turns.tryTake());
}

}  // namespace
}  // namespace tabhost::core
