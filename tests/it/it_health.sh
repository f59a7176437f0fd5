#!/bin/sh
# Health metrics end to end: the text passes promtool; pushes reach a real
# Pushgateway and read back with the right values; the background exporter
# writes the textfile and pushes; kiosk-fleet reads a gateway holding three
# kiosks (hot, failing updates, fine) and exits accordingly; the alert rules
# pass their promtool unit tests; and a real Prometheus with our
# prometheus.yml scrapes the gateway, evaluates every rule without error,
# raises the overheating alert, and answers every query of the dashboard.
# Servers listen on loopback ports of their own and are stopped at the end.
. tests/lib.sh

HELPER=${HEALTH_HELPER:-$(dirname "$KIOSK")/helper_health}
FLEET=tools/kiosk-fleet
MON=tools/monitoring
PIDS=""
cleanup() {
    for p in $PIDS; do kill "$p" 2>/dev/null; done
    for p in $PIDS; do wait "$p" 2>/dev/null; done
    rm -rf "$TMP"
}
trap cleanup EXIT

missing=""
for c in promtool prometheus prometheus-pushgateway jq curl; do
    command -v "$c" >/dev/null 2>&1 || missing="$missing $c"
done
if [ -n "$missing" ]; then
    not_ok "test tools missing:$missing (tools/install-deps.sh --test)"
    exit 1
fi
[ -x "$HELPER" ] || { not_ok "no $HELPER (make test builds it)"; exit 1; }

# A loopback port nothing answers on (curl: 7 = connection refused).
free_port() {
    i=0
    while [ $i -lt 50 ]; do
        p=$(( ( $$ * 31 + $(date +%N | sed 's/^0*//;s/^$/0/') / 1000 + i * 7919 ) % 30000 + 20000 ))
        curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$p/" 2>/dev/null
        [ $? -eq 7 ] && { echo "$p"; return 0; }
        i=$((i + 1))
    done
    return 1
}

# wait_ready URL PID SECONDS: until URL answers 200 while PID lives.
wait_ready() {
    n=0
    while [ $n -lt $(( $3 * 10 )) ]; do
        kill -0 "$2" 2>/dev/null || return 1
        curl -sf -o /dev/null --max-time 1 "$1" && return 0
        sleep 0.1
        n=$((n + 1))
    done
    return 1
}

# start_pushgateway: sets PGW (port); retries on a port taken meanwhile.
start_pushgateway() {
    for _ in 1 2 3; do
        PGW=$(free_port) || return 1
        prometheus-pushgateway --web.listen-address="127.0.0.1:$PGW" --persistence.file="" \
            --log.level=warn >"$TMP/pushgateway.log" 2>&1 &
        pid=$!
        if wait_ready "http://127.0.0.1:$PGW/-/ready" "$pid" 10; then
            sleep 0.2
            if kill -0 "$pid" 2>/dev/null; then PIDS="$PIDS $pid"; return 0; fi
        fi
        kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
    done
    return 1
}

# A sysfs tree with one CPU thermal zone at $2 millidegrees, or none.
sysfs() {
    mkdir -p "$TMP/$1/class/thermal"
    if [ -n "${2:-}" ]; then
        mkdir -p "$TMP/$1/class/thermal/thermal_zone0"
        echo cpu-thermal >"$TMP/$1/class/thermal/thermal_zone0/type"
        echo "$2" >"$TMP/$1/class/thermal/thermal_zone0/temp"
    fi
    echo "$TMP/$1"
}

# --- the text passes promtool's parser and linter ---------------------------
SYS_WARM=$(sysfs sys-warm 47250)
"$HELPER" print --kiosk-id it-one --location 'Rathaus, Foyer "EG" \ links' --sys-root "$SYS_WARM" \
    --touches 5 --sessions 2 --view mobilitaet --view energie --frame 3 --frame 16.7 --frame 300 \
    --content v42 --published 1790000000 --fail network --update-ok 1 --fail hash \
    --scene menu --display on --error 1 >"$TMP/print.prom"
check "helper prints metrics" test -s "$TMP/print.prom"
promtool check metrics <"$TMP/print.prom" >"$TMP/lint" 2>&1
rc=$?
if [ $rc -eq 0 ] && [ ! -s "$TMP/lint" ]; then ok "promtool check metrics: valid, no lint warnings"
else not_ok "promtool check metrics (exit $rc)"; sed 's/^/#   /' "$TMP/lint"; fi

# --- a real Pushgateway -------------------------------------------------------
if ! start_pushgateway; then
    not_ok "start prometheus-pushgateway on loopback"; sed 's/^/#   /' "$TMP/pushgateway.log"; exit 1
