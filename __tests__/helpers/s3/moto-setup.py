# Prepares a moto server for the S3 tests while it still takes unsigned IAM calls (INITIAL_NO_AUTH_ACTION_COUNT):
# an IAM user allowed s3:*, its access key, and the buckets named on the command line; prints the key as JSON.
# Everything after that is signed, and moto checks every signature.
import json
import sys

import boto3

endpoint, *buckets = sys.argv[1:]
iam = boto3.client("iam", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="setup", aws_secret_access_key="setup")
iam.create_user(UserName="ci")
policy = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}
iam.put_user_policy(UserName="ci", PolicyName="s3", PolicyDocument=json.dumps(policy))
key = iam.create_access_key(UserName="ci")["AccessKey"]
s3 = boto3.client(
    "s3",
    endpoint_url=endpoint,
    region_name="us-east-1",
    aws_access_key_id=key["AccessKeyId"],
    aws_secret_access_key=key["SecretAccessKey"],
)
for bucket in buckets:
    s3.create_bucket(Bucket=bucket)
print(json.dumps({"accessKeyId": key["AccessKeyId"], "secretAccessKey": key["SecretAccessKey"]}))
