# Sourced by the checks: the packaged service (target/quarkus-app, built by ./mvnw verify) on a fresh database of
# its own, with a bootstrap admin token, and a wait until it is ready.
#
#   start_service NAME PORT [DATABASE_PORT]   sets TOKEN, SERVICE_PID and MANAGEMENT_PORT (PORT + 1000: health and
#                                             metrics, on 127.0.0.1); extra settings come from the environment
#                                             (CMS_..., exported by the caller); log in target/NAME-service.log
#   await_service                             returns when /q/health/ready answers on MANAGEMENT_PORT, fails if the
#                                             service dies or is not ready within 60 s

start_service() {
    local name=$1 port=$2 database_port=${3:-5432} database="cms_${1//-/_}"
    psql -q -h 127.0.0.1 -U postgres -c "drop database if exists $database" -c "create database $database"
    TOKEN=$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')
    MANAGEMENT_PORT=$((port + 1000))
    rm -rf "$ROOT/target/$name-media"
    CMS_BOOTSTRAP_TOKEN="$TOKEN" QUARKUS_HTTP_PORT="$port" \
        QUARKUS_MANAGEMENT_PORT="$MANAGEMENT_PORT" QUARKUS_MANAGEMENT_HOST=127.0.0.1 \
        CMS_MEDIA_STORAGE_DIRECTORY="${CMS_MEDIA_STORAGE_DIRECTORY:-$ROOT/target/$name-media}" \
        QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$database_port/$database" QUARKUS_DATASOURCE_USERNAME=postgres \
        java -Xmx512m -jar "$ROOT/target/quarkus-app/quarkus-run.jar" > "$ROOT/target/$name-service.log" 2>&1 &
    SERVICE_PID=$!
}

await_service() {
    for _ in $(seq 1 120); do
        curl -sf -o /dev/null "http://127.0.0.1:$MANAGEMENT_PORT/q/health/ready" && return 0
        if ! kill -0 "$SERVICE_PID" 2>/dev/null; then
            echo "the service stopped before it was ready; see its log in target/" >&2
            return 1
        fi
        sleep 0.5
    done
    echo "the service was not ready within 60 s; see its log in target/" >&2
    return 1
}
