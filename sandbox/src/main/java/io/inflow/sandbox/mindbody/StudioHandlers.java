package io.inflow.sandbox.mindbody;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.sandbox.faults.RequestFaults;
import io.inflow.sandbox.http.Json;
import io.inflow.sandbox.http.Request;
import io.inflow.sandbox.http.Response;
import io.inflow.sandbox.mindbody.Studio.Client;
import io.inflow.sandbox.mindbody.Studio.Sale;
import io.inflow.sandbox.mindbody.Studio.ScheduledClass;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The endpoints the fake serves, below {@code /public/v6}. List endpoints page with {@code request.limit} and
 * {@code request.offset} and answer a {@code PaginationResponse}; every filter is applied before paging, so
 * {@code TotalResults} is the size of the filtered set. Clients come in {@code UniqueId} order, classes and sales
 * in time order (then id): orders that a record's modification does not change.
 */
final class StudioHandlers {

    static final long STAFF_USER_ID = 100_000_001L;
    private static final int MAX_CLIENT_IDS = 20;

    private final Studio studio;
    private final StudioJson json;
    private final MindbodyGate gate;
    private final StaffTokens tokens;
    private final Clock clock;
    private final String username;
    private final String password;

    StudioHandlers(Studio studio, MindbodyGate gate, StaffTokens tokens, Clock clock, String username, String password) {
        this.studio = studio;
        this.json = new StudioJson(studio);
        this.gate = gate;
        this.tokens = tokens;
        this.clock = clock;
        this.username = username;
        this.password = password;
    }

    /** {@code POST /usertoken/issue} with {@code {"Username":"...","Password":"..."}} (names in any case). */
    Response issueToken(Request request) {
        JsonNode body;
        try {
            body = request.body().length == 0 ? null : Json.read(request.body());
        } catch (JsonProcessingException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            throw MindbodyError.invalidParameter("The request body must be a JSON object with Username and Password.");
        }
        Optional<String> user = field(body, "Username");
        Optional<String> secret = field(body, "Password");
        if (user.isEmpty() || secret.isEmpty()) {
            throw MindbodyError.invalidParameter("Username and Password are required.");
        }
        if (!user.get().equals(username) || !secret.get().equals(password)) {
            throw MindbodyError.staffAuthenticationFailed();
        }
        StaffTokens.Issued issued = tokens.issue();
        return Response.json(200, Json.fields(
                "TokenType", "Bearer",
                "AccessToken", issued.token(),
                "Expires", StudioJson.utc(issued.expires()),
                "User", Json.fields("Id", STAFF_USER_ID, "FirstName", "Sandbox", "LastName", "Staff", "Type", "Staff")));
    }

