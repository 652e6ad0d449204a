# The pipeline's stages as CMake targets: one static library per folder of src/ and include/newsnorm/,
# each linking only the stages below it. The layering check (cmake/check_layering.py) reads the same
# declarations, so the targets, the folders and the includes cannot drift apart: a source that includes
# a header of a stage its target does not link, or another stage's private header, fails the build.
#
# newsnorm_stage(NAME [PROGRAM]
#   PROGRAM    the stage is the executable `newsnorm` (the CLI), not a library
#   SOURCES    files under src/NAME/
#   PUBLIC     stages this stage's public headers include (linked PUBLIC)
#   PRIVATE    stages only its sources include (linked PRIVATE)
#   LIBRARIES  third-party targets, linked PRIVATE
#   PUBLIC_LIBRARIES third-party targets its public headers need)
set_property(GLOBAL PROPERTY NEWSNORM_STAGE_LINES "")

function(newsnorm_stage name)
  cmake_parse_arguments(STAGE "PROGRAM" "" "SOURCES;PUBLIC;PRIVATE;LIBRARIES;PUBLIC_LIBRARIES" ${ARGN})
  if(STAGE_PROGRAM)
    set(target newsnorm)
    add_executable(${target} ${STAGE_SOURCES})
  else()
    set(target newsnorm_${name})
    add_library(${target} STATIC ${STAGE_SOURCES})
    target_include_directories(${target} PUBLIC ${PROJECT_SOURCE_DIR}/include)
  endif()
  foreach(stage IN LISTS STAGE_PUBLIC)
    target_link_libraries(${target} PUBLIC newsnorm_${stage})
  endforeach()
  foreach(stage IN LISTS STAGE_PRIVATE)
    target_link_libraries(${target} PRIVATE newsnorm_${stage})
  endforeach()
  target_link_libraries(${target} PUBLIC ${STAGE_PUBLIC_LIBRARIES} PRIVATE ${STAGE_LIBRARIES})
  target_compile_definitions(${target} PRIVATE SPDLOG_FMT_EXTERNAL)
  newsnorm_warnings(${target})
  # One line per stage for the layering check: name, then its public and private stages.
  string(JOIN "," public_list ${STAGE_PUBLIC})
  string(JOIN "," private_list ${STAGE_PRIVATE})
  set_property(GLOBAL APPEND PROPERTY NEWSNORM_STAGE_LINES "${name}|${public_list}|${private_list}")
endfunction()

# After every stage is declared: writes the stage graph and checks every include against it on each
# build (target newsnorm_layering, in ALL), so a wrong include fails `cmake --build`.
function(newsnorm_check_layering)
  get_property(lines GLOBAL PROPERTY NEWSNORM_STAGE_LINES)
  set(graph "")
  foreach(line IN LISTS lines)
    string(REPLACE "|" " " line "${line}")
    string(APPEND graph "${line}\n")
  endforeach()
  set(graph_file ${PROJECT_BINARY_DIR}/newsnorm-stages.txt)
  file(WRITE ${graph_file} "${graph}")
  file(GLOB_RECURSE layered CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/src/*.cpp ${PROJECT_SOURCE_DIR}/src/*.hpp
       ${PROJECT_SOURCE_DIR}/include/*.hpp)
  find_package(Python3 REQUIRED COMPONENTS Interpreter)
  set(stamp ${PROJECT_BINARY_DIR}/newsnorm-layering.stamp)
  add_custom_command(
    OUTPUT ${stamp}
    COMMAND Python3::Interpreter ${PROJECT_SOURCE_DIR}/cmake/check_layering.py ${graph_file} ${PROJECT_SOURCE_DIR}
    COMMAND ${CMAKE_COMMAND} -E touch ${stamp}
    DEPENDS ${layered} ${graph_file} ${PROJECT_SOURCE_DIR}/cmake/check_layering.py
    COMMENT "Checking that each stage includes only the stages below it"
    VERBATIM)
  add_custom_target(newsnorm_layering ALL DEPENDS ${stamp})
endfunction()
