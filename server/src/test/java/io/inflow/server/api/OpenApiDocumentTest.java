package io.inflow.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.dropwizard.jackson.Jackson;
import io.inflow.server.auth.ApiAuthFeature;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code openapi.json} true to the code: every route of every JAX-RS resource of {@code io.inflow.server.api}
 * is documented and nothing else is, with the same path and query parameters and the same required role; every
 * schema that documents a class has exactly that class's JSON properties; bodies and answers point at the schema
 * of the class the method takes or returns.
 */
class OpenApiDocumentTest {

    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final Pattern TEMPLATE = Pattern.compile("\\{([^}:]+)");
    /** Schemas of answers that are plain maps in the code, so there is no class to compare them with. */
    private static final Set<String> SCHEMAS_WITHOUT_CLASS = Set.of("CheckpointReset");

    private final ObjectMapper mapper = Jackson.newObjectMapper();
    private final JsonNode document = parse(OpenApiDocument.load().json());
    private final Map<String, Route> routes = routes();

    @Test
    void theDocumentIsOpenApi3WithABearerScheme() {
        assertThat(document.path("openapi").asText()).startsWith("3.");
        JsonNode bearer = document.at("/components/securitySchemes/bearerAuth");
        assertThat(bearer.path("type").asText()).isEqualTo("http");
        assertThat(bearer.path("scheme").asText()).isEqualTo("bearer");
        assertThat(document.at("/security/0").has("bearerAuth")).isTrue();
        assertThat(document.at("/components/schemas/Error/properties").fieldNames())
                .toIterable().containsExactly("code", "message", "details");
    }

    @Test
    void everyRouteOfTheResourcesIsDocumentedAndNothingElse() {
        assertThat(routes).as("resources found by scanning the api package").hasSizeGreaterThan(30);
        assertThat(documentedOperations().keySet()).containsExactlyInAnyOrderElementsOf(routes.keySet());
    }

    @Test
    void eachOperationHasTheMethodsPathAndQueryParameters() {
        documentedOperations().forEach((route, operation) -> {
            Route code = routes.get(route);
            if (code == null) {
                return; // reported by everyRouteOfTheResourcesIsDocumentedAndNothingElse
            }
            assertThat(parameters(operation, "path")).as("path parameters of %s", route)
                    .isEqualTo(code.annotated(PathParam.class))
                    .isEqualTo(templateNames(route));
            assertThat(parameters(operation, "query")).as("query parameters of %s", route)
                    .isEqualTo(code.annotated(QueryParam.class));
        });
    }

    @Test
    void eachOperationNamesTheRoleOfItsRolesAllowed() {
        documentedOperations().forEach((route, operation) -> {
            Route code = routes.get(route);
            if (code != null) {
                assertThat(operation.path("x-required-role").asText()).as("x-required-role of %s", route)
                        .isEqualTo(code.role());
            }
        });
    }

    @Test
    void anOperationOpenToEveryoneListsNoKeyAndNo401WhileEveryKeyedOneDoes() {
        documentedOperations().forEach((route, operation) -> {
            JsonNode responses = operation.path("responses");
            switch (operation.path("x-required-role").asText()) {
                case "none" -> {
                    assertThat(operation.path("security").isArray() && operation.path("security").isEmpty())
                            .as("%s answers without a key: security []", route).isTrue();
                    assertThat(responses.has("401")).as("%s answers without a key: no 401", route).isFalse();
                    assertThat(responses.has("403")).as("%s answers without a key: no 403", route).isFalse();
                }
                case "viewer" -> {
                    assertThat(operation.has("security")).as("%s is keyed like the document", route).isFalse();
                    assertThat(responses.has("401")).as("%s needs a key: 401", route).isTrue();
                }
                default -> {
                    assertThat(operation.has("security")).as("%s is keyed like the document", route).isFalse();
                    assertThat(responses.has("401")).as("%s needs a key: 401", route).isTrue();
                    assertThat(responses.has("403")).as("%s needs the admin role: 403", route).isTrue();
                }
            }
        });
    }

    @Test
    void everyOperationThatTakesABodyLists413ForOneOverTheLimit() {
        documentedOperations().forEach((route, operation) -> {
            if (operation.has("requestBody")) {
                assertThat(operation.at("/responses/413/$ref").asText())
                        .as("413 of %s (RequestBodyLimitFilter)", route)
                        .isEqualTo("#/components/responses/PayloadTooLarge");
            }
        });
    }

    @Test
    void healthSaysItAnswersWithoutAKeyWhenTheServerOpensIt() {
        JsonNode health = document.at("/paths/~1api~1v1~1health/get");

        assertThat(health.path("description").asText()).contains("auth.openHealth");
        assertThat(health.at("/responses/401/description").asText()).contains("auth.openHealth");
    }

    @Test
    void everyOperationAnswersErrorsAsTheErrorSchema() {
        documentedOperations().forEach((route, operation) -> operation.path("responses").fields().forEachRemaining(
                response -> {
                    if (response.getKey().startsWith("4")) {
                        JsonNode resolved = resolveResponse(response.getValue());
                        assertThat(resolved.at("/content/application~1json/schema/$ref").asText())
                                .as("%s %s", route, response.getKey()).isEqualTo("#/components/schemas/Error");
                    }
                }));
    }

