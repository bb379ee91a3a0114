using System.Net;
using Amazon.Runtime;
using Ssocred.Platform;

namespace Ssocred.Aws;

/// <summary>
/// The HTTP clients of the AWS SDK clients: what the SDK would build itself (a
/// <see cref="SocketsHttpHandler"/> with the config's timeouts, redirects and proxy, no automatic
/// decompression), plus <see cref="TlsTrust"/>, so the first TLS connection does not read every
/// system root certificate.
/// </summary>
internal sealed class SsoHttpClientFactory : HttpClientFactory
{
    public override HttpClient CreateHttpClient(IClientConfig clientConfig)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = clientConfig.AllowAutoRedirect,
            AutomaticDecompression = DecompressionMethods.None,
            EnableMultipleHttp2Connections = true,
        };
        if (clientConfig.ConnectTimeout is { } connectTimeout)
        {
            handler.ConnectTimeout = connectTimeout;
        }

        if (clientConfig.MaxConnectionsPerServer is { } maxConnections)
        {
            handler.MaxConnectionsPerServer = maxConnections;
        }

        if (clientConfig.GetWebProxy() is { } proxy)
        {
            handler.Proxy = proxy;
        }

        if (handler.Proxy is not null && clientConfig.ProxyCredentials is { } credentials)
        {
            handler.Proxy.Credentials = credentials;
        }

        TlsTrust.ForThisProcess()?.ApplyTo(handler.SslOptions);
        var client = new HttpClient(handler);
        if (clientConfig.Timeout is { } timeout)
        {
            client.Timeout = timeout;
        }

        return client;
    }
}
