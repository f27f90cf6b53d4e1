package org.neurorig.bridge;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.neurorig.device.DeviceException;

/**
 * A child JVM for {@link PortLockTest}: opens and closes a serial port when told to on stdin
 * ({@code open PATH}, {@code close}) and answers each order with one line on stdout ({@code opened},
 * {@code refused MESSAGE}, {@code closed}). It stays up across rounds so that two of them race on the
 * open itself, not on how fast each JVM starts.
 */
public final class PortOpener {

    private PortOpener() {
    }

    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        SerialPortChannel held = null;
        out.println("ready");
        for (String line; (line = in.readLine()) != null; ) {
            if (line.startsWith("open ")) {
                try {
                    held = SerialPortChannel.open(line.substring("open ".length()), 115_200);
                    out.println("opened");
                } catch (DeviceException e) {
                    out.println("refused " + e.getMessage().replace('\n', ' '));
                }
            } else if (line.equals("close")) {
                if (held != null) {
                    held.close();
                    held = null;
                }
                out.println("closed");
            }
        }
    }
}
