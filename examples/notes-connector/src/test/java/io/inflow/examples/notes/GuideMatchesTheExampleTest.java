package io.inflow.examples.notes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/writing-a-plugin.md shows this module's code: a block marked {@code file=PATH} must be that file exactly,
 * a block marked {@code excerpt=PATH} a part of it. The guide cannot drift from code that builds and passes.
 */
class GuideMatchesTheExampleTest {

    private static final Pattern BLOCK = Pattern.compile("```\\w+ (file|excerpt)=(\\S+)\\n(.*?)\\n```", Pattern.DOTALL);

    @Test
    void everyCodeBlockOfTheGuideMatchesTheFileItNames() throws IOException {
        Path root = Path.of(System.getProperty("inflow.root.dir", "../.."));
        String guide = Files.readString(root.resolve("docs/writing-a-plugin.md"));
        Matcher block = BLOCK.matcher(guide);
        int checked = 0;
        while (block.find()) {
            String file = Files.readString(root.resolve(block.group(2)));
            String shown = block.group(3);
            if (block.group(1).equals("file")) {
                assertThat(shown).as("the guide's copy of %s", block.group(2)).isEqualTo(file.stripTrailing());
            } else {
                assertThat(file).as("%s contains the guide's excerpt", block.group(2)).contains(shown);
            }
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(4);
    }
}
