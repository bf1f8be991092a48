package io.newsdesk.cms.common.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Zero set-up for developers: in the dev and test profiles, when no datasource URL is configured
 * and a PostgreSQL server answers on 127.0.0.1:5432, points the application at its own database
 * there ({@code cms_dev} or {@code cms_test}), creating it when missing. When no server answers it
 * contributes nothing, so Quarkus Dev Services can start a database container instead. The
 * production profile is never touched: it uses exactly what is configured.
 */
public class LocalDatabaseConfigSourceFactory implements ConfigSourceFactory {

    static final String HOST = "127.0.0.1";
    static final int PORT = 5432;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        List<String> profiles = context.getProfiles();
        String profile = profiles.contains("test") ? "test" : profiles.contains("dev") ? "dev" : null;
        if (profile == null || isSet(context, "quarkus.datasource.jdbc.url")
                || "false".equals(value(context, "cms.local-database.enabled"))) {
            return List.of();
        }
        String database = value(context, "cms.local-database.name");
        if (database == null) {
            database = "cms_" + profile;
        }
        String user = value(context, "quarkus.datasource.username");
        if (user == null) {
            user = "postgres";
        }
        String password = value(context, "quarkus.datasource.password");
        if (!ensureDatabase(database, user, password)) {
            return List.of();
        }
        String url = "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
        return List.of(new PropertiesConfigSource(
                Map.of("quarkus.datasource.jdbc.url", url, "quarkus.datasource.username", user),
                "local PostgreSQL for the " + profile + " profile", 150));
    }

    private static boolean ensureDatabase(String database, String user, String password) {
        if (!database.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("cms.local-database.name must be a plain lowercase identifier: " + database);
        }
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("connectTimeout", "3");
        props.setProperty("loginTimeout", "5");
        String maintenance = "jdbc:postgresql://" + HOST + ":" + PORT + "/postgres";
        try (Connection connection = new org.postgresql.Driver().connect(maintenance, props)) {
            try (PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
                exists.setString(1, database);
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next()) {
                        return true;
                    }
                }
            }
            try (Statement create = connection.createStatement()) {
                // The name is checked against a strict identifier pattern above; CREATE DATABASE takes no bind parameters.
                create.execute("create database " + database);
            } catch (SQLException e) {
                if (!"42P04".equals(e.getSQLState())) { // created meanwhile by a concurrent start
                    throw e;
                }
            }
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static boolean isSet(ConfigSourceContext context, String name) {
        return value(context, name) != null;
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null || value.getValue().isBlank() ? null : value.getValue();
    }
}
