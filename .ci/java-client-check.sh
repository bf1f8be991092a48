#!/usr/bin/env bash
# A mobile/Java developer's check of the OpenAPI document: generate a Java client from it with openapi-generator's
# Maven plugin (clients/java: library native, java.net.http and Jackson), compile an article-page flow against the
# client, and run that flow against the packaged service (target/quarkus-app, built by ./mvnw verify) on its own
# database.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PORT=${JAVA_CLIENT_CHECK_PORT:-18280}
. "$ROOT/.ci/service.sh"

./mvnw -B -q -f clients/java/pom.xml verify

start_service java-client-check "$PORT"
trap 'kill $SERVICE_PID 2>/dev/null || true' EXIT
await_service
BASE_URL="http://127.0.0.1:$PORT" CMS_TOKEN="$TOKEN" java \
    -cp "$ROOT/clients/java/target/classes:$(cat "$ROOT/clients/java/target/classpath.txt")" \
    io.newsdesk.client.example.ArticlePageFlow
