using System.Diagnostics;
using Ssocred.EndToEnd.Support;

namespace Ssocred.EndToEnd.Reliability;

/// <summary>
/// SPEC §3: files are replaced atomically, so a process killed (SIGKILL: no cleanup, no finally)
/// at any point while it refreshes the token and fetches role credentials leaves every cache file
/// complete — readable by the next ssocred run and by botocore — never a partial *.json; a temp
/// file it leaves is removed by the next write of that entry; and the lock it held dies with it.
/// </summary>
internal sealed class CrashSafetyTests : EndToEndTest
{
    private const int Kills = 200;
    private const int Seed = 20261129;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(60);

    [Test]
    public async Task Killing_ssocred_at_random_points_while_it_writes_never_leaves_a_broken_cache()
    {
        var random = new Random(Seed);
        var snapshots = Directory.CreateTempSubdirectory("ssocred-crash-").FullName;
        var tally = new Tally();
        try
        {
            var window = await CalibrateColdRunAsync();
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < Kills && clock.Elapsed < Budget; i++)
            {
                PrepareColdState();
                var token = File.ReadAllBytes(Home.TokenPath(CorpTokenKey));
                var role = File.ReadAllBytes(Home.RolePath(CorpAdminRoleKey));

                var delay = random.NextDouble() * window.TotalMilliseconds;
                await KillAfterAsync(TimeSpan.FromMilliseconds(delay), tally);
                tally.Landed(
                    tokenWritten: !File.ReadAllBytes(Home.TokenPath(CorpTokenKey)).AsSpan().SequenceEqual(token),
                    roleWritten: !File.ReadAllBytes(Home.RolePath(CorpAdminRoleKey)).AsSpan().SequenceEqual(role));

                tally.Problems.AddRange(IncompleteCacheFiles().Select(p => $"kill {i}: {p}"));
                var left = TempFiles().Except(tally.TempFilesSeen).ToList();
                tally.TempFilesLeft += left.Count;
                tally.TempFilesSeen.UnionWith(left);
                Snapshot(Path.Combine(snapshots, i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)));

                await CheckNextRunAsync(i, tally);
            }

            tally.Elapsed = clock.Elapsed;

            // One clean run that writes both entries sweeps every leftover.
            PrepareColdState();
            AssertCredentialJson(await Run("--profile", "demo-sso"));
            var botocore = PythonScript.Run("Reliability/botocore_cache_reader.py", Environment(), snapshots, StartUrl, Region, SessionName, AccountId, RoleName);

