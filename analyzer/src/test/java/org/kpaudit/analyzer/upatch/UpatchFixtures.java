package org.kpaudit.analyzer.upatch;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.kpaudit.analyzer.Check;
import org.kpaudit.analyzer.Finding;
import org.kpaudit.analyzer.Findings;
import org.kpaudit.model.ElfFile;
import org.kpaudit.parser.ElfParser;
import org.kpaudit.parser.UpatchParser;
import org.kpaudit.testing.ElfWriter;
import org.kpaudit.testing.UpatchWriter;

/** Upatch objects and targets for the upatch check tests. */
final class UpatchFixtures {

    static final String BID = "2f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c"; // UpatchWriter's default

    private UpatchFixtures() {
    }

    /**
     * A target: .text at sh_addr 0x1000 (file offset {@code 0x1000 - TEXT_OFFSET}), do_check at 0x1180 (0x30
     * bytes) and parse_args at 0x1200 (0x64 bytes).
     */
    static ElfFile target(String buildId) {
        ElfWriter w = new ElfWriter(64, true, ElfWriter.ET_DYN, ElfWriter.EM_X86_64);
        ElfWriter.Sec text = w.section(".text", ElfWriter.SHT_PROGBITS, 6, 0x1000, new byte[0x400]);
        w.note(".note.gnu.build-id", "GNU", 3, HexFormat.of().parseHex(buildId));
        w.symtab(List.of(ElfWriter.Sym.func("do_check", 0x1180, 0x30, text.index()),
                ElfWriter.Sym.func("parse_args", 0x1200, 0x64, text.index())));
        return ElfParser.parse("target", ByteBuffer.wrap(w.build()));
    }

    /** The target's text_offset (.text sh_addr - sh_offset), which upatch-diff subtracts from old_addr. */
    static long textOffset() {
        org.kpaudit.model.Section t = target(BID).section(".text").orElseThrow();
        return t.addr() - t.offset();
    }

    static UpatchSubject subject(UpatchWriter w, ElfFile target) {
        return new UpatchSubject("p.upatch", UpatchParser.of(ElfParser.parse("p.upatch", ByteBuffer.wrap(w.build()))),
                target, target == null ? null : "target");
    }

    static List<Finding> run(Check<UpatchSubject> c, UpatchSubject s) {
        List<Finding> out = new ArrayList<>();
        c.check(s, new Findings(c.rule(), out));
        return out;
    }
}
