-- The morning check-in peak: captains post each resident's check-in once.
-- wrk -s checkin.lua URL -- LIST THREADS ACKS
--   LIST: "token resident_id" a line; each thread takes every THREADS-th line.
--   ACKS: prefix of the files where each thread writes the resident of each 2xx
--         (and "status N" for anything else), to be checked against the database.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "report.lua")

local items, position, out

function init(args)
  items = share(args[1], tonumber(args[2]))
  out = acknowledgements(args[3])
  position = 0
end

function request()
  -- Past the end of the list a resident would check in twice (one row, two
  -- answers); the list is made longer than a run can use.
  position = position % #items + 1
  local token, resident = items[position][1], items[position][2]
  return wrk.format("POST", "/api/checkins", {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
  }, '{"resident": ' .. resident .. ', "temperature": "36.5", "method": "forehead"}')
end

function response(status, headers, body)
  if status >= 200 and status < 300 then
    out:write(body:match('"resident_id":%s*(%d+)') or "?", "\n")
  else
    not_ok = not_ok + 1
    out:write("status ", status, "\n")
  end
end
