#!/usr/bin/env bash
# serve's latency and throughput: 50 concurrent clients against a cached answer, measured with
# wrk (Debian's package, installed with apt-get if missing), first on kept-alive connections (as
# SDK connection pools ask), then with a new connection for every request (as botocore's
# container provider does). Writes the figures between the serve markers of bench/results.md.
#   bench/serve.sh [EXECUTABLE]     default artifacts/aot/ssocred (./build.sh publish)
#   SERVE_BENCH_SECONDS=10          the length of each run
set -euo pipefail
cd "$(dirname "$0")/.."
exe=$(realpath "${1:-artifacts/aot/ssocred}")
seconds=${SERVE_BENCH_SECONDS:-10}
# Half the cores for the load generator: on a 2-core machine, wrk with two threads takes the
# server's core too, and the p99 measured is then wrk's scheduling as much as serve's.
threads=$(( $(nproc) / 2 )); [ "$threads" -ge 1 ] || threads=1
[ -x "$exe" ] || { echo "serve.sh: no executable at $exe (run ./build.sh publish)" >&2; exit 1; }
if ! command -v wrk >/dev/null; then
  apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
fi

work=$(mktemp -d)
serve_pid=""
cleanup() { [ -n "$serve_pid" ] && kill -TERM "$serve_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

# A signed-in person's HOME with role credentials cached for a day: every answer comes from memory.
mkdir -p "$work/.aws/cli/cache" && chmod -R 700 "$work/.aws"
cat >"$work/.aws/config" <<'INI'
[profile demo-sso]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = AdministratorAccess

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = ap-northeast-2
INI
expires=$(date -u -d '+1 day' +%Y-%m-%dT%H:%M:%SZ)
printf '{"ProviderType":"sso","Credentials":{"AccessKeyId":"ASIABENCHBENCHBENCH0","SecretAccessKey":"bench-secret","SessionToken":"bench-session-token","Expiration":"%s","AccountId":"111122223333"}}' "$expires" \
  >"$work/.aws/cli/cache/5811043bbe9834d43b2a849958afa0f2b5f12b4e.json"
chmod 600 "$work/.aws/cli/cache/"*.json

env -i HOME="$work" AWS_CONFIG_FILE="$work/.aws/config" SSOCRED_NO_LOGIN=1 "$exe" serve --profile demo-sso >"$work/serve.env" &
serve_pid=$!
for _ in $(seq 100); do [ "$(wc -l <"$work/serve.env")" -ge 2 ] && break; sleep 0.05; done
# shellcheck disable=SC1091
. "$work/serve.env"
curl -sf -H "Authorization: $AWS_CONTAINER_AUTHORIZATION_TOKEN" "$AWS_CONTAINER_CREDENTIALS_FULL_URI" | grep -q ASIABENCHBENCHBENCH0 \
  || { echo "serve.sh: the endpoint does not answer the credentials" >&2; exit 1; }

# run NAME [HEADER]: one wrk run; prints "NAME p50 p99 requests/s errors"
run() {
  local out
  out=$(wrk -t"$threads" -c50 -d"${seconds}s" --latency -H "Authorization: $AWS_CONTAINER_AUTHORIZATION_TOKEN" ${2:+-H "$2"} "$AWS_CONTAINER_CREDENTIALS_FULL_URI")
  echo "$out" >"$work/$1.txt"
  local p50 p99 rps errors
  p50=$(awk '/^ +50%/ {print $2}' <<<"$out")
  p99=$(awk '/^ +99%/ {print $2}' <<<"$out")
  rps=$(awk '/^Requests\/sec/ {printf "%d", $2}' <<<"$out")
  errors=$(awk '/Non-2xx|Socket errors/ {print}' <<<"$out" | tr '\n' ' ')
  echo "$1|$p50|$p99|$rps|${errors:-none}"
}

keepalive=$(run keep-alive)
fresh=$(run new-connection "Connection: close")
rss=$(awk '/VmHWM/ {print $2 " kB"}' "/proc/$serve_pid/status")
kill -TERM "$serve_pid"; wait "$serve_pid"; status=$?; serve_pid=""

table=$(printf '| connections | p50 | p99 | requests/s | errors |\n| --- | ---: | ---: | ---: | --- |\n'
  for row in "$keepalive" "$fresh"; do IFS='|' read -r name p50 p99 rps errors <<<"$row"; printf '| %s | %s | %s | %s | %s |\n' "$name" "$p50" "$p99" "$rps" "$errors"; done)
report=$(cat <<MD
<!-- serve:start (written by bench/serve.sh) -->
## serve: 50 concurrent clients against a cached answer

$(date -u +%Y-%m-%d), $(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), load average $(cut -d' ' -f1-3 /proc/loadavg) at the end;
\`wrk -t$threads -c50 -d${seconds}s --latency\` on the same machine, \`$(basename "$exe")\` $("$exe" --version | cut -d' ' -f2-).
Goal (SPEC §7): p99 under 2 ms.

$table

Peak RSS of serve: $rss; exit status after SIGTERM: $status.
<!-- serve:end -->
MD
)
echo "$report"
results=bench/results.md
if grep -q '<!-- serve:start' "$results" 2>/dev/null; then
  python3 - "$results" "$report" <<'PY'
import re, sys
path, report = sys.argv[1], sys.argv[2]
text = open(path).read()
text = re.sub(r"<!-- serve:start.*?<!-- serve:end -->", lambda _: report, text, flags=re.S)
open(path, "w").write(text)
PY
else
  printf '\n%s\n' "$report" >>"$results"
fi
