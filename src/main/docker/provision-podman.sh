#!/usr/bin/env bash
# Prepares this machine to build and run Pledge's container images without any registry: installs podman from
# Debian, configures it so it works on hosts like our CI machines, and builds the two base images locally.
#
#   localhost/pledge-base:bookworm    Debian bookworm (debootstrap minbase) + openjdk-17-jre-headless:
#                                     the BASE_IMAGE the JVM image is built on here.
#   localhost/pledge-busybox:latest   a static busybox and nothing else: a tiny "user" image for pipeline tests.
#
# Idempotent: every step checks first and does nothing when its result is already there, so running it on a
# provisioned machine takes about a second. Runs as root (it uses apt-get and writes /etc/containers). Debian only.
#
# Storage: podman is switched to the vfs driver in /etc/containers/storage.conf (only if that file does not exist
# yet), so every podman command on the machine -- these scripts, the tests, a person at the shell -- sees the same
# images without passing a flag. overlay needs kernel/fuse support these machines do not reliably have. The scripts
# also pass --storage-driver vfs themselves, so they do not depend on the file.
#
# Environment: PLEDGE_DEBIAN_MIRROR (default http://deb.debian.org/debian), PLEDGE_IMAGE_WORK (scratch directory,
# default /var/tmp/pledge-image-work).
set -euo pipefail

if [[ $(id -u) -ne 0 ]]; then
  echo "provision-podman.sh: must run as root (apt-get, /etc/containers)" >&2
  exit 1
fi

MIRROR=${PLEDGE_DEBIAN_MIRROR:-http://deb.debian.org/debian}
WORK=${PLEDGE_IMAGE_WORK:-/var/tmp/pledge-image-work}
BASE_IMAGE=localhost/pledge-base:bookworm
BUSYBOX_IMAGE=localhost/pledge-busybox:latest
PODMAN=(podman --storage-driver vfs)
started=$SECONDS

log() { echo "provision-podman: $*" >&2; }

# One provisioning at a time on this machine: concurrent builds (several engineers, several Maven runs) wait here.
mkdir -p "$WORK"
exec 9>"$WORK/.lock"
flock 9

# 1. Packages.
# gcc and libc6-dev: build-image.sh compiles the JVM image's static launcher
packages=(podman runc uidmap debootstrap busybox-static gcc libc6-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # another apt-get on the machine (a colleague's build) holds the dpkg lock for a while: wait for it
  apt-get -o DPkg::Lock::Timeout=900 update -q
  apt-get -o DPkg::Lock::Timeout=900 install -y -q "${missing[@]}"
fi

# 2. Engine configuration. Without default_ulimits = [] containers fail to start with "setrlimit RLIMIT_NOFILE"
#    on these hosts, and crun fails on their hybrid cgroup layout; runc works.
mkdir -p /etc/containers
write_if_different() {
  local file=$1 content=$2
  if [[ ! -f $file ]] || [[ "$(cat "$file")" != "$content" ]]; then
    log "writing $file"
    printf '%s\n' "$content" > "$file"
  fi
}
write_if_different /etc/containers/containers.conf '# written by Pledge'"'"'s src/main/docker/provision-podman.sh
[containers]
default_ulimits = []

[engine]
runtime = "runc"'
if [[ ! -f /etc/containers/storage.conf ]]; then
  log "writing /etc/containers/storage.conf (vfs driver)"
  cat > /etc/containers/storage.conf <<'CONF'
# written by Pledge's src/main/docker/provision-podman.sh: vfs works everywhere, overlay does not on these hosts
[storage]
driver = "vfs"
runroot = "/run/containers/storage"
graphroot = "/var/lib/containers/storage"
CONF
elif ! grep -Eq '^[[:space:]]*driver[[:space:]]*=[[:space:]]*"vfs"' /etc/containers/storage.conf; then
  log "warning: /etc/containers/storage.conf exists and does not select vfs; leaving it alone"
fi

has_image() { "${PODMAN[@]}" image exists "$1"; }

# 3. The JVM base image: a minimal Debian with a headless JRE 17, built from Debian packages.
if ! has_image "$BASE_IMAGE"; then
  log "building $BASE_IMAGE with debootstrap from $MIRROR"
  t=$SECONDS
  rootfs="$WORK/bookworm-rootfs"
  rm -rf "$rootfs"
  debootstrap --variant=minbase --include=openjdk-17-jre-headless bookworm "$rootfs" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 \
    || { tail -n 30 "$WORK/debootstrap.log" >&2; exit 1; }
  # Package caches and lists, manuals and translations are of no use inside an image (about 55 MB); the
  # packages' copyright files stay.
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/log/*.log \
    "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* "$rootfs"/usr/share/locale/*
  find "$rootfs/usr/share/doc" -mindepth 1 ! -type d ! -name copyright -delete
  find "$rootfs/usr/share/doc" -mindepth 1 -type d -empty -delete
  tar -C "$rootfs" -c . | "${PODMAN[@]}" import --quiet \
    --change 'ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64' \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    - "$BASE_IMAGE" >/dev/null
  rm -rf "$rootfs"
  log "built $BASE_IMAGE in $((SECONDS - t)) s"
fi

# 4. The busybox image: /bin/busybox plus one link per applet (sh, cat, echo, mkdir, cp, ls, ...).
if ! has_image "$BUSYBOX_IMAGE"; then
  log "building $BUSYBOX_IMAGE"
  rootfs="$WORK/busybox-rootfs"
  rm -rf "$rootfs"
  mkdir -p "$rootfs/bin" "$rootfs/tmp" "$rootfs/etc"
  chmod 1777 "$rootfs/tmp"
  cp /bin/busybox "$rootfs/bin/busybox"
  for applet in $(/bin/busybox --list); do
    [[ $applet == busybox ]] || ln -s busybox "$rootfs/bin/$applet"
  done
  printf 'root:x:0:0:root:/:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/sh\n' > "$rootfs/etc/passwd"
  printf 'root:x:0:\nnobody:x:65534:\n' > "$rootfs/etc/group"
  tar -C "$rootfs" -c . | "${PODMAN[@]}" import --quiet \
    --change 'ENV PATH=/bin' --change 'CMD ["/bin/sh"]' - "$BUSYBOX_IMAGE" >/dev/null
  rm -rf "$rootfs"
fi

log "ready in $((SECONDS - started)) s ($BASE_IMAGE, $BUSYBOX_IMAGE)"
