package org.neurorig.profile;

import java.util.ArrayList;
import java.util.List;

/** For tests in other packages: the numeric keys the profile reader asks for when it reads a profile. */
public final class ProfileKeys {

    /**
     * One numeric key, as a {@code --set} override names it.
     *
     * @param key     e.g. {@code network.tau}, {@code sensors[0].min}, {@code learning.np.trace_tau}
     * @param integer whether it takes integers only
     * @param min     the lowest value its getter accepts (infinite when another check decides)
     * @param max     the highest
     */
    public record Numeric(String key, boolean integer, double min, double max) {
    }

    private ProfileKeys() {
    }

    /**
     * Every numeric key read from {@code reference} with {@code overrides}, defaults included: a key the
     * profile does not write is asked for all the same. Which keys there are depends on the profile (a
     * device's kind, the tables it has).
     */
    public static List<Numeric> numeric(String reference, List<String> overrides) throws ProfileException {
        ProfileSection root = ProfileSection.root(ProfileLoader.resolve(reference, overrides), new ArrayList<>());
        RigProfileReader.read(root, "probe");
        return root.numericKeys().stream().map(k -> new Numeric(k.key(), k.integer(), k.min(), k.max())).toList();
    }
}
