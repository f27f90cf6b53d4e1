package org.neurorig.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Every command's --help as an 80-column terminal shows it: no line wider, no sentence cut off in the
 * table of commands, no word broken in two (picocli breaks lines where java.text.BreakIterator allows,
 * which includes after the dot in "0.001" or ".toml").
 */
class HelpTextTest {

    private static final int WIDTH = 80;

    @Test
    void everyCommandsHelpFitsEightyColumns() {
        for (CommandLine c : commands()) {
            for (String line : usage(c).split("\\R")) {
                assertTrue(line.length() <= WIDTH, c.getCommandSpec().qualifiedName() + ": a line of " + line.length()
                        + " columns: " + line);
            }
        }
    }

    @Test
    void noWordIsBrokenAcrossLines() {
        for (CommandLine c : commands()) {
            String usage = usage(c);
            Set<String> shown = new HashSet<>(Arrays.asList(usage.split("\\s+")));
            for (String text : texts(c)) {
                for (String word : text.strip().split("\\s+")) {
                    if (!word.isEmpty() && !word.contains("${")) {
                        assertTrue(shown.contains(word), c.getCommandSpec().qualifiedName() + ": '" + word
                                + "' is broken across lines in\n" + usage);
                    }
                }
            }
        }
    }

    /** The table of commands shows each one's first description line: that line must be a whole sentence. */
    @Test
    void everyCommandsSummaryIsAWholeSentence() {
        for (CommandLine c : commands()) {
            String[] description = c.getCommandSpec().usageMessage().description();
            String name = c.getCommandSpec().qualifiedName();
            assertTrue(description.length > 0, name + " has no description");
            assertTrue(description[0].endsWith("."), name + ": its summary is cut mid-sentence: " + description[0]);
            for (String paragraph : description) {
                // an indented line belongs to a table laid out by hand; anything else is a paragraph picocli wraps
                boolean tableLine = paragraph.startsWith(" ");
                assertTrue(tableLine || paragraph.isEmpty() || paragraph.endsWith(".") || paragraph.endsWith(":"),
                        name + ": a paragraph ends mid-sentence: " + paragraph);
            }
        }
    }

    @Test
    void theTableOfCommandsShowsEverySummaryWhole() {
        for (CommandLine c : commands()) {
            String usage = usage(c);
            for (CommandLine sub : c.getSubcommands().values()) {
                String summary = sub.getCommandSpec().usageMessage().description()[0];
                String flattened = usage.replaceAll("\\s+", " ");
                assertTrue(flattened.contains(summary), c.getCommandSpec().qualifiedName() + " does not show "
                        + sub.getCommandSpec().name() + "'s summary whole: " + summary + "\n" + usage);
            }
        }
    }

    @Test
    void noOptionValueIsShownAsAFieldName() {
        for (CommandLine c : commands()) {
            String usage = usage(c);
            assertFalse(usage.matches("(?s).*=<[a-z][A-Za-z]*>.*"), c.getCommandSpec().qualifiedName()
                    + " shows a Java field name where a value goes (give the option a paramLabel):\n" + usage);
        }
    }

    private static List<CommandLine> commands() {
        List<CommandLine> all = new ArrayList<>();
        collect(new CommandLine(new NeurorigCommand()), all);
        return all;
    }

    private static void collect(CommandLine c, List<CommandLine> all) {
        c.setUsageHelpWidth(WIDTH);
        c.setUsageHelpAutoWidth(false);
        all.add(c);
        c.getSubcommands().values().forEach(s -> collect(s, all));
    }

    private static String usage(CommandLine c) {
        return c.getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    /** What the command's authors wrote: description, footer, and every option's and parameter's description. */
    private static List<String> texts(CommandLine c) {
        CommandSpec spec = c.getCommandSpec();
        List<String> texts = new ArrayList<>(Arrays.asList(spec.usageMessage().description()));
        texts.addAll(Arrays.asList(spec.usageMessage().footer()));
        for (ArgSpec a : spec.args()) {
            texts.addAll(Arrays.asList(a.description()));
        }
        return texts;
    }
}
