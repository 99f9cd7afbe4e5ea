#!/usr/bin/env bash
# Side-by-side measurements of minipod and podman 4.3 on the same pod (bench/pod.yaml), run on
# demand as root: `sudo bench/pod-start.sh [RUNS]` (default 20). Prints medians in milliseconds.
#   start   apply -> every container running   (podman kube play --network none)
#   exec    exec POD -- /bin/true              (podman exec)
#   get     minipod get pods
#   spawn   one container spawn inside the daemon, call -> exec (from the daemon's log)
#   pss     memory per idle pod: pause + monitors (podman: catatonit + conmon x2), PSS in KiB
# minipod runs on private roots under a temp dir with its own daemon; podman uses
# ../shared/bench/podman-containers.conf, which records why this machine needs its settings.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-20}
top=$(pwd)
mp="$top/bin/minipod"
work=$(mktemp -d /tmp/minipod-bench-XXXXXX)
export MINIPOD_ROOT=$work/root MINIPOD_RUN_ROOT=$work/run MINIPOD_LOG_ROOT=$work/log
sock=$work/run/minipod.sock
daemon_pid=""
cleanup() {
  "$mp" delete pod bench --grace-period=0 --force --ignore-not-found >/dev/null 2>&1 || true
  [ -n "$daemon_pid" ] && kill "$daemon_pid" 2>/dev/null && wait "$daemon_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# shellcheck source=bench/lib.sh
. bench/lib.sh
all_running() {  # via curl on the socket: polling must not pay a JVM start per poll
  curl -s --unix-socket "$sock" http://localhost/api/v1/namespaces/default/pods/bench \
    | grep -o '"running"' | wc -l
}
pss_of() { local t=0; for p in "$@"; do v=$(awk '/^Pss:/ {print $2}' /proc/$p/smaps_rollup 2>/dev/null || echo 0); t=$((t + v)); done; echo $t; }

echo "== minipod (runs: $RUNS)"
"$mp" daemon --root "$work/root" --run-root "$work/run" --log-root "$work/log" > "$work/daemon.log" 2>&1 &
daemon_pid=$!
for _ in $(seq 100); do [ -S "$sock" ] && break; sleep 0.1; done
"$mp" import rootfs-samples/build/images/busybox busybox:latest >/dev/null
: > "$work/start"; : > "$work/exec"; : > "$work/get"; : > "$work/pss"
for i in $(seq "$RUNS"); do
  t0=$(now_ms)
  "$mp" apply -f bench/pod.yaml >/dev/null
  until [ "$(all_running)" = 2 ]; do :; done
  echo $(( $(now_ms) - t0 )) >> "$work/start"
  if [ "$i" = 1 ]; then
    uid=$(curl -s --unix-socket "$sock" http://localhost/api/v1/namespaces/default/pods/bench | grep -o '"uid":"[^"]*"' | cut -d'"' -f4)
    pids=$(grep -oE '"(pausePid|monitorPid)" : [0-9]+' "$work/run/pods/$uid/runtime.json" | awk '{print $3}')
    pss_of $pids >> "$work/pss"
  fi
  t0=$(now_ms); "$mp" exec bench -c one -- /bin/true; echo $(( $(now_ms) - t0 )) >> "$work/exec"
  t0=$(now_ms); "$mp" get pods >/dev/null; echo $(( $(now_ms) - t0 )) >> "$work/get"
  "$mp" delete pod bench --grace-period=0 --force >/dev/null
done
echo "start_ms=$(median < "$work/start") exec_ms=$(median < "$work/exec") get_ms=$(median < "$work/get") pss_kib=$(cat "$work/pss")"
grep -o 'spawnMicros=[0-9]*' "$work/daemon.log" | cut -d= -f2 | awk '{print $1/1000}' | median | sed 's/^/spawn_ms=/'

if ! command -v podman >/dev/null; then
  echo "== podman: not installed (apt-get install podman) — skipped"
  exit 0
fi
echo "== podman $(podman --version | awk '{print $3}') (runs: $RUNS)"
export CONTAINERS_CONF=$top/../shared/bench/podman-containers.conf
podman pull -q oci:rootfs-samples/build/images/busybox:latest >/dev/null
podman tag "$(podman images -q | head -1)" localhost/busybox:latest
: > "$work/pstart"; : > "$work/pexec"; : > "$work/ppss"
for i in $(seq "$RUNS"); do
  t0=$(now_ms); podman kube play --network none bench/pod.yaml >/dev/null; echo $(( $(now_ms) - t0 )) >> "$work/pstart"
  if [ "$i" = 1 ]; then
    pids=$(pgrep -f "conmon.*bench" || true)   # read-only lookup of podman's own helpers for the PSS figure
    infra=$(podman pod inspect bench --format '{{.InfraContainerID}}')
    ipid=$(podman inspect "$infra" --format '{{.State.Pid}}')
    pss_of $pids $ipid >> "$work/ppss"
  fi
  t0=$(now_ms); podman exec bench-one /bin/true; echo $(( $(now_ms) - t0 )) >> "$work/pexec"
  podman kube down bench/pod.yaml >/dev/null
done
echo "start_ms=$(median < "$work/pstart") exec_ms=$(median < "$work/pexec") pss_kib=$(cat "$work/ppss")"
