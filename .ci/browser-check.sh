#!/usr/bin/env bash
# CORS as a browser enforces it: headless Chromium opens a page served from another localhost origin,
# which reads the article list and tries a write. From an unlisted origin the read works and the write
# is blocked at its preflight; from the origin in CMS_CORS_WRITE_ORIGINS the write goes through.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
API_PORT=18090
STRANGER_PORT=18091
WRITER_PORT=18092
. "$ROOT/.ci/service.sh"

if ! command -v chromium > /dev/null; then
    echo "Installing Debian's chromium"
    apt-get update -q > /dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium > /dev/null
fi

CMS_CORS_WRITE_ORIGINS="http://127.0.0.1:$WRITER_PORT" start_service browser-check "$API_PORT"
PIDS="$SERVICE_PID"
python3 -m http.server $STRANGER_PORT --bind 127.0.0.1 --directory "$ROOT/src/test/browser" > /dev/null 2>&1 &
PIDS="$PIDS $!"
python3 -m http.server $WRITER_PORT --bind 127.0.0.1 --directory "$ROOT/src/test/browser" > /dev/null 2>&1 &
PIDS="$PIDS $!"
trap 'kill $PIDS 2>/dev/null || true' EXIT
await_service

visit() {
    local profile
    profile=$(mktemp -d)
    timeout 60 chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
        --disable-component-update --disable-sync --user-data-dir="$profile" --virtual-time-budget=20000 \
        --dump-dom "http://127.0.0.1:$1/cors.html?api=http://127.0.0.1:$API_PORT&token=$TOKEN" 2> /dev/null
    rm -rf "$profile"
}

passed=0
failed=0
expect() {
    if grep -q "$2" <<< "$3"; then
        passed=$((passed + 1)); echo "ok   $1"
    else
        failed=$((failed + 1)); echo "FAIL $1: expected '$2' in: $3"
    fi
}
stranger=$(visit $STRANGER_PORT)
expect "a page on any origin reads the list and its headers" "READ 200 items=true total=0" "$stranger"
expect "a page on an unlisted origin cannot write" "WRITE BLOCKED TypeError" "$stranger"
writer=$(visit $WRITER_PORT)
expect "a page on a listed origin writes" "WRITE 201" "$writer"
created=$(curl -s "http://127.0.0.1:$API_PORT/api/v1/categories" | grep -o "From http://127.0.0.1:[0-9]*" | sort -u | tr '\n' ' ')
expect "only the listed origin's write reached the service" "^From http://127.0.0.1:$WRITER_PORT $" "$created"
echo "browser-check: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
