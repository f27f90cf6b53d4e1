package org.neurorig.profile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tomlj.TomlParseResult;

/**
 * Loads a rig profile: finds it (a shipped name or a file), resolves {@code extends} chains, lays
 * command-line overrides ({@code --set key=value}) over it, and validates the result. Either every
 * check passes and a {@link RigProfile} comes back, or a {@link ProfileException} lists every problem.
 */
public final class ProfileLoader {

    private ProfileLoader() {
    }

    /**
     * Loads {@code reference} (a shipped profile's name, or a path to a {@code .toml} file) with
     * {@code overrides} of the form {@code key=value} (value in TOML syntax; a bare word is a string).
     */
    public static RigProfile load(String reference, List<String> overrides) throws ProfileException {
        ProfileNode.Table merged = resolve(reference, overrides);
        List<ProfileProblem> problems = new ArrayList<>();
        ProfileSection root = ProfileSection.root(merged, problems);
        RigProfile profile = RigProfileReader.read(root, displayName(reference));
        root.reportUnknownKeys();
        if (!problems.isEmpty()) {
            throw new ProfileException(problems);
        }
        return profile;
    }

    /** The merged tree of a profile and its overrides, before validation ({@code profiles show} prints it). */
    static ProfileNode.Table resolve(String reference, List<String> overrides) throws ProfileException {
        ProfileNode.Table merged = resolve(reference, null, new ArrayList<>(), null);
        List<ProfileProblem> problems = new ArrayList<>();
        for (String override : overrides) {
            apply(merged, override, problems);
        }
        if (!problems.isEmpty()) {
            throw new ProfileException(problems);
        }
        return merged;
    }

    private record Source(String id, String display, Path file, String text) {
    }

    private static ProfileNode.Table resolve(String reference, Path relativeTo, List<String> chain, Origin extendsAt)
            throws ProfileException {
        Source source = locate(reference, relativeTo, extendsAt);
        if (chain.contains(source.id())) {
            List<String> cycle = new ArrayList<>(chain.subList(chain.indexOf(source.id()), chain.size()));
            cycle.add(source.id());
            throw new ProfileException(new ProfileProblem(extendsAt, "extends",
                    "profiles extend each other in a cycle (" + String.join(" -> ", cycle) + "): one of them must not extend the other"));
        }
        chain.add(source.id());
        String text = source.text() != null ? source.text() : fileText(source, extendsAt);
        ProfileNode.Table table = ProfileReader.parse(text, source.display());
        ProfileNode parentRef = table.entries().remove("extends");
        if (parentRef == null) {
            return table;
        }
        if (!(parentRef instanceof ProfileNode.Value v) || !(v.value() instanceof String parentName) || parentName.isBlank()) {
            throw new ProfileException(new ProfileProblem(parentRef.origin(), "extends",
                    "expected the name of a profile or the path of a .toml file, as a string"));
        }
        Path dir = source.file() == null ? null : source.file().toAbsolutePath().getParent();
        ProfileNode.Table parent = resolve(parentName, dir, chain, parentRef.origin());
        return parent.overlaidWith(table);
    }

    /**
     * The text of a profile file; one that cannot be read as a profile is reported where it is named: on
     * the command line, or at the {@code extends} line that leads to it.
     */
    private static String fileText(Source source, Origin extendsAt) throws ProfileException {
        try {
            return ProfileFile.text(source.file(), source.display());
        } catch (ProfileException e) {
            if (extendsAt == null) {
                throw e;
            }
            ProfileProblem p = e.problems().getFirst();
            throw new ProfileException(new ProfileProblem(extendsAt, "extends", source.display() + ": " + p.message()));
        }
    }

    private static Source locate(String reference, Path relativeTo, Origin extendsAt) throws ProfileException {
        if (!ProfileCatalog.looksLikePath(reference)) {
            String text = ProfileCatalog.text(reference).orElse(null);
            if (text == null) {
                String near = NearestName.of(reference, ProfileCatalog.names());
                String message = "no profile named '" + reference + "'"
                        + (near != null ? "; did you mean '" + near + "'?" : "; the shipped profiles are "
                        + String.join(", ", ProfileCatalog.names()) + " (or give the path of a .toml file)");
                throw new ProfileException(new ProfileProblem(extendsAt == null ? new Origin(reference, 0) : extendsAt,
                        extendsAt == null ? "" : "extends", message));
            }
            return new Source("profile " + reference, "hw-profiles/profiles/" + reference + ".toml", null, text);
        }
        Path path = relativeTo == null ? Path.of(reference) : relativeTo.resolve(reference);
        Path id;
        try {
            id = path.toRealPath();
        } catch (IOException e) {
            id = path.toAbsolutePath().normalize();
        }
        return new Source(id.toString(), relativeTo == null ? reference : path.toString(), path, null);
    }

