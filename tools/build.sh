#!/usr/bin/env bash
# Builds the pinned Go tools this repo needs into <repo>/bin:
#   tools/build.sh crank crossplane diewithparent crane kube-apiserver kube-controller-manager kubectl
#                  etcd template-wasm template-native crank-1.20 crossplane-1.20
#   tools/build.sh function-auto-ready function-patch-and-transform
#   tools/build.sh cel-readiness
# Each wrapper module under tools/<module> (go.mod + go.sum pin every
# dependency) yields one or more binaries, so a clean clone with an empty
# module cache builds the same binaries; modules are downloaded implicitly by
# `go build`. kube-apiserver, kube-controller-manager and kubectl come from the
# same k8s.io/kubernetes module (tools/kube-apiserver, kubectl as a `tool` of
# it) and are built by one `go build`, so the shared packages are compiled once
# and they always match; asking for one builds all. Likewise the Crossplane CLI
# (crank) and Crossplane core come from one `go build` of tools/crank, with
# diewithparent, which ties core to the test run; tools/crossplane-1.20 builds
# the same two of Crossplane 1.20 as crank-1.20 and crossplane-1.20. The template engine (Go's
# text/template with sprig) is built twice from tools/template-wasm: as a
# WASI reactor for Node, and natively, for the tests that compare the two.
# function-auto-ready and function-patch-and-transform are the Go composition
# functions `make bench` runs beside ours (tools/function-*, one module each,
# so each keeps the dependency versions it was released with). cel-readiness
# evaluates provider-kubernetes readiness queries with the provider's cel-go.
#
# A build is identified by a key: the hash of the module's files, of the
# build flags and of the Go version. bin/<name> is skipped when bin/.<name>.key
# matches; otherwise binaries with that key are copied from the per-user cache
# ($TOOLS_CACHE_DIR, default ~/.cache/appcat-tools), so a fresh clone on a
# machine that built them before does not compile kube-apiserver again (~10 min
# on 2 cores). FORCE=1 rebuilds regardless; BIN_DIR=/path builds elsewhere.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="${BIN_DIR:-$root/bin}"
cache="${TOOLS_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/appcat-tools}"

# Static, reproducible, small binaries; no VCS stamping (wrapper modules live
# in a repo whose state says nothing about the tool).
export CGO_ENABLED=0
export GOFLAGS="-buildvcs=false -mod=readonly"

# The build unit a binary comes from: one `go build` of one wrapper module.
unit_of() {
  case "$1" in
    crank | crane | etcd | kube-apiserver | template-wasm | template-native | crossplane-1.20) echo "$1" ;;
    crossplane | diewithparent) echo crank ;;
    crank-1.20) echo crossplane-1.20 ;;
    kubectl | kube-controller-manager) echo kube-apiserver ;;
    function-auto-ready | function-patch-and-transform | cel-readiness) echo "$1" ;;
    *) return 1 ;;
  esac
}

# The wrapper module (a directory under tools/) of a build unit.
dir_of() {
  case "$1" in
    template-native) echo "$root/tools/template-wasm" ;;
    *) echo "$root/tools/$1" ;;
  esac
}

# The packages one `go build` of a module compiles; each main package becomes
# the binary named after its last path element (`.` after the module path).
pkgs_of() {
  case "$1" in
    crank) echo "github.com/crossplane/crossplane/v2/cmd/crank github.com/crossplane/crossplane/v2/cmd/crossplane ./diewithparent" ;;
    crossplane-1.20) echo "github.com/crossplane/crossplane/cmd/crank github.com/crossplane/crossplane/cmd/crossplane" ;;
    crane) echo "github.com/google/go-containerregistry/cmd/crane" ;;
    etcd | template-wasm | cel-readiness) echo "." ;;
    template-native) echo "./native" ;;
    kube-apiserver) echo ". ./kube-controller-manager k8s.io/kubernetes/cmd/kubectl" ;;
    function-auto-ready) echo "github.com/crossplane/function-auto-ready" ;;
    function-patch-and-transform) echo "github.com/crossplane-contrib/function-patch-and-transform" ;;
  esac
}

# The binaries those packages produce, as named in bin/.
bins_of() {
  case "$1" in
    kube-apiserver) echo "kube-apiserver kube-controller-manager kubectl" ;;
    template-wasm) echo "template.wasm" ;;
    crank) echo "crank crossplane diewithparent" ;;
    crossplane-1.20) echo "crank-1.20 crossplane-1.20" ;;
    *) echo "$1" ;;
  esac
}

# A suffix the binaries of a unit get in bin/, so that two releases of one
# tool (Crossplane 2.x and 1.20) stand side by side.
suffix_of() {
  case "$1" in
    crossplane-1.20) echo "-1.20" ;;
    *) echo "" ;;
  esac
}

# Target platform and build mode: the template engine is a WASI reactor
# (exported functions Node calls repeatedly), not a command.
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

