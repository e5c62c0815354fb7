package dev.suiteflow.selector.index;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.RecordComponentVisitor;
import org.objectweb.asm.TypePath;
import org.objectweb.asm.commons.ClassRemapper;
import org.objectweb.asm.commons.Remapper;

/**
 * Reads the types a class file references with ASM: a {@link ClassRemapper} whose {@link Remapper} maps every
 * name to itself and records it (the classic dependency visitor). Every internal name the class touches passes
 * through it: super type, interfaces, field and method descriptors (so the return type of every call), generic
 * signatures, instructions ({@code new}, casts, {@code instanceof}, field and method owners, constants), lambdas'
 * handles, annotations, exception tables, local variables.
 */
public final class ClassFileReader {

    private ClassFileReader() {
    }

    /** Binary name of the class and the binary names it references (sorted, itself left out). */
    public static ClassFacts read(String path, byte[] bytes, long size, long mtime) {
        ClassReader reader = new ClassReader(bytes);
        Set<String> names = new TreeSet<>();
        Remapper collect = new Remapper(Opcodes.ASM9) {
            @Override
            public String map(String internalName) {
                if (internalName != null && !internalName.isEmpty() && internalName.charAt(0) != '[') {
                    names.add(internalName.replace('/', '.'));
                }
                return internalName;
            }
        };
        reader.accept(new ClassRemapper(new Sink(), collect), 0);
        String self = reader.getClassName().replace('/', '.');
        names.remove(self);
        return new ClassFacts(path, size, mtime, self, new ArrayList<>(names));
    }

    /** Visits everything (non-null visitors at every level) so that the remapper sees every name; keeps nothing. */
    private static final class Sink extends ClassVisitor {
        private static final AnnotationVisitor ANNOTATION = new AnnotationVisitor(Opcodes.ASM9) {
            @Override
            public AnnotationVisitor visitAnnotation(String name, String descriptor) {
                return this;
            }

            @Override
            public AnnotationVisitor visitArray(String name) {
                return this;
            }
        };
        private static final MethodVisitor METHOD = new MethodVisitor(Opcodes.ASM9) {
            @Override
            public AnnotationVisitor visitAnnotationDefault() {
                return ANNOTATION;
            }

            @Override
            public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
                return ANNOTATION;
            }

            @Override
            public AnnotationVisitor visitTypeAnnotation(int typeRef, TypePath typePath, String descriptor,
                                                         boolean visible) {
                return ANNOTATION;
            }

            @Override
            public AnnotationVisitor visitParameterAnnotation(int parameter, String descriptor, boolean visible) {
                return ANNOTATION;
            }

            @Override
            public AnnotationVisitor visitInsnAnnotation(int typeRef, TypePath typePath, String descriptor,
                                                         boolean visible) {
                return ANNOTATION;
            }

            @Override
            public AnnotationVisitor visitTryCatchAnnotation(int typeRef, TypePath typePath, String descriptor,
                                                             boolean visible) {
                return ANNOTATION;
            }
        };
        private static final FieldVisitor FIELD = new FieldVisitor(Opcodes.ASM9) {
            @Override
            public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
                return ANNOTATION;
            }

            @Override
            public AnnotationVisitor visitTypeAnnotation(int typeRef, TypePath typePath, String descriptor,
                                                         boolean visible) {
                return ANNOTATION;
            }
        };
        private static final RecordComponentVisitor RECORD_COMPONENT = new RecordComponentVisitor(Opcodes.ASM9) {
            @Override
            public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
                return ANNOTATION;
            }

            @Override
            public AnnotationVisitor visitTypeAnnotation(int typeRef, TypePath typePath, String descriptor,
                                                         boolean visible) {
                return ANNOTATION;
            }
        };

        Sink() {
            super(Opcodes.ASM9);
        }

        @Override
        public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
            return ANNOTATION;
        }

        @Override
        public AnnotationVisitor visitTypeAnnotation(int typeRef, TypePath typePath, String descriptor,
                                                     boolean visible) {
            return ANNOTATION;
        }

        @Override
        public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
            return FIELD;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                         String[] exceptions) {
            return METHOD;
        }

        @Override
        public RecordComponentVisitor visitRecordComponent(String name, String descriptor, String signature) {
            return RECORD_COMPONENT;
        }
    }
}
