package org.neurorig.profile;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Prints a resolved profile as TOML, each value followed by where it came from, so a user can see what
 * an {@code extends} chain and the overrides made of it.
 */
public final class ProfilePrinter {

    private ProfilePrinter() {
    }

    /** The profile {@code reference} with {@code overrides} applied, as annotated TOML. */
    public static String print(String reference, List<String> overrides) throws ProfileException {
        StringBuilder out = new StringBuilder();
        ProfileNode.Table root = ProfileLoader.resolve(reference, overrides);
        table(out, "", root);
        return out.toString();
    }

    private static void table(StringBuilder out, String path, ProfileNode.Table table) {
        for (Map.Entry<String, ProfileNode> e : table.entries().entrySet()) {
            if (e.getValue() instanceof ProfileNode.Value v) {
                out.append(e.getKey()).append(" = ").append(literal(v.value()));
                out.append("    # ").append(v.origin()).append('\n');
            }
        }
        for (Map.Entry<String, ProfileNode> e : table.entries().entrySet()) {
            String name = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
            if (e.getValue() instanceof ProfileNode.Table t) {
                out.append('\n').append('[').append(name).append("]\n");
                table(out, name, t);
            } else if (e.getValue() instanceof ProfileNode.TableList list) {
                for (ProfileNode.Table t : list.tables()) {
                    out.append('\n').append("[[").append(name).append("]]\n");
                    table(out, name, t);
                }
            }
        }
    }

    private static String literal(Object value) {
        return switch (value) {
            case String s -> '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
            case List<?> l -> l.stream().map(ProfilePrinter::literal).collect(Collectors.joining(", ", "[", "]"));
            case Double d when d.isInfinite() -> d > 0 ? "inf" : "-inf";
            default -> String.valueOf(value);
        };
    }
}
