using Ssocred.Aws;
using Ssocred.Credentials;

namespace Ssocred.SignIn;

/// <summary>A finished sign-in: the client that signed in and what CreateToken granted it.</summary>
internal sealed record CompletedSignIn(ClientRegistration Client, TokenGrant Grant);
