# Installing and packaging: `cmake --install build` puts the tool, its man page and its shell
# completions where Debian-like systems look for them; `cpack -G DEB` (run in the build folder)
# makes a .deb of the same files.
include(GNUInstallDirs)

# The man page, made from `newsnorm --help` by help2man, with the commands, exit statuses and
# examples from cmake/newsnorm.h2m and each subcommand's options from its own --help
# (cmake/man_commands.py). Without help2man there is no man page.
find_program(HELP2MAN help2man)
find_program(GZIP gzip REQUIRED)
find_package(Python3 REQUIRED COMPONENTS Interpreter)
if(HELP2MAN)
  set(NEWSNORM_MAN_PAGE ${PROJECT_BINARY_DIR}/newsnorm.1)
  add_custom_command(
    OUTPUT ${NEWSNORM_MAN_PAGE} ${NEWSNORM_MAN_PAGE}.gz
    COMMAND Python3::Interpreter ${PROJECT_SOURCE_DIR}/cmake/man_commands.py $<TARGET_FILE:newsnorm>
            ${PROJECT_BINARY_DIR}/newsnorm-commands.h2m ingest validate fix schema stories config
    # --version-string: the man page names the tool's version, not the list of libraries.
    COMMAND ${HELP2MAN} --no-info --no-discard-stderr --section=1 --source=newsnorm
            --version-string=${PROJECT_VERSION}
            "--name=normalize news-article files into JSON Lines"
            --include=${PROJECT_SOURCE_DIR}/cmake/newsnorm.h2m
            --include=${PROJECT_BINARY_DIR}/newsnorm-commands.h2m
            --output=${NEWSNORM_MAN_PAGE} $<TARGET_FILE:newsnorm>
    # -n: no name or time in the gzip header, so two builds give the same bytes.
    COMMAND ${GZIP} -9nf -k ${NEWSNORM_MAN_PAGE}
    DEPENDS newsnorm ${PROJECT_SOURCE_DIR}/cmake/newsnorm.h2m ${PROJECT_SOURCE_DIR}/cmake/man_commands.py
    COMMENT "Generating the man page newsnorm.1 with help2man"
    VERBATIM)
  add_custom_target(newsnorm_man ALL DEPENDS ${NEWSNORM_MAN_PAGE}.gz)
  install(FILES ${NEWSNORM_MAN_PAGE}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT newsnorm)
else()
  message(WARNING "help2man not found (Debian package help2man): no man page is built or installed")
endif()

install(TARGETS newsnorm RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT newsnorm)
install(FILES ${PROJECT_SOURCE_DIR}/cmake/completions/newsnorm.bash
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME newsnorm COMPONENT newsnorm)
install(FILES ${PROJECT_SOURCE_DIR}/cmake/completions/_newsnorm
        DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions COMPONENT newsnorm)
install(FILES ${PROJECT_SOURCE_DIR}/cmake/completions/newsnorm.fish
        DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d COMPONENT newsnorm)

set(CPACK_PACKAGE_NAME newsnorm)
set(CPACK_PACKAGE_VENDOR "newsnorm developers")
set(CPACK_PACKAGE_CONTACT "newsnorm developers <newsnorm@example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "normalize news-article files into JSON Lines")
set(CPACK_PACKAGE_DESCRIPTION
    "newsnorm reads news-article files (YAML, TOML or JSON front matter, or bare text) and writes one\n"
    "clean, typed, deduplicated JSON object per article as JSON Lines; `newsnorm validate` checks\n"
    "them for CI (text, GitHub annotations, JSON, SARIF, JUnit).")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://github.com/newsnorm/newsnorm")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_GENERATOR DEB)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # newsnorm_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# Depends from the shared libraries the binary really links (dpkg-shlibdeps, Debian package
# dpkg-dev), so the list can never drift from the build: libyaml-cpp0.7, libspdlog1.10, libfmt9,
# libsqlite3-0, libpsl5, libutf8proc2, libxxhash0, libgumbo1, libcmark-gfm0.29.0.gfm.6, libc6...
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Where a completion file lives tells the shell; bash-completion itself is only a suggestion.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "bash-completion")
set(CPACK_STRIP_FILES ON)
set(CPACK_SOURCE_IGNORE_FILES "/build" "/\\\\.git/")
include(CPack)
