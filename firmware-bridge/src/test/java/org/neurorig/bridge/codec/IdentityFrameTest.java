package org.neurorig.bridge.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A device's name is its own text: what is not printable ASCII reads as \xNN, never as the raw byte. */
class IdentityFrameTest {

    private static String decoded(byte[] name) {
        byte[] frame = new byte[Protocol.MAX_FRAME];
        IdentityFrame f = new IdentityFrame().wrap(frame);
        f.set(Protocol.VERSION, 1, 0, 0, 0, 20_000, 100, 0, "", new float[] {1}, new float[] {1});
        System.arraycopy(name, 0, frame, Protocol.OFFSET_PAYLOAD + 16, name.length);
        return f.name();
    }

    @Test
    void aPrintableNameReadsAsItIs() {
        assertEquals("cartpole-emu", decoded("cartpole-emu".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("uno", decoded(new byte[] {'u', 'n', 'o', 0, 'x'}));
    }

    @Test
    void controlAndNonAsciiBytesReadAsTheirHexValue() {
        assertEquals("a\\x1b[2Jb", decoded(new byte[] {'a', 0x1B, '[', '2', 'J', 'b'}));
        assertEquals("\\x07\\x7f\\x9b\\xff", decoded(new byte[] {0x07, 0x7F, (byte) 0x9B, (byte) 0xFF}));
    }
}
