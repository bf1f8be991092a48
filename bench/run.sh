#!/usr/bin/env bash
# Benchmark of the Newsdesk CMS: loads a synthetic newsroom into its own PostgreSQL database, starts
# the packaged service in the production profile, drives it with wrk through a dozen read and write
# scenarios, measures nginx serving the same bytes as a reference ceiling, and prints a Markdown
# report (also written to bench/results/). See docs/PERFORMANCE.md.
#
# Usage: bench/run.sh [options]
#   --scale N          articles in the dataset (default 100000; 10 comments per article)
#   --duration D       length of each measured run, as wrk takes it (default 10s)
#   --connections N    wrk connections (default 32)
#   --threads N        wrk threads (default 2)
#   --warmup D         mixed reads before measuring, so the JIT and caches are warm (default 30s)
#   --smoke            quick check for CI: scale 10000, 3s runs, 5s warm-up; exits non-zero on any
#                      error, unexpected answer, failed dataset check or start-up failure
#   --reuse            keep the database when it already holds this scale (from the same generator)
#   --port N           the service's port (default 18100); nginx gets the next one, the service's
#                      management interface (health, metrics) the one after
#   --env KEY=VALUE    an extra environment variable for the service (repeatable)
#   --only LIST        run only these scenarios, e.g. --only a,c,k (the ceilings always run)
#   --seed X           the generator's seed, between 0 and 1 (default 0.42)
#   --help             this text
#
# Needs PostgreSQL at 127.0.0.1:5432 as user postgres (PGHOST, PGPORT, PGUSER, PGPASSWORD override),
# Java 17, curl, python3; installs wrk and nginx-light with apt-get when they are missing.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
JAR="$ROOT/target/quarkus-app/quarkus-run.jar"

SCALE=100000
DURATION=10s
CONNECTIONS=32
THREADS=2
WARMUP=30s
SMOKE=0
REUSE=0
PORT=18100
SEED=0.42
ONLY=""
EXTRA_ENV=()
declare -A GIVEN=()

export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
# The JVM settings the README recommends for two cores; BENCH_JAVA_OPTS replaces them.
JAVA_OPTS=${BENCH_JAVA_OPTS:-"-Xmx208m -Xmn48m -XX:+UseSerialGC -XX:ReservedCodeCacheSize=48m -Xss512k -XX:CICompilerCount=2"}
# The bench's own admin token: the service makes it the first admin token of the empty database.
TOKEN="bench-admin-token-0123456789-abcdefghijklmnopqrstuvwxyz"

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; }

parse_args() {
    while (($#)); do
        case "$1" in
            --scale) SCALE=$2; GIVEN[scale]=1; shift ;;
            --duration) DURATION=$2; GIVEN[duration]=1; shift ;;
            --connections) CONNECTIONS=$2; shift ;;
            --threads) THREADS=$2; shift ;;
            --warmup) WARMUP=$2; GIVEN[warmup]=1; shift ;;
            --smoke) SMOKE=1 ;;
            --reuse) REUSE=1 ;;
            --port) PORT=$2; shift ;;
            --env) [[ $2 == *=* ]] || die "--env takes KEY=VALUE"; EXTRA_ENV+=("$2"); shift ;;
            --only) ONLY=$2; shift ;;
            --seed) SEED=$2; shift ;;
            -h | --help) usage; exit 0 ;;
            *) usage >&2; die "unknown option $1" ;;
        esac
        shift
    done
    if ((SMOKE)); then
        [[ -n ${GIVEN[scale]:-} ]] || SCALE=10000
        [[ -n ${GIVEN[duration]:-} ]] || DURATION=3s
        [[ -n ${GIVEN[warmup]:-} ]] || WARMUP=5s
    fi
    [[ $SCALE =~ ^[0-9]+$ ]] && ((SCALE >= 1000)) || die "--scale must be a whole number of at least 1000"
    for d in "$DURATION" "$WARMUP"; do [[ $d =~ ^[0-9]+[smh]?$ ]] || die "durations look like 10s, 2m or 1h, not $d"; done
    [[ $CONNECTIONS =~ ^[0-9]+$ && $THREADS =~ ^[0-9]+$ ]] && ((THREADS >= 1 && CONNECTIONS >= THREADS)) \
        || die "--connections must be at least --threads"
    [[ $PORT =~ ^[0-9]+$ ]] || die "--port must be a number"
    [[ $SEED =~ ^0?\.[0-9]+$ ]] || die "--seed must be a number between 0 and 1, like 0.42"
    NGINX_PORT=$((PORT + 1))
    BASE="http://127.0.0.1:$PORT"
    DB="cms_bench_$SCALE"
}

# ---- tools ------------------------------------------------------------------------------------

ensure_tools() {
    local tool
    for tool in java curl psql python3; do
        command -v "$tool" > /dev/null || die "$tool is needed (Java 17, curl, the PostgreSQL client, python3)"
    done
    NGINX=$(command -v nginx || echo /usr/sbin/nginx)
    if ! command -v wrk > /dev/null || [[ ! -x $NGINX ]]; then
        log "installing wrk and nginx-light"
        local sudo=""
        (($(id -u) == 0)) || sudo=sudo
        $sudo apt-get update -q > /dev/null && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q wrk nginx-light > /dev/null
        NGINX=$(command -v nginx || echo /usr/sbin/nginx)
    fi
    CLK_TCK=$(getconf CLK_TCK)
}

build_if_needed() {
    if [[ ! -f $JAR ]]; then
        log "building the service (./mvnw package)"
        (cd "$ROOT" && ./mvnw -B -q package -DskipTests) || die "the build failed"
    fi
}

pg() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
# One value (or one row per line) from the bench database.
q() { pg -d "$DB" -At -c "$1"; }

# ---- the service and nginx, always stopped on exit --------------------------------------------

