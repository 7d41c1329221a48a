package dev.pledge.statestore.s3;

import dev.pledge.api.BucketStateStoreSpec;
import dev.pledge.api.BucketStateStoreSpec.AuthMethod;
import dev.pledge.statestore.RetryPolicy;
import dev.pledge.statestore.SecretData;
import dev.pledge.statestore.StateStoreDefinition;
import dev.pledge.statestore.StateStoreException;
import dev.pledge.statestore.StateStoreException.Reason;
import dev.pledge.statestore.StateStoreLayout;
import dev.pledge.statestore.StateStoreWriter;
import dev.pledge.statestore.StateStoreWriterFactory;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The {@code BucketStateStore} kind: one {@link S3Client} per store, pointed at its endpoint with path-style
 * addressing (S3-compatible servers rarely resolve bucket host names).
 */
@ApplicationScoped
@Unremovable
public class BucketWriterFactory implements StateStoreWriterFactory {
    public static final String KIND = "BucketStateStore";
    static final String ACCESS_KEY_ID = "accessKeyID";
    static final String SECRET_ACCESS_KEY = "secretAccessKey";
    private static final String DEFAULT_REGION = "us-east-1";

    private final RetryPolicy retry;

    public BucketWriterFactory() {
        this(RetryPolicy.DEFAULT);
    }

    public BucketWriterFactory(RetryPolicy retry) {
        this.retry = retry;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public StateStoreWriter open(StateStoreDefinition definition) throws StateStoreException {
        BucketStateStoreSpec spec = definition.spec(BucketStateStoreSpec.class);
        String store = definition.displayName();
        if (spec.getBucketName() == null || spec.getBucketName().isBlank()) {
            throw new StateStoreException(Reason.INVALID_CONFIGURATION, store + ": spec.bucketName is empty");
        }
        URI endpoint = endpoint(store, spec);
        S3Client s3 = S3Client.builder()
                .endpointOverride(endpoint)
                .region(region())
                .forcePathStyle(true)
                .dualstackEnabled(Boolean.TRUE.equals(spec.getUseDualStack()))
                .credentialsProvider(credentials(store, spec, definition.secret()))
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(60)).build())
                // the SDK's standard retries absorb a dropped keep-alive connection; the writer retries whole
                // rounds on top of that when a server stays down
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.standardRetryStrategy()))
                .build();
        BucketClient client = new BucketClient(store, endpoint.toString(), spec.getBucketName(), 
                StateStoreLayout.storeRoot(spec.getPath()), s3, definition.secret());
        return new BucketWriter(store, client, retry);
    }

    private static URI endpoint(String store, BucketStateStoreSpec spec) throws StateStoreException {
        String raw = spec.getEndpoint() == null ? "" : spec.getEndpoint().strip();
        if (raw.isEmpty()) {
            throw new StateStoreException(Reason.INVALID_CONFIGURATION, store + ": spec.endpoint is empty");
        }
        String scheme = Boolean.TRUE.equals(spec.getInsecure()) ? "http://" : "https://";
        try {
            return URI.create(raw.contains("://") ? raw : scheme + raw);
        } catch (IllegalArgumentException e) {
            throw new StateStoreException(Reason.INVALID_CONFIGURATION, store + ": spec.endpoint '" + raw
                    + "' is not host[:port]");
        }
    }

    private static AwsCredentialsProvider credentials(String store, BucketStateStoreSpec spec, SecretData secret)
            throws StateStoreException {
        if (spec.getAuthMethod() == AuthMethod.IAM) {
            return DefaultCredentialsProvider.builder().build();
        }
        String id = secret.require(ACCESS_KEY_ID, store + " (authMethod accessKey)");
        String key = secret.require(SECRET_ACCESS_KEY, store + " (authMethod accessKey)");
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(id, key));
    }

    private static Region region() {
        String configured = System.getenv("AWS_REGION");
        return Region.of(configured == null || configured.isBlank() ? DEFAULT_REGION : configured);
    }
}
