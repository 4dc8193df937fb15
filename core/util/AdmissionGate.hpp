// At most N requests do their work at once; the rest wait in arrival order.
//
// Each kept-alive connection holds a server thread, so at 64 connections 64
// threads would share two cores and the scheduler would slice every request
// thin: the mean stays, but the slowest requests wait many times longer
// (measured: p99 seven times the median). Letting a few requests run to the
// end while the others queue first-come first-served keeps every request's
// wait close to the mean.
//
// A request gives its place up while it waits on something that is not the
// CPU (the tenant's writer turn, a connection from a pool, an outbound call):
// otherwise the places could all be taken by requests that wait for one that
// is queued behind them. Coming back, it takes a place at once, even one too
// many: it may hold a transaction that the requests inside wait for, so
// making it queue could deadlock. The debt is paid when it leaves.
#pragma once

#include <cstddef>

#include "core/util/FifoTurns.hpp"

namespace tabhost::core {

class AdmissionGate {
 public:
  /// `places` requests run at once; 0 admits everyone at once (no gate).
  explicit AdmissionGate(int places);

  /// Holds one place from construction to destruction; the calling thread
  /// waits its turn in arrival order.
  class Place {
   public:
    explicit Place(AdmissionGate& gate);
    ~Place();
    Place(const Place&) = delete;
    Place& operator=(const Place&) = delete;

   private:
    AdmissionGate* gate_;
    AdmissionGate* outer_;  // the gate this thread was inside before, if another
  };

  /// Gives the calling thread's place up (if it holds one) from construction
  /// to destruction, then takes one back without queueing. Wrap waits on other requests
  /// or on the network in one.
  class Away {
   public:
    Away();
    ~Away();
    Away(const Away&) = delete;
    Away& operator=(const Away&) = delete;

   private:
    AdmissionGate* gate_;
  };

  /// Requests waiting for a place now.
  std::size_t queued();

 private:
  void enter();
  void enterNow();
  void leave();

  const bool open_;
  FifoTurns places_;
};

}  // namespace tabhost::core
