package dev.suiteflow.selector.testmap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Copies compiled classes with a probe at the start of every method that has code: {@code Hits.HIT[id] = true}
 * (four instructions, no branch, so the class's stack map frames stay valid). A probe at method entry records that
 * the method was called even when it ends in an exception on its first line, which coverage tools that probe
 * method exits and jumps (JaCoCo) report as not executed: for test selection, "called" is what counts.
 *
 * <p>Line probes, {@code Hits.LINE[id] = true}, one id per top-level class and source line: before the first
 * instruction of every line-number entry and of every instruction that has a stack map frame (each jump target and
 * exception handler has one from class version 51, Java 7, on), attributed to the line in effect there. So an
 * instruction that ran always had the probe of its line run before it in the same call: it is either reached
 * straight from the previous instruction of the same line, or it starts a line entry or a jump target, which carry
 * a probe. Classes older than version 51 (jump targets without frames) get method probes only, and so does a class
 * whose methods would outgrow the class-file limits with line probes.
 */
final class Instrumenter {

    private static final String HITS = Hits.class.getName().replace('.', '/');

    /**
     * What was instrumented: method keys by id ({@code owner.name+desc}), the classes (internal names), the classes
     * left as they were, and why.
     */
    record Result(List<String> methods, Set<String> classes, Set<String> skippedClasses, List<String> problems,
                  List<String> lines, Set<String> linelessClasses) {
    }

    private final List<String> methods = new ArrayList<>();
    private final Set<String> classes = new TreeSet<>();
    private final Set<String> skippedClasses = new TreeSet<>();
    private final List<String> problems = new ArrayList<>();
    /** Line probe ids: {@code a/b/Top:line} by id. */
    private final List<String> lines = new ArrayList<>();
    private final Map<String, Integer> lineIds = new HashMap<>();
    /** Instrumented with method probes only. */
    private final Set<String> linelessClasses = new TreeSet<>();

    /** Instruments every class file of each of {@code dirs} into the matching folder of {@code outs}. */
    static Result instrument(List<Path> dirs, List<Path> outs) throws IOException {
        Instrumenter in = new Instrumenter();
        for (int i = 0; i < dirs.size(); i++) {
            in.copy(dirs.get(i), outs.get(i));
        }
        // the runtime, once, beside the first folder
        Path hits = outs.get(0).resolve(HITS + ".class");
        Files.createDirectories(hits.getParent());
        try (InputStream s = Hits.class.getResourceAsStream("Hits.class")) {
            if (s == null) {
                throw new IOException("Hits.class is missing from the selector's own class path");
            }
            Files.write(hits, s.readAllBytes());
        }
        return new Result(List.copyOf(in.methods), in.classes, in.skippedClasses, List.copyOf(in.problems),
                List.copyOf(in.lines), in.linelessClasses);
    }

    private void copy(Path dir, Path out) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
            Path target = out.resolve(dir.relativize(f).toString());
            Files.createDirectories(target.getParent());
            String name = f.getFileName().toString();
            if (name.endsWith(".class") && !name.equals("module-info.class") && !name.equals("package-info.class")) {
                Files.write(target, instrument(Files.readAllBytes(f), f));
            } else {
                Files.copy(f, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private byte[] instrument(byte[] bytes, Path file) {
        try {
            return instrument(bytes, true);
        } catch (RuntimeException withLines) {
            try {
                byte[] out = instrument(bytes, false); // listed as lineless there
                problems.add(file + ": method probes only (" + withLines + ")");
                return out;
            } catch (RuntimeException e) {
                // e.g. a method near the 64 KiB limit, or a class file newer than ASM reads: left as it is, and
                // changes to it are never narrowed by the map
                try {
                    skippedClasses.add(new ClassReader(bytes).getClassName());
                } catch (RuntimeException unreadable) {
                    // not a class file ASM can read at all: nothing can name it
                }
                problems.add(file + ": " + e);
                return bytes;
            }
        }
    }

    /** One class; on failure nothing of it is kept (ids handed out are taken back). */
    private byte[] instrument(byte[] bytes, boolean withLines) {
        int mark = methods.size();
        int lineMark = lines.size();
        try {
            ClassReader reader = new ClassReader(bytes);
            ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
            String[] owner = new String[1];
            boolean[] probeLines = {withLines};
            reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
                @Override
                public void visit(int version, int access, String name, String signature, String superName,
                                  String[] interfaces) {
                    owner[0] = name;
                    probeLines[0] &= (version & 0xFFFF) >= Opcodes.V1_7; // frames at every jump target
                    super.visit(version, access, name, signature, superName, interfaces);
                }

                @Override
                public MethodVisitor visitMethod(int access, String name, String desc, String signature,
                                                 String[] exceptions) {
                    MethodVisitor mv = super.visitMethod(access, name, desc, signature, exceptions);
                    if ((access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
                        return mv;
                    }
                    int id = methods.size();
                    methods.add(owner[0] + "." + name + desc);
                    return new Probes(mv, access, name, desc, signature, exceptions, id, TestMap.topLevel(owner[0]),
                            probeLines[0]);
                }
            }, 0);
            byte[] out = writer.toByteArray();
            classes.add(owner[0]);
            if (!probeLines[0]) {
                linelessClasses.add(owner[0]);
            }
            return out;
        } catch (RuntimeException e) {
            while (methods.size() > mark) {
                methods.remove(methods.size() - 1);
            }
            while (lines.size() > lineMark) {
                lineIds.remove(lines.remove(lines.size() - 1));
            }
            throw e;
        }
    }

    /**
     * The entry probe, and (with lines) a line probe before the first instruction after each line-number entry and
     * each stack map frame (after the frame: the state there is the frame's, and the probe leaves it so). The method is
     * buffered (tree API) and rewritten at its end: a probe before a {@code new} gets a label of its own for the
     * {@code new}, and the frames that name the {@code new} by its label (an object not yet initialised) are
     * pointed at it.
     */
    private final class Probes extends MethodNode {
        private final MethodVisitor target;
        private final int id;
        private final String top;
        private final boolean withLines;

        Probes(MethodVisitor target, int access, String name, String desc, String signature, String[] exceptions,
               int id, String top, boolean withLines) {
            super(Opcodes.ASM9, access, name, desc, signature, exceptions);
            this.target = target;
            this.id = id;
            this.top = top;
            this.withLines = withLines;
        }

        @Override
        public void visitEnd() {
            super.visitEnd();
            if (withLines) {
                addLineProbes();
            }
            instructions.insert(probe(id, "HIT"));
            accept(target);
        }

        private void addLineProbes() {
            int line = -1;
            boolean pending = false;
            List<LabelNode> labelsBefore = new ArrayList<>();
            for (AbstractInsnNode n = instructions.getFirst(); n != null; n = n.getNext()) {
                if (n instanceof LineNumberNode ln) {
                    line = ln.line;
                    pending = true;
                } else if (n instanceof FrameNode) {
                    pending = true;
                } else if (n instanceof LabelNode l) {
                    labelsBefore.add(l);
                } else if (n.getOpcode() >= 0) {
                    if (pending && line >= 0) {
                        InsnList probe = probe(lineId(line), "LINE");
                        if (n.getOpcode() == Opcodes.NEW) {
                            LabelNode own = new LabelNode();
                            probe.add(own);
                            renameUninitialized(labelsBefore, own);
                        }
                        instructions.insertBefore(n, probe);
                    }
                    pending = false;
                    labelsBefore.clear();
                }
            }
        }

        private int lineId(int line) {
            String key = top + ":" + line;
            Integer lid = lineIds.get(key);
            if (lid == null) {
                lid = lines.size();
                lines.add(key);
                lineIds.put(key, lid);
            }
            return lid;
        }

        private InsnList probe(int probeId, String array) {
            InsnList p = new InsnList();
            p.add(new FieldInsnNode(Opcodes.GETSTATIC, HITS, array, "[Z"));
            p.add(probeId <= Short.MAX_VALUE ? new IntInsnNode(Opcodes.SIPUSH, probeId)
                    : new LdcInsnNode(probeId));
            p.add(new InsnNode(Opcodes.ICONST_1));
            p.add(new InsnNode(Opcodes.BASTORE));
            return p;
        }

        /** Frames naming a {@code new} by one of {@code labels} (its offset) now name it by {@code own}. */
        private void renameUninitialized(List<LabelNode> labels,
                                         LabelNode own) {
            if (labels.isEmpty()) {
                return;
            }
            for (AbstractInsnNode n = instructions.getFirst(); n != null; n = n.getNext()) {
                if (n instanceof FrameNode f) {
                    rename(f.local, labels, own);
                    rename(f.stack, labels, own);
                }
            }
        }

        private static void rename(List<Object> types, List<LabelNode> labels,
                                   LabelNode own) {
            if (types == null) {
                return;
            }
            for (int i = 0; i < types.size(); i++) {
                if (types.get(i) instanceof LabelNode l && labels.contains(l)) {
                    types.set(i, own);
                }
            }
        }
    }
}
