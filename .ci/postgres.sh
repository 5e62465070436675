#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the tests, on loopback only.
#
#   .ci/postgres.sh start DIR PORT   initdb in DIR (created), start on
#                                    127.0.0.1:PORT, create the roles and the
#                                    database; print one line on stdout:
#                                    postgres://texto@127.0.0.1:PORT/texto
#   .ci/postgres.sh stop DIR         stop the cluster and remove DIR; never
#                                    fails when it is gone already
#
# The cluster, as the tests see it:
#   texto           LOGIN SUPERUSER, trusted: the tests create and drop their
#                   own databases
#   texto_password  LOGIN, password texto-secret (SCRAM, the only role asked
#                   for one): the tests of PGPASSWORD / PGPASSFILE
#   texto           a database owned by texto
#
# PostgreSQL refuses to run as root: as root, the cluster runs as the
# `postgres` user that Debian's package creates (else a `texto-pg` system
# user, created here); as anyone else, as that user. Everything but the URL
# goes to stderr, so that `url=$(.ci/postgres.sh start ...)` is enough.
set -uo pipefail

exec 3>&1 >&2   # stdout is the URL's alone

usage() {
    echo "usage: $0 start DIR PORT | stop DIR"
    exit 64
}

die() {
    echo "postgres.sh: $*"
    exit 1
}

# Variables a caller's environment may hold that would send psql elsewhere
# or ask it for SSL the throw-away cluster does not have.
unset PGHOST PGHOSTADDR PGPORT PGUSER PGDATABASE PGSERVICE PGSERVICEFILE \
    PGSSLMODE PGREQUIRESSL PGGSSENCMODE PGOPTIONS PGPASSWORD PGPASSFILE PGTARGETSESSIONATTRS

# initdb, pg_ctl and psql from one installation: PATH first, else Debian's
# /usr/lib/postgresql/VERSION/bin (the newest), where they are not on PATH.
find_binaries() {
    local initdb pg_ctl
    initdb=$(command -v initdb || true)
    pg_ctl=$(command -v pg_ctl || true)
    if [ -z "$initdb" ] || [ -z "$pg_ctl" ]; then
        local candidate
        candidate=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
        if [ -z "$candidate" ] || [ ! -x "$candidate/initdb" ] || [ ! -x "$candidate/pg_ctl" ]; then
            echo "postgres.sh: initdb and pg_ctl are neither on PATH nor in /usr/lib/postgresql/*/bin (apt-get install postgresql)"
            return 1
        fi
        initdb=$candidate/initdb
        pg_ctl=$candidate/pg_ctl
    fi
    INITDB=$initdb
    PG_CTL=$pg_ctl
    # psql beside pg_ctl (its real folder: /usr/local/bin/pg_ctl may be a
    # link), rather than Debian's /usr/bin/psql wrapper, when it is there.
    local bindir
    bindir=$(dirname "$(readlink -f "$pg_ctl")")
    if [ -x "$bindir/psql" ]; then
        PSQL=$bindir/psql
    else
        PSQL=$(command -v psql) || { echo "postgres.sh: psql not found (apt-get install postgresql-client)"; return 1; }
    fi
}

# The user the cluster runs as (CLUSTER_USER), created when needed.
choose_user() {
    if [ "$(id -u)" -ne 0 ]; then
        CLUSTER_USER=$(id -un)
    elif id -u postgres >/dev/null 2>&1; then
        CLUSTER_USER=postgres
    else
        if ! id -u texto-pg >/dev/null 2>&1; then
            echo "creating the system user texto-pg"
            useradd --system --user-group --no-create-home --home-dir /nonexistent \
                --shell /usr/sbin/nologin texto-pg || die "useradd texto-pg failed"
        fi
        CLUSTER_USER=texto-pg
    fi
}

# A command as CLUSTER_USER: runuser as root (or su where there is no
# runuser), the command itself otherwise. Without fd 3: the server pg_ctl
# starts would inherit it and hold the caller's $(...) open for ever.
as_user() {
    if [ "$(id -u)" -ne 0 ] || [ "$CLUSTER_USER" = root ]; then
        "$@" 3>&-
    elif command -v runuser >/dev/null; then
        runuser -u "$CLUSTER_USER" -- "$@" 3>&-
    else
        local quoted="" argument
        for argument in "$@"; do
            quoted+=" '${argument//\'/\'\\\'\'}'"
        done
        su "$CLUSTER_USER" -s /bin/sh -c "exec$quoted" 3>&-
    fi
}

running() {
    [ -f "$DIR/PG_VERSION" ] && as_user "$PG_CTL" -D "$DIR" status >/dev/null 2>&1
}

