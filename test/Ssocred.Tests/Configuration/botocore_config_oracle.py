"""What botocore makes of config files: reads a JSON list of base64 file contents on stdin and
prints, for each, {"ok": true, "profiles": {...}, "sso_sessions": {...}} or {"ok": false}.
The BOM is the one deliberate difference (ssocred ignores it), so callers strip it first."""
import base64, json, os, sys, tempfile
from botocore import configloader
from botocore.exceptions import ConfigParseError

results = []
with tempfile.TemporaryDirectory() as folder:
    path = os.path.join(folder, "config")
    for item in json.load(sys.stdin):
        with open(path, "wb") as f:
            f.write(base64.b64decode(item))
        try:
            parsed = configloader.load_config(path)
            results.append({"ok": True, "profiles": parsed["profiles"], "sso_sessions": parsed["sso_sessions"]})
        except ConfigParseError:
            results.append({"ok": False})
json.dump(results, sys.stdout, sort_keys=True)
