package io.inflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.inflow.sandbox.Sandbox;
import java.util.ArrayList;
import java.util.List;

/** The sandbox's admin surface over HTTP, as scripts use it. */
final class SandboxAdmin {

    private final Sandbox sandbox;
    private final Json json = new Json();

    SandboxAdmin(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    JsonNode connections() {
        return json.get(sandbox.baseUrl() + "/_sandbox/connections").body();
    }

    JsonNode airtableStats() {
        return json.get(sandbox.baseUrl() + "/_sandbox/stats").body().path("airtable");
    }

    /** The Airtable requests answered since the last reset, oldest first. */
    JsonNode airtableRequests() {
        return json.get(sandbox.baseUrl() + "/_sandbox/requests?api=airtable").body();
    }

    /** The Mindbody requests answered since the last reset, oldest first. */
    JsonNode mindbodyRequests() {
        return json.get(sandbox.baseUrl() + "/_sandbox/requests?api=mindbody").body();
    }

    JsonNode mindbodyStats() {
        return json.get(sandbox.baseUrl() + "/_sandbox/stats").body().path("mindbody");
    }

    /** {@code {"dailyQuota":N,"overQuota":"bill"|"block"}}: what Mindbody does with a key's calls past its quota. */
    void mindbodyLimits(String limits) {
        Json.Answer answer = json.post(sandbox.baseUrl() + "/_sandbox/mindbody/limits", limits);
        if (answer.status() != 200) {
            throw new IllegalStateException("limits refused: " + answer.body());
        }
    }

    void modifyAirtableRecords(int count) {
        Json.Answer answer = json.post(sandbox.baseUrl() + "/_sandbox/airtable/modify", "{\"count\":" + count + "}");
        if (answer.status() != 200) {
            throw new IllegalStateException("modify failed: " + answer.body());
        }
    }

    /** Deletes {@code count} records of that API upstream ({@code POST /_sandbox/{api}/delete}); answers their ids. */
    List<String> delete(String api, int count) {
        Json.Answer answer = json.post(sandbox.baseUrl() + "/_sandbox/" + api + "/delete", "{\"count\":" + count + "}");
        if (answer.status() != 200) {
            throw new IllegalStateException("delete failed: " + answer.body());
        }
        List<String> ids = new ArrayList<>();
        answer.body().path("ids").forEach(id -> ids.add(id.asText()));
        return ids;
    }

    /** Brings back records deleted upstream ({@code POST /_sandbox/{api}/restore}). */
    void restore(String api, List<String> ids) {
        ArrayNode body = JsonNodeFactory.instance.arrayNode();
        ids.forEach(body::add);
        Json.Answer answer = json.post(sandbox.baseUrl() + "/_sandbox/" + api + "/restore", "{\"ids\":" + body + "}");
        if (answer.status() != 200) {
            throw new IllegalStateException("restore failed: " + answer.body());
        }
    }

    JsonNode stats(String api) {
        return json.get(sandbox.baseUrl() + "/_sandbox/stats").body().path(api);
    }

    void faults(String profile) {
        Json.Answer answer = json.post(sandbox.baseUrl() + "/_sandbox/faults", profile);
        if (answer.status() != 200) {
            throw new IllegalStateException("faults refused: " + answer.body());
        }
    }

    void reset() {
        json.post(sandbox.baseUrl() + "/_sandbox/reset", "{}");
    }
}
