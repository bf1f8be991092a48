#!/usr/bin/env python3
"""Helpers of bench/run.sh that are easier over one keep-alive HTTP connection or with JSON at hand.

  tools.py cursors BASE OUT TARGET...   walk the public list by cursor; OUT gets "target<TAB>cursor"
                                        for each position TARGET (the cursor that answers the items
                                        after the first TARGET ones)
  tools.py etags BASE PATHS OUT         GET each path once; OUT gets "path<TAB>etag"
  tools.py prime BASE PATHS...          GET each path of the files once (the hot set, read once before
                                        measuring, as a site's hot pages are read all the time)
  tools.py mix OUT COUNT FILE:WEIGHT... a shuffled list of COUNT lines drawn from the files in
                                        proportion to their weights (the same list every time)
  tools.py searches OUT COUNT VOCABULARY.sql
                                        COUNT distinct searches as readers type them (words drawn
                                        most common first, pairs, phrases, -exclusions, or)
  tools.py live-prepare BASE SLUG COUNT OUT
                                        COUNT readers' comments on the live article, held for
                                        moderation; OUT gets their ids
  tools.py live BASE TOKEN SLUG SECONDS IDS OUT
                                        the live story: an edit of the article every second and five
                                        approvals of its comments a second; after each acknowledged
                                        write, polls the article as a reader until the change shows;
                                        OUT gets the delays (JSON)
  tools.py webhooks BASE TOKEN SCHEDULED EVENTS OUT
                                        the webhook outbox to a receiver in this process: delays from
                                        SCHEDULED articles' publication times to their article.published,
                                        then the delivery rate of EVENTS test events; OUT gets JSON
  tools.py photo OUT WIDTH HEIGHT SEED   a photo-like PNG (smooth colour fields with grain), for the
                                        media scenario's upload; each seed gives other bytes
  tools.py report RESULTS.tsv META.tsv  the Markdown report of a run (see run.sh)
"""

import http.client
import json
import random
import sys
import time
import urllib.parse


class Client:
    """One HTTP/1.1 connection to the service, reopened if the server closes it."""

    def __init__(self, base):
        url = urllib.parse.urlsplit(base)
        self.host, self.port, self.prefix = url.hostname, url.port or 80, url.path.rstrip("/")
        self.conn = None

    def get(self, path):
        status, headers, body = self.send("GET", path)
        return status, headers.get("ETag"), body

    def send(self, method, path, body=None, headers=None):
        for attempt in (1, 2):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection(self.host, self.port, timeout=120)
                self.conn.request(method, self.prefix + path, body=body, headers=headers or {})
                response = self.conn.getresponse()
                return response.status, dict(response.getheaders()), response.read()
            except (http.client.HTTPException, ConnectionError):
                self.conn = None
                if attempt == 2:
                    raise


def cursors(base, out, targets):
    """Cursors are signed by the service, so the only way to one deep in the list is to walk there:
    pages of 100 (the largest size) up to the last hundred before a target, then one page of the
    remainder, whose nextCursor sits exactly at the target."""
    client = Client(base)
    targets = sorted(set(int(t) for t in targets))
    found = {}
    position, cursor, pages = 0, "", 0
    started = time.time()
    for target in targets:
        while position + 100 <= target:
            if position and position % 10000 == 0:
                print(f"  cursor walk at position {position}, {time.time() - started:.0f}s", file=sys.stderr, flush=True)
            status, _, body = client.get("/articles?size=100&cursor=" + urllib.parse.quote(cursor))
            pages += 1
            page = json.loads(body) if status == 200 else None
            if page is None or "nextCursor" not in page:
                sys.exit(f"cursor walk stopped at position {position} (status {status}); the list is shorter than {target}")
            position, cursor = position + len(page["items"]), page["nextCursor"]
        remainder = target - position
        if remainder == 0:
            found[target] = cursor
        else:
            status, _, body = client.get(f"/articles?size={remainder}&cursor=" + urllib.parse.quote(cursor))
            page = json.loads(body) if status == 200 else {}
            if "nextCursor" not in page:
                sys.exit(f"no cursor at position {target} (status {status})")
            found[target] = page["nextCursor"]
    with open(out, "w") as f:
        for target in targets:
            f.write(f"{target}\t{found[target]}\n")
    seconds = time.time() - started
    print(f"{pages} pages of 100 in {seconds:.1f}s, {1000 * seconds / max(1, pages):.0f} ms a page")


