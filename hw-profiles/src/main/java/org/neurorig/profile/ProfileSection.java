package org.neurorig.profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Typed reading of one table of a profile. Each getter names its key once, checks the value's type and
 * range, and records a problem (with the file and line) instead of throwing, so that one pass finds every
 * mistake. Keys no getter asked for are reported as unknown, with the nearest known key as a suggestion:
 * the set of keys a section accepts is exactly the set its reader asks for, written in one place.
 *
 * <p>A getter whose value has a problem returns its default (or, for a required key, the low end of its
 * range): whatever the reader builds from the values then still builds, and the rest of the file is
 * read. A check across keys asks {@link #valid} first, so that one mistake is reported once, not again
 * by every check it feeds.
 */
public final class ProfileSection {

    private final String path;
    private final ProfileNode.Table table;
    private final boolean present;
    private final List<ProfileProblem> problems;
    private final List<ProfileSection> children = new ArrayList<>();
    private final Set<String> known = new LinkedHashSet<>();
    private final Set<String> faulty = new LinkedHashSet<>();
    private final Map<String, NumericKey> numeric = new LinkedHashMap<>();

    private ProfileSection(String path, ProfileNode.Table table, boolean present, List<ProfileProblem> problems) {
        this.path = path;
        this.table = table;
        this.present = present;
        this.problems = problems;
    }

    static ProfileSection root(ProfileNode.Table table, List<ProfileProblem> problems) {
        return new ProfileSection("", table, true, problems);
    }

    /** Whether this table was written in the profile (a missing optional table reads as all defaults). */
    public boolean present() {
        return present;
    }

    /** Whether {@code key} was written here; asking marks it as known. */
    public boolean has(String key) {
        known.add(key);
        return table.entries().containsKey(key);
    }

    /** The dotted name of {@code key} in this section, as messages print it. */
    public String keyName(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Where {@code key} was written, or where this table was when it is missing. */
    public Origin originOf(String key) {
        ProfileNode node = table.entries().get(key);
        return node != null ? node.origin() : table.origin();
    }

    /** Records a problem with {@code key} found by a check across several keys (a pin used twice). */
    public void problem(String key, String message) {
        faulty.add(key);
        problems.add(new ProfileProblem(originOf(key), keyName(key), message));
    }

    /**
     * Whether {@code key} was written here and nothing is wrong with it so far: a check across keys runs
     * only on valid values, or it would blame a second key for the first one's mistake.
     */
    public boolean valid(String key) {
        return has(key) && !faulty.contains(key);
    }

    /** {@code key} and its value as a message cites another key: {@code network.tau = 0.05 (FILE:LINE)}. */
    public String cite(String key, double value) {
        return keyName(key) + " = " + format(value) + " (" + originOf(key) + ")";
    }

    /** An integer in [min, max]; {@code fallback} null makes the key required. */
    public long integer(String key, long min, long max, Long fallback) {
        numeric.putIfAbsent(key, new NumericKey(keyName(key), true, min, max));
        long instead = fallback == null ? min : fallback;
        Object v = value(key, fallback == null ? "an integer in [" + min + ", " + max + "]" : null);
        if (v == null) {
            return instead;
        }
        if (!(v instanceof Long l)) {
            wrongType(key, "an integer in [" + min + ", " + max + "]", v);
            return instead;
        }
        if (l < min || l > max) {
            problem(key, l + " is out of range: expected an integer in [" + min + ", " + max + "]");
            return instead;
        }
        return l;
    }

    /** A finite number in [min, max] (an integer is accepted); {@code fallback} null makes it required. */
    public double number(String key, double min, double max, Double fallback) {
        numeric.putIfAbsent(key, new NumericKey(keyName(key), false, min, max));
        double instead = fallback == null ? min : fallback;
        String expected = "a number in [" + format(min) + ", " + format(max) + "]";
        Object v = value(key, fallback == null ? expected : null);
        if (v == null) {
            return instead;
        }
        double d;
        if (v instanceof Long l) {
            d = l;
        } else if (v instanceof Double x) {
            d = x;
        } else {
            wrongType(key, expected, v);
            return instead;
        }
        if (!(d >= min && d <= max)) {
            problem(key, format(d) + " is out of range: expected " + expected);
            return instead;
        }
        return d;
    }

    /**
     * A finite number whose range another check decides (e.g. the runtime's own validation);
     * {@code expected} describes it in a type error. Absent or of the wrong type, {@code fallback}.
     */
    public double number(String key, String expected, double fallback) {
        numeric.putIfAbsent(key, new NumericKey(keyName(key), false, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY));
        Object v = value(key, null);
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Double d && Double.isFinite(d)) {
            return d;
        }
        if (v != null) {
            wrongType(key, expected, v);
        }
        return fallback;
    }

    /** A non-empty string; {@code fallback} null makes it required. */
    public String string(String key, String fallback) {
        Object v = value(key, fallback == null ? "a string" : null);
        if (v == null) {
            return fallback == null ? "" : fallback;
        }
        if (!(v instanceof String s)) {
            wrongType(key, "a string", v);
            return fallback == null ? "" : fallback;
        }
        if (s.isBlank()) {
            problem(key, "is empty: expected a non-empty string");
        }
        return s;
    }

    /** true or false; {@code fallback} null makes it required. */
    public boolean bool(String key, Boolean fallback) {
        Object v = value(key, fallback == null ? "true or false" : null);
        if (v == null) {
            return fallback != null && fallback;
        }
        if (!(v instanceof Boolean b)) {
            wrongType(key, "true or false", v);
            return fallback != null && fallback;
        }
        return b;
    }

    /** One of the names in {@code choices} (case-insensitive); {@code fallback} null makes it required. */
    public <E> E choice(String key, Map<String, E> choices, E fallback) {
        String expected = "one of " + String.join(", ", choices.keySet());
        Object v = value(key, fallback == null ? expected : null);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof String s)) {
            wrongType(key, expected, v);
            return fallback;
        }
        String normalized = s.strip().toLowerCase(Locale.ROOT);
        E chosen = choices.get(normalized);
        if (chosen == null) {
            String near = NearestName.of(normalized, choices.keySet());
            problem(key, "\"" + s + "\" is not " + expected + (near == null ? "" : "; did you mean \"" + near + "\"?"));
            return fallback;
        }
        return chosen;
    }

    /**
     * A list of names, each one of {@code choices} (case-insensitive), written as a TOML array such as
     * {@code ["readout", "recurrent"]}; {@code fallback} null makes the key required.
     */
    public <E> List<E> choiceList(String key, Map<String, E> choices, List<E> fallback) {
        String expected = "a list of " + String.join(", ", choices.keySet()) + ", e.g. [\"" + choices.keySet().iterator().next() + "\"]";
        Object v = value(key, fallback == null ? expected : null);
        if (v == null) {
            return fallback == null ? List.of() : fallback;
        }
        if (!(v instanceof List<?> items)) {
            wrongType(key, expected, v);
            return fallback == null ? List.of() : fallback;
        }
        if (items.isEmpty()) {
            problem(key, "is an empty list: expected at least one of " + String.join(", ", choices.keySet()));
            return fallback == null ? List.of() : fallback;
        }
        List<E> chosen = new ArrayList<>();
        for (Object item : items) {
            if (!(item instanceof String name)) {
                problem(key, "holds " + describeValue(item) + ": expected " + expected);
                continue;
            }
            E e = choices.get(name.strip().toLowerCase(Locale.ROOT));
            if (e == null) {
                String near = NearestName.of(name, choices.keySet());
                problem(key, "holds \"" + name + "\", which is not one of " + String.join(", ", choices.keySet())
                        + (near == null ? "" : "; did you mean \"" + near + "\"?"));
            } else if (!chosen.contains(e)) {
                chosen.add(e);
            }
        }
        return chosen;
    }

    /**
     * A table of this section; an absent optional one reads as empty (every key at its default). Asking
     * again gives the same section, with what it has read so far.
     */
    public ProfileSection section(String key, boolean required) {
        known.add(key);
        for (ProfileSection child : children) {
            if (child.path.equals(keyName(key))) {
                return child;
            }
        }
        ProfileNode node = table.entries().get(key);
        ProfileSection child;
        if (node instanceof ProfileNode.Table t) {
            child = new ProfileSection(keyName(key), t, true, problems);
        } else {
            if (node == null && required) {
                problems.add(new ProfileProblem(table.origin(), keyName(key), "is missing: add a [" + keyName(key) + "] table"));
            } else if (node != null) {
                problem(key, "must be a table ([" + keyName(key) + "]), not " + describe(node));
            }
            child = new ProfileSection(keyName(key), new ProfileNode.Table(originOf(key)), false, problems);
        }
        children.add(child);
        return child;
    }

    /** A list of tables ({@code [[key]]}), in the order written; absent reads as empty. */
    public List<ProfileSection> sections(String key) {
        known.add(key);
        ProfileNode node = table.entries().get(key);
        List<ProfileSection> list = new ArrayList<>();
        if (node instanceof ProfileNode.TableList tl) {
            for (int i = 0; i < tl.tables().size(); i++) {
                ProfileSection child = new ProfileSection(keyName(key) + "[" + i + "]", tl.tables().get(i), true, problems);
                children.add(child);
                list.add(child);
            }
        } else if (node != null) {
            problem(key, "must be a list of tables ([[" + keyName(key) + "]]), not " + describe(node));
        }
        return list;
    }

    /** The keys written in this table that no getter has asked for yet (used for open-ended tables). */
    public List<String> unreadKeys() {
        List<String> unread = new ArrayList<>();
        for (String k : table.entries().keySet()) {
            if (!known.contains(k)) {
                unread.add(k);
            }
        }
        return unread;
    }

    /** The keys a reader has asked for so far: exactly the keys this table accepts once reading is done. */
    List<String> knownKeys() {
        return List.copyOf(known);
    }

    /**
     * A numeric key a reader asked for, with the range its getter checks (infinite when another check
     * decides it).
     *
     * @param key     the dotted key, e.g. {@code network.tau} or {@code sensors[0].min}
     * @param integer whether it takes integers only
     * @param min     the lowest value the getter accepts
     * @param max     the highest
     */
    record NumericKey(String key, boolean integer, double min, double max) {
    }

    /** Every numeric key this section and its children asked for, in reading order. */
    List<NumericKey> numericKeys() {
        List<NumericKey> all = new ArrayList<>(numeric.values());
        for (ProfileSection child : children) {
            all.addAll(child.numericKeys());
        }
        return all;
    }

    /** An empty table read only to learn which keys a reader asks for; its problems go nowhere. */
    static ProfileSection probe() {
        return new ProfileSection("", new ProfileNode.Table(new Origin("probe", 0)), true, new ArrayList<>());
    }

    /** Reports every key of this section and its children that nothing asked for, with a suggestion. */
    void reportUnknownKeys() {
        for (String k : unreadKeys()) {
            String near = NearestName.of(k, known);
            String hint = near != null ? "did you mean " + keyName(near) + "?"
                    : known.isEmpty() ? "this table takes no keys here" : "expected one of " + String.join(", ", known);
            problem(k, "unknown key; " + hint);
        }
        for (ProfileSection child : children) {
            child.reportUnknownKeys();
        }
    }

    private Object value(String key, String requiredExpectation) {
        known.add(key);
        ProfileNode node = table.entries().get(key);
        if (node == null) {
            if (requiredExpectation != null) {
                faulty.add(key);
                problems.add(new ProfileProblem(table.origin(), keyName(key), "is missing: expected " + requiredExpectation));
            }
            return null;
        }
        if (!(node instanceof ProfileNode.Value v)) {
            problem(key, "must be a value, not " + describe(node));
            return null;
        }
        // names and units end up on terminals, which act on control characters (escape sequences) instead
        // of showing them; refused here, once, so no message below echoes one
        String control = v.value() instanceof List<?> items
                ? items.stream().map(ProfileSection::controlCharacter).filter(c -> c != null).findFirst().orElse(null)
                : controlCharacter(v.value());
        if (control != null) {
            problem(key, "the string " + control + ": remove it (a terminal would act on it instead of showing it)");
            return null;
        }
        return v.value();
    }

    /**
     * The first control character in {@code value} if it is a string, named by its Java escape (a backslash,
     * u, four hex digits) and its position: {@code holds the control character ... at character 3}; null
     * when it holds none (or is not a string).
     */
    static String controlCharacter(Object value) {
        if (value instanceof String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (Character.isISOControl(c)) {
                    return String.format(Locale.ROOT, "holds the control character \\u%04X at character %d", (int) c, i + 1);
                }
            }
        }
        return null;
    }

    private void wrongType(String key, String expected, Object got) {
        problem(key, "expected " + expected + ", got " + describeValue(got));
    }

    private static String describe(ProfileNode node) {
        return switch (node) {
            case ProfileNode.Table t -> "a table";
            case ProfileNode.TableList l -> "a list of tables";
            case ProfileNode.Value v -> describeValue(v.value());
        };
    }

    private static String describeValue(Object v) {
        return switch (v) {
            case String s -> "the string \"" + s + "\"";
            case Long l -> "the integer " + l;
            case Double d -> "the number " + format(d);
            case Boolean b -> "the boolean " + b;
            case List<?> l -> "a list";
            default -> "a " + v.getClass().getSimpleName();
        };
    }

    /**
     * A number as a profile would write it: {@code 50}, not {@code 50.0}; {@code 0.02} as is; {@code 0.000001},
     * not {@code 1.0E-6} (only a number smaller still keeps its exponent).
     */
    public static String format(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        if (Double.isFinite(d) && Math.abs(d) >= 1e-7 && Math.abs(d) < 1e15) {
            return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        return Double.toString(d);
    }

    /** A choice map that keeps the order the choices are listed in messages. */
    @SafeVarargs
    public static <E> Map<String, E> choices(Map.Entry<String, E>... entries) {
        Map<String, E> map = new LinkedHashMap<>();
        for (Map.Entry<String, E> e : entries) {
            map.put(e.getKey(), e.getValue());
        }
        return map;
    }
}
