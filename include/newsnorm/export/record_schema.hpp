#pragma once
// The JSON Schema (draft 2020-12) of what `ingest` writes: article records and deletion records.
#include "newsnorm/model/article.hpp"

namespace newsnorm {

const Json& record_schema();

}  // namespace newsnorm
