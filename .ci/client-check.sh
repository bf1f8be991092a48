#!/usr/bin/env bash
# A front-end's check of the OpenAPI document: lint it with Spectral, generate a TypeScript client from
# it, compile a script against the client with tsc --strict, and run that script against the packaged
# service (target/quarkus-app, built by ./mvnw verify) on its own database.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PORT=${CLIENT_CHECK_PORT:-18080}
. "$ROOT/.ci/service.sh"

cd "$ROOT/src/test/typescript"
npm ci --no-audit --no-fund --loglevel=error
npx spectral lint "$ROOT/openapi/openapi.yaml" --fail-severity warn
mkdir -p generated
npx openapi-typescript "$ROOT/openapi/openapi.yaml" -o generated/api.d.ts
npx tsc -p tsconfig.json

start_service client-check "$PORT"
trap 'kill $SERVICE_PID 2>/dev/null || true' EXIT
await_service
BASE_URL="http://127.0.0.1:$PORT" CMS_TOKEN="$TOKEN" node build/check.js
