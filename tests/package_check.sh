#!/usr/bin/env bash
# `cpack -G DEB` makes a package that installs a working tool: extracted with dpkg -x, the binary
# runs and tells its version, the man page renders with man, the completions are in place, and the
# package depends on the Debian packages of the shared libraries it links.
set -euo pipefail
build=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/out" > "$work/cpack.log" 2>&1 ||
  { cat "$work/cpack.log" >&2; exit 1; }
debs=("$work"/out/newsnorm_*.deb)
[[ ${#debs[@]} == 1 && -f ${debs[0]} ]] || { echo "no single newsnorm_*.deb in: $(ls "$work/out")" >&2; exit 1; }
deb=${debs[0]}
echo "package: $(basename "$deb")"

fail() { echo "package_check: $*" >&2; exit 1; }
[[ $(dpkg-deb -f "$deb" Package) == newsnorm ]] || fail "package name"
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for library in libyaml-cpp0.7 libsqlite3-0 libpsl5 libutf8proc2 libxxhash0 libgumbo1 libcmark-gfm0.29.0.gfm.6 \
               libfmt9 libspdlog1.10 libtomlplusplus3 libboost-url1.81.0 libc6 libstdc++6; do
  [[ $depends == *"$library"* ]] || fail "Depends lacks $library: $depends"
done

root=$work/root
dpkg -x "$deb" "$root"
version=$("$root/usr/bin/newsnorm" --version)
grep -qx 'newsnorm [0-9][0-9.]*' <<< "$(head -1 <<< "$version")" || fail "--version: $version"
for library in yaml-cpp nlohmann_json toml++ Boost libpsl utf8proc gumbo cmark-gfm xxhash SQLite CLI11 spdlog fmt; do
  grep -q "^  $library  *[0-9]" <<< "$version" || fail "--version does not name $library: $version"
done

page=$root/usr/share/man/man1/newsnorm.1.gz
[[ -f $page ]] || fail "no man page at usr/share/man/man1/newsnorm.1.gz"
man_text=$(MANWIDTH=100 man -P cat -l "$page" 2> "$work/man.err")
[[ ! -s $work/man.err ]] || fail "man said: $(cat "$work/man.err")"
for part in NAME SYNOPSIS COMMANDS FILES "EXIT STATUS" EXAMPLES validate ingest schema config newsnorm.toml "NEWSNORM FIX" "NEWSNORM STORIES" --check --version; do
  grep -q -- "$part" <<< "$man_text" || fail "the man page lacks '$part'"
done
grep -q -- "--sqlite" <<< "$man_text" || fail "the man page lacks ingest --sqlite"

for completion in usr/share/bash-completion/completions/newsnorm usr/share/zsh/vendor-completions/_newsnorm \
                  usr/share/fish/vendor_completions.d/newsnorm.fish; do
  [[ -s $root/$completion ]] || fail "no completion at $completion"
  for command in ingest validate fix schema stories config; do
    grep -q -- "$command" "$root/$completion" || fail "$completion does not know the $command command"
  done
done
bash -n "$root/usr/share/bash-completion/completions/newsnorm"
if command -v zsh > /dev/null; then zsh -n "$root/usr/share/zsh/vendor-completions/_newsnorm"; fi
if command -v fish > /dev/null; then fish -n "$root/usr/share/fish/vendor_completions.d/newsnorm.fish"; fi
# The bash completion completes, where bash-completion is installed.
if [[ -f /usr/share/bash-completion/bash_completion ]]; then
  words=$(bash -c '
    source /usr/share/bash-completion/bash_completion
    source "$1"
    COMP_WORDS=(newsnorm validate --format ""); COMP_CWORD=3; COMP_LINE="newsnorm validate --format "
    COMP_POINT=${#COMP_LINE}
    _newsnorm; echo "${COMPREPLY[*]}"' _ "$root/usr/share/bash-completion/completions/newsnorm")
  [[ $words == "text github json sarif junit" ]] || fail "bash completion of --format gave '$words'"
  words=$(bash -c '
    source /usr/share/bash-completion/bash_completion
    source "$1"
    COMP_WORDS=(newsnorm ingest --sq); COMP_CWORD=2; COMP_LINE="newsnorm ingest --sq"
    COMP_POINT=${#COMP_LINE}
    _newsnorm; echo "${COMPREPLY[*]}"' _ "$root/usr/share/bash-completion/completions/newsnorm")
  [[ $words == "--sqlite" ]] || fail "bash completion of ingest --sq gave '$words'"
fi
echo ok
