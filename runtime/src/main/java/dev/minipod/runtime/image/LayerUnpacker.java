package dev.minipod.runtime.image;

import dev.minipod.runtime.state.Dirs;

import dev.minipod.runtime.MinipodException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Unpacks one layer tar (plain or gzip'd, sniffed by magic) into a fresh directory, the way
 * overlayfs wants to see it as a lower dir: OCI whiteouts become {@link LayerFs#whiteout} and
 * {@link LayerFs#opaque} calls.
 *
 * <p>Nothing is ever followed: an entry whose parent components pass through a symlink, a name
 * that climbs above the layer root, or a hard link to outside the layer is refused, and the
 * partly written directory is removed. Devices and fifos are skipped (the runtime provides
 * {@code /dev}); the skipped names come back in {@link Result#skipped()}. Extended attributes
 * (file capabilities) in PAX headers are not applied.
 */
public final class LayerUnpacker {
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};
    private static final byte[] GZIP_MAGIC = {(byte) 0x1f, (byte) 0x8b};
    private static final byte[] ZSTD_MAGIC = {(byte) 0x28, (byte) 0xb5, (byte) 0x2f, (byte) 0xfd};

    private final LayerFs fs;
    private final boolean applyOwners;

    /**
     * @param applyOwners chown entries to their numeric uid/gid (needs root; see
     *                    {@link #runningAsRoot()})
     */
    public LayerUnpacker(LayerFs fs, boolean applyOwners) {
        this.fs = fs;
        this.applyOwners = applyOwners;
    }

    /**
     * @param diffId  sha256 of the uncompressed tar stream (compare with the config's diff_ids)
     * @param entries number of tar entries handled
     * @param skipped human-readable notes about entries that were not extracted
     */
    public record Result(Digest diffId, long entries, List<String> skipped) {
        public Result {
            skipped = List.copyOf(skipped);
        }
    }

    public static boolean runningAsRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * Unpacks {@code blob} into {@code target}, which must not exist yet. Reads {@code blob} to its
     * end (so a digesting stream around it sees every byte). On any failure {@code target} is
     * removed before the exception propagates.
     *
     * @param layer     the layer's name for messages, e.g. its digest
     * @param mediaType the descriptor's media type (for the zstd message), may be null
     */
    public Result unpack(InputStream blob, String layer, String mediaType, Path target) throws IOException {
        Files.createDirectory(target);
        try {
            Files.setAttribute(target, "unix:mode", 0755, NOFOLLOW);
            return unpackInto(blob, layer, mediaType, target);
        } catch (IOException | RuntimeException e) {
            try {
                Dirs.deleteTree(target);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private Result unpackInto(InputStream blob, String layer, String mediaType, Path target) throws IOException {
        BufferedInputStream raw = new BufferedInputStream(blob, 1 << 16);
        InputStream decompressed = decompressor(raw, layer, mediaType);
        DigestingInputStream tarBytes = new DigestingInputStream(decompressed);
        Extraction x = new Extraction(layer, target);
        TarArchiveInputStream tar = new TarArchiveInputStream(tarBytes);
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
            x.extract(entry, tar);
        }
        x.finishDirectories();
        tarBytes.drain();
        raw.transferTo(OutputStream.nullOutputStream());
        return new Result(tarBytes.digest(), x.entries, x.skipped);
    }

    private static InputStream decompressor(BufferedInputStream raw, String layer, String mediaType) throws IOException {
        raw.mark(8);
        byte[] head = raw.readNBytes(4);
        raw.reset();
        if (startsWith(head, ZSTD_MAGIC) || MediaTypes.isZstdLayer(mediaType)) {
            throw MinipodException.invalid("layer " + layer + ": zstd compression (`"
                    + (mediaType != null ? mediaType : MediaTypes.OCI_LAYER_ZSTD) + "`) is not supported yet");
        }
        if (startsWith(head, GZIP_MAGIC)) {
            return new GzipCompressorInputStream(raw, true);
        }
        return raw;
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        if (data.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** State of one unpack run. */
    private final class Extraction {
        private final String layer;
        private final Path root;
        private final List<String> skipped = new ArrayList<>();
        private final List<DirMeta> dirs = new ArrayList<>();
        private long entries;

        Extraction(String layer, Path root) {
            this.layer = layer;
            this.root = root;
        }

        void extract(TarArchiveEntry e, InputStream content) throws IOException {
            entries++;
            EntryPath p = EntryPath.parse(layer, e.getName());
            if (p.isRoot()) {
                if (!e.isDirectory()) {
                    throw MinipodException.invalid("layer " + layer + ": entry `" + e.getName() + "` names the layer root but is not a directory");
                }
                dirs.add(new DirMeta(root, 0, e.getMode(), e.getLastModifiedTime()));
                return;
            }
            Path parent = prepareParents(e.getName(), p.parent());
            var whiteout = WhiteoutName.classify(layer, e.getName(), p.fileName());
            if (whiteout.isPresent()) {
                applyWhiteout(whiteout.get(), parent, e.getName());
                return;
            }
            Path dest = parent.resolve(p.fileName());
            boolean keepDir = e.isDirectory() && Files.isDirectory(dest, NOFOLLOW);
            if (!keepDir) {
                Dirs.deleteTree(dest);
            }
            if (e.isDirectory()) {
                if (!keepDir) {
                    Files.createDirectory(dest);
                }
                chown(dest, e);
                dirs.add(new DirMeta(dest, p.components().size(), e.getMode(), e.getLastModifiedTime()));
            } else if (e.isSymbolicLink()) {
                if (e.getLinkName() == null || e.getLinkName().isEmpty()) {
                    throw MinipodException.invalid("layer " + layer + ": symlink `" + e.getName() + "` has an empty target");
                }
                Files.createSymbolicLink(dest, Path.of(e.getLinkName()));
                chown(dest, e);
                setMtime(dest, e.getLastModifiedTime());
            } else if (e.isLink()) {
                Files.createLink(dest, hardLinkTarget(e));
            } else if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
                skipped.add("`" + p + "`: " + (e.isFIFO() ? "fifo" : "device " + e.getDevMajor() + ":" + e.getDevMinor())
                        + " skipped (devices and fifos in layers are not supported)");
            } else if (e.isFile()) {
                try (OutputStream out = Files.newOutputStream(dest, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                    content.transferTo(out);
                }
                chown(dest, e);
                Files.setAttribute(dest, "unix:mode", e.getMode() & 07777, NOFOLLOW);
                setMtime(dest, e.getLastModifiedTime());
            } else {
                skipped.add("`" + p + "`: tar entry type `" + (char) typeFlag(e) + "` skipped");
            }
        }

        /** Checks each existing parent component (never a symlink), creating missing ones. */
        private Path prepareParents(String entryName, EntryPath parentPath) throws IOException {
            Path dir = root;
            for (String component : parentPath.components()) {
                dir = dir.resolve(component);
                if (Files.isSymbolicLink(dir)) {
                    throw MinipodException.invalid("layer " + layer + ": entry `" + entryName
                            + "` passes through the symlink `" + root.relativize(dir) + "`");
                }
                if (!Files.exists(dir, NOFOLLOW)) {
                    Files.createDirectory(dir);
                } else if (!Files.isDirectory(dir, NOFOLLOW)) {
                    throw MinipodException.invalid("layer " + layer + ": entry `" + entryName
                            + "`: parent `" + root.relativize(dir) + "` is not a directory");
                }
            }
            return dir;
        }

        private void applyWhiteout(WhiteoutName w, Path parent, String entryName) throws IOException {
            switch (w.kind()) {
                case OPAQUE -> fs.opaque(parent);
                case WHITEOUT -> {
                    Path hidden = parent.resolve(w.target());
                    Dirs.deleteTree(hidden);
                    fs.whiteout(hidden);
                }
                case META -> skipped.add("`" + entryName + "`: aufs metadata entry skipped");
            }
        }

        private Path hardLinkTarget(TarArchiveEntry e) {
            String what = "hard link `" + e.getName() + "` -> `" + e.getLinkName() + "`";
            EntryPath t = EntryPath.parse(layer, e.getLinkName(), what);
            Path target = root;
            for (String component : t.components()) {
                if (Files.isSymbolicLink(target)) {
                    throw MinipodException.invalid("layer " + layer + ": " + what + " passes through the symlink `"
                            + root.relativize(target) + "`");
                }
                target = target.resolve(component);
            }
            if (t.isRoot() || !Files.exists(target, NOFOLLOW) || Files.isDirectory(target, NOFOLLOW)) {
                throw MinipodException.invalid("layer " + layer + ": " + what + " does not name a file earlier in the layer");
            }
            return target;
        }

        private void chown(Path path, TarArchiveEntry e) throws IOException {
            if (applyOwners) {
                Files.setAttribute(path, "unix:uid", (int) e.getLongUserId(), NOFOLLOW);
                Files.setAttribute(path, "unix:gid", (int) e.getLongGroupId(), NOFOLLOW);
            }
        }

        /** Directory modes and times last, deepest first, so that writing children cannot undo them. */
        void finishDirectories() throws IOException {
            dirs.sort(Comparator.comparingInt(DirMeta::depth).reversed());
            for (DirMeta d : dirs) {
                if (!Files.isDirectory(d.path(), NOFOLLOW)) {
                    continue; // replaced or whited out by a later entry
                }
                Files.setAttribute(d.path(), "unix:mode", d.mode() & 07777, NOFOLLOW);
                setMtime(d.path(), d.mtime());
            }
        }
    }

    private record DirMeta(Path path, int depth, int mode, FileTime mtime) {
    }

    private static void setMtime(Path path, FileTime mtime) throws IOException {
        if (mtime != null) {
            Files.getFileAttributeView(path, BasicFileAttributeView.class, NOFOLLOW).setTimes(mtime, null, null);
        }
    }

    private static int typeFlag(TarArchiveEntry e) {
        // TarArchiveEntry has no public getter for the raw flag; describe the common leftovers
        if (e.isGlobalPaxHeader() || e.isPaxHeader()) {
            return 'x';
        }
        if (e.isSparse()) {
            return 'S';
        }
        return '?';
    }
}
