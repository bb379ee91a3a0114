# A throw-away HOME shaped like a signed-in person's: the AWS config of SPEC.md's example, an SSO
# token issued by the fake, and (after one cold run) the role credentials cached as botocore
# names them. Every tool measured reads these same files.

prepare_home() {
  BENCH_HOME=$WORK/home
  mkdir -p "$BENCH_HOME/.aws/sso/cache" "$BENCH_HOME/.aws/cli/cache"
  chmod 700 "$BENCH_HOME/.aws" "$BENCH_HOME/.aws/sso" "$BENCH_HOME/.aws/sso/cache" "$BENCH_HOME/.aws/cli" "$BENCH_HOME/.aws/cli/cache"
  cat >"$BENCH_HOME/.aws/config" <<'INI'
[profile demo]
credential_process = ssocred --profile demo-sso

[profile demo-sso]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = AdministratorAccess

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = ap-northeast-2
sso_registration_scopes = sso:account:access
INI
  TOKEN_FILE=$BENCH_HOME/.aws/sso/cache/$TOKEN_KEY.json
  ROLE_FILE=$BENCH_HOME/.aws/cli/cache/$ROLE_KEY.json
  fake_post token | "$PYTHON" -c '
import json, sys
seeded = json.load(sys.stdin)
token = {"startUrl": "https://corp.awsapps.com/start", "region": "ap-northeast-2"}
token.update({k: seeded[k] for k in ("accessToken", "expiresAt", "clientId", "clientSecret", "registrationExpiresAt", "refreshToken")})
with open(sys.argv[1], "w") as f:
    json.dump(token, f)' "$TOKEN_FILE"
  chmod 600 "$TOKEN_FILE"

  # Only this environment reaches the tools: no real credentials, no instance metadata (which
  # would leave loopback), endpoints pointing at the fake.
  unset AWS_PROFILE AWS_DEFAULT_PROFILE AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN \
    AWS_ENDPOINT_URL AWS_CA_BUNDLE AWS_DATA_PATH SSOCRED_LOG_FILE SSOCRED_NO_LOGIN
  export HOME=$BENCH_HOME
  export AWS_CONFIG_FILE=$BENCH_HOME/.aws/config
  export AWS_SHARED_CREDENTIALS_FILE=$BENCH_HOME/.aws/credentials
  export AWS_EC2_METADATA_DISABLED=true
  export AWS_ENDPOINT_URL_SSO=$FAKE_URL AWS_ENDPOINT_URL_SSO_OIDC=$FAKE_URL
  prepare_aws_cli_endpoints
}

# AWS CLI v2 2.9.19 ignores AWS_ENDPOINT_URL_*; its endpoint rule sets can be replaced through
# AWS_DATA_PATH (searched before its own data) by ones that always answer the fake's URL.
prepare_aws_cli_endpoints() {
  AWS_CLI_DATA=$WORK/aws-data
  write_aws_cli_endpoints "$AWS_CLI_DATA" "$FAKE_URL"
}

# write_aws_cli_endpoints DIR URL: rule sets for sso and sso-oidc that answer URL, under DIR.
write_aws_cli_endpoints() {
  local service source target
  for service in sso sso-oidc; do
    source=$(find /usr/lib/python3/dist-packages/awscli/botocore/data/$service -name endpoint-rule-set-1.json | head -1)
    [ -n "$source" ] || die "no endpoint rule set of $service in the AWS CLI"
    target=$1/$service/$(basename "$(dirname "$source")")
    mkdir -p "$target"
    "$PYTHON" - "$source" "$2" >"$target/endpoint-rule-set-1.json" <<'PY'
import json, sys
rules = json.load(open(sys.argv[1]))
rules["rules"] = [{"conditions": [], "endpoint": {"url": sys.argv[2], "properties": {}, "headers": {}}, "type": "endpoint"}]
json.dump(rules, sys.stdout)
PY
  done
}
