using System.Globalization;
using Serilog;
using Serilog.Formatting.Display;
using Serilog.Events;
using Ssocred.Platform;

namespace Ssocred.Diagnostics;

/// <summary>
/// Serilog to stderr (warnings, or debug with -v) and optionally a file. The pipeline is built on
/// the first event that passes the level check, so a run that logs nothing (the warm path)
/// never builds it, nor opens stderr's writer (Console.Error costs the warm path a tenth of its
/// page faults).
/// </summary>
internal sealed class SerilogLog(LogEventLevel minimumLevel, string? logFile, IStandardError stderr) : ILog, IDisposable
{
    private const string StderrTemplate = "ssocred: {Level:w}: {Message:lj}{NewLine}{Exception}";
    private const string FileTemplate = "{Timestamp:yyyy-MM-dd'T'HH:mm:ss.fffzzz} [{Level:u3}] ({ProcessId}) {Message:lj}{NewLine}{Exception}";

    // Opened now, so a file that cannot be is said at once rather than dropped silently by Serilog.
    private readonly string? _logFile = Usable(logFile, stderr);
    private Serilog.Core.Logger? _logger;

    private LogEventLevel FileLevel => _logFile is null ? LogEventLevel.Fatal : LogEventLevel.Debug;

    public bool IsDebugEnabled => minimumLevel <= LogEventLevel.Debug || _logFile is not null;

    public void Debug(string messageTemplate, params object?[] values) => Write(LogEventLevel.Debug, null, messageTemplate, values);

    public void Warning(string messageTemplate, params object?[] values) => Write(LogEventLevel.Warning, null, messageTemplate, values);

    public void Error(Exception exception, string messageTemplate, params object?[] values) => Write(LogEventLevel.Error, exception, messageTemplate, values);

    public void Dispose() => _logger?.Dispose();

    private void Write(LogEventLevel level, Exception? exception, string messageTemplate, object?[] values)
    {
        if (level < minimumLevel && level < FileLevel)
        {
            return;
        }

        _logger ??= Build();
        _logger.Write(level, exception, messageTemplate, values);
    }

    private Serilog.Core.Logger Build()
    {
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Is(minimumLevel < FileLevel ? minimumLevel : FileLevel)
            .Enrich.WithProperty("ProcessId", Environment.ProcessId)
            .WriteTo.Sink(new TextWriterSink(stderr.Writer, new MessageTemplateTextFormatter(StderrTemplate, CultureInfo.InvariantCulture)), minimumLevel);
        if (_logFile is not null)
        {
            configuration = configuration.WriteTo.File(_logFile, restrictedToMinimumLevel: LogEventLevel.Debug, outputTemplate: FileTemplate, formatProvider: CultureInfo.InvariantCulture, shared: true);
        }

        return configuration.CreateLogger();
    }

    /// <summary>The log file if it can be opened for appending; else null, with a warning on stderr.</summary>
    private static string? Usable(string? path, IStandardError stderr)
    {
        if (path is null)
        {
            return null;
        }

        try
        {
            using var probe = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            return path;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            stderr.Writer.Write($"ssocred: warning: cannot open the log file {path} ({e.Message.TrimEnd('.')}); logging to stderr only\n");
            return null;
        }
    }
}
