using Ssocred.Caching;
using Ssocred.Credentials;
using Ssocred.Diagnostics;
using Ssocred.Errors;
using Ssocred.Output;

namespace Ssocred.Serving;

/// <summary>
/// The container-credentials protocol (AWS_CONTAINER_CREDENTIALS_FULL_URI +
/// AWS_CONTAINER_AUTHORIZATION_TOKEN) over one request: a request carrying an Origin header is a
/// browser's (a DNS-rebinding page can reach 127.0.0.1; SDKs never send one) and gets 403; a
/// missing or wrong token 401; a method other than GET 405; otherwise the role's credentials.
/// Every refusal is decided before credentials are touched, and none carries them.
/// </summary>
internal sealed class CredentialEndpoint(ServeToken token, ServedCredentials credentials, string accountId, ILog log)
{
    public async Task<HttpResponse> AnswerAsync(HttpRequestHead request, CancellationToken cancellationToken)
    {
        if (request.Has("Origin"))
        {
            log.Debug("refused a request from a web page (it has an Origin header): 403");
            return HttpResponse.Error(403, "Forbidden", "requests from web pages are refused");
        }

        if (!token.Matches(request.Header("Authorization")))
        {
            log.Debug("refused a request without the right Authorization token: 401");
            return HttpResponse.Error(401, "Unauthorized", "the Authorization header must carry AWS_CONTAINER_AUTHORIZATION_TOKEN");
        }

        if (request.Method != "GET")
        {
            log.Debug("refused a {Method} request: 405", request.Method);
            return HttpResponse.Error(405, "MethodNotAllowed", "only GET is served") with { Allow = "GET" };
        }

        RoleCredentials served;
        try
        {
            served = await credentials.GetAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SsocredException e)
        {
            log.Warning("cannot serve credentials: {Message}", e.ToDisplayText());
            return HttpResponse.Error(500, "CredentialsUnavailable", e.ToDisplayText());
        }

        log.Debug("served the credentials {AccessKeyId}, valid until {Expiration}", served.AccessKeyId, CacheTime.Format(served.Expiration));
        return HttpResponse.Json(200, ContainerCredentialsJson.Render(served, accountId));
    }
}
