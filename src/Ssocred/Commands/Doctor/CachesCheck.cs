using Ssocred.Caching;
using Ssocred.Configuration;
using Ssocred.Credentials;
using Ssocred.SignIn;

namespace Ssocred.Commands.Doctor;

/// <summary>The state of the token, registration and role-credential caches, and their locks.</summary>
internal sealed class CachesCheck(
    SessionTokens tokens,
    ICacheStores stores,
    Platform.IFileSystem fileSystem,
    TimeProvider time) : IDoctorCheck
{
    public Task<DoctorSection?> RunAsync(CredentialRequest request, CancellationToken cancellationToken)
    {
        var findings = new List<Finding>();
        if (request.Settings.Role is { } role)
        {
            try
            {
                DescribeAll(request, role, findings);
            }
            catch (Errors.SsocredException e)
            {
                // A cache folder ssocred refuses (world-writable) is itself the finding.
                findings.Add(Finding.Error(e.ToDisplayText()));
            }
        }

        return Task.FromResult<DoctorSection?>(request.Settings.Role is null ? null : new DoctorSection("caches", findings));
    }

    private void DescribeAll(CredentialRequest request, RoleTarget role, List<Finding> findings)
    {
        var now = time.GetUtcNow();
        var margin = request.Refresh.Margin;
        var session = request.Session;
        var caches = stores.For(session);

        var roleKey = CacheKeys.RoleCredentials(session, role);
        var credentials = caches.Roles.Read(roleKey);
        findings.Add(Finding.Fact("role credentials", Describe(caches.Roles.Store, roleKey, credentials?.Expiration, now, margin)));

        var tokenKey = CacheKeys.Token(session);
        var token = tokens.Read(session);
        findings.Add(Finding.Fact("SSO token", Describe(caches.Tokens.Store, tokenKey, token?.ExpiresAt, now, margin)));
        if (token is not null)
        {
            findings.Add(Finding.Fact("refresh", session.IsLegacy ? "not possible (legacy profile)"
                : CredentialPlan.Refreshes(session, token, now) ? $"possible (client registration valid until {CacheTime.Format(token.Client!.ExpiresAt)})"
                : "not possible (no refresh token, or the client registration expired)"));
        }

        // Judged as a sign-in judges it: reused only with the AWS CLI's expiry window left.
        var registrationKey = CacheKeys.Registration(session, session.ConfiguredScopes);
        var registration = caches.Registrations.Read(registrationKey);
        findings.Add(Finding.Fact("client registration", Describe(caches.Registrations.Store, registrationKey, registration?.ExpiresAt, now, ClientRegistrations.ExpiryWindow)));

        foreach (var (name, path) in new[] { ("role lock", caches.Roles.Store.LockPathOf(roleKey)), ("session lock", caches.Tokens.Store.LockPathOf(tokenKey)) })
        {
            if (!fileSystem.FileExists(path))
            {
                continue;
            }

            using var held = fileSystem.TryLockExclusive(path);
            if (held is null)
            {
                findings.Add(Finding.Warning($"the {name} {path} is held by another ssocred process (a sign-in or fetch in progress)"));
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
        return $"{state}: until {CacheTime.Format(expiry.Value)} ({Output.HumanTime.Relative(expiry.Value, now)}) ({path})";
    }

}
