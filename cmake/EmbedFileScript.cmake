# Script half of embed_file(): writes the bytes as a hex array, which survives any content.
file(READ ${INPUT} hex HEX)
string(LENGTH "${hex}" hex_length)
math(EXPR byte_count "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
file(WRITE ${OUTPUT} "// Generated from ${INPUT}; do not edit.\n#include <string_view>\n"
  "namespace newsnorm {\nnamespace {\nconstexpr char ${SYMBOL}_bytes[] = {${bytes} '\\0'};\n}\n"
  "extern const std::string_view ${SYMBOL}{${SYMBOL}_bytes, ${byte_count}};\n}\n")
