#!/usr/bin/env bash
# The demo behind `sudo make demo`: the classic two-container Pod. A writer puts index.html into a
# shared emptyDir, busybox httpd serves it on the pod's localhost:8080, and a third process started
# with `minipod exec` inside the writer fetches the page over the shared loopback.
set -euo pipefail
cd "$(dirname "$0")/.."
mp=bin/minipod
pod=rootfs-samples/pods/demo.yaml

echo "+ minipod apply -f $pod"
$mp apply -f "$pod"
for _ in $(seq 1 100); do
  if $mp get pod demo -o json | grep -q '"phase" *: *"Running"'; then break; fi
  sleep 0.2
done
echo "+ minipod get pods"
$mp get pods
page=""
for _ in $(seq 1 50); do
  if page=$($mp exec demo -c writer -- wget -qO- http://127.0.0.1:8080/ 2>/dev/null) && [ -n "$page" ]; then break; fi
  sleep 0.2
done
echo "+ minipod exec demo -c writer -- wget -qO- http://127.0.0.1:8080/"
echo "$page"
echo "+ minipod logs demo -c web"
$mp logs demo -c web | tail -3
echo "+ minipod delete pod demo"
$mp delete pod demo --grace-period=1
[ -n "$page" ] || { echo "demo failed: the page was not served" >&2; exit 1; }
echo "demo ok. The daemon keeps running in the background (its log: /var/log/minipod/daemon.log)."
