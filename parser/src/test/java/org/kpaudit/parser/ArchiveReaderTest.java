package org.kpaudit.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveOutputStream;
import org.apache.commons.compress.archivers.cpio.CpioArchiveEntry;
import org.apache.commons.compress.archivers.cpio.CpioArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.kpaudit.model.MalformedFileException;
import org.kpaudit.testing.Samples;

class ArchiveReaderTest {

    static final String A = "libcare/a_bounds_check/patch/a089a4f5e43ba0634a4ef66deeef1450ffe24aa4.kpatch";

    static byte[] tar(String name, byte[] body, String linkName, String linkTarget) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(out)) {
            TarArchiveEntry e = new TarArchiveEntry(name);
            e.setSize(body.length);
            t.putArchiveEntry(e);
            t.write(body);
            t.closeArchiveEntry();
            if (linkName != null) {
                TarArchiveEntry l = new TarArchiveEntry(linkName, TarArchiveEntry.LF_SYMLINK);
                l.setLinkName(linkTarget);
                t.putArchiveEntry(l);
                t.closeArchiveEntry();
            }
        }
        return out.toByteArray();
    }

    static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream z = new GzipCompressorOutputStream(out)) {
            z.write(b);
        }
        return out.toByteArray();
    }

    static byte[] xz(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream z = new XZCompressorOutputStream(out)) {
            z.write(b);
        }
        return out.toByteArray();
    }

    @Test
    void tarGzMembersAndLinksAreReadInMemory() throws Exception {
        byte[] kp = Files.readAllBytes(Samples.path(A));
        byte[] tgz = gzip(tar("../../etc/passwd", kp, "bid/latest", "1"));
        ArchiveReader.Contents c = ArchiveReader.read("kpatch-x.tgz", ByteBuffer.wrap(tgz));
        assertThat(c.problems()).isEmpty();
        assertThat(c.members()).hasSize(2);
        assertThat(c.members().get(0).name()).isEqualTo("kpatch-x.tgz!../../etc/passwd");
        assertThat(c.members().get(0).data()).isEqualTo(kp);
        assertThat(c.members().get(1).linkTarget()).isEqualTo("1");
    }

    @Test
    void zipCpioAndDebWithNestedDataTarXz() throws Exception {
        byte[] kp = Files.readAllBytes(Samples.path(A));
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream z = new ZipArchiveOutputStream(zip)) {
            z.putArchiveEntry(new ZipArchiveEntry("p/x.kpatch"));
            z.write(kp);
            z.closeArchiveEntry();
        }
        assertThat(ArchiveReader.read("b.zip", ByteBuffer.wrap(zip.toByteArray())).members())
                .singleElement().satisfies(m -> assertThat(m.name()).isEqualTo("b.zip!p/x.kpatch"));
        ByteArrayOutputStream cpio = new ByteArrayOutputStream();
        try (CpioArchiveOutputStream c = new CpioArchiveOutputStream(cpio)) {
            CpioArchiveEntry e = new CpioArchiveEntry("x.kpatch");
            e.setSize(kp.length);
            e.setMode(CpioArchiveEntry.C_ISREG | 0644);
            c.putArchiveEntry(e);
            c.write(kp);
            c.closeArchiveEntry();
        }
        assertThat(ArchiveReader.read("b.cpio", ByteBuffer.wrap(cpio.toByteArray())).members()).singleElement()
                .satisfies(m -> assertThat(m.data()).isEqualTo(kp));
        byte[] dataTarXz = xz(tar("./var/lib/libcare/x.kpatch", kp, null, null));
        ByteArrayOutputStream deb = new ByteArrayOutputStream();
        try (ArArchiveOutputStream a = new ArArchiveOutputStream(deb)) {
            byte[] ver = "2.0\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            a.putArchiveEntry(new ArArchiveEntry("debian-binary", ver.length));
            a.write(ver);
            a.closeArchiveEntry();
            a.putArchiveEntry(new ArArchiveEntry("data.tar.xz", dataTarXz.length));
            a.write(dataTarXz);
            a.closeArchiveEntry();
        }
        ArchiveReader.Contents c = ArchiveReader.read("p.deb", ByteBuffer.wrap(deb.toByteArray()));
        assertThat(c.members()).extracting(ArchiveReader.Member::name)
                .containsExactly("p.deb!debian-binary", "p.deb!data.tar.xz!./var/lib/libcare/x.kpatch");
    }

    @Test
    void limitsSkipLargeMembersAndDeepNesting() throws Exception {
        byte[] big = new byte[4096];
        byte[] t = tar("big.bin", big, null, null);
        ArchiveReader.Contents c = ArchiveReader.read("t.tar", ByteBuffer.wrap(t),
                new ArchiveReader.Limits(1024, 1 << 20, 4, 100));
        assertThat(c.members()).isEmpty();
        assertThat(c.problems()).singleElement().satisfies(p -> assertThat(p.reason()).contains("member limit"));
        byte[] nested = tar("inner.tar", t, null, null);
        ArchiveReader.Contents d = ArchiveReader.read("o.tar", ByteBuffer.wrap(nested),
                new ArchiveReader.Limits(1 << 20, 1 << 20, 0, 100));
        assertThat(d.problems()).singleElement().satisfies(p -> assertThat(p.reason()).contains("nested deeper"));
    }

    /** A 1 KiB-per-MiB gzip bomb: 300 MiB of zeros in about 300 KiB, read with the default limits. */
    @Test
    void compressionBombStopsAtTheMemberLimit() throws Exception {
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(gz, 1 << 16)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 300; i++) {
                z.write(zeros);
            }
        }
        assertThat(gz.size()).isLessThan(1 << 20);
        ArchiveReader.Contents c = ArchiveReader.read("bomb.tgz", ByteBuffer.wrap(gz.toByteArray()));
        assertThat(c.members()).isEmpty();
        assertThat(c.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("bomb.tgz");
            assertThat(p.reason()).isEqualTo("larger than the member limit of 268435456 bytes; skipped");
        });
    }

    /** Found by ParserFuzzTest#archive: a zip member compressed with zstd (method 93), whose codec is optional. */
    @Test
    void zipMemberWithZstdIsAProblem() throws Exception {
        byte[] zip;
        try (java.io.InputStream in = ArchiveReaderTest.class.getResourceAsStream(
                "fuzz/ParserFuzzTestInputs/archive/zip-member-zstd")) {
            zip = in.readAllBytes();
        }
        ArchiveReader.Contents c = ArchiveReader.read("zstd.zip", ByteBuffer.wrap(zip));
        assertThat(c.members()).isEmpty();
        assertThat(c.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).startsWith("zstd.zip");
            assertThat(p.reason()).isEqualTo("unreadable archive: a member is compressed with a method kpaudit does"
                    + " not read (com/github/luben/zstd/ZstdInputStream)");
        });
    }

    @Test
    void garbageIsAProblemNotAnException() throws Exception {
        byte[] bad = new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3};
        ArchiveReader.Contents c = ArchiveReader.read("bad.tgz", ByteBuffer.wrap(bad));
        assertThat(c.problems()).singleElement().satisfies(p -> assertThat(p.reason()).startsWith("unreadable archive"));
        assertThatThrownBy(() -> ArchiveReader.read("x", ByteBuffer.wrap(new byte[] {1, 2, 3})))
                .isInstanceOf(MalformedFileException.class);
    }
}
