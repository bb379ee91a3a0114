using Ssocred.Credentials;

namespace Ssocred.Serving;

/// <summary>
/// The credentials a long-running endpoint hands out: kept in memory while they have more than
/// the margin left, else fetched again through the credential path (file cache, token, refresh,
/// sign-in, single flight with other ssocred processes). Requests that arrive together wait for
/// one fetch, so many at once make at most one GetRoleCredentials.
/// </summary>
internal sealed class ServedCredentials(Func<CancellationToken, Task<RoleCredentials>> fetch, TimeSpan margin, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _fetching = new(1, 1);
    private RoleCredentials? _current;

    public async Task<RoleCredentials> GetAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } current)
        {
            return current;
        }

        await _fetching.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Fresh() is { } fetchedMeanwhile)
            {
                return fetchedMeanwhile;
            }

            var fetched = await fetch(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _current, fetched);
            return fetched;
        }
        finally
        {
            _fetching.Release();
        }
    }

    public void Dispose() => _fetching.Dispose();

    private RoleCredentials? Fresh() =>
        Volatile.Read(ref _current) is { } current && current.Serve(margin, time.GetUtcNow()) ? current : null;
}
