package org.neurorig.profile;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/** Reads one TOML profile into a tree that remembers the line of every key. */
final class ProfileReader {

    private ProfileReader() {
    }

    /** Reads {@code file}, naming it {@code source} in messages. */
    static ProfileNode.Table read(Path file, String source) throws ProfileException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ProfileException(new ProfileProblem(new Origin(source, 0), "",
                    "no such file; give a profile name from 'neurorig profiles list' or the path of a .toml file"));
        } catch (CharacterCodingException e) {
            throw new ProfileException(new ProfileProblem(new Origin(source, 0), "", "is not UTF-8 text; save it as UTF-8"));
        } catch (IOException e) {
            String why = Files.isDirectory(file) ? "is a directory, not a profile file" : "cannot be read (" + e.getMessage() + ")";
            throw new ProfileException(new ProfileProblem(new Origin(source, 0), "", why));
        }
        return parse(text, source);
    }

    /** Parses profile text; {@code source} names it in messages. */
    static ProfileNode.Table parse(String text, String source) throws ProfileException {
        TomlParseResult result;
        try (Reader reader = new StringReader(text)) {
            result = Toml.parse(reader);
        } catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail", e);
        }
        if (result.hasErrors()) {
            List<ProfileProblem> problems = new ArrayList<>();
            for (TomlParseError error : result.errors()) {
                TomlPosition at = error.position();
                String message = error.getMessage().replaceFirst("\\s*\\(line \\d+, column \\d+\\)$", "");
                problems.add(new ProfileProblem(new Origin(source, at == null ? 0 : at.line()), "",
                        "not valid TOML: " + message + (at == null ? "" : " (column " + at.column() + ")")));
            }
            throw new ProfileException(problems);
        }
        return table(result, new Origin(source, 1), source);
    }

    private static ProfileNode.Table table(TomlTable toml, Origin origin, String source) {
        ProfileNode.Table table = new ProfileNode.Table(origin);
        for (String key : toml.keySet()) {
            Origin at = at(toml.inputPositionOf(List.of(key)), source);
            table.entries().put(key, node(toml.get(List.of(key)), at, source));
        }
        return table;
    }

    private static ProfileNode node(Object value, Origin at, String source) {
        if (value instanceof TomlTable t) {
            return table(t, at, source);
        }
        if (value instanceof TomlArray a && !a.isEmpty() && a.isTable(0)) {
            ProfileNode.TableList list = new ProfileNode.TableList(at);
            for (int i = 0; i < a.size(); i++) {
                list.tables().add(table(a.getTable(i), at(a.inputPositionOf(i), source), source));
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

    private static Origin at(TomlPosition position, String source) {
        return new Origin(source, position == null ? 0 : position.line());
    }
}
