package dev.pledge.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server on 127.0.0.1: s3proxy's fat jar as a child process (its thin jar's dependencies
 * clash with ours), in-memory storage, AWS v2/v4 signatures. Started once per test JVM, killed when it exits.
 */
public final class S3Server {
    public static final String ACCESS_KEY = "pledge-access";
    public static final String SECRET_KEY = "s3-secret-Zq8uYw2-key";

    private static S3Server instance;

    private final Process process;
    private final int port;

    private S3Server(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static synchronized S3Server get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    /** host:port, as a BucketStateStore's spec.endpoint. */
    public String endpoint() {
        return "127.0.0.1:" + port;
    }

    /** A client with the server's credentials, for tests to create buckets and look at objects. */
    public S3Client client() {
        return S3Client.builder().endpointOverride(URI.create("http://" + endpoint())).region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static S3Server start() {
        Path jar = Path.of(System.getProperty("test.pledge.s3proxy.jar", "target/s3proxy/s3proxy.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no s3proxy jar at " + jar + "; the build copies it there"
                    + " (maven-dependency-plugin, execution copy-s3proxy)");
        }
        try {
            int port = freePort();
            Path home = Files.createTempDirectory("pledge-s3proxy");
            Path properties = home.resolve("s3proxy.conf");
            Files.writeString(properties, String.join("\n",
                    "s3proxy.endpoint=http://127.0.0.1:" + port,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + ACCESS_KEY,
                    "s3proxy.credential=" + SECRET_KEY,
                    "jclouds.provider=transient-nio2",
                    "jclouds.identity=unused",
                    "jclouds.credential=unused",
                    ""));
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process process = new ProcessBuilder(java.toString(), "-Xmx192m", "-XX:+UseSerialGC", "-jar",
                    jar.toAbsolutePath().toString(), "--properties", properties.toString())
                    .redirectErrorStream(true).redirectOutput(home.resolve("s3proxy.log").toFile()).start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                process.destroy();
                BareRepositories.deleteQuietly(home);
            }, "s3proxy-stop"));
            awaitPort(port, process, home.resolve("s3proxy.log"));
            return new S3Server(process, port);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start s3proxy", e);
        }
    }

    private static void awaitPort(int port, Process process, Path log) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("s3proxy exited: " + Files.readString(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        process.destroy();
        throw new IllegalStateException("s3proxy did not open port " + port + ": " + Files.readString(log));
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
