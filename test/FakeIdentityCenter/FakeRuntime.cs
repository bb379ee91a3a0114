namespace FakeIdentityCenter;

/// <summary>What every endpoint shares: options, state, counters, pending faults, and the stop signal.</summary>
internal sealed class FakeRuntime(FakeOptions options) : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();

    public FakeOptions Options { get; } = options;

    public FakeStore Store { get; } = new(options);

    public CallCounters Counters { get; } = new();

    public FaultInjector Faults { get; } = new();

    public Federation Federation { get; } = new();

    /// <summary>Cancelled when the server stops, so that hanging requests end.</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>Counts the call, answers with a pending fault if there is one, else runs the handler.</summary>
    public async Task RunAsync(HttpContext context, string operation, ApiStyle style, Func<HttpContext, Task> handler)
    {
        Counters.Count(operation);
        if (await TryFaultAsync(context, operation, operation, style))
        {
            return;
        }

        try
        {
            await handler(context);
        }
        catch (ApiErrorException error)
        {
            await Wire.WriteErrorAsync(context, error.Error, error.Message);
        }
    }

    /// <summary>Answers with the next pending fault for <paramref name="key"/>, if any.</summary>
    public async Task<bool> TryFaultAsync(HttpContext context, string key, string operation, ApiStyle style)
    {
        if (!Faults.TryTake(key, out var kind))
        {
            return false;
        }

        await FaultResponder.RespondAsync(context, operation, style, kind, Stopping);
        return true;
    }

    public void SignalStopping() => _stopping.Cancel();

    public void Dispose() => _stopping.Dispose();
}
