#!/usr/bin/env bash
# Sets up a fresh machine for overlay-lab's tests: system packages (as root, Debian),
# npm packages, and the services the tests talk to. Safe to run again: it only adds what
# is missing. Without root it installs the npm packages and says what it skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(attr coreutils)
# Live Docker inspection (test/docker): the engine (brings containerd with ctr, and runc), and a
# static busybox to build local images and the helper image from, since no registry is reachable.
APT_PACKAGES+=(docker.io containerd busybox-static)
# Image archives (test/image): skopeo writes OCI image layouts and OCI archives (gzip layers) from docker save output.
APT_PACKAGES+=(skopeo)
# The site's end-to-end tests (test/site): a real browser, driven by playwright-core.
APT_PACKAGES+=(chromium)
# The tour's interactive test drives it in a real terminal: tmux (send keys, read the screen).
APT_PACKAGES+=(tmux)
# ssh:// engines (test/docker/ssh.test.ts): the test runs its own sshd (127.0.0.1, a free port, a
# temp config and keys) and ssh-agent. On a machine run by systemd the package also enables the
# system's own sshd on port 22: `systemctl disable --now ssh` if that is not wanted.
APT_PACKAGES+=(openssh-server openssh-client)

# Notebooks (notebooks/, npm run notebooks): Debian's Jupyter pieces for /usr/bin/python3; the
# tslab kernel itself comes from npm and is registered in tmp/jupyter by the notebook runner.
APT_PACKAGES+=(python3-nbclient python3-nbformat python3-ipykernel jupyter-nbconvert)

log() { printf 'setup: %s\n' "$*"; }

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    log "not root: skipping apt packages ${missing[*]} (the tests that need them will skip)"
  fi
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
bash scripts/services.sh start
