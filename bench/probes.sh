#!/usr/bin/env bash
# Probe load, run on demand as root: `sudo bench/probes.sh [PODS] [SECONDS]` (default 100 pods, 30 s).
# Each pod: `web` (busybox httpd) with an httpGet liveness and a tcpSocket readiness probe, period 1 s,
# and `side` with an exec liveness probe, period 10 s. Reports the daemon's CPU use (% of one core)
# and RSS while they all run, and whether any container was restarted.
set -euo pipefail
cd "$(dirname "$0")/.."
PODS=${1:-100}
SECS=${2:-30}
mp="$(pwd)/bin/minipod"
work=$(mktemp -d /tmp/minipod-bench-XXXXXX)
export MINIPOD_ROOT=$work/root MINIPOD_RUN_ROOT=$work/run MINIPOD_LOG_ROOT=$work/log
daemon_pid=""
cleanup() {
  for i in $(seq "$PODS"); do echo "probe-$i"; done | xargs -r -P 8 -I{} "$mp" delete pod {} --grace-period=0 --force --ignore-not-found >/dev/null 2>&1 || true
  [ -n "$daemon_pid" ] && kill "$daemon_pid" 2>/dev/null && wait "$daemon_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
"$mp" daemon --root "$work/root" --run-root "$work/run" --log-root "$work/log" > "$work/daemon.log" 2>&1 &
daemon_pid=$!
for _ in $(seq 100); do [ -S "$work/run/minipod.sock" ] && break; sleep 0.1; done
"$mp" import rootfs-samples/build/images/busybox-web busybox-web:latest >/dev/null
"$mp" import rootfs-samples/build/images/busybox busybox:latest >/dev/null
for i in $(seq "$PODS"); do
  cat > "$work/pod.yaml" <<YAML
apiVersion: v1
kind: Pod
metadata: {name: probe-$i}
spec:
  terminationGracePeriodSeconds: 1
  containers:
  - name: web
    image: busybox-web
    command: ["httpd", "-f", "-p", "8080", "-h", "/www"]
    livenessProbe: {httpGet: {path: /index.html, port: 8080}, periodSeconds: 1}
    readinessProbe: {tcpSocket: {port: 8080}, periodSeconds: 1}
  - name: side
    image: busybox
    command: ["sleep", "3600"]
    livenessProbe: {exec: {command: ["true"]}, periodSeconds: 10}
YAML
  "$mp" apply -f "$work/pod.yaml" >/dev/null
done
"$mp" wait --for=condition=Ready $(for i in $(seq "$PODS"); do echo "pod/probe-$i"; done) --timeout=300s >/dev/null
ticks() { awk '{print $14 + $15}' "/proc/$daemon_pid/stat"; }
hz=$(getconf CLK_TCK)
t0=$(ticks); sleep "$SECS"; t1=$(ticks)
rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$daemon_pid/status")
restarts=$("$mp" get pods | awk 'NR>1 {s+=$4} END {print s+0}')
echo "pods=$PODS seconds=$SECS cpu_pct_of_one_core=$(echo "scale=1; 100 * ($t1 - $t0) / $hz / $SECS" | bc) rss_mb=$((rss / 1024)) restarts=$restarts"
