package org.neurorig.profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A profile as read, before validation: tables of values that remember where each was written, so
 * every problem found later can name the file and line. Profiles that extend another are merged here.
 */
sealed interface ProfileNode permits ProfileNode.Value, ProfileNode.Table, ProfileNode.TableList {

    Origin origin();

    /** A scalar or an inline array: Long, Double, String, Boolean, or List of those. */
    record Value(Object value, Origin origin) implements ProfileNode {
    }

    /** {@code [name]}: entries in the order written. */
    record Table(Map<String, ProfileNode> entries, Origin origin) implements ProfileNode {

        Table(Origin origin) {
            this(new LinkedHashMap<>(), origin);
        }

        /**
         * This table with {@code child} laid over it: the child's values win, tables merge key by key,
         * and a list of tables ({@code [[sensors]]}) replaces the parent's list whole, because merging
         * list elements by position would silently pair unrelated channels. A table whose {@code kind}
         * differs from the parent's (a serial device over a simulated one) replaces it whole too: the
         * parent's keys belong to the other kind.
         */
        Table overlaidWith(Table child) {
            Table merged = new Table(new LinkedHashMap<>(entries), child.origin());
            for (Map.Entry<String, ProfileNode> e : child.entries().entrySet()) {
                ProfileNode mine = merged.entries().get(e.getKey());
                if (mine instanceof Table parent && e.getValue() instanceof Table overlay && sameKind(parent, overlay)) {
                    merged.entries().put(e.getKey(), parent.overlaidWith(overlay));
                } else {
                    merged.entries().put(e.getKey(), e.getValue());
                }
            }
            return merged;
        }

        private static boolean sameKind(Table parent, Table child) {
            ProfileNode childKind = child.entries().get("kind");
            if (!(childKind instanceof Value c)) {
                return true;
            }
            return parent.entries().get("kind") instanceof Value p && p.value().equals(c.value());
        }
    }

    /** {@code [[name]]}: an ordered list of tables. */
    record TableList(List<Table> tables, Origin origin) implements ProfileNode {

        TableList(Origin origin) {
            this(new ArrayList<>(), origin);
        }
    }
}
