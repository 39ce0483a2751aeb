package io.trapwatch.monitorapi.repository;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One alert sender at a time across instances: a session-level advisory lock, held on a connection of its own (not
 * the pool's: a pooled connection would go back to the pool still holding it) for as long as this instance sends.
 * <p>
 * Why: a delivery is "in flight" only in the memory of the instance that handed it over, so two senders read the same
 * due deliveries and both send them, and each would spend a Telegram chat's per-window budget on its own. The lock goes
 * with its session: when the holder dies its connection closes and another instance takes over on its next round
 * (sending again what the dead one had in flight: at least once, as after a restart). Server-side keepalives end the
 * session of a holder whose node vanished without closing the connection within about 20 s instead of hours.
 * Every instance keeps this one connection besides its pool. Only the sender's thread calls it.
 */
@ApplicationScoped
public class SenderLock {

    private static final Logger LOG = Logger.getLogger(SenderLock.class);
    /** Arbitrary constant, distinct from the projection's. */
    private static final long SENDER_LOCK = 0x7472617073656e64L;

    private final String url;
    private final String user;
    private final String password;
    /** Kept open between rounds, holding the lock or asking for it each round. */
    private Connection connection;
    private boolean holding;

    public SenderLock(@ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
                      @ConfigProperty(name = "quarkus.datasource.username") String user,
                      @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** Whether this instance may send now: it holds the lock, or just took it. A broken connection gives it up. */
    public boolean held() {
        try {
            if (holding && !connection.isValid(2)) {
                LOG.warn("alert sender lock lost with its connection; another instance may send now");
                release();
                return false; // asked for again next round, on a new connection
            }
            if (!holding) {
                holding = tryLock();
                if (holding) {
                    LOG.info("alert sender lock taken: this instance sends the alerts");
                }
            }
            return holding;
        } catch (SQLException e) {
            LOG.debugf("alert sender lock not taken: %s", e.getMessage());
            release();
            return false;
        }
    }

    private boolean tryLock() throws SQLException {
        if (connection == null) {
            connection = DriverManager.getConnection(url, user, password);
            try (Statement keepalive = connection.createStatement()) {
                keepalive.execute("SET tcp_keepalives_idle = 10");
                keepalive.execute("SET tcp_keepalives_interval = 3");
                keepalive.execute("SET tcp_keepalives_count = 3");
            }
        }
        try (PreparedStatement s = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            s.setLong(1, SENDER_LOCK);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Gives the lock up (closing its session releases it), e.g. on shutdown, so another instance takes over at once. */
    public void release() {
        holding = false;
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException alreadyGone) {
                // the session, and with it the lock, is gone either way
            }
            connection = null;
        }
    }
}
