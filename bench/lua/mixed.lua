-- A site under ordinary load: reads from a prepared mix (articles, lists, search, comments), and
-- one request in 100 a write, alternately a reader's comment (POST /articles/{slug}/comments) and an
-- editor's change (PATCH /articles/{slug} as a JSON Merge Patch with the bench admin token).
--   wrk ... -s mixed.lua http://127.0.0.1:18100 -- THREADS reads.txt slugs.txt emails.txt TOKEN
-- Comments come half from readers with an approved comment already (published at once, so the
-- article's comment count is recounted) and half from new readers (held for moderation). Each thread
-- edits its own share of the articles, so two edits never race for one row.
package.path = debug.getinfo(1, "S").source:match("^@(.*/)") .. "?.lua;" .. package.path
local common = require("common")

local reads, slugs, emails, token
local nreads, i, count, edit_at, edit_step, started
bad = 0
writes = 0

setup = common.setup
done = common.done

function init(args)
  local nthreads = common.nthreads(args)
  local paths = common.lines(args[2])
  reads = {}
  for k, path in ipairs(paths) do reads[k] = wrk.format("GET", path) end
  nreads = #reads
  i = common.offset(nreads, nthreads)
  slugs = common.lines(args[3])
  -- Whole rounds only, so that thread t edits the slugs t, t + nthreads, ... and no other thread's.
  while #slugs % nthreads ~= 0 do slugs[#slugs] = nil end
  emails = common.lines(args[4])
  token = args[5]
  count = 0
  edit_at = id or 0
  edit_step = nthreads
  started = os.time()
  math.randomseed(1000 + (id or 0))
end

local function comment()
  local slug = slugs[math.random(#slugs)]
  local email
  if count % 400 < 200 then
    email = emails[math.random(#emails)]
  else
    email = string.format("reader-%d-%d-%d@example.com", id or 0, started, count)
  end
  -- A body never sent before: the service refuses the same body from the same email (409).
  local body = string.format(
    '{"authorName":"Bench Reader","authorEmail":"%s","body":"Thanks for this report, number %d from thread %d at %d."}',
    email, count, id or 0, started)
  return wrk.format("POST", "/api/v1/articles/" .. slug .. "/comments", { ["Content-Type"] = "application/json" }, body)
end

local function edit()
  local slug = slugs[edit_at % #slugs + 1]
  edit_at = edit_at + edit_step
  local body = string.format('{"excerpt":"Updated on the newsdesk, revision %d of thread %d at %d."}', count, id or 0, started)
  return wrk.format("PATCH", "/api/v1/articles/" .. slug,
    { ["Content-Type"] = "application/merge-patch+json", ["Authorization"] = "Bearer " .. token }, body)
end

function request()
  count = count + 1
  if count % 100 == 0 then
    writes = writes + 1
    if count % 200 == 0 then return edit() end
    return comment()
  end
  i = i % nreads + 1
  return reads[i]
end

function response(status, headers, body)
  -- Reads answer 200, comments 201 (published) or 202 (held), edits 200.
  if status ~= 200 and status ~= 201 and status ~= 202 then bad = bad + 1 end
end
