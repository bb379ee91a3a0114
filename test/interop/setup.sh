#!/usr/bin/env bash
# Installs the real AWS consumers that test/Ssocred.Interop runs against ssocred, from this
# machine's registries only (Debian's packages and npm; NuGet through the test build itself):
#   AWS CLI v2         Debian awscli 2.9.19, as /usr/bin/aws
#   AWS SDK for Go v2  Debian golang-go + golang-github-aws-aws-sdk-go-v2-dev (GOPATH sources; the tests build test/interop/go)
#   AWS SDK for JS v3  npm ci in test/interop/js (versions pinned in its package-lock.json)
#   AWS SDK for .NET   AWSSDK.SecurityToken, restored with test/interop/dotnet (Directory.Packages.props)
# and checks what it cannot install: moto_server (the local STS), python3 with boto3, and the
# AWS CLI v1 come preinstalled with Python on this machine type; pip cannot reach its index here.
# Idempotent and quiet: prints one summary line, or what failed or is missing and why, and then
# exits non-zero (a consumer missing here would fail its tests in CI anyway: fail early).
set -euo pipefail
cd "$(dirname "$0")"
export DEBIAN_FRONTEND=noninteractive

debian_packages=(awscli golang-go golang-github-aws-aws-sdk-go-v2-dev)
found=()
missing=()

fail() { echo "setup.sh: FAILED: $*" >&2; exit 1; }

# Runs a command with its output kept aside; shows the output only if it fails.
quietly() {
  local log
  log=$(mktemp)
  if ! "$@" >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    fail "$*"
  fi
  rm -f "$log"
}

install_debian_packages() {
  local wanted=()
  for package in "${debian_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q '^install ok installed$' || wanted+=("$package")
  done
  [ ${#wanted[@]} -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] || fail "installing ${wanted[*]} needs root (apt-get)"
  # Run alone, apt's package lists may be missing or stale: fetch them once and try again.
  if ! apt-get install -y -qq --no-install-recommends "${wanted[@]}" >/dev/null 2>&1; then
    quietly apt-get update -qq
    quietly apt-get install -y -qq --no-install-recommends "${wanted[@]}"
  fi
}

install_javascript_sdk() {
  command -v npm >/dev/null || fail "npm is not installed (it comes with this machine's Node.js)"
  # npm records what it installed in node_modules/.package-lock.json: newer than the lock, nothing changed.
  if [ js/node_modules/.package-lock.json -nt js/package-lock.json ] && [ js/node_modules/.package-lock.json -nt js/package.json ]; then
    return 0
  fi
  (cd js && quietly npm ci --no-audit --no-fund --loglevel=error)
}

# Preinstalled, not installable here: say what is missing, then fail.
check_preinstalled() {
  local version
  if version=$(python3 -c 'import moto; print("moto", moto.__version__)' 2>/dev/null) && command -v moto_server >/dev/null; then
    found+=("$version")
  else
    missing+=("moto_server (the local STS, from Python's moto)")
  fi
  if version=$(python3 -c 'import boto3; print("boto3", boto3.__version__)' 2>/dev/null); then
    found+=("$version")
  else
    missing+=("python3 with boto3")
  fi
  for aws in $(type -ap aws); do
    version=$("$aws" --version 2>&1 | cut -d' ' -f1)
    if [[ $version == aws-cli/1.* ]]; then found+=("$version"); return; fi
  done
  missing+=("the AWS CLI v1 ('aws' printing aws-cli/1.* on PATH)")
}

install_debian_packages
/usr/bin/aws --version 2>&1 | grep -q '^aws-cli/2\.' || fail "/usr/bin/aws is not the AWS CLI v2"
[ -d /usr/share/gocode/src/github.com/aws/aws-sdk-go-v2/config ] || fail "the AWS SDK for Go v2 sources are not in /usr/share/gocode"
found+=("$(/usr/bin/aws --version 2>&1 | cut -d' ' -f1)" "$(go version | cut -d' ' -f3)" \
  "aws-sdk-go-v2 $(grep -o '"[0-9.]*"' /usr/share/gocode/src/github.com/aws/aws-sdk-go-v2/aws/go_module_metadata.go | tr -d '"')")

install_javascript_sdk
found+=("@aws-sdk/client-sts $(node -p 'require("./js/node_modules/@aws-sdk/client-sts/package.json").version')")

check_preinstalled
printf "interop consumers: %s\n" "$(printf "%s, " "${found[@]}" | sed "s/, $//")"
for thing in "${missing[@]}"; do
  echo "setup.sh: MISSING: $thing. It comes preinstalled on this machine type and cannot be installed here (pip has no index)." >&2
done
[ ${#missing[@]} -eq 0 ] || fail "${#missing[@]} interop consumer(s) missing; their tests cannot run"
