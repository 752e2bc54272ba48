# Sourced by scripts/test: makes sure a PostgreSQL server runs on 127.0.0.1:5432 with a
# "dim_test" database the tests may create schemas in, and exports DIM_TEST_PG_URL.
# Uses Debian's postgresql package (installed when missing and when we may).

dim_start_test_postgres() {
  if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      echo "test: installing Debian's postgresql for the database tests"
      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) || return 1
    else
      echo "test: PostgreSQL is not installed and I cannot install it; PostgreSQL tests will be skipped" >&2
      return 0
    fi
  fi
  if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
    cluster=$(pg_lsclusters -h 2>/dev/null | awk 'NR==1 {print $1" "$2}')
    if [ -z "$cluster" ]; then
      version=$(ls /usr/lib/postgresql | sort -n | tail -n 1)
      pg_createcluster "$version" main >/dev/null || return 1
      cluster="$version main"
    fi
    # shellcheck disable=SC2086
    pg_ctlcluster $cluster start || return 1
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  fi
  runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 -h /var/run/postgresql -d postgres <<'SQL' >/dev/null || return 1
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'dim_test') THEN
    CREATE ROLE dim_test LOGIN PASSWORD 'dim_test';
  END IF;
END $$;
SQL
  if ! runuser -u postgres -- psql -h /var/run/postgresql -tAc "SELECT 1 FROM pg_database WHERE datname='dim_test'" | grep -q 1; then
    runuser -u postgres -- createdb -h /var/run/postgresql -O dim_test dim_test || return 1
  fi
  export DIM_TEST_PG_URL="jdbc:postgresql://127.0.0.1:5432/dim_test?user=dim_test&password=dim_test"
}
