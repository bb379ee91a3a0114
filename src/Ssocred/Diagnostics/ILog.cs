namespace Ssocred.Diagnostics;

/// <summary>
/// Log lines for troubleshooting (stderr, and a file on request). Not for talking to the person:
/// prompts go through <c>IUserNotifier</c>. Arguments must never be secrets except as
/// <see cref="Secret"/>, which redacts itself.
/// </summary>
internal interface ILog
{
    bool IsDebugEnabled { get; }

    void Debug(string messageTemplate, params object?[] values);

    void Warning(string messageTemplate, params object?[] values);

    void Error(Exception exception, string messageTemplate, params object?[] values);
}