    private static Optional<String> field(JsonNode body, String name) {
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            if (field.getKey().equalsIgnoreCase(name) && field.getValue().isTextual() && !field.getValue().asText().isBlank()) {
                return Optional.of(field.getValue().asText());
            }
        }
        return Optional.empty();
    }

    /**
     * {@code GET /client/clients}: staff only. Without {@code includeInactive=true} only active clients; with
     * {@code lastModifiedDate}, only those modified on or after it.
     */
    Response clients(Request request) {
        gate.staff(request, true);
        MindbodyQuery query = new MindbodyQuery(request.query());
        int limit = query.limit();
        int offset = query.offset();
        Optional<Instant> modifiedSince = query.instant("lastModifiedDate");
        boolean includeInactive = query.bool("includeInactive").orElse(false);
        boolean prospectsOnly = query.bool("isProspect").orElse(false);
        List<String> clientIds = query.texts("clientIds");
        if (clientIds.size() > MAX_CLIENT_IDS) {
            throw MindbodyError.invalidParameter("ClientIds can hold at most " + MAX_CLIENT_IDS + " ids.");
        }
        List<Long> uniqueIds = query.longs("uniqueIds");
        Optional<String> search = query.text("searchText").map(text -> text.toLowerCase(Locale.ROOT));
        Predicate<Client> matches = client -> client.listed() && (includeInactive || client.active())
                && (!prospectsOnly || client.prospect)
                && modifiedSince.map(since -> !client.lastModified.isBefore(since)).orElse(true)
                && (clientIds.isEmpty() || clientIds.contains(client.id))
                && (uniqueIds.isEmpty() || uniqueIds.contains(client.uniqueId))
                && search.map(text -> (client.firstName + " " + client.lastName + " " + client.email)
                        .toLowerCase(Locale.ROOT).contains(text)).orElse(true);
        return studio.read(() -> page("Clients", studio.clients().stream().filter(matches).toList(), limit, offset,
                json::client, request.faults()));
    }

    /** {@code GET /class/classdescriptions}: the catalogue; a staff token is optional. */
    Response classDescriptions(Request request) {
        gate.staff(request, false);
        MindbodyQuery query = new MindbodyQuery(request.query());
        return page("ClassDescriptions", Catalogue.DESCRIPTIONS, query.limit(), query.offset(), json::description,
                request.faults());
    }

    /**
     * {@code GET /class/classes}: occurrences starting from {@code startDateTime} (default today) through the
     * whole day of {@code endDateTime} (default today; its time is ignored); {@code Visits} only for staff.
     */
    Response classes(Request request) {
        boolean staff = gate.staff(request, false);
        MindbodyQuery query = new MindbodyQuery(request.query());
        int limit = query.limit();
        int offset = query.offset();
        LocalDate today = LocalDate.ofInstant(clock.instant(), StudioGenerator.SITE_ZONE);
        LocalDateTime from = query.siteDateTime("startDateTime", StudioGenerator.SITE_ZONE).orElse(today.atStartOfDay());
        LocalDateTime before = query.siteDateTime("endDateTime", StudioGenerator.SITE_ZONE)
                .map(LocalDateTime::toLocalDate).orElse(today).plusDays(1).atStartOfDay();
        Optional<Instant> modifiedSince = query.instant("lastModifiedDate");
        List<Long> classIds = query.longs("classIds");
        List<Long> scheduleIds = query.longs("classScheduleIds");
        List<Long> locationIds = query.longs("locationIds");
        List<Long> staffIds = query.longs("staffIds");
        boolean hideCanceled = query.bool("hideCanceledClasses").orElse(false);
        List<ScheduledClass> matching = new ArrayList<>();
        List<ScheduledClass> all = studio.classes();
        for (int i = firstStartingAtOrAfter(all, from); i < all.size() && all.get(i).start().isBefore(before); i++) {
            ScheduledClass scheduled = all.get(i);
            if ((!hideCanceled || !scheduled.canceled())
                    && modifiedSince.map(since -> !scheduled.lastModified().isBefore(since)).orElse(true)
                    && (classIds.isEmpty() || classIds.contains((long) scheduled.id()))
                    && (scheduleIds.isEmpty() || scheduleIds.contains((long) scheduled.scheduleId()))
                    && (locationIds.isEmpty() || locationIds.contains((long) scheduled.location().id()))
                    && (staffIds.isEmpty() || staffIds.contains(scheduled.staff().id()))) {
                matching.add(scheduled);
            }
        }
        return page("Classes", matching, limit, offset,
                (generator, item, corrupt) -> json.scheduledClass(generator, item, corrupt, staff), request.faults());
    }

    /** {@code GET /class/classvisits?request.classID=N}: one class with its visits, not paged; staff only. */
    Response classVisits(Request request) {
        gate.staff(request, true);
        MindbodyQuery query = new MindbodyQuery(request.query());
        int classId = query.integer("classId")
                .orElseThrow(() -> MindbodyError.invalidParameter("ClassID is required."));
        Optional<Instant> modifiedSince = query.instant("lastModifiedDate");
        ScheduledClass scheduled = studio.classes().stream().filter(c -> c.id() == classId).findFirst()
                .orElseThrow(() -> MindbodyError.invalidParameter("Class " + classId + " does not exist."));
        byte[] body = StudioJson.write(generator -> {
            generator.writeStartObject();
            generator.writeFieldName("Class");
            json.scheduledClass(generator, scheduled, false, true, modifiedSince.orElse(null));
            generator.writeEndObject();
        });
        return Response.json(200, body);
    }

    /**
     * {@code GET /sale/sales}: sales whose {@code SaleDateTime} lies between {@code startSaleDateTime} and
     * {@code endSaleDateTime}, both inclusive (default: today); a date alone means its midnight. Staff only.
     */
    Response sales(Request request) {
        gate.staff(request, true);
        MindbodyQuery query = new MindbodyQuery(request.query());
        int limit = query.limit();
        int offset = query.offset();
        LocalDate today = LocalDate.ofInstant(clock.instant(), StudioGenerator.SITE_ZONE);
        LocalDateTime from = query.siteDateTime("startSaleDateTime", StudioGenerator.SITE_ZONE).orElse(today.atStartOfDay());
        LocalDateTime to = query.siteDateTime("endSaleDateTime", StudioGenerator.SITE_ZONE)
                .orElse(today.atTime(23, 59, 59));
        Optional<Integer> saleId = query.integer("saleId");
        List<Sale> matching = new ArrayList<>();
        List<Sale> all = studio.sales();
        for (int i = firstSaleAtOrAfter(all, from); i < all.size() && !all.get(i).at().isAfter(to); i++) {
            if (saleId.isEmpty() || all.get(i).id() == saleId.get()) {
                matching.add(all.get(i));
            }
        }
        return page("Sales", matching, limit, offset, json::sale, request.faults());
    }

    private <T> Response page(String key, List<T> matching, int limit, int offset, StudioJson.ItemWriter<T> writer,
                              RequestFaults faults) {
        int from = Math.min(offset, matching.size());
        List<T> items = matching.subList(from, Math.min(matching.size(), from + limit));
        if (faults.truncatesPage()) {
            return Response.json(200, faults.truncate(json.page(key, items, limit, offset, matching.size(), writer,
                    () -> false)));
        }
        return Response.json(200, json.page(key, items, limit, offset, matching.size(), writer, faults::corruptsRecord));
    }

    private static int firstStartingAtOrAfter(List<ScheduledClass> classes, LocalDateTime from) {
        int low = 0;
        int high = classes.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (classes.get(mid).start().isBefore(from)) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private static int firstSaleAtOrAfter(List<Sale> sales, LocalDateTime from) {
        int low = 0;
        int high = sales.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sales.get(mid).at().isBefore(from)) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
