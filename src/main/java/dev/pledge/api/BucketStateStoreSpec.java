package dev.pledge.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class BucketStateStoreSpec {

    public enum AuthMethod { accessKey, IAM }

    @JsonPropertyDescription("Name of the bucket.")
    @Required
    private String bucketName;
    /** host[:port] of the S3-compatible server. */
    @JsonPropertyDescription("Host and optional port of the S3-compatible server, without a scheme.")
    @Required
    private String endpoint;
    @JsonPropertyDescription("Key prefix inside the bucket that all Destinations of this store live under.")
    private String path;
    @JsonPropertyDescription("The Secret holding accessKeyID and secretAccessKey; required with the accessKey method.")
    private SecretRef secretRef;
    /** Plain HTTP instead of TLS. */
    @JsonPropertyDescription("Talk to the server over plain HTTP instead of TLS.")
    private Boolean insecure;
    @JsonPropertyDescription("Use the dual-stack (IPv4 and IPv6) endpoint; AWS only.")
    private Boolean useDualStack;
    @JsonPropertyDescription("accessKey reads keys from the Secret; IAM uses the credentials of the operator's environment.")
    @Default("accessKey")
    private AuthMethod authMethod;

    public String getBucketName() {
        return bucketName;
    }

    public void setBucketName(String bucketName) {
        this.bucketName = bucketName;
    }

    public String getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public SecretRef getSecretRef() {
        return secretRef;
    }

    public void setSecretRef(SecretRef secretRef) {
        this.secretRef = secretRef;
    }

    public Boolean getInsecure() {
        return insecure;
    }

    public void setInsecure(Boolean insecure) {
        this.insecure = insecure;
    }

    public Boolean getUseDualStack() {
        return useDualStack;
    }

    public void setUseDualStack(Boolean useDualStack) {
        this.useDualStack = useDualStack;
    }

    public AuthMethod getAuthMethod() {
        return authMethod;
    }

    public void setAuthMethod(AuthMethod authMethod) {
        this.authMethod = authMethod;
    }
}
