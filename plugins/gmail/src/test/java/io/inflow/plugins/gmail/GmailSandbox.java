package io.inflow.plugins.gmail;

import io.inflow.api.ConnectorConfig;
import io.inflow.sandbox.LoggedRequest;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import io.inflow.sandbox.gmail.GmailApi;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Connection configurations pointing at a running sandbox's Gmail, and what its request log says. */
final class GmailSandbox {

    private GmailSandbox() {}

    /** A sandbox on a free port, its Airtable base shrunk to one record: only Gmail matters here, and it starts faster. */
    static SandboxOptions options() {
        return SandboxOptions.defaults().withPort(0).withAirtableRecords(1);
    }

    /** The sandbox's OAuth client and this refresh token, plus {@code extra} keys. */
    static ConnectorConfig config(Sandbox sandbox, String refreshToken, Map<String, Object> extra) {
        Map<String, Object> values = new HashMap<>();
        values.put("baseUrl", sandbox.baseUrl() + "/gmail");
        values.put("tokenUrl", sandbox.baseUrl() + "/gmail/token");
        values.put("clientId", GmailApi.CLIENT_ID);
        values.put("clientSecret", GmailApi.CLIENT_SECRET);
        values.put("refreshToken", refreshToken);
        values.put("userId", "me");
        values.putAll(extra);
        return ConnectorConfig.of(values);
    }

    /** The logged requests to the Gmail API (not the token endpoint) whose path ends with {@code suffix}. */
    static List<LoggedRequest> calls(Sandbox sandbox, String suffix) {
        return sandbox.gmail().requests().stream()
                .filter(request -> request.path().startsWith("/gmail/gmail/v1/") && request.path().endsWith(suffix))
                .toList();
    }

    static long tokenExchanges(Sandbox sandbox) {
        return sandbox.gmail().requests().stream().filter(request -> request.path().equals("/gmail/token")).count();
    }
}