JAVA_PID=""
NGINX_PID=""
NGINX_DIR=""

cleanup() {
    local status=$?
    stop_service
    stop_nginx
    [[ -z $NGINX_DIR ]] || rm -rf "$NGINX_DIR"
    exit "$status"
}

service_env() {
    local env=(
        "QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://$PGHOST:$PGPORT/$DB"
        "QUARKUS_DATASOURCE_USERNAME=$PGUSER"
        "QUARKUS_HTTP_PORT=$PORT"
        "QUARKUS_MANAGEMENT_PORT=$((PORT + 2))"
        "QUARKUS_MANAGEMENT_HOST=127.0.0.1"
        "CMS_BOOTSTRAP_TOKEN=$TOKEN"
        # --reuse keeps the database, and the admin token made from $TOKEN, for days: past the default 24 hours.
        "CMS_BOOTSTRAP_TOKEN_LIFETIME=P3650D"
        # Every bench client is 127.0.0.1: the default (5 comments per 10 minutes) would turn the mixed
        # scenario's comments into 429s after the first few.
        "CMS_COMMENTS_RATE_LIMIT=1000000000"
        "CMS_MEDIA_STORAGE_DIRECTORY=$RUN_DIR/media"
        # The webhook scenario's receiver listens on 127.0.0.1, which webhooks may otherwise not target.
        "CMS_WEBHOOKS_ALLOWED_HOSTS=127.0.0.1"
    )
    [[ -z ${PGPASSWORD:-} ]] || env+=("QUARKUS_DATASOURCE_PASSWORD=$PGPASSWORD")
    printf '%s\n' "${env[@]}" ${EXTRA_ENV[@]+"${EXTRA_ENV[@]}"}
}

# Starts the service and waits for its first 200 on GET /api/v1/articles; STARTUP_MS is the time
# from launching java to that answer (polled every 50 ms).
start_service() {
    local logfile=$1
    if curl -s -o /dev/null "$BASE/"; then die "something already listens on port $PORT (use --port)"; fi
    local env=()
    mapfile -t env < <(service_env)
    local started
    started=$(date +%s%N)
    # shellcheck disable=SC2086
    env "${env[@]}" MALLOC_ARENA_MAX=2 java $JAVA_OPTS -jar "$JAR" > "$logfile" 2>&1 &
    JAVA_PID=$!
    local deadline=$((SECONDS + 300))
    until [[ $(curl -s -o /dev/null -w '%{http_code}' "$BASE/api/v1/articles") == 200 ]]; do
        if ! kill -0 "$JAVA_PID" 2> /dev/null; then
            tail -n 30 "$logfile" >&2
            JAVA_PID=""
            die "the service stopped while starting (log: $logfile)"
        fi
        ((SECONDS < deadline)) || die "the service did not answer within 5 minutes (log: $logfile)"
        sleep 0.05
    done
    STARTUP_MS=$((($(date +%s%N) - started) / 1000000))
}

stop_service() {
    [[ -n $JAVA_PID ]] || return 0
    kill -TERM "$JAVA_PID" 2> /dev/null || true
    local i
    for i in $(seq 1 100); do kill -0 "$JAVA_PID" 2> /dev/null || break; sleep 0.2; done
    kill -KILL "$JAVA_PID" 2> /dev/null || true
    wait "$JAVA_PID" 2> /dev/null || true
    JAVA_PID=""
}

stop_nginx() {
    [[ -n $NGINX_PID ]] || return 0
    kill -TERM "$NGINX_PID" 2> /dev/null || true
    wait "$NGINX_PID" 2> /dev/null || true
    NGINX_PID=""
}

# ---- the dataset ------------------------------------------------------------------------------