            TestContext.Out.WriteLine(tally.Report(window));
            TestContext.Out.WriteLine($"botocore read {botocore["snapshots"]} snapshots, {botocore["files"]} files: {botocore["problems"]!.AsArray().Count} problems");
            Assert.Multiple(() =>
            {
                Assert.That(tally.Problems, Is.Empty, "every cache file complete JSON of its shape after every kill");
                Assert.That(botocore["problems"]!.AsArray().Select(p => p!.GetValue<string>()), Is.Empty, "botocore reads every file");
                Assert.That(tally.Killed, Is.GreaterThanOrEqualTo(Kills / 2), "most kills landed while ssocred ran");
                Assert.That(tally.KilledBetweenWrites + tally.KilledBeforeAnyWrite, Is.Positive, "some kills landed before the writes finished");
                Assert.That(botocore["snapshots"]!.GetValue<int>(), Is.EqualTo(tally.Killed + tally.FinishedFirst), "botocore read every snapshot");
                Assert.That(botocore["files"]!.GetValue<int>(), Is.GreaterThanOrEqualTo(2 * (tally.Killed + tally.FinishedFirst)), "botocore read the token and the role credentials of each");
                Assert.That(TempFiles(), Is.Empty, "the clean run removed every temp file left by the killed ones");
                Assert.That(tally.Elapsed, Is.LessThan(Budget + TimeSpan.FromSeconds(10)));
            });
        }
        finally
        {
            Directory.Delete(snapshots, recursive: true);
        }
    }

    /// <summary>
    /// The write caught in the act, deterministically: the writer is frozen (SIGSTOP) while its
    /// temp file exists. A reader must then find every entry whole and still the old one, the new
    /// content only in the temp file. An in-place writer (truncate, then write) has no temp file
    /// and fails here; so does one that replaces the entry before its temp file is complete.
    /// </summary>
    [Test]
    public async Task A_writer_frozen_while_its_temp_file_exists_leaves_every_entry_whole_and_old()
    {
        const int Attempts = 30;
        string[] args = ["--profile", "demo-sso"];
        var frozen = new List<string>();
        for (var attempt = 0; attempt < Attempts && frozen.Count < 3; attempt++)
        {
            PrepareColdState();
            var before = CacheFiles("*.json").ToDictionary(file => file, File.ReadAllBytes);
            var environment = Environment();
            using var running = SsocredProcess.Start(args, environment);
            var sawTemp = false;
            while (!running.HasExited && !sawTemp)
            {
                // A tight loop: the window is one write, one fsync and one rename.
                if (TempPaths().Count == 0)
                {
                    continue;
                }

                sawTemp = true;
                if (!running.Stop())
                {
                    break;
                }

                try
                {
                    if (TempPaths() is { Count: > 0 } temps)
                    {
                        frozen.Add(ReadWhileFrozen(temps, before));
                    }
                }
                finally
                {
                    running.Continue();
                }
            }

            var run = await running.WaitAsync();
            Record(run, environment, args);
            AssertCredentialJson(run);
            Assert.That(sawTemp, Is.True, $"attempt {attempt}: ssocred replaced its cache entries without a temp file");
            Assert.That(TempPaths(), Is.Empty, "no temp file is left once the writer has finished");
        }

        TestContext.Out.WriteLine(string.Join('\n', frozen));
        Assert.That(frozen, Is.Not.Empty, $"in {Attempts} attempts the writer was never frozen while its temp file existed");
    }

    /// <summary>What a reader finds while the writer is frozen with temp files on disk.</summary>
    private string ReadWhileFrozen(List<string> temps, Dictionary<string, byte[]> before)
    {
        var reads = 0;
        foreach (var file in CacheFiles("*.json"))
        {
            var content = File.ReadAllBytes(file);
            reads++;
            Assert.That(CacheFileWatcher.Problem(Home, file, content), Is.Null, $"{Path.GetFileName(file)} is whole while its writer is frozen");
        }

        foreach (var temp in temps)
        {
            var entry = temp[..(temp.LastIndexOf(".json.", StringComparison.Ordinal) + ".json".Length)];
            Assert.That(before.TryGetValue(entry, out var old) ? File.ReadAllBytes(entry) : null, Is.EqualTo(old), $"{Path.GetFileName(entry)} is still the old entry while {Path.GetFileName(temp)} exists");
        }

        Assert.That(reads, Is.GreaterThanOrEqualTo(2), "the reader read the token and the role credentials");
        return $"frozen with {string.Join(", ", temps.Select(Path.GetFileName))} on disk: {reads} entries read, each whole and the old one";
    }

    /// <summary>Each run must refresh the token and replace the role credentials: both files get written.</summary>
    private void PrepareColdState()
    {
        SeedToken(TimeSpan.FromMinutes(-1));
        SeedRoleCredentials(TimeSpan.FromMinutes(-1));
    }

    /// <summary>
    /// How long a cold run takes here, unhurried: the fastest of a few (a busy machine slows
    /// some, and a window too wide would let most runs finish before their kill).
    /// </summary>
    private async Task<TimeSpan> CalibrateColdRunAsync()
    {
        var fastest = TimeSpan.MaxValue;
        for (var i = 0; i < 5; i++)
        {
            PrepareColdState();
            var run = await Run("--profile", "demo-sso");
            AssertCredentialJson(run);
            fastest = run.Elapsed < fastest ? run.Elapsed : fastest;
        }

        return fastest;
    }

    private async Task KillAfterAsync(TimeSpan delay, Tally tally)
    {
        string[] args = ["--profile", "demo-sso"];
        var environment = Environment();
        using var running = SsocredProcess.Start(args, environment);
        Thread.Sleep(delay); // a blocking sleep: finer-grained than a timer
        if (running.Kill())
        {
            tally.Killed++;
        }
        else
        {
            tally.FinishedFirst++;
        }

        Record(await running.WaitAsync(), environment, args);
    }

    /// <summary>
    /// The next run reads what the killed one left: credentials, or — where the killed run used
    /// the single-use refresh token and died before saving its successor — the sign-in hint.
    /// If it rewrites an entry, that entry's temp files are gone.
    /// </summary>
    private async Task CheckNextRunAsync(int kill, Tally tally)
    {
        var before = (TokenTemps: TempFiles(CorpTokenKey), RoleTemps: TempFiles(CorpAdminRoleKey),
                      Token: File.ReadAllBytes(Home.TokenPath(CorpTokenKey)), Role: File.ReadAllBytes(Home.RolePath(CorpAdminRoleKey)));
        var next = await Run("--profile", "demo-sso", "--no-login");
        tally.SlowestNextRun = Max(tally.SlowestNextRun, next.Elapsed);
        if (next.ExitCode == 0)
        {
            AssertCredentialJson(next);
            tally.NextRunCredentials++;
        }
        else if (next.Stderr.StartsWith("ssocred: no valid SSO session for 'corp'", StringComparison.Ordinal))
        {
            tally.NextRunRefreshTokenLost++;
        }
        else
        {
            tally.Problems.Add($"kill {kill}: the next run failed: {next}");
        }

        if (!File.ReadAllBytes(Home.TokenPath(CorpTokenKey)).AsSpan().SequenceEqual(before.Token) && TempFiles(CorpTokenKey).Count > 0)
        {
            tally.Problems.Add($"kill {kill}: the token was rewritten but its temp files stayed: {string.Join(", ", TempFiles(CorpTokenKey))}");
        }

        if (!File.ReadAllBytes(Home.RolePath(CorpAdminRoleKey)).AsSpan().SequenceEqual(before.Role) && TempFiles(CorpAdminRoleKey).Count > 0)
        {
            tally.Problems.Add($"kill {kill}: the role credentials were rewritten but their temp files stayed: {string.Join(", ", TempFiles(CorpAdminRoleKey))}");
        }

        tally.TempFilesSwept += before.TokenTemps.Concat(before.RoleTemps).Except(TempFiles()).Count();
        tally.TempFilesSeen.IntersectWith(TempFiles());
    }

    /// <summary>Every *.json of both caches must be complete JSON of its entry's shape.</summary>
    private IEnumerable<string> IncompleteCacheFiles() =>
        from file in CacheFiles("*.json")
        let problem = CacheFileWatcher.Problem(Home, file, File.ReadAllBytes(file))
        where problem is not null
        select $"{Path.GetFileName(file)}: {problem}";

    private List<string> TempFiles(string? key = null) => CacheFiles($"{key ?? "*"}.json.*.tmp").Select(Path.GetFileName).ToList()!;

    private List<string> TempPaths() => CacheFiles("*.json.*.tmp").ToList();

    private IEnumerable<string> CacheFiles(string pattern) =>
        new[] { Home.TokenCacheFolder, Home.RoleCacheFolder }.SelectMany(folder => Directory.EnumerateFiles(folder, pattern));

    private void Snapshot(string into)
    {
        foreach (var (folder, name) in new[] { (Home.TokenCacheFolder, "sso"), (Home.RoleCacheFolder, "cli") })
        {
            Directory.CreateDirectory(Path.Combine(into, name));
            foreach (var file in Directory.EnumerateFiles(folder, "*.json"))
            {
                File.Copy(file, Path.Combine(into, name, Path.GetFileName(file)));
            }
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private sealed class Tally
    {
        public List<string> Problems { get; } = [];

        public int Killed { get; set; }

        public int FinishedFirst { get; set; }

        public int KilledBeforeAnyWrite { get; private set; }

        public int KilledBetweenWrites { get; private set; }

        public int KilledAfterBothWrites { get; private set; }

        public HashSet<string> TempFilesSeen { get; } = [];

        public int TempFilesLeft { get; set; }

        public int TempFilesSwept { get; set; }

        public int NextRunCredentials { get; set; }

        public int NextRunRefreshTokenLost { get; set; }

        public TimeSpan SlowestNextRun { get; set; }

        public TimeSpan Elapsed { get; set; }

        public void Landed(bool tokenWritten, bool roleWritten)
        {
            if (!tokenWritten && !roleWritten)
            {
                KilledBeforeAnyWrite++;
            }
            else if (tokenWritten && !roleWritten)
            {
                KilledBetweenWrites++;
            }
            else
            {
                KilledAfterBothWrites++;
            }
        }

        public string Report(TimeSpan window) =>
            $"""
            {Killed + FinishedFirst} runs in {Elapsed.TotalSeconds:0.0} s, kill delay 0–{window.TotalMilliseconds:0} ms (the fastest cold run): {Killed} killed while running, {FinishedFirst} finished first
            where they stopped: {KilledBeforeAnyWrite} before any write, {KilledBetweenWrites} after the token and before the role credentials, {KilledAfterBothWrites} after both
            temp files left by killed writers: {TempFilesLeft}; removed by the next run's write of their entry: {TempFilesSwept}, the rest by later writes
            next run: {NextRunCredentials} printed credentials, {NextRunRefreshTokenLost} asked for a sign-in (the killed run had spent the refresh token); slowest {SlowestNextRun.TotalMilliseconds:0} ms
            incomplete cache files seen: {Problems.Count}
            """;
    }
}
