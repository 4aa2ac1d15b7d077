-- Shared by the load scripts: wrk's summary as one line of JSON on stdout,
-- with the percentiles wrk's own report leaves out (p95).
local threads = {}
not_ok = 0 -- answers other than 2xx (200 for pages), counted by each script's response()

function done(summary, latency, requests)
  local e, bad = summary.errors, 0
  for _, thread in ipairs(threads) do bad = bad + thread:get("not_ok") end
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "p50_ms": %.3f, "p95_ms": %.3f, "p99_ms": %.3f, ' ..
    '"max_ms": %.3f, "connect_errors": %d, "read_errors": %d, "write_errors": %d, ' ..
    '"status_errors": %d, "timeouts": %d, "not_ok": %d}\n',
    summary.requests, summary.duration,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    e.connect, e.read, e.write, e.status, e.timeout, bad))
end

-- Each thread gets a number, so it can take its own share of the list.
local count = 0
function setup(thread)
  thread:set("id", count)
  count = count + 1
  threads[#threads + 1] = thread
end

-- The lines of `path` that belong to thread `id` of `threads`, split into words.
function share(path, threads)
  local mine, i = {}, 0
  for line in io.lines(path) do
    if i % threads == id then
      local words = {}
      for word in line:gmatch("%S+") do words[#words + 1] = word end
      mine[#mine + 1] = words
    end
    i = i + 1
  end
  return mine
end

-- A file per thread for what the server acknowledged, written line by line so
-- nothing is left in a buffer when wrk exits.
function acknowledgements(prefix)
  local out = assert(io.open(prefix .. "." .. id, "w"))
  out:setvbuf("line")
  return out
end
