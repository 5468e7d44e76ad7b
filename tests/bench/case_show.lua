-- case_show.lua — wrk script: GET /api/v1/cases/{id} rotating through
-- the ids in a file (one a line), each thread from its own offset.
--   wrk -s case_show.lua URL -- IDS_FILE
local ids = {}
local i = 0
local n = 0

function setup(thread)
	thread:set("tid", n)
	n = n + 1
end

function init(args)
	for line in io.lines(args[1]) do
		if #line > 0 then
			ids[#ids + 1] = line
		end
	end
	if #ids == 0 then
		error("case_show.lua: no ids in " .. tostring(args[1]))
	end
	-- tid is set by setup() in this thread's Lua state
	i = (tid * 7919) % #ids
end

function request()
	i = i % #ids + 1
	return wrk.format("GET", "/api/v1/cases/" .. ids[i])
end
