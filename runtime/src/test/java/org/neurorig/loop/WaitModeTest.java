package org.neurorig.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class WaitModeTest {

    @Test
    void eachModeIsFoundByItsOneWord() {
        for (WaitMode m : WaitMode.values()) {
            assertEquals(m, WaitMode.named(m.word()), m.word());
        }
        assertNull(WaitMode.named("spin-sleep"), "one word per mode: the old command-line spelling is gone");
        assertNull(WaitMode.named("SLEEP"));
    }

    @Test
    void theWordsReadAsAList() {
        assertEquals("sleep, spin-then-sleep or spin", WaitMode.words());
    }
}
