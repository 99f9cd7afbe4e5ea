#!/usr/bin/env bash
# Build the two sample OCI image layouts minipod's tests and demos use, from the host's
# busybox-static binary. Nothing binary lives in git: every byte is generated here.
#
#   rootfs-samples/build-images.sh OUTDIR
#
# Produces OUTDIR/busybox (1 layer) and OUTDIR/busybox-web (3 layers: base, web content,
# whiteouts). Tars are reproducible (sorted names, 0:0 numeric owners, mtime 0, gzip -n), so two
# runs on the same host give the same digests. Only OUTDIR is written to.
set -euo pipefail

BUSYBOX=${BUSYBOX:-/bin/busybox}
PATH_ENV='PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'

die() { printf 'build-images: %s\n' "$*" >&2; exit 1; }

[[ $# -eq 1 ]] || die "usage: build-images.sh OUTDIR"
[[ -x $BUSYBOX ]] || die "\`$BUSYBOX\` not found: install it with \`apt-get install busybox-static\`"
if ! "$BUSYBOX" --list-full >/dev/null 2>&1; then
    die "\`$BUSYBOX\` cannot list its applets (is it busybox-static?): \`apt-get install busybox-static\`"
fi
for tool in tar gzip sha256sum stat; do
    command -v "$tool" >/dev/null || die "\`$tool\` is required"
done

umask 022
export LC_ALL=C
mkdir -p "$1"
OUT=$(cd "$1" && pwd)
WORK="$OUT/.build-images.$$"
trap 'rm -rf "$WORK"' EXIT
rm -rf "$WORK"
mkdir -p "$WORK"

sha256() { sha256sum "$1" | cut -d' ' -f1; }
size() { stat -c %s "$1"; }

# pack_layer STAGEDIR LAYOUTDIR: writes the gzip'd tar into LAYOUTDIR's blobs and prints
# "<blob hex> <blob size> <diff_id hex>".
pack_layer() {
    local stage=$1 layout=$2 tarfile gzfile entries
    tarfile="$WORK/layer.tar"
    gzfile="$WORK/layer.tar.gz"
    # top-level names without a "./" prefix; tar sorts the rest
    mapfile -t entries < <(cd "$stage" && ls -A | sort)
    tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 --format=gnu \
        -C "$stage" -cf "$tarfile" -- "${entries[@]}"
    gzip -n -c "$tarfile" >"$gzfile"
    local diff blob
    diff=$(sha256 "$tarfile")
    blob=$(sha256 "$gzfile")
    mv "$gzfile" "$layout/blobs/sha256/$blob"
    rm -f "$tarfile"
    printf '%s %s %s\n' "$blob" "$(size "$layout/blobs/sha256/$blob")" "$diff"
}

# put_blob LAYOUTDIR FILE: moves FILE into the blobs dir, prints "<hex> <size>".
put_blob() {
    local layout=$1 file=$2 hex
    hex=$(sha256 "$file")
    mv "$file" "$layout/blobs/sha256/$hex"
    printf '%s %s\n' "$hex" "$(size "$layout/blobs/sha256/$hex")"
}

# write_image NAME CMD_JSON EXTRA_CONFIG_JSON LAYER_LINE...: assembles OUT/NAME as an OCI layout.
# Each LAYER_LINE is the output of pack_layer (blobs already moved into $WORK/NAME).
write_image() {
    local name=$1 cmd=$2 extra=$3
    shift 3
    local layout="$WORK/$name"
    local diff_ids="" layers="" sep="" line blob bsize diff
    for line in "$@"; do
        read -r blob bsize diff <<<"$line"
        diff_ids+="$sep\"sha256:$diff\""
        layers+="$sep{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"sha256:$blob\",\"size\":$bsize}"
        sep=","
    done
    printf '{"architecture":"amd64","os":"linux","config":{"Env":["%s"],"Cmd":%s%s},"rootfs":{"type":"layers","diff_ids":[%s]}}' \
        "$PATH_ENV" "$cmd" "$extra" "$diff_ids" >"$WORK/config.json"
    local cfg chex csize
    cfg=$(put_blob "$layout" "$WORK/config.json")
    read -r chex csize <<<"$cfg"
    printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%s},"layers":[%s]}' \
        "$chex" "$csize" "$layers" >"$WORK/manifest.json"
    local man mhex msize
    man=$(put_blob "$layout" "$WORK/manifest.json")
    read -r mhex msize <<<"$man"
    printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"annotations":{"org.opencontainers.image.ref.name":"latest"}}]}\n' \
        "$mhex" "$msize" >"$layout/index.json"
    printf '{"imageLayoutVersion":"1.0.0"}\n' >"$layout/oci-layout"
    rm -rf "${OUT:?}/$name"
    mv "$layout" "$OUT/$name"
}

new_layout() { mkdir -p "$WORK/$1/blobs/sha256"; }

# --- layer 1: busybox base --------------------------------------------------------------------
base="$WORK/stage-base"
mkdir -p "$base"
for d in bin etc root proc sys dev var home usr/bin usr/sbin sbin tmp; do
    mkdir -p "$base/$d"
done
chmod 1777 "$base/tmp"
chmod 0700 "$base/root"
install -m 0755 "$BUSYBOX" "$base/bin/busybox"
while IFS= read -r applet; do
    [[ -n $applet && $applet != bin/busybox ]] || continue
    mkdir -p "$base/$(dirname "$applet")"
    ln -sfn /bin/busybox "$base/$applet"
done < <("$BUSYBOX" --list-full)
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$base/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' >"$base/etc/group"
printf 'present in the base layer\n' >"$base/etc/minipod-base-only"

# --- layer 2: web content -----------------------------------------------------------------------
web="$WORK/stage-web"
mkdir -p "$web/www" "$web/bin" "$web/opt/data"
printf '<h1>hello from busybox-web</h1>\n' >"$web/www/index.html"
printf '#!/bin/sh\nexec httpd -f -v -p "${PORT:-8080}" -h /www\n' >"$web/bin/serve"
chmod 0755 "$web/bin/serve"
printf 'from layer 2, hidden by the opaque dir in layer 3\n' >"$web/opt/data/old.txt"

# --- layer 3: whiteouts -------------------------------------------------------------------------
wh="$WORK/stage-whiteout"
mkdir -p "$wh/etc" "$wh/opt/data"
: >"$wh/etc/.wh.minipod-base-only"
: >"$wh/opt/data/.wh..wh..opq"
printf 'from layer 3\n' >"$wh/opt/data/new.txt"

# --- assemble -----------------------------------------------------------------------------------
# Built once into the busybox layout, then copied (same bytes, same digest) into busybox-web.
new_layout busybox
new_layout busybox-web
l1=$(pack_layer "$base" "$WORK/busybox")
cp "$WORK/busybox/blobs/sha256/${l1%% *}" "$WORK/busybox-web/blobs/sha256/"
l2=$(pack_layer "$web" "$WORK/busybox-web")
l3=$(pack_layer "$wh" "$WORK/busybox-web")

write_image busybox '["sh"]' '' "$l1"
write_image busybox-web '["/bin/serve"]' ',"ExposedPorts":{"8080/tcp":{}}' "$l1" "$l2" "$l3"

printf 'built %s/busybox and %s/busybox-web\n' "$OUT" "$OUT"
