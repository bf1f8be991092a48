-- A newsroom on a busy day: reads from a prepared mix (articles, pages, lists, search, comments), and
-- one request in 100 a write. Writes come in a cycle of ten: four readers' comments (POST
-- /articles/{slug}/comments, held for moderation), three approvals of such comments (PATCH
-- /comments/{id}), two edits (PATCH /articles/{slug}, a new excerpt) and one publication or withdrawal
-- of a story (PATCH /articles/{slug} of a draft to published, or back to draft).
--   wrk ... -s mixed.lua http://127.0.0.1:18100 -- THREADS reads.txt slugs.txt drafts.txt TOKEN [reads-only]
-- With "reads-only" it sends the same reads and no writes, through the same script, so that the two
-- runs cost wrk the same and can be compared side by side.
-- Each thread edits and publishes its own share of the articles, so two writes never race for one
-- row; it approves the comments it submitted itself, as their ids come back.
package.path = debug.getinfo(1, "S").source:match("^@(.*/)") .. "?.lua;" .. package.path
local common = require("common")

local reads, slugs, drafts, token
local nreads, i, count, edit_at, draft_at, step, started, pending, published, reads_only
local cycle = { "comment", "approve", "comment", "approve", "edit", "comment", "approve", "edit", "comment", "publish" }
bad = 0
writes = 0

setup = common.setup
done = common.done

-- Whole rounds only, so that thread t takes entries t, t + nthreads, ... and no other thread's.
local function share(list, nthreads)
  while #list % nthreads ~= 0 do list[#list] = nil end
  return list
end

function init(args)
  local nthreads = common.nthreads(args)
  local paths = common.lines(args[2])
  reads = {}
  for k, path in ipairs(paths) do reads[k] = wrk.format("GET", path) end
  nreads = #reads
  i = common.offset(nreads, nthreads)
  slugs = share(common.lines(args[3]), nthreads)
  drafts = share(common.lines(args[4]), nthreads)
  token = args[5]
  reads_only = args[6] == "reads-only"
  count = 0
  step = nthreads
  edit_at = id or 0
  draft_at = id or 0
  started = os.time()
  pending = {}
  published = {}
  math.randomseed(1000 + (id or 0))
end

local function comment()
  local slug = slugs[math.random(#slugs)]
  local body = string.format(
    '{"authorName":"Bench Reader","authorEmail":"reader-%d-%d-%d@example.com","body":"Thanks for this report, number %d from thread %d at %d."}',
    id or 0, started, count, count, id or 0, started)
  return wrk.format("POST", "/api/v1/articles/" .. slug .. "/comments", { ["Content-Type"] = "application/json" }, body)
end

local function approve()
  local comment_id = table.remove(pending, 1)
  if comment_id == nil then return comment() end
  return wrk.format("PATCH", "/api/v1/comments/" .. comment_id,
    { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }, '{"status":"approved"}')
end

local function edit()
  local slug = slugs[edit_at % #slugs + 1]
  edit_at = edit_at + step
  local body = string.format('{"excerpt":"Updated on the newsdesk, revision %d of thread %d at %d."}', count, id or 0, started)
  return wrk.format("PATCH", "/api/v1/articles/" .. slug,
    { ["Content-Type"] = "application/merge-patch+json", ["Authorization"] = "Bearer " .. token }, body)
end

local function publish()
  local slug = drafts[draft_at % #drafts + 1]
  draft_at = draft_at + step
  local status = published[slug] and "draft" or "published"
  published[slug] = not published[slug]
  return wrk.format("PATCH", "/api/v1/articles/" .. slug,
    { ["Content-Type"] = "application/merge-patch+json", ["Authorization"] = "Bearer " .. token },
    '{"status":"' .. status .. '"}')
end

local writers = { comment = comment, approve = approve, edit = edit, publish = publish }

function request()
  count = count + 1
  if count % 100 == 0 and not reads_only then
    writes = writes + 1
    return writers[cycle[(count / 100 - 1) % #cycle + 1]]()
  end
  i = i % nreads + 1
  return reads[i]
end

function response(status, headers, body)
  -- Reads, approvals, edits and publications answer 200; comments 202 (held for moderation).
  if status == 202 then
    local comment_id = body:match('^{"id":(%d+),"status":"pending"}')
    if comment_id then pending[#pending + 1] = comment_id end
  elseif status ~= 200 then
    bad = bad + 1
    -- The first few unexpected answers go to wrk's output, so that a failed run says why.
    if bad <= 3 then io.write(string.format("BENCH_BAD status=%d body=%s\n", status, body:sub(1, 300))) end
  end
end
