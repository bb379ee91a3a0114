#!/usr/bin/env bash
# Runs every file of ./build.sh release for real (SPEC §9), after that command:
#   - linux-x64 natively, linux-arm64 under qemu and win-x64 under Wine: the end-to-end tests of
#     category EveryBuild against the fake (warm path, cached token, browser and device-code
#     sign-ins through the platform's opener, the cache-folder permission check, clean errors);
#     the emulated suites run side by side;
#   - the macOS files: Mach-O CPU type and a valid ad-hoc code signature (check-macho.py);
#   - SHA256SUMS, install.sh from the folder (and with a tampered SHA256SUMS), and
#     `dotnet tool install` from artifacts/nupkg.
# Prints each part's duration and, for the shell checks, a dotnet-test-style summary line that
# .ci/run adds up. Exit status: non-zero when anything failed.
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
release=$root/artifacts/release
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props)
work=$(mktemp -d "${TMPDIR:-/tmp}/ssocred-release-test.XXXXXX")
wine=/usr/lib/wine/wine64
export WINEPREFIX="$work/wine" WINEDEBUG=-all
cleanup() {
  # The prefix's wineserver would linger a few seconds after the last Wine process; end it now.
  if [[ -d "$WINEPREFIX" ]]; then /usr/lib/wine/wineserver -k 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

passed=0 failed=0 status=0
check() { # check NAME COMMAND...: one shell check, counted
  local name=$1
  shift
  if "$@" > "$work/check.out" 2>&1; then
    passed=$((passed + 1)); echo "  passed  $name"
  else
    failed=$((failed + 1)); status=1; echo "  FAILED  $name"; sed 's/^/          /' "$work/check.out"
  fi
}
part() { printf '\n== release test: %s\n' "$*"; }
took() { printf 'release test: %-36s %4d s\n' "$1" $((SECONDS - $2)); }

part "files and checksums"
started=$SECONDS
check "every SPEC §9 file is there" test -f "$release/ssocred-$version-linux-x64" -a -f "$release/ssocred-$version-linux-arm64" \
  -a -f "$release/ssocred-$version-osx-arm64" -a -f "$release/ssocred-$version-osx-x64" \
  -a -f "$release/ssocred-$version-win-x64.exe" -a -f "$release/install.sh" -a -f "$release/SHA256SUMS"
check "SHA256SUMS lists every other file and each matches" bash -c \
  "cd '$release' && sha256sum --strict -c SHA256SUMS && [ \$(wc -l < SHA256SUMS) -eq \$(ls | grep -vc '^SHA256SUMS\$') ]"
check "linux-x64 is an x86-64 ELF" bash -c "file -b '$release/ssocred-$version-linux-x64' | grep -q 'ELF 64-bit.*x86-64'"
check "linux-arm64 is an aarch64 ELF" bash -c "file -b '$release/ssocred-$version-linux-arm64' | grep -q 'ELF 64-bit.*aarch64'"
check "win-x64 is a PE32+ console program" bash -c "file -b '$release/ssocred-$version-win-x64.exe' | grep -q 'PE32+ executable (console) x86-64'"
check "osx-arm64: arm64 Mach-O, valid ad-hoc signature" python3 test/release/check-macho.py "$release/ssocred-$version-osx-arm64" arm64
check "osx-x64: x86_64 Mach-O, valid ad-hoc signature" python3 test/release/check-macho.py "$release/ssocred-$version-osx-x64" x86_64
tampered="$work/osx-tampered"
cp "$release/ssocred-$version-osx-arm64" "$tampered"
printf 'X' | dd of="$tampered" bs=1 seek=65536 conv=notrunc 2>/dev/null
check "the signature check notices one changed byte" bash -c "! python3 test/release/check-macho.py '$tampered' arm64"
check "no native symbols (.dbg) in the packages" bash -c "! for p in artifacts/nupkg/*.nupkg; do unzip -l \"\$p\"; done | grep -q '\.dbg'"
took "files and checksums" "$started"

part "install.sh"
started=$SECONDS
install_dir="$work/install/bin"
check "installs this machine's file as ssocred, mode 0755, and says so" bash -c "
  out=\$(sh '$release/install.sh' --from '$release' --dir '$install_dir' 2>&1) || exit 1
  echo \"\$out\"
  [ \"\$(stat -c %a '$install_dir/ssocred')\" = 755 ] &&
  cmp -s '$install_dir/ssocred' '$release/ssocred-$version-linux-x64' &&
  '$install_dir/ssocred' --version | grep -q '$version' &&
  echo \"\$out\" | grep -q 'installed ssocred $version (linux-x64) as $install_dir/ssocred'"
check "the default folder is ~/.local/bin, created" bash -c "
  HOME='$work/home' sh '$release/install.sh' && [ -x '$work/home/.local/bin/ssocred' ]"
bad="$work/tampered-release"
cp -r "$release" "$bad"
sed -i "s/^[0-9a-f]\{64\}\(  ssocred-$version-linux-x64\)\$/$(printf '0%.0s' $(seq 64))\1/" "$bad/SHA256SUMS"
echo 'an older ssocred' > "$install_dir/ssocred"
check "a tampered SHA256SUMS installs nothing, keeps the old file and exits 1" bash -c "
  sh '$bad/install.sh' --dir '$install_dir' > '$work/tampered.out' 2>&1; rc=\$?; cat '$work/tampered.out'
  [ \$rc -eq 1 ] && grep -q 'does not match SHA256SUMS' '$work/tampered.out' &&
  [ \"\$(cat '$install_dir/ssocred')\" = 'an older ssocred' ] && [ \$(ls -A '$install_dir' | wc -l) -eq 1 ]"
check "install.sh is POSIX sh (dash runs it)" dash -n "$release/install.sh"
took "install.sh" "$started"

part "dotnet tool install from artifacts/nupkg"
started=$SECONDS
# Only the local feed (a person's nuget.org might hold another 'ssocred'), and a private package
# cache: the global one would serve an older build of the same version.
cat > "$work/nuget.config" <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration><packageSources><clear /><add key="release" value="$root/artifacts/nupkg" /></packageSources></configuration>
CONFIG
tool="$work/tool"
check "dotnet tool install ssocred installs the native linux-x64 file" bash -c "
  NUGET_PACKAGES='$work/nuget-packages' dotnet tool install ssocred --version '$version' --tool-path '$tool' --configfile '$work/nuget.config' &&
  '$tool/ssocred' --version | grep -q '$version' &&
  cmp -s \"\$(readlink -f '$tool/ssocred')\" '$release/ssocred-$version-linux-x64'"
# The warm path of the installed tool: cached role credentials in botocore's file and key.
home="$work/tool-home"
mkdir -p "$home/.aws/cli/cache"
printf '[profile demo-sso]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = AdministratorAccess\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = ap-northeast-2\n' > "$home/.aws/config"
expires=$(date -u -d '+50 minutes' +%Y-%m-%dT%H:%M:%SZ)
printf '{"ProviderType":"sso","Credentials":{"AccessKeyId":"ASIATOOLTOOLTOOL0001","SecretAccessKey":"s","SessionToken":"t","Expiration":"%s"}}' "$expires" \
  > "$home/.aws/cli/cache/5811043bbe9834d43b2a849958afa0f2b5f12b4e.json"
chmod 700 "$home/.aws/cli/cache"
check "the installed tool answers from the cache (warm path)" bash -c "
  out=\$(env -i PATH=/usr/bin:/bin HOME='$home' AWS_ENDPOINT_URL=http://127.0.0.1:9 '$tool/ssocred' --profile demo-sso) &&
  echo \"\$out\" | grep -q '\"AccessKeyId\":\"ASIATOOLTOOLTOOL0001\"'"
took "dotnet tool install" "$started"

echo
echo "Failed: ${failed}, Passed: ${passed}, Skipped: 0 - release shell checks"

part "end-to-end subset (category EveryBuild) on each build"
started=$SECONDS
dotnet build test/Ssocred.EndToEnd -c Release -nologo -v quiet > "$work/build.out" 2>&1 || { cat "$work/build.out"; exit 1; }
# Wine makes its prefix on first use; doing it now keeps its messages out of the first test.
"$wine" "$release/ssocred-$version-win-x64.exe" --version > "$work/wine-init.out" 2>&1 || { cat "$work/wine-init.out"; }
suite() { # suite NAME FILE [LAUNCHER]
  local name=$1 file=$2 launcher=${3:-} begun=$SECONDS
  SSOCRED_EXE="$file" SSOCRED_LAUNCHER="$launcher" dotnet test test/Ssocred.EndToEnd -c Release --no-build -nologo \
    --filter "TestCategory=EveryBuild" --results-directory "$work/results-$name" > "$work/suite-$name.out" 2>&1
  local rc=$?
  printf 'release test: %-36s %4d s\n' "EveryBuild on $name" $((SECONDS - begun)) >> "$work/suite-$name.out"
  return $rc
}
suite linux-arm64 "$release/ssocred-$version-linux-arm64" qemu-aarch64-static & arm_pid=$!
suite win-x64 "$release/ssocred-$version-win-x64.exe" "$wine" & win_pid=$!
suite linux-x64 "$release/ssocred-$version-linux-x64"; x64_rc=$?
wait "$arm_pid"; arm_rc=$?
wait "$win_pid"; win_rc=$?
for name in linux-x64 linux-arm64 win-x64; do
  echo "-- $name"
  grep -E '^\s*(Failed|Passed)!|^\s+Failed |Error Message|^release test:' -A3 "$work/suite-$name.out" | grep -v '^--$' | head -60
done
for rc in $x64_rc $arm_rc $win_rc; do [ "$rc" -eq 0 ] || status=1; done
took "end-to-end subsets (in parallel)" "$started"
exit $status
