package io.inflow.server.secrets;

import io.inflow.server.store.StateSealer;

/** Connection state values sealed with the secrets key, each bound to its connection and key. */
public final class SealedStates implements StateSealer {

    private final SecretEnvelope envelope;

    public SealedStates(SecretEnvelope envelope) {
        this.envelope = envelope;
    }

    @Override
    public String seal(long connectionId, String key, String value) {
        return envelope.sealState(value, connectionId, key);
    }

    @Override
    public String open(long connectionId, String key, String sealed) {
        try {
            return envelope.openState(sealed, connectionId, key);
        } catch (SecretUnreadableException e) {
            throw new IllegalStateException("key '" + key + "' of the state of connection " + connectionId
                    + " cannot be read: " + e.getMessage());
        }
    }
}
