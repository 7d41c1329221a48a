package dev.pledge.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class BucketStateStoreSpec {

    public enum AuthMethod { accessKey, IAM }

    @Required
    private String bucketName;
    /** host[:port] of the S3-compatible server. */
    @Required
    private String endpoint;
    private String path;
    private SecretRef secretRef;
    /** Plain HTTP instead of TLS. */
    private Boolean insecure;
    private Boolean useDualStack;
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
