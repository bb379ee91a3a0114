"""Writes bench/results.md from the raw numbers bench/run.sh left in bench/results/.

usage: python3 report.py RESULTS_DIR OUTPUT.md
"""
import csv
import json
import statistics
import sys
from pathlib import Path

AOT = "ssocred AOT"
FLOOR = "floor (bare .NET AOT)"
CAT = "cat"
EMPTY = "empty .NET AOT program"
AWS_CLI = "AWS CLI v2 export-credentials"
MB = 1_000_000  # targets are read strictly: decimal megabytes, RSS converted from KiB


def load_hyperfine(path):
    """name -> (median ms, mean ms, stddev ms, runs)."""
    results = json.loads(path.read_text())["results"]
    return {
        r["command"]: (
            statistics.median(r["times"]) * 1000,
            r["mean"] * 1000,
            (r["stddev"] or 0) * 1000,
            len(r["times"]),
        )
        for r in results
    }


def load_tsv(path):
    with path.open() as f:
        return list(csv.DictReader(f, delimiter="\t"))


def milliseconds(value):
    return f"{value:.1f}" if value >= 10 else f"{value:.2f}"


def time_table(title, results, note):
    base = results[AOT][0]
    lines = [
        f"### {title}",
        "",
        note,
        "",
        "| tool | median (ms) | mean ± σ (ms) | runs | median ÷ ssocred AOT |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name, (median, mean, stddev, runs) in results.items():
        lines.append(f"| {name} | {milliseconds(median)} | {milliseconds(mean)} ± {milliseconds(stddev)} | {runs} | {median / base:.2f}× |")
    return lines + [""]


def concurrency_table(rows):
    lines = [
        "### 50 concurrent invocations, only the SSO token cached",
        "",
        "Wall time from the first start until all 50 have exited, each output checked to be valid "
        "credential JSON; calls are the fake's GetRoleCredentials count for the round.",
        "",
        "| tool | rounds | median wall (ms) | GetRoleCredentials calls per round | valid outputs per round |",
        "| --- | ---: | ---: | --- | --- |",
    ]
    tools = dict.fromkeys(r["tool"] for r in rows)
    for tool in tools:
        mine = [r for r in rows if r["tool"] == tool]
        wall = statistics.median(int(r["wall_ms"]) for r in mine)
        calls = ", ".join(r["calls"] for r in mine)
        valid = ", ".join(r["valid"] for r in mine)
        lines.append(f"| {tool} | {len(mine)} | {wall:.0f} | {calls} | {valid} |")
    return lines + [""]


def kib_to_mb(kib):
    return int(kib) * 1024 / MB


def memory_table(rows):
    lines = [
        "### Peak RSS and file size",
        "",
        "Peak RSS is the median of five runs of `/usr/bin/time`'s maximum resident set size; "
        "MB here is 10^6 bytes.",
        "",
        "| tool | warm peak RSS (MB) | cold peak RSS (MB) | cold over TLS peak RSS (MB) | file (MB) |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]

    def rss(value):
        return f"{kib_to_mb(value):.1f}" if value else "–"

    for r in rows:
        size = f"{int(r['file_bytes']) / MB:.1f}" if r["file_bytes"] else "–"
        lines.append(f"| {r['tool']} | {rss(r['warm_rss_kib'])} | {rss(r['cold_rss_kib'])} | {rss(r['cold_tls_rss_kib'])} | {size} |")
    return lines + [""]


def targets_table(warm, cold, cold_tls, memory, concurrency):
    aot = warm[AOT][0]
    aot_memory = next(r for r in memory if r["tool"] == AOT)
    peak = max(kib_to_mb(aot_memory["warm_rss_kib"]), kib_to_mb(aot_memory["cold_rss_kib"]))
    peak_tls = kib_to_mb(aot_memory["cold_tls_rss_kib"])
    size = int(aot_memory["file_bytes"]) / MB
    aot_rounds = [r for r in concurrency if r["tool"] == AOT]
    rows = [
        ("warm path within 3× of `cat`", f"{aot / warm[CAT][0]:.2f}×", aot / warm[CAT][0] <= 3),
        ("warm path within 2× of `cat` (issue 10)", f"{aot / warm[CAT][0]:.2f}×", aot / warm[CAT][0] <= 2),
        ("warm path within 1.25× of the floor", f"{aot / warm[FLOOR][0]:.2f}×", aot / warm[FLOOR][0] <= 1.25),
        ("≥ 100× faster than `aws configure export-credentials`", f"{warm[AWS_CLI][0] / aot:.0f}×", warm[AWS_CLI][0] / aot >= 100),
        ("cold path < 25 ms (HTTP on loopback, as the issue measures it)", f"{milliseconds(cold[AOT][0])} ms", cold[AOT][0] < 25),
        ("cold path < 25 ms over TLS (as real endpoints are)", f"{milliseconds(cold_tls[AOT][0])} ms", cold_tls[AOT][0] < 25),
        ("peak RSS < 15 MB (warm, and cold over HTTP)", f"{peak:.1f} MB", peak < 15),
        ("peak RSS < 15 MB (cold over TLS)", f"{peak_tls:.1f} MB", peak_tls < 15),
        ("file < 15 MB", f"{size:.1f} MB", size < 15),
        ("50 concurrent: one GetRoleCredentials, 50 valid outputs",
         ", ".join(f"{r['calls']} call(s), {r['valid']} valid" for r in aot_rounds[:1]) + (" (every round)" if all(
             r["calls"] == "1" and r["valid"] == "50" for r in aot_rounds) else " (not every round)"),
         all(r["calls"] == "1" and r["valid"] == "50" for r in aot_rounds)),
    ]
    lines = [
        "### Targets (issues 4 and 10), ssocred AOT",
        "",
        "| target | measured | met |",
        "| --- | ---: | :---: |",
    ]
    lines += [f"| {target} | {measured} | {'yes' if met else '**no**'} |" for target, measured, met in rows]
    return lines + [""]


def main():
    results_dir, output = Path(sys.argv[1]), Path(sys.argv[2])
    machine = dict(line.split("\t", 1) for line in (results_dir / "machine.tsv").read_text().splitlines())
    warm = load_hyperfine(results_dir / "warm.json")
    cold = load_hyperfine(results_dir / "cold.json")
    cold_tls = load_hyperfine(results_dir / "cold-tls.json")
    memory = load_tsv(results_dir / "memory.tsv")
    concurrency = load_tsv(results_dir / "concurrency.tsv")

    lines = [
        "# ssocred benchmark",
        "",
        "Written by `bench/run.sh`; medians, side by side in one run on one machine.",
        "",
        f"- date: {machine['date']}",
        f"- machine: {machine['nproc']} × {machine['cpu']}, {machine['memory']}, {machine['kernel']}, {machine['os']}",
        f"- load average when the run started: {machine['load']} (other work on the machine inflates every number alike)",
        f"- tools: .NET SDK {machine['dotnet']}, {machine['ssocred']}, {machine['hyperfine']}, {machine['aws']}, {machine['python']}",
        "",
    ]
    lines += targets_table(warm, cold, cold_tls, memory, concurrency)
    lines += time_table(
        "Warm path: role credentials cached", warm,
        f"Every tool reads the same `~/.aws/cli/cache` file. ssocred AOT ÷ floor: "
        f"**{warm[AOT][0] / warm[FLOOR][0]:.2f}×**; ssocred AOT ÷ cat: **{warm[AOT][0] / warm[CAT][0]:.2f}×**; "
        f"the empty .NET AOT program (the runtime's start-up and exit alone) ÷ cat: "
        f"**{warm[EMPTY][0] / warm[CAT][0]:.2f}×**.")
    lines += time_table(
        "Cold path: only the SSO token cached (one GetRoleCredentials on loopback)", cold,
        "The role-credential file is deleted before each run (hyperfine `--prepare`). "
        "AWS CLI v2 2.9.19 ignores `AWS_ENDPOINT_URL_SSO`, so it reaches the fake through "
        "replaced endpoint rule sets on `AWS_DATA_PATH`.")
    lines += time_table(
        "Cold path over TLS", cold_tls,
        "As above, through a TLS proxy (socat) on loopback in front of the fake, trusted through a "
        "bundle of the system roots plus its throw-away certificate (`SSL_CERT_FILE`, "
        "`AWS_CA_BUNDLE`). The proxy's own handshake work is in these numbers too. The line "
        "\"root in a hashed SSL_CERT_DIR\" trusts the same certificates as a folder hashed like "
        "`/etc/ssl/certs` (the default bundle file stays the system's). The line "
        "\"only the needed root trusted\" points .NET at the proxy's certificate alone "
        "(`SSL_CERT_FILE`, empty `SSL_CERT_DIR`), a diagnostic: the least a TLS handshake costs "
        "this process.")
    lines += concurrency_table(concurrency)
    lines += memory_table(memory)
    output.write_text("\n".join(lines))


if __name__ == "__main__":
    main()