# A database per scale. Its comment records what it holds, so --reuse can tell whether it is whole
# and made by this very generator.
prepare_database() {
    local generator mark existing
    generator=$(cat "$BENCH_DIR"/sql/*.sql | sha256sum | cut -c1-12)
    mark="newsdesk bench dataset: scale=$SCALE seed=$SEED generator=$generator"
    existing=$(pg -d postgres -At -c "select shobj_description(oid, 'pg_database') from pg_database where datname = '$DB'")
    if ((REUSE)) && [[ $existing == "$mark;"* ]]; then
        LOAD_INFO="reused (${existing#*; })"
        log "reusing database $DB: ${existing#*; }"
        return
    fi
    log "creating database $DB"
    pg -d postgres -c "drop database if exists $DB with (force)" -c "create database $DB"

    # The schema is the service's own: one start runs its Flyway migrations (and makes the bench
    # token the first admin token).
    local t0
    t0=$(date +%s%N)
    start_service "$RUN_DIR/service-migrate.log"
    stop_service
    local migrate_s
    migrate_s=$(seconds_since "$t0")
    log "schema migrated by the service in ${migrate_s}s; loading $SCALE articles"

    t0=$(date +%s%N)
    pg -d "$DB" -v scale="$SCALE" -v seed="$SEED" -f "$BENCH_DIR/sql/load-prepare.sql" > "$RUN_DIR/load-prepare.log" 2>&1 \
        || { tail -n 20 "$RUN_DIR/load-prepare.log" >&2; die "the load failed (log: $RUN_DIR/load-prepare.log)"; }
    local prepare_s jobs p failed=0 pids=()
    prepare_s=$(seconds_since "$t0")
    # The article rows (text, HTML, search vectors, compression) are most of the work: one writer per core.
    jobs=${BENCH_LOAD_JOBS:-$(nproc)}
    for ((p = 0; p < jobs; p++)); do
        pg -d "$DB" -v part="$p" -v parts="$jobs" -f "$BENCH_DIR/sql/load-articles.sql" > "$RUN_DIR/load-articles-$p.log" 2>&1 &
        pids+=($!)
    done
    for p in "${pids[@]}"; do wait "$p" || failed=1; done
    ((failed == 0)) || { cat "$RUN_DIR"/load-articles-*.log >&2; die "the article load failed"; }
    local articles_s
    articles_s=$(seconds_since "$t0")
    pg -d "$DB" -v scale="$SCALE" -f "$BENCH_DIR/sql/load-finish.sql" > "$RUN_DIR/load-finish.log" 2>&1 \
        || { tail -n 20 "$RUN_DIR/load-finish.log" >&2; die "the load's last step failed (log: $RUN_DIR/load-finish.log)"; }
    local load_s
    load_s=$(seconds_since "$t0")
    LOAD_INFO="${load_s}s (draws and comments $(awk "BEGIN{print $prepare_s}")s, articles $(awk "BEGIN{printf \"%.1f\", $articles_s - $prepare_s}")s with $jobs writers, indexes and VACUUM ANALYZE the rest), schema by the service in ${migrate_s}s, $(date -u +%Y-%m-%dT%H:%MZ)"
    pg -d postgres -c "comment on database $DB is '$mark; loaded in $LOAD_INFO'"
    log "loaded in ${load_s}s"
}

seconds_since() { awk "BEGIN{printf \"%.1f\", ($(date +%s%N) - $1) / 1e9}"; }

# The loader computes bodyHtml, bodyText, the auto excerpt, the reading time, the search vector and
# comment HTML in SQL. Here the service itself renders one dataset article and one dataset comment
# (as a throwaway article of its own), and every derived column must come out identical.
check_dataset_against_service() {
    local id payload status mismatch comment_id cbody
    # Left over by an interrupted run, maybe.
    curl -s -o /dev/null -X DELETE "$BASE/api/v1/articles/bench-render-check?permanent=true" -H "Authorization: Bearer $TOKEN"
    id=$(q "select id from article where status = 'published' and published_at <= now() and excerpt is null order by id limit 1")
    payload=$(q "select json_build_object('title', title, 'slug', 'bench-render-check', 'body', body, 'tags', tags,
                                          'status', 'published', 'publishedAt', '2001-01-01T00:00:00Z')
                 from article where id = $id")
    status=$(curl -s -o "$RUN_DIR/render-check.json" -w '%{http_code}' -X POST "$BASE/api/v1/articles" \
        -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' --data-binary "$payload")
    [[ $status == 201 ]] || { DATASET_CHECK="could not create the check article ($status)"; return; }
    mismatch=$(q "select concat_ws(', ',
                      case when a.body_html <> b.body_html then 'body_html' end,
                      case when a.body_text <> b.body_text then 'body_text' end,
                      case when a.auto_excerpt <> b.auto_excerpt then 'auto_excerpt' end,
                      case when a.reading_time_minutes <> b.reading_time_minutes then 'reading_time_minutes' end,
                      case when a.tag_keys <> b.tag_keys then 'tag_keys' end,
                      case when a.search_head <> b.search_head then 'search_head' end,
                      case when a.search_words <> b.search_words then 'search_words' end)
                  from article a, article b where a.id = $id and b.slug = 'bench-render-check'")
    # A comment in two paragraphs, as a reader would send it.
    comment_id=$(q "select id from comment where body like E'%\n\n%' order by id limit 1")
    cbody=$(q "select json_build_object('authorName', 'Render Check', 'authorEmail', 'render-check@example.com', 'body', body)
               from comment where id = $comment_id")
    status=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$BASE/api/v1/articles/bench-render-check/comments" \
        -H 'Content-Type: application/json' --data-binary "$cbody")
    if [[ $status == 202 ]]; then
        mismatch+=$(q "select concat_ws(', ', '',
                           case when c.body_html <> d.body_html then 'comment body_html' end,
                           case when c.body_hash <> d.body_hash then 'comment body_hash' end)
                       from comment c, comment d
                       where c.id = $comment_id and d.article_id = (select id from article where slug = 'bench-render-check')")
    else
        mismatch+=", comment answered $status"
    fi
    mismatch=${mismatch#, }
    mismatch=${mismatch%, }
    curl -s -o /dev/null -X DELETE "$BASE/api/v1/articles/bench-render-check?permanent=true" -H "Authorization: Bearer $TOKEN"
    if [[ -z $mismatch ]]; then
        DATASET_CHECK="ok"
    else
        DATASET_CHECK="the service renders differently: $mismatch"
        log "WARNING: dataset check: $DATASET_CHECK"
    fi
}

# ---- request lists ----------------------------------------------------------------------------

urlencode() { python3 -c 'import sys, urllib.parse; [print(urllib.parse.quote(l.rstrip("\n"), safe="")) for l in sys.stdin]'; }

write_request_lists() {
    L="$RUN_DIR/lists"
    mkdir -p "$L"
    local public="status = 'published' and published_at <= now()"
    NPUBLIC=$(q "select count(*) from article where $public")
    # (a) the hot set: 1,000 public articles spread over the whole archive.
    q "select slug from article where $public order by md5(id::text) limit 1000" > "$L/hot-slugs.txt"
    sed 's|^|/api/v1/articles/|' "$L/hot-slugs.txt" > "$L/a.txt"
    sed 's|$|?include=related,comments|' "$L/a.txt" > "$L/b.txt"
    echo /api/v1/articles > "$L/c.txt"
    echo '/api/v1/articles?page=2' > "$L/page2.txt"
    q "select '/api/v1/articles?category=' || slug from category where parent_id is null order by position" > "$L/d.txt"
    # (e)-(h): the same deep position by page number and by cursor (page 2000 of 20, position
    # 40,000; 40% into the list when it is shorter than 50,000), and cursors at the start and far down
    # the list (position 100,000, or 100 before the end of a shorter list).
    DEEP_PAGE=$(((NPUBLIC >= 50000 ? 40000 : NPUBLIC * 2 / 5) / 20))
    ((DEEP_PAGE >= 2)) || DEEP_PAGE=2
    END_POSITION=$((NPUBLIC - 100 < 100000 ? NPUBLIC - 100 : 100000))
    echo "/api/v1/articles?page=$DEEP_PAGE" > "$L/e.txt"
    log "walking the list by cursor to positions 20, $(((DEEP_PAGE - 1) * 20)) and $END_POSITION"
    CURSOR_WALK=$(python3 "$BENCH_DIR/tools.py" cursors "$BASE/api/v1" "$L/cursors.tsv" 20 $(((DEEP_PAGE - 1) * 20)) "$END_POSITION")
    log "cursor walk: $CURSOR_WALK"
    cursor_at() { awk -F'\t' -v t="$1" '$1 == t { print $2 }' "$L/cursors.tsv"; }
    echo "/api/v1/articles?size=20&cursor=$(cursor_at $(((DEEP_PAGE - 1) * 20)))" > "$L/f.txt"
    echo "/api/v1/articles?size=20&cursor=$(cursor_at 20)" > "$L/g.txt"
    echo "/api/v1/articles?size=20&cursor=$(cursor_at "$END_POSITION")" > "$L/h.txt"
    # (i) searches: a fixed list of words and phrases of the generator's vocabulary, common and rare,
    # plus phrases quoted from titles of this dataset.
    {
        grep -v '^#' "$BENCH_DIR/queries.txt" | grep .
        q "select '\"' || lower(split_part(title, ' ', 2) || ' ' || split_part(title, ' ', 3)) || '\"'
           from article where $public order by md5(id::text || 'q') limit 10"
    } | urlencode | sed 's|^|/api/v1/articles?q=|' > "$L/i.txt"
    # (j) the busy article's thread, every page of it.
    BUSY_SLUG=$(q "select slug from article where id = greatest(1, $SCALE - 100)")
    local pages
    pages=$(q "select ceil(count(*) / 20.0)::int from comment c join article a on a.id = c.article_id
               where a.slug = '$BUSY_SLUG' and c.parent_id is null and c.status = 'approved'")
    seq 1 "$pages" | sed "s|^|/api/v1/articles/$BUSY_SLUG/comments?page=|" > "$L/j.txt"
    # (k) the hot set's current ETags.
    python3 "$BENCH_DIR/tools.py" etags "$BASE" "$L/a.txt" "$L/k.tsv"
    # (i2) searches that are all different, so that no kept answer helps.
    python3 "$BENCH_DIR/tools.py" searches "$L/i2-queries.txt" 20000 "$BENCH_DIR/sql/vocabulary.sql"
    urlencode < "$L/i2-queries.txt" | sed 's|^|/api/v1/articles?q=|' > "$L/i2.txt"
    # (l) the read mix (also the warm-up), and the drafts the mixed scenario publishes and withdraws.
    python3 "$BENCH_DIR/tools.py" mix "$L/reads.txt" 2000 "$L/a.txt:45" "$L/b.txt:10" "$L/c.txt:10" "$L/d.txt:10" \
        "$L/i.txt:5" "$L/j.txt:5" "$L/g.txt:5" "$L/page2.txt:10"
    q "select slug from article where status = 'draft' order by id" > "$L/drafts.txt"
    # The hot articles readers may comment on (the mixed scenario's comments and edits go to these).
    q "select slug from article where $public and comments_open order by md5(id::text) limit 1000" > "$L/hot-open.txt"
    # (m) the live story: one article of the hot set, read as one request in twenty among the others.
    LIVE_SLUG=$(head -n 1 "$L/hot-slugs.txt")
    awk -v live="/api/v1/articles/$LIVE_SLUG" '{ print } NR % 19 == 0 { print live }' "$L/a.txt" > "$L/m.txt"
    # The reference ceiling serves exactly what the service answers for one article and the front page.
    mkdir -p "$RUN_DIR/static"
    curl -sf -o "$RUN_DIR/static/article.json" "$BASE$(head -n 1 "$L/a.txt")"
    curl -sf -o "$RUN_DIR/static/list.json" "$BASE/api/v1/articles"
}

# (n) a media file: upload a photo-like PNG, wait for its renditions, and serve the 640 px WebP, which
# nginx also serves from a copy. MEDIA_INFO tells the upload and rendition times.
prepare_media() {
    # A new photo each run: the same bytes would be the item a previous run uploaded (into its own directory).
    python3 "$BENCH_DIR/tools.py" photo "$RUN_DIR/photo.png" 2400 1600 "$(date +%s%N)"
    local started answer id url
    started=$(date +%s%N)
    answer=$(curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: image/png' \
        -H 'Content-Disposition: attachment; filename="bench-photo.png"' --data-binary @"$RUN_DIR/photo.png" "$BASE/api/v1/media") ||
        die "the media upload failed"
    local upload_s
    upload_s=$(seconds_since "$started")
    url=$(python3 -c 'import json, sys; i = json.load(sys.stdin); print(next(r["url"] for r in i["renditions"] if r["width"] == 640 and r["contentType"] == "image/webp"))' <<< "$answer")
    id=$(python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])' <<< "$answer")
    # The renditions are made right after the upload; asking for one waits for them.
    curl -sf -o "$RUN_DIR/static/media.webp" "$BASE$url" || die "the rendition $url could not be read"
    MEDIA_INFO="upload of a 2400 x 1600 PNG ($(($(wc -c < "$RUN_DIR/photo.png") / 1024)) KB, item $id): ${upload_s} s; all renditions ready $(seconds_since "$started") s after the upload began"
    echo "$url" > "$L/n.txt"
    echo /media.webp > "$L/nginx-media.txt"
}

# ---- measuring --------------------------------------------------------------------------------

# utime + stime of processes, in clock ticks.
ticks_of() {
    local pid total=0 t
    for pid in "$@"; do
        t=$(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2> /dev/null) || continue
        total=$((total + t))
    done
    echo "$total"
}

# "pid ticks" of the service's PostgreSQL connections (backends come and go with the pool: a
# backend that ends during a run takes its time with it, so this is a lower bound).
db_ticks() {
    local pid
    for pid in $(q "select pid from pg_stat_activity where datname = '$DB' and application_name = 'newsdesk-cms'"); do
        echo "$pid $(ticks_of "$pid")"
    done
}

db_ticks_delta() { # before-file after-file
    awk 'NR == FNR { before[$1] = $2; next } { total += $2 - ($1 in before ? before[$1] : 0) } END { print total + 0 }' "$1" "$2"
}

# wrk stops sending at the end of a run, but the service goes on with the requests it has accepted
# (a slow search can take seconds): wait until its PostgreSQL connections are idle, so that one
# scenario's tail does not run into the next one's measurement.
settle() {
    local quiet=0 deadline=$((SECONDS + 120))
    while ((quiet < 3 && SECONDS < deadline)); do
        if [[ $(q "select count(*) from pg_stat_activity where datname = '$DB' and application_name = 'newsdesk-cms'
                   and state = 'active'") == 0 ]]; then
            quiet=$((quiet + 1))
        else
            quiet=0
        fi
        sleep 0.2
    done
}

field() { sed -n "s/.*[[:space:]]$1=\([^[:space:]]*\).*/\1/p" <<< "$2"; }

# Runs wrk once and appends a row to results.tsv.
#   measure KIND ID NAME CEILING SCRIPT ARGS...   (KIND: service or nginx)
measure() {
    local kind=$1 id=$2 name=$3 ceiling=$4 script=$5
    shift 5
    local out="$RUN_DIR/wrk-$id.txt" pids t0 t1 cpu0 cpu1 line
    [[ $kind == nginx ]] || settle
    if [[ $kind == nginx ]]; then pids="$NGINX_PID $(pgrep -P "$NGINX_PID" | tr '\n' ' ')"; else pids=$JAVA_PID; fi
    local url=$BASE
    [[ $kind == nginx ]] && url="http://127.0.0.1:$NGINX_PORT"
    [[ $kind == nginx ]] || db_ticks > "$RUN_DIR/db-before"
    cpu0=$(ticks_of $pids)
    t0=$(date +%s%N)
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency -s "$BENCH_DIR/lua/$script" "$url" -- "$THREADS" "$@" \
        > "$out" 2>&1 || { cat "$out" >&2; die "wrk failed on $id"; }
    t1=$(date +%s%N)
    cpu1=$(ticks_of $pids)
    line=$(grep '^BENCH_RESULT' "$out") || { cat "$out" >&2; die "no result from wrk on $id"; }
    local seconds cpu dbcpu=0 rss="" hwm="" errors
    seconds=$(awk "BEGIN{print ($t1 - $t0) / 1e9}")
    cpu=$(awk "BEGIN{printf \"%.1f\", 100 * ($cpu1 - $cpu0) / $CLK_TCK / $seconds}")
    if [[ $kind == service ]]; then
        db_ticks > "$RUN_DIR/db-after"
        dbcpu=$(awk "BEGIN{printf \"%.1f\", 100 * $(db_ticks_delta "$RUN_DIR/db-before" "$RUN_DIR/db-after") / $CLK_TCK / $seconds}")
        rss=$(awk '/^VmRSS/ { print $2 }' "/proc/$JAVA_PID/status")
        hwm=$(awk '/^VmHWM/ { print $2 }' "/proc/$JAVA_PID/status")
    fi
    errors=0
    local e
    for e in connect read write timeout status bad; do errors=$((errors + $(field "$e" "$line"))); done
    local requests bytes
    requests=$(field requests "$line")
    bytes=$(field bytes "$line")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$kind" "$id" "$name" "$ceiling" \
        "$(field rps "$line")" "$(field p50_ms "$line")" "$(field p99_ms "$line")" "$errors" "$cpu" "$dbcpu" "$rss" "$hwm" \
        "$requests" "$(field writes "$line")" "$((requests > 0 ? bytes / requests : 0))" >> "$RESULTS"
    log "$(printf '%-34s %8.0f req/s  p50 %7.2f ms  p99 %8.2f ms  errors %s' "$name" "$(field rps "$line")" \
        "$(field p50_ms "$line")" "$(field p99_ms "$line")" "$errors")"
    ((errors == 0)) || FAILURES+=("$name: $errors errors (see $out)")
}

# Before measuring a scenario, its first requests must answer as expected (a redirect or an error
# page served fast would make a fine-looking but meaningless number). Lines are "path" or, for
# revalidation, "path<TAB>etag" (sent as If-None-Match).
preflight() { # list expected-status
    local path etag status
    while IFS=$'\t' read -r path etag; do
        status=$(curl -s -o /dev/null -w '%{http_code}' ${etag:+-H "If-None-Match: $etag"} "$BASE$path")
        if [[ $status != "$2" ]]; then
            FAILURES+=("GET $path answered $status, expected $2")
            log "WARNING: GET $path answered $status, expected $2"
        fi
    done < <(head -n 3 "$1")
}

selected() { [[ -z $ONLY || ",$ONLY," == *",$1,"* ]]; }

run_scenarios() {
    local deep_pos=$(((DEEP_PAGE - 1) * 20))
    local scenarios=(
        "a|article by slug (1,000 hot)|article|a.txt"
        "b|article ?include=related,comments|article|b.txt"
        "c|front page /articles|list|c.txt"
        "d|top-level category page|list|d.txt"
        "e|deep page ?page=$DEEP_PAGE|list|e.txt"
        "f|same position by cursor ($deep_pos)|list|f.txt"
        "g|cursor at position 20|list|g.txt"
        "h|cursor at position $END_POSITION|list|h.txt"
        "i|search ?q= ($(wc -l < "$L/i.txt") queries)|list|i.txt"
        "i2|search, every query different ($(wc -l < "$L/i2.txt") queries)|list|i2.txt"
        "j|comment thread, busy article ($(wc -l < "$L/j.txt") pages)|list|j.txt"
    )
    local s id name ceiling file
    for s in "${scenarios[@]}"; do
        IFS='|' read -r id name ceiling file <<< "$s"
        selected "$id" || continue
        preflight "$L/$file" 200
        measure service "$id" "($id) $name" "$ceiling" paths.lua "$L/$file"
    done
    if selected n; then
        preflight "$L/n.txt" 200
        measure service n "(n) media file, 640 px WebP ($(wc -c < "$RUN_DIR/static/media.webp") bytes)" media paths.lua "$L/n.txt"
    fi
    if selected k; then
        preflight "$L/k.tsv" 304
        measure service k "(k) 304 revalidation (If-None-Match)" article revalidate.lua "$L/k.tsv"
    fi
    if selected l0 || selected l; then
        measure service l0 "(l0) the read mix of (l), without writes" article mixed.lua "$L/reads.txt" "$L/hot-open.txt" \
            "$L/drafts.txt" "$TOKEN" reads-only
        measure service l "(l) the same reads, 1 write in 100" article mixed.lua "$L/reads.txt" "$L/hot-open.txt" \
            "$L/drafts.txt" "$TOKEN"
    fi
    if selected m0 || selected m; then
        measure service m0 "(m0) hot articles and the live one, no live story" article paths.lua "$L/m.txt"
        live_story
    fi
}

# (m): while wrk reads the hot set (the live article among them), the live article gets an edit every
# second and five comment approvals a second; after each acknowledged write the driver reads the article
# as a reader until the change shows, and records the delay.
live_story() {
    local seconds=${DURATION%s}
    [[ $seconds =~ ^[0-9]+$ ]] || seconds=10
    python3 "$BENCH_DIR/tools.py" live-prepare "$BASE/api/v1" "$LIVE_SLUG" $((seconds * 5 + 20)) "$L/live-ids.txt"
    python3 "$BENCH_DIR/tools.py" live "$BASE/api/v1" "$TOKEN" "$LIVE_SLUG" "$seconds" "$L/live-ids.txt" \
        "$RUN_DIR/live.json" > "$RUN_DIR/live.log" 2>&1 &
    local driver=$!
    measure service m "(m) the same reads during a live story (1 edit/s, 5 approvals/s)" article paths.lua "$L/m.txt"
    wait "$driver" || FAILURES+=("the live-story driver failed (see $RUN_DIR/live.log)")
    LIVE_RESULT=$(cat "$RUN_DIR/live.json" 2> /dev/null || echo '{}')
    log "live story: $LIVE_RESULT"
    if ! python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); sys.exit(1 if r["failures"] or r["edit"]["never_seen"] or r["approval"]["never_seen"] else 0)' \
        "$RUN_DIR/live.json" 2> /dev/null; then
        FAILURES+=("live story: a write failed or its change never showed ($LIVE_RESULT)")
    fi
}

# (w): the webhook outbox, with a receiver in the driver: the delay from each scheduled article's publication
# time to the receipt of its article.published, then the rate at which a burst of events is delivered.
webhook_scenario() {
    selected w || return 0
    settle
    local events=2000
    ((SMOKE)) && events=200
    log "webhooks: 10 scheduled articles, then $events events"
    python3 "$BENCH_DIR/tools.py" webhooks "$BASE/api/v1" "$TOKEN" 10 "$events" "$RUN_DIR/webhooks.json" \
        > "$RUN_DIR/webhooks.log" 2>&1 || FAILURES+=("the webhook driver failed (see $RUN_DIR/webhooks.log)")
    WEBHOOK_RESULT=$(cat "$RUN_DIR/webhooks.json" 2> /dev/null || echo '{}')
    log "webhooks: $WEBHOOK_RESULT"
    if ! python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); s=r["scheduled"]; d=r["drain"]
sys.exit(1 if r["failures"] or s["missing"] or s["repeated"] or not d["complete"] or d["duplicates"] else 0)' \
        "$RUN_DIR/webhooks.json" 2> /dev/null; then
        FAILURES+=("webhooks: an event was missing, repeated or failed ($WEBHOOK_RESULT)")
    fi
}

