package io.inflow.server.store;

import java.lang.reflect.Type;
import java.sql.Types;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.argument.ArgumentFactory;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.mapper.ColumnMapper;
import org.jdbi.v3.core.mapper.ColumnMapperFactory;

/**
 * Stores every enum as its lowercase name ({@code RunStatus.SUCCEEDED} is {@code 'succeeded'}), the form the
 * schema's check constraints and the REST API use.
 */
public final class LowercaseEnums implements ArgumentFactory.Preparable, ColumnMapperFactory {

    /** Installs the mapping on {@code jdbi}: once, before any DAO is made from it. */
    public static void install(Jdbi jdbi) {
        LowercaseEnums enums = new LowercaseEnums();
        jdbi.registerArgument(enums);
        jdbi.registerColumnMapper(enums);
    }

    @Override
    public Optional<java.util.function.Function<Object, Argument>> prepare(Type type, ConfigRegistry config) {
        if (!(type instanceof Class<?> cls) || !cls.isEnum()) {
            return Optional.empty();
        }
        return Optional.of(value -> (position, statement, context) -> {
            if (value == null) {
                statement.setNull(position, Types.VARCHAR);
            } else {
                statement.setString(position, ((Enum<?>) value).name().toLowerCase(Locale.ROOT));
            }
        });
    }

    @Override
    public Optional<ColumnMapper<?>> build(Type type, ConfigRegistry config) {
        if (!(type instanceof Class<?> cls) || !cls.isEnum()) {
            return Optional.empty();
        }
        return Optional.of((results, column, context) -> {
            String value = results.getString(column);
            return value == null ? null : parse(cls, value);
        });
    }

    /** The constant a stored value names, for code that maps rows without JDBI's column mappers; null for null. */
    public static <E extends Enum<E>> E valueOf(Class<E> type, String value) {
        return value == null ? null : Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object parse(Class<?> cls, String value) {
        return Enum.valueOf((Class) cls, value.toUpperCase(Locale.ROOT));
    }
}
