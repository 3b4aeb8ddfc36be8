package chainkg.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;

/**
 * chainkg's local Neo4j Community server: the embedded database management service with its
 * Bolt connector on 127.0.0.1, auth on, the data under a home folder of the project's cache.
 *
 * <p>Usage: {@code java -jar chainkg-neo4j.jar HOME PORT PASSWORD_FILE}. The password of user
 * {@code neo4j} is read from PASSWORD_FILE; when that file does not exist a random password is
 * generated and written there (mode 0600) first. A SIGTERM (or Ctrl-C) shuts the service down
 * cleanly through a shutdown hook. The line {@code chainkg-neo4j ready} on stdout means Bolt
 * is listening and the password is set.
 */
public final class ChainkgNeo4j {
    static final String USER = "neo4j";

    private ChainkgNeo4j() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: java -jar chainkg-neo4j.jar HOME PORT PASSWORD_FILE");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        String password = readOrCreatePassword(Path.of(args[2]));

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.gibiBytes(1))
                // A scratch server, no backups: bound the transaction logs so repeated loads do not fill
                // the disk. Keep only the latest log (db.tx_log.rotation.retention_policy), rotate at
                // 64 MiB instead of 256 (db.tx_log.rotation.size), do not preallocate log files (a log
                // the bulk importer started was extended to 256 MiB at once), and checkpoint (after which
                // older logs are pruned) every 64 MiB of log written (db.checkpoint.interval.volume) or
                // 5 minutes, not 250 MiB or 15 minutes.
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "false")
                .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, ByteUnit.mebiBytes(64))
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.check_point_interval_volume, ByteUnit.mebiBytes(64))
                .setConfig(GraphDatabaseSettings.check_point_interval_time, java.time.Duration.ofMinutes(5))
                .build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("chainkg-neo4j stopping");
            dbms.shutdown();
            System.out.println("chainkg-neo4j stopped");
            stopped.countDown();
        }, "chainkg-neo4j-shutdown"));

        setPassword(dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME), password);
        System.out.println("chainkg-neo4j ready bolt://127.0.0.1:" + port + " user " + USER);
        System.out.flush();
        stopped.await();
    }

    /** The password in {@code file}; a new random one written there (0600, atomically) if absent. */
    static String readOrCreatePassword(Path file) throws IOException {
        if (Files.exists(file)) {
            String password = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (password.length() < 8) {
                throw new IOException(file + ": password shorter than 8 characters");
            }
            return password;
        }
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".password", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, password + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        return password;
    }

    /**
     * Give user neo4j the password (no change required at first login). Run on every start so
     * the file stays the truth even if it was replaced; Neo4j refuses to "change" a password to
     * the one it already has, which is fine here.
     */
    static void setPassword(GraphDatabaseService system, String password) {
        try {
            system.executeTransactionally(
                    "ALTER USER " + USER + " SET PLAINTEXT PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
        } catch (RuntimeException e) {
            if (!String.valueOf(e.getMessage()).contains("cannot be the same")) {
                throw e;
            }
        }
    }
}
