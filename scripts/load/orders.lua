-- The round cut-off: households' orders PUT again and again (double taps)
-- up to and past the cut-off.
-- wrk -s orders.lua URL -- LIST THREADS ACKS ROUND
--   LIST: "token household_id product_id quantity" a line; a household appears
--         on several lines, so it is sent several times.
--   ACKS: per-thread files with "ok HOUSEHOLD" for each 2xx (an order the
--         server took) and "status N" otherwise (409 round_closed after the cut-off).
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "report.lua")

local items, position, out, round

function init(args)
  items = share(args[1], tonumber(args[2]))
  out = acknowledgements(args[3])
  round = args[4]
  position = 0
end

function request()
  position = position % #items + 1
  local token, household, product, quantity = (unpack or table.unpack)(items[position])
  return wrk.format("PUT", "/api/rounds/" .. round .. "/orders/" .. household, {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
  }, '{"lines": [{"product_id": ' .. product .. ', "quantity": ' .. quantity .. '}]}')
end

function response(status, headers, body)
  if status >= 200 and status < 300 then
    out:write("ok ", body:match('"household_id":%s*(%d+)') or "?", "\n")
  else
    not_ok = not_ok + 1
    out:write("status ", status, "\n")
  end
end
