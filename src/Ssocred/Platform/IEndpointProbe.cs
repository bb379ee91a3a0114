using System.Diagnostics;
using System.Net.Sockets;

namespace Ssocred.Platform;

/// <summary>Whether an endpoint answers: how long a TCP connection took, or why none opened.</summary>
internal sealed record Reachability(TimeSpan? Latency, string? Failure);

/// <summary>
/// A cheap "is anyone there" before something slow depends on it (a browser sign-in, doctor's
/// report): one TCP connection to the endpoint's host and port, no request, a short timeout.
/// </summary>
internal interface IEndpointProbe
{
    Task<Reachability> ConnectAsync(Uri endpoint, TimeSpan timeout, CancellationToken cancellationToken);
}

internal sealed class TcpEndpointProbe : IEndpointProbe
{
    public async Task<Reachability> ConnectAsync(Uri endpoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await client.ConnectAsync(endpoint.Host, endpoint.Port, limit.Token).ConfigureAwait(false);
            return new Reachability(Stopwatch.GetElapsedTime(started), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new Reachability(null, $"no answer within {timeout.TotalSeconds:0} s");
        }
        catch (SocketException e)
        {
            return new Reachability(null, e.Message);
        }
    }
}
