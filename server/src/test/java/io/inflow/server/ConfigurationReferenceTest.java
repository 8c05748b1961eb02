package io.inflow.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration reference cannot fall behind the code: every key of Inflow's configuration classes and
 * every environment variable {@code config.yml} reads has its row.
 */
class ConfigurationReferenceTest {

    private static final Path ROOT = Path.of("..");

    @Test
    void everyConfigurationKeyHasItsRow() throws IOException {
        String reference = referenceSection();
        List<String> keys = keysOf(InflowConfiguration.class, "");

        assertThat(keys).as("keys found in the configuration classes").contains("database.url", "jobs.nodeName",
                "upstream.quotaWindow", "auth.adminKey", "api.maxRequestBodySize");
        assertThat(keys).allSatisfy(key -> assertThat(reference).as("row of %s", key).contains("| `" + key + "`"));
    }

    @Test
    void everyEnvironmentVariableOfTheShippedConfigHasItsRow() throws IOException {
        String reference = referenceSection();
        Matcher variables = Pattern.compile("\\$\\{(INFLOW_[A-Z_]+)").matcher(
                Files.readString(ROOT.resolve("config.yml")));
        TreeSet<String> found = new TreeSet<>();
        while (variables.find()) {
            found.add(variables.group(1));
        }

        assertThat(found).hasSizeGreaterThan(15).contains("INFLOW_ADMIN_KEY", "INFLOW_PORT");
        assertThat(found).allSatisfy(variable -> assertThat(reference).as("row of %s", variable)
                .contains("`" + variable + "`"));
    }

    private static String referenceSection() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int start = readme.indexOf("## Configuration reference");
        assertThat(start).as("README has a configuration reference").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    /** The keys of Inflow's own settings: fields marked @JsonProperty, descending into Inflow's own types. */
    private static List<String> keysOf(Class<?> type, String prefix) {
        List<String> keys = new ArrayList<>();
        for (Field field : type.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) || !field.isAnnotationPresent(JsonProperty.class)) {
                continue;
            }
            String name = field.getAnnotation(JsonProperty.class).value();
            String key = prefix + (name.isEmpty() ? field.getName() : name);
            if (field.getType().getPackageName().startsWith("io.inflow") && !field.getType().isEnum()) {
                keys.addAll(keysOf(field.getType(), key + "."));
            } else {
                keys.add(key);
            }
        }
        return keys;
    }
}
