package io.inflow.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Statements keep their names in a leading comment, and JDBI can cache their parse (it could not with Dropwizard's). */
class NamedStatementTemplatesTest {

    @RegisterExtension
    final TestDatabase database = new TestDatabase();

    @Test
    void aSqlObjectStatementIsNamedAndAPlainOneIsNotAndDefinedAttributesStillRender() {
        NamedStatementTemplates.install(database.jdbi());
        List<String> rendered = new ArrayList<>();
        database.jdbi().setSqlLogger(new SqlLogger() {
            @Override
            public void logBeforeExecution(StatementContext context) {
                rendered.add(context.getRenderedSql());
            }
        });

        database.connections().insert("airtable", "clinic", "{}");
        long defined = database.jdbi().withHandle(handle -> handle.createQuery("SELECT count(*) FROM <table>")
                .define("table", "connections").mapTo(Long.class).one());

        assertThat(defined).isEqualTo(1);
        assertThat(rendered.get(0)).startsWith("/* ConnectionDao.insert */ INSERT INTO connections");
        assertThat(rendered.get(1)).isEqualTo("SELECT count(*) FROM connections");
    }

    @Test
    void itParsesSoJdbiCachesEachTemplateOnce() {
        NamedStatementTemplates templates = new NamedStatementTemplates();

        assertThat(templates.parse("SELECT 1 FROM <table>", database.jdbi().getConfig()))
                .as("JDBI caches only what an engine parses; Dropwizard's engine answers empty").isPresent();
        assertThat(new io.dropwizard.jdbi3.NamePrependingTemplateEngine(
                new org.jdbi.v3.core.statement.DefinedAttributeTemplateEngine())
                .parse("SELECT 1 FROM <table>", database.jdbi().getConfig())).isEmpty();
    }
}
