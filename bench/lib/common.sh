# Shared by bench/run.sh and bench/lib/*.sh: paths, messages, and the cleanup registry.

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)
ARTIFACTS=$REPO_DIR/artifacts
RESULTS_DIR=$BENCH_DIR/results          # raw hyperfine exports and TSVs (git-ignored)

# What the benchmark asks for: the profile of SPEC.md's example and its two cache files.
PROFILE=demo-sso
TOKEN_KEY=ee0bfd2552fbd840c02cc48b6e823320543c450f        # sha1("corp")
ROLE_KEY=5811043bbe9834d43b2a849958afa0f2b5f12b4e         # botocore's key of 111122223333/AdministratorAccess/corp

log() { printf '\n== %s\n' "$*" >&2; }
note() { printf '   %s\n' "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

# Cleanup actions run in reverse order of registration, on any exit.
_cleanups=()
on_exit() { _cleanups+=("$1"); }
run_cleanups() {
  local i
  for ((i = ${#_cleanups[@]} - 1; i >= 0; i--)); do
    eval "${_cleanups[i]}" || true
  done
}
trap run_cleanups EXIT
trap 'exit 130' INT TERM
