#!/usr/bin/env bash
# Does the OpenAPI document tell the truth about real traffic? The packaged service (target/quarkus-app, built by
# ./mvnw verify) runs on its own database behind a TCP relay, Stoplight Prism's validation proxy sits in front of it,
# and src/test/contract/walk.mjs walks every operation of openapi/openapi.yaml through the proxy: a request that
# should succeed and the refusals the document promises (400, 401, 403, 404, 406, 409, 412, 413, 414, 415, 422, 429,
# 431, then 503 once the relay is closed). Any answer the document does not describe fails the check; the walk lists
# each one (method, path, status, what is wrong) and its coverage. See src/test/contract/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PORT=${CONTRACT_CHECK_PORT:-18180}
PRISM_PORT=${CONTRACT_CHECK_PRISM_PORT:-4010}
RELAY_PORT=${CONTRACT_CHECK_RELAY_PORT:-18181}
. "$ROOT/.ci/service.sh"
WORK="$ROOT/target/contract-check"

for p in "$PORT" "$PRISM_PORT" "$RELAY_PORT"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "port $p is already in use" >&2; exit 1; fi
done

# Prism and the walk, installed with npm ci from the committed lockfile into target/contract-check (node_modules
# stays out of the source tree), again only when the lockfile changes.
mkdir -p "$WORK"
cp src/test/contract/package.json src/test/contract/package-lock.json src/test/contract/*.mjs "$WORK/"
if [ ! -d "$WORK/node_modules" ] || ! cmp -s "$WORK/package-lock.json" "$WORK/installed.lock"; then
    (cd "$WORK" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$WORK/package-lock.json" "$WORK/installed.lock"
fi

rm -rf "$ROOT/target/contract-check-imports"
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT

# The database through a relay the walk closes for the 503 probes.
node "$WORK/relay.mjs" "$RELAY_PORT" 127.0.0.1 5432 > "$ROOT/target/contract-check-relay.log" 2>&1 &
RELAY=$!
PIDS+=("$RELAY")
for _ in $(seq 1 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$RELAY_PORT") 2>/dev/null && break
    sleep 0.1
done

# Small upload limits keep the 413 probes under what Prism's proxy reads (10 MB); a comment rate limit above what the
# walk posts before its 429 probe; webhooks may target the walk's own receiver on 127.0.0.1; absolute Locations point
# at a closed port, so that Prism's proxy, which follows redirects, fails on them instead of hiding them (the walk
# then checks the redirect straight from the service with Prism's validator).
export CMS_MAX_BODY_SIZE=1M CMS_MEDIA_MAX_UPLOAD_SIZE=1M CMS_IMPORTS_MAX_SIZE=1M CMS_COMMENTS_RATE_LIMIT=30
export CMS_IMPORTS_DIRECTORY="$ROOT/target/contract-check-imports" CMS_WEBHOOKS_ALLOWED_HOSTS=127.0.0.1 \
    CMS_PUBLIC_API_URL=http://127.0.0.1:9
start_service contract-check "$PORT" "$RELAY_PORT"
PIDS+=("$SERVICE_PID")
# Prism's HTTP server must take the 20 KB+ headers of the 431 probes to pass them on.
NODE_OPTIONS=--max-http-header-size=65536 "$WORK/node_modules/.bin/prism" proxy "$ROOT/openapi/openapi.yaml" \
    "http://127.0.0.1:$PORT" --port "$PRISM_PORT" --host 127.0.0.1 --cors=false --errors=false \
    > "$ROOT/target/contract-check-prism.log" 2>&1 &
PIDS+=("$!")
await_service
for _ in $(seq 1 120); do
    curl -s -o /dev/null "http://127.0.0.1:$PRISM_PORT/api/v1/categories" && break
    sleep 0.5
done

OPENAPI_DOCUMENT="$ROOT/openapi/openapi.yaml" PRISM_URL="http://127.0.0.1:$PRISM_PORT" SERVICE_URL="http://127.0.0.1:$PORT" \
    CMS_TOKEN="$TOKEN" RELAY_PID="$RELAY" node "$WORK/walk.mjs"
