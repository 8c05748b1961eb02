package io.inflow.server.auth;

import io.dropwizard.auth.Authenticator;
import java.util.Optional;

/** dropwizard-auth's view of the key ring: the credentials are the bearer token. */
final class BearerKeyAuthenticator implements Authenticator<String, ApiKeyPrincipal> {

    private final ApiKeyRing keys;

    BearerKeyAuthenticator(ApiKeyRing keys) {
        this.keys = keys;
    }

    @Override
    public Optional<ApiKeyPrincipal> authenticate(String bearerToken) {
        return keys.authenticate(bearerToken);
    }
}
