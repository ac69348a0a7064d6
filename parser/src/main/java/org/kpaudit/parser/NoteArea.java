package org.kpaudit.parser;

import static org.kpaudit.parser.ElfParser.describe;
import static org.kpaudit.parser.ElfParser.enumName;

import io.kaitai.struct.KaitaiStream;
import java.util.List;
import org.kpaudit.formats.Elf;
import org.kpaudit.model.Code;
import org.kpaudit.model.Note;
import org.kpaudit.model.Problem;

/**
 * Reads the notes of one note area (an SHT_NOTE section, or a PT_NOTE segment of a file or of a
 * process image) with the generated {@link Elf.Note} type, after checking each note's sizes
 * against what is left of the area.
 */
final class NoteArea {

    private NoteArea() {
    }

    /**
     * @param file the name problems carry
     * @param problemBase added to offsets in problems (an ELF embedded in a larger file)
     * @param root the ELF whose identification gives the byte order
     * @param io the area's bytes, from position 0
     * @param size the area's size
     * @param offset where the area starts (descriptor offsets of the notes are counted from it)
     * @param align 4, or 8 for areas aligned to 8
     */
    static void read(String file, long problemBase, Elf root, KaitaiStream io, long size, long offset, int align,
            String source, List<Note> out, List<Problem> warnings) {
        boolean le = root.isLe();
        long pos = 0;
        while (size - pos >= 12) {
            io.seek(pos);
            long namesz = le ? io.readU4le() : io.readU4be();
            long descsz = le ? io.readU4le() : io.readU4be();
            long namePad = (align - (12 + namesz) % align) % align;
            long descPad = (align - descsz % align) % align;
            long need = 12 + namesz + namePad + descsz;
            if (namesz > size || descsz > size || need > size - pos) {
                warnings.add(new Problem(file, problemBase + offset + pos, source + ": note with name size " + namesz
                        + " and descriptor size " + descsz + " extends past its area (" + (size - pos) + " bytes left)"));
                return;
            }
            io.seek(pos);
            Elf.Note n;
            try {
                n = new Elf.Note(io, null, root, align);
            } catch (RuntimeException e) {
                warnings.add(new Problem(file, problemBase + offset + pos, source + ": unreadable note: " + describe(e)));
                return;
            }
            String owner = Names.decodeCString(n.name());
            String typeName = switch (owner) {
                case "GNU" -> enumName(n.gnuType());
                case "CORE", "LINUX" -> enumName(n.coreType());
                default -> null;
            };
            long descOffset = offset + pos + 12 + namesz + namePad;
            out.add(new Note(owner, new Code(n.noteType(), typeName), descOffset, descsz, n.desc(), source));
            pos += need + descPad;
        }
    }
}
