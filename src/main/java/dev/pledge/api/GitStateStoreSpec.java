package dev.pledge.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class GitStateStoreSpec {

    public enum AuthMethod { basicAuth, ssh, githubApp }

    @JsonPropertyDescription("Repository address: https:// for basicAuth and githubApp, user@host:path or ssh:// for ssh.")
    private String url;
    /** Prefix inside the repository; a leading slash is ignored. */
    @JsonPropertyDescription("Directory inside the repository that all Destinations of this store live under; a leading slash is dropped.")
    private String path;
    @JsonPropertyDescription("The Secret holding the credentials for the chosen authMethod.")
    private SecretRef secretRef;
    @JsonPropertyDescription("Branch that documents are committed to.")
    @Default("main")
    private String branch;
    @JsonPropertyDescription("basicAuth reads username and password from the Secret, ssh reads sshPrivateKey and knownHosts, githubApp reads appID, installationID and privateKey.")
    @Default("basicAuth")
    private AuthMethod authMethod;
    @JsonPropertyDescription("Author of the commits.")
    private GitAuthor gitAuthor;
    @JsonPropertyDescription("Pledge only: allow authMethod basicAuth over a plain http:// URL, which sends the password in clear. Off by default; for a server on a trusted private network.")
    private Boolean insecure;

    public Boolean getInsecure() {
        return insecure;
    }

    public void setInsecure(Boolean insecure) {
        this.insecure = insecure;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
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

    public String getBranch() {
        return branch;
    }

    public void setBranch(String branch) {
        this.branch = branch;
    }

    public AuthMethod getAuthMethod() {
        return authMethod;
    }

    public void setAuthMethod(AuthMethod authMethod) {
        this.authMethod = authMethod;
    }

    public GitAuthor getGitAuthor() {
        return gitAuthor;
    }

    public void setGitAuthor(GitAuthor gitAuthor) {
        this.gitAuthor = gitAuthor;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class GitAuthor {
        @JsonPropertyDescription("Author name on commits.")
        @Default("kratix")
        private String name;
        @JsonPropertyDescription("Author email on commits.")
        private String email;

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getEmail() {
            return email;
        }

        public void setEmail(String email) {
            this.email = email;
        }
    }
}
