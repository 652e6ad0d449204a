#!/usr/bin/env bash
# Installs, from Debian's packages, whatever newsnorm needs that this machine lacks. Idempotent:
# when everything is present it only checks and returns. Nothing else is downloaded.
set -euo pipefail

packages=(
  g++ cmake ninja-build pkg-config git clang-format
  libyaml-cpp-dev nlohmann-json3-dev libcli11-dev libspdlog-dev libfmt-dev catch2
  libpsl-dev libutf8proc-dev libboost-url1.81-dev libxxhash-dev libtomlplusplus-dev
  libsqlite3-dev libgumbo-dev libcmark-gfm-dev
  # libcmark-gfm.pc links -lcmark-gfm-extensions, which libcmark-gfm-dev does not pull in.
  libcmark-gfm-extensions-dev liblz4-dev
  # The readers of published news: compressed input, WARC, feeds (libxml2), language (CLD2).
  zlib1g-dev libzstd-dev libbz2-dev liblzma-dev libxml2-dev libcld2-dev
  jq python3 python3-jsonschema time
  # Installing and packaging (man page, .deb) and their tests: validate --format junit, cpack, man.
  help2man dpkg-dev libxml2-utils man-db bash-completion
  # Running over many cores or machines (cmake/scale-out/) and its tests: GNU parallel, Dask.
  parallel python3-distributed
)
# Extra tools for the benchmark and the fuzzer, installed only when asked: NEWSNORM_EXTRAS=1.
if [[ ${NEWSNORM_EXTRAS:-0} == 1 ]]; then
  packages+=(nodejs npm python3-yaml clang libclang-rt-14-dev hyperfine)
  # Peers for the readers' benchmark (warcio comes from npm into a temporary folder).
  packages+=(python3-feedparser python3-langdetect)
fi

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [[ $status == "install ok installed" ]] || missing+=("$package")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "install-deps: installing ${missing[*]}" >&2
sudo=()
[[ $(id -u) -eq 0 ]] || sudo=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq >&2
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
