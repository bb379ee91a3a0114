// Calls sts:GetCallerIdentity with the AWS SDK for JavaScript v3 as an application would.
//   node get-caller-identity.mjs              the default provider chain (AWS_PROFILE picks the profile)
//   node get-caller-identity.mjs --from-ini P fromIni({ profile: P }) from @aws-sdk/credential-providers
//   node get-caller-identity.mjs --from-container-metadata
//                                             fromContainerMetadata() (AWS_CONTAINER_CREDENTIALS_FULL_URI)
// Region and the STS endpoint come from AWS_REGION and AWS_ENDPOINT_URL_STS, as usual.
// Prints {"sdk":…,"UserId":…,"Account":…,"Arn":…} on stdout; on failure the SDK's error message
// goes to stderr and the exit code is 1.
import { createRequire } from "node:module";
import { STSClient, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { fromContainerMetadata, fromIni } from "@aws-sdk/credential-providers";

const sdkVersion = createRequire(import.meta.url)("@aws-sdk/client-sts/package.json").version;
const [option, profile] = process.argv.slice(2);
const credentials = {
  "--from-ini": () => fromIni({ profile }),
  // Its defaults (1 s, no retry) are for a metadata service on the same host; a loaded CI machine needs more.
  "--from-container-metadata": () => fromContainerMetadata({ timeout: 5000, maxRetries: 2 }),
}[option];
const client = new STSClient(credentials ? { credentials: credentials() } : {});

try {
  const { UserId, Account, Arn } = await client.send(new GetCallerIdentityCommand({}));
  console.log(JSON.stringify({ sdk: `@aws-sdk/client-sts ${sdkVersion}`, UserId, Account, Arn }));
} catch (error) {
  console.error(error.message);
  process.exitCode = 1;
}
