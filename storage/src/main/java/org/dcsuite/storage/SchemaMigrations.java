package org.dcsuite.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dcsuite.core.store.StoreException;

/**
 * Versioned schema migrations: ordered SQL resources under {@code org/dcsuite/storage/migrations/<dialect>/},
 * listed in that folder's {@code index.txt}, applied once each and recorded in {@code schema_version}.
 */
final class SchemaMigrations {

    /** One migration resource. */
    record Migration(int version, String description, String resource) {
    }

    private static final Pattern NAME = Pattern.compile("V(\\d+)__(\\w+)\\.sql");

    private final String dialect;
    private final List<Migration> migrations;

    SchemaMigrations(String dialect) {
        this.dialect = dialect;
        this.migrations = load(dialect);
    }

    /** The newest schema version this code knows. */
    int latestVersion() {
        return migrations.isEmpty() ? 0 : migrations.get(migrations.size() - 1).version();
    }

    private static List<Migration> load(String dialect) {
        String folder = "migrations/" + dialect + "/";
        List<Migration> list = new ArrayList<>();
        for (String line : resource(folder + "index.txt").split("\n")) {
            String name = line.strip();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            Matcher m = NAME.matcher(name);
            if (!m.matches()) {
                throw new IllegalStateException("migration " + folder + name + " is not named V<n>__<description>.sql");
            }
            int version = Integer.parseInt(m.group(1));
            if (!list.isEmpty() && version != list.get(list.size() - 1).version() + 1) {
                throw new IllegalStateException("migration " + folder + name + " breaks the version sequence");
            }
            list.add(new Migration(version, m.group(2).replace('_', ' '), folder + name));
        }
        return List.copyOf(list);
    }

    static String resource(String path) {
        try (InputStream in = SchemaMigrations.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource org/dcsuite/storage/" + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource org/dcsuite/storage/" + path, e);
        }
    }

    /** Statements of a script separated by a semicolon at the end of a line; {@code --} comment lines dropped. */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = current.toString().strip();
                out.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }

    /**
     * Brings the schema to {@link #latestVersion()}. The caller holds whatever lock keeps other processes from
     * migrating at the same time and runs this in one transaction (autocommit off).
     *
     * @return the version found before migrating
     */
    int migrate(Connection c, String location) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                    + "description VARCHAR(200) NOT NULL, applied_at_ms BIGINT NOT NULL)");
        }
        int current = currentVersion(c);
        if (current > latestVersion()) {
            throw new StoreException("store " + location + " has schema version " + current
                    + ", newer than version " + latestVersion() + " that this dcsuite knows: upgrade dcsuite, "
                    + "or point it at another database", false);
        }
        for (Migration m : migrations) {
            if (m.version() <= current) {
                continue;
            }
            try (Statement st = c.createStatement()) {
                for (String sql : statements(resource(m.resource()))) {
                    st.execute(sql);
                }
            } catch (SQLException e) {
                throw new SQLException("migration " + dialect + " V" + m.version() + " (" + m.description()
                        + ") failed: " + e.getMessage(), e.getSQLState(), e);
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO schema_version (version, description, applied_at_ms) VALUES (?, ?, ?)")) {
                ps.setInt(1, m.version());
                ps.setString(2, m.description());
                ps.setLong(3, System.currentTimeMillis());
                ps.executeUpdate();
            }
        }
        return current;
    }

    static int currentVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
