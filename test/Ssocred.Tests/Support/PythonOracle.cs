using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Ssocred.Tests.Support;

/// <summary>
/// Asks the Python and botocore installed on this machine, so expectations come from the tools
/// ssocred must agree with rather than from our own reading of them.
/// </summary>
internal static class PythonOracle
{
    public static string Run(string script, string? stdin = null, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Write(stdin ?? string.Empty);
        process.StandardInput.Close();
        var stdoutTask = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        var stdout = stdoutTask.Result;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"python3 failed ({process.ExitCode}): {stderr}");
        }

        return stdout.Trim();
    }

    /// <summary>sha1 of Python's json.dumps(fields, sort_keys=True) with compact or default separators.</summary>
    public static string Sha1OfJsonDumps(IDictionary<string, object?> fields, bool compact) =>
        Run(
            "import sys, json, hashlib\n"
            + "d = json.loads(sys.stdin.read())\n"
            + (compact ? "s = json.dumps(d, sort_keys=True, separators=(',', ':'))\n" : "s = json.dumps(d, sort_keys=True)\n")
            + "print(hashlib.sha1(s.encode('utf-8')).hexdigest())",
            JsonSerializer.Serialize(fields));
}
