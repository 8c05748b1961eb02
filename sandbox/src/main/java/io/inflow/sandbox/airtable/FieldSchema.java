package io.inflow.sandbox.airtable;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** A field as the base schema endpoint describes it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldSchema(String id, String name, String type, String description, Map<String, Object> options) {}
