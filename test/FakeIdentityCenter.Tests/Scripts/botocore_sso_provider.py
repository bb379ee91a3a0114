"""botocore's own SSO credential provider for an sso-session profile whose cached token is about to
expire: it must refresh the token through the fake (AWS_ENDPOINT_URL_SSO_OIDC), write the rotated
refresh token back to the cache, and get role credentials (AWS_ENDPOINT_URL_SSO).
The caller sets HOME, AWS_CONFIG_FILE (profile "fake", sso-session "fake"), the endpoint variables,
and FAKE_SSO_TOKEN: the token cache entry, which is saved where botocore (and the AWS CLI) look for it."""
import json
import os

import botocore.session
from botocore.utils import JSONFileCache, SSOTokenLoader

token = json.loads(os.environ["FAKE_SSO_TOKEN"])
cache = JSONFileCache(os.path.expanduser(os.path.join("~", ".aws", "sso", "cache")))
SSOTokenLoader(cache=cache).save_token(token["startUrl"], token, session_name="fake")

session = botocore.session.Session(profile="fake")
credentials = session.get_credentials().get_frozen_credentials()
cached = SSOTokenLoader(cache=cache)(token["startUrl"], session_name="fake")
print(json.dumps({
    "accessKey": credentials.access_key,
    "cachedAccessToken": cached["accessToken"],
    "cachedRefreshToken": cached.get("refreshToken"),
}))
