package org.kpaudit.parser.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import org.kpaudit.model.ElfFile;
import org.kpaudit.model.KpatchFile;
import org.kpaudit.model.MalformedFileException;
import org.kpaudit.model.RelocationSection;
import org.kpaudit.model.SymbolTableKind;
import org.kpaudit.parser.ElfParser;
import org.kpaudit.parser.FileTypeDetector;
import org.kpaudit.parser.KpatchParser;

/**
 * Fuzz tests of the parser entry points. Every input must either parse or fail with a
 * {@link MalformedFileException}; any other exception, a hang or an out-of-memory is a bug.
 *
 * <p>In {@code mvn verify} they replay their inputs (the samples, copied in at build time into
 * {@code ParserFuzzTestInputs/}, plus the regression inputs under {@code src/test/resources});
 * {@code JAZZER_FUZZ=1} (the {@code fuzz} Maven profile, see README) makes one of them fuzz.
 */
class ParserFuzzTest {

    /** Time per target in fuzzing mode; ignored in regression mode. */
    static final String BUDGET = "5m";

    @FuzzTest(maxDuration = BUDGET)
    void detect(byte[] data) {
        FileTypeDetector.detect(ByteBuffer.wrap(data));
    }

    @FuzzTest(maxDuration = BUDGET)
    void elf(byte[] data) {
        try {
            exercise(ElfParser.parse("fuzz.elf", ByteBuffer.wrap(data)));
        } catch (MalformedFileException expected) {
            // a clear error is the right answer to a malformed file
        }
    }

    @FuzzTest(maxDuration = BUDGET)
    void kpatch(byte[] data) {
        try {
            KpatchFile k = KpatchParser.parse("fuzz.kpatch", ByteBuffer.wrap(data));
            k.infos().forEach(i -> i.function());
            exercise(k.elf());
        } catch (MalformedFileException expected) {
            // a clear error is the right answer to a malformed file
        }
    }

    @FuzzTest(maxDuration = BUDGET)
    void livepatch(byte[] data) {
        try {
            org.kpaudit.model.LivepatchModule m = org.kpaudit.parser.LivepatchParser.parse("fuzz.ko", ByteBuffer.wrap(data));
            m.klpRelaSections().forEach(r -> r.entries());
            exercise(m.elf());
        } catch (MalformedFileException expected) {
            // a clear error is the right answer to a malformed file
        }
    }

    @FuzzTest(maxDuration = BUDGET)
    void archive(byte[] data) {
        org.kpaudit.parser.ArchiveReader.Contents c;
        try {
            c = org.kpaudit.parser.ArchiveReader.read("fuzz.tgz", ByteBuffer.wrap(data),
                    new org.kpaudit.parser.ArchiveReader.Limits(1 << 20, 4 << 20, 3, 64));
        } catch (MalformedFileException expected) {
            return;
        }
        for (org.kpaudit.parser.ArchiveReader.Member m : c.members()) {
            if (m.data() != null) {
                FileTypeDetector.detect(ByteBuffer.wrap(m.data()));
            }
        }
    }

    @FuzzTest(maxDuration = BUDGET)
    void kernelSymbols(byte[] data) {
        try {
            org.kpaudit.parser.KernelSymbolsReader.fromText("fuzz.map", new java.io.ByteArrayInputStream(data));
        } catch (MalformedFileException | java.io.IOException expected) {
            // a clear error is the right answer to a malformed file
        }
    }

    /** Touches every lazy part of the model, as inspect --sections --symbols --relocs would. */
    static void exercise(ElfFile elf) {
        elf.sections().forEach(s -> s.name());
        elf.buildId();
        elf.notes();
        elf.segmentNotes();
        elf.dynamic();
        elf.neededLibraries();
        elf.versionNeeds();
        elf.versionDefs();
        for (SymbolTableKind k : SymbolTableKind.values()) {
            elf.symbols(k);
        }
        elf.lookupDynamic("printf");
        for (RelocationSection rs : elf.relocationSections()) {
            elf.relocations(rs);
        }
        elf.warnings();
    }
}
