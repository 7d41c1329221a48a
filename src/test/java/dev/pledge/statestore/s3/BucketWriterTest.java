package dev.pledge.statestore.s3;

import static dev.pledge.statestore.Placements.batch;
import static dev.pledge.statestore.Placements.file;
import static dev.pledge.statestore.Placements.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pledge.api.BucketStateStoreSpec;
import dev.pledge.statestore.DestinationDirectory;
import dev.pledge.statestore.RetryPolicy;
import dev.pledge.statestore.SecretData;
import dev.pledge.statestore.StateStoreDefinition;
import dev.pledge.statestore.StateStoreException;
import dev.pledge.statestore.StateStoreException.Reason;
import dev.pledge.statestore.StateStoreWriter;
import dev.pledge.statestore.StateStoreWriterContract;
import dev.pledge.statestore.WriteResult;
import dev.pledge.testing.CapturedLogs;
import dev.pledge.testing.S3Server;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The bucket writer against a real S3-compatible server (s3proxy), path-style, over plain HTTP. */
class BucketWriterTest extends StateStoreWriterContract {
    private static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(20), Duration.ofMillis(50), 1);
    private static final DestinationDirectory DEV = DestinationDirectory.nested("dev", "dev");
    private static final SecretData GOOD = SecretData.of("default/s3-creds",
            Map.of("accessKeyID", S3Server.ACCESS_KEY, "secretAccessKey", S3Server.SECRET_KEY));

    private final S3Server server = S3Server.get();
    private final S3Client s3 = server.client();
    private String bucket;

    @Override
    protected StateStoreWriter openWriter(String storePath) throws Exception {
        bucket = "kratix-" + System.nanoTime();
        s3.createBucket(r -> r.bucket(bucket));
        return open(server.endpoint(), bucket, storePath, GOOD);
    }

    @Override
    protected Map<String, String> storeFiles() {
        Map<String, String> files = new TreeMap<>();
        for (S3Object object : s3.listObjectsV2Paginator(r -> r.bucket(bucket)).contents()) {
            files.put(object.key(), s3.getObjectAsBytes(r -> r.bucket(bucket).key(object.key())).asUtf8String());
        }
        return files;
    }

    private static StateStoreWriter open(String endpoint, String bucket, String path, SecretData secret)
            throws StateStoreException {
        BucketStateStoreSpec spec = new BucketStateStoreSpec();
        spec.setEndpoint(endpoint);
        spec.setBucketName(bucket);
        spec.setPath(path);
        spec.setInsecure(true);
        return new BucketWriterFactory(FAST).open(new StateStoreDefinition(BucketWriterFactory.KIND, "bucket", "1",
                spec, secret));
    }

    @Test
    void objectsWhoseContentIsUnchangedAreNotUploadedAgain() throws Exception {
        writer.apply(batch(resource(DEV, "wp", "r", file("same.yaml", "same"), file("moving.yaml", "v1"))));
        String same = "platform/dev/resources/default/redis/r/instance-configure/5058f/same.yaml";
        Instant firstUpload = s3.headObject(r -> r.bucket(bucket).key(same)).lastModified();
        Thread.sleep(1100); // object times have one-second resolution

        WriteResult second = writer.apply(batch(resource(DEV, "wp", "r", file("same.yaml", "same"),
                file("moving.yaml", "v2"))));

        assertThat(second.filesWritten()).isEqualTo(1);
        assertThat(s3.headObject(r -> r.bucket(bucket).key(same)).lastModified()).isEqualTo(firstUpload);
        assertThat(storeFiles()).containsEntry(
                "platform/dev/resources/default/redis/r/instance-configure/5058f/moving.yaml", "v2");
    }

    @Test
    void objectsOutsideTheStorePathAreLeftAlone() throws Exception {
        s3.putObject(r -> r.bucket(bucket).key("someone-else/file.yaml"),
                software.amazon.awssdk.core.sync.RequestBody.fromString("theirs"));
        writer.apply(batch(resource(DestinationDirectory.flat("root", "/"), "wp", "r", file("a.yaml", "a"))));

        assertThat(storeFiles()).containsEntry("someone-else/file.yaml", "theirs")
                .containsKey("platform/a.yaml");
    }

    @Test
    void aMissingBucketIsAClearError() throws Exception {
        try (StateStoreWriter lost = open(server.endpoint(), "no-such-bucket", "", GOOD)) {
            assertThatThrownBy(lost::checkPermissions).isInstanceOfSatisfying(StateStoreException.class, e -> {
                assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
                assertThat(e.getMessage()).isEqualTo("BucketStateStore/bucket: bucket 'no-such-bucket' at http://"
                        + server.endpoint() + " does not exist; create it or fix spec.bucketName");
            });
            assertThatThrownBy(() -> lost.apply(batch(resource(DEV, "a", "a", file("a.yaml", "a")))))
                    .isInstanceOfSatisfying(StateStoreException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
        }
    }

    @Test
    void aWrongSecretKeyIsAClearErrorThatNeverShowsTheKey() throws Exception {
        String wrong = "wrong-Secret-Access-Key-77";
        SecretData bad = SecretData.of("default/s3-creds",
                Map.of("accessKeyID", S3Server.ACCESS_KEY, "secretAccessKey", wrong));
        try (CapturedLogs logs = new CapturedLogs(); StateStoreWriter denied = open(server.endpoint(), bucket, "", bad)) {
            assertThatThrownBy(() -> denied.apply(batch(resource(DEV, "a", "a", file("a.yaml", "a")))))
                    .isInstanceOfSatisfying(StateStoreException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.AUTHENTICATION);
                        assertThat(e.getMessage()).doesNotContain("\n").contains("refused the credentials")
                                .contains("Secret default/s3-creds");
                        assertThat(fullText(e)).doesNotContain(wrong);
                    });
            assertThatThrownBy(denied::checkPermissions).hasMessageContaining("refused the credentials");
            assertThat(logs.text()).doesNotContain(wrong);
        }
        assertThat(storeFiles()).isEmpty();
    }

    @Test
    void aServerThatIsDownIsRetriedAndReported() throws Exception {
        String nowhere = "127.0.0.1:" + S3Server.freePort();
        try (CapturedLogs logs = new CapturedLogs(); StateStoreWriter offline = open(nowhere, bucket, "", GOOD)) {
            assertThatThrownBy(() -> offline.apply(batch(resource(DEV, "a", "a", file("a.yaml", "a")))))
                    .isInstanceOfSatisfying(StateStoreException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE);
                        assertThat(e.getMessage()).startsWith("BucketStateStore/bucket: cannot reach http://"
                                + nowhere + " during list (ConnectException");
                    });
            assertThat(logs.text()).contains("attempt 1 of 3").contains("attempt 2 of 3");
        }
    }

    @Test
    void accessKeyAuthNeedsBothKeys() {
        assertThatThrownBy(() -> open(server.endpoint(), bucket, "", SecretData.of("default/half",
                Map.of("accessKeyID", "x")))).hasMessage("Secret default/half has no key 'secretAccessKey'"
                        + " (needed for BucketStateStore/bucket (authMethod accessKey))");
    }

    private static String fullText(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            text.append(t).append('\n');
        }
        return text.toString();
    }
}
