-- case_pay.lua — wrk script: POST /api/v1/cases/{id}/actions/record_payment
-- (100 fen) on the cases of a file of "id version" lines. The cases are
-- dealt out to the threads; each case is in flight on one connection at a
-- time, and its answer (the updated case) gives the version the next
-- payment on it must send, so no request fights another over a row or a
-- version. Only 200s count as transitions; done() prints
--   transitions: ok=N other=M rate=R/s statuses=CODE:COUNT,...
-- wrk -s case_pay.lua URL -- FILE THREADS PAID_ON
local queue, head, tail = {}, 1, 0
local version = {}
local body_fmt
-- globals, so that done() can read them with thread:get()
ok, other, statuses = 0, 0, {}
local threads, n = {}, 0

function setup(thread)
	thread:set("tid", n)
	n = n + 1
	threads[#threads + 1] = thread
end

function init(args)
	local nthreads = tonumber(args[2])
	local k = 0
	for line in io.lines(args[1]) do
		local id, v = line:match("^(%S+)%s+(%d+)$")
		if id then
			if k % nthreads == tid then
				tail = tail + 1
				queue[tail] = id
				version[id] = tonumber(v)
			end
			k = k + 1
		end
	end
	if tail == 0 then
		error("case_pay.lua: no cases for thread " .. tid)
	end
	body_fmt = '{"version":%d,"amount_fen":100,"paid_on":"' .. args[3] .. '"}'
	wrk.headers["Content-Type"] = "application/json"
end

function request()
	if head > tail then
		-- every case of this thread is in flight or was refused
		return wrk.format("GET", "/healthz")
	end
	local id = queue[head]
	queue[head] = nil
	head = head + 1
	return wrk.format("POST", "/api/v1/cases/" .. id ..
	    "/actions/record_payment", nil, string.format(body_fmt, version[id]))
end

function response(status, headers, body)
	statuses[status] = (statuses[status] or 0) + 1
	local id = status == 200 and body:match('^{"id":"([^"]+)"')
	if id then
		ok = ok + 1
		version[id] = tonumber(body:match('"version":(%d+)'))
		tail = tail + 1
		queue[tail] = id
	else
		other = other + 1
	end
end

function done(summary, latency, requests)
	local t_ok, t_other, all, parts = 0, 0, {}, {}
	for _, t in ipairs(threads) do
		t_ok = t_ok + t:get("ok")
		t_other = t_other + t:get("other")
		for code, c in pairs(t:get("statuses")) do
			all[code] = (all[code] or 0) + c
		end
	end
	for code, c in pairs(all) do
		parts[#parts + 1] = code .. ":" .. c
	end
	table.sort(parts)
	io.write(string.format("transitions: ok=%d other=%d rate=%.1f/s " ..
	    "statuses=%s\n", t_ok, t_other, t_ok / (summary.duration / 1e6),
	    table.concat(parts, ",")))
end
