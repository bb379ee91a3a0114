"""Drives the fake with botocore's own sso and sso-oidc clients; prints one JSON object of observations."""
import json
import sys
import urllib.request

import botocore
import botocore.session
from botocore import UNSIGNED
from botocore.config import Config
from botocore.exceptions import ClientError

DEVICE = "urn:ietf:params:oauth:grant-type:device_code"
endpoint = sys.argv[1]
session = botocore.session.get_session()
config = Config(signature_version=UNSIGNED, retries={"mode": "standard", "max_attempts": 3})
oidc = session.create_client("sso-oidc", region_name="us-east-1", endpoint_url=endpoint, config=config)
sso = session.create_client("sso", region_name="us-east-1", endpoint_url=endpoint, config=config)


def error_code(call):
    try:
        call()
    except ClientError as e:
        return e.response["Error"]["Code"]
    return None


out = {"botocore": botocore.__version__}
reg = oidc.register_client(clientName="botocore", clientType="public",
                           scopes=["sso:account:access"], grantTypes=[DEVICE, "refresh_token"])
secret = dict(clientId=reg["clientId"], clientSecret=reg["clientSecret"])
dev = oidc.start_device_authorization(startUrl="https://example.awsapps.com/start", **secret)
poll = lambda: oidc.create_token(grantType=DEVICE, deviceCode=dev["deviceCode"], **secret)
out["pending"] = error_code(poll)
urllib.request.urlopen(dev["verificationUriComplete"]).read()  # the fake runs with AutoApprove
token = poll()
out["tokenType"] = token["tokenType"]
out["expiresIn"] = token["expiresIn"]
refreshed = oidc.create_token(grantType="refresh_token", refreshToken=token["refreshToken"], **secret)
out["reusedRefresh"] = error_code(
    lambda: oidc.create_token(grantType="refresh_token", refreshToken=token["refreshToken"], **secret))
access = refreshed["accessToken"]
creds = sso.get_role_credentials(roleName="ReadOnly", accountId="111122223333", accessToken=access)["roleCredentials"]
out["accessKeyId"] = creds["accessKeyId"]
out["expiration"] = creds["expiration"]
out["accounts"] = [a["accountId"] for page in sso.get_paginator("list_accounts").paginate(accessToken=access)
                   for a in page["accountList"]]
out["roles"] = [r["roleName"] for page in sso.get_paginator("list_account_roles").paginate(
    accessToken=access, accountId="111122223333") for r in page["roleList"]]
out["forbidden"] = error_code(
    lambda: sso.get_role_credentials(roleName="Admin", accountId="999999999999", accessToken=access))
sso.logout(accessToken=access)
out["afterLogout"] = error_code(lambda: sso.list_accounts(accessToken=access))
print(json.dumps(out))
