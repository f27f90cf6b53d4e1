package org.neurorig.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.neurorig.kernel.Kernels;
import picocli.CommandLine.IVersionProvider;

/** {@code neurorig --version}: the release, the JVM and the vector width the kernels run at. */
public final class Version implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {
            "neurorig " + modules(),
            "JVM " + System.getProperty("java.vm.name") + " " + Runtime.version() + " on " + System.getProperty("os.arch"),
            "kernels: " + Kernels.best().name() + " (float vectors of " + Kernels.vectorBits() + " bits)"
        };
    }

    /** The version of each module on the classpath: they must agree, or the build is mixed. */
    static String modules() {
        List<String> parts = new ArrayList<>();
        String first = null;
        boolean mixed = false;
        for (String module : List.of("runtime", "firmware-bridge", "hw-profiles", "tools")) {
            String resource = "/META-INF/neurorig/neurorig-" + module + ".properties";
            try (InputStream in = Version.class.getResourceAsStream(resource)) {
                if (in == null) {
                    parts.add(module + " missing");
                    mixed = true;
                    continue;
                }
                Properties p = new Properties();
                p.load(in);
                String version = p.getProperty("version");
                first = first == null ? version : first;
                mixed |= !version.equals(first);
                parts.add(module + " " + version);
            } catch (IOException e) {
                parts.add(module + " unreadable");
                mixed = true;
            }
        }
        return mixed ? "(mixed build: " + String.join(", ", parts) + "; rebuild with ./mvnw package)" : first;
    }
}
