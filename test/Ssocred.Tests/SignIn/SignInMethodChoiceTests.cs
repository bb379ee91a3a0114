using Ssocred.Configuration;
using Ssocred.SignIn;
using Ssocred.Tests.Support;

namespace Ssocred.Tests.SignIn;

/// <summary>SPEC §2, "Which flow", as a table.</summary>
public class SignInMethodChoiceTests
{
    private const string StartUrl = "https://corp.awsapps.com/start";
    private static readonly SsoSession Session = new("corp", StartUrl, "ap-northeast-2", null, UseDeviceCode: false);
    private static readonly SsoSession DeviceCodeSession = Session with { UseDeviceCode = true };
    private static readonly SsoSession Legacy = new(null, StartUrl, "ap-northeast-2", null, UseDeviceCode: true);

    private static readonly Dictionary<string, string> Desktop = new() { ["DISPLAY"] = ":0" };

    [Test]
    public void An_sso_session_on_a_desktop_signs_in_with_pkce() =>
        Assert.That(Choose(Session, new SignInPreferences(), Desktop), Is.EqualTo(SignInMethod.Pkce));

    [Test]
    public void A_wayland_desktop_counts_as_a_display() =>
        Assert.That(Choose(Session, new SignInPreferences(), new() { ["WAYLAND_DISPLAY"] = "wayland-0" }), Is.EqualTo(SignInMethod.Pkce));

    [Test]
    public void A_legacy_profile_signs_in_with_a_device_code() =>
        Assert.That(Choose(Legacy, new SignInPreferences(), Desktop), Is.EqualTo(SignInMethod.DeviceCode));

    [Test]
    public void A_legacy_profile_uses_a_device_code_even_with_browser_set() =>
        Assert.That(Choose(Legacy with { UseDeviceCode = false }, new SignInPreferences(), new() { ["DISPLAY"] = ":0", ["BROWSER"] = "firefox" }), Is.EqualTo(SignInMethod.DeviceCode));

    [Test]
    public void Use_device_code_flag_wins_over_a_display_and_browser() =>
        Assert.That(Choose(Session, new SignInPreferences { UseDeviceCode = true }, new() { ["DISPLAY"] = ":0", ["BROWSER"] = "firefox" }), Is.EqualTo(SignInMethod.DeviceCode));

    [Test]
    public void Sso_use_device_code_in_the_session_wins_over_a_display() =>
        Assert.That(Choose(DeviceCodeSession, new SignInPreferences(), Desktop), Is.EqualTo(SignInMethod.DeviceCode));

    [Test]
    public void An_ssh_session_signs_in_with_a_device_code() =>
        Assert.That(Choose(Session, new SignInPreferences(), new() { ["DISPLAY"] = "localhost:10.0", ["SSH_CONNECTION"] = "10.0.0.1 5555 10.0.0.2 22" }), Is.EqualTo(SignInMethod.DeviceCode));

    [Test]
    public void Linux_without_a_display_signs_in_with_a_device_code() =>
        Assert.That(Choose(Session, new SignInPreferences(), []), Is.EqualTo(SignInMethod.DeviceCode));

    [Test]
    public void Without_a_display_elsewhere_than_linux_pkce_stays() =>
        Assert.That(SignInMethodChoice.Choose(Session, new SignInPreferences(), new TestEnvironment(), isLinux: false).Method, Is.EqualTo(SignInMethod.Pkce));

    [Test]
    public void A_set_browser_keeps_pkce_over_ssh() =>
        Assert.That(Choose(Session, new SignInPreferences(), new() { ["BROWSER"] = "w3m", ["SSH_CONNECTION"] = "10.0.0.1 5555 10.0.0.2 22" }), Is.EqualTo(SignInMethod.Pkce));

    [Test]
    public void A_set_browser_keeps_pkce_without_a_display() =>
        Assert.That(Choose(Session, new SignInPreferences(), new() { ["BROWSER"] = "w3m" }), Is.EqualTo(SignInMethod.Pkce));

    [Test]
    public void A_callback_port_for_ssh_forwarding_keeps_pkce() =>
        Assert.That(Choose(Session, new SignInPreferences { CallbackPort = 8400 }, new() { ["SSH_CONNECTION"] = "10.0.0.1 5555 10.0.0.2 22" }), Is.EqualTo(SignInMethod.Pkce));

    [Test]
    public void Every_choice_says_why()
    {
        var (_, reason) = SignInMethodChoice.Choose(Session, new SignInPreferences(), new TestEnvironment(new() { ["SSH_CONNECTION"] = "x" }), isLinux: true);
        Assert.That(reason, Does.Contain("SSH_CONNECTION"));
    }

    private static SignInMethod Choose(SsoSession session, SignInPreferences options, Dictionary<string, string> variables) =>
        SignInMethodChoice.Choose(session, options, new TestEnvironment(variables), isLinux: true).Method;
}
