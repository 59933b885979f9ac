#!/usr/bin/env bash
# Start a throwaway PostgreSQL server for the PostgreSQL tests and print the URL to use:
#
#   eval "$(bash .ci/postgres.sh)"   # then CLIENTBOOK_POSTGRES_URL is set
#
# Installs PostgreSQL from the Debian packages when no server is installed, creates a cluster in
# a new temporary directory owned by an unprivileged user (initdb refuses root), starts it on
# 127.0.0.1 only (port CLIENTBOOK_POSTGRES_PORT, 5433 by default; its Unix socket stays in that
# directory), and creates the role and the database "clientbook" with trust authentication and,
# on PostgreSQL 15 and later, a French collation (ICU fr-FR) as a French host's database has.
# Prints one line on stdout, export CLIENTBOOK_POSTGRES_URL=...; everything else goes to stderr.
# The server is left running (the CI machine is discarded); stderr shows how to stop it.
set -euo pipefail
port=${CLIENTBOOK_POSTGRES_PORT:-5433}
log() { printf 'postgres.sh: %s\n' "$*" >&2; }
# A port already taken (another server left running on this machine): take the next free one.
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    log "port $port is taken, trying $((port + 1))"
    port=$((port + 1))
done

find_bin() {
    # The newest installed major version's binaries.
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

bin=$(find_bin)
if [ -z "$bin" ] || [ ! -x "$bin/pg_ctl" ]; then
    log "installing PostgreSQL from the Debian packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
    bin=$(find_bin)
fi
[ -x "$bin/pg_ctl" ] || { log "no pg_ctl found under /usr/lib/postgresql"; exit 1; }

# initdb refuses to run as root: run the server as an unprivileged user.
if [ "$(id -u)" -eq 0 ]; then
    user=postgres
    id -u "$user" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$user"
    as_user() { runuser -u "$user" -- "$@"; }
else
    user=$(id -un)
    as_user() { "$@"; }
fi

dir=$(mktemp -d /tmp/clientbook-postgres.XXXXXX)
chown "$user" "$dir"
chmod 700 "$dir"
data="$dir/data"

log "creating a cluster in $data (PostgreSQL $("$bin/pg_ctl" --version | awk '{print $NF}'))"
as_user "$bin/initdb" -D "$data" -U clientbook --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
    --no-instructions >&2
# Loopback only, no Unix socket outside the cluster's own directory, quick throwaway settings.
as_user "$bin/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >&2
# A French collation (ICU, PostgreSQL 15+) as a French host's database has: the tests then show
# that clientbook's ordering and prefix ranges do not depend on the database's collation.
as_user "$bin/createdb" -h 127.0.0.1 -p "$port" -U clientbook -O clientbook -T template0 \
    --locale-provider=icu --icu-locale=fr-FR clientbook >&2 2>/dev/null ||
    as_user "$bin/createdb" -h 127.0.0.1 -p "$port" -U clientbook -O clientbook clientbook >&2
log "listening on 127.0.0.1:$port; stop it with: runuser -u $user -- $bin/pg_ctl -D $data stop"
echo "export CLIENTBOOK_POSTGRES_URL=postgresql+psycopg://clientbook@127.0.0.1:$port/clientbook"