# The version of MODULE that the wrapper module of UNIT requires.
pinned() {
  awk -v m="$2" '$1 == "require" { $1 = ""; $0 = $0 } $1 == m { print $2; exit }' "$root/tools/$1/go.mod"
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
  case "$1" in
    # Crossplane checks packages' version constraints against its own version:
    # unstamped it is no semantic version and every such package fails.
    crank) flags="$flags -X github.com/crossplane/crossplane/v2/internal/version.version=$(pinned "$1" github.com/crossplane/crossplane/v2)" ;;
    crossplane-1.20) flags="$flags -X github.com/crossplane/crossplane/internal/version.version=$(pinned "$1" github.com/crossplane/crossplane)" ;;
  esac
  echo "$flags"
}

# key_of DIR RECIPE GOENV: what determines the binaries.
key_of() {
  {
    # shellcheck disable=SC2086 # GOENV is a list of VAR=value words
    env $3 go env GOVERSION GOOS GOARCH CGO_ENABLED GOFLAGS
    echo "$2"
    (cd "$1" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum)
  } | sha256sum | cut -c1-16
}

if [ "$#" -eq 0 ]; then
  echo "usage: $0 <tool>... (see the top of this file)" >&2
  exit 2
fi

modules=()
for name in "$@"; do
  if ! module="$(unit_of "$name")"; then
    echo "build.sh: unknown tool '$name' (known: crank crossplane diewithparent crane kube-apiserver kube-controller-manager kubectl etcd template-wasm template-native crank-1.20 crossplane-1.20 function-auto-ready function-patch-and-transform cel-readiness)" >&2
    exit 2
  fi
  [[ " ${modules[*]} " == *" $module "* ]] || modules+=("$module")
done

mkdir -p "$bin"
for module in "${modules[@]}"; do
  dir="$(dir_of "$module")"
  pkgs="$(pkgs_of "$module")"
  read -r -a bins <<<"$(bins_of "$module")"
  ldflags="$(ldflags_of "$module")"
  goenv="$(goenv_of "$module")"
  buildmode="$(buildmode_of "$module")"
  # Units without a build mode keep the recipe (and so the cache key) they always had.
  key="$(key_of "$dir" "-trimpath${buildmode:+ $buildmode} -ldflags=$ldflags $pkgs" "$goenv")"
  start=$SECONDS

  up_to_date=1 cached=1
  for b in "${bins[@]}"; do
    { [ -f "$bin/$b" ] && [ "$(cat "$bin/.$b.key" 2>/dev/null)" = "$key" ]; } || up_to_date=
    [ -f "$cache/$b-$key" ] || cached=
  done
  if [ -z "${FORCE:-}" ] && [ -n "$up_to_date" ]; then
    echo "build.sh: ${bins[*]} up to date ($bin), skipped"
    continue
  fi
  # Write next to the targets and rename, so an interrupted run never leaves a
  # half-written binary behind a matching key.
  tmp="$bin/.$module.$$.tmp"
  trap 'rm -rf "$tmp"' EXIT
  mkdir -p "$tmp"
  if [ -z "${FORCE:-}" ] && [ -n "$cached" ]; then
    for b in "${bins[@]}"; do cp "$cache/$b-$key" "$tmp/$b"; done
    what="restored ${bins[*]} from $cache"
  else
    echo "build.sh: building ${bins[*]} ..."
    # One binary is written under its bin/ name; several keep their package names.
    target="$tmp/"
    [ "${#bins[@]}" -eq 1 ] && target="$tmp/${bins[0]}"
    # shellcheck disable=SC2086 # goenv, buildmode and pkgs are lists of words
    (cd "$dir" && env $goenv go build -trimpath $buildmode -ldflags="$ldflags" -o "$target" $pkgs)
    suffix="$(suffix_of "$module")"
    if [ -n "$suffix" ]; then
      for b in "${bins[@]}"; do mv "$tmp/${b%"$suffix"}" "$tmp/$b"; done
    fi
    # Cache the binaries (best effort: the cache is an optimisation). Older
    # keys are evicted except the newest two, which other clones may still use.
    if mkdir -p "$cache" 2>/dev/null; then
      for b in "${bins[@]}"; do
        cp "$tmp/$b" "$cache/$b-$key.$$" 2>/dev/null && mv -f "$cache/$b-$key.$$" "$cache/$b-$key" || true
        find "$cache" -maxdepth 1 -name "$b-*" ! -name "$b-$key" -printf '%T@ %p\n' |
          LC_ALL=C sort -rn | tail -n +3 | cut -d' ' -f2- | xargs -r rm -f
      done
    fi
    what="built ${bins[*]}"
  fi
  for b in "${bins[@]}"; do
    mv -f "$tmp/$b" "$bin/$b"
    echo "$key" >"$bin/.$b.key"
  done
  rm -rf "$tmp"
  trap - EXIT
  echo "build.sh: $what in $((SECONDS - start))s ($(cd "$bin" && du -ch "${bins[@]}" | tail -1 | cut -f1))"
done
