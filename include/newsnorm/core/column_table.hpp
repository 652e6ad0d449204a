#pragma once
// Rows kept as columns: one vector per field, so that a million rows cost no padding and a pass
// over one field reads only that field, and every column stays in step because rows are only
// added, dropped and reordered through the table. Adding a column is one type in the list.
#include <cstddef>
#include <tuple>
#include <utility>
#include <vector>

namespace newsnorm {

template <typename... Columns>
class ColumnTable {
 public:
  std::size_t size() const { return std::get<0>(columns_).size(); }

  template <std::size_t Column>
  auto& column() {
    return std::get<Column>(columns_);
  }
  template <std::size_t Column>
  const auto& column() const {
    return std::get<Column>(columns_);
  }

  void push(Columns... row) {
    [&]<std::size_t... I>(std::index_sequence<I...>) { (std::get<I>(columns_).push_back(std::move(row)), ...); }
    (std::index_sequence_for<Columns...>{});
  }
  void reserve(std::size_t rows) {
    each([&](auto& column) { column.reserve(rows); });
  }

  // Keeps the rows `keep(row)` says to keep, in order.
  template <typename Keep>
  void keep_if(const Keep& keep) {
    const std::size_t rows = size();
    each([&](auto& column) {
      std::size_t out = 0;
      for (std::size_t row = 0; row < rows; ++row) {
        if (!keep(row)) continue;
        // Never move a value onto itself: a self-moved std::string is left empty.
        if (out != row) column[out] = std::move(column[row]);
        ++out;
      }
      column.resize(out);
    });
  }

  // Row `order[k]` becomes row k, in place, cycle by cycle: a reordered copy of a million rows
  // would double the peak memory.
  void permute(const std::vector<std::size_t>& order) {
    each([&](auto& column) {
      std::vector<bool> placed(order.size());
      for (std::size_t start = 0; start < order.size(); ++start) {
        if (placed[start] || order[start] == start) continue;
        auto held = std::move(column[start]);
        std::size_t at = start;
        while (order[at] != start) {
          column[at] = std::move(column[order[at]]);
          placed[at] = true;
          at = order[at];
        }
        column[at] = std::move(held);
        placed[at] = true;
      }
    });
  }

 private:
  template <typename Visit>
  void each(Visit&& visit) {
    std::apply([&](auto&... column) { (visit(column), ...); }, columns_);
  }

  std::tuple<std::vector<Columns>...> columns_;
};

}  // namespace newsnorm
