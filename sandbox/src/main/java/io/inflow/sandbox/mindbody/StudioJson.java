package io.inflow.sandbox.mindbody;

import com.fasterxml.jackson.core.JsonGenerator;
import io.inflow.sandbox.http.Json;
import io.inflow.sandbox.mindbody.Catalogue.Description;
import io.inflow.sandbox.mindbody.Catalogue.Location;
import io.inflow.sandbox.mindbody.Studio.Client;
import io.inflow.sandbox.mindbody.Studio.Sale;
import io.inflow.sandbox.mindbody.Studio.SaleItem;
import io.inflow.sandbox.mindbody.Studio.ScheduledClass;
import io.inflow.sandbox.mindbody.Studio.Staff;
import io.inflow.sandbox.mindbody.Studio.Visit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Writes the studio's records in Mindbody's shapes (PascalCase, fields in a fixed order so answers are
 * byte-stable). Times of the business (class starts, sales) are the site's wall clock with no offset; times the
 * system stamps (creation, last modification) are UTC with a {@code Z}.
 */
final class StudioJson {

    static final int SITE_ID = -99;
    /** What a record damaged by a malformedRecord fault carries instead of its dates and its collections. */
    static final String CORRUPTED = "#corrupted#";
    static final String CORRUPTED_DATE = "not-a-date";

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final Studio studio;

    StudioJson(Studio studio) {
        this.studio = studio;
    }

    interface ItemWriter<T> {
        void write(JsonGenerator json, T item, boolean corrupt) throws IOException;
    }

