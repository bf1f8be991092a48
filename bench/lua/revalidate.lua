-- Conditional GETs: each line is "path<TAB>etag", fetched once beforehand; every request sends
-- If-None-Match with that tag and must be answered 304 Not Modified. Any other status counts as bad
-- (wrk alone would count a full 200 as a success).
--   wrk ... -s revalidate.lua http://127.0.0.1:18100 -- THREADS etags.tsv
package.path = debug.getinfo(1, "S").source:match("^@(.*/)") .. "?.lua;" .. package.path
local common = require("common")

local requests, n, i
bad = 0

setup = common.setup
done = common.done

function init(args)
  local lines = common.lines(args[2])
  n = #lines
  i = common.offset(n, common.nthreads(args))
  requests = {}
  for k, line in ipairs(lines) do
    local path, etag = common.split_tab(line)
    requests[k] = wrk.format("GET", path, { ["If-None-Match"] = etag })
  end
end

function request()
  i = i % n + 1
  return requests[i]
end

function response(status, headers, body)
  if status ~= 304 then bad = bad + 1 end
end
