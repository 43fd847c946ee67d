// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.eval;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The field and method names of a class file, read from its bytes: enough to tell a statement's wrapper (it runs
 * {@code do_it$} and keeps at most a temporary {@code $n} value) from a declaration's (a method, or a variable's
 * field), whatever the cell splitter guessed. Only a statement's wrapper may become a hidden class.
 */
final class WrapperShape {
    final List<String> fields = new ArrayList<>();
    final List<String> methods = new ArrayList<>();

    private WrapperShape() {}

    /** The shape of a class file, or null when the bytes are not one this reader understands. */
    static WrapperShape of(byte[] classFile) {
        try {
            ByteBuffer b = ByteBuffer.wrap(classFile);
            if (b.getInt() != 0xCAFEBABE) return null;
            b.getInt(); // minor, major version
            int count = b.getShort() & 0xFFFF;
            String[] utf8 = new String[count];
            for (int i = 1; i < count; i++) {
                int tag = b.get();
                switch (tag) {
                    case 1: {
                        int len = b.getShort() & 0xFFFF;
                        // modified UTF-8: names here are plain ASCII; others only need to compare unequal
                        utf8[i] = new String(classFile, b.position(), len, StandardCharsets.UTF_8);
                        b.position(b.position() + len);
                        break;
                    }
                    case 7: case 8: case 16: case 19: case 20: b.position(b.position() + 2); break;
                    case 15: b.position(b.position() + 3); break;
                    case 3: case 4: case 9: case 10: case 11: case 12: case 17: case 18: b.position(b.position() + 4); break;
                    case 5: case 6: b.position(b.position() + 8); i++; break; // a long or double takes two slots
                    default: return null;
                }
            }
            b.position(b.position() + 6); // access flags, this class, super class
            int interfaces = b.getShort() & 0xFFFF;
            b.position(b.position() + 2 * interfaces);
            WrapperShape s = new WrapperShape();
            members(b, utf8, s.fields);
            members(b, utf8, s.methods);
            return s;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void members(ByteBuffer b, String[] utf8, List<String> names) {
        int n = b.getShort() & 0xFFFF;
        for (int i = 0; i < n; i++) {
            b.getShort(); // access flags
            names.add(utf8[b.getShort() & 0xFFFF]);
            b.getShort(); // descriptor
            int attributes = b.getShort() & 0xFFFF;
            for (int a = 0; a < attributes; a++) {
                b.getShort(); // name
                int length = b.getInt();
                b.position(b.position() + length);
            }
        }
    }

    /**
     * A statement's or an expression's wrapper: it runs do_it$ and declares nothing a later cell could name. A
     * lambda's body is a method of the wrapper that the lambda's generated class names by the wrapper's name, which
     * a hidden class does not have (JDK 17: NoClassDefFoundError): a wrapper with lambdas is not counted.
     */
    boolean isStatement() {
        return methods.contains("do_it$") && fields.stream().allMatch(f -> f != null && f.startsWith("$"))
                && methods.stream().noneMatch(m -> m == null || m.startsWith("lambda$"));
    }
}
