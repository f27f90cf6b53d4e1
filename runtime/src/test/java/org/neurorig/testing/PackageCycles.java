package org.neurorig.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;

/**
 * The package cycles among a module's own classes, from the JDK's jdeps (a {@link ToolProvider}, so no
 * process and nothing to install). A cycle is a set of packages each of which reaches every other
 * through the dependencies between the classes: a strongly connected component of more than one.
 */
public final class PackageCycles {

    private PackageCycles() {
    }

    /** Each cycle among the packages of the class directory {@code classes}, its packages sorted; none is empty. */
    public static List<Set<String>> in(Path classes) {
        if (!Files.isDirectory(classes)) {
            throw new IllegalArgumentException(classes.toAbsolutePath() + " is not a directory of compiled classes");
        }
        return cycles(dependencies(classes));
    }

    /** Package -> the packages it uses, both in {@code classes}; from jdeps' per-package summary. */
    static Map<String, Set<String>> dependencies(Path classes) {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps")
                .orElseThrow(() -> new IllegalStateException("this JDK has no jdeps (module jdk.jdeps)"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = jdeps.run(new PrintWriter(out), new PrintWriter(err), "-verbose:package", "-filter:none", "-e",
                "org\\.neurorig\\..*", classes.toString());
        if (rc != 0) {
            throw new IllegalStateException("jdeps " + classes + " exited " + rc + ": " + err);
        }
        // "   org.neurorig.a   -> org.neurorig.b   classes": the last word names where b was found, and
        // only a package found in the directory itself (a split package may also be found elsewhere) counts
        String archive = classes.getFileName().toString();
        Map<String, Set<String>> uses = new TreeMap<>();
        for (String line : out.toString().split("\n")) {
            String[] w = line.trim().split("\\s+");
            if (w.length == 4 && w[1].equals("->") && w[3].equals(archive)) {
                Set<String> targets = uses.computeIfAbsent(w[0], k -> new TreeSet<>());
                if (!w[0].equals(w[2])) {
                    targets.add(w[2]);
                }
            }
        }
        return uses;
    }

    /** The strongly connected components of more than one package (Tarjan's algorithm). */
    static List<Set<String>> cycles(Map<String, Set<String>> uses) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<Set<String>> found = new ArrayList<>();
        for (String p : uses.keySet()) {
            if (!index.containsKey(p)) {
                connect(p, uses, index, low, stack, onStack, found);
            }
        }
        return found;
    }

    private static void connect(String p, Map<String, Set<String>> uses, Map<String, Integer> index,
            Map<String, Integer> low, Deque<String> stack, Set<String> onStack, List<Set<String>> found) {
        index.put(p, index.size());
        low.put(p, index.get(p));
        stack.push(p);
        onStack.add(p);
        for (String q : uses.getOrDefault(p, Set.of())) {
            if (!index.containsKey(q)) {
                connect(q, uses, index, low, stack, onStack, found);
                low.put(p, Math.min(low.get(p), low.get(q)));
            } else if (onStack.contains(q)) {
                low.put(p, Math.min(low.get(p), index.get(q)));
            }
        }
        if (low.get(p).equals(index.get(p))) {
            Set<String> component = new TreeSet<>();
            String q;
            do {
                q = stack.pop();
                onStack.remove(q);
                component.add(q);
            } while (!q.equals(p));
            if (component.size() > 1) {
                found.add(component);
            }
        }
    }
}
