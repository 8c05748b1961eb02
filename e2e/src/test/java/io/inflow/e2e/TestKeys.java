package io.inflow.e2e;

/**
 * The API keys of test servers: {@code inflow-test.yml} holds their hashes. Test keys only, never used elsewhere.
 */
final class TestKeys {

    static final String ADMIN = "inflow_test_admin_ucwKbNeejptU9JRbDTj-DofEjiHSfCsv";
    static final String ADMIN_HASH = "sha256:d6bb8160a088b039ac43d8943cf6434e73864cdc796f67a0b6114774aa278054";
    static final String VIEWER = "inflow_test_viewer_n12t-CgNUJeEMdMUuVe8crsjlCMxZCsq";
    static final String VIEWER_HASH = "sha256:2c19fe8b3f1f50b5e64837303cfd27ee60887d7c7765b50b8bc263d8e6b71a8c";

    private TestKeys() {
    }
}
