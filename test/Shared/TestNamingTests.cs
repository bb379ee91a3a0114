using System.Reflection;
using System.Text.RegularExpressions;

namespace TestSupport;

/// <summary>
/// One naming convention in every test project (this file is compiled into each): a test's name
/// reads as a sentence, its words joined by '_' (API names such as GetRoleCredentials stay whole).
/// </summary>
internal sealed partial class TestNamingTests
{
    [Test]
    public void Every_test_name_is_a_sentence_with_its_words_joined_by_underscores()
    {
        var names = typeof(TestNamingTests).Assembly.GetTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(method => method.GetCustomAttributes().Any(a => a is TestAttribute or TestCaseAttribute or TestCaseSourceAttribute))
            .Select(method => $"{method.DeclaringType!.Name}.{method.Name}")
            .ToList();

        Assert.That(names, Is.Not.Empty);
        Assert.That(names.Where(name => !Sentence().IsMatch(name.Split('.')[1])), Is.Empty);
    }

    [GeneratedRegex("^[A-Z][A-Za-z0-9]*(_[A-Za-z0-9]+)+$")]
    private static partial Regex Sentence();
}
