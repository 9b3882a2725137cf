package io.cell0.coordinator.consensus;

import io.cell0.model.ClusterStateView;
import io.cell0.model.codec.CodecException;
import io.cell0.model.codec.StateCodec;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.util.MD5FileUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snapshot files of the cluster state, written with the same codec as the log (whose checksum
 * trailer is checked on load) plus the MD5 file Ratis uses when it ships a snapshot to a follower.
 * Every failure is an exception: a snapshot that silently failed would let Ratis purge log entries
 * that exist nowhere else.
 */
public final class SnapshotStore {
    private static final Logger log = LoggerFactory.getLogger(SnapshotStore.class);

    private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();

    public record Loaded(ClusterStateView state, TermIndex termIndex) {
    }

    void init(RaftStorage raftStorage) throws IOException {
        storage.init(raftStorage);
    }

    SimpleStateMachineStorage storage() {
        return storage;
    }

    /** Writes the snapshot to a temporary file, then moves it into place; returns the index it covers. */
    long write(ClusterStateView view, TermIndex at) throws IOException {
        File target = storage.getSnapshotFile(at.getTerm(), at.getIndex());
        Path tmp = target.toPath().resolveSibling(target.getName() + ".tmp");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
            StateCodec.encode(view, out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            log.error("snapshot at {} could not be written to {}", at, tmp, e);
            throw e;
        }
        Files.move(tmp, target.toPath(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        MD5Hash md5 = MD5FileUtil.computeAndSaveMd5ForFile(target);
        storage.updateLatestSnapshot(new SingleFileSnapshotInfo(new FileInfo(target.toPath(), md5), at));
        log.info("snapshot at {} written: {} bytes, {} nodes, {} agents", at, Files.size(target.toPath()),
                view.nodes().size(), view.agents().size());
        return at.getIndex();
    }

    /** The newest snapshot, verified against its MD5 file and its own checksum; null when there is none. */
    Loaded loadLatest() throws IOException {
        storage.loadLatestSnapshot();
        SingleFileSnapshotInfo info = storage.getLatestSnapshot();
        if (info == null) {
            return null;
        }
        File file = info.getFile().getPath().toFile();
        MD5Hash expected = info.getFile().getFileDigest();
        if (expected != null) {
            MD5FileUtil.verifySavedMD5(file, expected);
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file.toPath()), 1 << 16)) {
            return new Loaded(StateCodec.decode(in), info.getTermIndex());
        } catch (CodecException e) {
            throw new IOException("snapshot " + file + " is corrupt: " + e.getMessage(), e);
        }
    }
}
