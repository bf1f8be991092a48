package io.newsdesk.cms.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.newsdesk.cms.common.persistence.EmbeddedDatabaseServer;

/**
 * A database of its own for one test class, {@code cms_it_<name>} on the shared PostgreSQL: dropped when present and
 * created empty; the service's Flyway migrations create the schema when it starts. Left in place afterwards so a failed
 * run can be inspected; the next run drops it.
 * <p>
 * The shared PostgreSQL is the one configured with {@code it.postgres.*} ({@code IT_POSTGRES_*}), else the server on
 * 127.0.0.1:5432 that CI starts for the unit tests, else, as for the unit tests on a machine with no server, an embedded
 * PostgreSQL in {@code target/postgres-it} started once for the whole run and stopped when it ends.
 */
public final class TestDatabase {

    private static final String DEFAULT_HOST = "127.0.0.1";
    private static final int DEFAULT_PORT = 5432;
    private static final String CONFIGURED_HOST = setting("it.postgres.host", "IT_POSTGRES_HOST", null);
    private static final String CONFIGURED_PORT = setting("it.postgres.port", "IT_POSTGRES_PORT", null);
    private static final boolean EMBEDDED = CONFIGURED_HOST == null && CONFIGURED_PORT == null
            && !answers(DEFAULT_HOST, DEFAULT_PORT);

    /** The PostgreSQL the tests use. */
    public static final String HOST = CONFIGURED_HOST == null ? DEFAULT_HOST : CONFIGURED_HOST;
    public static final int PORT = EMBEDDED ? EmbeddedDatabaseServer.start(Path.of("target", "postgres-it"))
            : CONFIGURED_PORT == null ? DEFAULT_PORT : Integer.parseInt(CONFIGURED_PORT);
    public static final String USER = EMBEDDED ? EmbeddedDatabaseServer.USER
            : setting("it.postgres.user", "IT_POSTGRES_USER", "postgres");
    public static final String PASSWORD = EMBEDDED ? "" : setting("it.postgres.password", "IT_POSTGRES_PASSWORD", "");

    private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,40}");

    private final String name;

    private TestDatabase(String name) {
        this.name = name;
    }

    /** Drops {@code cms_it_<name>} if it exists (disconnecting whoever is on it) and creates it empty. */
    public static TestDatabase create(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("database name part must be [a-z0-9_]: " + name);
        }
        String database = "cms_it_" + name;
        try (Connection c = DriverManager.getConnection(url("postgres"), USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + database + " with (force)");
            s.execute("create database " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database + " on " + HOST + ":" + PORT
                    + " (is PostgreSQL running, with user " + USER + "?)", e);
        }
        return new TestDatabase(database);
    }

    public String name() {
        return name;
    }

    /** The JDBC URL of this database on the real server. */
    public String jdbcUrl() {
        return url(name);
    }

    /** The JDBC URL of this database reached through some other address, e.g. a {@link TcpProxy}. */
    public String jdbcUrl(String host, int port) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, PASSWORD);
    }

    /** Every row of a query, as column name to value. */
    public List<Map<String, Object>> rows(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            List<Map<String, Object>> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                ResultSetMetaData meta = r.getMetaData();
                while (r.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int col = 1; col <= meta.getColumnCount(); col++) {
                        Object value = r.getObject(col);
                        if (value instanceof java.sql.Array array) {
                            value = List.of((Object[]) array.getArray());
                        }
                        row.put(meta.getColumnLabel(col), value);
                    }
                    out.add(row);
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("query failed on " + name + ": " + sql, e);
        }
    }

    /** Runs one statement that changes rows, as a test's way to make time pass for them; answers how many it changed. */
    public int update(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("update failed on " + name + ": " + sql, e);
        }
    }

    /** The single number a query answers. */
    public long number(String sql, Object... params) {
        List<Map<String, Object>> rows = rows(sql, params);
        return ((Number) rows.get(0).values().iterator().next()).longValue();
    }

    private static String url(String database) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
    }

    private static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String setting(String property, String env, String fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(env);
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
