-- Staff dashboards under load: a signed-in community worker reloads the
-- overview (/) and the health dashboard (/health/).
-- wrk -s dashboard.lua URL -- COOKIE
--   COOKIE: the session cookie, "sessionid=…".
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "report.lua")

local cookie, turn
local pages = { "/", "/health/" }

function init(args)
  cookie, turn = args[1], 0
end

function request()
  turn = turn % #pages + 1
  return wrk.format("GET", pages[turn], { ["Cookie"] = cookie })
end

function response(status, headers, body)
  -- A 302 to the sign-in page is no dashboard, though wrk counts only 4xx and 5xx.
  if status ~= 200 then
    not_ok = not_ok + 1
    io.stderr:write("status ", status, " ", headers["Location"] or "", "\n")
  end
end
