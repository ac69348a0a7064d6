package org.kpaudit.report;

import static org.kpaudit.report.Values.hex;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kpaudit.model.AuxvEntry;
import org.kpaudit.model.CoreDump;
import org.kpaudit.model.CoreProcessInfo;
import org.kpaudit.model.CoreSignal;
import org.kpaudit.model.CoreThread;
import org.kpaudit.model.FileMapping;
import org.kpaudit.model.Mapping;
import org.kpaudit.model.Note;
import org.kpaudit.model.Problem;
import org.kpaudit.model.Segment;

/**
 * Builds the report tree of {@code kpaudit inspect} for a core dump: header, process and
 * threads, signal, auxiliary vector, the NT_FILE table, the program headers (PT_LOAD with file
 * size against memory size), the notes, and the mappings they describe.
 */
public final class CoreView {

    private CoreView() {
    }

    public static Map<String, Object> core(CoreDump c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", c.path());
        m.put("kind", "elf-core");
        m.put("size", c.size());
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("class", "ELF" + c.header().elfClass());
        h.put("endian", c.header().endian().name().toLowerCase(java.util.Locale.ROOT));
        h.put("type", InspectView.code(c.header().type()));
        h.put("machine", InspectView.code(c.header().machine()));
        h.put("phnum", c.header().programHeaderCount());
        m.put("header", h);
        CoreProcessInfo p = c.process();
        if (p != null) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("pid", p.pid());
            pm.put("ppid", p.ppid());
            pm.put("uid", p.uid());
            pm.put("gid", p.gid());
            pm.put("state", String.valueOf(p.stateLetter()));
            pm.put("name", p.fname());
            pm.put("args", p.psargs());
            m.put("process", pm);
        } else {
            m.put("process", null);
        }
        CoreSignal s = c.signal();
        if (s != null) {
            Map<String, Object> sm = new LinkedHashMap<>();
            sm.put("signal", InspectView.code(s.signal()));
            sm.put("code", s.code());
            sm.put("errno", s.errno());
            if (s.sentByProcess()) {
                sm.put("sender_pid", s.senderPid());
                sm.put("sender_uid", s.senderUid());
            } else {
                sm.put("address", hex(s.faultAddress()));
            }
            m.put("signal", sm);
        }
        List<Object> ts = new ArrayList<>();
        for (CoreThread t : c.threads()) {
            Map<String, Object> tm = new LinkedHashMap<>();
            tm.put("tid", t.pid());
            tm.put("signal", t.signal().value() == 0 ? null : InspectView.code(t.signal()));
            tm.put("pc", t.pc() == null ? null : hex(t.pc()));
            tm.put("sp", t.sp() == null ? null : hex(t.sp()));
            ts.add(tm);
        }
        m.put("threads", ts);
        List<Object> av = new ArrayList<>();
        for (AuxvEntry e : c.auxv()) {
            Map<String, Object> am = new LinkedHashMap<>();
            am.put("type", InspectView.code(e.type()));
            am.put("value", hex(e.value()));
            av.add(am);
        }
        m.put("auxv", av);
        Map<String, Object> nf = new LinkedHashMap<>();
        nf.put("page_size", c.filePageSize());
        List<Object> fs = new ArrayList<>();
        for (FileMapping f : c.files()) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("start", hex(f.start()));
            fm.put("end", hex(f.end()));
            fm.put("offset", hex(f.fileOffset()));
            fm.put("path", f.path());
            fs.add(fm);
        }
        nf.put("entries", fs);
        m.put("nt_file", nf);
        List<Object> segs = new ArrayList<>();
        for (Segment g : c.segments()) {
            Map<String, Object> gm = new LinkedHashMap<>();
            gm.put("index", g.index());
            gm.put("type", InspectView.code(g.type()));
            gm.put("offset", hex(g.offset()));
            gm.put("vaddr", hex(g.vaddr()));
            gm.put("filesz", hex(g.filesz()));
            gm.put("memsz", hex(g.memsz()));
            gm.put("flags", InspectView.segmentFlags(g.flags()));
            segs.add(gm);
        }
        m.put("segments", segs);
        List<Object> notes = new ArrayList<>();
        for (Note n : c.notes()) {
            Map<String, Object> nm = new LinkedHashMap<>();
            nm.put("owner", n.owner());
            nm.put("type", InspectView.code(n.type()));
            nm.put("size", n.descSize());
            nm.put("offset", hex(n.descOffset()));
            notes.add(nm);
        }
        m.put("notes", notes);
        List<Object> maps = new ArrayList<>();
        for (Mapping x : c.mappings()) {
            Map<String, Object> mm = new LinkedHashMap<>();
            mm.put("start", hex(x.start()));
            mm.put("end", hex(x.end()));
            mm.put("perms", x.perms());
            mm.put("in_core", hex(x.presentBytes()));
            mm.put("path", x.path());
            mm.put("offset", x.path() == null ? null : hex(x.fileOffset()));
            maps.add(mm);
        }
        m.put("mappings", maps);
        if (!c.warnings().isEmpty()) {
            List<Object> ws = new ArrayList<>();
            for (Problem w : c.warnings()) {
                Map<String, Object> wm = new LinkedHashMap<>();
                wm.put("offset", w.offset() < 0 ? null : hex(w.offset()));
                wm.put("problem", w.reason());
                ws.add(wm);
            }
            m.put("warnings", ws);
        }
        return m;
    }
}
