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
