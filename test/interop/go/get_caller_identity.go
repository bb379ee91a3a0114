// Calls sts:GetCallerIdentity with the AWS SDK for Go v2 exactly as an application (or
// Terraform's AWS provider) would: credentials from the shared config profile, nothing else.
// Prints {"sdk":…,"UserId":…,"Account":…,"Arn":…} on stdout; on failure the SDK's error goes
// to stderr and the exit code is 1.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

func main() {
	profile := flag.String("profile", "", "shared config profile")
	flag.Parse()

	ctx := context.Background()
	cfg, err := config.LoadDefaultConfig(ctx, config.WithSharedConfigProfile(*profile))
	if err != nil {
		fail(err)
	}

	client := sts.NewFromConfig(cfg, func(o *sts.Options) {
		// SDK 1.17 predates AWS_ENDPOINT_URL_<SERVICE>, so honour the variable here.
		if url := os.Getenv("AWS_ENDPOINT_URL_STS"); url != "" {
			o.EndpointResolver = sts.EndpointResolverFromURL(url)
		}
	})
	identity, err := client.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		fail(err)
	}

	json.NewEncoder(os.Stdout).Encode(map[string]string{
		"sdk":     "aws-sdk-go-v2 " + aws.SDKVersion,
		"UserId":  aws.ToString(identity.UserId),
		"Account": aws.ToString(identity.Account),
		"Arn":     aws.ToString(identity.Arn),
	})
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}
