-- Shared by the wrk scripts: reading request lists, numbering threads, and one machine-readable
-- result line that bench/run.sh parses (wrk's own report is kept in the log beside it).
local common = {}

-- Lines of a file, without empty ones; wrk stops with a message if the file is missing or empty.
function common.lines(path)
  local out = {}
  local f = assert(io.open(path, "r"), "cannot open " .. tostring(path))
  for line in f:lines() do
    if line ~= "" then out[#out + 1] = line end
  end
  f:close()
  assert(#out > 0, path .. " is empty")
  return out
end

-- Splits "a<TAB>b" into a, b.
function common.split_tab(line)
  local a, b = line:match("^([^\t]*)\t(.*)$")
  return a or line, b
end

-- setup() runs once per thread in the main Lua state, just before that thread's init(): give each
-- thread its number (a global named `id` in the thread's own state) and keep the threads to read
-- their counters in done(). The number of threads comes as the first script argument, as wrk tells
-- a thread nothing about the others.
local threads = {}
function common.setup(thread)
  thread:set("id", #threads)
  threads[#threads + 1] = thread
end

function common.nthreads(args)
  return math.max(1, tonumber(args[1]) or 1)
end

-- The thread's starting offset in a list of n entries, so that threads do not walk in step.
function common.offset(n, nthreads)
  return math.floor(n * (id or 0) / nthreads) % n
end

-- One line for bench/run.sh. Errors are wrk's socket errors (connect, read, write, timeout) plus its
-- non-2xx/3xx answers (status), plus `bad`: answers a script's response() found unexpected.
function common.done(summary, latency, requests)
  local bad, writes = 0, 0
  for _, t in ipairs(threads) do
    bad = bad + (tonumber(t:get("bad")) or 0)
    writes = writes + (tonumber(t:get("writes")) or 0)
  end
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "BENCH_RESULT requests=%d seconds=%.3f rps=%.1f p50_ms=%.3f p99_ms=%.3f connect=%d read=%d write=%d timeout=%d status=%d bad=%d writes=%d bytes=%d\n",
    summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.connect, e.read, e.write, e.timeout, e.status, bad, writes, summary.bytes))
end

return common
