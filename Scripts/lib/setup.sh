# Shared steps for Scripts/test, Scripts/demo and Scripts/bench: install what is missing, and
# start a throwaway PostgreSQL. Sourced, not run.

ATHANOR_PACKAGES=(libedit-dev libcurl4-openssl-dev libpq-dev pkgconf postgresql)
# Only the tests need them: they open 'athanor report' files in headless Chromium, and load
# 'athanor export' files with pandas (Debian's python3-pandas, for /usr/bin/python3). Where one
# cannot be installed, the install goes on without it and the tests that need it say they were
# skipped.
ATHANOR_TEST_PACKAGES=(chromium python3-pandas)

# Installs the system packages the build and the tests need, when any is missing.
ensure_packages() {
    install_missing "${ATHANOR_PACKAGES[@]}"
}

# Installs what only the tests need, each on its own (one that cannot be installed does not keep
# the others out); a failure is said, not fatal.
ensure_test_packages() {
    local package
    for package in "${ATHANOR_TEST_PACKAGES[@]}"; do
        install_missing "$package" ||
            echo "could not install $package: the tests that need it will be skipped" >&2
    done
}

# apt-get installs those of the packages named that are not installed yet.
install_missing() {
    local missing=()
    for package in "$@"; do
        dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "installing: ${missing[*]}" >&2
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

# The PostgreSQL server binaries (Debian keeps them off the PATH).
postgres_bindir() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [ -n "$dir" ] && [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
    dir=$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/initdb)")
    [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
    echo "PostgreSQL server binaries not found; install the 'postgresql' package" >&2
    return 1
}

# The release build of the demo and the benchmark: the Swift runtime and Foundation are linked
# into the binary, which then starts ≈ 10 ms sooner and uses ≈ 6 MB less memory.
RELEASE_FLAGS=(-c release --static-swift-stdlib)

release_build() {
    swift build "${RELEASE_FLAGS[@]}" --product athanor >&2
    swift build "${RELEASE_FLAGS[@]}" --product athanor-sim >&2
    swift build "${RELEASE_FLAGS[@]}" --show-bin-path
}

# Starts a throwaway cluster on a unix socket and exports DATABASE_URL; stopped on exit.
# The server refuses to run as root, so as root it runs as the 'postgres' user.
start_throwaway_postgres() {
    local bindir port
    bindir=$(postgres_bindir)
    PG_THROWAWAY=$(mktemp -d /tmp/athanor-pg.XXXXXX)
    port=$((20000 + RANDOM % 20000))
    chmod 755 "$PG_THROWAWAY"
    local as=()
    if [ "$(id -u)" -eq 0 ]; then
        chown postgres "$PG_THROWAWAY"
        as=(runuser -u postgres --)
    fi
    "${as[@]}" "$bindir/initdb" -D "$PG_THROWAWAY/data" -U postgres -A trust -E UTF8 --no-sync >/dev/null
    "${as[@]}" "$bindir/pg_ctl" -D "$PG_THROWAWAY/data" -l "$PG_THROWAWAY/server.log" -w \
        -o "-c listen_addresses='' -c unix_socket_directories=$PG_THROWAWAY -p $port -c fsync=off -c max_connections=200" \
        start >/dev/null
    PG_THROWAWAY_STOP=("${as[@]}" "$bindir/pg_ctl" -D "$PG_THROWAWAY/data" -m immediate stop)
    trap 'stop_throwaway_postgres' EXIT
    export DATABASE_URL="postgresql:///postgres?host=$PG_THROWAWAY&port=$port&user=postgres"
    echo "throwaway PostgreSQL on $PG_THROWAWAY (port $port)" >&2
}

stop_throwaway_postgres() {
    [ -n "${PG_THROWAWAY:-}" ] || return 0
    "${PG_THROWAWAY_STOP[@]}" >/dev/null 2>&1 || true
    rm -rf "$PG_THROWAWAY"
    PG_THROWAWAY=""
}
