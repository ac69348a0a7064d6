package org.kpaudit.parser;

import io.kaitai.struct.ByteBufferKaitaiStream;
import io.kaitai.struct.KaitaiStream;
import io.kaitai.struct.RandomAccessFileKaitaiStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The bytes of a file an ELF object is read from: one mapped buffer for a file of up to 2 GiB - 1
 * (the most one Java buffer holds), or, for a larger one, windows mapped from its channel where
 * they are needed (a section's contents, a string table's neighbourhood), with the header tables
 * read through a seekable stream. Offsets are longs throughout.
 */
abstract class FileBytes {

    abstract long size();

    /** Copies {@code len} bytes at {@code offset} (inside the file) into {@code dst}. */
    abstract void get(long offset, byte[] dst, int off, int len);

    /** A buffer over {@code length} bytes at {@code offset} (inside the file), position 0 at offset. */
    abstract ByteBuffer window(long offset, long length);

    /** A stream over the whole file, for the generated parser's root object. */
    abstract KaitaiStream root();

    static FileBytes of(ByteBuffer buf) {
        return new Mapped(buf);
    }

    /** A file above 2 GiB, read through windows. The channel stays open while the object is in use. */
    static FileBytes open(Path path) throws IOException {
        return new Windowed(path, FileChannel.open(path, StandardOpenOption.READ));
    }

    private static final class Mapped extends FileBytes {
        private final ByteBuffer buf;

        Mapped(ByteBuffer buf) {
            this.buf = buf;
        }

        @Override
        long size() {
            return buf.limit();
        }

        @Override
        void get(long offset, byte[] dst, int off, int len) {
            buf.get((int) offset, dst, off, len);
        }

        @Override
        ByteBuffer window(long offset, long length) {
            return buf.slice((int) offset, (int) length);
        }

        @Override
        KaitaiStream root() {
            return new ByteBufferKaitaiStream(buf);
        }
    }

    private static final class Windowed extends FileBytes {
        /** Names and other small reads come from mapped chunks of this size (overlapping by {@link #SLACK}). */
        private static final long CHUNK = 256L << 20;
        private static final long SLACK = 1L << 20;

        private final Path path;
        private final FileChannel channel;
        private final long size;
        private long chunkStart = -1;
        private ByteBuffer chunk;

        Windowed(Path path, FileChannel channel) throws IOException {
            this.path = path;
            this.channel = channel;
            this.size = channel.size();
        }

        @Override
        long size() {
            return size;
        }

        @Override
        synchronized void get(long offset, byte[] dst, int off, int len) {
            long start = offset / CHUNK * CHUNK;
            if (offset + len <= start + CHUNK + SLACK) {
                if (start != chunkStart) {
                    chunk = map(start, Math.min(CHUNK + SLACK, size - start));
                    chunkStart = start;
                }
                chunk.get((int) (offset - start), dst, off, len);
                return;
            }
            ByteBuffer b = ByteBuffer.wrap(dst, off, len);
            try {
                while (b.hasRemaining()) {
                    if (channel.read(b, offset + (b.position() - off)) < 0) {
                        throw new UncheckedIOException(new IOException("end of file while reading " + path));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        ByteBuffer window(long offset, long length) {
            if (length > MappedInput.MAX_MAPPED) {
                throw new IllegalArgumentException("a window of " + length + " bytes is more than 2 GiB");
            }
            return map(offset, length);
        }

        private ByteBuffer map(long offset, long length) {
            try {
                return channel.map(FileChannel.MapMode.READ_ONLY, offset, length).order(ByteOrder.LITTLE_ENDIAN);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        KaitaiStream root() {
            try {
                return new RandomAccessFileKaitaiStream(path.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
