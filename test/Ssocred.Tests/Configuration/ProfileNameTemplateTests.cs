using Ssocred.Configuration;
using Ssocred.Errors;

namespace Ssocred.Tests.Configuration;

/// <summary>SPEC §4: populate's name template is checked before anything is written.</summary>
internal sealed class ProfileNameTemplateTests
{
    [TestCase("{account_name}-{role_name}")]
    [TestCase("{session}.{account_id}.{role_name}")]
    [TestCase("plain-{role_name}")]
    public void A_template_of_known_placeholders_passes(string template) =>
        Assert.DoesNotThrow(() => ProfileNameTemplate.Check(template));

    [TestCase("{account_name}-{foo}", "unknown placeholder '{foo}'")]
    [TestCase("{Role_Name}", "unknown placeholder '{Role_Name}'")]
    [TestCase("{account_name", "a brace that opens or closes no placeholder")]
    [TestCase("role}", "a brace that opens or closes no placeholder")]
    public void A_bad_template_is_a_usage_error_naming_the_problem(string template, string problem)
    {
        var error = Assert.Throws<UsageException>(() => ProfileNameTemplate.Check(template))!;

        Assert.Multiple(() =>
        {
            Assert.That(error.Message, Does.Contain(problem));
            Assert.That(error.ExitCode, Is.EqualTo(ExitCodes.Usage));
            Assert.That(error.ToDisplayText(), Does.EndWith("see 'ssocred configure populate --help'"));
        });
    }
}
