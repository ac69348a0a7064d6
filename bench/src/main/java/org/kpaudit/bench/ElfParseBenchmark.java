package org.kpaudit.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.kpaudit.model.ElfFile;
import org.kpaudit.model.RelocationSection;
import org.kpaudit.model.SymbolTableKind;
import org.kpaudit.parser.ElfParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parse of a large ELF in one JVM: open (header, section and program header tables), and the
 * whole model (every symbol of .symtab and .dynsym with names and versions, every relocation with
 * its symbol name) — the same facts {@code readelf -W -S -s -r} prints.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class ElfParseBenchmark {

    /** The ELF to parse (default: the biggest shared library on the machine). */
    @Param("")
    public String file;

    private Path path;

    @Setup
    public void setup() throws IOException {
        path = BenchTargets.largeElf(file);
    }

    @Benchmark
    public int open() throws IOException {
        return ElfParser.parse(path).sections().size();
    }

    @Benchmark
    public long parseAll() throws IOException {
        ElfFile elf = ElfParser.parse(path);
        long n = elf.sections().size();
        n += elf.symbols(SymbolTableKind.SYMTAB).size();
        n += elf.symbols(SymbolTableKind.DYNSYM).size();
        for (RelocationSection rs : elf.relocationSections()) {
            n += elf.relocations(rs).size();
        }
        n += elf.notes().size() + elf.dynamic().size();
        return n;
    }
}
