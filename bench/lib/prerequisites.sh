# Debian packages the benchmark uses, installed only when missing:
#   hyperfine            the timer
#   awscli               AWS CLI v2 (2.9.19 on Debian 12) as /usr/bin/aws; an `aws` earlier on
#                        PATH may be v1, which lacks `configure export-credentials`
#   time                 GNU time (/usr/bin/time -v) for peak RSS
#   curl                 to drive the fake's control API
#   socat, openssl       a TLS proxy in front of the fake, with a throw-away certificate
#   ca-certificates      the system roots, which TLS clients load (and which cost the most)
#   clang, zlib1g-dev    the Native AOT linker and the runtime's compression library
# python3 with botocore and the .NET 10 SDK are expected on the machine (the project needs both).

install_prerequisites() {
  local missing=()
  command -v hyperfine >/dev/null || missing+=(hyperfine)
  [ -x /usr/bin/aws ] || missing+=(awscli)
  [ -x /usr/bin/time ] || missing+=(time)
  command -v curl >/dev/null || missing+=(curl)
  command -v socat >/dev/null || missing+=(socat)
  command -v openssl >/dev/null || missing+=(openssl)
  [ -e /etc/ssl/certs/ca-certificates.crt ] || missing+=(ca-certificates)
  command -v clang >/dev/null || command -v gcc >/dev/null || missing+=(clang)
  [ -e /usr/include/zlib.h ] || missing+=(zlib1g-dev)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi

  command -v dotnet >/dev/null || die "the .NET 10 SDK (dotnet) is needed"
  PYTHON=$(python3 -c 'import sys; print(sys.executable)') || die "python3 is needed"
  "$PYTHON" -c 'import botocore' 2>/dev/null || die "botocore is needed for $PYTHON (pip install botocore)"
  /usr/bin/aws configure export-credentials help >/dev/null 2>&1 \
    || die "/usr/bin/aws has no 'configure export-credentials': AWS CLI v2 is needed there"
}