    @Test
    void bodiesAndAnswersPointAtTheSchemaOfTheirClass() {
        documentedOperations().forEach((route, operation) -> {
            Route code = routes.get(route);
            if (code == null) {
                return;
            }
            Optional<Class<?>> body = code.body();
            assertThat(operation.has("requestBody")).as("%s takes a body", route).isEqualTo(body.isPresent());
            body.ifPresent(type -> assertThat(javaClass(operation.at(
                    "/requestBody/content/application~1json/schema"))).as("body of %s", route).isEqualTo(type.getName()));
            documentedClass(code.method.getGenericReturnType()).ifPresent(returned -> {
                JsonNode success = successSchema(operation);
                assertThat(javaClass(success)).as("answer of %s", route).isEqualTo(returned);
            });
        });
    }

    @Test
    void eachSchemaHasExactlyTheJsonPropertiesOfItsClass() throws ClassNotFoundException {
        Iterator<Map.Entry<String, JsonNode>> schemas = document.at("/components/schemas").fields();
        int compared = 0;
        while (schemas.hasNext()) {
            Map.Entry<String, JsonNode> schema = schemas.next();
            String className = schema.getValue().path("x-java-class").asText(null);
            if (className == null) {
                assertThat(SCHEMAS_WITHOUT_CLASS).as("schema %s names no x-java-class", schema.getKey())
                        .contains(schema.getKey());
                continue;
            }
            Class<?> type = Class.forName(className);
            assertThat(names(schema.getValue().path("properties").fieldNames()))
                    .as("properties of schema %s (%s)", schema.getKey(), className)
                    .isEqualTo(jsonProperties(type));
            compared++;
        }
        assertThat(compared).isGreaterThan(30);
    }

    @Test
    void everySchemaOfAnAnswerRequiresEachPropertyAsJacksonWritesThemAll() {
        Set<String> answers = new TreeSet<>();
        documentedOperations().values().forEach(operation -> reachableSchemas(operation.path("responses"), answers));
        assertThat(answers).contains("Error", "Run", "Quota", "FieldError");
        for (String name : answers) {
            JsonNode schema = document.at("/components/schemas/" + name);
            if (schema.has("x-java-class")) {
                Set<String> required = new TreeSet<>();
                schema.path("required").forEach(property -> required.add(property.asText()));
                assertThat(required).as("required of schema %s (a record writes every component, null too)", name)
                        .isEqualTo(names(schema.path("properties").fieldNames()));
            }
        }
    }

