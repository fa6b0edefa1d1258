# Signs requests with botocore's S3SigV4Auth (the AWS SDK for Python's signer, installed with moto): an independent
# reference for src/lib/sigv4.ts. Reads a JSON list of requests on stdin, prints their headers as botocore sent them.
import datetime
import json
import sys

import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

out = []
for case in json.load(sys.stdin):
    fixed = datetime.datetime.strptime(case["date"], "%Y%m%dT%H%M%SZ")
    botocore.auth.get_current_datetime = lambda: fixed
    body = case.get("body")
    request = AWSRequest(
        method=case["method"], url=case["url"], headers=case.get("headers", {}), data=None if body is None else body.encode()
    )
    credentials = Credentials(case["accessKeyId"], case["secretAccessKey"], case.get("sessionToken"))
    signer = botocore.auth.S3SigV4Auth(credentials, "s3", case["region"])
    # botocore hashes the body itself; a streamed upload leaves the payload unsigned (UNSIGNED-PAYLOAD).
    if case.get("unsignedPayload"):
        signer._should_sha256_sign_payload = lambda request: False
    signer.add_auth(request)
    out.append({name.lower(): value for name, value in request.headers.items()})
print(json.dumps(out))
