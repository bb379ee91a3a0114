using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace Ssocred.Diagnostics;

/// <summary>Writes log events to a TextWriter (our stderr seam), one flushed line each.</summary>
internal sealed class TextWriterSink(TextWriter writer, ITextFormatter formatter) : ILogEventSink
{
    private readonly Lock _gate = new();

    public void Emit(LogEvent logEvent)
    {
        lock (_gate)
        {
            formatter.Format(logEvent, writer);
            writer.Flush();
        }
    }
}