def etags(base, paths_file, out):
    client = Client(base)
    with open(paths_file) as f, open(out, "w") as o:
        for path in (line.strip() for line in f):
            if not path:
                continue
            status, etag, _ = client.get(path)
            if status != 200 or not etag:
                sys.exit(f"GET {path} answered {status} without an ETag")
            o.write(f"{client.prefix}{path}\t{etag}\n")


def prime(base, files):
    client = Client(base)
    for name in files:
        with open(name) as f:
            for path in (line.strip() for line in f):
                if path:
                    client.get(path)


def mix(out, count, specs):
    """Deterministic: the same inputs give the same list, so runs are comparable."""
    rng = random.Random(42)
    pools = []
    for spec in specs:
        name, weight = spec.rsplit(":", 1)
        with open(name) as f:
            lines = [line.rstrip("\n") for line in f if line.strip()]
        pools.append((lines, float(weight)))
    total = sum(w for _, w in pools)
    picked = []
    for lines, weight in pools:
        n = round(count * weight / total)
        picked += [lines[(i * 7919) % len(lines)] for i in range(n)]
    rng.shuffle(picked)
    with open(out, "w") as f:
        f.write("\n".join(picked) + "\n")


def searches(out, count, vocabulary_sql):
    """Distinct searches, none repeated, so that no kept answer can help: words of the generator's
    vocabulary drawn with the same Zipf-like law as its text (rank r with a weight of 1/r), so common
    words that match thousands of articles come up as often as readers type them."""
    import re
    text = open(vocabulary_sql).read()
    block = text[text.index("create unlogged table content_word"):]
    words = []
    for chunk in re.findall(r"'([a-z ]+)'", block[:block.index("with ordinality")]):
        for word in chunk.split():
            if word not in words:
                words.append(word)
    rng = random.Random(7)
    weights = [1 / (r + 1) for r in range(len(words))]

    def word():
        return rng.choices(words, weights)[0]

    forms = [
        (35, lambda: f"{word()} {word()}"),
        (15, lambda: word()),
        (20, lambda: f'"{word()} {word()}"'),
        (15, lambda: f"{word()} -{word()}"),
        (10, lambda: f"{word()} or {word()}"),
        (5, lambda: f"{word()} {word()} {word()}"),
    ]
    seen = set()
    attempts = 0
    while len(seen) < count and attempts < count * 50:
        attempts += 1
        form = rng.choices([f for _, f in forms], [w for w, _ in forms])[0]
        query = form()
        terms = [t for t in query.replace('"', "").replace("-", "").split() if t != "or"]
        if len(set(terms)) == len(terms):  # "tax -tax" or "year year" is no search a reader types
            seen.add(query)
    ordered = sorted(seen)
    rng.shuffle(ordered)
    with open(out, "w") as f:
        f.write("\n".join(ordered) + "\n")


def live_prepare(base, slug, count, out):
    """Comments from new readers are held for moderation: the live story approves these."""
    client = Client(base)
    stamp = int(time.time())
    ids = []
    for n in range(count):
        body = json.dumps({"authorName": "Live Reader", "authorEmail": f"live-{stamp}-{n}@example.com",
                           "body": f"Comment {n} on the live story at {stamp}."})
        status, _, answer = client.send("POST", f"/articles/{slug}/comments", body, {"Content-Type": "application/json"})
        if status != 202:
            sys.exit(f"a live-story comment answered {status}: {answer[:200]!r}")
        ids.append(json.loads(answer)["id"])
    with open(out, "w") as f:
        f.write("\n".join(str(i) for i in ids) + "\n")


