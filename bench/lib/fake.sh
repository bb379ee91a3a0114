# The fake IAM Identity Center on loopback: start, seed a token, count calls, reset.

start_fake() {
  local out=$WORK/fake.out
  : >"$out"   # exists before the background process opens it, for the polling below
  dotnet "$FAKE_DLL" --port 0 >"$out" 2>"$WORK/fake.err" &
  FAKE_PID=$!
  on_exit "stop_fake"
  local i
  for ((i = 0; i < 200; i++)); do
    FAKE_URL=$(sed -n 's/^listening on //p' "$out")
    [ -n "$FAKE_URL" ] && break
    kill -0 "$FAKE_PID" 2>/dev/null || die "the fake did not start: $(cat "$WORK/fake.err")"
    sleep 0.1
  done
  [ -n "$FAKE_URL" ] || die "the fake did not say where it listens"
  case $FAKE_URL in http://127.0.0.1:*) ;; *) die "the fake listens on $FAKE_URL, not on loopback" ;; esac
  note "fake IAM Identity Center at $FAKE_URL"
}

stop_fake() {
  if [ -n "${FAKE_PID:-}" ] && kill -0 "$FAKE_PID" 2>/dev/null; then
    kill "$FAKE_PID"
    wait "$FAKE_PID" 2>/dev/null || true
  fi
}

fake_post() { curl -fsS -X POST "$FAKE_URL/__fake/$1"; }

reset_fake_counters() { fake_post reset >/dev/null; }

# GetRoleCredentials calls since the last reset.
role_credential_calls() {
  curl -fsS "$FAKE_URL/__fake/calls" | "$PYTHON" -c 'import json, sys; print(json.load(sys.stdin)["calls"].get("GetRoleCredentials", 0))'
}
