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
namespace ordered_detail {

template <typename In, typename Out>
void run_inline(OrderedWork<In, Out>& work) {
  while (auto input = work.next_input()) {
    Out out{};
    work.process(*input, out);
    work.consume(*input, out);
  }
}

// What the workers share; every member but `work` and `slots`' contents is guarded by `mutex`.
template <typename In, typename Out>
class OrderedRun {
 public:
  OrderedRun(OrderedWork<In, Out>& work, std::size_t window) : work_(work), window_(window), slots_(window) {}

  void run(int jobs) {
    std::vector<std::thread> threads;
    for (int i = 0; i < jobs; ++i) threads.emplace_back([this] { work(); });
    for (auto& thread : threads) thread.join();
    if (failure_) std::rethrow_exception(failure_);
  }

 private:
  struct Slot {
    std::optional<In> input;
    Out out{};
    bool ready = false;
  };
  using Lock = std::unique_lock<std::mutex>;

  // One worker: claim, process, and drain when its result is next in line, until the inputs run
  // out or a callback fails.
  void work() {
    Lock lock(mutex_);
    for (;;) {
      wait_for_room(lock);
      if (stopping_ || exhausted_) return;
      std::optional<std::size_t> index;
      try {
        index = claim();
      } catch (...) {
        return fail();
      }
      if (!index) return;
      if (!process(lock, *index)) return;
      if (draining_ || *index != consumed_) continue;
      drain(lock);
    }
  }

  // Blocks while the window is full.
  void wait_for_room(Lock& lock) {
    while (!stopping_ && !exhausted_ && claimed_ >= consumed_ + window_) {
      ++waiting_;
      window_moved_.wait(lock);
      --waiting_;
    }
  }

  // Takes the next input into its slot; nullopt when there are no more (and says so to the others).
  std::optional<std::size_t> claim() {
    std::optional<In> input = work_.next_input();
    if (!input) {
      exhausted_ = true;
      window_moved_.notify_all();
      return std::nullopt;
    }
    const std::size_t index = claimed_++;
    slots_[index % window_].input = std::move(input);
    return index;
  }

  // Processes the claimed input outside the lock; false when it failed.
  bool process(Lock& lock, std::size_t index) {
    Slot& slot = slots_[index % window_];
    lock.unlock();
    Out out{};
    try {
      work_.process(*slot.input, out);
    } catch (...) {
      lock.lock();
      fail();
      return false;
    }
    lock.lock();
    slot.out = std::move(out);
    slot.ready = true;
    return true;
  }

  // Hands over every ready result, in order, consuming outside the lock.
  void drain(Lock& lock) {
    draining_ = true;
    while (!stopping_ && slots_[consumed_ % window_].ready) {
      Slot& next = slots_[consumed_ % window_];
      In in = std::move(*next.input);
      Out result = std::move(next.out);
      next.input.reset();
      next.ready = false;
      ++consumed_;
      if (waiting_) window_moved_.notify_all();
      lock.unlock();
      try {
        work_.consume(in, result);
      } catch (...) {
        lock.lock();
        draining_ = false;
        return fail();
      }
      lock.lock();
    }
    draining_ = false;
  }

  // Records the first failure and stops everyone; called with the lock held, inside a catch.
  void fail() {
    if (!failure_) failure_ = std::current_exception();
    stopping_ = true;
    window_moved_.notify_all();
  }

  OrderedWork<In, Out>& work_;
  const std::size_t window_;
  std::vector<Slot> slots_;
  std::mutex mutex_;
  std::condition_variable window_moved_;
  std::size_t claimed_ = 0, consumed_ = 0, waiting_ = 0;
  bool exhausted_ = false, draining_ = false, stopping_ = false;
  std::exception_ptr failure_;
};

}  // namespace ordered_detail

template <typename In, typename Out>
void run_ordered(OrderedWork<In, Out>& work, int jobs, std::size_t window) {
  if (jobs <= 1) return ordered_detail::run_inline(work);
  ordered_detail::OrderedRun<In, Out>(work, window).run(jobs);
}

}  // namespace newsnorm
