#!/usr/bin/env bash
# One entry point for building, testing and trying ssocred; without a command it prints its usage.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

usage() {
  cat <<'USAGE'
usage: ./build.sh COMMAND [dotnet test options]
  publish       Native AOT executable -> artifacts/aot/ssocred
  publish-jit   single-file JIT fallback -> artifacts/jit/ssocred
  test          publish, then every test (unit, fake, end-to-end against the published file)
USAGE
}

publish() {
  dotnet publish src/Ssocred/Ssocred.csproj -c Release -r linux-x64 -o artifacts/aot -nologo -v quiet
}

publish_jit() {
  dotnet publish src/Ssocred/Ssocred.csproj -c Release -r linux-x64 -o artifacts/jit -nologo -v quiet \
    -p:PublishAot=false -p:PublishSingleFile=true -p:SelfContained=true -p:PublishReadyToRun=true -p:PublishTrimmed=true
}

case "${1:-}" in
  ""|-h|--help|help) usage ;;
  publish) publish ;;
  publish-jit) publish_jit ;;
  test)
    publish
    shift || true
    dotnet test CredentialProcess.sln -c Release -nologo "$@"
    ;;
  *) usage >&2; exit 2 ;;
esac
