using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Ssocred.EndToEnd.SignIn;

namespace Ssocred.EndToEnd.Reliability;

/// <summary>
/// Issue 10 item 5: a cache "file" that is not a regular file (a FIFO, a symlink to /dev/zero) or
/// is larger than any real entry (2 MiB here; the limit is 1 MiB) is treated as absent and said
/// at -v, never opened to block or read without bound — for the token, the client registration
/// and the role credentials alike. A 2 MiB file holds a valid entry, so reading it would show.
/// </summary>
internal sealed class OddCacheFileTests : SignInTest
{
    public enum Entry
    {
        Token,
        Registration,
        RoleCredentials,
    }

    public enum Oddity
    {
        Fifo,
        SymlinkToDevZero,
        TwoMebibytes,
    }

    [Test]
    [Combinatorial]
    public async Task Is_absent_said_at_verbose_and_never_read([Values] Entry entry, [Values] Oddity oddity)
    {
        var path = entry switch
        {
            Entry.Token => Home.TokenPath(CorpTokenKey),
            Entry.Registration => Home.TokenPath(CorpRegistrationKey),
            _ => Home.RolePath(CorpAdminRoleKey),
        };
        if (entry == Entry.RoleCredentials)
        {
            SeedToken(TimeSpan.FromHours(4));
        }

        Directory.CreateDirectory(Home.TokenCacheFolder);
        Directory.CreateDirectory(Home.RoleCacheFolder);
        await MakeAsync(path, entry, oddity);

        var run = entry switch
        {
            Entry.Token => await Run("--profile", "demo-sso", "--no-login", "-v"),
            Entry.Registration => await RunWith(WithFollowingBrowser(), "--profile", "demo-sso", "-v"),
            _ => await Run("--profile", "demo-sso", "-v"),
        };

        if (entry == Entry.Token)
        {
            Assert.That((run.ExitCode, run.Stdout), Is.EqualTo((1, string.Empty)), run.ToString());
            Assert.That(run.Stderr, Does.Contain("ssocred: no valid SSO session for 'corp'"));
        }
        else
        {
            AssertCredentialJson(run);
            Assert.That(new FileInfo(path), Has.Property(nameof(FileInfo.LinkTarget)).Null.And.Property(nameof(FileInfo.Length)).InRange(1, 4096), "replaced by a good entry");
        }

        Assert.Multiple(() =>
        {
            Assert.That(run.Stderr, Does.Contain($"ignoring the cache file {path}: it is empty, not a regular file, or larger than 1 MiB"));
            Assert.That(run.Stderr, Does.Not.Contain("warning"), "an odd file is worth a debug line, not a warning");
            Assert.That(run.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)), "nothing blocked or read for long");
            Assert.That(Fake.Calls("RegisterClient"), Is.EqualTo(entry == Entry.Registration ? 1 : 0), "a registration that was not read is made anew");
            Assert.That(Fake.Calls("GetRoleCredentials"), Is.EqualTo(entry == Entry.Token ? 0 : 1));
        });
    }

    private async Task MakeAsync(string path, Entry entry, Oddity oddity)
    {
        switch (oddity)
        {
            case Oddity.Fifo:
                using (var mkfifo = Process.Start("mkfifo", [path]))
                {
                    await mkfifo.WaitForExitAsync();
                    Assert.That(mkfifo.ExitCode, Is.Zero, "mkfifo");
                }

                break;
            case Oddity.SymlinkToDevZero:
                File.CreateSymbolicLink(path, "/dev/zero");
                break;
            default:
                var valid = entry switch
                {
                    Entry.Token => TokenJson(),
                    Entry.Registration => RegistrationJson(),
                    _ => RoleJson(),
                };
                valid["padding"] = new string(' ', 2 << 20);
                File.WriteAllBytes(path, Encoding.UTF8.GetBytes(valid.ToJsonString()));
                break;
        }
    }

    private JsonObject TokenJson()
    {
        SeedToken(TimeSpan.FromHours(4));
        return Home.ReadJson(Home.TokenPath(CorpTokenKey))!;
    }

    private JsonObject RegistrationJson()
    {
        var client = Fake.RegisterClient(["authorization_code", "refresh_token"], ["sso:account:access"], StartUrl);
        return new JsonObject
        {
            ["clientId"] = client.ClientId,
            ["clientSecret"] = client.ClientSecret,
            ["expiresAt"] = CliTime(client.ExpiresAt),
            ["scopes"] = new JsonArray("sso:account:access"),
            ["grantTypes"] = new JsonArray("authorization_code", "refresh_token"),
        };
    }

    private JsonObject RoleJson()
    {
        SeedRoleCredentials(TimeSpan.FromHours(1));
        return Home.ReadJson(Home.RolePath(CorpAdminRoleKey))!;
    }
}
