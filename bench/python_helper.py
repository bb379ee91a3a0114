"""A minimal credential_process helper on botocore, the way aws-sso-util and the AWS CLI v2 do it:
a botocore session for the profile, its built-in SSO provider given the role-credential file cache
that the AWS CLI v2 injects (~/.aws/cli/cache), and the credential-process JSON on stdout.

usage: python3 python_helper.py --profile PROFILE
"""
import argparse
import json
import os
import sys
from datetime import timezone

import botocore.session
from botocore.utils import JSONFileCache

CACHE_DIR = os.path.expanduser(os.path.join("~", ".aws", "cli", "cache"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--profile", required=True)
    args = parser.parse_args()

    session = botocore.session.Session(profile=args.profile)
    # As awscli.customizations.sso.inject_json_file_cache does.
    session.get_component("credential_provider").get_provider("sso").cache = JSONFileCache(CACHE_DIR)
    credentials = session.get_credentials()
    if credentials is None:
        print(f"no credentials for profile {args.profile}", file=sys.stderr)
        return 1

    frozen = credentials.get_frozen_credentials()
    # botocore keeps the expiry private; the AWS CLI's export-credentials reads it the same way.
    expiry = getattr(credentials, "_expiry_time", None)
    output = {
        "Version": 1,
        "AccessKeyId": frozen.access_key,
        "SecretAccessKey": frozen.secret_key,
        "SessionToken": frozen.token,
    }
    if expiry is not None:
        output["Expiration"] = expiry.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    print(json.dumps(output, separators=(",", ":")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
