#!/usr/bin/env bash
# One entry point for building, testing and trying ssocred.
#   ./build.sh publish   Native AOT executable  -> artifacts/aot/ssocred
#   ./build.sh publish-jit  single-file JIT fallback -> artifacts/jit/ssocred
#   ./build.sh test      publish, then every test (unit, fake, end-to-end against the published file)
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

publish() {
  dotnet publish src/Ssocred/Ssocred.csproj -c Release -r linux-x64 -o artifacts/aot -nologo -v quiet
}

publish_jit() {
  dotnet publish src/Ssocred/Ssocred.csproj -c Release -r linux-x64 -o artifacts/jit -nologo -v quiet \
    -p:PublishAot=false -p:PublishSingleFile=true -p:SelfContained=true -p:PublishReadyToRun=true -p:PublishTrimmed=true
}

case "${1:-test}" in
  publish) publish ;;
  publish-jit) publish_jit ;;
  test)
    publish
    shift || true
    dotnet test CredentialProcess.sln -c Release -nologo "$@"
    ;;
  *) echo "usage: ./build.sh [publish|publish-jit|test]" >&2; exit 2 ;;
esac
