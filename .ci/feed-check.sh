#!/usr/bin/env bash
# The feeds as other software reads them: the packaged service (target/quarkus-app, built by ./mvnw package) runs on
# its own port and database, a few articles are created with curl (among them a draft and one whose title holds
# control characters and markup), and src/test/feeds/check.mjs reads RSS, Atom and JSON Feed with a strict XML
# validator and two independent npm feed parsers, walking the pages to the end. Fails on any parse error.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PORT=${FEED_CHECK_PORT:-18093}
. "$ROOT/.ci/service.sh"
WORK="$ROOT/target/feed-check"

# The parsers, installed into target/feed-check from the committed lockfile, again only when it changes.
mkdir -p "$WORK"
cp src/test/feeds/package.json src/test/feeds/package-lock.json src/test/feeds/check.mjs "$WORK/"
if [ ! -d "$WORK/node_modules" ] || ! cmp -s "$WORK/package-lock.json" "$WORK/installed.lock"; then
    (cd "$WORK" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$WORK/package-lock.json" "$WORK/installed.lock"
fi

CMS_PUBLIC_API_URL="http://127.0.0.1:$PORT" start_service feed-check "$PORT"
trap 'kill $SERVICE_PID 2>/dev/null || true' EXIT
await_service

API="http://127.0.0.1:$PORT/api/v1"
post() {
    curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' --data-binary @- "$API/$1" > /dev/null
}
TAG=feed-check
post categories <<< '{"name": "World", "slug": "world"}'
post categories <<< '{"name": "Europe", "slug": "europe", "parentSlug": "world"}'
post articles <<< '{"title": "Elections in the north", "tags": ["feed-check"], "categorySlug": "world", "status": "published",
    "publishedAt": "2024-03-01T08:00:00Z", "authorName": "Maya Lindqvist", "body": "Polls **open** at eight. [Results](/results)."}'
post articles <<< '{"title": "A summit in Brussels", "tags": ["feed-check"], "categorySlug": "europe", "status": "published",
    "publishedAt": "2024-03-02T08:00:00Z", "excerpt": "Leaders meet & talk <again>.",
    "coverImage": {"url": "https://images.example.com/summit.jpg", "alt": "The summit", "width": 1600, "height": 900}}'
post articles <<< '{"title": "Bad\u0001\u0008 <script>alert(1)</script> & \"co\"\ufffe end", "tags": ["feed-check"], "status": "published",
    "publishedAt": "2024-03-03T08:00:00Z", "body": "Body\u0002 with <script>alert(2)</script> and a [link](javascript:alert(3))."}'
post articles <<< '{"title": "Markets at noon", "tags": ["feed-check"], "status": "published", "publishedAt": "2024-03-04T08:00:00Z"}'
post articles <<< '{"title": "Weather for the weekend", "tags": ["feed-check"], "status": "published", "publishedAt": "2024-03-05T08:00:00Z"}'
post articles <<< '{"title": "Not ready yet", "tags": ["feed-check"], "status": "draft"}'
post articles <<< '{"title": "Tomorrow'"'"'s story", "tags": ["feed-check"], "status": "published", "publishedAt": "2999-01-01T00:00:00Z"}'

cd "$WORK"
BASE_URL="http://127.0.0.1:$PORT" TAG="$TAG" PUBLIC_COUNT=5 HIDDEN_TITLE="Not ready yet" \
    HOSTILE_TITLE='Bad <script>alert(1)</script> & "co" end' CATEGORY=world AUTHOR="maya lindqvist" node check.mjs
