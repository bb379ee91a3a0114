using Ssocred.Configuration;
using Ssocred.Credentials;

namespace Ssocred.SignIn;

/// <summary>
/// A sign-in that needs the person (browser or device code). It runs while the session's lock is
/// held, so one process signs in and the others wait for its token.
/// </summary>
internal interface ISignInFlow
{
    Task<SsoToken> SignInAsync(SsoSettings settings, SignInPreferences preferences, CancellationToken cancellationToken);
}
