using Ssocred.Caching;
using Ssocred.Configuration;
using Ssocred.Credentials;

namespace Ssocred.Commands.Doctor;

/// <summary>The state of the token, registration and role-credential caches, and their locks.</summary>
internal sealed class CachesCheck(
    SessionTokens tokens,
    ICacheStores stores,
    Platform.IFileSystem fileSystem,
    TimeProvider time) : IDoctorCheck
{
    public Task RunAsync(DoctorState state, DoctorReport report, CancellationToken cancellationToken)
    {
        if (state.Request is not { Settings.Role: { } role } request)
        {
            return Task.CompletedTask;
        }

        report.Section("caches");
        try
        {
            DescribeAll(state, request, role, report);
        }
        catch (Errors.SsocredException e)
        {
            // A cache folder ssocred refuses (world-writable) is itself the finding.
            report.Error(e.ToDisplayText());
        }

        return Task.CompletedTask;
    }

    private void DescribeAll(DoctorState state, CredentialRequest request, RoleTarget role, DoctorReport report)
    {
        var now = time.GetUtcNow();
        var margin = request.Refresh.Margin;
        var session = request.Session;
        var caches = stores.For(session);

        var roleKey = CacheKeys.RoleCredentials(session, role);
        state.RoleCredentials = caches.Roles.Read(roleKey);
        report.Fact("role credentials", Describe(caches.Roles.Store, roleKey, state.RoleCredentials?.Expiration, now, margin));

        var tokenKey = CacheKeys.Token(session);
        state.Token = tokens.Read(session);
        report.Fact("SSO token", Describe(caches.Tokens.Store, tokenKey, state.Token?.ExpiresAt, now, margin));
        if (state.Token is { } token)
        {
            report.Fact("refresh", session.IsLegacy ? "not possible (legacy profile)"
                : token.CanRefresh(now) ? $"possible (client registration valid until {CacheTime.Format(token.Client!.ExpiresAt)})"
                : "not possible (no refresh token, or the client registration expired)");
        }

        var registrationKey = CacheKeys.Registration(session, session.ConfiguredScopes);
        var registration = caches.Registrations.Read(registrationKey);
        report.Fact("client registration", Describe(caches.Registrations.Store, registrationKey, registration?.ExpiresAt, now, TimeSpan.Zero));

        foreach (var (name, path) in new[] { ("role lock", caches.Roles.Store.LockPathOf(roleKey)), ("session lock", caches.Tokens.Store.LockPathOf(tokenKey)) })
        {
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

    private static string Describe(ICacheStore store, string key, DateTimeOffset? expiry, DateTimeOffset now, TimeSpan margin)
    {
        var path = store.Where(key);
        if (!store.Contains(key))
        {
            return $"absent ({path})";
        }

        if (expiry is null)
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
