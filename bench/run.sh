#!/usr/bin/env bash
# The side-by-side benchmark of issue 4, in one command on a fresh clone:
#
#   bench/run.sh            build everything, measure, write bench/results.md
#   bench/run.sh --no-build measure the artifacts already built
#
# It installs what is missing (see lib/prerequisites.sh), builds ssocred (AOT and single-file
# JIT), the floor program (bench/Floor) and the fake IAM Identity Center, starts the fake on
# 127.0.0.1 (and a TLS proxy in front of it), makes a throw-away HOME with config and caches, and measures with hyperfine. Only
# loopback traffic; a few minutes on 2 cores. Raw numbers stay in bench/results/ (git-ignored).
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$BENCH_DIR/lib/prerequisites.sh"
source "$BENCH_DIR/lib/build.sh"
source "$BENCH_DIR/lib/fake.sh"
source "$BENCH_DIR/lib/home.sh"
source "$BENCH_DIR/lib/tls.sh"
source "$BENCH_DIR/lib/measure.sh"

main() {
  local build=1
  case "${1:-}" in
    --no-build) build=0 ;;
    "") ;;
    *) die "usage: bench/run.sh [--no-build]" ;;
  esac

  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
  install_prerequisites
  if [ "$build" = 1 ]; then
    build_all
  fi

  WORK=$(mktemp -d "${TMPDIR:-/tmp}/ssocred-bench.XXXXXX")
  on_exit 'rm -rf "$WORK"'
  rm -rf "$RESULTS_DIR"
  mkdir -p "$RESULTS_DIR"

  start_fake
  prepare_home
  start_tls_proxy
  describe_machine
  measure_warm
  measure_cold
  measure_concurrency
  measure_memory_and_size

  "$PYTHON" "$BENCH_DIR/report.py" "$RESULTS_DIR" "$BENCH_DIR/results.md"
  log "wrote bench/results.md"
  cat "$BENCH_DIR/results.md"
}

main "$@"
