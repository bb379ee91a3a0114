#!/usr/bin/env bash
# ssocred in one command, on a fresh clone: builds ssocred and a local fake IAM Identity Center,
# signs in through a full PKCE browser flow (a stand-in browser plays the person), prints the
# credentials, then runs again to show the cached path. Nothing outside a temp folder is touched:
# your own ~/.aws, AWS_* variables and browser are left alone. Needs the .NET SDK, bash and curl.
set -euo pipefail
cd "$(dirname "$0")"
root=$PWD
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

work=$(mktemp -d "${TMPDIR:-/tmp}/ssocred-demo.XXXXXX")
fake_pid=""
cleanup() {
  if [[ -n "$fake_pid" ]]; then
    kill "$fake_pid" 2>/dev/null || true
    wait "$fake_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step() { printf '\n== %s\n' "$*"; }
# Milliseconds since the epoch: bash 5's clock without a fork where it exists, else date's.
millis() { if [[ -n "${EPOCHREALTIME:-}" ]]; then local t=${EPOCHREALTIME/[.,]/}; echo $(( t / 1000 )); else date +%s%3N; fi; }
# The demo's own display: the secret parts of the credentials are masked.
mask() { sed -E 's/"(SecretAccessKey|SessionToken)":"([^"]{6})[^"]*"/"\1":"\2…(masked)"/g'; }

step "Building ssocred (Native AOT) and the fake IAM Identity Center"
./build.sh publish
dotnet build test/FakeIdentityCenter/FakeIdentityCenter.csproj -c Release -nologo -v quiet
ssocred="$root/artifacts/aot/ssocred"

step "Starting the fake IAM Identity Center (it approves every sign-in)"
dotnet "$root/test/FakeIdentityCenter/bin/Release/net10.0/FakeIdentityCenter.dll" --port 0 --auto-approve \
  > "$work/fake.out" 2> "$work/fake.err" &
fake_pid=$!
endpoint=""
for _ in $(seq 1 300); do
  endpoint=$(sed -n 's/^listening on //p' "$work/fake.out")
  [[ -n "$endpoint" ]] && break
  if ! kill -0 "$fake_pid" 2>/dev/null; then
    cat "$work/fake.err" >&2
    echo "demo: the fake IAM Identity Center did not start" >&2
    exit 1
  fi
  sleep 0.1
done
[[ -n "$endpoint" ]] || { echo "demo: the fake IAM Identity Center did not start within 30 s" >&2; exit 1; }
echo "listening on $endpoint"

step "A throwaway HOME with this ~/.aws/config"
home="$work/home"
mkdir -p "$home/.aws"
cat > "$home/.aws/config" <<CONFIG
[profile demo-sso]
sso_session = demo-corp
sso_account_id = 111122223333
sso_role_name = AdministratorAccess

# What an SDK, the AWS CLI or Terraform would use:
[profile demo]
credential_process = $ssocred --profile demo-sso

[sso-session demo-corp]
sso_start_url = https://demo-corp.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access
CONFIG
sed 's/^/  /' "$home/.aws/config"

# Only what the demo sets: none of your own AWS_* settings leak in.
run_ssocred() {
  env -i PATH="$PATH" HOME="$home" LANG="${LANG:-C.UTF-8}" \
    AWS_ENDPOINT_URL_SSO="$endpoint" AWS_ENDPOINT_URL_SSO_OIDC="$endpoint" \
    BROWSER="$root/test/browsers/follow" \
    "$ssocred" "$@"
}

# Runs ssocred as the demo shows it: the command, its output (masked), how long it took.
timed_run() {
  local what=$1 start elapsed
  shift
  echo "\$ ssocred $*"
  start=$(millis)
  output=$(run_ssocred "$@")
  elapsed=$(( $(millis) - start ))
  echo "$output" | mask
  echo "($what in $elapsed ms)"
}

step "First run: nothing cached, so ssocred signs in through the browser (PKCE)"
timed_run "sign-in and credentials" --profile demo-sso
first=$output

step "Second run: the cached credentials, no network, no browser"
timed_run "warm path" --profile demo-sso
[[ "$output" == "$first" ]] || { echo "demo: the second run should have printed the cached credentials" >&2; exit 1; }

step "ssocred login: the session is still valid, so there is nothing to do"
echo "\$ ssocred login --profile demo-sso"
run_ssocred login --profile demo-sso

if python3 -c 'import boto3' 2>/dev/null; then
  step "An AWS SDK using it: boto3 with profile demo, whose credential_process runs ssocred"
  echo "\$ python3 -c 'import boto3; print(boto3.Session(profile_name=\"demo\").get_credentials().access_key)'"
  env -i PATH="$PATH" HOME="$home" LANG="${LANG:-C.UTF-8}" \
    python3 -c 'import boto3; print(boto3.Session(profile_name="demo").get_credentials().access_key)'
fi

step "What the fake IAM Identity Center saw"
curl --silent --show-error "$endpoint/__fake/calls"
echo
echo
echo "Done: the fake is stopped and $work removed."
