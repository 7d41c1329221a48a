#!/usr/bin/env bash
# Builds Pledge's image with podman from what `./mvnw package` left in target/, without any registry.
#
#   src/main/docker/build-image.sh [IMAGE]             JVM image (default localhost/pledge:dev)
#   src/main/docker/build-image.sh --native [IMAGE]    native image from target/*-runner (default localhost/pledge:native)
#
# BASE_IMAGE (environment) is passed as --build-arg BASE_IMAGE; default localhost/pledge-base:bookworm, which
# src/main/docker/provision-podman.sh builds. The JVM image also needs a C compiler with static libc (Debian: gcc,
# libc6-dev) for the 700 KB launcher at /usr/local/bin/pledge (see launcher/pledge.c).
#
# The build context is target/image-context: hard links to exactly the files the Dockerfile copies, so neither the
# sources nor the rest of target/ are sent to the engine, and no ignore file is needed at the top of the repository.
set -euo pipefail
cd "$(dirname "$0")/../../.."

flavour=jvm
if [[ ${1:-} == --native ]]; then
  flavour=native
  shift
fi
image=${1:-localhost/pledge:$([[ $flavour == jvm ]] && echo dev || echo native)}
base=${BASE_IMAGE:-localhost/pledge-base:bookworm}
context=target/image-context
started=$SECONDS

rm -rf "$context"
mkdir -p "$context/target"
if [[ $flavour == jvm ]]; then
  if [[ ! -f target/quarkus-app/quarkus-run.jar ]]; then
    echo "build-image.sh: target/quarkus-app/quarkus-run.jar is missing; run ./mvnw package -DskipTests first" >&2
    exit 1
  fi
  mkdir -p target/pledge-launcher
  if [[ ! target/pledge-launcher/pledge -nt src/main/docker/launcher/pledge.c ]]; then
    cc -static -Os -s -Wall -o target/pledge-launcher/pledge src/main/docker/launcher/pledge.c
  fi
  cp -al target/quarkus-app target/pledge-launcher "$context/target/"
else
  runners=(target/*-runner)
  if [[ ! -f ${runners[0]} ]]; then
    echo "build-image.sh: no target/*-runner; build it with ./mvnw package -Pnative -DskipTests first" >&2
    exit 1
  fi
  cp -al "${runners[0]}" "$context/target/"
fi

# --layers=false: with the vfs driver every intermediate step would copy the whole root filesystem (50 s instead
# of 20 s here); the result is the base plus one layer. Engines with overlay storage build the Dockerfile's layers.
previous=$(podman --storage-driver vfs image inspect --format '{{.Id}}' "$image" 2>/dev/null || true)
podman --storage-driver vfs build --layers=false --runtime runc --network host \
  --build-arg BASE_IMAGE="$base" -f "src/main/docker/Dockerfile.$flavour" -t "$image" "$context" >&2
# The image this tag named before is now untagged; remove it (vfs keeps a full copy per image) unless in use.
current=$(podman --storage-driver vfs image inspect --format '{{.Id}}' "$image")
if [[ -n $previous && $previous != "$current" ]]; then
  podman --storage-driver vfs rmi "$previous" >/dev/null 2>&1 || true
fi
size=$(podman --storage-driver vfs image inspect --format '{{.Size}}' "$image")
echo "build-image.sh: built $image ($flavour, base $base) in $((SECONDS - started)) s, $((size / 1024 / 1024)) MiB" >&2
