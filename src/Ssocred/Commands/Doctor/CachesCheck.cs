using Ssocred.Caching;
using Ssocred.SignIn;

namespace Ssocred.Commands.Doctor;

/// <summary>The state of the token, registration and role-credential caches, and their locks.</summary>
internal sealed class CachesCheck(
    SessionTokens tokens,
    JsonEntryCache<CachedToken> tokenCache,
    JsonEntryCache<CachedRegistration> registrations,
    JsonEntryCache<CachedRoleCredentials> roles,
    Platform.IFileSystem fileSystem,
    TimeProvider time) : IDoctorCheck
{
    public Task RunAsync(DoctorState state, DoctorReport report, CancellationToken cancellationToken)
    {
        if (state.Settings is not { Role: { } role } settings)
        {
            return Task.CompletedTask;
        }

        report.Section("caches");
        try
        {
            DescribeAll(state, settings, role, report);
        }
        catch (Errors.SsocredException e)
        {
            // A cache folder ssocred refuses (world-writable) is itself the finding.
            report.Error(e.ToDisplayText());
        }

        return Task.CompletedTask;
    }

    private void DescribeAll(DoctorState state, Configuration.SsoSettings settings, Configuration.RoleTarget role, DoctorReport report)
    {
        var now = time.GetUtcNow();
        var margin = state.Options.MinTtl;

        var roleKey = CacheKeys.RoleCredentials(settings.Session, role);
        var cachedRole = roles.Read(roleKey);
        state.RoleCredentials = cachedRole?.ToCredentials();
        report.Fact("role credentials", Describe(roles.Store, roleKey, cachedRole is not null, state.RoleCredentials?.Expiration, now, margin));

        var tokenKey = CacheKeys.Token(settings.Session);
        state.Token = tokens.Read(settings.Session, tokenKey);
        report.Fact("SSO token", Describe(tokenCache.Store, tokenKey, tokenCache.Read(tokenKey) is not null, state.Token?.Expiry, now, margin));
        if (state.Token is { } token)
        {
            report.Fact("refresh", settings.Session.IsLegacy ? "not possible (legacy profile)"
                : token.CanRefresh(now) ? $"possible (client registration valid until {CacheTime.Format(token.RegistrationExpiry!.Value)})"
                : "not possible (no refresh token, or the client registration expired)");
        }

        var registrationKey = CacheKeys.Registration(settings.Session, settings.Session.ConfiguredScopes);
        var registration = registrations.Read(registrationKey);
        report.Fact("client registration", Describe(registrations.Store, registrationKey, registration is not null, registration?.Expiry, now, TimeSpan.Zero));

        foreach (var (name, store, key) in new[] { ("role lock", roles.Store, roleKey), ("session lock", tokenCache.Store, tokenKey) })
        {
            var path = store.LockPathOf(key);
            if (!fileSystem.FileExists(path))
            {
                continue;
            }

            using var held = fileSystem.TryLockExclusive(path);
            if (held is null)
            {
                report.Warning($"the {name} {path} is held by another ssocred process (a sign-in or fetch in progress)");
            }
        }
    }

    private string Describe(FileCacheStore store, string key, bool readable, DateTimeOffset? expiry, DateTimeOffset now, TimeSpan margin)
    {
        var path = store.PathOf(key);
        if (!fileSystem.FileExists(path))
        {
            return $"absent ({path})";
        }

        if (!readable || expiry is null)
        {
            return $"unreadable or of the wrong shape, treated as absent ({path})";
        }

        var left = expiry.Value - now;
        var state = left <= TimeSpan.Zero ? "expired" : left < margin ? "expires within the margin" : "valid";
        return $"{state}: until {CacheTime.Format(expiry.Value)} ({Left(left)}) ({path})";
    }

    private static string Left(TimeSpan left) =>
        left <= TimeSpan.Zero ? $"{Math.Round(-left.TotalMinutes)} min ago" : left.TotalHours >= 1 ? $"{left.TotalHours:0.#} h left" : $"{Math.Round(left.TotalMinutes)} min left";
}
