"""Reads snapshots of ~/.aws/sso/cache and ~/.aws/cli/cache as botocore (and so the AWS CLI)
reads them: every *.json with a strict json.load, the session's token through SSOTokenLoader
and the role credentials through SSOCredentialFetcher's own cache lookup and expiry check.

usage: botocore_cache_reader.py SNAPSHOTS START_URL REGION SESSION ACCOUNT ROLE
where SNAPSHOTS holds one folder per snapshot, each with sso/ and cli/.
Prints {"snapshots": N, "files": N, "problems": ["…", …]}."""
import json, os, sys
from botocore.credentials import SSOCredentialFetcher
from botocore.utils import JSONFileCache, SSOTokenLoader, parse_timestamp

root, start_url, region, session, account, role = sys.argv[1:7]
snapshots = sorted(os.listdir(root))
files, problems = 0, []
for snapshot in snapshots:
    sso, cli = os.path.join(root, snapshot, "sso"), os.path.join(root, snapshot, "cli")
    for folder in (sso, cli):
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".json"):
                continue
            files += 1
            try:
                with open(os.path.join(folder, name), encoding="utf-8") as f:
                    json.load(f)
            except Exception as e:
                problems.append(f"{snapshot}/{os.path.basename(folder)}/{name}: {e!r}")
    try:
        token = SSOTokenLoader(cache=JSONFileCache(sso))(start_url, session_name=session)
        parse_timestamp(token["expiresAt"])
        fetcher = SSOCredentialFetcher(start_url, region, role, account, client_creator=None,
                                       cache=JSONFileCache(cli), sso_session_name=session)
        # JSONFileCache answers KeyError for a file it cannot parse: that is a lost file here.
        fetcher._cache[fetcher._cache_key]
        fetcher._load_from_cache()
    except Exception as e:
        problems.append(f"{snapshot}: {e!r}")
json.dump({"snapshots": len(snapshots), "files": files, "problems": problems}, sys.stdout)