    @Test
    void everyReferenceResolves() {
        List<String> refs = new ArrayList<>();
        collectRefs(document, refs);
        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            assertThat(document.at(ref.substring(1)).isMissingNode()).as("unresolved %s", ref).isFalse();
        }
    }

    // --- the code's side

    /** A JAX-RS resource method and where it answers. */
    private record Route(Class<?> resource, Method method) {

        Set<String> annotated(Class<? extends Annotation> kind) {
            Set<String> names = new TreeSet<>();
            for (Parameter parameter : method.getParameters()) {
                Annotation annotation = parameter.getAnnotation(kind);
                if (annotation instanceof PathParam path) {
                    names.add(path.value());
                } else if (annotation instanceof QueryParam query) {
                    names.add(query.value());
                }
            }
            return names;
        }

        String role() {
            boolean annotated = Stream.of(method, resource).anyMatch(element ->
                    element.isAnnotationPresent(RolesAllowed.class) || element.isAnnotationPresent(PermitAll.class));
            assertThat(annotated).as("%s.%s has no @RolesAllowed or @PermitAll", resource.getSimpleName(),
                    method.getName()).isTrue();
            return ApiAuthFeature.requiredRole(resource, method);
        }

        /** The entity parameter: the one JAX-RS does not fill from the path, query, headers or context. */
        Optional<Class<?>> body() {
            return Arrays.stream(method.getParameters())
                    .filter(parameter -> Arrays.stream(parameter.getAnnotations()).noneMatch(annotation ->
                            annotation.annotationType().getPackageName().startsWith("jakarta.ws.rs")))
                    .<Class<?>>map(Parameter::getType)
                    .findFirst();
        }
    }

    private static Map<String, Route> routes() {
        Map<String, Route> routes = new LinkedHashMap<>();
        for (Class<?> resource : resourceClasses()) {
            String base = resource.getAnnotation(Path.class).value();
            for (Method method : resource.getMethods()) {
                httpMethod(method).ifPresent(verb -> {
                    Path sub = method.getAnnotation(Path.class);
                    String route = verb + " " + join(base, sub == null ? "" : sub.value());
                    assertThat(routes.put(route, new Route(resource, method))).as("two methods answer %s", route)
                            .isNull();
                });
            }
        }
        return routes;
    }

    /** Every class of this package with {@code @Path}: a resource added later is found without being listed. */
    private static List<Class<?>> resourceClasses() {
        try {
            // the main classes' folder (getResource("") would find the test classes' folder of the same package)
            java.nio.file.Path folder = java.nio.file.Path.of(OpenApiResource.class.getProtectionDomain()
                    .getCodeSource().getLocation().toURI()).resolve(OpenApiResource.class.getPackageName()
                    .replace('.', '/'));
            List<Class<?>> resources = new ArrayList<>();
            try (var files = Files.list(folder)) {
                for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    String name = file.getFileName().toString().replace(".class", "");
                    Class<?> type = Class.forName(OpenApiResource.class.getPackageName() + "." + name);
                    if (type.isAnnotationPresent(Path.class)) {
                        resources.add(type);
                    }
                }
            }
            return resources;
        } catch (IOException | URISyntaxException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot list the classes of the api package", e);
        }
    }

    private static Optional<String> httpMethod(Method method) {
        return Arrays.stream(method.getAnnotations())
                .map(annotation -> annotation.annotationType().getAnnotation(HttpMethod.class))
                .filter(java.util.Objects::nonNull)
                .map(http -> http.value().toLowerCase(java.util.Locale.ROOT))
                .findFirst();
    }

    private static String join(String base, String sub) {
        String path = ("/" + base + "/" + sub).replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static Set<String> templateNames(String route) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = TEMPLATE.matcher(route);
        while (matcher.find()) {
            names.add(matcher.group(1).trim());
        }
        return names;
    }

    /** The class a method's answer documents: a record, or the record of a list; empty for anything else. */
    private static Optional<String> documentedClass(Type returned) {
        if (returned instanceof Class<?> type && type.isRecord()) {
            return Optional.of(type.getName());
        }
        if (returned instanceof ParameterizedType generic && generic.getRawType() == List.class
                && generic.getActualTypeArguments()[0] instanceof Class<?> item && item.isRecord()) {
            return Optional.of("[]" + item.getName());
        }
        return Optional.empty();
    }

    private Set<String> jsonProperties(Class<?> type) {
        JavaType javaType = mapper.constructType(type);
        BeanDescription description = mapper.getSerializationConfig().introspect(javaType);
        return description.findProperties().stream().map(BeanPropertyDefinition::getName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    // --- the document's side

    private Map<String, JsonNode> documentedOperations() {
        Map<String, JsonNode> operations = new LinkedHashMap<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(entry -> {
            if (HTTP_METHODS.contains(entry.getKey())) {
                operations.put(entry.getKey() + " " + path.getKey(), entry.getValue());
            }
        }));
        return operations;
    }

    private Set<String> parameters(JsonNode operation, String in) {
        Set<String> names = new TreeSet<>();
        operation.path("parameters").forEach(written -> {
            JsonNode parameter = written.has("$ref")
                    ? document.at(written.path("$ref").asText().substring(1)) : written;
            if (parameter.path("in").asText().equals(in)) {
                names.add(parameter.path("name").asText());
            }
        });
        return names;
    }

    private JsonNode successSchema(JsonNode operation) {
        Iterator<Map.Entry<String, JsonNode>> responses = operation.path("responses").fields();
        while (responses.hasNext()) {
            Map.Entry<String, JsonNode> response = responses.next();
            if (response.getKey().startsWith("2")) {
                return response.getValue().at("/content/application~1json/schema");
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    /** The x-java-class of the schema a body or answer refers to; a list's is {@code []} and its items'. */
    private String javaClass(JsonNode schema) {
        if (schema.path("type").asText().equals("array")) {
            return "[]" + javaClass(schema.path("items"));
        }
        JsonNode target = schema.has("allOf") ? schema.path("allOf").get(0) : schema;
        String ref = target.path("$ref").asText();
        return document.at(ref.replaceFirst("^#", "")).path("x-java-class").asText("(no class)");
    }

    private JsonNode resolveResponse(JsonNode response) {
        String ref = response.path("$ref").asText(null);
        return ref == null ? response : document.at(ref.substring(1));
    }

    /** The names of the schemas a part of the document refers to, through references of references. */
    private void reachableSchemas(JsonNode node, Set<String> names) {
        List<String> refs = new ArrayList<>();
        collectRefs(node, refs);
        for (String ref : refs) {
            if (ref.startsWith("#/components/schemas/")) {
                if (names.add(ref.substring("#/components/schemas/".length()))) {
                    reachableSchemas(document.at(ref.substring(1)), names);
                }
            } else {
                reachableSchemas(document.at(ref.substring(1)), names);
            }
        }
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (field.getKey().equals("$ref")) {
                    refs.add(field.getValue().asText());
                } else {
                    collectRefs(field.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(item -> collectRefs(item, refs));
        }
    }

    private JsonNode parse(String json) {
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("openapi.json is not JSON", e);
        }
    }

    private static Set<String> names(Iterator<String> iterator) {
        Set<String> names = new TreeSet<>();
        iterator.forEachRemaining(names::add);
        return names;
    }
}
