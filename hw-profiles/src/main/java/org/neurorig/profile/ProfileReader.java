package org.neurorig.profile;

import java.util.ArrayList;
import java.util.List;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/** Reads one TOML profile into a tree that remembers the line of every key. */
final class ProfileReader {

    private ProfileReader() {
    }

    /** Parses profile text; {@code source} names it in messages. */
    static ProfileNode.Table parse(String text, String source) throws ProfileException {
        ProfileToml toml = ProfileToml.parse(text);
        if (!toml.errors().isEmpty()) {
            List<ProfileProblem> problems = new ArrayList<>();
            for (ProfileToml.Error e : toml.errors()) {
                problems.add(new ProfileProblem(new Origin(source, e.line()), "",
                        "not valid TOML: " + e.message() + (e.column() == 0 ? "" : " (column " + e.column() + ")")));
            }
            if (toml.stoppedEarly()) {
                problems.add(new ProfileProblem(new Origin(source, 0), "", "not read further after " + ProfileToml.MAX_ERRORS
                        + " TOML errors: is it a profile?"));
            }
            throw new ProfileException(problems);
        }
        TomlParseResult result = toml.result();
        return table(result, toml, new Origin(source, 1), source);
    }

    private static ProfileNode.Table table(TomlTable table, ProfileToml toml, Origin origin, String source) {
        ProfileNode.Table node = new ProfileNode.Table(origin);
        for (String key : table.keySet()) {
            Origin at = new Origin(source, toml.line(table.inputPositionOf(List.of(key))));
            node.entries().put(key, node(table.get(List.of(key)), toml, at, source));
        }
        return node;
    }

    private static ProfileNode node(Object value, ProfileToml toml, Origin at, String source) {
        if (value instanceof TomlTable t) {
            return table(t, toml, at, source);
        }
        if (value instanceof TomlArray a && !a.isEmpty() && a.isTable(0)) {
            ProfileNode.TableList list = new ProfileNode.TableList(at);
            for (int i = 0; i < a.size(); i++) {
                list.tables().add(table(a.getTable(i), toml, new Origin(source, toml.line(a.inputPositionOf(i))), source));
            }
            return list;
        }
        return new ProfileNode.Value(plain(value), at);
    }

    /** A TOML scalar or inline array as plain Java values (Long, Double, String, Boolean, List). */
    static Object plain(Object value) {
        if (value instanceof TomlArray a) {
            List<Object> list = new ArrayList<>(a.size());
            for (int i = 0; i < a.size(); i++) {
                list.add(plain(a.get(i)));
            }
            return List.copyOf(list);
        }
        return value;
    }
}
