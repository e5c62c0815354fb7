package dev.suiteflow.selector.testmap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Copies compiled classes with a probe at the start of every method that has code: {@code Hits.HIT[id] = true}
 * (four instructions, no branch, so the class's stack map frames stay valid). A probe at method entry records that
 * the method was called even when it ends in an exception on its first line, which coverage tools that probe
 * method exits and jumps (JaCoCo) report as not executed: for test selection, "called" is what counts.
 */
final class Instrumenter {

    private static final String HITS = Hits.class.getName().replace('.', '/');

    /**
     * What was instrumented: method keys by id ({@code owner.name+desc}), the classes (internal names), the classes
     * left as they were, and why.
     */
    record Result(List<String> methods, Set<String> classes, Set<String> skippedClasses, List<String> problems) {
    }

    private final List<String> methods = new ArrayList<>();
    private final Set<String> classes = new TreeSet<>();
    private final Set<String> skippedClasses = new TreeSet<>();
    private final List<String> problems = new ArrayList<>();

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
        return new Result(List.copyOf(in.methods), in.classes, in.skippedClasses, List.copyOf(in.problems));
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
        int mark = methods.size();
        try {
            ClassReader reader = new ClassReader(bytes);
            ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
            String[] owner = new String[1];
            reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
                @Override
                public void visit(int version, int access, String name, String signature, String superName,
                                  String[] interfaces) {
                    owner[0] = name;
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
                    return new MethodVisitor(Opcodes.ASM9, mv) {
                        @Override
                        public void visitCode() {
                            super.visitCode();
                            super.visitFieldInsn(Opcodes.GETSTATIC, HITS, "HIT", "[Z");
                            if (id <= Short.MAX_VALUE) {
                                super.visitIntInsn(Opcodes.SIPUSH, id);
                            } else {
                                super.visitLdcInsn(id);
                            }
                            super.visitInsn(Opcodes.ICONST_1);
                            super.visitInsn(Opcodes.BASTORE);
                        }
                    };
                }
            }, 0);
            byte[] out = writer.toByteArray();
            classes.add(owner[0]);
            return out;
        } catch (RuntimeException e) {
            // e.g. a method near the 64 KiB limit, or a class file newer than ASM reads: left as it is, and
            // changes to it are never narrowed by the map
            while (methods.size() > mark) {
                methods.remove(methods.size() - 1);
            }
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
