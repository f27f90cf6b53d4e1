package org.neurorig.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tomlj.Toml;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;

/**
 * {@link ProfileToml} against tomlj on the text as written, over generated texts with every construct
 * where a dropped line could matter: blank and comment lines inside multi-line strings and arrays, '#'
 * and quotes inside strings, line-ending backslashes, CRLF, three quotes where a key stands.
 */
class ProfileTomlTest {

    private static final String[] VALID = {
        "a%d = 1\n", "\n", "   \n", "# comment %d\n", "\t# an indented \"\"\" comment\n", "s%d = \"x # no comment\" # one\n",
        "m%d = \"\"\"\nline\n\n# text, not a comment\n   \n\"\"\"\n", "l%d = '''\n# text too\n\n'''\n",
        "arr%d = [\n  1,\n\n  # a comment in an array\n  2,\n]\n", "[t%d]\n", "[[list]]\nk = %d\n", "e%d = \"a\\\"b\" \n",
        "crlf%d = 1\r\n", "#\r\n", "x%d = \"\"\"a\\\n\n   b\"\"\"\n", "d%d = 1979-05-27\n", "o%d = { a = 1, b = \"#\" }\n",
        "n%d = [[1, 2], [\n\n3]]\n",
    };
    private static final String[] INVALID = {"= 1\n", "k%d = \n", "[\n", "\"\"\"\n", "z%d = \"unterminated\n", "#\u0001\n"};

    private static String text(Random random, int pieces, String[] mistakes) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            String[] from = mistakes != null && random.nextInt(20) == 0 ? mistakes : VALID;
            b.append(from[random.nextInt(from.length)].replace("%d", Integer.toString(i)));
        }
        return b.toString();
    }

    @Test
    void validTextsGiveTomljsValuesAtTomljsLines() {
        Random random = new Random(1);
        for (int trial = 0; trial < 300; trial++) {
            String text = text(random, trial < 250 ? random.nextInt(60) : 300 + random.nextInt(600), null);
            TomlParseResult expected = Toml.parse(text);
            assertFalse(expected.hasErrors(), expected.errors().toString());
            ProfileToml actual = ProfileToml.parse(text);
            assertEquals(List.of(), actual.errors());
            assertEquals(expected.toJson(), actual.result().toJson(), text);
            for (List<String> key : expected.keyPathSet()) {
                assertEquals(expected.inputPositionOf(key).line(), actual.line(actual.result().inputPositionOf(key)),
                        key + " in\n" + text);
            }
        }
    }

    @Test
    void aTextWithMistakesGetsTomljsFirstErrorsAtTomljsLines() {
        Random random = new Random(2);
        for (int trial = 0; trial < 300; trial++) {
            String text = text(random, 20 + random.nextInt(60), INVALID);
            List<TomlParseError> expected = Toml.parse(text).errors();
            List<ProfileToml.Error> actual = ProfileToml.parse(text).errors();
            assertEquals(expected.isEmpty(), actual.isEmpty(), text);
            if (!expected.isEmpty()) {
                TomlParseError e = expected.getFirst();
                ProfileToml.Error a = actual.getFirst();
                assertEquals(e.position().line(), a.line(), text);
                assertEquals(e.position().column(), a.column(), text);
                assertTrue(e.getMessage().startsWith(a.message()), e.getMessage() + " / " + a.message());
            }
        }
    }

    @Test
    void aLongRunOfBlankOrCommentLinesCostsWhatItsLengthDoes() {
        // tomlj alone: 4,000 blank lines took a minute, and the cost grew with the cube of the run
        String text = "a = 1\n" + "\n".repeat(200_000) + "# c\n".repeat(200_000) + "b = 2\n";
        ProfileToml parsed = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> ProfileToml.parse(text));
        assertEquals(400_002, parsed.line(parsed.result().inputPositionOf(List.of("b"))));
    }
}
