# Build options shared by every target.
option(NEWSNORM_SANITIZE "Build everything with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
option(NEWSNORM_FUZZ "Build the libFuzzer target (needs clang)" OFF)

if(NEWSNORM_SANITIZE)
  # Applied globally so that the tests and the library agree on the ABI of the instrumented runtime.
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

if(NEWSNORM_FUZZ)
  # Coverage instrumentation everywhere; the fuzz target links libFuzzer's main itself.
  # Without -fno-sanitize-recover, UBSan only prints and goes on: libFuzzer would never see undefined
  # behaviour as a crash, save no input for it, and in -fork mode even the message is discarded.
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

function(newsnorm_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion)
endfunction()
