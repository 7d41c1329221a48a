#!/usr/bin/env bash
# Provisions a real Kubernetes control plane (kube-apiserver, etcd, kube-controller-manager,
# kube-scheduler, kubectl) for Pledge's integration tests and for `pledge local`, which extracts
# this file from its jar and runs it; built from source fetched through the Go module proxy. The binaries are cached outside the repository, in the layout
# io.fabric8:kube-api-test expects:  $PLEDGE_KUBE_DIR/k8s/<version>-linux-amd64/
# A second run finds the stamp file and returns at once.
set -euo pipefail

K8S_VERSION=${PLEDGE_K8S_VERSION:-1.35.4}
ETCD_VERSION=${PLEDGE_ETCD_VERSION:-3.6.5}
CACHE=${PLEDGE_CACHE:-$HOME/.cache/pledge}
KUBE_DIR=${PLEDGE_KUBE_DIR:-$CACHE/kubeapitest}
OUT="$KUBE_DIR/k8s/$K8S_VERSION-linux-amd64"
STAMP="$OUT/.complete-$K8S_VERSION-$ETCD_VERSION"
BUILD="$CACHE/build"

if [[ -f "$STAMP" ]]; then
  echo "control plane $K8S_VERSION (etcd $ETCD_VERSION) already provisioned in $OUT"
  exit 0
fi

mkdir -p "$OUT" "$BUILD"
exec 9>"$BUILD/.lock"
flock 9
[[ -f "$STAMP" ]] && exit 0

command -v go >/dev/null || { echo "go is required to build the control plane" >&2; exit 1; }
export GOTOOLCHAIN=local GOFLAGS=-mod=mod CGO_ENABLED=0
minor=$(echo "$K8S_VERSION" | cut -d. -f2)
staging="v0.${K8S_VERSION#*.}"
started=$(date +%s)

echo "building etcd v$ETCD_VERSION"
mkdir -p "$BUILD/etcd" && cd "$BUILD/etcd"
[[ -f go.mod ]] || go mod init pledge.local/etcd-build >/dev/null 2>&1
go get "go.etcd.io/etcd/server/v3@v$ETCD_VERSION"
go build -trimpath -ldflags "-s -w" -o "$OUT/etcd.tmp" go.etcd.io/etcd/server/v3
mv "$OUT/etcd.tmp" "$OUT/etcd"

echo "building kubernetes v$K8S_VERSION"
mkdir -p "$BUILD/k8s" && cd "$BUILD/k8s"
[[ -f go.mod ]] || go mod init pledge.local/k8s-build >/dev/null 2>&1
gomod=$(go mod download -json "k8s.io/kubernetes@v$K8S_VERSION" | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",\{0,1\}$/\1/p')
# k8s.io/kubernetes requires its staging modules at v0.0.0; point each at its published tag.
for m in $(awk '$1 ~ /^k8s\.io\// && $2 == "v0.0.0" {print $1}' "$gomod"); do
  go mod edit -replace="$m=$m@$staging"
done
go get "k8s.io/kubernetes@v$K8S_VERSION"
ldflags="-s -w -X k8s.io/component-base/version.gitVersion=v$K8S_VERSION -X k8s.io/component-base/version.gitMajor=1 \
 -X k8s.io/component-base/version.gitMinor=$minor -X k8s.io/component-base/version.gitTreeState=clean \
 -X k8s.io/client-go/pkg/version.gitVersion=v$K8S_VERSION"
tools="kube-apiserver kube-controller-manager kube-scheduler"
command -v kubectl >/dev/null || tools="$tools kubectl"
for c in $tools; do
  echo "  go build $c"
  go build -trimpath -ldflags "$ldflags" -o "$OUT/$c.tmp" "k8s.io/kubernetes/cmd/$c"
  mv "$OUT/$c.tmp" "$OUT/$c"
done
[[ -e "$OUT/kubectl" ]] || ln -sf "$(command -v kubectl)" "$OUT/kubectl"

"$OUT/kube-apiserver" --version
"$OUT/etcd" --version | head -1
touch "$STAMP"
echo "control plane provisioned in $(( $(date +%s) - started ))s: $OUT"
