package io.inflow.server.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.inflow.server.errors.ErrorView;
import io.inflow.server.errors.InflowException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A request body that is not the JSON a resource takes: 400 with what was wrong and where, never the parser's
 * internals. Unknown fields and wrong types are refused, not ignored.
 */
@Provider
public final class JsonErrorMapper implements ExceptionMapper<JsonProcessingException> {

    @Override
    public Response toResponse(JsonProcessingException exception) {
        for (Throwable cause = exception.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof InflowException inflow) {
                // e.g. a body cut off at its size limit while Jackson read it
                return new InflowExceptionMapper().toResponse(inflow);
            }
        }
        return Response.status(400).type(MediaType.APPLICATION_JSON_TYPE).entity(view(exception)).build();
    }

    static ErrorView view(JsonProcessingException exception) {
        if (exception instanceof UnrecognizedPropertyException unknown) {
            String known = unknown.getKnownPropertyIds() == null ? "" : unknown.getKnownPropertyIds().stream()
                    .map(String::valueOf).sorted().collect(Collectors.joining(", "));
            return new ErrorView("unknown_field", "unknown field '" + path(unknown) + "'"
                    + (known.isEmpty() ? "" : "; the fields are: " + known), Map.of("field", path(unknown)));
        }
        if (exception instanceof ValueInstantiationException invalid) {
            Throwable cause = invalid.getCause() == null ? invalid : invalid.getCause();
            return new ErrorView("invalid_value", "field '" + path(invalid) + "': " + cause.getMessage(),
                    Map.of("field", path(invalid)));
        }
        if (exception instanceof InvalidFormatException wrong) {
            return new ErrorView("wrong_type", "field '" + path(wrong) + "' must be " + typeName(wrong.getTargetType())
                    + ", was " + wrong.getValue(), Map.of("field", path(wrong)));
        }
        if (exception instanceof MismatchedInputException mismatched && !mismatched.getPath().isEmpty()) {
            return new ErrorView("wrong_type", "field '" + path(mismatched) + "' must be "
                    + typeName(mismatched.getTargetType()), Map.of("field", path(mismatched)));
        }
        if (exception instanceof JsonParseException || exception instanceof MismatchedInputException) {
            return new ErrorView("invalid_json", "the body is not valid JSON: " + exception.getOriginalMessage(), Map.of());
        }
        return new ErrorView("invalid_json", "the body could not be read: " + exception.getOriginalMessage(), Map.of());
    }

    private static String path(JsonMappingException exception) {
        return exception.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName()
                        : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "another type";
        }
        if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class || type.isEnum()) {
            return "a string";
        }
        if (java.util.Map.class.isAssignableFrom(type)) {
            return "a JSON object";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "a JSON array";
        }
        return "a JSON object";
    }
}
