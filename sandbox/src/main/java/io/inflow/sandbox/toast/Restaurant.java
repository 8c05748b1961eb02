package io.inflow.sandbox.toast;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The one restaurant the Toast fake serves, and the API client that may read it. Its orders span
 * {@value #DAYS} business dates from {@link #FIRST_BUSINESS_DATE}, in New York time, across the switch to
 * daylight-saving time (2025-03-09), with a business day that closes out at 04:00.
 */
public final class Restaurant {

    public static final String GUID = "5f4c3d2e-1a0b-4c9d-8e7f-6a5b4c3d2e1f";
    public static final String NAME = "Harbor Street Kitchen";
    public static final ZoneId TIME_ZONE = ZoneId.of("America/New_York");
    public static final int CLOSEOUT_HOUR = 4;
    public static final LocalDate FIRST_BUSINESS_DATE = LocalDate.of(2025, 3, 1);
    public static final int DAYS = 30;
    public static final int ORDERS = 5_995;
    /** The client id of the sandbox's API client; its secret is the sandbox's token. */
    public static final String CLIENT_ID = "inflow-sandbox-client";
    public static final String USER_ACCESS_TYPE = "TOAST_MACHINE_CLIENT";
    public static final String SCOPES = "orders:read restaurants:read";

    private Restaurant() {}

    public static LocalDate lastBusinessDate() {
        return FIRST_BUSINESS_DATE.plusDays(DAYS - 1L);
    }
}
