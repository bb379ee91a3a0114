using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Ssocred.EndToEnd.Support;

/// <summary>Runs python3 (with botocore and boto3) on a script that prints one JSON object.</summary>
internal static class PythonScript
{
    /// <param name="script">Code for <c>python3 -c</c>, or the path of a .py file beside the tests.</param>
    public static JsonObject Run(string script, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (script.EndsWith(".py", StringComparison.Ordinal))
        {
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, script));
        }
        else
        {
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(script);
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var python = Process.Start(start)!;
        var stdout = python.StandardOutput.ReadToEndAsync();
        var stderr = python.StandardError.ReadToEnd();
        python.WaitForExit();
        Assert.That(python.ExitCode, Is.Zero, stderr);
        return JsonNode.Parse(stdout.Result)!.AsObject();
    }
}
