using Ssocred.Output;

namespace Ssocred.Tests.Output;

/// <summary>SPEC §4: doctor's times as people read them.</summary>
internal sealed class HumanTimeTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [TestCase(7 * 60 + 42, "in 7 h 42 min")]
    [TestCase(120, "in 2 h")]
    [TestCase(42, "in 42 min")]
    [TestCase(0.5, "in less than a minute")]
    [TestCase(-0.5, "less than a minute ago")]
    [TestCase(-5, "5 min ago")]
    [TestCase(-3 * 24 * 60, "3 days ago")]
    [TestCase(-3637954, "2526 days ago")]
    [TestCase(90 * 24 * 60, "in 90 days")]
    [TestCase(24 * 60 + 30, "in 1 day")]
    public void A_moment_reads_as_a_person_says_it(double minutes, string expected) =>
        Assert.That(HumanTime.Relative(Now.AddMinutes(minutes), Now), Is.EqualTo(expected));
}
