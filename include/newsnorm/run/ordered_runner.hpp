#pragma once
// Runs work on N threads and hands the results back in input order, through a bounded window:
// output bytes do not depend on N, and memory does not grow with the number of inputs.
#include <cstddef>
#include <functional>
#include <optional>

namespace newsnorm {

template <typename In, typename Out>
struct OrderedWork {
  std::function<std::optional<In>()> next_input;  // called under a lock, in order
  std::function<void(const In&, Out&)> process;   // called on worker threads, in parallel
  // Called in input order, one call at a time (on whichever worker finished the next result in
  // line, so no thread sits waiting to hand results over).
  std::function<void(In&, Out&)> consume;
};

// `window` bounds how many results may wait for their turn; jobs <= 1 runs everything inline.
// An exception from any callback stops the run and is rethrown here.
template <typename In, typename Out>
void run_ordered(OrderedWork<In, Out>& work, int jobs, std::size_t window);

}  // namespace newsnorm

#include "newsnorm/run/ordered_runner_impl.hpp"
