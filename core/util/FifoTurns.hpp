// A fixed number of turns, handed out first come, first served.
//
// A leaving holder passes its turn straight to the oldest waiter, so a
// thread that arrives just then cannot take it first. std::mutex and
// std::timed_mutex promise no order: under a steady stream of writers one
// waited many times longer than the rest, and could wait past its deadline
// while newer ones went ahead.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <utility>

namespace tabhost::core {

class FifoTurns {
 public:
  using Clock = std::chrono::steady_clock;

  explicit FifoTurns(int turns);

  /// Waits in arrival order for a turn.
  void take();
  /// take(), but gives up at `deadline`: false then, and no longer queued.
  bool take(Clock::time_point deadline);
  /// Takes a turn if one is free and nobody waits; false otherwise.
  bool tryTake();
  /// Takes a turn at once, even beyond the count (the count is repaid as
  /// turns are given back).
  void takeNow();
  /// Gives a turn back: to the oldest waiter, if any.
  void give();
  /// Threads waiting for a turn now.
  std::size_t queued();

  /// A turn held until destroyed or released; empty when default-made.
  class Held {
   public:
    Held() = default;
    /// Adopts a turn the caller has taken from `turns`.
    explicit Held(FifoTurns& turns) : turns_(&turns) {}
    Held(Held&& other) noexcept : turns_(std::exchange(other.turns_, nullptr)) {}
    Held& operator=(Held&& other) noexcept {
      if (this != &other) {
        release();
        turns_ = std::exchange(other.turns_, nullptr);
      }
      return *this;
    }
    Held(const Held&) = delete;
    Held& operator=(const Held&) = delete;
    ~Held() { release(); }
    void release() {
      if (turns_) std::exchange(turns_, nullptr)->give();
    }
    explicit operator bool() const { return turns_ != nullptr; }

   private:
    FifoTurns* turns_ = nullptr;
  };

 private:
  struct Waiter {
    std::condition_variable wake;
    bool given = false;
  };
  bool wait(std::unique_lock<std::mutex>& lock, const Clock::time_point* deadline);

  std::mutex mutex_;
  int free_;  // below zero while takeNow() holds turns beyond the count
  std::deque<Waiter*> queue_;
};

}  // namespace tabhost::core
