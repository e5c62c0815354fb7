package dev.suiteflow.selector.methods;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;

import dev.suiteflow.selector.methods.ClassModel.Call;
import dev.suiteflow.selector.methods.ClassModel.Dispatch;
import dev.suiteflow.selector.methods.ClassModel.MethodModel;

/** Reads a class file into a {@link ClassModel} with ASM's tree API (frames skipped; line numbers kept). */
public final class BytecodeReader {

    private BytecodeReader() {
    }

    public static ClassModel read(byte[] bytes) {
        ClassNode cn = new ClassNode();
        new ClassReader(bytes).accept(cn, ClassReader.SKIP_FRAMES);
        Set<String> classAnnotationRefs = new LinkedHashSet<>();
        annotationClasses(cn.visibleAnnotations, classAnnotationRefs);
        annotationClasses(cn.invisibleAnnotations, classAnnotationRefs);
        Map<String, MethodModel> methods = new LinkedHashMap<>();
        for (MethodNode m : cn.methods) {
            MethodModel mm = method(cn.name, m);
            methods.put(mm.key(), mm);
        }
        String framework = framework(cn.visibleAnnotations);
        for (MethodNode m : cn.methods) {
            framework = framework != null ? framework : framework(m.visibleAnnotations);
        }
        for (org.objectweb.asm.tree.FieldNode f : cn.fields) {
            framework = framework != null ? framework : framework(f.visibleAnnotations);
        }
        return new ClassModel(cn.name, cn.superName, List.copyOf(cn.interfaces), cn.sourceFile,
                (cn.access & Opcodes.ACC_INTERFACE) != 0, List.copyOf(classAnnotationRefs), framework, methods);
    }

    private static MethodModel method(String owner, MethodNode m) {
        Set<Integer> lines = new TreeSet<>();
        List<Call> calls = new ArrayList<>();
        Set<String> classRefs = new LinkedHashSet<>();
        Set<String> strings = new LinkedHashSet<>();
        annotationClasses(m.visibleAnnotations, classRefs);
        annotationClasses(m.invisibleAnnotations, classRefs);
        for (AbstractInsnNode insn = m.instructions.getFirst(); insn != null; insn = insn.getNext()) {
            if (insn instanceof LineNumberNode ln) {
                lines.add(ln.line);
            } else if (insn instanceof MethodInsnNode mi) {
                Dispatch d = switch (mi.getOpcode()) {
                    case Opcodes.INVOKESTATIC -> Dispatch.STATIC;
                    case Opcodes.INVOKESPECIAL -> Dispatch.SPECIAL;
                    default -> Dispatch.VIRTUAL;
                };
                calls.add(new Call(d, arrayAsObject(mi.owner), mi.name, mi.desc));
            } else if (insn instanceof InvokeDynamicInsnNode indy) {
                for (Object arg : indy.bsmArgs) {
                    if (arg instanceof Handle h) {
                        handle(h, calls, classRefs);
                    } else if (arg instanceof Type t) {
                        typeRef(t, classRefs);
                    }
                }
            } else if (insn instanceof TypeInsnNode ti && ti.getOpcode() == Opcodes.NEW) {
                classRefs.add(ti.desc);
            } else if (insn instanceof FieldInsnNode fi
                    && (fi.getOpcode() == Opcodes.GETSTATIC || fi.getOpcode() == Opcodes.PUTSTATIC)) {
                classRefs.add(fi.owner);
            } else if (insn instanceof LdcInsnNode ldc) {
                if (ldc.cst instanceof Type t) {
                    typeRef(t, classRefs);
                } else if (ldc.cst instanceof String s && s.length() < 300 && s.indexOf('.') > 0
                        && s.indexOf(' ') < 0) {
                    strings.add(s);
                } else if (ldc.cst instanceof Handle h) {
                    handle(h, calls, classRefs);
                }
            }
        }
        boolean isTest = isTest(m.visibleAnnotations) || isTest(m.invisibleAnnotations);
        return new MethodModel(owner, m.name, m.desc, (m.access & Opcodes.ACC_STATIC) != 0,
                (m.access & Opcodes.ACC_PRIVATE) != 0,
                (m.access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) == 0, isTest,
                lines.stream().mapToInt(Integer::intValue).toArray(), List.copyOf(calls), List.copyOf(classRefs),
                List.copyOf(strings));
    }

