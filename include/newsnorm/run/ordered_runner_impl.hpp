#pragma once
// Template body of run_ordered(); see ordered_runner.hpp.
//
// Each worker claims the next input, processes it outside the lock, and puts the result in its
// slot. The worker whose result is next in line becomes the drainer: it consumes that result and
// every ready one after it, in order. Threads only block when the window is full, which keeps
// context switches (and their system time) to a minimum.
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace newsnorm {

template <typename In, typename Out>
void run_ordered(OrderedWork<In, Out>& work, int jobs, std::size_t window) {
  if (jobs <= 1) {
    while (auto input = work.next_input()) {
      Out out{};
      work.process(*input, out);
      work.consume(*input, out);
    }
    return;
  }
  struct Slot {
    std::optional<In> input;
    Out out{};
    bool ready = false;
  };
  std::vector<Slot> slots(window);
  std::mutex mutex;
  std::condition_variable window_moved;
  std::size_t claimed = 0, consumed = 0, waiting = 0;
  bool exhausted = false, draining = false, stopping = false;
  std::exception_ptr failure;

  const auto fail = [&](std::unique_lock<std::mutex>&) {
    if (!failure) failure = std::current_exception();
    stopping = true;
    window_moved.notify_all();
  };

  auto worker = [&] {
    std::unique_lock lock(mutex);
    for (;;) {
      while (!stopping && !exhausted && claimed >= consumed + window) {
        ++waiting;
        window_moved.wait(lock);
        --waiting;
      }
      if (stopping || exhausted) return;
      std::optional<In> input;
      try {
        input = work.next_input();
      } catch (...) {
        return fail(lock);
      }
      if (!input) {
        exhausted = true;
        window_moved.notify_all();
        return;
      }
      const std::size_t index = claimed++;
      Slot& slot = slots[index % window];
      slot.input = std::move(input);
      lock.unlock();
      Out out{};
      try {
        work.process(*slot.input, out);
      } catch (...) {
        lock.lock();
        return fail(lock);
      }
      lock.lock();
      slot.out = std::move(out);
      slot.ready = true;
      if (draining || index != consumed) continue;
      // This result is next in line: hand over every ready result, in order.
      draining = true;
      while (!stopping && slots[consumed % window].ready) {
        Slot& next = slots[consumed % window];
        In in = std::move(*next.input);
        Out result = std::move(next.out);
        next.input.reset();
        next.ready = false;
        ++consumed;
        if (waiting) window_moved.notify_all();
        lock.unlock();
        try {
          work.consume(in, result);
        } catch (...) {
          lock.lock();
          draining = false;
          return fail(lock);
        }
        lock.lock();
      }
      draining = false;
    }
  };
  std::vector<std::thread> threads;
  for (int i = 0; i < jobs; ++i) threads.emplace_back(worker);
  for (auto& thread : threads) thread.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace newsnorm
