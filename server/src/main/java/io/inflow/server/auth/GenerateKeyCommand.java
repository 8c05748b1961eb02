package io.inflow.server.auth;

import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import java.security.SecureRandom;
import java.util.Base64;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code java -jar inflow-server.jar generate-key [--role admin|viewer] [--name NAME]}: prints a new API key (32
 * random bytes) and the {@code auth.keys} entry holding its hash. The key is shown once; the server keeps only the
 * hash.
 */
public final class GenerateKeyCommand extends Command {

    private static final int KEY_BYTES = 32;

    private final SecureRandom random = new SecureRandom();

    public GenerateKeyCommand() {
        super("generate-key", "Prints a new API key and the hash to put in config.yml");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("--role").choices(Roles.ADMIN, Roles.VIEWER).setDefault(Roles.ADMIN)
                .help("the key's role (default admin)");
        subparser.addArgument("--name").setDefault("").help("the key's name (default <role>-<first hash digits>)");
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace namespace) {
        String role = namespace.getString("role");
        String key = newKey();
        String hash = ApiKeyHash.of(key);
        String name = namespace.getString("name").isBlank()
                ? role + "-" + hash.substring(ApiKeyHash.PREFIX.length(), ApiKeyHash.PREFIX.length() + 8)
                : namespace.getString("name");
        System.out.println("key:  " + key);
        System.out.println("hash: " + hash);
        System.out.println();
        System.out.println("# config.yml (the key itself is not stored anywhere: keep it safe, it is shown once)");
        System.out.println("auth:");
        System.out.println("  keys:");
        System.out.println("    - name: " + name);
        System.out.println("      role: " + role);
        System.out.println("      hash: " + hash);
    }

    String newKey() {
        byte[] bytes = new byte[KEY_BYTES];
        random.nextBytes(bytes);
        return "inflow_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