fi
ok "prometheus-pushgateway listens on 127.0.0.1:$PGW"
GW="http://127.0.0.1:$PGW"

expect_status 0 "push once to the Pushgateway" "$HELPER" once --pushgateway "$GW" \
    --kiosk-id it-one --location 'Rathaus, Foyer "EG"' --sys-root "$SYS_WARM" \
    --touches 5 --view mobilitaet --view mobilitaet --frame 3 --frame 16.7 --frame 300 \
    --content v42 --published 1790000000 --fail network --scene menu
curl -sf "$GW/metrics" >"$TMP/gw.txt"
contains "$TMP/gw.txt" 'kiosk_touches_total{instance="it-one",job="kiosk"} 5' "gateway has the kiosk's touches"
contains "$TMP/gw.txt" 'kiosk_info{id="it-one",instance="it-one",job="kiosk",location="Rathaus, Foyer \"EG\""} 1' \
    "gateway has id and escaped location"
contains "$TMP/gw.txt" 'kiosk_cpu_temperature_celsius{instance="it-one",job="kiosk"} 47.25' \
    "gateway has the fixture temperature"
contains "$TMP/gw.txt" 'kiosk_update_failures_total{instance="it-one",job="kiosk",reason="network"} 1' \
    "gateway has update failures by reason"
contains "$TMP/gw.txt" 'kiosk_frame_duration_seconds_bucket{instance="it-one",job="kiosk",le="0.0167"} 2' \
    "gateway has the cumulative frame histogram"
contains "$TMP/gw.txt" 'kiosk_domain_views_total{domain="mobilitaet",instance="it-one",job="kiosk"} 2' \
    "gateway has views per domain"
contains "$TMP/gw.txt" 'kiosk_scene{instance="it-one",job="kiosk",scene="menu"} 1' "gateway has the scene"
check "the Pushgateway accepted the push" \
    test "$(curl -sf "$GW/api/v1/metrics" | jq -r '.data[] | select(.labels.instance == "it-one") | .last_push_successful')" = true

# A second push replaces the whole group: a restarted kiosk starts from zero.
"$HELPER" once --pushgateway "$GW" --kiosk-id it-one --scene page >/dev/null 2>&1
curl -sf "$GW/metrics" >"$TMP/gw.txt"
contains "$TMP/gw.txt" 'kiosk_scene{instance="it-one",job="kiosk",scene="page"} 1' "a new push replaces the scene"
if grep -q 'kiosk_cpu_temperature_celsius{instance="it-one"' "$TMP/gw.txt"; then
    not_ok "series the kiosk no longer sends disappear"
else ok "series the kiosk no longer sends disappear"; fi

# --- the background exporter: textfile and push every second ---------------
mkdir -p "$TMP/textfile"
expect_status 0 "exporter thread runs 3 s beside a busy UI" "$HELPER" run --seconds 3 \
    --metrics-interval 1 --metrics-file "$TMP/textfile/kiosk.prom" --pushgateway "$GW" \
    --kiosk-id it-run --location Stadtbibliothek --sys-root "$SYS_WARM"
contains "$TMP/textfile/kiosk.prom" 'kiosk_info{id="it-run",location="Stadtbibliothek"} 1' "textfile written"
check "textfile passes promtool" promtool check metrics <"$TMP/textfile/kiosk.prom"
check "no temporary file left beside the textfile" test "$(ls -A "$TMP/textfile")" = kiosk.prom
curl -sf "$GW/metrics" >"$TMP/gw.txt"
contains "$TMP/gw.txt" 'kiosk_metrics_last_push_success_timestamp_seconds{instance="it-run",job="kiosk"}' \
    "exporter pushed more than once"
frames=$(sed -n 's/^kiosk_frames_presented_total{instance="it-run",job="kiosk"} //p' "$TMP/gw.txt")
check "pushed frame count is current (got ${frames:-none})" test "${frames:-0}" -gt 0

closed=$(free_port)
expect_status 1 "push to a dead Pushgateway fails with status 1" "$HELPER" once \
    --pushgateway "http://127.0.0.1:$closed" --kiosk-id it-dead --push-timeout-ms 2000
contains "$TMP/out" "push to http://127.0.0.1:$closed failed" "the failed push is logged"

# --- kiosk-fleet over three kiosks -------------------------------------------
for k in it-one it-run; do curl -sf -X DELETE "$GW/metrics/job/kiosk/instance/$k"; done
now=$(date +%s)
"$HELPER" once --pushgateway "$GW" --kiosk-id hot-1 --location "Bürgerbüro" \
    --sys-root "$(sysfs sys-hot 91000)" --content v7 --published $((now - 3600)) --update-ok 1