    private static void handle(Handle h, List<Call> calls, Set<String> classRefs) {
        switch (h.getTag()) {
            case Opcodes.H_INVOKESTATIC -> calls.add(new Call(Dispatch.STATIC, h.getOwner(), h.getName(), h.getDesc()));
            case Opcodes.H_INVOKESPECIAL, Opcodes.H_NEWINVOKESPECIAL -> {
                calls.add(new Call(Dispatch.SPECIAL, h.getOwner(), h.getName(), h.getDesc()));
                classRefs.add(h.getOwner());
            }
            case Opcodes.H_INVOKEVIRTUAL, Opcodes.H_INVOKEINTERFACE ->
                    calls.add(new Call(Dispatch.VIRTUAL, arrayAsObject(h.getOwner()), h.getName(), h.getDesc()));
            default -> classRefs.add(h.getOwner()); // a field handle
        }
    }

    private static void typeRef(Type t, Set<String> out) {
        Type e = t.getSort() == Type.ARRAY ? t.getElementType() : t;
        if (e.getSort() == Type.OBJECT) {
            out.add(e.getInternalName());
        }
    }

    /** Methods called on an array ({@code clone()}) are Object's. */
    private static String arrayAsObject(String owner) {
        return owner.startsWith("[") ? "java/lang/Object" : owner;
    }

    /** Runtime annotations that say nothing about who creates or calls the class. */
    private static final List<String> NOT_FRAMEWORK = List.of("Ljava/", "Ljavax/annotation/", "Ljdk/", "Lkotlin/",
            "Lorg/junit/", "Lorg/testng/", "Lorg/jspecify/", "Lorg/jetbrains/annotations/");

    /** The simple name of the first framework annotation ({@code @Path}), or null. */
    private static String framework(List<AnnotationNode> annotations) {
        if (annotations == null) {
            return null;
        }
        for (AnnotationNode a : annotations) {
            if (NOT_FRAMEWORK.stream().noneMatch(a.desc::startsWith)) {
                String d = a.desc.substring(1, a.desc.length() - 1);
                return "@" + d.substring(d.lastIndexOf('/') + 1).replace('$', '.');
            }
        }
        return null;
    }

    private static final Set<String> TEST_ANNOTATIONS = Set.of("Test", "ParameterizedTest", "RepeatedTest",
            "TestFactory", "TestTemplate");

    private static boolean isTest(List<AnnotationNode> annotations) {
        if (annotations == null) {
            return false;
        }
        for (AnnotationNode a : annotations) {
            String d = a.desc;
            if (d.startsWith("Lorg/junit/") || d.startsWith("Lorg/testng/")) {
                String simple = d.substring(d.lastIndexOf('/') + 1, d.length() - 1);
                if (TEST_ANNOTATIONS.contains(simple)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Class literals among annotation values ({@code @ExtendWith(X.class)}, {@code @RunWith}), nested ones too. */
    private static void annotationClasses(List<AnnotationNode> annotations, Set<String> out) {
        if (annotations == null) {
            return;
        }
        for (AnnotationNode a : annotations) {
            values(a.values, out);
        }
    }

    private static void values(List<Object> values, Set<String> out) {
        if (values == null) {
            return;
        }
        for (Object v : values) {
            if (v instanceof Type t) {
                typeRef(t, out);
            } else if (v instanceof AnnotationNode n) {
                values(n.values, out);
            } else if (v instanceof List<?> list) {
                for (Object x : list) {
                    if (x instanceof Type t) {
                        typeRef(t, out);
                    } else if (x instanceof AnnotationNode n) {
                        values(n.values, out);
                    }
                }
            }
        }
    }
}
