#!/usr/bin/env bash
# Starts or stops the services the tests need (those this script started, only).
# Usage: scripts/services.sh start|stop
set -uo pipefail
cd "$(dirname "$0")/.."
action=${1:-start}
case "$action" in
  start) ;;
  stop) ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac

# State of what we started lives in tmp/services (ignored by git): a pid file per service,
# so `stop` never touches a daemon the user (or systemd) started.
STATE_DIR="$PWD/tmp/services"
mkdir -p "$STATE_DIR"
log() { printf 'services: %s\n' "$*"; }

# --- dockerd: the real engine the live-inspection tests (test/docker) talk to. ---------
DOCKERD_PID="$STATE_DIR/dockerd.pid"
DOCKERD_LOG="$STATE_DIR/dockerd.log"
docker_ready() { docker info >/dev/null 2>&1; }

dockerd_start() {
  if docker_ready; then log "dockerd already answering: leaving it alone"; return 0; fi
  if ! command -v dockerd >/dev/null 2>&1; then log "no dockerd installed: Docker tests will skip"; return 0; fi
  if [ "$(id -u)" != 0 ]; then log "not root: cannot start dockerd (Docker tests will skip)"; return 0; fi
  if [ -S /var/run/docker.sock ] && ! pgrep -x dockerd >/dev/null 2>&1; then
    rm -f /var/run/docker.sock # a stale socket from a dockerd that died: dockerd refuses to start over it
  fi
  if [ -f /var/run/docker.pid ] && ! kill -0 "$(cat /var/run/docker.pid)" 2>/dev/null; then
    rm -f /var/run/docker.pid # a pid file of a dockerd that died: dockerd refuses to start while it exists
  fi
  log "starting dockerd (log: $DOCKERD_LOG)"
  nohup dockerd >"$DOCKERD_LOG" 2>&1 &
  echo $! >"$DOCKERD_PID"
  for _ in $(seq 1 60); do # about 30 s
    if docker_ready; then log "dockerd ready (pid $(cat "$DOCKERD_PID"))"; return 0; fi
    if ! kill -0 "$(cat "$DOCKERD_PID")" 2>/dev/null; then break; fi
    sleep 0.5
  done
  # Not fatal for setup: the other suites can still run; the Docker tests then skip with this
  # reason, or fail under CI=true.
  log "WARNING: dockerd did not become ready in 30 s; last lines of its log:"
  tail -n 20 "$DOCKERD_LOG" >&2 || true
  return 0
}

dockerd_stop() {
  [ -f "$DOCKERD_PID" ] || return 0
  local pid
  pid=$(cat "$DOCKERD_PID")
  # Only the dockerd we started: the pid must still be a dockerd.
  if kill -0 "$pid" 2>/dev/null && [ "$(cat /proc/"$pid"/comm 2>/dev/null)" = dockerd ]; then
    log "stopping dockerd (pid $pid)"
    kill -TERM "$pid"
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && { log "dockerd still running after 20 s: KILL"; kill -KILL "$pid"; }
  fi
  rm -f "$DOCKERD_PID"
}

case "$action" in
  start) dockerd_start ;;
  stop) dockerd_stop ;;
esac