"$HELPER" once --pushgateway "$GW" --kiosk-id fail-1 --location "Stadtbibliothek" \
    --sys-root "$(sysfs sys-none)" --content v6 --published $((now - 40 * 86400)) \
    --update-ok 1 --fail network --fail network --fail timeout --fail network
"$HELPER" once --pushgateway "$GW" --kiosk-id fine-1 --location "Rathaus, Foyer EG" \
    --sys-root "$(sysfs sys-fine 45000)" --content v7 --published $((now - 3600)) --update-ok 0 \
    --touches 12 --sessions 3

sh "$FLEET" --pushgateway "$GW" >"$TMP/fleet" 2>&1
rc=$?
sed 's/^/#   /' "$TMP/fleet"
check "kiosk-fleet exits 1 when a kiosk has a problem (got $rc)" test $rc -eq 1
check "kiosk-fleet prints a header and one line per kiosk" test "$(wc -l <"$TMP/fleet")" -eq 4
check "header names the columns" grep -q '^ID  *LOCATION  *SEEN  *CONTENT  *UPDATE  *TEMP  *PROBLEMS$' "$TMP/fleet"
check "fine kiosk: content, update ok, temperature, no problem" \
    grep -Eq '^fine-1 +Rathaus, Foyer EG +[0-9]+s +v7 +ok [0-9]+s +45C +-$' "$TMP/fleet"
check "hot kiosk: 91C and the problem 'hot'" grep -Eq '^hot-1 +Bürgerbüro +[0-9]+s +v7 +ok [0-9]+s +91C +hot$' "$TMP/fleet"
check "failing kiosk: 4 in a row, last reason, no sensor, old content" \
    grep -Eq '^fail-1 +Stadtbibliothek +[0-9]+s +v6 +failing 4x network +- +update-failing,content-old$' "$TMP/fleet"
check "kiosks are sorted by id" test "$(sed -n '2p' "$TMP/fleet" | cut -c1-6)" = fail-1
expect_status 0 "kiosk-fleet exits 0 when thresholds allow every kiosk" \
    sh "$FLEET" --pushgateway "$GW" --max-temp 95 --max-failures 5 --max-content-age 0
sh "$FLEET" --pushgateway "$GW" --now $((now + 3600)) --max-temp 95 --max-failures 5 \
    --max-content-age 0 >"$TMP/fleet" 2>&1
rc=$?
check "an hour later every kiosk is silent, exit 1 (got $rc)" \
    test $rc -eq 1 -a "$(grep -c ' silent$' "$TMP/fleet")" -eq 3
expect_status 3 "kiosk-fleet exits 3 when the Pushgateway is unreachable" \
    sh "$FLEET" --pushgateway "http://127.0.0.1:$closed"
expect_status 2 "kiosk-fleet exits 2 on a usage error" sh "$FLEET" --stale soon
expect_status 0 "kiosk-fleet --help" sh "$FLEET" --help
expect_status 2 "kiosk-fleet --forget refuses a path" sh "$FLEET" --pushgateway "$GW" --forget ../x
expect_status 0 "kiosk-fleet --forget removes a kiosk" sh "$FLEET" --pushgateway "$GW" --forget fine-1
sh "$FLEET" --pushgateway "$GW" --max-temp 95 >"$TMP/fleet" 2>&1
check "the forgotten kiosk is gone from the list" test "$(grep -c '^fine-1 ' "$TMP/fleet")" -eq 0
"$HELPER" once --pushgateway "$GW" --kiosk-id fine-1 --location "Rathaus, Foyer EG" \
    --sys-root "$(sysfs sys-fine 45000)" --content v7 --published $((now - 3600)) --update-ok 0

# --- monitoring configuration ----------------------------------------------------
expect_status 0 "promtool check rules alerts.yml" promtool check rules "$MON/alerts.yml"
expect_status 0 "promtool test rules: alerts unit tests pass" \
    promtool test rules "$MON/alerts_test.yml" "$MON/alerts_test_days.yml"
expect_status 0 "promtool check config prometheus.yml" promtool check config "$MON/prometheus.yml"
expect_status 0 "grafana dashboard is JSON with unique panel ids and a query in every panel" \
    jq -e '(.panels | length) > 10 and ([.panels[].id] | length) == ([.panels[].id] | unique | length)
           and all(.panels[]; (.targets | length) > 0 and all(.targets[]; (.expr | length) > 0))' \
    "$MON/grafana-dashboard.json"

