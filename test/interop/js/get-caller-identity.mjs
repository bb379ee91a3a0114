// Calls sts:GetCallerIdentity with the AWS SDK for JavaScript v3 as an application would.
//   node get-caller-identity.mjs              the default provider chain (AWS_PROFILE picks the profile)
//   node get-caller-identity.mjs --from-ini P fromIni({ profile: P }) from @aws-sdk/credential-providers
// Region and the STS endpoint come from AWS_REGION and AWS_ENDPOINT_URL_STS, as usual.
// Prints {"sdk":…,"UserId":…,"Account":…,"Arn":…} on stdout; on failure the SDK's error message
// goes to stderr and the exit code is 1.
import { createRequire } from "node:module";
import { STSClient, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { fromIni } from "@aws-sdk/credential-providers";

const sdkVersion = createRequire(import.meta.url)("@aws-sdk/client-sts/package.json").version;
const [option, profile] = process.argv.slice(2);
const client = new STSClient(option === "--from-ini" ? { credentials: fromIni({ profile }) } : {});

try {
  const { UserId, Account, Arn } = await client.send(new GetCallerIdentityCommand({}));
  console.log(JSON.stringify({ sdk: `@aws-sdk/client-sts ${sdkVersion}`, UserId, Account, Arn }));
} catch (error) {
  console.error(error.message);
  process.exitCode = 1;
}