write_config() {
    local durable=off
    [ "${TEXTO_PG_DURABLE:-0}" = 1 ] && durable=on
    # Rewritten at every start (the port may change); postgresql.conf
    # includes it once, last, so that it wins over initdb's values.
    as_user tee "$DIR/texto.conf" >/dev/null <<EOF
# Written by .ci/postgres.sh: a throw-away cluster for the tests.
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$DIR'
max_connections = 100
shared_buffers = 256MB
# No durability: the cluster lives for one test run and is deleted after it,
# so a crash loses nothing worth keeping. Without these, every commit waits
# for the disk and the tests spend their time in fsync. TEXTO_PG_DURABLE=1
# keeps PostgreSQL's defaults (on): the benchmark compares it with SQLite's
# synchronous = FULL.
fsync = $durable
synchronous_commit = $durable
full_page_writes = $durable
# A million-row emit or ingest writes gigabytes of WAL: with the default
# 1GB, checkpoints would come every few seconds in the middle of it (as
# docs/scaling.md advises for a production server too).
max_wal_size = 8GB
checkpoint_timeout = 15min
EOF
    # The benchmark's server: memory as a server sized for bulk loads has it.
    if [ "$durable" = on ]; then
        printf 'shared_buffers = 1GB\nwal_buffers = 64MB\n' | as_user tee -a "$DIR/texto.conf" >/dev/null
    fi
    grep -q "^include_if_exists = 'texto.conf'" "$DIR/postgresql.conf" \
        || echo "include_if_exists = 'texto.conf'" | as_user tee -a "$DIR/postgresql.conf" >/dev/null

    # First match wins: texto_password must give its password (SCRAM);
    # everyone else on loopback, and the socket in DIR, is trusted.
    as_user tee "$DIR/pg_hba.conf" >/dev/null <<'EOF'
# Written by .ci/postgres.sh. TYPE DATABASE USER ADDRESS METHOD
host    all     texto_password  127.0.0.1/32    scram-sha-256
host    all     texto_password  ::1/128         scram-sha-256
host    all     all             127.0.0.1/32    trust
host    all     all             ::1/128         trust
local   all     all                             trust
EOF
}

# Roles and database, each created only when missing (a second start on a
# running cluster changes nothing).
create_roles() {
    as_user "$PSQL" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U postgres -d postgres <<'EOF'
SET client_min_messages = warning;
SET password_encryption = 'scram-sha-256';
SELECT 'CREATE ROLE texto' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'texto') \gexec
ALTER ROLE texto WITH LOGIN SUPERUSER;
SELECT 'CREATE ROLE texto_password' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'texto_password') \gexec
ALTER ROLE texto_password WITH LOGIN PASSWORD 'texto-secret';
SELECT 'CREATE DATABASE texto OWNER texto' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'texto') \gexec
EOF
    # PostgreSQL 15 lets only the owner create in a database's public schema:
    # texto_password may open a store in the texto database too.
    as_user "$PSQL" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U postgres -d texto \
        -c 'GRANT CREATE, USAGE ON SCHEMA public TO texto_password'
}

start() {
    [[ "$PORT" =~ ^[0-9]+$ ]] && [ "$PORT" -ge 1024 ] && [ "$PORT" -le 65535 ] \
        || die "PORT must be a number from 1024 to 65535, not '$PORT'"
    find_binaries || exit 1
    choose_user

    mkdir -p "$DIR" || die "cannot create $DIR"
    DIR=$(cd "$DIR" && pwd -P)
    # The socket is DIR/.s.PGSQL.PORT, and a socket path has at most 107 bytes.
    [ $(( ${#DIR} + 18 )) -le 107 ] || die "$DIR is too long a path for the cluster's socket: use a shorter one (mktemp -d)"
    if [ "$(id -u)" -eq 0 ]; then
        chown "$CLUSTER_USER:" "$DIR" || die "cannot give $DIR to $CLUSTER_USER"
    fi
    chmod 700 "$DIR"
    cd / # the cluster user may not enter the caller's folder
    as_user test -w "$DIR" -a -x "$DIR" \
        || die "$CLUSTER_USER cannot reach $DIR: its parent folders must be searchable by it (chmod 755)"

    if running; then
        echo "a cluster is running in $DIR already"
        local running_port
        running_port=$(sed -n 4p "$DIR/postmaster.pid")
        if [ -n "$running_port" ] && [ "$running_port" != "$PORT" ]; then
            echo "it listens on port $running_port, not $PORT"
            PORT=$running_port
        fi
    else
        if [ ! -f "$DIR/PG_VERSION" ]; then
            [ -z "$(ls -A "$DIR")" ] || die "$DIR is neither empty nor a cluster"
            echo "initdb in $DIR, as $CLUSTER_USER"
            # --no-sync: as fsync = off below. Its chatter is shown on failure only.
            local output
            output=$(as_user "$INITDB" -D "$DIR" --encoding=UTF8 --locale=C --auth=trust -U postgres --no-sync 2>&1) \
                || { echo "$output"; die "initdb failed"; }
        fi
        write_config
        echo "starting the cluster on 127.0.0.1:$PORT (log: $DIR/log)"
        as_user "$PG_CTL" -D "$DIR" -w -t 60 -l "$DIR/log" start \
            || die "the cluster did not start: see $DIR/log"
    fi

    create_roles || die "the roles and the database could not be created"
    echo "postgres://texto@127.0.0.1:$PORT/texto" >&3
}

stop() {
    [ -d "$DIR" ] || exit 0
    DIR=$(cd "$DIR" && pwd -P) || exit 0
    cd /
    if [ -f "$DIR/PG_VERSION" ]; then
        # The cluster runs as the folder's owner.
        CLUSTER_USER=$(stat -c %U "$DIR")
        if [ -f "$DIR/postmaster.pid" ] && find_binaries; then
            as_user "$PG_CTL" -D "$DIR" -m fast -w -t 60 stop \
                || as_user "$PG_CTL" -D "$DIR" -m immediate -w -t 30 stop \
                || echo "postgres.sh: the cluster in $DIR did not stop"
        fi
    elif [ -n "$(ls -A "$DIR")" ]; then
        echo "postgres.sh: $DIR is not a cluster: left as it is"
        exit 0
    fi
    rm -rf -- "$DIR" || echo "postgres.sh: $DIR could not be removed"
    exit 0
}

[ $# -ge 1 ] || usage
case "$1" in
    start)
        [ $# -eq 3 ] || usage
        DIR=$2 PORT=$3
        start
        ;;
    stop)
        [ $# -eq 2 ] || usage
        DIR=$2
        stop
        ;;
    *) usage ;;
esac
