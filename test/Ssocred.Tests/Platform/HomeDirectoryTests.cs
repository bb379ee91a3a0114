using Ssocred.Errors;
using Ssocred.Platform;
using Ssocred.Tests.Support;

namespace Ssocred.Tests.Platform;

/// <summary>SPEC §1 and §9: where ~ is, so that ssocred and the AWS CLI share one ~/.aws.</summary>
public class HomeDirectoryTests
{
    [Test]
    public void On_unix_home_is_HOME() =>
        Assert.That(HomeDirectory.Find(Env(("HOME", "/home/me"), ("USERPROFILE", @"C:\Users\me")), HostOs.Linux), Is.EqualTo("/home/me"));

    [Test]
    public void On_windows_USERPROFILE_wins_over_a_HOME_that_git_bash_set() =>
        Assert.That(HomeDirectory.Find(Env(("HOME", "/c/Users/me"), ("USERPROFILE", @"C:\Users\me")), HostOs.Windows), Is.EqualTo(@"C:\Users\me"));

    [Test]
    public void On_windows_without_USERPROFILE_home_is_HOMEDRIVE_and_HOMEPATH_as_python_finds_it() =>
        Assert.That(HomeDirectory.Find(Env(("HOMEDRIVE", "D:"), ("HOMEPATH", @"\Users\me"), ("HOME", "/x")), HostOs.Windows), Is.EqualTo(@"D:\Users\me"));

    [Test]
    public void Without_any_home_variable_the_error_names_the_one_to_set()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => HomeDirectory.Find(Env(), HostOs.Windows), Throws.TypeOf<SsocredException>().With.Message.Contains("home"));
            Assert.That(() => HomeDirectory.Find(Env(), HostOs.Linux), Throws.TypeOf<SsocredException>());
        });
    }

    private static TestEnvironment Env(params (string Name, string Value)[] variables) =>
        new(variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal));
}
