#pragma once
// Template body of run_ordered(); see ordered_runner.hpp.
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
  std::condition_variable slot_freed, slot_filled;
  std::size_t claimed = 0, consumed = 0;
  bool exhausted = false, stopping = false;
  std::exception_ptr failure;

  auto worker = [&] {
    for (;;) {
      std::unique_lock lock(mutex);
      slot_freed.wait(lock, [&] { return stopping || exhausted || claimed < consumed + window; });
      if (stopping || exhausted) return;
      auto input = work.next_input();
      if (!input) {
        exhausted = true;
        slot_filled.notify_all();
        slot_freed.notify_all();
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
        if (!failure) failure = std::current_exception();
        stopping = true;
        slot_filled.notify_all();
        slot_freed.notify_all();
        return;
      }
      lock.lock();
      slot.out = std::move(out);
      slot.ready = true;
      slot_filled.notify_all();
    }
  };
  std::vector<std::thread> threads;
  for (int i = 0; i < jobs; ++i) threads.emplace_back(worker);

  try {
    for (;;) {
      std::unique_lock lock(mutex);
      Slot& slot = slots[consumed % window];
      slot_filled.wait(lock, [&] { return stopping || slot.ready || (exhausted && consumed == claimed); });
      if (stopping || !slot.ready) break;
      In input = std::move(*slot.input);
      Out out = std::move(slot.out);
      slot.input.reset();
      slot.ready = false;
      ++consumed;
      slot_freed.notify_all();
      lock.unlock();
      work.consume(input, out);
    }
  } catch (...) {
    std::lock_guard lock(mutex);
    if (!failure) failure = std::current_exception();
    stopping = true;
    slot_freed.notify_all();
  }
  {
    std::lock_guard lock(mutex);
    stopping = true;
    slot_freed.notify_all();
  }
  for (auto& thread : threads) thread.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace newsnorm
