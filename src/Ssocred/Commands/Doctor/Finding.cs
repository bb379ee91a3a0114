namespace Ssocred.Commands.Doctor;

internal enum FindingKind
{
    /// <summary>A named value: "name   value".</summary>
    Fact,

    /// <summary>A line of its own.</summary>
    Note,

    /// <summary>Worth knowing; the request may still succeed.</summary>
    Warning,

    /// <summary>The request would not succeed without the person: doctor exits 1.</summary>
    Error,
}

/// <summary>One thing a check found; <see cref="DoctorReport"/> decides how it looks.</summary>
/// <param name="Name">The fact's name; null for other kinds.</param>
internal sealed record Finding(FindingKind Kind, string Text, string? Name = null)
{
    /// <summary>A warning that still makes doctor exit 1 (the diagnosed profile's mixed layout).</summary>
    public bool FailsDoctor { get; init; }

    public static Finding Fact(string name, string value) => new(FindingKind.Fact, value, name);

    public static Finding Note(string text) => new(FindingKind.Note, text);

    public static Finding Warning(string message) => new(FindingKind.Warning, message);

    public static Finding Error(string message) => new(FindingKind.Error, message);
}

/// <summary>A check's findings under its title.</summary>
internal sealed record DoctorSection(string Title, IReadOnlyList<Finding> Findings)
{
    public bool HasErrors => Findings.Any(f => f.Kind == FindingKind.Error || f.FailsDoctor);
}