    private static String displayName(String reference) {
        String file = Path.of(reference).getFileName().toString();
        return file.endsWith(".toml") ? file.substring(0, file.length() - 5) : file;
    }

    /** Applies one {@code key=value} override; {@code sensors[1].scale=2} reaches into a list of tables. */
    private static void apply(ProfileNode.Table root, String override, List<ProfileProblem> problems) {
        int eq = override.indexOf('=');
        if (eq <= 0) {
            problems.add(new ProfileProblem(Origin.COMMAND_LINE, "", "'" + override
                    + "' is not key=value: write for example --set learning.eta=0.01"));
            return;
        }
        String key = override.substring(0, eq).strip();
        String text = override.substring(eq + 1).strip();
        Object value = parseValue(text);
        String[] parts = key.split("\\.");
        ProfileNode.Table table = root;
        for (int i = 0; i < parts.length - 1; i++) {
            table = child(table, parts[i], key, problems);
            if (table == null) {
                return;
            }
        }
        String last = parts[parts.length - 1];
        if (last.isEmpty() || last.contains("[")) {
            problems.add(new ProfileProblem(Origin.COMMAND_LINE, key, "is not a key that takes a value"));
            return;
        }
        table.entries().put(last, new ProfileNode.Value(value, Origin.COMMAND_LINE));
    }

    private static ProfileNode.Table child(ProfileNode.Table table, String part, String key, List<ProfileProblem> problems) {
        int bracket = part.indexOf('[');
        String name = bracket < 0 ? part : part.substring(0, bracket);
        ProfileNode node = table.entries().get(name);
        if (bracket < 0) {
            if (node == null) {
                ProfileNode.Table created = new ProfileNode.Table(Origin.COMMAND_LINE);
                table.entries().put(name, created);
                return created;
            }
            if (node instanceof ProfileNode.Table t) {
                return t;
            }
            problems.add(new ProfileProblem(Origin.COMMAND_LINE, key, "'" + name + "' is not a table"
                    + (node instanceof ProfileNode.TableList ? ": pick one element, e.g. " + name + "[0]" : "")));
            return null;
        }
        int index;
        try {
            index = Integer.parseInt(part.substring(bracket + 1, part.length() - 1));
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            problems.add(new ProfileProblem(Origin.COMMAND_LINE, key, "'" + part + "' is not name[index]"));
            return null;
        }
        if (!(node instanceof ProfileNode.TableList list) || index < 0 || index >= list.tables().size()) {
            int size = node instanceof ProfileNode.TableList l ? l.tables().size() : 0;
            problems.add(new ProfileProblem(Origin.COMMAND_LINE, key, "the profile has " + size + " [[" + name
                    + "]] entries, so " + part + " does not exist"));
            return null;
        }
        return list.tables().get(index);
    }

    /** A TOML value ({@code 0.01}, {@code true}, {@code "x"}, {@code [1, 2]}); anything else is taken as a bare string. */
    private static Object parseValue(String text) {
        TomlParseResult parsed = ProfileToml.parse("v = " + text).result();
        if (parsed == null || parsed.hasErrors() || parsed.size() != 1) {
            return text;
        }
        Object v = parsed.get("v");
        return v instanceof org.tomlj.TomlTable ? text : ProfileReader.plain(v);
    }

    /** Every shipped profile's name and its one-line description (problems are reported, not thrown). */
    public static Map<String, String> describeShipped() {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (String name : ProfileCatalog.names()) {
            try {
                RigProfile p = load(name, List.of());
                map.put(name, p.description() + " [" + p.device().summary() + ", " + ProfileSection.format(p.rateHz()) + " Hz]");
            } catch (ProfileException e) {
                map.put(name, "INVALID: " + e.problems().getFirst());
            }
        }
        return map;
    }
}
