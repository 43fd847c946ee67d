// SPDX-License-Identifier: Apache-2.0
package io.gradbook.kernel;

import io.gradbook.kernel.eval.CellError;
import io.gradbook.kernel.eval.JShellEvaluator;
import io.gradbook.kernel.runtime.Timing;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.VarSnippet;

/**
 * IPython's magics in Java cells, as IJava has them: a line starting with {@code %name} is a line magic, a first
 * line {@code %%name} makes the whole cell a cell magic. Line magics may sit between Java lines and run in order.
 * <ul>
 *   <li>{@code %timeit} and {@code %time} need the cell's variables, so their line becomes a Java call to
 *       {@link Timing} with the statement as a lambda, on the same line (error lines stay right);</li>
 *   <li>{@code %who}, {@code %reset}, {@code %jars}, {@code %classpath}, {@code %maven}, {@code %lsmagic} act on the
 *       session: the cell is cut around them and each Java piece runs with its original line numbers.</li>
 * </ul>
 */
final class Magics {
    private static final Pattern LINE_MAGIC = Pattern.compile("^(\\s*)%([A-Za-z]\\w*)(.*)$");
    private static final Pattern CELL_MAGIC = Pattern.compile("^\\s*%%([A-Za-z]\\w*)(.*)$");
    private static final List<String> LINE = List.of("classpath", "jars", "lsmagic", "maven", "reset", "time", "timeit", "who");
    private static final List<String> CELL = List.of("time", "timeit");
    private static final String TIMING = "io.gradbook.kernel.runtime.Timing";

    private final Supplier<JShellEvaluator> evaluator;
    private final Function<String, String> readLine;
    private final List<String> addedClassPath = new ArrayList<>();
    private String cellName;

    Magics(Supplier<JShellEvaluator> evaluator, Function<String, String> readLine) {
        this.evaluator = evaluator;
        this.readLine = readLine;
    }

    /** Whether a cell may hold magics at all (a cheap test before any parsing). */
    static boolean mayHaveMagics(String code) {
        return code.indexOf('%') >= 0 && (CELL_MAGIC.matcher(firstLine(code)).matches() || hasMagicLine(code));
    }

    private static boolean hasMagicLine(String code) {
        for (String line : code.split("\n", -1)) if (LINE_MAGIC.matcher(line).matches()) return true;
        return false;
    }

