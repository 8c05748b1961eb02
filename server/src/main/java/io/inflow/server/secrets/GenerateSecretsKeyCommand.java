package io.inflow.server.secrets;

import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import java.security.SecureRandom;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** {@code java -jar inflow-server.jar generate-secrets-key}: prints a new key for secrets at rest (32 random bytes). */
public final class GenerateSecretsKeyCommand extends Command {

    public GenerateSecretsKeyCommand() {
        super("generate-secrets-key", "Prints a new key that encrypts connection secrets at rest (INFLOW_SECRETS_KEY)");
    }

    @Override
    public void configure(Subparser subparser) {
        // no arguments
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace namespace) {
        String key = SecretsKeys.newKey(new SecureRandom());
        System.out.println(key);
        System.err.println();
        System.err.println("# Key " + SecretsKey.parse(key).id() + ". Give it to the server as INFLOW_SECRETS_KEY (or a"
                + " line of secrets.keyFile). To rotate: put it first, before the current key (INFLOW_SECRETS_KEY="
                + "new,current), run rotate-secrets, then remove the old one. Back it up apart from the database.");
    }
}
