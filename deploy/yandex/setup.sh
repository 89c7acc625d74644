#!/usr/bin/env bash
# Clickcast on Yandex Cloud, as commands to read and run one by one (docs/deploy.md, "Yandex Cloud"): Object Storage
# (S3 API) for the data, Managed PostgreSQL for the queue and metadata, an Object Storage trigger that sends new raw
# files to POST /api/notifications/s3, and Managed Kubernetes (deploy/kubernetes) or an instance group to run it.
# Needs the yc CLI, logged in, with a default folder. Values in CAPITALS are yours to set.
set -euo pipefail

FOLDER_ID=$(yc config get folder-id)
BUCKET=${BUCKET:-clickcast}
PG_PASSWORD=${PG_PASSWORD:?set PG_PASSWORD}
CLICKCAST_SERVER=${CLICKCAST_SERVER:?set CLICKCAST_SERVER, the URL the function reaches clickcast at}
CLICKCAST_KEY=${CLICKCAST_KEY:?set CLICKCAST_KEY, an upload key of the tenant or an admin key}

# 1. A service account for clickcast (bucket access) and the trigger (function invocation).
yc iam service-account create --name clickcast
SA_ID=$(yc iam service-account get clickcast --format json | jq -r .id)
yc resource-manager folder add-access-binding "$FOLDER_ID" --role storage.editor --subject "serviceAccount:$SA_ID"
yc resource-manager folder add-access-binding "$FOLDER_ID" --role functions.functionInvoker --subject "serviceAccount:$SA_ID"

# 2. The bucket, and a static access key: CLICKCAST_S3__AccessKey is key_id, CLICKCAST_S3__SecretKey is secret.
yc storage bucket create --name "$BUCKET"
yc iam access-key create --service-account-name clickcast --format json > clickcast-s3-key.json

# 3. Managed PostgreSQL: the connection string is
#    Host=c-<cluster-id>.rw.mdb.yandexcloud.net;Port=6432;Database=clickcast;Username=clickcast;Password=...;SSL Mode=VerifyFull
#    (the CA certificate from https://storage.yandexcloud.net/cloud-certs/CA.pem in the image or the host's store).
yc managed-postgresql cluster create --name clickcast --environment production --network-name default \
  --host zone-id=ru-central1-a,subnet-name=default-ru-central1-a \
  --resource-preset s3-c2-m8 --disk-type network-ssd --disk-size 50 \
  --postgresql-version 16 \
  --user name=clickcast,password="$PG_PASSWORD" --database name=clickcast,owner=clickcast

# 4. Bucket notifications: a function that forwards Object Storage trigger messages to clickcast, and the trigger on
#    new objects under tenants/ (or tenants/<tenant>/raw/ with that tenant's upload key).
yc serverless function create --name clickcast-notify
yc serverless function version create --function-name clickcast-notify \
  --runtime python312 --entrypoint index.handler --memory 128m --execution-timeout 15s \
  --source-path "$(dirname "$0")/notify-function" \
  --environment "CLICKCAST_SERVER=$CLICKCAST_SERVER,CLICKCAST_KEY=$CLICKCAST_KEY"
yc serverless trigger create object-storage --name clickcast-raw \
  --bucket-id "$BUCKET" --prefix tenants/ --events create-object \
  --invoke-function-name clickcast-notify --invoke-function-service-account-id "$SA_ID"

# 5. Run it: Managed Kubernetes (install KEDA, fill deploy/kubernetes/secrets.yaml and configmap.yaml, then
#    kubectl apply -k deploy/kubernetes), or an instance group of Container Optimized Image VMs running the image's
#    'worker' command with the same CLICKCAST_ variables (docs/deploy.md).