# (wp): a WordPress export made by bench/wordpress-export.py (20,000 posts; 300 in a smoke run), imported from the
# command line into a database of its own, in the service's heap: posts and comments per second, and the report.
import_scenario() {
    selected wp || return 0
    local posts=20000
    ((SMOKE)) && posts=300
    local export="$RUN_DIR/wordpress-$posts.xml" db="${DB}_wordpress"
    log "import: generating a WordPress export of $posts posts"
    if ! python3 "$BENCH_DIR/wordpress-export.py" --posts "$posts" --seed 1 --out "$export" > "$RUN_DIR/import-export.log" 2>&1; then
        FAILURES+=("the WordPress export generator failed (see $RUN_DIR/import-export.log)")
        return 0
    fi
    pg -d postgres -c "drop database if exists $db with (force)" -c "create database $db"
    log "import: $(cat "$RUN_DIR/import-export.log")"
    # shellcheck disable=SC2086 # JAVA_OPTS holds several options
    if ! env QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$PGHOST:$PGPORT/$db" QUARKUS_DATASOURCE_USERNAME="$PGUSER" \
        ${PGPASSWORD:+QUARKUS_DATASOURCE_PASSWORD="$PGPASSWORD"} CMS_MEDIA_STORAGE_DIRECTORY="$RUN_DIR/import-media" \
        java $JAVA_OPTS -jar "$JAR" import-wordpress "$export" > "$RUN_DIR/import-report.json" 2> "$RUN_DIR/import.log"; then
        FAILURES+=("the WordPress import failed (see $RUN_DIR/import.log)")
    fi
    IMPORT_RESULT=$(python3 -c 'import json, sys
from datetime import datetime
job = json.load(open(sys.argv[1])); c = job["report"]["counts"]
took = (datetime.fromisoformat(job["finishedAt"].replace("Z", "+00:00")) - datetime.fromisoformat(job["startedAt"].replace("Z", "+00:00"))).total_seconds()
print("%s in %.0f s: %d posts (%.0f/s) and %d comments (%.0f/s) imported, %d items in all; warnings %d" % (job["state"], took,
      c["posts"]["imported"] + c["posts"]["updated"], (c["posts"]["imported"] + c["posts"]["updated"]) / took, c["comments"]["imported"],
      c["comments"]["imported"] / took, job["progress"]["done"], len(job["report"]["warnings"])))' "$RUN_DIR/import-report.json" 2> /dev/null \
        || echo "no report (see $RUN_DIR/import.log)")
    log "import: $IMPORT_RESULT"
    [[ $IMPORT_RESULT == succeeded* ]] || FAILURES+=("the WordPress import did not succeed: $IMPORT_RESULT")
    pg -d postgres -c "drop database if exists $db with (force)"
}

# (b0): the article page again, with every in-memory cache off (CMS_CACHE_SERVER_TTL=PT0S): what a cold
# page costs. The service is restarted for it.
run_cold_scenarios() {
    selected b0 || return 0
    settle
    stop_service
    EXTRA_ENV+=("CMS_CACHE_SERVER_TTL=PT0S")
    start_service "$RUN_DIR/service-cold.log"
    COLD_STARTUP_MS=$STARTUP_MS
    log "cache off: first 200 after ${COLD_STARTUP_MS} ms"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -s "$BENCH_DIR/lua/paths.lua" "$BASE" -- "$THREADS" "$L/b.txt" > "$RUN_DIR/wrk-b0-warmup.txt" 2>&1 \
        || die "the warm-up of (b0) failed"
    preflight "$L/b.txt" 200
    measure service b0 "(b0) article page, in-memory caches off" article paths.lua "$L/b.txt"
    unset 'EXTRA_ENV[${#EXTRA_ENV[@]}-1]'
}

# ---- the reference ceiling --------------------------------------------------------------------

# nginx with a minimal configuration of its own, serving the two JSON files the service answered.
start_nginx() {
    NGINX_DIR=$(mktemp -d /tmp/newsdesk-bench-nginx.XXXXXX)
    chmod 755 "$NGINX_DIR"
    cp -r "$RUN_DIR/static" "$NGINX_DIR/static"
    chmod -R a+rX "$NGINX_DIR/static"
    mkdir -p "$NGINX_DIR/tmp"
    # Temporary directories of the modules this nginx has, inside our directory.
    local temp_paths
    temp_paths=$("$NGINX" -V 2>&1 | grep -o -- '--http-[a-z_]*-temp-path' | sed 's/^--http-\(.*\)-temp-path$/\1/' |
        while read -r m; do echo "    ${m//-/_}_temp_path $NGINX_DIR/tmp/$m;"; done)
    cat > "$NGINX_DIR/nginx.conf" << EOF
worker_processes auto;
daemon off;
pid $NGINX_DIR/nginx.pid;
error_log $NGINX_DIR/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65;
    keepalive_requests 1000000;
    types { application/json json; image/webp webp; }
$temp_paths
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $NGINX_DIR/static;
    }
}
EOF
    if curl -s -o /dev/null "http://127.0.0.1:$NGINX_PORT/"; then die "something already listens on port $NGINX_PORT"; fi
    "$NGINX" -p "$NGINX_DIR" -c "$NGINX_DIR/nginx.conf" -e "$NGINX_DIR/error.log" > "$RUN_DIR/nginx.log" 2>&1 &
    NGINX_PID=$!
    local i
    for i in $(seq 1 100); do
        [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$NGINX_PORT/list.json") == 200 ]] && return
        kill -0 "$NGINX_PID" 2> /dev/null || break
        sleep 0.1
    done
    cat "$RUN_DIR/nginx.log" "$NGINX_DIR/error.log" >&2 2> /dev/null || true
    die "nginx did not start"
}

