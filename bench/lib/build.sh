# Builds what the benchmark runs, into artifacts/: the two ssocred builds (through ./build.sh, as
# a person would), the floor program, the empty program, and the fake IAM Identity Center.

AOT_BIN=$ARTIFACTS/aot/ssocred
JIT_BIN=$ARTIFACTS/jit/ssocred
FLOOR_BIN=$ARTIFACTS/bench/floor/floor
EMPTY_BIN=$ARTIFACTS/bench/empty/empty
FAKE_DLL=$ARTIFACTS/bench/fake/FakeIdentityCenter.dll

build_all() {
  log "building ssocred (Native AOT, then single-file JIT), the floor and the fake"
  "$REPO_DIR/build.sh" publish
  "$REPO_DIR/build.sh" publish-jit
  dotnet publish "$BENCH_DIR/Floor/Floor.csproj" -c Release -r linux-x64 -o "$ARTIFACTS/bench/floor" -nologo -v quiet
  dotnet publish "$BENCH_DIR/Empty/Empty.csproj" -c Release -r linux-x64 -o "$ARTIFACTS/bench/empty" -nologo -v quiet
  dotnet build "$REPO_DIR/test/FakeIdentityCenter/FakeIdentityCenter.csproj" -c Release -o "$ARTIFACTS/bench/fake" -nologo -v quiet
  local file
  for file in "$AOT_BIN" "$JIT_BIN" "$FLOOR_BIN" "$EMPTY_BIN" "$FAKE_DLL"; do
    [ -f "$file" ] || die "the build did not produce $file"
  done
}
