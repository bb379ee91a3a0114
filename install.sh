#!/bin/sh
# Installs ssocred for this machine's OS and CPU from a release (SPEC §9):
#   install.sh [--from DIR_OR_URL] [--dir DIR]
# --from  the release folder or URL holding ssocred-VERSION-OS-CPU files and SHA256SUMS
#         (default: the folder this script is in)
# --dir   where to put ssocred (default: ~/.local/bin, created if missing)
# The file is checked against SHA256SUMS before anything is installed: on a mismatch nothing
# changes (an ssocred already there stays as it was) and the exit status is 1.
set -eu

say() { printf 'install.sh: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

from=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
dir="${HOME:-}/.local/bin"
while [ $# -gt 0 ]; do
  case "$1" in
    --from) [ $# -ge 2 ] || die "--from needs a folder or URL"; from=$2; shift 2 ;;
    --from=*) from=${1#--from=}; shift ;;
    --dir) [ $# -ge 2 ] || die "--dir needs a folder"; dir=$2; shift 2 ;;
    --dir=*) dir=${1#--dir=}; shift ;;
    -h|--help) sed -n '2,8s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) die "unknown option '$1' (usage: install.sh [--from DIR_OR_URL] [--dir DIR])" ;;
  esac
done
[ -n "$dir" ] || die "no --dir given and HOME is not set"

# This machine, in the release files' names.
exe=""
case "$(uname -s)" in
  Linux) os=linux ;;
  Darwin) os=osx ;;
  MINGW*|MSYS*|CYGWIN*) os=win; exe=.exe ;;
  *) die "no ssocred build for $(uname -s); build it from source (see the README)" ;;
esac
case "$(uname -m)" in
  x86_64|amd64) cpu=x64 ;;
  aarch64|arm64) cpu=arm64 ;;
  *) die "no ssocred build for the CPU $(uname -m); build it from source (see the README)" ;;
esac
# A shell under Rosetta reports x86_64 on an Apple silicon Mac: take the native build.
if [ "$os" = osx ] && [ "$cpu" = x64 ] && [ "$(sysctl -n sysctl.proc_translated 2>/dev/null || echo 0)" = 1 ]; then
  cpu=arm64
fi
if [ "$os" = linux ] && ldd --version 2>&1 | grep -qi musl; then
  die "the Linux builds need glibc; this system uses musl (Alpine?): build from source, or use a glibc image"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/ssocred-install.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

# Copies one release file into the work folder, from a folder or over HTTP(S).
fetch() {
  case "$from" in
    http://*|https://*)
      url="${from%/}/$1"
      if command -v curl >/dev/null 2>&1; then
        curl -fsSL --retry 2 -o "$work/$1" "$url" || die "cannot download $url"
      elif command -v wget >/dev/null 2>&1; then
        wget -q -O "$work/$1" "$url" || die "cannot download $url"
      else
        die "neither curl nor wget is installed to download $url"
      fi ;;
    *)
      [ -f "$from/$1" ] || die "$from/$1 does not exist"
      cp "$from/$1" "$work/$1" ;;
  esac
}

sha256() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum "$1" | cut -d' ' -f1
  elif command -v shasum >/dev/null 2>&1; then shasum -a 256 "$1" | cut -d' ' -f1
  else die "neither sha256sum nor shasum is installed to check the download"
  fi
}

fetch SHA256SUMS
# The line of this platform's file: "<sha256>  ssocred-VERSION-OS-CPU[.exe]".
line=$(grep -E "^[0-9a-f]{64}  ssocred-[^ ]+-$os-$cpu$exe\$" "$work/SHA256SUMS" | head -n 1 || true)
[ -n "$line" ] || die "SHA256SUMS in $from lists no ssocred for $os-$cpu"
expected=${line%% *}
file=${line##* }
version=${file#ssocred-}
version=${version%-"$os"-"$cpu$exe"}

fetch "$file"
actual=$(sha256 "$work/$file")
if [ "$actual" != "$expected" ]; then
  die "$file does not match SHA256SUMS (expected $expected, got $actual): nothing was installed"
fi

mkdir -p "$dir" || die "cannot create $dir"
target="$dir/ssocred$exe"
# Next to the target, then renamed over it: a running ssocred or a failed copy never sees half a file.
cp "$work/$file" "$dir/.ssocred$exe.installing.$$" || die "cannot write to $dir"
chmod 0755 "$dir/.ssocred$exe.installing.$$"
mv -f "$dir/.ssocred$exe.installing.$$" "$target" || { rm -f "$dir/.ssocred$exe.installing.$$"; die "cannot replace $target"; }

say "installed ssocred $version ($os-$cpu) as $target, checked against SHA256SUMS"
case ":${PATH:-}:" in
  *":$dir:"*) ;;
  *) say "$dir is not on your PATH: add it (e.g. export PATH=\"$dir:\$PATH\" in your shell's profile)" ;;
esac
