// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.eval;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;

/**
 * The full-privilege lookup on the session's {@code REPL} package that {@link HiddenStatements} defines statements
 * with, got without javac: a six-line class, written here as class-file bytes, is loaded by JShell's own loader
 * and asked for {@code MethodHandles.lookup()}. It used to be a snippet (an expression JShell compiled and ran), the
 * second-largest step of start-up after javac's first compile (~0.1 s of the start thread's CPU on the 2-core
 * machine; bench/RESULTS.md).
 */
final class LookupClass {
    /** Not a name JShell gives its wrappers ({@code $JShell$N...}). */
    static final String NAME = "REPL.$gradbook$Lookup";

    private LookupClass() {}

    /** The lookup, or null if the loader would not define the class (the caller then asks JShell for it). */
    static MethodHandles.Lookup define(jdk.jshell.execution.LoaderDelegate loader) {
        try {
            loader.load(new jdk.jshell.spi.ExecutionControl.ClassBytecodes[] {new jdk.jshell.spi.ExecutionControl.ClassBytecodes(NAME, bytes())});
            Object l = loader.findClass(NAME).getMethod("lookup").invoke(null);
            return l instanceof MethodHandles.Lookup ? (MethodHandles.Lookup) l : null;
        } catch (Exception | LinkageError e) {
            io.gradbook.kernel.Log.debug("the REPL lookup class did not load: " + e);
            return null;
        }
    }

    /**
     * {@code public final class REPL.$gradbook$Lookup { public static Lookup lookup() { return MethodHandles.lookup(); } }}
     * as a Java 8 class file (straight-line code needs no stack map), with no constructor: nothing instantiates it.
     */
    static byte[] bytes() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buf)) {
            out.writeInt(0xCAFEBABE);
            out.writeShort(0); // minor
            out.writeShort(52); // major: Java 8
            out.writeShort(12); // constant pool count (entries 1..11)
            utf8(out, NAME.replace('.', '/')); // #1
            classRef(out, 1); // #2 this class
            utf8(out, "java/lang/Object"); // #3
            classRef(out, 3); // #4 super class
            utf8(out, "lookup"); // #5
            utf8(out, "()Ljava/lang/invoke/MethodHandles$Lookup;"); // #6
            utf8(out, "java/lang/invoke/MethodHandles"); // #7
            classRef(out, 7); // #8
            out.writeByte(12); // #9 NameAndType lookup ()Lookup
            out.writeShort(5);
            out.writeShort(6);
            out.writeByte(10); // #10 Methodref MethodHandles.lookup
            out.writeShort(8);
            out.writeShort(9);
            utf8(out, "Code"); // #11
            out.writeShort(0x0001 | 0x0010 | 0x0020); // public final super
            out.writeShort(2);
            out.writeShort(4);
            out.writeShort(0); // interfaces
            out.writeShort(0); // fields
            out.writeShort(1); // methods
            out.writeShort(0x0001 | 0x0008); // public static
            out.writeShort(5);
            out.writeShort(6);
            out.writeShort(1); // attributes: Code
            out.writeShort(11);
            out.writeInt(16); // max_stack, max_locals, code_length, 4 bytes of code, exception table, attributes
            out.writeShort(1); // max_stack
            out.writeShort(0); // max_locals
            out.writeInt(4);
            out.writeByte(0xB8); // invokestatic #10
            out.writeShort(10);
            out.writeByte(0xB0); // areturn
            out.writeShort(0); // exception table
            out.writeShort(0); // code attributes
            out.writeShort(0); // class attributes
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buf.toByteArray();
    }

    private static void utf8(DataOutputStream out, String s) throws IOException {
        out.writeByte(1);
        out.writeUTF(s); // modified UTF-8 with its length, as class files hold it
    }

    private static void classRef(DataOutputStream out, int name) throws IOException {
        out.writeByte(7);
        out.writeShort(name);
    }
}
