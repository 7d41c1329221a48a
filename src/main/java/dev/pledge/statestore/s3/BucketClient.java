package dev.pledge.statestore.s3;

import dev.pledge.statestore.RedactedCause;
import dev.pledge.statestore.SecretData;
import dev.pledge.statestore.StateStoreException;
import dev.pledge.statestore.StateStoreException.Reason;
import dev.pledge.statestore.StateStoreLayout;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The few S3 calls a bucket writer makes, on store paths (relative to the store's {@code path}), with every SDK
 * failure turned into a one-line {@link StateStoreException}.
 */
final class BucketClient implements AutoCloseable {
    private static final int DELETE_CHUNK = 1000;
    static final String PERMISSION_PROBE = ".kratix-write-permission-check";

    private final String store;
    private final String endpoint;
    private final String bucket;
    private final String storeRoot;
    private final S3Client s3;
    private final SecretData secret;

    BucketClient(String store, String endpoint, String bucket, String storeRoot, S3Client s3, SecretData secret) {
        this.store = store;
        this.endpoint = endpoint;
        this.bucket = bucket;
        this.storeRoot = storeRoot;
        this.s3 = s3;
        this.secret = secret;
    }

    /** Every object below the directory: store path to ETag (without quotes). */
    Map<String, String> list(String directory) throws StateStoreException {
        String prefix = key(directory);
        String listPrefix = prefix.isEmpty() ? "" : prefix + "/";
        Map<String, String> etags = new HashMap<>();
        try {
            for (S3Object object : s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(listPrefix)).contents()) {
                String path = storePath(object.key());
                if (path != null) {
                    etags.put(path, object.eTag() == null ? "" : object.eTag().replace("\"", ""));
                }
            }
        } catch (SdkException e) {
            throw failure("list", e);
        }
        return etags;
    }

    Optional<byte[]> get(String path) throws StateStoreException {
        try {
            ResponseBytes<GetObjectResponse> bytes = s3.getObjectAsBytes(r -> r.bucket(bucket).key(key(path)));
            return Optional.of(bytes.asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw failure("read", e);
        }
    }

    void put(String path, byte[] content) throws StateStoreException {
        try {
            s3.putObject(r -> r.bucket(bucket).key(key(path)).contentLength((long) content.length),
                    RequestBody.fromBytes(content));
        } catch (SdkException e) {
            throw failure("put", e);
        } catch (java.io.UncheckedIOException e) {
            // the HTTP client lost the connection while sending the body
            throw new StateStoreException(Reason.UNREACHABLE, store + ": cannot reach " + endpoint + " during put ("
                    + rootCause(e) + ")", RedactedCause.of(e, secret));
        }
    }

    void delete(List<String> paths) throws StateStoreException {
        for (int start = 0; start < paths.size(); start += DELETE_CHUNK) {
            List<ObjectIdentifier> ids = new ArrayList<>();
            for (String path : paths.subList(start, Math.min(paths.size(), start + DELETE_CHUNK))) {
                ids.add(ObjectIdentifier.builder().key(key(path)).build());
            }
            try {
                DeleteObjectsResponse response = s3.deleteObjects(r -> r.bucket(bucket)
                        .delete(Delete.builder().objects(ids).quiet(true).build()));
                if (response.hasErrors() && !response.errors().isEmpty()) {
                    throw new StateStoreException(Reason.IO, store + ": could not delete '"
                            + storePath(response.errors().get(0).key()) + "' from bucket '" + bucket + "': "
                            + response.errors().get(0).code());
                }
            } catch (SdkException e) {
                throw failure("delete", e);
            }
        }
    }

    /** Head the bucket, then start and abort a multipart upload: proves read and write access, leaves nothing. */
    void checkWriteAccess() throws StateStoreException {
        try {
            s3.headBucket(r -> r.bucket(bucket));
            String key = key(PERMISSION_PROBE);
            String upload = s3.createMultipartUpload(r -> r.bucket(bucket).key(key)).uploadId();
            s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(upload));
        } catch (SdkException e) {
            throw failure("permission check", e);
        }
    }

    StateStoreException failure(String operation, SdkException e) {
        String where = "bucket '" + bucket + "' at " + endpoint;
        if (e instanceof NoSuchBucketException
                || e instanceof S3Exception s && (code(s).equals("NoSuchBucket")
                        || s.statusCode() == 404 && operation.equals("permission check"))) {
            return new StateStoreException(Reason.NOT_FOUND, store + ": " + where + " does not exist; create it"
                    + " or fix spec.bucketName", RedactedCause.of(e, secret));
        }
        if (e instanceof S3Exception s && (s.statusCode() == 403 || code(s).equals("InvalidAccessKeyId")
                || code(s).equals("SignatureDoesNotMatch"))) {
            return new StateStoreException(Reason.AUTHENTICATION, store + ": " + where + " refused the credentials"
                    + " (" + (code(s).isEmpty() ? "HTTP " + s.statusCode() : code(s)) + "); check keys 'accessKeyID'"
                    + " and 'secretAccessKey' of Secret " + secret.describe(), RedactedCause.of(e, secret));
        }
        if (e instanceof SdkClientException && (has(e, ConnectException.class) || has(e, UnknownHostException.class)
                || has(e, NoRouteToHostException.class) || has(e, SocketTimeoutException.class)
                || String.valueOf(e.getMessage()).contains("Unable to execute HTTP request"))) {
            return new StateStoreException(Reason.UNREACHABLE, store + ": cannot reach " + endpoint + " during "
                    + operation + " (" + rootCause(e) + ")", RedactedCause.of(e, secret));
        }
        String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        return new StateStoreException(Reason.IO, store + ": S3 " + operation + " on " + where + " failed: "
                + secret.redact(message), RedactedCause.of(e, secret));
    }

    private String key(String path) {
        return StateStoreLayout.join(storeRoot, path);
    }

    /** The store path of a key, or null for keys outside the store's prefix. */
    private String storePath(String key) {
        if (storeRoot.isEmpty()) {
            return key;
        }
        return key.startsWith(storeRoot + "/") ? key.substring(storeRoot.length() + 1) : null;
    }

    private static String code(S3Exception e) {
        return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? ""
                : e.awsErrorDetails().errorCode();
    }

    private String rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : ": " + root.getMessage().lines().findFirst().orElse("");
        return root.getClass().getSimpleName() + secret.redact(message);
    }

    private static boolean has(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        s3.close();
    }
}
