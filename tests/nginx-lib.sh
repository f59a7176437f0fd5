# Helpers for tests that need a real HTTP server: nginx on 127.0.0.1, run
# from a private prefix in $TMP with its own config, pid file and logs.
# Source after tests/lib.sh. Needs $TMP.
#
#   nginx_start LOCATIONS [HTTP_CONF]
#                           start with these extra location blocks (and a
#                           file included at http level, where @PORT1@ and
#                           @PORT2@ become two more free-ish ports); sets
#                           NGINX_PORT and NGINX_URL; serves $TMP/www at /pub/
#   nginx_stop
#   nginx_log_bytes PATTERN body bytes of the last access-log line matching PATTERN

NGINX=${NGINX:-/usr/sbin/nginx}
[ -x "$NGINX" ] || NGINX=$(command -v nginx 2>/dev/null || echo /usr/sbin/nginx)

# nginx_require WHAT: a script that needs nginx reports WHAT as skipped and
# ends when it is not installed.
nginx_require() {
    [ -x "$NGINX" ] && return 0
    echo "ok - $1 # SKIP nginx not installed (tools/install-deps.sh --test)"
    exit 0
}

nginx_start() {
    mkdir -p "$TMP/nginx/logs" "$TMP/nginx/tmp" "$TMP/www"
    user_line=""
    # As root the workers would drop to "nobody", who cannot read $TMP.
    [ "$(id -u)" -eq 0 ] && user_line="user root;"
    tries=0
    while [ $tries -lt 20 ]; do
        tries=$((tries + 1))
        NGINX_PORT=$(( (($$ + tries * 7919 + $(date +%N | sed 's/^0*//;s/^$/0/')) % 30000) + 20000 ))
        include=""
        if [ -n "${2:-}" ]; then
            sed "s/@PORT1@/$((NGINX_PORT + 1))/g; s/@PORT2@/$((NGINX_PORT + 2))/g" "$2" >"$TMP/nginx/extra.conf"
            include="include $TMP/nginx/extra.conf;"
        fi
        cat >"$TMP/nginx/nginx.conf" <<EOF
$user_line
worker_processes 1;
daemon on;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/logs/error.log warn;
events { worker_connections ${NGINX_WORKER_CONNECTIONS:-256}; }
http {
    log_format kiosk '\$request_uri \$status \$body_bytes_sent';
    access_log $TMP/nginx/logs/access.log kiosk;
    client_body_temp_path $TMP/nginx/tmp/body;
    proxy_temp_path $TMP/nginx/tmp/proxy;
    fastcgi_temp_path $TMP/nginx/tmp/fastcgi;
    uwsgi_temp_path $TMP/nginx/tmp/uwsgi;
    scgi_temp_path $TMP/nginx/tmp/scgi;
    default_type application/octet-stream;
    sendfile on;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $TMP/www;
        location /pub/ {
            alias $TMP/www/;
            etag on;
        }
$1
    }
    $include
}
EOF
        if "$NGINX" -p "$TMP/nginx" -c "$TMP/nginx/nginx.conf" 2>"$TMP/nginx/start.err"; then
            NGINX_URL="http://127.0.0.1:$NGINX_PORT"
            # daemon mode returns once the socket is bound; give the
            # worker a moment to start accepting
            i=0
            while [ $i -lt 50 ] && ! grep -q . "$TMP/nginx/nginx.pid" 2>/dev/null; do
                sleep 0.1
                i=$((i + 1))
            done
            sleep 0.2
            return 0
        fi
        grep -q "Address already in use" "$TMP/nginx/start.err" || { cat "$TMP/nginx/start.err" >&2; return 1; }
    done
    return 1
}

nginx_stop() {
    [ -f "$TMP/nginx/nginx.pid" ] || return 0
    pid=$(cat "$TMP/nginx/nginx.pid")
    kill "$pid" 2>/dev/null
    i=0
    while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
    rm -f "$TMP/nginx/nginx.pid"
}

# Body bytes nginx sent for the last request whose URI matches PATTERN.
nginx_log_bytes() {
    grep -E "$1" "$TMP/nginx/logs/access.log" | tail -n 1 | awk '{print $3}'
}
