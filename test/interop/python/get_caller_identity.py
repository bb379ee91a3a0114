"""Calls sts:GetCallerIdentity with boto3 exactly as an application would: the default session
(AWS_PROFILE names the profile), the region from AWS_DEFAULT_REGION, the endpoint from
AWS_ENDPOINT_URL_STS. Prints {"sdk":…,"UserId":…,"Account":…,"Arn":…} on stdout; on failure
botocore's error message goes to stderr and the exit code is 1."""
import json
import sys

import boto3
import botocore
from botocore.exceptions import BotoCoreError, ClientError

try:
    identity = boto3.client("sts").get_caller_identity()
except (BotoCoreError, ClientError) as error:
    print(error, file=sys.stderr)
    sys.exit(1)

print(json.dumps({
    "sdk": f"boto3 {boto3.__version__} botocore {botocore.__version__}",
    "UserId": identity["UserId"],
    "Account": identity["Account"],
    "Arn": identity["Arn"],
}))
