#!/usr/bin/env bash
# A front-end's check of the OpenAPI document: lint it with Spectral, generate a TypeScript client from
# it, compile a script against the client with tsc --strict, and run that script against the packaged
# service (target/quarkus-app, built by ./mvnw verify) on its own database.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PORT=${CLIENT_CHECK_PORT:-18080}
DB=cms_client_check

cd "$ROOT/src/test/typescript"
npm ci --no-audit --no-fund --loglevel=error
npx spectral lint "$ROOT/openapi/openapi.yaml" --fail-severity warn
mkdir -p generated
npx openapi-typescript "$ROOT/openapi/openapi.yaml" -o generated/api.d.ts
npx tsc -p tsconfig.json

psql -q -h 127.0.0.1 -U postgres -c "drop database if exists $DB" -c "create database $DB"
TOKEN=$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')
CMS_BOOTSTRAP_TOKEN="$TOKEN" QUARKUS_HTTP_PORT="$PORT" CMS_MEDIA_STORAGE_DIRECTORY="$ROOT/target/client-check-media" \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/$DB" QUARKUS_DATASOURCE_USERNAME=postgres \
    java -Xmx512m -jar "$ROOT/target/quarkus-app/quarkus-run.jar" > "$ROOT/target/client-check-service.log" 2>&1 &
SERVICE=$!
trap 'kill $SERVICE 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
    curl -sf -o /dev/null "http://127.0.0.1:$PORT/q/health/ready" && break
    sleep 1
done
BASE_URL="http://127.0.0.1:$PORT" CMS_TOKEN="$TOKEN" node build/check.js
