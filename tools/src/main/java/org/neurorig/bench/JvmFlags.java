package org.neurorig.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** The JVM flags from the parent pom (resource neurorig-jvm.flags), for forked benchmark JVMs. */
public final class JvmFlags {

    private JvmFlags() {
    }

    public static List<String> fromBuild() {
        try (InputStream in = JvmFlags.class.getResourceAsStream("/neurorig-jvm.flags")) {
            if (in == null) {
                throw new IllegalStateException("neurorig-jvm.flags is missing from the classpath: rebuild with ./mvnw package");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            return Arrays.stream(text.split("\\s+")).filter(s -> !s.isEmpty()).toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read neurorig-jvm.flags: " + e.getMessage(), e);
        }
    }
}
