package io.inflow.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inflow.sandbox.faults.FaultInjector;
import io.inflow.sandbox.faults.FaultProfile;
import io.inflow.sandbox.http.Handler;
import io.inflow.sandbox.http.Json;
import io.inflow.sandbox.http.Request;
import io.inflow.sandbox.http.Response;
import io.inflow.sandbox.http.Router;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The sandbox's own control surface under {@code /_sandbox/}; it needs no authentication. */
final class AdminHandler implements Handler {

    private final List<FakeApi> apis;
    private final FaultInjector faults;
    private final Supplier<String> baseUrl;
    private final Router router;

    AdminHandler(List<FakeApi> apis, FaultInjector faults, Supplier<String> baseUrl) {
        this.apis = List.copyOf(apis);
        this.faults = faults;
        this.baseUrl = baseUrl;
        this.router = Router.builder()
                .get("/_sandbox/health", request -> Response.json(200, Json.fields("status", "ok")))
                .get("/_sandbox/stats", request -> Response.json(200, perApi(FakeApi::stats)))
                .get("/_sandbox/connections", request -> Response.json(200, connections()))
                .get("/_sandbox/connections/{name}", this::connection)
                .get("/_sandbox/faults", request -> Response.json(200, faults.profile().asJson()))
                .post("/_sandbox/faults", this::useFaults)
                .get("/_sandbox/requests", this::requests)
                .post("/_sandbox/reset", this::reset)
                .post("/_sandbox/{api}/modify", this::modify)
                .post("/_sandbox/{api}/delete", this::delete)
                .post("/_sandbox/{api}/restore", this::restore)
                .get("/_sandbox/{api}/limits", request -> Response.json(200, api(request).limits()))
                .post("/_sandbox/{api}/limits", request -> Response.json(200, api(request).updateLimits(body(request))))
                .build(request -> error(404, "NOT_FOUND", "No admin endpoint " + request.method() + " " + request.path()));
    }

    @Override
    public Response handle(Request request) {
        try {
            return router.handle(request);
        } catch (AdminException e) {
            return e.response;
        } catch (IllegalArgumentException e) {
            return error(400, "INVALID_REQUEST", e.getMessage());
        }
    }

    private interface PerApi {
        ObjectNode of(FakeApi api);
    }

    private ObjectNode perApi(PerApi view) {
        ObjectNode all = Json.object();
        apis.forEach(api -> all.set(api.name(), view.of(api)));
        return all;
    }

    private ObjectNode connections() {
        ObjectNode all = Json.object();
        apis.forEach(api -> all.setAll(api.connections(baseUrl.get())));
        return all;
    }

    private Response connection(Request request) {
        String name = request.pathParam("name");
        ObjectNode all = connections();
        if (!all.has(name)) {
            List<String> known = new ArrayList<>();
            all.fieldNames().forEachRemaining(known::add);
            throw new AdminException(error(404, "UNKNOWN_CONNECTION", "No connection " + name + "; known: " + known));
        }
        return Response.json(200, all.get(name));
    }

    /** Replaces the whole profile, so {@code {}} heals everything; a bad profile changes nothing. */
    private Response useFaults(Request request) {
        FaultProfile profile = FaultProfile.parse(new String(request.body(), StandardCharsets.UTF_8));
        faults.use(profile);
        return Response.json(200, profile.asJson());
    }

    private Response requests(Request request) {
        String name = request.query().first("api")
                .orElseThrow(() -> new IllegalArgumentException("api is required, one of " + names()));
        List<Map<String, Object>> entries = find(name).traffic().requests().stream().map(AdminHandler::entry).toList();
        return Response.json(200, entries);
    }

    private static Map<String, Object> entry(LoggedRequest request) {
        Map<String, Object> entry = Json.fields(
                "method", request.method(), "path", request.path(), "query", request.query());
        if (request.body() != null) {
            entry.put("body", request.body());
        }
        entry.put("status", request.status());
        entry.put("at", request.at().toString());
        if (request.fault() != null) {
            entry.put("fault", request.fault());
        }
        return entry;
    }

    private Response reset(Request request) {
        apis.forEach(FakeApi::reset);
        return Response.json(200, Json.fields("reset", true));
    }

    private Response modify(Request request) {
        Modification modification = api(request).modify(body(request));
        return Response.json(200, Json.fields("modified", modification.modified(), "ids", modification.ids()));
    }

    private Response delete(Request request) {
        Deletion deletion = api(request).delete(body(request));
        return Response.json(200, Json.fields("deleted", deletion.deleted(), "ids", deletion.ids()));
    }

    private Response restore(Request request) {
        Restoration restoration = api(request).restore(body(request));
        return Response.json(200, Json.fields("restored", restoration.restored(), "ids", restoration.ids()));
    }

    private FakeApi api(Request request) {
        return find(request.pathParam("api"));
    }

    private FakeApi find(String name) {
        Optional<FakeApi> api = apis.stream().filter(a -> a.name().equals(name)).findFirst();
        return api.orElseThrow(() -> new AdminException(error(404, "UNKNOWN_API", "No fake API " + name + "; known: " + names())));
    }

    private List<String> names() {
        return apis.stream().map(FakeApi::name).toList();
    }

    private static JsonNode body(Request request) {
        try {
            JsonNode body = Json.read(request.body());
            if (body == null || !body.isObject()) {
                throw new IllegalArgumentException("expected a JSON object");
            }
            return body;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the body is not JSON");
        }
    }

    private static Response error(int status, String type, String message) {
        return Response.json(status, Map.of("error", Json.fields("type", type, "message", message)));
    }

    private static final class AdminException extends RuntimeException {
        private final transient Response response;

        AdminException(Response response) {
            super(null, null, false, false);
            this.response = response;
        }
    }
}
