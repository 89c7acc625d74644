"""Yandex Cloud Function: forwards an Object Storage trigger's messages to clickcast's POST /api/notifications/s3.

Environment: CLICKCAST_SERVER (the server's base URL, reachable from Cloud Functions) and CLICKCAST_KEY (an upload
key of the tenant whose prefix the trigger watches, or an admin key for a trigger on all of tenants/). The body is
passed through unchanged: clickcast reads Yandex trigger messages ({"messages": [...]}) itself.
"""
import json
import os
import urllib.request


def handler(event, context):
    request = urllib.request.Request(
        os.environ["CLICKCAST_SERVER"].rstrip("/") + "/api/notifications/s3",
        data=json.dumps(event).encode("utf-8"),
        method="POST",
        headers={
            "Authorization": "Bearer " + os.environ["CLICKCAST_KEY"],
            "Content-Type": "application/json",
        },
    )
    # A non-2xx answer raises, so the trigger retries; the sensor's listing would also find the file later.
    with urllib.request.urlopen(request, timeout=10) as response:
        return {"statusCode": response.status, "body": response.read().decode("utf-8")}
