-- GET requests over a list of paths (one per line, e.g. /api/v1/articles/some-slug), each thread
-- walking the whole list round-robin from its own offset, so every entry is requested evenly.
--   wrk ... -s paths.lua http://127.0.0.1:18100 -- THREADS paths.txt
package.path = debug.getinfo(1, "S").source:match("^@(.*/)") .. "?.lua;" .. package.path
local common = require("common")

local requests, n, i

setup = common.setup
done = common.done

function init(args)
  local paths = common.lines(args[2])
  n = #paths
  i = common.offset(n, common.nthreads(args))
  -- Format each request once: wrk then only copies bytes.
  requests = {}
  for k, path in ipairs(paths) do
    requests[k] = wrk.format("GET", path)
  end
end

function request()
  i = i % n + 1
  return requests[i]
end
