package io.inflow.sandbox.airtable;

import java.time.ZoneId;

/** How cells are written: as JSON values (the default), or as the text Airtable shows, in a time zone. */
record CellFormat(boolean asText, ZoneId zone) {

    static final CellFormat JSON = new CellFormat(false, null);
}
