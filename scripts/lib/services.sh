# Shared by dev-up and dev-down: where things live and how to tell our processes apart.
# shellcheck shell=bash

DIM_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
DIM_DATA_DIR=$(mkdir -p "${DIM_DATA_DIR:-$DIM_ROOT/data}" && cd "${DIM_DATA_DIR:-$DIM_ROOT/data}" && pwd)
DIM_PIDS="$DIM_DATA_DIR/pids"
DIM_LOGS="$DIM_DATA_DIR/logs"

# name:port:jar (port 0: not an HTTP service). Order is start order.
DIM_SERVICES=(
  "local-stack:0:local-stack/target/local-stack-0.1.0-SNAPSHOT-exec.jar"
  "api-service:8000:api-service/target/api-service-0.1.0-SNAPSHOT.jar"
  "stream-service:8002:stream-service/target/stream-service-0.1.0-SNAPSHOT.jar"
  "ml-service:8001:ml-service/target/ml-service-0.1.0-SNAPSHOT.jar"
  "dashboard-ui:8050:dashboard-ui/target/dashboard-ui-0.1.0-SNAPSHOT.jar"
)

# Prometheus, started by dev-up beside the services when it is installed (not a jar).
DIM_PROMETHEUS_PORT=9090

# Prints the PID of a process we started (a service, or prometheus) if it is still ours,
# else nothing. Our processes carry "dim.process=<name>" on their command line.
dim_running_pid() {
  local name=$1 pidfile="$DIM_PIDS/$1.pid" pid
  [ -f "$pidfile" ] || return 0
  pid=$(cat "$pidfile")
  # The PID file may be stale and the number reused: check the command line too.
  if [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q -- "dim.process=$name "; then
    echo "$pid"
  fi
}
