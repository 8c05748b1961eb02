package io.inflow.server.store;

import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.extension.ExtensionMethod;
import org.jdbi.v3.core.statement.DefinedAttributeTemplateEngine;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.TemplateEngine;

/**
 * JDBI's templating with each SQL object statement named in a leading comment ({@code /* ConnectionDao.find *&#47;}),
 * as Dropwizard's {@code NamePrependingTemplateEngine} names them, but parsed once per statement. Dropwizard's engine
 * only renders, so JDBI cannot cache its parse: every call ran the template lexer again, about a third of the CPU of
 * a short query's call (profile of {@code GET /api/v1/imports/{id}}, issue 18). This one answers
 * {@link TemplateEngine.Parsing#parse}, which JDBI caches per template; only the comment is added per call.
 */
public final class NamedStatementTemplates implements TemplateEngine.Parsing {

    private final TemplateEngine.Parsing templates = new DefinedAttributeTemplateEngine();

    /** Puts it in place of whatever engine {@code jdbi} has (Dropwizard's, from {@code JdbiFactory}). */
    public static void install(Jdbi jdbi) {
        jdbi.setTemplateEngine(new NamedStatementTemplates());
    }

    @Override
    public Optional<Function<StatementContext, String>> parse(String template, ConfigRegistry config) {
        return templates.parse(template, config).map(render -> context -> named(render.apply(context), context));
    }

    private static String named(String sql, StatementContext context) {
        ExtensionMethod method = context.getExtensionMethod();
        if (method == null) {
            return sql;
        }
        String type = method.getType().getSimpleName();
        return "/* " + (type.isEmpty() ? "" : type + ".") + method.getMethod().getName() + " */ " + sql;
    }
}
