#!/usr/bin/env bash
# One entry point for building, testing and releasing ssocred; without a command it prints its usage.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

usage() {
  cat <<'USAGE'
usage: ./build.sh COMMAND
  publish       Native AOT executable for this Linux x64 machine  -> artifacts/aot/ssocred
  publish-jit   self-contained single-file fallback (no C toolchain) -> artifacts/jit/ssocred
  test [ARGS]   publish, then every test (unit, fake, end-to-end against the published file);
                ARGS go to 'dotnet test'
  release       every platform's file, install.sh and SHA256SUMS -> artifacts/release/,
                and the .NET tool packages -> artifacts/nupkg/ (SPEC §9)
USAGE
}

publish() {
  dotnet publish src/Ssocred/Ssocred.csproj -c Release -r linux-x64 -o artifacts/aot -nologo -v quiet
}

publish_jit() {
  dotnet publish src/Ssocred/Ssocred.csproj -c Release -r linux-x64 -o artifacts/jit -nologo -v quiet \
    -p:PublishAot=false -p:PublishSingleFile=true -p:SelfContained=true -p:PublishReadyToRun=true -p:PublishTrimmed=true
}

# Runs a step and says how long it took.
timed() {
  local what=$1 started=$SECONDS
  shift
  "$@"
  printf 'release: %-28s %4d s\n' "$what" $((SECONDS - started))
}

# Where macOS and Windows get a single file: Native AOT cannot cross-compile to them from Linux.
# Not ReadyToRun: that build does not start under Wine, which is how CI runs the Windows file.
single_file=(-p:PublishAot=false -p:PublishSingleFile=true -p:SelfContained=true -p:PublishTrimmed=true)

# One platform, built once: 'dotnet pack -r RID' publishes into a clean PublishDir and packs that
# folder as the RID's tool package; the release file is the same published file.
release_rid() {
  local rid=$1 suffix=$2
  shift 2
  local publish_dir="$PWD/artifacts/publish/$rid/"
  rm -rf "$publish_dir"
  dotnet pack src/Ssocred/Ssocred.csproj -c Release -r "$rid" -o artifacts/nupkg -nologo -v quiet \
    -p:PublishDir="$publish_dir" "$@"
  cp "$publish_dir/ssocred$suffix" "artifacts/release/ssocred-$version-$rid$suffix"
}

release() {
  version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props)
  [[ -n "$version" ]] || { echo "release: no <Version> in Directory.Build.props" >&2; exit 1; }
  local started=$SECONDS
  rm -rf artifacts/release artifacts/nupkg artifacts/publish
  mkdir -p artifacts/release artifacts/nupkg
  timed "linux-x64 (Native AOT)" release_rid linux-x64 ""
  timed "linux-arm64 (Native AOT)" release_rid linux-arm64 ""
  timed "osx-arm64 (single file)" release_rid osx-arm64 "" "${single_file[@]}"
  timed "osx-x64 (single file)" release_rid osx-x64 "" "${single_file[@]}"
  timed "win-x64 (single file)" release_rid win-x64 .exe "${single_file[@]}"
  # The pointer package names every RID's package; it must be packed with no RID at all.
  timed "tool pointer package" dotnet pack src/Ssocred/Ssocred.csproj -c Release -o artifacts/nupkg -nologo -v quiet -p:RuntimeIdentifier=
  cp install.sh artifacts/release/install.sh
  # The sums are taken before the temp file exists: in a pipeline its redirection could race the glob.
  (cd artifacts/release && rm -f SHA256SUMS SHA256SUMS.tmp && sums=$(sha256sum -- *) \
    && printf '%s\n' "$sums" > SHA256SUMS.tmp && mv SHA256SUMS.tmp SHA256SUMS)
  printf 'release: %-28s %4d s\n' "all" $((SECONDS - started))
  ls -l artifacts/release artifacts/nupkg
}

case "${1:-}" in
  publish) publish ;;
  publish-jit) publish_jit ;;
  test)
    publish
    shift
    dotnet test CredentialProcess.sln -c Release -nologo "$@"
    ;;
  release) release ;;
  ""|-h|--help|help) usage ;;
  *) echo "build.sh: unknown command '$1'" >&2; usage >&2; exit 2 ;;
esac