    /** Evaluates a cell (named In[n] in tracebacks) that may contain magics; the result is the last Java piece's. */
    JShellEvaluator.Result eval(String code, String cellName) throws CellError {
        this.cellName = cellName;
        if (!mayHaveMagics(code)) return evaluator.get().eval(code, cellName);
        String[] lines = code.split("\n", -1);
        int first = 0;
        while (first < lines.length && lines[first].isBlank()) first++;
        if (first < lines.length) {
            Matcher cm = CELL_MAGIC.matcher(lines[first]);
            if (cm.matches()) return cellMagic(cm.group(1), cm.group(2).trim(), lines, first);
        }
        // cut the cell at the session magics; rewrite the timing magics in place
        StringBuilder piece = new StringBuilder();
        JShellEvaluator.Result last = null;
        boolean inBlockComment = false, inTextBlock = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher m = inBlockComment || inTextBlock ? null : LINE_MAGIC.matcher(line);
            if (m != null && m.matches()) {
                String name = m.group(2), args = m.group(3).trim();
                if (name.equals("time") || name.equals("timeit")) {
                    String call = timingCall(name, args);
                    // %time on the cell's last line shows the value, as a last expression does: no semicolon
                    if (name.equals("time") && restIsBlank(lines, i + 1)) call = call.substring(0, call.length() - 1);
                    piece.append(m.group(1)).append(call).append('\n');
                    continue;
                }
                if (!LINE.contains(name)) throw usage("Line magic function `%" + name + "` not found.");
                last = runPiece(piece, last);
                lineMagic(name, args);
                last = null;
                piece.append('\n'); // keeps the next piece's line numbers those of the cell
                continue;
            }
            piece.append(line).append('\n');
            // track where a % at the start of a line is text, not a magic
            for (int k = 0; k < line.length(); k++) {
                if (inBlockComment) {
                    if (line.startsWith("*/", k)) {
                        inBlockComment = false;
                        k++;
                    }
                } else if (inTextBlock) {
                    if (line.startsWith("\"\"\"", k)) {
                        inTextBlock = false;
                        k += 2;
                    }
                } else if (line.startsWith("//", k)) {
                    break;
                } else if (line.startsWith("/*", k)) {
                    inBlockComment = true;
                    k++;
                } else if (line.startsWith("\"\"\"", k)) {
                    inTextBlock = true;
                    k += 2;
                } else if (line.charAt(k) == '"' || line.charAt(k) == '\'') {
                    char q = line.charAt(k);
                    for (k++; k < line.length() && line.charAt(k) != q; k++) if (line.charAt(k) == '\\') k++;
                }
            }
        }
        return runPiece(piece, last);
    }

    /** Runs the Java collected so far (if any), keeping its blank prefix so lines are numbered as in the cell. */
    private JShellEvaluator.Result runPiece(StringBuilder piece, JShellEvaluator.Result last) throws CellError {
        String code = piece.toString();
        int lines = 0;
        for (int i = 0; i < code.length(); i++) if (code.charAt(i) == '\n') lines++;
        JShellEvaluator.Result r = last;
        if (!code.isBlank()) r = evaluator.get().eval(code, cellName);
        piece.setLength(0);
        piece.append("\n".repeat(lines));
        return r;
    }

    // ---- %time and %timeit --------------------------------------------------------------------------------

    /** The Java call a {@code %timeit}/{@code %time} line stands for. */
    static String timingCall(String name, String args) throws CellError {
        if (name.equals("time")) {
            if (args.isEmpty()) throw usage("%time needs a statement or expression to time");
            return TIMING + ".time(() -> " + lambdaBody(args) + ");";
        }
        TimeitOptions o = TimeitOptions.parse(args);
        if (o.statement.isEmpty()) throw usage("%timeit needs a statement or expression to time");
        return TIMING + ".timeit(" + o.loops + ", " + o.runs + ", () -> " + lambdaBody(o.statement) + ");";
    }

    /**
     * An expression as the lambda's body (so javac picks the value or void form, as ExecutorService.submit does);
     * a statement, or several, as a block.
     */
    private static String lambdaBody(String code) {
        String c = code.strip();
        if (c.endsWith(";")) c = c.substring(0, c.length() - 1).strip();
        return c.contains(";") || c.startsWith("{") ? "{ " + c + "; }" : "(" + c + ")";
    }

    private record TimeitOptions(int loops, int runs, String statement) {
        static TimeitOptions parse(String args) throws CellError {
            int loops = 0, runs = 7;
            String rest = args.strip();
            while (rest.startsWith("-")) {
                String[] parts = rest.split("\\s+", 3);
                if (parts.length < 2 || !(parts[0].equals("-n") || parts[0].equals("-r"))) {
                    if (parts[0].equals("-n") || parts[0].equals("-r")) throw usage("%timeit " + parts[0] + " needs a number");
                    break;
                }
                int v;
                try {
                    v = Integer.parseInt(parts[1]);
                } catch (NumberFormatException e) {
                    throw usage("%timeit " + parts[0] + " needs a number, got " + parts[1]);
                }
                if (parts[0].equals("-n")) loops = v;
                else runs = v;
                rest = parts.length > 2 ? parts[2] : "";
            }
            if (loops < 0 || runs < 1) throw usage("%timeit needs -n ≥ 1 and -r ≥ 1");
            return new TimeitOptions(loops, runs, rest);
        }
    }

    private JShellEvaluator.Result cellMagic(String name, String args, String[] lines, int magicLine) throws CellError {
        if (!CELL.contains(name)) throw usage("Cell magic `%%" + name + "` not found.");
        StringBuilder body = new StringBuilder("\n".repeat(magicLine + 1));
        for (int i = magicLine + 1; i < lines.length; i++) body.append(lines[i]).append('\n');
        if (name.equals("time")) {
            Timing.Clock clock = Timing.Clock.start();
            try {
                return evaluator.get().eval(body.toString(), cellName);
            } finally {
                clock.print();
            }
        }
        TimeitOptions o = TimeitOptions.parse(args);
        // the setup (the rest of the magic line) runs once as ordinary cell code, so the body sees what it declares;
        // the body becomes a lambda in one Java call that starts on the magic's line, so the body keeps its lines
        String setup = o.statement.isBlank() ? "" : o.statement.strip().replaceAll(";$", "") + "; ";
        String call = setup + TIMING + ".timeit(" + o.loops + ", " + o.runs + ", () -> {" + body.substring(magicLine + 1) + "});";
        return evaluator.get().eval("\n".repeat(magicLine) + call, cellName);
    }

    // ---- the session magics -------------------------------------------------------------------------------

    private void lineMagic(String name, String args) throws CellError {
        switch (name) {
            case "who": who(args); break;
            case "reset": reset(args); break;
            case "jars": jars(args); break;
            case "classpath": classpath(args); break;
            case "maven": maven(args); break;
            case "lsmagic": lsmagic(); break;
            default: throw usage("Line magic function `%" + name + "` not found.");
        }
    }

    private JShell shell() {
        return evaluator.get().shell();
    }

    /** IPython's %who: the user's variables, sorted, each followed by a tab; optionally only of given types. */
    private void who(String args) {
        List<String> types = args.isBlank() ? List.of() : List.of(args.trim().split("\\s+"));
        TreeSet<String> names = new TreeSet<>();
        shell().variables().filter(v -> shell().status(v) == Snippet.Status.VALID)
                .filter(v -> types.isEmpty() || types.contains(simpleType(v)))
                .forEach(v -> names.add(v.name()));
        if (names.isEmpty()) {
            System.out.println(types.isEmpty() ? "Interactive namespace is empty." : "No variables match your requested type.");
            return;
        }
        StringBuilder sb = new StringBuilder();
        for (String n : names) sb.append(n).append('\t');
        System.out.println(sb);
    }

    private static String simpleType(VarSnippet v) {
        String t = v.typeName();
        int lt = t.indexOf('<');
        String raw = lt >= 0 ? t.substring(0, lt) : t;
        return raw.substring(raw.lastIndexOf('.') + 1);
    }

    /** IPython's %reset: drops every variable, method and class the cells declared (imports stay). */
    private void reset(String args) {
        boolean force = List.of(args.trim().split("\\s+")).contains("-f");
        if (!force) {
            String answer = readLine.apply("Once deleted, variables cannot be recovered. Proceed (y/[n])? ");
            if (answer == null || !answer.trim().toLowerCase(Locale.ROOT).startsWith("y")) {
                System.out.println("Nothing done.");
                return;
            }
        }
        JShell shell = shell();
        List<Snippet> drop = new ArrayList<>();
        shell.snippets().filter(s -> shell.status(s).isActive() && s.kind() != Snippet.Kind.IMPORT).forEach(drop::add);
        for (Snippet s : drop) shell.drop(s);
    }

    /** IJava's %jars: adds jar files (glob patterns allowed) to the cells' class path. */
    private void jars(String args) throws CellError {
        if (args.isBlank()) throw usage("%jars needs one or more jar paths or globs, e.g. %jars lib/*.jar");
        List<String> found = new ArrayList<>();
        for (String pattern : args.trim().split("\\s+")) {
            List<String> matched = glob(pattern);
            if (matched.isEmpty()) throw usage("%jars: no file matches " + pattern);
            found.addAll(matched);
        }
        add(found);
    }

    /** IJava's %classpath: adds directories or jars to the class path; with no argument, lists what was added. */
    private void classpath(String args) throws CellError {
        if (args.isBlank()) {
            System.out.println(addedClassPath.isEmpty() ? "(nothing added: cells see the Gradbook API and the JDK)" : String.join(java.io.File.pathSeparator, addedClassPath));
            return;
        }
        List<String> entries = new ArrayList<>();
        for (String e : args.trim().split("[\\s" + java.io.File.pathSeparator + "]+")) {
            Path p = Path.of(expandHome(e)).toAbsolutePath().normalize();
            if (!Files.exists(p)) throw usage("%classpath: " + e + " does not exist");
            entries.add(p.toString());
        }
        add(entries);
    }

    private void add(List<String> entries) {
        for (String e : entries) {
            if (addedClassPath.contains(e)) continue;
            shell().addToClasspath(e);
            addedClassPath.add(e);
        }
        System.out.println("added to the class path: " + String.join(", ", entries.stream().map(s -> Path.of(s).getFileName().toString()).toList()));
    }

    /**
     * IJava's %maven group:artifact:version: resolves it and its dependencies with Maven (offline from the local
     * repository first, then from the remote repositories), and adds the jars to the class path.
     */
    private void maven(String args) throws CellError {
        if (args.isBlank()) throw usage("%maven needs coordinates group:artifact:version, e.g. %maven org.apache.commons:commons-math3:3.6.1");
        List<String> coords = List.of(args.trim().split("\\s+"));
        for (String c : coords) {
            if (!c.matches("[\\w.\\-]+:[\\w.\\-]+:[\\w.\\-]+")) throw usage("%maven: " + c + " is not group:artifact:version");
        }
        List<String> jars = MavenResolver.resolve(coords);
        add(jars);
    }

    private void lsmagic() {
        System.out.println("Available line magics:");
        System.out.println(String.join("  ", LINE.stream().map(n -> "%" + n).toList()));
        System.out.println();
        System.out.println("Available cell magics:");
        System.out.println(String.join("  ", CELL.stream().map(n -> "%%" + n).toList()));
    }

    private static List<String> glob(String pattern) throws CellError {
        Path p = Path.of(expandHome(pattern));
        Path dir = p.getParent() == null ? Path.of(".") : p.getParent();
        String name = p.getFileName().toString();
        List<String> out = new ArrayList<>();
        if (!name.contains("*") && !name.contains("?")) {
            if (Files.isRegularFile(p)) out.add(p.toAbsolutePath().normalize().toString());
            return out;
        }
        if (!Files.isDirectory(dir)) return out;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, name)) {
            for (Path f : ds) if (Files.isRegularFile(f)) out.add(f.toAbsolutePath().normalize().toString());
        } catch (IOException e) {
            throw usage("%jars: cannot list " + dir + ": " + e.getMessage());
        }
        out.sort(null);
        return out;
    }

    private static String expandHome(String p) {
        return p.startsWith("~/") ? System.getProperty("user.home") + p.substring(1) : p;
    }

    private static boolean restIsBlank(String[] lines, int from) {
        for (int i = from; i < lines.length; i++) if (!lines[i].isBlank()) return false;
        return true;
    }

    private static String firstLine(String code) {
        String t = code.stripLeading();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }

    static CellError usage(String message) {
        return new CellError("UsageError", message, List.of("UsageError: " + message));
    }

    /** Maven resolution through the mvn command (as installed for building Gradbook), offline first. */
    static final class MavenResolver {
        private MavenResolver() {}

        // the dependency plugin at the version the Gradbook build itself uses, so offline resolution finds it

        static List<String> resolve(List<String> coords) throws CellError {
            Path dir;
            try {
                dir = Files.createTempDirectory("gradbook-maven-");
                StringBuilder deps = new StringBuilder();
                for (String c : coords) {
                    String[] g = c.split(":");
                    deps.append("<dependency><groupId>").append(g[0]).append("</groupId><artifactId>").append(g[1]).append("</artifactId><version>").append(g[2]).append("</version></dependency>");
                }
                Files.writeString(dir.resolve("pom.xml"), "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>"
                        + "<groupId>gradbook.cell</groupId><artifactId>cell</artifactId><version>1</version><dependencies>" + deps + "</dependencies></project>");
            } catch (IOException e) {
                throw usage("%maven: cannot write a temporary project: " + e.getMessage());
            }
            String mvn = findMvn();
            if (mvn == null) return fromLocalRepository(coords);
            String log = "";
            for (boolean offline : new boolean[] {true, false}) {
                List<String> cmd = new ArrayList<>(List.of(mvn, "-q", "-B", "-ntp", "org.apache.maven.plugins:maven-dependency-plugin:3.6.1:build-classpath", "-Dmdep.outputFile=cp.txt"));
                if (offline) cmd.add(1, "-o");
                try {
                    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
                    byte[] out = p.getInputStream().readAllBytes();
                    if (!p.waitFor(180, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                        continue;
                    }
                    log = new String(out);
                    Path cp = dir.resolve("cp.txt");
                    if (p.exitValue() == 0 && Files.exists(cp)) {
                        String text = Files.readString(cp).trim();
                        return text.isEmpty() ? List.of() : List.of(text.split(java.io.File.pathSeparator));
                    }
                } catch (IOException e) {
                    log = e.getMessage();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw usage("%maven: interrupted");
                }
            }
            String why = log.lines().filter(l -> l.contains("ERROR")).findFirst().orElse(log.strip());
            throw new CellError("MavenResolutionError", "could not resolve " + String.join(", ", coords)
                    + " from the local repository or the remote ones (offline?): " + why,
                    List.of("MavenResolutionError: could not resolve " + String.join(", ", coords), why));
        }

        /** Without mvn: the artifacts themselves from ~/.m2 (no transitive dependencies), or a clear error. */
        private static List<String> fromLocalRepository(List<String> coords) throws CellError {
            List<String> out = new ArrayList<>();
            Path repo = Path.of(System.getProperty("user.home"), ".m2", "repository");
            for (String c : coords) {
                String[] g = c.split(":");
                Path jar = repo.resolve(g[0].replace('.', '/')).resolve(g[1]).resolve(g[2]).resolve(g[1] + "-" + g[2] + ".jar");
                if (!Files.isRegularFile(jar)) throw new CellError("MavenResolutionError", c + " is not in " + repo + " and there is no mvn command to download it",
                        List.of("MavenResolutionError: " + c + " is not in " + repo + " and there is no mvn command to download it"));
                out.add(jar.toString());
            }
            return out;
        }

        private static String findMvn() {
            for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
                Path p = Path.of(d, "mvn");
                if (Files.isExecutable(p)) return p.toString();
            }
            return null;
        }
    }
}
