namespace Ssocred.Configuration;

/// <summary>A profile that <c>configure populate</c> writes: one account and role through one session.</summary>
internal sealed record PopulatedProfile(string Name, IReadOnlyList<KeyValuePair<string, string>> Values);
