# Short soak in CI: one simulated day of visits on the sanitizer build, with
# content edits reloaded on the way (the week-long run is `make soak`).
. tests/lib.sh
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:quarantine_size_mb=8"
if tests/bench/soak.sh "$KIOSK" 1 100 >"$TMP/soak.log" 2>&1; then
    ok "soak: one simulated day, 100 visits: no crash, no leak, memory and descriptors flat"
else
    not_ok "soak: one simulated day, 100 visits"
fi
sed 's/^/# /' "$TMP/soak.log"
