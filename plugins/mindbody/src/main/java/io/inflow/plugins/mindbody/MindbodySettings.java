package io.inflow.plugins.mindbody;

import io.inflow.api.ConnectorConfig;
import io.inflow.api.ConnectorException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * A connection's configuration, read and checked once per call.
 *
 * @param startDate first day of class schedules, visits and sales
 * @param endDate last day of them, or null for {@link #DEFAULT_DAYS_AHEAD} days after today
 * @param lookbackDays how many days before the last scan an incremental read of a windowed stream starts
 * @param pageSize {@code request.limit}, 1 to 200
 */
record MindbodySettings(String baseUrl, String apiKey, long siteId, String username, String password,
                        LocalDate startDate, LocalDate endDate, int lookbackDays, int pageSize) {

    static final String BASE_URL = "baseUrl";
    static final String API_KEY = "apiKey";
    static final String SITE_ID = "siteId";
    static final String USERNAME = "username";
    static final String PASSWORD = "password";
    static final String START_DATE = "startDate";
    static final String END_DATE = "endDate";
    static final String LOOKBACK_DAYS = "lookbackDays";
    static final String PAGE_SIZE = "pageSize";

    static final String DEFAULT_BASE_URL = "https://api.mindbodyonline.com";
    static final String DEFAULT_START_DATE = "2000-01-01";
    static final int DEFAULT_DAYS_AHEAD = 30;
    static final int DEFAULT_LOOKBACK_DAYS = 30;

    static MindbodySettings of(ConnectorConfig config) {
        long siteId = config.integer(SITE_ID).orElseThrow(() -> new ConnectorException("configuration key 'siteId' is missing"));
        LocalDate start = date(config, START_DATE).orElseGet(() -> LocalDate.parse(DEFAULT_START_DATE));
        LocalDate end = date(config, END_DATE).orElse(null);
        if (end != null && end.isBefore(start)) {
            throw new ConnectorException("'endDate' " + end + " is before 'startDate' " + start);
        }
        long lookback = config.integer(LOOKBACK_DAYS).orElse((long) DEFAULT_LOOKBACK_DAYS);
        if (lookback < 0 || lookback > 3_650) {
            throw new ConnectorException("'lookbackDays' must be between 0 and 3650, was " + lookback);
        }
        long pageSize = config.integer(PAGE_SIZE).orElse((long) MindbodyApi.MAX_PAGE_SIZE);
        if (pageSize < 1 || pageSize > MindbodyApi.MAX_PAGE_SIZE) {
            throw new ConnectorException("'pageSize' must be between 1 and " + MindbodyApi.MAX_PAGE_SIZE + ", was " + pageSize);
        }
        return new MindbodySettings(config.string(BASE_URL).orElse(DEFAULT_BASE_URL), config.requireString(API_KEY),
                siteId, config.requireString(USERNAME), config.requireString(PASSWORD), start, end, (int) lookback,
                (int) pageSize);
    }

    /** The last day of the window: {@code endDate}, or {@link #DEFAULT_DAYS_AHEAD} days after {@code today}. */
    LocalDate lastDay(LocalDate today) {
        return endDate != null ? endDate : today.plusDays(DEFAULT_DAYS_AHEAD);
    }

    private static java.util.Optional<LocalDate> date(ConnectorConfig config, String key) {
        return config.string(key).filter(text -> !text.isBlank()).map(text -> {
            try {
                return LocalDate.parse(text.trim());
            } catch (DateTimeParseException e) {
                throw new ConnectorException("'" + key + "' must be a date such as 2024-10-13, was '" + text + "'");
            }
        });
    }
}
