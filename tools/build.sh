#!/usr/bin/env bash
# Builds the pinned Go tools this repo needs into <repo>/bin:
#   tools/build.sh crank kube-apiserver etcd template-wasm template-native
# Each tool has its own wrapper module under tools/<name> (go.mod + go.sum pin
# every dependency), so a clean clone with an empty module cache builds the
# same binaries; modules are downloaded implicitly by `go build`.
#
# A build is identified by a key: the hash of the tool's module files, of the
# build flags and of the Go version. bin/<name> is skipped when bin/.<name>.key
# matches; otherwise a binary with that key is copied from the per-user cache
# ($TOOLS_CACHE_DIR, default ~/.cache/appcat-tools), so a fresh clone on a
# machine that built it before does not compile kube-apiserver again (~10 min
# on 2 cores). FORCE=1 rebuilds regardless; BIN_DIR=/path builds elsewhere.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="${BIN_DIR:-$root/bin}"
cache="${TOOLS_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/appcat-tools}"

# Static, reproducible, small binaries; no VCS stamping (wrapper modules live
# in a repo whose state says nothing about the tool).
export CGO_ENABLED=0
export GOFLAGS="-buildvcs=false -mod=readonly"

# Package to build inside each wrapper module.
pkg_of() {
  case "$1" in
    crank) echo "github.com/crossplane/crossplane/v2/cmd/crank" ;;
    kube-apiserver | etcd | template-wasm) echo "." ;;
    template-native) echo "./native" ;;
    *) return 1 ;;
  esac
}

# Wrapper module of each tool: the template engine and its native twin share one.
dir_of() {
  case "$1" in
    template-native) echo "$root/tools/template-wasm" ;;
    *) echo "$root/tools/$1" ;;
  esac
}

# Target platform and build mode: the template engine is a WASI reactor
# (exported functions called repeatedly by Node), not a command.
goenv_of() {
  case "$1" in
    template-wasm) echo "GOOS=wasip1 GOARCH=wasm" ;;
    *) echo "" ;;
  esac
}
buildmode_of() {
  case "$1" in
    template-wasm) echo "-buildmode=c-shared" ;;
    *) echo "" ;;
  esac
}
out_of() {
  case "$1" in
    template-wasm) echo "template.wasm" ;;
    *) echo "$1" ;;
  esac
}

# Linker flags per tool.
ldflags_of() {
  local flags="-s -w" v minor
  if [ "$1" = kube-apiserver ]; then
    # Upstream stamps the version at link time; without it /version says v0.0.0-master.
    v="$(awk '$1 == "require" { $1 = ""; $0 = $0 } $1 == "k8s.io/kubernetes" { print $2; exit }' "$root/tools/$1/go.mod")"
    minor="${v#v1.}"
    minor="${minor%%.*}"
    flags="$flags -X k8s.io/component-base/version.gitVersion=$v -X k8s.io/component-base/version.gitMajor=1"
    flags="$flags -X k8s.io/component-base/version.gitMinor=$minor -X k8s.io/component-base/version.gitTreeState=clean"
  fi
  echo "$flags"
}

# key_of DIR RECIPE GOENV: what determines the binary.
key_of() {
  {
    # shellcheck disable=SC2086 # GOENV is a list of VAR=value words
    env $3 go env GOVERSION GOOS GOARCH CGO_ENABLED GOFLAGS
    echo "$2"
    (cd "$1" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum)
  } | sha256sum | cut -c1-16
}

if [ "$#" -eq 0 ]; then
  echo "usage: $0 <crank|kube-apiserver|etcd|template-wasm|template-native>..." >&2
  exit 2
fi

mkdir -p "$bin"
for name in "$@"; do
  if ! pkg="$(pkg_of "$name")"; then
    echo "build.sh: unknown tool '$name' (known: crank kube-apiserver etcd template-wasm template-native)" >&2
    exit 2
  fi
  dir="$(dir_of "$name")"
  out="$bin/$(out_of "$name")"
  stamp="$bin/.$name.key"
  ldflags="$(ldflags_of "$name")"
  goenv="$(goenv_of "$name")"
  buildmode="$(buildmode_of "$name")"
  # Tools without a build mode keep the recipe (and so the cache key) they always had.
  key="$(key_of "$dir" "-trimpath${buildmode:+ $buildmode} -ldflags=$ldflags $pkg" "$goenv")"
  cached="$cache/$name-$key"
  start=$SECONDS

  if [ -z "${FORCE:-}" ] && [ -f "$out" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$key" ]; then
    echo "build.sh: $name is up to date ($out), skipped"
    continue
  fi
  # Write next to the target and rename, so an interrupted run never leaves a
  # half-written binary behind a matching key.
  tmp="$bin/.$name.$$.tmp"
  trap 'rm -f "$tmp"' EXIT
  if [ -z "${FORCE:-}" ] && [ -f "$cached" ]; then
    cp "$cached" "$tmp"
    what="restored $name from $cached"
  else
    echo "build.sh: building $name ..."
    # shellcheck disable=SC2086 # GOENV and BUILDMODE are lists of words
    (cd "$dir" && env $goenv go build -trimpath $buildmode -ldflags="$ldflags" -o "$tmp" "$pkg")
    # Keep one cached binary per tool (best effort: the cache is an optimisation).
    if mkdir -p "$cache" 2>/dev/null && cp "$tmp" "$cached.$$" 2>/dev/null; then
      find "$cache" -maxdepth 1 -name "$name-*" ! -name "$name-$key.$$" -delete
      mv -f "$cached.$$" "$cached"
    fi
    what="built $name"
  fi
  mv -f "$tmp" "$out"
  echo "$key" >"$stamp"
  trap - EXIT
  echo "build.sh: $what in $((SECONDS - start))s ($(du -h "$out" | cut -f1))"
done
