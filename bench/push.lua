-- wrk script: POST the alert-event API's request example ("the seed's example") to
--   /event/push/alert/standard?integration_key=...
-- with a different alert_key on each request.
--
--   wrk -t2 -c64 -d30s --latency -s bench/push.lua \
--       'http://127.0.0.1:PORT/event/push/alert/standard?integration_key=KEY'
--
-- Environment (read when wrk loads the script):
--   QUELL_BENCH_KEYS     key space, default 100000. Keys cycle over this many values, so a run
--                        of more requests than keys mixes new alerts with repeats of open ones.
--   QUELL_BENCH_THREADS  the wrk -t value, default 2. Thread t (0-based) only ever uses the key
--                        indices t, t+T, t+2T, ... so every thread has its own key stream and
--                        the streams together cover the key space. Keep it equal to -t.
--   QUELL_BENCH_ORDER    seq (default): each thread walks its indices in order and wraps;
--                        random: each thread picks uniformly among its own indices.
--   QUELL_BENCH_PREFIX   alert_key prefix, default "bench-"; the key is prefix .. %010d index.
--   QUELL_BENCH_STATUS   event_status of every event, default Warning (the seed's example); Ok recovers the
--                        alerts of the keys pushed, which closes their incidents.
--   QUELL_BENCH_ALERTS   bounded mode when > 0: push exactly this many distinct alert keys
--                        (indices 0..N-1, split over the threads; QUELL_BENCH_KEYS is ignored).
--                        Each thread cycles over its own share until the server has acknowledged
--                        (2xx, data.alert_key in the body) every key of it, then calls
--                        wrk.thread:stop(). Note: wrk's main thread still waits for -d (or SIGINT)
--                        before printing the summary; bench/memory-100k.sh sends the SIGINT.
--   QUELL_BENCH_GROUPS   when > 0, the resource label (and so the title) of key index i names one of this
--                        many resources, index i mod N, spelled in letters ("res-" .. 4 letters) so that
--                        intelligent grouping, which leaves numbers in titles out, can tell them apart.
--                        Default 0: every event has resource es.nj.01 (the seed's example).
--   QUELL_BENCH_FRESH_EVERY  when > 0, every Nth request of a thread uses a key never sent before (indices
--                        from QUELL_BENCH_KEYS up, thread-private), so that a steady share of the events opens
--                        new alerts, the ones grouping has to place. Default 0: keys only cycle.
--   QUELL_BENCH_FRESH_FROM   the first index of the fresh keys, default QUELL_BENCH_KEYS; give two runs on
--                        one server different values so the second's keys are new too.
--   QUELL_BENCH_OK_EVERY when > 0, every Nth request of a thread is an Ok for the key its turn falls on, so
--                        alerts keep opening and closing (churn): the key's next trigger opens a new alert and
--                        incident. Default 0: no recoveries. Not with QUELL_BENCH_GROUPS.
--
-- done() prints one machine-readable line:
--   QUELL_BENCH requests=N ok=N non2xx=N socket_errors=N duration_s=S rps=R ok_rps=R
--               p50_ms=X p90_ms=X p99_ms=X max_ms=X non2xx_source=wrk|exact
-- ok_rps is the number of 2xx answers per second (= events/s for this API).
-- Without bounded mode no response() callback is installed (it would make wrk hand every
-- header and body to Lua and cost throughput), so non2xx is wrk's own count of statuses > 399;
-- Quell and the nginx baseline never answer 1xx or 3xx, so this is the non-2xx count
-- (non2xx_source=wrk). In bounded mode every status is counted (non2xx_source=exact).

local function env_number(name, default)
   local v = os.getenv(name)
   if v == nil or v == "" then return default end
   local n = tonumber(v)
   if n == nil then error(name .. " must be a number (got '" .. v .. "')") end
   return math.floor(n)
end

local KEYS    = env_number("QUELL_BENCH_KEYS", 100000)
local THREADS = env_number("QUELL_BENCH_THREADS", 2)
local ALERTS  = env_number("QUELL_BENCH_ALERTS", 0)
local ORDER   = os.getenv("QUELL_BENCH_ORDER") or "seq"
local PREFIX  = os.getenv("QUELL_BENCH_PREFIX") or "bench-"
local GROUPS  = env_number("QUELL_BENCH_GROUPS", 0)
local FRESH_EVERY = env_number("QUELL_BENCH_FRESH_EVERY", 0)
local FRESH_FROM = env_number("QUELL_BENCH_FRESH_FROM", KEYS)
local OK_EVERY = env_number("QUELL_BENCH_OK_EVERY", 0)
if KEYS < 1 then error("QUELL_BENCH_KEYS must be >= 1") end
if THREADS < 1 then error("QUELL_BENCH_THREADS must be >= 1") end
if ORDER ~= "seq" and ORDER ~= "random" then error("QUELL_BENCH_ORDER must be seq or random") end
if OK_EVERY > 0 and GROUPS > 0 then error("QUELL_BENCH_OK_EVERY does not go with QUELL_BENCH_GROUPS") end

-- The seed's example body, alert_key replaced by a fixed-width placeholder so that every
-- request has the same Content-Length and can be pre-formatted once.
local KEY_WIDTH = #PREFIX + 10
local PLACEHOLDER = string.rep("#", KEY_WIDTH)
local RESOURCE_PLACEHOLDER = "@@@@@@@@"
local STATUS = os.getenv("QUELL_BENCH_STATUS") or "Warning"
if STATUS ~= "Critical" and STATUS ~= "Warning" and STATUS ~= "Info" and STATUS ~= "Ok" then
   error("QUELL_BENCH_STATUS must be Critical, Warning, Info or Ok (got '" .. STATUS .. "')")
end
local function body_of(status)
   return '{"event_status":"' .. status .. '","alert_key":"' .. PLACEHOLDER .. '",'
      .. '"description":"cpu idle low than 20%","title_rule":"$cluster::$resource::$check",'
      .. '"labels":{"resource":"' .. (GROUPS > 0 and RESOURCE_PLACEHOLDER or "es.nj.01") .. '",'
      .. '"check":"cpu.idle<20%","service":"engine",'
      .. '"cluster":"nj","metric":"node_cpu_seconds_total"}}'
end
local BODY = body_of(STATUS)

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

-------------------------------------------------------------------- setup / done (main state)

local threads = {}

function setup(thread)
   thread:set("thread_id", #threads)
   table.insert(threads, thread)
end

function done(summary, latency, requests)
   local seconds = summary.duration / 1e6
   local e = summary.errors
   local socket_errors = e.connect + e.read + e.write + e.timeout
   local non2xx, source = e.status, "wrk"
   if ALERTS > 0 then
      non2xx, source = 0, "exact"
      for _, t in ipairs(threads) do non2xx = non2xx + (t:get("non2xx") or 0) end
   end
   local ok = summary.requests - non2xx
   if #threads ~= THREADS then
      io.stderr:write(string.format("push.lua: warning: wrk ran %d threads but QUELL_BENCH_THREADS=%d; "
         .. "key streams may overlap or leave gaps\n", #threads, THREADS))
   end
   if ALERTS > 0 then
      local acked, finished = 0, 0
      for _, t in ipairs(threads) do
         acked = acked + (t:get("acked") or 0)
         if t:get("finished") then finished = finished + 1 end
      end
      io.write(string.format("QUELL_BENCH_ALERTS target=%d acked_distinct=%d threads_finished=%d/%d\n",
         ALERTS, acked, finished, #threads))
   end
   io.write(string.format("QUELL_BENCH requests=%d ok=%d non2xx=%d socket_errors=%d duration_s=%.2f "
      .. "rps=%.1f ok_rps=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f non2xx_source=%s\n",
      summary.requests, ok, non2xx, socket_errors, seconds,
      summary.requests / seconds, ok / seconds,
      latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
      latency.max / 1000, source))
end

-------------------------------------------------------------------- running phase (per thread)

local head, tail          -- the formatted request around the key placeholder
local ok_head, ok_tail    -- with QUELL_BENCH_OK_EVERY: the same for an Ok
local mid, rest           -- with QUELL_BENCH_GROUPS: tail split around the resource placeholder
local sent = 0            -- requests made by this thread, for QUELL_BENCH_FRESH_EVERY
local fresh = 0           -- fresh keys used by this thread
local slots               -- how many indices this thread owns
local next_slot = 0       -- seq order: the next of this thread's slots
local key_format = "%s%010d"

-- Globals read back by done() through thread:get().
non2xx = 0
acked = 0
finished = false

local function split_at_key(req)
   local s, e = string.find(req, PLACEHOLDER, 1, true)
   return string.sub(req, 1, s - 1), string.sub(req, e + 1)
end

function init(args)
   local t = thread_id or 0
   local space = (ALERTS > 0) and ALERTS or KEYS
   -- indices t, t+THREADS, ... below space
   slots = math.floor((space - 1 - t) / THREADS) + 1
   if t >= space then slots = 0 end
   if slots < 1 then
      error(string.format("push.lua: thread %d has no keys (key space %d, %d threads)", t, space, THREADS))
   end
   math.randomseed(os.time() * 1000 + t)
   head, tail = split_at_key(wrk.format(nil, nil, nil, BODY))
   if OK_EVERY > 0 then
      ok_head, ok_tail = split_at_key(wrk.format(nil, nil, nil, body_of("Ok")))
   end
   if GROUPS > 0 then
      local rs, re = string.find(tail, RESOURCE_PLACEHOLDER, 1, true)
      mid, rest = string.sub(tail, 1, rs - 1), string.sub(tail, re + 1)
   end
   if ALERTS <= 0 then
      response = nil   -- let wrk skip header/body parsing
   end
end

local function index_of(slot)
   return (thread_id or 0) + slot * THREADS
end

-- "res-" and four letters: resource index mod GROUPS, in base 26.
local function resource_for(index)
   local n = index % GROUPS
   local letters = {}
   for i = 4, 1, -1 do
      letters[i] = string.char(97 + n % 26)
      n = math.floor(n / 26)
   end
   return "res-" .. table.concat(letters)
end

local function request_for(index)
   local key = string.format(key_format, PREFIX, index)
   if GROUPS > 0 then
      return head .. key .. mid .. resource_for(index) .. rest
   end
   return head .. key .. tail
end

function request()
   sent = sent + 1
   if FRESH_EVERY > 0 and ALERTS <= 0 and sent % FRESH_EVERY == 0 then
      fresh = fresh + 1
      return request_for(FRESH_FROM + (thread_id or 0) + fresh * THREADS)
   end
   local slot
   if ORDER == "random" and ALERTS <= 0 then
      slot = math.random(0, slots - 1)
   else
      slot = next_slot
      next_slot = next_slot + 1
      if next_slot >= slots then next_slot = 0 end
   end
   if OK_EVERY > 0 and sent % OK_EVERY == 0 then
      return ok_head .. string.format(key_format, PREFIX, index_of(slot)) .. ok_tail
   end
   return request_for(index_of(slot))
end

-- Only kept in bounded mode (see init).
local seen = {}
function response(status, headers, body)
   if status < 200 or status > 299 then
      non2xx = non2xx + 1
      return
   end
   local key = body and string.match(body, '"alert_key":"([^"]*)"')
   if key and not seen[key] then
      seen[key] = true
      acked = acked + 1
      if acked >= slots and not finished then
         finished = true
         wrk.thread:stop()
      end
   end
end
