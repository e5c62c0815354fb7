package dev.suiteflow.selector.testmap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The instrumenter's fallbacks, on class files made with ASM: a class too old to have a stack-map frame at every
 * jump target, and a method that would outgrow the 64 KiB limit with a probe per line, get method probes only —
 * still recorded, and listed so that a change to them is judged by method, never by line.
 */
class InstrumenterTest {

    @TempDir
    Path dir;

    @Test
    void aJava7ClassGetsLineProbes() throws IOException {
        write("a/Lines", klass("a/Lines", Opcodes.V1_7, 3));
        Instrumenter.Result r = instrument();
        assertThat(r.linelessClasses()).isEmpty();
        assertThat(r.lines()).containsExactly("a/Lines:10", "a/Lines:11", "a/Lines:12");
        assertThat(probes(out("a/Lines"), "LINE")).isEqualTo(3);
        assertThat(probes(out("a/Lines"), "HIT")).isEqualTo(2); // the constructor and run()
    }

    @Test
    void aClassOlderThanJava7GetsMethodProbesOnly() throws IOException {
        write("a/Old", klass("a/Old", Opcodes.V1_6, 3));
        Instrumenter.Result r = instrument();
        assertThat(r.linelessClasses()).containsExactly("a/Old");
        assertThat(r.lines()).isEmpty();
        assertThat(r.methods()).contains("a/Old.run()I");
        assertThat(probes(out("a/Old"), "LINE")).isZero();
        assertThat(probes(out("a/Old"), "HIT")).isEqualTo(2);
    }

    @Test
    void aMethodTooLargeForLineProbesGetsMethodProbesOnlyAndSaysSo() throws IOException {
        // 12,000 lines of three bytes each: 36 KB of code, over 64 KB with an 8-byte probe per line
        write("a/Big", klass("a/Big", Opcodes.V1_8, 12_000));
        write("a/Lines", klass("a/Lines", Opcodes.V1_8, 2));
        Instrumenter.Result r = instrument();
        assertThat(r.linelessClasses()).containsExactly("a/Big");
        assertThat(r.skippedClasses()).isEmpty();
        assertThat(r.problems()).singleElement().asString().contains("Big.class").contains("method probes only");
        // the ids handed out for the failed attempt were taken back: only a/Lines's lines remain
        assertThat(r.lines()).containsExactly("a/Lines:10", "a/Lines:11");
        assertThat(r.methods()).containsExactly("a/Big.<init>()V", "a/Big.run()I", "a/Lines.<init>()V", "a/Lines.run()I");
        assertThat(probes(out("a/Big"), "HIT")).isEqualTo(2);
    }

    // ---------------------------------------------------------------------------------------------------------

    private Instrumenter.Result instrument() throws IOException {
        return Instrumenter.instrument(List.of(dir.resolve("in")), List.of(dir.resolve("out")));
    }

    private void write(String name, byte[] bytes) throws IOException {
        Path f = dir.resolve("in").resolve(name + ".class");
        Files.createDirectories(f.getParent());
        Files.write(f, bytes);
    }

    private byte[] out(String name) throws IOException {
        return Files.readAllBytes(dir.resolve("out").resolve(name + ".class"));
    }

    /** How many probes of {@code Hits.<array>} the class's code holds. */
    private static int probes(byte[] bytes, String array) {
        ClassNode c = new ClassNode();
        new ClassReader(bytes).accept(c, 0);
        int n = 0;
        for (MethodNode m : c.methods) {
            for (var insn : m.instructions) {
                if (insn instanceof FieldInsnNode f && f.name.equals(array) && f.owner.endsWith("/Hits")) {
                    n++;
                }
            }
        }
        return n;
    }

    /** A class with a constructor and {@code int run()}: {@code lines} source lines (from 10) of {@code x++}. */
    private static byte[] klass(String name, int version, int lines) {
        ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        w.visit(version, Opcodes.ACC_PUBLIC, name, null, "java/lang/Object", null);
        MethodVisitor init = w.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(1, 1);
        init.visitEnd();
        MethodVisitor run = w.visitMethod(Opcodes.ACC_PUBLIC, "run", "()I", null, null);
        run.visitCode();
        run.visitInsn(Opcodes.ICONST_0);
        run.visitVarInsn(Opcodes.ISTORE, 1);
        for (int i = 0; i < lines; i++) {
            Label l = new Label();
            run.visitLabel(l);
            run.visitLineNumber(10 + i, l);
            run.visitIincInsn(1, 1);
        }
        run.visitVarInsn(Opcodes.ILOAD, 1);
        run.visitInsn(Opcodes.IRETURN);
        run.visitMaxs(1, 2);
        run.visitEnd();
        w.visitEnd();
        return w.toByteArray();
    }
}
