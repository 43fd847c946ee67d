// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel.eval;

import java.util.List;
import java.util.Set;

/**
 * JShell's compiler warmed up while the kernel is idle, so that a student's cells after a pause are not compiled by a
 * cold javac. Every cell is compiled by javac in the kernel, and javac's methods run interpreted, then in C1's code,
 * only after a few hundred calls: most are called a few times a cell, so a fresh kernel's cells stay slow for their
 * first ~150 (a warm {@code 1 + 1} 47 ms over cells 1-25, 38 over 26-50, ~20 from 150 on, on the 2-vCPU machine:
 * bench/RESULTS.md, eighteenth session). Each round compiles and runs one snippet shaped like a course cell (a
 * trailing call, a trailing value, a variable, a block with backward, a loop, a method, a class) down the path such a
 * cell takes, and forgets it ({@link JShellEvaluator#warmUpWhileIdle}).
 *
 * <p>What a snippet runs leaves nothing a user can see: it prints nothing, draws no random numbers, warns of nothing,
 * and declares only names that start with {@code $gradbook$}, dropped at once. Its unqualified names are the
 * session's imported API ({@link #API_METHODS}, {@link #API_TYPES}): the rounds are skipped while the session declares
 * or imports one of them itself, so the warm-up never calls a student's code.
 */
public final class CompilerWarmUp {
    /** The snippets, run in turn. */
    static final List<String> SNIPPETS = List.of(
            "ones(2, 2).requiresGrad_()",
            "var $gradbook$x = tensor(new double[] {1, 2, 3}).requiresGrad_();",
            "ones(3).mul(2).sum().item() * 2",
            "{ Tensor a = ones(2, 2).requiresGrad_(); Tensor b = a.mul(a).add(1).mean(); b.backward(); }",
            "for (int $gradbook$i = 0; $gradbook$i < 2; $gradbook$i++) zeros(3).add(1).sum();",
            "double $gradbook$twice(double v) { return 2 * v; }",
            "String.format(\"%.4f\", ones(4).mul(0.5).mean().item())",
            "class $gradbook$Net extends Module {\n    Tensor w = zeros(2);\n"
                    + "    public Tensor forward(Tensor x) { return x.mul(w).sum(); }\n}",
            "Math.sqrt(2.0) + ones(1).item()",
            "if (ones(1).item() > 0) { Tensor t = zeros(2, 3); t.t().shape(); }");

    /** The methods the snippets call by their unqualified names, from the session's imports. */
    static final Set<String> API_METHODS = Set.of("ones", "zeros", "tensor");
    /** The types the snippets name unqualified (a variable of such a name would hide the type too). */
    static final Set<String> API_TYPES = Set.of("Tensor", "Module", "String", "Math");

    /** Rounds in all ({@code -Dgradbook.warmup.compilerRounds=N}; 0: none). */
    public static final int ROUNDS = Integer.getInteger("gradbook.warmup.compilerRounds", 200);

    /** What became of a snippet: not compiled (a request had started), compiled and run, or failed to. */
    enum Outcome { GAVE_WAY, RAN, FAILED }

    private final JShellEvaluator evaluator;
    private final int rounds;
    private int round, failed;

    public CompilerWarmUp(JShellEvaluator evaluator) {
        this(evaluator, ROUNDS);
    }

    CompilerWarmUp(JShellEvaluator evaluator, int rounds) {
        this.evaluator = evaluator;
        this.rounds = rounds;
    }

    /**
     * Compiles and runs the next snippet unless a request has started; returns whether rounds are left. A round
     * given way to a request is run again later; a skipped snippet (the session declares or imports one of its names) counts.
     */
    public boolean step() {
        if (isDone()) return false;
        String code = SNIPPETS.get(round % SNIPPETS.size());
        Outcome o = evaluator.warmUpWhileIdle(code, API_METHODS, API_TYPES);
        if (o == Outcome.FAILED) failed++;
        if (o != Outcome.GAVE_WAY) round++;
        return !isDone();
    }

    /** Rounds whose snippet did not compile and run (skipped for a student's name, or failing in this session). */
    public int roundsFailed() {
        return failed;
    }

    public boolean isDone() {
        return round >= rounds;
    }

    public int roundsDone() {
        return round;
    }
}
