#!/bin/sh
# Creates the CLI's AppCDS archive HOME/minipod-cli.jsa (HOME: the directory with lib/, default build/ of
# this checkout) from a training run of the launcher: `minipod get pods` against a stand-in daemon that the
# CLI itself serves on a temporary socket when -Dminipod.cds.training=true (dev.minipod.cli.CdsTraining), so
# that the archive also holds the classes that read and print the answer. The archive records the
# launcher's exact class path and the jars' sizes and times, so it must be made again whenever the jars
# change; bin/minipod ignores a missing or stale archive (only start-up is slower).
# Usage: cli/cds.sh [HOME]
set -e
here=$(cd "$(dirname "$0")" && pwd)
home=$(cd "${1:-$here/../build}" && pwd)
launcher=$here/../bin/minipod
[ -d "$home/lib" ] || { echo "cds.sh: no $home/lib (copy the jars first)" >&2; exit 1; }
if [ ! -f "$home/minipod" ]; then
  # a checkout: bin/minipod finds ../build; an installed HOME has its own launcher copy
  [ "$home" = "$(cd "$here/../build" && pwd)" ] || { echo "cds.sh: no launcher for $home" >&2; exit 1; }
else
  launcher=$home/minipod
fi
archive=$home/minipod-cli.jsa
new=$home/.minipod-cli.jsa.new
tmp=$(mktemp -d)
trap 'rm -rf "$tmp" "$new"' EXIT
rm -f "$archive" "$new"
# The launcher adds no -XX:SharedArchiveFile while there is no archive; the JVM writes the new one at exit.
# The training run's output is discarded by the CLI; only JVM errors land in $tmp/out.
status=0
MINIPOD_JAVA_OPTS="-XX:ArchiveClassesAtExit=$new -Dminipod.cds.training=true" "$launcher" get pods >"$tmp/out" 2>&1 || status=$?
[ "$status" = 0 ] || echo "cds.sh: the training run failed (exit $status): the archive holds fewer classes" >&2
# Installed only when a JVM can map it (a truncated archive crashes JDK 17 instead of being ignored), and by
# a rename in the same directory, so that the launcher never sees a half-written one.
if [ ! -s "$new" ] || ! MINIPOD_JAVA_OPTS="-Xshare:on -XX:SharedArchiveFile=$new" "$launcher" version >>"$tmp/out" 2>&1; then
  echo "cds.sh: no usable archive was written; minipod starts without one:" >&2
  cat "$tmp/out" >&2
  exit 0
fi
mv -f "$new" "$archive"
