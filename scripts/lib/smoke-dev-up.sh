#!/usr/bin/env bash
# Smoke test of the README's start command: scripts/dev-up on a scratch data folder, the
# checks a new user would make with curl, then scripts/dev-down, which must stop all of it.
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/lib/find-jdk.sh
dim_find_jdk

for port in 8000 8001 8002 8050 9090 9092 9000 9100 9200; do
  if ss -Hltn "sport = :$port" 2>/dev/null | grep -q .; then
    echo "smoke: port $port is in use (is Data-in-Motion already running here?): dev-up smoke test skipped"
    exit 0
  fi
done

DIM_DATA_DIR=$(mktemp -d /tmp/dim-smoke.XXXXXX)
export DIM_DATA_DIR
cleanup() { scripts/dev-down >/dev/null 2>&1 || true; rm -rf "$DIM_DATA_DIR"; }
trap cleanup EXIT

# The reason is printed again after the logs: CI shows only the end of the output.
fail() {
  echo "smoke: FAILED: $*" >&2
  tail -n 20 "$DIM_DATA_DIR"/logs/*.log >&2 || true
  echo "smoke: FAILED: $*" >&2
  exit 1
}

# dev-up's start check (alive) sees a child that has not yet exec'd its program, and not one
# that has exited: checking the command line instead failed a CI run on a starting Prometheus.
(
  DIM_PIDS=$(mktemp -d "$DIM_DATA_DIR/alive.XXXXXX")
  eval "$(sed -n '/^alive() {/,/^}/p' scripts/dev-up)"
  for _ in $(seq 1 200); do
    sleep 5 & echo $! > "$DIM_PIDS/child.pid"
    alive child || fail "dev-up's alive took a starting process for an exited one"
    kill $! && wait $! 2>/dev/null || true
  done
  true & echo $! > "$DIM_PIDS/child.pid"; sleep 0.5
  if alive child; then fail "dev-up's alive took an exited process for a running one"; fi
)

scripts/dev-up > "$DIM_DATA_DIR/dev-up.out" 2>&1 || { cat "$DIM_DATA_DIR/dev-up.out"; fail "scripts/dev-up exited non-zero"; }
grep -q 'http://localhost:8050' "$DIM_DATA_DIR/dev-up.out" || fail "dev-up did not print the dashboard URL"
# Bodies go through a variable: `curl | grep -q` fails under pipefail when grep stops
# reading before curl has written everything (SIGPIPE), e.g. on a large /metrics.
body=$(curl -fsS http://localhost:8000/health) && grep -q '"status":"UP"' <<< "$body" || fail "api-service /health is not UP"
total=$(curl -fsS 'http://localhost:8000/files?size=1' | sed -n 's/.*"total":\([0-9]*\).*/\1/p')
[ "$total" = 60 ] || fail "GET /files lists $total objects, expected 60"
curl -fsS -o /dev/null http://localhost:8050/ || fail "the dashboard does not answer on :8050"
body=$(curl -fsS http://localhost:8000/metrics) && grep -q '^jvm_memory_used_bytes' <<< "$body" || fail "/metrics serves no Prometheus text"
[ "$(curl -s -o /dev/null -w '%{http_code}' -X POST http://localhost:8000/admin/bootstrap)" = 401 ] \
  || fail "POST without the API key was not refused"
[ "$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "X-API-Key: $(cat "$DIM_DATA_DIR/read-api-key")" \
  http://localhost:8000/chaos/clear)" = 403 ] || fail "POST with the read key was not refused with 403"
body=$(scripts/dev-up) ; grep -q 'already running' <<< "$body" || fail "a second dev-up did not say it is already running"

# The loop through Kafka: a burst through the API shows up as reads of that object.
key=$(cat "$DIM_DATA_DIR/api-key")
curl -fsS -X POST -H "X-API-Key: $key" 'http://localhost:8000/simulate?key=logs%2Fapp-000.log&events=100' >/dev/null \
  || fail "POST /simulate was refused"
for _ in $(seq 1 60); do
  reads=$(curl -fsS 'http://localhost:8000/files/logs%2Fapp-000.log' | sed -n 's/.*"reads":\([0-9]*\).*/\1/p')
  [ "$reads" = 100 ] && break
  sleep 1
done
[ "$reads" = 100 ] || fail "after POST /simulate the object shows $reads reads, expected 100"
evaluated=$(curl -fsS -X POST -H "X-API-Key: $key" http://localhost:8000/optimize | sed -n 's/.*"evaluated":\([0-9]*\).*/\1/p')
[ "$evaluated" = 60 ] || fail "Re-optimize All evaluated '$evaluated' objects, expected 60"
body=$(curl -fsS 'http://localhost:8000/explain/logs%2Fapp-000.log') && grep -q '"runnerUp"' <<< "$body" || fail "GET /explain gave no explanation"
# Before any training, /ml/load is refused with ml-service's reason (it used to answer 200).
body=$(curl -sS -X POST -H "X-API-Key: $key" -w '\n%{http_code}' http://localhost:8000/ml/load)
[ "$(tail -n 1 <<< "$body")" = 409 ] && grep -q 'no model could be loaded: tiers: no model at' <<< "$body" \
  || fail "POST /ml/load without model files was not refused with 409: $body"
# The ML loop: a structured simulated history, the snapshot, both trainings and /ml/load
# (scripts/ml-train), after which the optimizer takes its tiers from the model.
DIM_API_KEY="$key" scripts/ml-train --simulate --days 2 > "$DIM_DATA_DIR/ml-train.out" 2>&1 \
  || { cat "$DIM_DATA_DIR/ml-train.out"; fail "scripts/ml-train failed"; }
grep -q 'ml-train: ml-service loaded: forecast forecast-' "$DIM_DATA_DIR/ml-train.out" \
  || { cat "$DIM_DATA_DIR/ml-train.out"; fail "scripts/ml-train did not load both models"; }
body=$(curl -fsS http://localhost:8000/ml/models) && grep -q '"tiers":{"task":"tiers","version":"tiers-' <<< "$body" \
  || fail "GET /ml/models does not list the tier model: $body"
body=$(curl -fsS 'http://localhost:8000/explain/logs%2Fapp-000.log') && grep -Eq '"source":"(model|pre-warm)"' <<< "$body" \
  || fail "after /ml/load, /explain does not take the tier from the model: $body"
# With ml-service advising, a hot object is placed for its peak (a replica within the SLA)
# and for its reads between peaks.
if grep -q '"tier":{"tier":"hot"' <<< "$body"; then
  grep -q '"peak":{"reads":' <<< "$body" || fail "/explain of a hot object advised by ml-service shows no peak: $body"
fi
# What-if on the simulated history: ml-service replays the policies behind api-service.
body=$(curl -sS 'http://localhost:8000/whatif?days=2&policy=all-fastest,heat-bands,dim') \
  && grep -q '"policy":"heat-bands"' <<< "$body" && grep -q '"cheapestWithinSla"' <<< "$body" \
  || fail "GET /whatif did not compare the policies: $body"
# The same with progress: ml-service's lines passed through api-service as they come, then
# the report.
body=$(curl -sS -N -H 'Accept: application/x-ndjson' 'http://localhost:8000/whatif?days=2&policy=heat-bands,dim')
[ "$(head -n 1 <<< "$body" | cut -c1-12)" = '{"progress":' ] && grep -q '^{"progress":"heat-bands: 100% of ' <<< "$body" \
  && [ "$(tail -n 1 <<< "$body" | cut -c1-10)" = '{"report":' ] \
  || fail "GET /whatif with progress did not stream lines and then the report: $body"
# scripts/stream and scripts/ml: an unknown command is one line and exit 2 (it used to start
# a second service, which then failed on its API key); --help prints the usage.
for tool in stream ml; do
  rc=0; scripts/$tool frobnicate 2> "$DIM_DATA_DIR/$tool-unknown.err" || rc=$?
  [ "$rc" -eq 2 ] && [ "$(wc -l < "$DIM_DATA_DIR/$tool-unknown.err")" -eq 1 ] \
    && grep -q "unknown command 'frobnicate'" "$DIM_DATA_DIR/$tool-unknown.err" \
    || fail "scripts/$tool frobnicate: exit $rc, $(cat "$DIM_DATA_DIR/$tool-unknown.err")"
  scripts/$tool --help | grep -q "^usage: scripts/$tool " || fail "scripts/$tool --help printed no usage"
done
# scripts/chaos: an unknown endpoint is one line and a non-zero exit; a real one is failed
# for the duration and recovered when the script is stopped.
if DIM_API_KEY="$key" scripts/chaos --endpoint nowhere --duration 1 2> "$DIM_DATA_DIR/chaos.err"; then
  fail "scripts/chaos accepted an unknown endpoint"
fi
grep -q "unknown endpoint 'nowhere'" "$DIM_DATA_DIR/chaos.err" || fail "scripts/chaos did not say the endpoint is unknown"
DIM_API_KEY="$key" scripts/chaos --endpoint gcp --duration 30 > "$DIM_DATA_DIR/chaos.out" 2>&1 &
chaos_pid=$!
for _ in $(seq 1 30); do # the script needs a moment to call the API (more on a busy CI machine)
  body=$(curl -fsS http://localhost:8000/chaos/status) && grep -q '"endpoint":"gcp","failed":true' <<< "$body" && break
  sleep 0.5
done
grep -q '"endpoint":"gcp","failed":true' <<< "$body" || fail "scripts/chaos did not fail gcp: $body"
kill -TERM "$chaos_pid"; wait "$chaos_pid" || true
body=$(curl -fsS http://localhost:8000/chaos/status) && grep -q '"endpoint":"gcp","failed":false' <<< "$body" \
  || fail "stopping scripts/chaos did not recover gcp: $body"

# scripts/adopt: an unknown endpoint is one line and a non-zero exit; files put into a bucket
# behind DIM's back (here straight into S3Proxy's folder) are read, recorded and placed.
if DIM_API_KEY="$key" scripts/adopt --endpoint nowhere > /dev/null 2> "$DIM_DATA_DIR/adopt.err"; then
  fail "scripts/adopt accepted an unknown endpoint"
fi
grep -q "unknown endpoint 'nowhere'" "$DIM_DATA_DIR/adopt.err" || fail "scripts/adopt did not say the endpoint is unknown"
inbox="$DIM_DATA_DIR/s3/azure/dim-data/inbox"
mkdir -p "$inbox"
printf 'put into the bucket by hand %s\n' 1 > "$inbox/cli-1.txt"
printf 'put into the bucket by hand %s\n' 2 > "$inbox/cli-2.txt"
DIM_API_KEY="$key" scripts/adopt --endpoint azure --prefix inbox/cli- > "$DIM_DATA_DIR/adopt.out" 2>&1 \
  || { cat "$DIM_DATA_DIR/adopt.out"; fail "scripts/adopt failed"; }
grep -q "adopt: adopted 2 of 2 object(s) listed on azure under 'inbox/cli-'" "$DIM_DATA_DIR/adopt.out" \
  || { cat "$DIM_DATA_DIR/adopt.out"; fail "scripts/adopt did not adopt the two files"; }
body=$(curl -fsS 'http://localhost:8000/files/inbox%2Fcli-2.txt') && grep -q '"size":30,' <<< "$body" \
  || fail "an adopted file is not in the catalogue: $body"
# For the browser test's adoption (checked after it).
printf 'put into the bucket by hand for the browser test\n' > "$inbox/browser-1.txt"

# Prometheus (started by dev-up when installed): every service's target is up, and every
# PromQL expression of the Grafana dashboard returns data after the run above.
prometheus_checked="no Prometheus installed"
if command -v prometheus >/dev/null; then
  grep -q 'Prometheus  http://localhost:9090' "$DIM_DATA_DIR/dev-up.out" || fail "dev-up did not start Prometheus"
  for _ in $(seq 1 60); do
    targets=$(curl -fsS http://localhost:9090/api/v1/targets)
    [ "$(grep -o '"health":"up"' <<< "$targets" | wc -l)" -ge 4 ] && break
    sleep 1
  done
  [ "$(grep -o '"health":"up"' <<< "$targets" | wc -l)" -ge 4 ] || fail "Prometheus targets not all up: $targets"
  sleep 20 # two more scrapes after the last traffic, for the rates
  python3 - observability/grafana/dashboards/data-in-motion.json <<'PY' || fail "a dashboard query returned no data"
import json, sys, urllib.parse, urllib.request
panels = json.load(open(sys.argv[1]))["panels"]
empty = []
for panel in panels:
    for target in panel["targets"]:
        url = "http://localhost:9090/api/v1/query?" + urllib.parse.urlencode({"query": target["expr"]})
        answer = json.load(urllib.request.urlopen(url, timeout=10))
        if answer["status"] != "success" or not answer["data"]["result"]:
            empty.append(panel["title"] + ": " + target["expr"])
if empty:
    print("smoke: no data for:\n  " + "\n  ".join(empty), file=sys.stderr)
    sys.exit(1)
print("smoke: all %d dashboard queries return data" % sum(len(p["targets"]) for p in panels))
PY
  prometheus_checked="Prometheus scraping all services and every dashboard query answering"
fi

# The dashboard in a real browser (Debian's headless chromium): panels, the encryption
# toggle, "Why this tier?", Burst and failing an endpoint; screenshots in
# dashboard-ui/target/browser/.
browser_checked="no chromium installed"
if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
  admin_password="-Ddim.browser.password=$(cat "$DIM_DATA_DIR/dashboard-admin-password")"
  # A browser test that fails is run once more (a busy CI machine has met timing races in
  # them); one that passes only then is named below, so it is seen and looked into.
  ./mvnw -B -ntp -o -q -pl dashboard-ui surefire:test -Dtest='DashboardBrowserTests,DashboardViewerBrowserTests' \
    -Dsurefire.rerunFailingTestsCount=1 \
    -Ddim.browser.dashboard=http://localhost:8050 -Dsurefire.failIfNoSpecifiedTests=false "$admin_password" \
    "-Ddim.browser.viewer-password=$(cat "$DIM_DATA_DIR/dashboard-viewer-password")" \
    "-Ddim.browser.secrets=$(cat "$DIM_DATA_DIR/api-key"),$(cat "$DIM_DATA_DIR/read-api-key"),$(cat "$DIM_DATA_DIR/dashboard-viewer-password")" \
    > "$DIM_DATA_DIR/browser.out" 2>&1 || { cat "$DIM_DATA_DIR/browser.out"; \
      fail "the dashboard's browser tests failed: $(grep -m 3 -E '^\[ERROR\] +[A-Za-z]+.*(Test|Tests)\.' "$DIM_DATA_DIR/browser.out" | tr '\n' ' ')"; }
  # The XML reports: after a second run the text reports show only that run.
  reports=dashboard-ui/target/surefire-reports
  if grep -q 'flakes="[1-9]' "$reports"/TEST-*BrowserTests.xml; then
    echo "smoke: WARNING: passed only on their second run: $(grep -h -B1 '<flakyFailure' "$reports"/TEST-*BrowserTests.xml \
      | sed -n 's/.*<testcase name="\([^"]*\)" classname="[^"]*\.\([^".]*\)".*/\2.\1/p' | tr '\n' ' ')"
  fi
  grep -q 'tests="10" errors="0" skipped="0" failures="0"' "$reports"/TEST-*.DashboardBrowserTests.xml \
    || fail "the dashboard's browser tests did not all run"
  curl -fsS -o /dev/null 'http://localhost:8000/files/inbox%2Fbrowser-1.txt' \
    || fail "the file adopted from the dashboard is not in the catalogue"
  grep -q 'tests="1" errors="0" skipped="0" failures="0"' "$reports"/TEST-*.DashboardViewerBrowserTests.xml \
    || fail "the dashboard's read-only browser test did not run"
  # api-service down: the dashboard says so; back: the page recovers by itself.
  api_pid=$(cat "$DIM_DATA_DIR/pids/api-service.pid")
  kill -TERM "$api_pid"
  for _ in $(seq 1 30); do kill -0 "$api_pid" 2>/dev/null || break; sleep 1; done
  ./mvnw -B -ntp -o -q -pl dashboard-ui surefire:test -Dtest=DashboardOutageBrowserTests -Ddim.browser.outage=down \
    -Ddim.browser.dashboard=http://localhost:8050 -Dsurefire.failIfNoSpecifiedTests=false "$admin_password" \
    > "$DIM_DATA_DIR/browser-down.out" 2>&1 || { cat "$DIM_DATA_DIR/browser-down.out"; fail "no banner while api-service was down"; }
  DB_URL="jdbc:sqlite:$DIM_DATA_DIR/state.db" DIM_API_KEY="$key" SPRING_PROFILES_ACTIVE=dev nohup "$JAVA_HOME/bin/java" -Ddim.process=api-service \
    --enable-native-access=ALL-UNNAMED -Xmx768m -XX:+UseSerialGC -jar api-service/target/api-service-0.1.0-SNAPSHOT.jar \
    > "$DIM_DATA_DIR/logs/api-service-restarted.log" 2>&1 &
  echo $! > "$DIM_DATA_DIR/pids/api-service.pid"
  ./mvnw -B -ntp -o -q -pl dashboard-ui surefire:test -Dtest=DashboardOutageBrowserTests -Ddim.browser.outage=up \
    -Ddim.browser.dashboard=http://localhost:8050 -Dsurefire.failIfNoSpecifiedTests=false "$admin_password" \
    > "$DIM_DATA_DIR/browser-up.out" 2>&1 || { cat "$DIM_DATA_DIR/browser-up.out"; fail "the dashboard did not recover when api-service came back"; }
  browser_checked="the dashboard driven in chromium, with its banner while api-service was down and its recovery"
fi

scripts/dev-down > /dev/null
sleep 1
if pgrep -f -- "dim.process=" >/dev/null; then fail "processes left after dev-down: $(pgrep -af -- dim.process=)"; fi
echo "smoke: dev-up OK (health UP, 60 objects listed, dashboard answering, API key enforced, second dev-up harmless, a burst of 100 events counted through Kafka, Re-optimize All and /explain, scripts/ml-train with tiers from the model, GET /whatif with and without progress, scripts/chaos, scripts/adopt, $prometheus_checked, $browser_checked); dev-down stopped everything"
