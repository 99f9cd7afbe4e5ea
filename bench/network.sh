#!/usr/bin/env bash
# Pod network setup + teardown per pod, minipod (CNI bridge/host-local/portmap/loopback) vs podman 4.3
# (netavark), run on demand as root: `sudo bench/network.sh [RUNS]` (default 30). Medians in ms.
#   minipod add/del   CNI ADD and DEL of one pod, timed inside the daemon (event=network-added/-deleted),
#                     over RUNS create/delete cycles of a one-container pod; then the churn's leak check:
#                     no veth on the bridge, no iptables rule for the subnet, no IPAM reservation
#   podman            `podman run --rm` of the same container on podman's default bridge network minus
#                     the same with --network none: what netavark setup + teardown adds
# minipod runs on private roots with its own daemon, bridge (mpbench0) and subnet (10.86.254.0/24);
# podman uses ../shared/bench/podman-containers.conf and its default network.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh
RUNS=${1:-30}
top=$(pwd)
mp="$top/bin/minipod"
work=$(mktemp -d /tmp/minipod-netbench-XXXXXX)
export MINIPOD_ROOT=$work/root MINIPOD_RUN_ROOT=$work/run MINIPOD_LOG_ROOT=$work/log
sock=$work/run/minipod.sock
bridge=mpbench0
prefix=10.86.254.
daemon_pid=""
cleanup() {
  "$mp" delete pod netbench --grace-period=0 --force --ignore-not-found >/dev/null 2>&1 || true
  if [ -n "$daemon_pid" ]; then kill "$daemon_pid" 2>/dev/null || true; wait "$daemon_pid" 2>/dev/null || true; fi
  ip link del "$bridge" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
running() { curl -s --unix-socket "$sock" http://localhost/api/v1/namespaces/default/pods/netbench | grep -c '"running"' || true; }
cat > "$work/pod.yaml" <<'YAML'
apiVersion: v1
kind: Pod
metadata: {name: netbench}
spec:
  containers:
  - {name: one, image: busybox, command: [sleep, "3600"]}
YAML

echo "== minipod (runs: $RUNS)"
"$mp" daemon --cni-conf-dir "$work/cni" --pod-bridge "$bridge" --pod-subnet "${prefix}0/24" > "$work/daemon.log" 2>&1 &
daemon_pid=$!
for _ in $(seq 100); do [ -S "$sock" ] && break; sleep 0.1; done
"$mp" import rootfs-samples/build/images/busybox busybox:latest >/dev/null
for _ in $(seq "$RUNS"); do
  "$mp" apply -f "$work/pod.yaml" >/dev/null
  until [ "$(running)" = 1 ]; do :; done
  "$mp" delete pod netbench --grace-period=0 >/dev/null
done
add=$(grep -o 'addMicros=[0-9]*' "$work/daemon.log" | cut -d= -f2 | awk '{print $1/1000}' | median)
del=$(grep -o 'delMicros=[0-9]*' "$work/daemon.log" | cut -d= -f2 | awk '{print $1/1000}' | median)
veths=$(ip -o link show master "$bridge" 2>/dev/null | wc -l)
rules=$(iptables-save | grep -c "$prefix" || true)
leases=$(find "$work/run/network/ipam" -name "${prefix}*" | wc -l)
echo "add_ms=$add del_ms=$del total_ms=$(awk -v a="$add" -v b="$del" 'BEGIN {print a+b}') after_churn: veths=$veths iptables_rules=$rules ipam_reservations=$leases"

if ! command -v podman >/dev/null; then
  echo "== podman: not installed (apt-get install podman) — skipped"
  exit 0
fi
echo "== podman $(podman --version | awk '{print $3}') $(podman info --format '{{.Host.NetworkBackend}}') (runs: $RUNS)"
export CONTAINERS_CONF=$top/../shared/bench/podman-containers.conf
podman pull -q oci:rootfs-samples/build/images/busybox:latest >/dev/null
podman tag "$(podman images -q | head -1)" localhost/busybox:latest
for _ in $(seq "$RUNS"); do
  for net in bridge none; do
    t0=$(now_ms); podman run --rm --network "$net" localhost/busybox:latest true 2>/dev/null; echo $(( $(now_ms) - t0 )) >> "$work/podman-$net"
  done
done
pb=$(median < "$work/podman-bridge"); pn=$(median < "$work/podman-none")
echo "run_bridge_ms=$pb run_none_ms=$pn network_ms=$(awk -v a="$pb" -v b="$pn" 'BEGIN {print a-b}')"