    /**
     * {@code {"PaginationResponse":{...},"<key>":[...]}} for {@code items[from..to)} of a filtered set of
     * {@code total}. {@code corrupts} is asked once per item, in order.
     */
    <T> byte[] page(String key, List<T> items, int limit, int offset, int total, ItemWriter<T> writer,
                    BooleanSupplier corrupts) {
        return write(json -> {
            json.writeStartObject();
            json.writeObjectFieldStart("PaginationResponse");
            json.writeNumberField("RequestedLimit", limit);
            json.writeNumberField("RequestedOffset", offset);
            json.writeNumberField("PageSize", items.size());
            json.writeNumberField("TotalResults", total);
            json.writeEndObject();
            json.writeArrayFieldStart(key);
            for (T item : items) {
                writer.write(json, item, corrupts.getAsBoolean());
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    interface Writing {
        void to(JsonGenerator json) throws IOException;
    }

    static byte[] write(Writing writing) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try (JsonGenerator json = Json.factory().createGenerator(out)) {
            writing.to(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    // ---------------------------------------------------------------- clients

    void client(JsonGenerator json, Client client, boolean corrupt) throws IOException {
        json.writeStartObject();
        json.writeStringField("Id", client.id);
        json.writeNumberField("UniqueId", client.uniqueId);
        if (corrupt) {
            json.writeStringField("FirstName", CORRUPTED);
            json.writeStringField("Active", CORRUPTED);
            json.writeStringField("LastModifiedDateTime", CORRUPTED_DATE);
            json.writeEndObject();
            return;
        }
        json.writeStringField("FirstName", client.firstName);
        json.writeNullField("MiddleName");
        json.writeStringField("LastName", client.lastName);
        json.writeStringField("Email", client.email);
        json.writeStringField("MobilePhone", client.mobilePhone);
        json.writeNullField("HomePhone");
        json.writeNullField("WorkPhone");
        json.writeStringField("AddressLine1", client.addressLine1);
        json.writeNullField("AddressLine2");
        json.writeStringField("City", client.city);
        json.writeStringField("State", "OR");
        json.writeStringField("PostalCode", client.postalCode);
        json.writeStringField("Country", "US");
        json.writeStringField("BirthDate", client.birthDate);
        json.writeStringField("Gender", client.gender);
        json.writeStringField("Status", client.status);
        json.writeBooleanField("Active", client.active());
        json.writeBooleanField("IsProspect", client.prospect);
        json.writeBooleanField("IsCompany", false);
        json.writeStringField("CreationDate", utc(client.created));
        json.writeStringField("LastModifiedDateTime", utc(client.lastModified));
        writeNullable(json, "FirstClassDate", client.firstClassDate);
        json.writeNullField("FirstAppointmentDate");
        json.writeNumberField("AccountBalance", client.accountBalance);
        json.writeObjectFieldStart("HomeLocation");
        json.writeNumberField("Id", client.homeLocation.id());
        json.writeStringField("Name", client.homeLocation.name());
        json.writeEndObject();
        json.writeArrayFieldStart("ClientIndexes");
        json.writeEndArray();
        json.writeArrayFieldStart("ClientRelationships");
        json.writeEndArray();
        json.writeArrayFieldStart("CustomClientFields");
        json.writeEndArray();
        json.writeArrayFieldStart("SalesReps");
        json.writeEndArray();
        writeNullable(json, "ReferredBy", client.referredBy);
        json.writeNullField("PhotoUrl");
        json.writeNullField("Notes");
        json.writeNullField("RedAlert");
        json.writeNullField("YellowAlert");
        json.writeBooleanField("SendAccountEmails", true);
        json.writeBooleanField("SendAccountTexts", false);
        json.writeBooleanField("SendPromotionalEmails", client.promotionalEmails);
        json.writeBooleanField("SendPromotionalTexts", false);
        json.writeBooleanField("SendScheduleEmails", true);
        json.writeBooleanField("SendScheduleTexts", false);
        json.writeNullField("LockerNumber");
        json.writeStringField("Action", "None");
        json.writeObjectFieldStart("SuspensionInfo");
        json.writeBooleanField("BookingSuspended", "Suspended".equals(client.status));
        json.writeNullField("SuspensionStartDate");
        json.writeNullField("SuspensionEndDate");
        json.writeEndObject();
        json.writeEndObject();
    }

    // ---------------------------------------------------------------- class descriptions

    void description(JsonGenerator json, Description description, boolean corrupt) throws IOException {
        json.writeStartObject();
        json.writeNumberField("Id", description.id());
        if (corrupt) {
            json.writeStringField("Name", CORRUPTED);
            json.writeStringField("LastUpdated", CORRUPTED_DATE);
            json.writeEndObject();
            return;
        }
        json.writeBooleanField("Active", true);
        json.writeStringField("Description", description.text());
        json.writeNullField("ImageURL");
        json.writeStringField("LastUpdated", local(lastUpdated(description)));
        json.writeObjectFieldStart("Level");
        json.writeNumberField("Id", description.levelId());
        json.writeStringField("Name", description.level());
        json.writeNullField("Description");
        json.writeEndObject();
        json.writeStringField("Name", description.name());
        json.writeNullField("Notes");
        json.writeNullField("Prerequisites");
        json.writeObjectFieldStart("Program");
        json.writeNumberField("Id", description.program().id());
        json.writeStringField("Name", description.program().name());
        json.writeStringField("ScheduleType", "Class");
        json.writeNumberField("CancelOffset", description.program().cancelOffset());
        json.writeArrayFieldStart("ContentFormats");
        json.writeString("InPerson");
        json.writeEndArray();
        json.writeEndObject();
        json.writeObjectFieldStart("SessionType");
        json.writeStringField("Type", "Class");
        json.writeNumberField("DefaultTimeLength", description.minutes());
        json.writeNumberField("ProgramId", description.program().id());
        json.writeNumberField("NumDeducted", 1);
        json.writeNumberField("Id", 300 + description.program().id());
        json.writeStringField("Name", description.program().name());
        json.writeBooleanField("Active", true);
        json.writeEndObject();
        json.writeStringField("Category", description.program().category());
        json.writeNumberField("CategoryId", description.program().categoryId());
        json.writeNullField("Subcategory");
        json.writeNullField("SubcategoryId");
        json.writeEndObject();
    }

    /** When the catalogue entry was last edited: fixed per description, before the schedule starts. */
    private static LocalDateTime lastUpdated(Description description) {
        return LocalDateTime.of(2019, 1, 7, 9, 0).plusDays(description.id() * 23L).plusMinutes(description.id() * 37L);
    }

    // ---------------------------------------------------------------- classes and visits

    /** A class occurrence; its {@code Visits} only for a caller with a staff token, as they are private data. */
    void scheduledClass(JsonGenerator json, ScheduledClass scheduled, boolean corrupt, boolean withVisits)
            throws IOException {
        scheduledClass(json, scheduled, corrupt, withVisits, null);
    }

    /** The same, with only the visits modified on or after {@code visitsSince} when it is not null. */
    void scheduledClass(JsonGenerator json, ScheduledClass scheduled, boolean corrupt, boolean withVisits,
                        Instant visitsSince) throws IOException {
        json.writeStartObject();
        json.writeNumberField("ClassScheduleId", scheduled.scheduleId());
        if (corrupt) {
            json.writeNumberField("Id", scheduled.id());
            json.writeStringField("StartDateTime", CORRUPTED_DATE);
            json.writeStringField("LastModifiedDateTime", CORRUPTED_DATE);
            json.writeStringField("Visits", CORRUPTED);
            json.writeEndObject();
            return;
        }
        json.writeArrayFieldStart("Visits");
        if (withVisits) {
            List<Visit> visits = studio.visits().subList(scheduled.visitsFrom(), scheduled.visitsTo());
            for (Visit visit : visits) {
                if (visitsSince == null || !visit.lastModified().isBefore(visitsSince)) {
                    visit(json, visit, scheduled);
                }
            }
        }
        json.writeEndArray();
        json.writeArrayFieldStart("Clients");
        json.writeEndArray();
        json.writeObjectFieldStart("Location");
        location(json, scheduled.location());
        json.writeEndObject();
        json.writeNumberField("MaxCapacity", scheduled.maxCapacity());
        json.writeNumberField("WebCapacity", scheduled.webCapacity());
        json.writeNumberField("TotalBooked", scheduled.booked());
        json.writeNumberField("TotalSignedIn", scheduled.signedIn());
        json.writeNumberField("TotalBookedWaitlist", scheduled.waitlist());
        json.writeNumberField("WebBooked", scheduled.webBooked());
        json.writeNullField("SemesterId");
        json.writeBooleanField("IsCanceled", scheduled.canceled());
        json.writeBooleanField("Substitute", scheduled.substitute());
        json.writeBooleanField("Active", true);
        json.writeBooleanField("IsWaitlistAvailable", scheduled.booked() >= scheduled.maxCapacity());
        json.writeBooleanField("IsEnrolled", false);
        json.writeBooleanField("HideCancel", false);
        json.writeNumberField("Id", scheduled.id());
        json.writeBooleanField("IsAvailable", false);
        json.writeStringField("StartDateTime", local(scheduled.start()));
        json.writeStringField("EndDateTime", local(scheduled.end()));
        json.writeStringField("LastModifiedDateTime", utc(scheduled.lastModified()));
        json.writeFieldName("ClassDescription");
        description(json, scheduled.description(), false);
        json.writeObjectFieldStart("Staff");
        staff(json, scheduled.staff());
        json.writeEndObject();
        json.writeNullField("VirtualStreamLink");
        json.writeEndObject();
    }

    private void visit(JsonGenerator json, Visit visit, ScheduledClass scheduled) throws IOException {
        Client client = studio.clients().get(visit.clientIndex());
        json.writeStartObject();
        json.writeNumberField("AppointmentId", 0);
        json.writeStringField("AppointmentGenderPreference", "None");
        json.writeStringField("AppointmentStatus", "None");
        json.writeNumberField("ClassId", scheduled.id());
        json.writeStringField("ClientId", client.id);
        json.writeNumberField("ClientUniqueId", client.uniqueId);
        json.writeStringField("StartDateTime", local(scheduled.start()));
        json.writeStringField("EndDateTime", local(scheduled.end()));
        json.writeNumberField("Id", visit.id());
        json.writeStringField("LastModifiedDateTime", utc(visit.lastModified()));
        json.writeBooleanField("LateCancelled", visit.lateCancelled());
        json.writeNumberField("SiteId", SITE_ID);
        json.writeNumberField("LocationId", scheduled.location().id());
        json.writeBooleanField("MakeUp", visit.makeUp());
        json.writeStringField("Name", scheduled.description().name());
        json.writeNumberField("ServiceId", visit.service().id());
        json.writeStringField("ServiceName", visit.service().name());
        json.writeNumberField("ProductId", visit.service().id());
        json.writeBooleanField("SignedIn", visit.signedIn());
        json.writeNumberField("StaffId", scheduled.staff().id());
        json.writeBooleanField("WebSignup", visit.webSignup());
        json.writeStringField("Action", "None");
        json.writeBooleanField("Missed", visit.missed());
        json.writeEndObject();
    }

    private static void location(JsonGenerator json, Location location) throws IOException {
        json.writeNumberField("Id", location.id());
        json.writeStringField("Name", location.name());
        json.writeStringField("Address", location.address());
        json.writeNullField("Address2");
        json.writeStringField("City", location.city());
        json.writeStringField("StateProvCode", location.state());
        json.writeStringField("PostalCode", location.postalCode());
        json.writeStringField("Phone", location.phone());
        json.writeNumberField("SiteID", SITE_ID);
        json.writeBooleanField("HasClasses", true);
    }

    private static void staff(JsonGenerator json, Staff staff) throws IOException {
        json.writeNumberField("Id", staff.id());
        json.writeStringField("FirstName", staff.firstName());
        json.writeStringField("LastName", staff.lastName());
        json.writeStringField("DisplayName", staff.displayName());
        json.writeBooleanField("IsIndependentContractor", false);
    }

    // ---------------------------------------------------------------- sales

    void sale(JsonGenerator json, Sale sale, boolean corrupt) throws IOException {
        json.writeStartObject();
        json.writeNumberField("Id", sale.id());
        if (corrupt) {
            json.writeStringField("SaleDateTime", CORRUPTED_DATE);
            json.writeStringField("PurchasedItems", CORRUPTED);
            json.writeEndObject();
            return;
        }
        json.writeStringField("SaleDate", local(sale.at().toLocalDate().atStartOfDay()));
        json.writeStringField("SaleTime", TIME.format(sale.at()));
        json.writeStringField("SaleDateTime", local(sale.at()));
        json.writeStringField("OriginalSaleDateTime", local(sale.at()));
        if (sale.salesRep() == null) {
            json.writeNullField("SalesRepId");
        } else {
            json.writeNumberField("SalesRepId", sale.salesRep().id());
        }
        json.writeStringField("ClientId", studio.clients().get(sale.clientIndex()).id);
        json.writeNullField("RecipientClientId");
        json.writeNumberField("LocationId", sale.location().id());
        json.writeArrayFieldStart("PurchasedItems");
        for (SaleItem item : sale.items()) {
            json.writeStartObject();
            json.writeNumberField("SaleDetailId", item.saleDetailId());
            json.writeNumberField("Id", item.product().id());
            json.writeBooleanField("IsService", item.product().service());
            json.writeNullField("BarcodeId");
            json.writeStringField("Description", item.product().name());
            json.writeNullField("ContractId");
            json.writeNumberField("CategoryId", item.product().categoryId());
            json.writeNumberField("SubCategoryId", item.product().subCategoryId());
            json.writeNumberField("UnitPrice", item.product().price());
            json.writeNumberField("Quantity", item.quantity());
            json.writeNumberField("DiscountPercent", item.discountPercent());
            json.writeNumberField("DiscountAmount", item.discount());
            json.writeNumberField("TaxAmount", 0.0);
            json.writeNumberField("TotalAmount", item.total());
            json.writeNullField("Notes");
            json.writeBooleanField("Returned", item.returned());
            json.writeNullField("PaymentRefId");
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("Payments");
        json.writeStartObject();
        json.writeNumberField("Id", sale.payment().id());
        json.writeNumberField("Amount", sale.payment().amount());
        json.writeNumberField("Method", sale.payment().method());
        json.writeStringField("Type", sale.payment().type());
        json.writeNullField("Notes");
        json.writeNumberField("TransactionId", sale.payment().transactionId());
        json.writeEndObject();
        json.writeEndArray();
        json.writeEndObject();
    }

    // ---------------------------------------------------------------- helpers

    static String local(LocalDateTime time) {
        return LOCAL.format(time);
    }

    static String utc(Instant instant) {
        return UTC.format(instant);
    }

    private static void writeNullable(JsonGenerator json, String field, String value) throws IOException {
        if (value == null) {
            json.writeNullField(field);
        } else {
            json.writeStringField(field, value);
        }
    }
}