run_ceiling() {
    start_nginx
    echo /article.json > "$L/nginx-article.txt"
    echo /list.json > "$L/nginx-list.txt"
    measure nginx nginx-article "article ($(wc -c < "$RUN_DIR/static/article.json") bytes)" article paths.lua "$L/nginx-article.txt"
    measure nginx nginx-list "list page ($(wc -c < "$RUN_DIR/static/list.json") bytes)" list paths.lua "$L/nginx-list.txt"
    if selected n; then
        measure nginx nginx-media "media file ($(wc -c < "$RUN_DIR/static/media.webp") bytes)" media paths.lua "$L/nginx-media.txt"
    fi
    stop_nginx
}

# ---- report -----------------------------------------------------------------------------------

write_report() {
    local meta="$RUN_DIR/meta.tsv"
    local counts
    counts=$(q "select format('%s articles (%s public, %s drafts, %s scheduled, %s archived), %s comments (%s approved), %s related links, %s categories, database %s',
                   count(*), count(*) filter (where status = 'published' and published_at <= now()),
                   count(*) filter (where status = 'draft'), count(*) filter (where status = 'published' and published_at > now()),
                   count(*) filter (where status = 'archived'),
                   (select count(*) from comment), (select count(*) from comment where status = 'approved'),
                   (select count(*) from related_link), (select count(*) from category),
                   pg_size_pretty(pg_database_size(current_database())))
                from article")
    {
        printf 'date\t%s\n' "$(date -u +'%Y-%m-%d %H:%M UTC')"
        printf 'scale\t%s\n' "$SCALE"
        printf 'machine\t%s cores (nproc), Linux %s\n' "$(nproc)" "$(uname -r)"
        printf 'cpu\t%s\n' "$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')"
        printf 'memory\t%s GiB RAM\n' "$(awk '/MemTotal/ { printf "%.1f", $2 / 1048576 }' /proc/meminfo)"
        printf 'java\t%s\n' "$(java -version 2>&1 | head -n 2 | tr '\n' ' ')"
        printf 'postgresql\t%s\n' "$(q 'select version()' | sed 's/ on .*//')"
        printf 'postgresql settings\t%s\n' "$(q "select string_agg(name || '=' || setting || coalesce(unit, ''), ', ' order by name) from pg_settings
                                              where name in ('shared_buffers', 'work_mem', 'effective_cache_size', 'max_connections', 'jit')")"
        printf 'dataset\t%s (%s, seed %s); hot set 1,000 articles; busy article %s\n' "$counts" "$DB" "$SEED" "$BUSY_SLUG"
        printf 'load\t%s; dataset check against the service: %s\n' "$LOAD_INFO" "$DATASET_CHECK"
        printf 'startup\t%s ms from launching java to the first 200 on GET /api/v1/articles%s\n' "$FIRST_STARTUP_MS" \
            "${COLD_STARTUP_MS:+ (${COLD_STARTUP_MS} ms for the restart with the caches off)}"
        [[ -z ${LIVE_RESULT:-} ]] || printf 'live story\t%s\n' "$LIVE_RESULT"
        [[ -z ${WEBHOOK_RESULT:-} ]] || printf 'webhooks\t%s\n' "$WEBHOOK_RESULT"
        [[ -z ${IMPORT_RESULT:-} ]] || printf 'wordpress import\t%s\n' "$IMPORT_RESULT"
        [[ -z ${MEDIA_INFO:-} ]] || printf 'media\t%s\n' "$MEDIA_INFO"
        printf 'wrk\t-t%s -c%s -d%s --timeout 10s --latency, after a %s warm-up of mixed reads\n' \
            "$THREADS" "$CONNECTIONS" "$DURATION" "$WARMUP"
        printf 'cursor walk\t%s (to reach the cursors of e-h, as a client would)\n' "$CURSOR_WALK"
        printf 'service\tMALLOC_ARENA_MAX=2 java %s -jar target/quarkus-app/quarkus-run.jar (prod profile), commit %s%s\n' "$JAVA_OPTS" \
            "$(git -C "$ROOT" rev-parse --short HEAD 2> /dev/null || echo unknown)" \
            "$( ((${#EXTRA_ENV[@]})) && printf ', extra env: %s' "${EXTRA_ENV[*]}")"
        if ((${#FAILURES[@]})); then
            printf 'notes\t'
            printf '%s; ' "${FAILURES[@]}" | sed 's/; $//'
            printf '\n'
        fi
    } > "$meta"
    python3 "$BENCH_DIR/tools.py" report "$RESULTS" "$meta" > "$REPORT"
    cat "$REPORT"
    log "report: $REPORT (logs in $RUN_DIR)"
}

# ---- main -------------------------------------------------------------------------------------

main() {
    parse_args "$@"
    ensure_tools
    build_if_needed
    local stamp
    stamp=$(date +%Y-%m-%d-%H%M%S)
    RUN_DIR="$BENCH_DIR/results/$stamp-$SCALE"
    REPORT="$BENCH_DIR/results/$stamp-$SCALE.md"
    RESULTS="$RUN_DIR/results.tsv"
    mkdir -p "$RUN_DIR"
    printf 'kind\tid\tname\tceiling\trps\tp50\tp99\terrors\tcpu\tdbcpu\trss\thwm\trequests\twrites\tbytes_each\n' > "$RESULTS"
    FAILURES=()
    DATASET_CHECK="not run"
    trap cleanup EXIT
    trap 'exit 130' INT TERM

    prepare_database
    log "starting the service"
    start_service "$RUN_DIR/service.log"
    FIRST_STARTUP_MS=$STARTUP_MS
    log "first 200 after ${STARTUP_MS} ms"
    check_dataset_against_service
    write_request_lists
    if selected n; then
        log "uploading a photo for the media scenario"
        prepare_media
    fi
    log "reading the hot set once (articles, pages, sections, the busy thread)"
    python3 "$BENCH_DIR/tools.py" prime "$BASE" "$L/a.txt" "$L/b.txt" "$L/c.txt" "$L/d.txt" "$L/j.txt"
    log "warming up for $WARMUP"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s "$BENCH_DIR/lua/paths.lua" "$BASE" -- "$THREADS" "$L/reads.txt" \
        > "$RUN_DIR/wrk-warmup.txt" 2>&1 || die "the warm-up failed (see $RUN_DIR/wrk-warmup.txt)"
    run_scenarios
    webhook_scenario
    run_cold_scenarios
    settle
    stop_service
    import_scenario
    run_ceiling
    write_report

    if ((SMOKE)); then
        [[ $DATASET_CHECK == ok ]] || FAILURES+=("dataset check: $DATASET_CHECK")
        if ((${#FAILURES[@]})); then
            printf 'smoke: FAILED\n' >&2
            printf '  %s\n' "${FAILURES[@]}" >&2
            exit 1
        fi
        log "smoke: every scenario answered without an error"
    fi
}

# On one line: bash reads a script as it runs it, so nothing after main is read once it has started.
main "$@"; exit $?
