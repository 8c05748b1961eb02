package io.inflow.server.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A secret field's value that names where the secret is instead of holding it, in Kafka Connect's syntax:
 * {@code ${env:NAME}} (an environment variable of the server) or {@code ${file:/path/to/file}} (a file's content,
 * without its trailing line break). Stored as written and shown as written (it is not a secret); resolved when a
 * run or a check starts, never stored resolved.
 */
public record SecretReference(String provider, String name) {

    private static final Pattern SYNTAX = Pattern.compile("\\$\\{(env|file):([^}]+)}");

    /** The reference a value is, or empty when it is a plain value. */
    public static Optional<SecretReference> of(Object value) {
        if (!(value instanceof String text)) {
            return Optional.empty();
        }
        Matcher matcher = SYNTAX.matcher(text.trim());
        return matcher.matches() ? Optional.of(new SecretReference(matcher.group(1), matcher.group(2)))
                : Optional.empty();
    }

    /**
     * The secret the reference names.
     *
     * @param environment the server's environment ({@code System::getenv})
     * @throws SecretUnresolvedException naming the reference and what is missing, never a value
     */
    public String resolve(Function<String, String> environment) throws SecretUnresolvedException {
        if (provider.equals("env")) {
            String value = environment.apply(name);
            if (value == null || value.isEmpty()) {
                throw new SecretUnresolvedException(this + ": the environment variable " + name + " is not set");
            }
            return value;
        }
        Path file = Path.of(name);
        try {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            String value = content.endsWith("\r\n") ? content.substring(0, content.length() - 2)
                    : content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
            if (value.isEmpty()) {
                throw new SecretUnresolvedException(this + ": the file " + file + " is empty");
            }
            return value;
        } catch (IOException e) {
            throw new SecretUnresolvedException(this + ": the file " + file + " cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    @Override
    public String toString() {
        return "${" + provider + ":" + name + "}";
    }
}
