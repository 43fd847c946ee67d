// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.invoke.MethodHandles;
import org.junit.jupiter.api.Test;

/** The hand-written class file that gives hidden statements their lookup without a snippet (start-up). */
class LookupClassTest {
    @Test
    void jshellsLoaderDefinesItAndItsLookupMayDefineHiddenClasses() {
        jdk.jshell.execution.LoaderDelegate loader = HiddenStatements.jshellDefault();
        assertNotNull(loader, "JShell's default loader delegate should be reachable (surefire opens jdk.jshell)");
        MethodHandles.Lookup l = LookupClass.define(loader);
        assertNotNull(l, "the class should load and answer its lookup");
        assertEquals("REPL.$gradbook$Lookup", l.lookupClass().getName());
        assertEquals("REPL", l.lookupClass().getPackageName());
        assertTrue(l.hasFullPrivilegeAccess(), "defineHiddenClass needs full privilege access");
        HiddenStatements hidden = new HiddenStatements(loader);
        hidden.useLookup(l);
        assertTrue(hidden.enabled());
    }

    @Test
    void anEvaluatorStartsWithoutTheLookupSnippet() {
        try (JShellEvaluator e = new JShellEvaluator(CellClassPath.of(io.gradbook.autograd.Torch.class), java.util.List.of())) {
            assertTrue(e.hidesStatements(), "statements should load as hidden classes (the kernel's JVM options)");
            // the snippet way (the fallback) would give a lookup on a JShell wrapper class
            assertEquals(LookupClass.NAME, e.hiddenLookupClass(), "no snippet should have been needed for the lookup");
        }
    }
}