def live(base, token, slug, seconds, ids_file, out):
    """One edit a second and five approvals a second on one article, while wrk reads. After each write
    is acknowledged, the article is read as an anonymous reader every 5 ms until the change shows
    (the new excerpt, or a comment count one higher): the delay from acknowledgement to visibility."""
    writer, reader = Client(base), Client(base)
    ids = [line.strip() for line in open(ids_file) if line.strip()]
    auth = {"Authorization": f"Bearer {token}"}

    import re
    count_field = re.compile(rb'"commentCount":(\d+)')

    def article():
        status, _, body = reader.get(f"/articles/{slug}")
        return body if status == 200 else None

    def wait_for(check):
        # Reads as a reader would, every 5 ms, and looks at the raw bytes: the driver shares the machine with
        # wrk and the service, so it must cost them as little as it can.
        acknowledged = time.perf_counter()
        while time.perf_counter() - acknowledged < 5:
            body = article()
            if body is not None and check(body):
                return (time.perf_counter() - acknowledged) * 1000
            time.sleep(0.005)
        return None

    def comment_count(body):
        return int(count_field.search(body).group(1))

    count = comment_count(article())
    delays = {"edit": [], "approval": []}
    failures = []
    start = time.perf_counter()
    next_edit, next_approval, n = start, start, 0
    while time.perf_counter() - start < seconds:
        now = time.perf_counter()
        if now >= next_edit:
            n += 1
            excerpt = f"Live update {n}: the story is developing."
            status, _, body = writer.send("PATCH", f"/articles/{slug}", json.dumps({"excerpt": excerpt}),
                                          dict(auth, **{"Content-Type": "application/merge-patch+json"}))
            if status != 200:
                failures.append(f"edit {n}: {status}")
            else:
                needle = json.dumps({"excerpt": excerpt}, separators=(",", ":"))[1:-1].encode()
                delays["edit"].append(wait_for(lambda body, n=needle: n in body))
            next_edit += 1.0
        elif now >= next_approval and ids:
            comment_id = ids.pop(0)
            status, _, body = writer.send("PATCH", f"/comments/{comment_id}", json.dumps({"status": "approved"}),
                                          dict(auth, **{"Content-Type": "application/json"}))
            if status != 200:
                failures.append(f"approval of {comment_id}: {status}")
            else:
                count += 1
                delays["approval"].append(wait_for(lambda body, c=count: comment_count(body) >= c))
            next_approval += 0.2
        else:
            time.sleep(max(0.0, min(next_edit, next_approval) - now))

    def stats(values):
        seen = sorted(v for v in values if v is not None)
        missed = len(values) - len(seen)
        if not seen:
            return {"writes": len(values), "never_seen": missed}
        return {"writes": len(values), "never_seen": missed, "p50_ms": round(seen[len(seen) // 2], 1),
                "p99_ms": round(seen[min(len(seen) - 1, int(len(seen) * 0.99))], 1), "max_ms": round(seen[-1], 1)}

    result = {"edit": stats(delays["edit"]), "approval": stats(delays["approval"]), "failures": failures}
    with open(out, "w") as f:
        json.dump(result, f)
    print(json.dumps(result))


def webhooks(base, token, scheduled, events, out):
    """(w) The webhook outbox, to a receiver in this process on 127.0.0.1. First `scheduled` articles are
    scheduled a few seconds ahead, half a second apart: the delay from each publication time to the receipt of
    its article.published. Then `events` webhook.test events wait in the outbox for a disabled endpoint, which
    is then enabled: the drain rate, from enabling it to the last receipt. Every receipt answers 204."""
    import datetime
    import http.server
    import threading

    received = []
    lock = threading.Lock()

    class Receiver(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            at = time.time()
            with lock:
                received.append((at, self.headers.get("webhook-id"), json.loads(body)))
            self.send_response(204)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    client = Client(base)
    auth = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    status, _, body = client.send("POST", "/webhooks", json.dumps({
        "url": f"http://127.0.0.1:{server.server_address[1]}/hook", "events": ["article.published", "webhook.test"],
        "description": "bench receiver"}), auth)
    if status != 201:
        sys.exit(f"registering the bench webhook answered {status}: {body[:300]!r}")
    hook = json.loads(body)["id"]
    failures = []

    def wait_until(check, seconds):
        deadline = time.time() + seconds
        while time.time() < deadline:
            with lock:
                if check():
                    return True
            time.sleep(0.01)
        return False

    # Scheduled publications.
    first = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0) + datetime.timedelta(seconds=4)
    times = {}
    run = int(time.time())
    for i in range(scheduled):
        at = first + datetime.timedelta(seconds=i // 2, milliseconds=500 * (i % 2))
        slug = f"bench-scheduled-{run}-{i}"
        status, _, body = client.send("POST", "/articles", json.dumps({
            "title": f"Scheduled bench story {i}", "slug": slug, "body": "A story that goes live on its own.",
            "status": "published", "publishedAt": at.isoformat().replace("+00:00", "Z")}), auth)
        if status != 201:
            failures.append(f"scheduling {slug}: {status}")
        times[slug] = at.timestamp()

    def published():
        # The delay counts from the publication time the service kept (it keeps whole seconds).
        return {r[2]["data"]["slug"]: r[0] - datetime.datetime.fromisoformat(r[2]["data"]["publishedAt"].replace("Z", "+00:00")).timestamp()
                for r in received if r[2].get("type") == "article.published" and r[2]["data"].get("slug") in times}

    wait_until(lambda: len(published()) == len(times), 4 + scheduled * 0.5 + 15)
    with lock:
        seen = published()
        counts = {}
        for r in received:
            if r[2].get("type") == "article.published" and r[2]["data"].get("slug") in times:
                counts[r[2]["data"]["slug"]] = counts.get(r[2]["data"]["slug"], 0) + 1
    delays = sorted(seen[slug] * 1000 for slug in times if slug in seen)
    missing = [slug for slug in times if slug not in seen]
    repeated = [slug for slug, n in counts.items() if n > 1]

    # Drain rate: the events wait in the outbox for a disabled endpoint, which is then enabled.
    status, _, body = client.send("POST", "/webhooks", json.dumps({
        "url": f"http://127.0.0.1:{server.server_address[1]}/hook", "events": ["webhook.test"], "enabled": False,
        "description": "bench drain"}), auth)
    drain_hook = json.loads(body)["id"] if status == 201 else None
    if drain_hook is None:
        failures.append(f"registering the drain webhook: {status}")
    with lock:
        before = len(received)
    posted_from = time.time()
    for i in range(events if drain_hook else 0):
        status, _, _ = client.send("POST", f"/webhooks/{drain_hook}/test", None, {"Authorization": f"Bearer {token}"})
        if status != 202:
            failures.append(f"test event {i}: {status}")
            break
    posted_in = time.time() - posted_from
    enabled_at = time.time()
    client.send("PATCH", f"/webhooks/{drain_hook}", json.dumps({"enabled": True}),
                {"Authorization": f"Bearer {token}", "Content-Type": "application/merge-patch+json"})
    drained = wait_until(lambda: len(received) - before >= events, 120)
    with lock:
        tests = [r[0] for r in received[before:] if r[2].get("type") == "webhook.test"]
        ids = [r[1] for r in received[before:]]
    for h in (hook, drain_hook):
        client.send("DELETE", f"/webhooks/{h}", None, {"Authorization": f"Bearer {token}"})
    server.shutdown()

    def ms(v):
        return round(v, 1)

    result = {
        "scheduled": {"articles": scheduled, "delivered": len(delays), "missing": missing, "repeated": repeated,
                      "min_ms": ms(delays[0]) if delays else None, "p50_ms": ms(delays[len(delays) // 2]) if delays else None,
                      "max_ms": ms(delays[-1]) if delays else None},
        "drain": {"events": events, "received": len(tests), "duplicates": len(ids) - len(set(ids)),
                  "written_per_s": round(events / posted_in, 1) if posted_in else None,
                  "delivered_per_s": round(len(tests) / (max(tests) - enabled_at), 1) if tests else None,
                  "complete": drained},
        "failures": failures,
    }
    with open(out, "w") as f:
        json.dump(result, f)
    print(json.dumps(result))


def report(results_file, meta_file):
    """results: one line per measured scenario, tab-separated, with a header. meta: key<TAB>value."""
    meta = {}
    with open(meta_file) as f:
        for line in f:
            if "\t" in line:
                k, v = line.rstrip("\n").split("\t", 1)
                meta[k] = v
    with open(results_file) as f:
        header = f.readline().rstrip("\n").split("\t")
        rows = [dict(zip(header, line.rstrip("\n").split("\t"))) for line in f if line.strip()]
    ceilings = {r["ceiling"]: float(r["rps"]) for r in rows if r["kind"] == "nginx"}

    def pct(r):
        c = ceilings.get(r["ceiling"])
        return f"{100 * float(r['rps']) / c:.1f}%" if c else "n/a"

    def mb(kb):
        return f"{int(kb) / 1024:.0f}" if kb not in ("", None) else "-"

    out = []
    out.append(f"# Benchmark {meta.get('date', '')}: {int(meta.get('scale', 0)):,} articles\n")
    out.append("| scenario | req/s | % of nginx | p50 ms | p99 ms | errors | CPU (java) | CPU (PostgreSQL) | RSS MB (peak) |")
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        if r["kind"] == "nginx":
            continue
        name = r["name"] + (f" ({r['writes']} writes)" if r.get("writes", "0") not in ("", "0") else "")
        out.append(f"| {name} | {float(r['rps']):,.0f} | {pct(r)} | {float(r['p50']):.2f} | {float(r['p99']):.2f} | "
                   f"{r['errors']} | {float(r['cpu']):.0f}% | {float(r['dbcpu']):.0f}% | {mb(r['rss'])} ({mb(r['hwm'])}) |")
    out.append("")
    out.append("Reference ceiling: nginx serving the same bytes (JSON answers, a media file) as static files, same wrk settings.\n")
    out.append("| ceiling | bytes per answer | req/s | p50 ms | p99 ms | errors | CPU (nginx) |")
    out.append("|---|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        if r["kind"] == "nginx":
            out.append(f"| {r['name']} | {r.get('bytes_each', '')} | {float(r['rps']):,.0f} | {float(r['p50']):.2f} | "
                       f"{float(r['p99']):.2f} | {r['errors']} | {float(r['cpu']):.0f}% |")
    out.append("")
    out.append("CPU is the processes' user + system time over the run as a percentage of one core (200% = both of two "
               "cores); PostgreSQL's is that of the service's connections. RSS is the java process's VmRSS at the end of "
               "the run, with its peak (VmHWM) since start.\n")
    out.extend(targets(rows, ceilings, meta))
    out.append("## Run\n")
    for key in ("machine", "cpu", "memory", "java", "postgresql", "postgresql settings", "dataset", "load", "startup",
                "wrk", "cursor walk", "live story", "webhooks", "media", "service", "notes"):
        if key in meta:
            out.append(f"- **{key}**: {meta[key]}")
    print("\n".join(out))


def photo(out, width, height, seed):
    """A PNG that compresses like a photograph: smooth gradients, soft shapes and grain."""
    import struct
    import zlib
    rng = random.Random(seed)
    rows = bytearray()
    for y in range(height):
        rows.append(0)
        for x in range(width):
            grain = rng.randint(-12, 12)
            r = (x * 255 // width + grain) & 0xFF
            g = (y * 255 // height + grain) & 0xFF
            b = ((x + y) * 128 // (width + height) + 64 + grain) & 0xFF
            rows += bytes((r, g, b))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    with open(out, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(bytes(rows), 6)))
        f.write(chunk(b"IEND", b""))


def targets(rows, ceilings, meta):
    """The performance targets the service is held to, each checked against this run."""
    by_id = {r["id"]: r for r in rows if r["kind"] == "service"}
    lines = ["## Against the targets\n", "| target | result | |", "|---|---|---|"]

    def verdict(ok):
        return "met" if ok else "**missed**"

    def share(r):
        c = ceilings.get(r["ceiling"])
        return 100 * float(r["rps"]) / c if c else 0.0

    for ids, floor, p99 in ((("a", "c", "d", "j"), 50, 25), (("b",), 40, 25)):
        for i in ids:
            r = by_id.get(i)
            if r:
                ok = share(r) >= floor and float(r["p99"]) < p99
                lines.append(f"| {r['name']}: at least {floor}% of nginx, p99 under {p99} ms | {share(r):.1f}%, p99 "
                             f"{float(r['p99']):.1f} ms | {verdict(ok)} |")
    r = by_id.get("n")
    if r:
        ok = share(r) >= 50
        lines.append(f"| {r['name']}: at least 50% of nginx serving the same file | {share(r):.1f}% | {verdict(ok)} |")
    r = by_id.get("b0")
    if r:
        lines.append(f"| {r['name']}: at least 1,500 req/s | {float(r['rps']):,.0f} req/s | {verdict(float(r['rps']) >= 1500)} |")
    r = by_id.get("i2")
    if r:
        ok = float(r["rps"]) >= 500 and float(r["p99"]) < 50
        lines.append(f"| {r['name']}: at least 500 req/s, p99 under 50 ms | {float(r['rps']):,.0f} req/s, p99 "
                     f"{float(r['p99']):.1f} ms | {verdict(ok)} |")
    for with_writes, without, floor in (("l", "l0", 80), ("m", "m0", 90)):
        a, b = by_id.get(with_writes), by_id.get(without)
        if a and b and float(b["rps"]) > 0:
            ratio = 100 * float(a["rps"]) / float(b["rps"])
            lines.append(f"| ({with_writes}) at least {floor}% of ({without}) | {float(a['rps']):,.0f} of {float(b['rps']):,.0f} req/s: "
                         f"{ratio:.0f}% | {verdict(ratio >= floor)} |")
    if meta.get("live story"):
        try:
            live = json.loads(meta["live story"])
            worst = max(live["edit"].get("max_ms", 1e9), live["approval"].get("max_ms", 1e9))
            seen = not live["edit"].get("never_seen") and not live["approval"].get("never_seen") and not live["failures"]
            lines.append(f"| (m) the live article's readers see each change within 1 s | edits p50 {live['edit'].get('p50_ms')} ms, "
                         f"max {live['edit'].get('max_ms')} ms ({live['edit']['writes']}); approvals p50 "
                         f"{live['approval'].get('p50_ms')} ms, max {live['approval'].get('max_ms')} ms "
                         f"({live['approval']['writes']}) | {verdict(seen and worst < 1000)} |")
        except (ValueError, KeyError):
            lines.append(f"| (m) the live article's readers see each change within 1 s | {meta['live story']} | **missed** |")
    if meta.get("webhooks"):
        try:
            w = json.loads(meta["webhooks"])
            sch, drain = w["scheduled"], w["drain"]
            ok = (not w["failures"] and not sch["missing"] and not sch["repeated"] and sch["max_ms"] is not None
                  and sch["max_ms"] < 5000)
            lines.append(f"| (w) a scheduled article's article.published within 5 s of its time, once | min {sch['min_ms']} ms, "
                         f"p50 {sch['p50_ms']} ms, max {sch['max_ms']} ms ({sch['delivered']} of {sch['articles']}) | {verdict(ok)} |")
            lines.append(f"| (w) outbox drain rate (reported) | {drain['delivered_per_s']} deliveries/s ({drain['received']} of "
                         f"{drain['events']} events, written at {drain['written_per_s']}/s, {drain['duplicates']} duplicates) | "
                         f"{verdict(drain['complete'] and drain['duplicates'] == 0)} |")
        except (ValueError, KeyError, TypeError):
            lines.append(f"| (w) webhooks | {meta['webhooks']} | **missed** |")
    hwm = [int(r["hwm"]) for r in rows if r["kind"] == "service" and r.get("hwm")]
    if hwm:
        lines.append(f"| RSS peak under 400 MB in every scenario | {max(hwm) / 1024:.0f} MB | {verdict(max(hwm) < 400 * 1024)} |")
    startup = meta.get("startup", "").split(" ms")[0]
    if startup.isdigit():
        lines.append(f"| startup to the first served request under 3 s | {int(startup):,} ms | {verdict(int(startup) < 3000)} |")
    lines.append("")
    return lines


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    command, args = argv[1], argv[2:]
    if command == "cursors":
        cursors(args[0], args[1], args[2:])
    elif command == "etags":
        etags(args[0], args[1], args[2])
    elif command == "prime":
        prime(args[0], args[1:])
    elif command == "mix":
        mix(args[0], int(args[1]), args[2:])
    elif command == "searches":
        searches(args[0], int(args[1]), args[2])
    elif command == "live-prepare":
        live_prepare(args[0], args[1], int(args[2]), args[3])
    elif command == "live":
        live(args[0], args[1], args[2], float(args[3]), args[4], args[5])
    elif command == "webhooks":
        webhooks(args[0], args[1], int(args[2]), int(args[3]), args[4])
    elif command == "photo":
        photo(args[0], int(args[1]), int(args[2]), args[3])
    elif command == "report":
        report(args[0], args[1])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
