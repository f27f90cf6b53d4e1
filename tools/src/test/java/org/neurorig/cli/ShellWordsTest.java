package org.neurorig.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A quoted word is read back by a shell as exactly that one word. */
class ShellWordsTest {

    /** What {@code shell} makes of {@code line} as the arguments of printf: each word between brackets. */
    private static String echoed(String shell, String quotedWords) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(shell, "-c", "printf '[%s]' " + quotedWords).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    @Test
    void plainWordsStayBareAndTheRestAreSingleQuoted() {
        assertEquals("runs/run-2024-05-01_12:00:00", ShellWords.quote("runs/run-2024-05-01_12:00:00"));
        assertEquals("a=b,c+d@e%f", ShellWords.quote("a=b,c+d@e%f"));
        assertEquals("'/tmp/my runs'", ShellWords.quote("/tmp/my runs"));
        assertEquals("'it'\\''s'", ShellWords.quote("it's"));
        assertEquals("''", ShellWords.quote(""));
        assertEquals("'~/runs'", ShellWords.quote("~/runs"));
        assertEquals("'$HOME'", ShellWords.quote("$HOME"));
    }

    @Test
    void aPosixShellReadsEachQuotedWordBackExactly() throws Exception {
        List<String> words = List.of("plain", "/tmp/my runs", "it's", "", "$HOME `id` $(id) \"q\" \\ * ? [a] ; & | < > ! #",
                "ünïcödé", "'", "''");
        StringBuilder line = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        for (String w : words) {
            line.append(ShellWords.quote(w)).append(' ');
            expected.append('[').append(w).append(']');
        }
        assertEquals(expected.toString(), echoed("sh", line.toString()));
    }

    @Test
    void aWordWithAControlCharacterIsWrittenWithItsCodeAndReadBackExactly() throws Exception {
        String word = "runs/x\u001b[2J it's\\\n\u009b";
        String quoted = ShellWords.quote(word);
        assertEquals("$'runs/x\\x1b[2J it\\'s\\\\\\x0a\\xc2\\x9b'", quoted);
        assertTrue(quoted.chars().noneMatch(Character::isISOControl), "nothing raw reaches the terminal");
        assertEquals("[" + word + "]", echoed("bash", quoted));
    }
}
