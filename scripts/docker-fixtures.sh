#!/usr/bin/env bash
# Builds the local images overlay-lab's Docker tests and benchmark use. No registry needed:
# the base is Debian's busybox-static imported as a one-layer image. Idempotent: an image
# that already exists is left alone. Every image carries the label io.overlay-lab=1, so
# cleanup can find exactly what the lab made and nothing else.
#
#   overlay-lab/busybox:1  one layer: /bin/busybox and its applet links (docker import)
#   overlay-lab/layers:1   FROM busybox, then layers that add, overwrite and delete files
#                          and replace a directory: real whiteouts and an opaque directory
#
# Usage: scripts/docker-fixtures.sh [--force]
set -euo pipefail
LABEL=io.overlay-lab=1
force=${1:-}
log() { printf 'fixtures: %s\n' "$*"; }

have() { [ "$force" != --force ] && docker image inspect "$1" >/dev/null 2>&1; }

BUSYBOX=$(command -v busybox || true)
[ -n "$BUSYBOX" ] || { echo "fixtures: busybox not installed (Debian: apt-get install busybox-static)" >&2; exit 1; }

if ! have overlay-lab/busybox:1; then
  log "importing overlay-lab/busybox:1 from $BUSYBOX"
  rootfs=$(mktemp -d)
  trap 'rm -rf "$rootfs"' EXIT
  mkdir -p "$rootfs/bin" "$rootfs/etc" "$rootfs/tmp" "$rootfs/root"
  cp "$BUSYBOX" "$rootfs/bin/busybox"
  for applet in $("$BUSYBOX" --list); do
    [ "$applet" = busybox ] || ln -sf busybox "$rootfs/bin/$applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\n' >"$rootfs/etc/passwd"
  printf 'root:x:0:\n' >"$rootfs/etc/group"
  # A fixed mtime keeps the layer's bytes, so its diff ID, the same from run to run.
  find "$rootfs" -exec touch -h -d '2024-01-01T00:00:00Z' {} +
  tar --numeric-owner --owner=0 --group=0 --sort=name -C "$rootfs" -c . |
    docker import --change "LABEL $LABEL" --change 'CMD ["sh"]' - overlay-lab/busybox:1 >/dev/null
  rm -rf "$rootfs"
  trap - EXIT
fi

if ! have overlay-lab/layers:1; then
  log "building overlay-lab/layers:1"
  ctx=$(mktemp -d)
  trap 'rm -rf "$ctx"' EXIT
  printf 'hello from a COPY layer\n' >"$ctx/hello.txt"
  cat >"$ctx/Dockerfile" <<'DOCKERFILE'
FROM overlay-lab/busybox:1
LABEL io.overlay-lab=1
# layer 2: add files and a directory
RUN mkdir -p /app/conf /app/data && echo v1 > /app/conf/app.conf && echo keep > /app/data/keep.txt \
    && echo old > /app/data/old.txt && echo gone > /etc/motd
# layer 3: COPY adds one file
COPY hello.txt /app/hello.txt
# layer 4: overwrite a file (copied up in the build container), delete two (whiteouts)
RUN echo v2 > /app/conf/app.conf && rm /app/data/old.txt /etc/motd
# layer 5: replace a directory: rm -rf then mkdir makes it opaque in the upper layer
RUN rm -rf /app/data && mkdir /app/data && echo fresh > /app/data/new.txt
CMD ["sh"]
DOCKERFILE
  DOCKER_BUILDKIT=0 docker build -q -t overlay-lab/layers:1 "$ctx" >/dev/null
  rm -rf "$ctx"
  trap - EXIT
fi
log "ready: overlay-lab/busybox:1 overlay-lab/layers:1"
