# The measurements: hyperfine tables (warm and cold path), 50 concurrent invocations, peak RSS
# and file sizes. Raw numbers go to $RESULTS_DIR for report.py.

CONCURRENCY=50

# name|command: what the tables compare. Commands run without a shell (hyperfine -N).
warm_commands() {
  printf '%s\n' \
    "ssocred AOT|$AOT_BIN --profile $PROFILE" \
    "ssocred JIT single-file|$JIT_BIN --profile $PROFILE" \
    "floor (bare .NET AOT)|$FLOOR_BIN $ROLE_FILE" \
    "empty .NET AOT program|$EMPTY_BIN" \
    "cat|$(command -v cat) $ROLE_FILE" \
    "Python helper (botocore)|$PYTHON $BENCH_DIR/python_helper.py --profile $PROFILE" \
    "AWS CLI v2 export-credentials|/usr/bin/aws configure export-credentials --profile $PROFILE --format process"
}

cold_commands() {
  printf '%s\n' \
    "ssocred AOT|$AOT_BIN --profile $PROFILE" \
    "ssocred JIT single-file|$JIT_BIN --profile $PROFILE" \
    "Python helper (botocore)|$PYTHON $BENCH_DIR/python_helper.py --profile $PROFILE" \
    "AWS CLI v2 export-credentials|$(command -v env) AWS_DATA_PATH=$AWS_CLI_DATA /usr/bin/aws configure export-credentials --profile $PROFILE --format process"
}

# The same over TLS (lib/tls.sh): every command runs under `env`, which adds well under 1 ms.
cold_tls_commands() {
  local env
  env=$(tls_env)
  printf '%s\n' \
    "ssocred AOT|$env$AOT_BIN --profile $PROFILE" \
    "ssocred JIT single-file|$env$JIT_BIN --profile $PROFILE" \
    "ssocred AOT, root in a hashed SSL_CERT_DIR|$(tls_hashed_env)$AOT_BIN --profile $PROFILE" \
    "ssocred AOT, only the needed root trusted|$(tls_only_root_env)$AOT_BIN --profile $PROFILE" \
    "Python helper (botocore)|$env$PYTHON $BENCH_DIR/python_helper.py --profile $PROFILE" \
    "AWS CLI v2 export-credentials|${env}AWS_DATA_PATH=$AWS_CLI_TLS_DATA /usr/bin/aws configure export-credentials --profile $PROFILE --format process"
}

# True when stdout of "$@" is one credential-process JSON object.
prints_credentials() {
  "$@" 2>"$WORK/check.err" | "$PYTHON" -c '
import json, sys
c = json.loads(sys.stdin.read())
assert c["Version"] == 1 and all(c.get(k) for k in ("AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration")), c'
}

# hyperfine_table OUT.json [extra hyperfine options] -- < name|command lines
hyperfine_table() {
  local out=$1; shift
  local options=()
  while [ "$1" != -- ]; do options+=("$1"); shift; done
  local args=() name command
  while IFS='|' read -r name command; do
    args+=(-n "$name" "$command")
  done
  hyperfine -N --style basic --warmup 3 --min-runs 20 "${options[@]}" --export-json "$out" "${args[@]}" >"$out.log" 2>&1 \
    || die "hyperfine failed: $(tail -5 "$out.log")"
}

measure_warm() {
  log "warm path: role credentials cached"
  "$AOT_BIN" --profile "$PROFILE" >/dev/null || die "ssocred could not get credentials from the fake"
  local name command
  while IFS='|' read -r name command; do
    # cat prints the cache file itself, the floor of any reader; the empty program prints nothing
    case $name in cat | "empty .NET AOT program") continue ;; esac
    # shellcheck disable=SC2086 # the command is split into words as hyperfine -N splits it
    prints_credentials $command || die "$name does not print credentials on the warm path: $(cat "$WORK/check.err")"
  done < <(warm_commands)
  warm_commands | hyperfine_table "$RESULTS_DIR/warm.json" --
}

# measure_cold_table OUT.json COMMANDS-FUNCTION: the role credentials deleted before each run.
measure_cold_table() {
  local name command
  while IFS='|' read -r name command; do
    rm -f "$ROLE_FILE"
    # shellcheck disable=SC2086
    prints_credentials $command || die "$name does not print credentials on the cold path: $(cat "$WORK/check.err")"
  done < <("$2")
  reset_fake_counters
  "$2" | hyperfine_table "$1" --prepare "rm -f $ROLE_FILE" --
  note "GetRoleCredentials calls during the table: $(role_credential_calls)"
}

measure_cold() {
  log "cold path: only the SSO token cached, GetRoleCredentials on loopback"
  measure_cold_table "$RESULTS_DIR/cold.json" cold_commands
  log "cold path over TLS (loopback TLS proxy in front of the fake)"
  measure_cold_table "$RESULTS_DIR/cold-tls.json" cold_tls_commands
}

