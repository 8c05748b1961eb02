package io.inflow.sandbox.mindbody;

import java.time.LocalDate;

/**
 * The exact size of the generated studio, whatever the seed: a multi-location yoga and pilates business whose
 * figures are those of a real studio's site.
 */
public final class StudioFigures {

    public static final int CLIENTS = 6_539;
    /** Clients with {@code Active} true and {@code Status} "Active"; every other client has neither. */
    public static final int ACTIVE_CLIENTS = 536;
    public static final int INACTIVE_CLIENTS = CLIENTS - ACTIVE_CLIENTS;
    /** Class descriptions: the studio's catalogue of class types, the {@code classes} stream. */
    public static final int CLASS_DESCRIPTIONS = 84;
    /** Scheduled class occurrences between {@link #FIRST_CLASS_DAY} and {@link #LAST_CLASS_DAY}, inclusive. */
    public static final int CLASSES = 39_022;
    /** Visits (bookings) of those classes, each in its class's {@code Visits}. */
    public static final int VISITS = 84_216;
    /** Sales between {@link #FIRST_CLASS_DAY} and {@link #LAST_CLASS_DAY}. */
    public static final int SALES = 12_407;

    public static final LocalDate FIRST_CLASS_DAY = LocalDate.of(2024, 10, 13);
    public static final LocalDate LAST_CLASS_DAY = LocalDate.of(2025, 11, 14);

    private StudioFigures() {}
}
