package dev.suiteflow.selector.index;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.commons.ClassRemapper;
import org.objectweb.asm.commons.Remapper;
import org.objectweb.asm.tree.ClassNode;

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
        // a ClassNode visits every part (fields, methods, annotations, records): the remapper sees every name
        reader.accept(new ClassRemapper(new ClassNode(), collect), 0);
        String self = reader.getClassName().replace('/', '.');
        names.remove(self);
        return new ClassFacts(path, size, mtime, self, new ArrayList<>(names));
    }
}
