# TLS in front of the fake: real endpoints are https, and a client's first TLS connection costs
# far more than the HTTP request itself (OpenSSL, and .NET reading every system root
# certificate). socat terminates TLS on 127.0.0.1 with a throw-away certificate for 127.0.0.1
# and forwards to the fake; the tools trust it through a bundle of the system roots plus that
# certificate (SSL_CERT_FILE for .NET, AWS_CA_BUNDLE for botocore and the AWS CLI).

start_tls_proxy() {
  local dir=$WORK/tls
  mkdir -p "$dir"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 \
    -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
    -keyout "$dir/key.pem" -out "$dir/cert.pem" 2>/dev/null
  cat "$dir/key.pem" "$dir/cert.pem" >"$dir/server.pem"
  TLS_BUNDLE=$dir/bundle.pem
  cat /etc/ssl/certs/ca-certificates.crt "$dir/cert.pem" >"$TLS_BUNDLE"
  # The same trust as a folder: the system's certificates plus the proxy's, hashed as
  # update-ca-certificates leaves /etc/ssl/certs (c_rehash links), for SSL_CERT_DIR.
  TLS_HASHED_DIR=$dir/hashed
  mkdir -p "$TLS_HASHED_DIR"
  local pem
  for pem in /etc/ssl/certs/*.pem; do
    ln -s "$(readlink -f "$pem")" "$TLS_HASHED_DIR/$(basename "$pem")"
  done
  cp "$dir/cert.pem" "$TLS_HASHED_DIR/bench-proxy.pem"
  openssl rehash "$TLS_HASHED_DIR"
  TLS_ONLY_ROOT=$dir/cert.pem
  TLS_EMPTY_DIR=$dir/no-roots
  mkdir -p "$TLS_EMPTY_DIR"

  local port
  port=$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  # nodelay on both legs: without it Nagle and delayed ACKs hold a response for 40 ms.
  socat "OPENSSL-LISTEN:$port,bind=127.0.0.1,reuseaddr,fork,nodelay,cert=$dir/server.pem,verify=0" "TCP:${FAKE_URL#http://},nodelay" \
    2>"$WORK/socat.err" &
  TLS_PROXY_PID=$!
  on_exit "stop_tls_proxy"
  TLS_URL=https://127.0.0.1:$port
  local i
  for ((i = 0; i < 50; i++)); do
    curl -fsS --cacert "$dir/cert.pem" "$TLS_URL/__fake/calls" >/dev/null 2>&1 && break
    kill -0 "$TLS_PROXY_PID" 2>/dev/null || die "the TLS proxy did not start: $(cat "$WORK/socat.err")"
    sleep 0.1
  done
  note "TLS proxy to the fake at $TLS_URL"

  AWS_CLI_TLS_DATA=$WORK/aws-data-tls
  write_aws_cli_endpoints "$AWS_CLI_TLS_DATA" "$TLS_URL"
}

stop_tls_proxy() {
  if [ -n "${TLS_PROXY_PID:-}" ] && kill -0 "$TLS_PROXY_PID" 2>/dev/null; then
    kill "$TLS_PROXY_PID"
    wait "$TLS_PROXY_PID" 2>/dev/null || true
  fi
}

# The environment, as `env` arguments, that sends a tool to the fake through TLS.
tls_env() {
  printf '%s ' "$(command -v env)" "SSL_CERT_FILE=$TLS_BUNDLE" "AWS_CA_BUNDLE=$TLS_BUNDLE" \
    "AWS_ENDPOINT_URL_SSO=$TLS_URL" "AWS_ENDPOINT_URL_SSO_OIDC=$TLS_URL"
}

# The same with the proxy's certificate in a hashed folder beside the system's (SSL_CERT_DIR), as
# a root installed with update-ca-certificates is; the default bundle file stays the system's.
tls_hashed_env() {
  printf '%s ' "$(command -v env)" "SSL_CERT_DIR=$TLS_HASHED_DIR" \
    "AWS_ENDPOINT_URL_SSO=$TLS_URL" "AWS_ENDPOINT_URL_SSO_OIDC=$TLS_URL"
}

# The same with only the proxy's certificate trusted and no root folder: what TLS costs a .NET
# client that does not read every system root (a diagnostic line, not a configuration to use).
tls_only_root_env() {
  printf '%s ' "$(command -v env)" "SSL_CERT_FILE=$TLS_ONLY_ROOT" "SSL_CERT_DIR=$TLS_EMPTY_DIR" \
    "AWS_ENDPOINT_URL_SSO=$TLS_URL" "AWS_ENDPOINT_URL_SSO_OIDC=$TLS_URL"
}
