# Sourced by .ci/run: install Debian's PostgreSQL when it is missing, start a throw-away cluster
# on a loopback port as the postgres user (initdb refuses root), export TEST_DATABASE_URL for the
# tests, and stop and remove the cluster when the script exits. If no server can be had, the
# PostgreSQL tests skip with a message saying so.

start_test_postgres() {
    if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
        echo "ci: installing PostgreSQL (Debian package)"
        if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; } \
            >/tmp/nc-postgres-install.log 2>&1; then
            echo "ci: PostgreSQL could not be installed (see /tmp/nc-postgres-install.log); its tests will be skipped"
            return 0
        fi
    fi
    local bin dir port
    bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    dir=$(mktemp -d /tmp/nc-pg.XXXXXX)
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    chown postgres:postgres "$dir"
    local here=$PWD
    cd /  # the postgres user cannot enter a checkout under a private folder
    if ! runuser -u postgres -- "$bin/initdb" -D "$dir/data" -A trust -U postgres >"$dir/initdb.log" 2>&1 \
        || ! runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
            -o "-k $dir -p $port -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null; then
        echo "ci: PostgreSQL did not start (logs in $dir); its tests will be skipped"
        cd "$here"
        return 0
    fi
    # The tests connect through the Unix socket in $dir: no TCP needed.
    cd "$here"
    export TEST_DATABASE_URL="postgresql://postgres@/postgres?host=$dir&port=$port"
    # shellcheck disable=SC2064  # expand now: the trap must stop this very cluster
    trap "runuser -u postgres -- '$bin/pg_ctl' -D '$dir/data' -m immediate stop >/dev/null 2>&1; rm -rf '$dir'" EXIT
    echo "ci: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') in $dir, port $port"
}