# One round: $CONCURRENCY processes at once, nothing but the token cached.
# Prints: wall milliseconds, GetRoleCredentials calls, outputs that were valid credentials.
concurrent_round() {
  local dir=$WORK/concurrent
  rm -rf "$dir"; mkdir -p "$dir"
  rm -f "$ROLE_FILE"
  reset_fake_counters
  local pids=() i start end
  start=$(date +%s%N)
  for ((i = 0; i < CONCURRENCY; i++)); do
    "$@" >"$dir/$i.out" 2>"$dir/$i.err" &
    pids+=($!)
  done
  wait "${pids[@]}" || true
  end=$(date +%s%N)
  local valid
  valid=$("$PYTHON" - "$dir" "$CONCURRENCY" <<'PY'
import json, sys
valid = 0
for i in range(int(sys.argv[2])):
    try:
        c = json.load(open(f"{sys.argv[1]}/{i}.out"))
        valid += all(c.get(k) for k in ("AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration"))
    except (OSError, ValueError):
        pass
print(valid)
PY
)
  echo "$(((end - start) / 1000000)) $(role_credential_calls) $valid"
}

measure_concurrency() {
  log "$CONCURRENCY concurrent invocations, only the token cached"
  local out=$RESULTS_DIR/concurrency.tsv
  printf 'tool\tround\twall_ms\tcalls\tvalid\n' >"$out"
  local round
  for round in 1 2 3 4 5; do
    printf 'ssocred AOT\t%s\t%s\n' "$round" "$(concurrent_round "$AOT_BIN" --profile "$PROFILE" | tr ' ' '\t')" >>"$out"
  done
  for round in 1 2 3; do
    printf 'ssocred JIT single-file\t%s\t%s\n' "$round" "$(concurrent_round "$JIT_BIN" --profile "$PROFILE" | tr ' ' '\t')" >>"$out"
  done
  # botocore has no cross-process lock: every process calls GetRoleCredentials. One round is enough.
  printf 'Python helper (botocore)\t1\t%s\n' "$(concurrent_round "$PYTHON" "$BENCH_DIR/python_helper.py" --profile "$PROFILE" | tr ' ' '\t')" >>"$out"
}

# Median peak RSS (KiB) of five runs of "$@"; with COLD=1 the role credentials are removed first.
peak_rss() {
  local i
  for i in 1 2 3 4 5; do
    [ "${COLD:-0}" = 1 ] && rm -f "$ROLE_FILE"
    /usr/bin/time -f '%M' -o "$WORK/rss" "$@" >/dev/null 2>&1 || die "$* failed under /usr/bin/time"
    cat "$WORK/rss"
  done | sort -n | sed -n 3p
}

# One row of memory.tsv for a credential helper: NAME FILE COMMAND... (FILE empty: no size).
memory_row() {
  local name=$1 file=$2 tls
  shift 2
  read -ra tls <<<"$(tls_env)"
  printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$(peak_rss "$@")" "$(COLD=1 peak_rss "$@")" \
    "$(COLD=1 peak_rss "${tls[@]}" "$@")" "${file:+$(stat -c %s "$file")}"
}

measure_memory_and_size() {
  log "peak RSS (/usr/bin/time) and file sizes"
  local out=$RESULTS_DIR/memory.tsv
  printf 'tool\twarm_rss_kib\tcold_rss_kib\tcold_tls_rss_kib\tfile_bytes\n' >"$out"
  "$AOT_BIN" --profile "$PROFILE" >/dev/null
  memory_row 'ssocred AOT' "$AOT_BIN" "$AOT_BIN" --profile "$PROFILE" >>"$out"
  memory_row 'ssocred JIT single-file' "$JIT_BIN" "$JIT_BIN" --profile "$PROFILE" >>"$out"
  printf 'floor (bare .NET AOT)\t%s\t\t\t%s\n' "$(peak_rss "$FLOOR_BIN" "$ROLE_FILE")" "$(stat -c %s "$FLOOR_BIN")" >>"$out"
  printf 'empty .NET AOT program\t%s\t\t\t%s\n' "$(peak_rss "$EMPTY_BIN")" "$(stat -c %s "$EMPTY_BIN")" >>"$out"
  printf 'cat\t%s\t\t\t%s\n' "$(peak_rss cat "$ROLE_FILE")" "$(stat -c %s "$(command -v cat)")" >>"$out"
  memory_row 'Python helper (botocore)' '' "$PYTHON" "$BENCH_DIR/python_helper.py" --profile "$PROFILE" >>"$out"
  printf 'AWS CLI v2 export-credentials\t%s\t\t\t\n' \
    "$(peak_rss /usr/bin/aws configure export-credentials --profile "$PROFILE" --format process)" >>"$out"
}

# Facts about this machine and the tools, for the report's header.
describe_machine() {
  local out=$RESULTS_DIR/machine.tsv
  {
    printf 'date\t%s\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
    printf 'cpu\t%s\n' "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
    printf 'nproc\t%s\n' "$(nproc)"
    printf 'memory\t%s\n' "$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
    printf 'kernel\t%s\n' "$(uname -sr)"
    printf 'os\t%s\n' "$(. /etc/os-release && echo "$PRETTY_NAME")"
    printf 'load\t%s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
    printf 'dotnet\t%s\n' "$(dotnet --version)"
    printf 'ssocred\t%s\n' "$("$AOT_BIN" --version)"
    printf 'hyperfine\t%s\n' "$(hyperfine --version)"
    printf 'aws\t%s\n' "$(/usr/bin/aws --version 2>&1)"
    printf 'python\t%s\n' "$("$PYTHON" --version 2>&1), botocore $("$PYTHON" -c 'import botocore; print(botocore.__version__)')"
  } >"$out"
}