# --- a real Prometheus with our configuration, scraping the gateway ---------------
mkdir -p "$TMP/prom"
cp "$MON/alerts.yml" "$TMP/prom/"
PROM=$(free_port)
sed -e "s/localhost:9091/127.0.0.1:$PGW/" -e "s/localhost:9093/127.0.0.1:$closed/" \
    -e 's/scrape_interval: 30s/scrape_interval: 1s/' -e 's/evaluation_interval: 30s/evaluation_interval: 1s/' -e 's/scrape_timeout: 10s/scrape_timeout: 1s/' \
    "$MON/prometheus.yml" >"$TMP/prom/prometheus.yml"
prometheus --config.file="$TMP/prom/prometheus.yml" --storage.tsdb.path="$TMP/prom/data" \
    --web.listen-address="127.0.0.1:$PROM" --log.level=warn >"$TMP/prom.log" 2>&1 &
ppid=$!
PIDS="$PIDS $ppid"
if ! wait_ready "http://127.0.0.1:$PROM/-/ready" "$ppid" 30; then
    not_ok "start prometheus on loopback"; tail -n 20 "$TMP/prom.log" | sed 's/^/#   /'; exit 1
fi
ok "prometheus with tools/monitoring/prometheus.yml listens on 127.0.0.1:$PROM"
API="http://127.0.0.1:$PROM/api/v1"
q() { curl -sf --max-time 5 "$API/query" --data-urlencode "query=$1"; }

# Wait for the scrape and for every rule to have been evaluated at least once.
n=0
while [ $n -lt 150 ]; do
    kiosks=$(q 'count(kiosk_info{job="kiosk"})' | jq -r '.data.result[0].value[1] // 0')
    pending=$(curl -sf "$API/rules" | jq '[.data.groups[].rules[] | select(.health == "unknown")] | length')
    [ "$kiosks" = 3 ] && [ "${pending:-1}" = 0 ] && break
    sleep 0.2
    n=$((n + 1))
done
check "prometheus sees the 3 kiosks as job=kiosk (honor_labels)" test "$kiosks" = 3
check "hot-1's temperature is under instance=hot-1" \
    test "$(q 'kiosk_cpu_temperature_celsius{job="kiosk",instance="hot-1"}' | jq -r '.data.result[0].value[1]')" = 91
curl -sf "$API/rules" >"$TMP/rules.json"
rules=$(grep -c '^ *- alert:' "$MON/alerts.yml")
check "prometheus loaded all $rules rules of alerts.yml" test "$(jq '[.data.groups[].rules[]] | length' "$TMP/rules.json")" -eq "$rules"
bad=$(jq -r '.data.groups[].rules[] | select(.health != "ok") | "\(.name): \(.lastError)"' "$TMP/rules.json")
if [ -z "$bad" ]; then ok "every rule evaluates without error on real data"
else not_ok "rules with evaluation errors"; echo "$bad" | sed 's/^/#   /'; fi
# A rule may have run before the first scrape: give it a few evaluations.
n=0
while [ $n -lt 50 ]; do
    curl -sf "$API/alerts" >"$TMP/alerts.json"
    jq -e '[.data.alerts[] | select(.labels.alertname == "KioskOverheating" and .labels.instance == "hot-1"
            and .labels.location == "Bürgerbüro")] | length == 2' "$TMP/alerts.json" >/dev/null && break
    sleep 0.2
    n=$((n + 1))
done
check "KioskOverheating (warning and critical) is raised for hot-1 with its location" test $n -lt 50
expect_status 0 "no alert for fine-1" jq -e '[.data.alerts[] | select(.labels.instance == "fine-1")] | length == 0' \
    "$TMP/alerts.json"

# Every dashboard query, with Grafana's variables filled in, is valid PromQL.
jq -r '.panels[].targets[].expr' "$MON/grafana-dashboard.json" |
    sed -e 's/\$__rate_interval/1m/g' -e 's/\$__range/1h/g' -e 's/\$kiosk/.*/g' >"$TMP/exprs"
bad=0
while IFS= read -r e; do
    st=$(q "$e" | jq -r '.status' 2>/dev/null)
    [ "$st" = success ] || { bad=$((bad + 1)); echo "#   fails: $e"; }
done <"$TMP/exprs"
check "all $(wc -l <"$TMP/exprs") dashboard queries run on prometheus" test $bad -eq 0
check "dashboard fleet table query finds the locations" \
    test "$(q 'max by (instance, location) (kiosk_info{job="kiosk",instance=~".*"})' | jq '.data.result | length')" -eq 3
