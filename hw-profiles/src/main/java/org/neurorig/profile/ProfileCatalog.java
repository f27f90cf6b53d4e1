package org.neurorig.profile;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The profiles shipped with neurorig ({@code hw-profiles/profiles/*.toml}, packaged on the classpath
 * under {@code neurorig/profiles/}). A name is looked up here; anything that looks like a path is a file.
 */
public final class ProfileCatalog {

    static final String DIRECTORY = "neurorig/profiles/";
    private static final String INDEX = DIRECTORY + "INDEX";

    private ProfileCatalog() {
    }

    /** The names of the shipped profiles, in the order of the index. */
    public static List<String> names() {
        String index = resource(INDEX).orElseThrow(() -> new IllegalStateException(
                "the profile index " + INDEX + " is missing from the classpath: the build is broken; rebuild with ./mvnw package"));
        List<String> names = new ArrayList<>();
        for (String line : index.split("\n")) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                names.add(name);
            }
        }
        return names;
    }

    /** The text of a shipped profile, if there is one by that name. */
    public static Optional<String> text(String name) {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            return Optional.empty();
        }
        return resource(DIRECTORY + name + ".toml");
    }

    /** Whether {@code reference} names a file rather than a shipped profile. */
    public static boolean looksLikePath(String reference) {
        return reference.contains("/") || reference.endsWith(".toml");
    }

    private static Optional<String> resource(String path) {
        ClassLoader loader = ProfileCatalog.class.getClassLoader();
        URL url = loader.getResource(path);
        if (url == null) {
            return Optional.empty();
        }
        try (InputStream in = url.openStream()) {
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path + " from the classpath: " + e.getMessage(), e);
        }
    }
}
