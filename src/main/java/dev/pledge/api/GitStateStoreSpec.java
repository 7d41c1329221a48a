package dev.pledge.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class GitStateStoreSpec {

    public enum AuthMethod { basicAuth, ssh, githubApp }

    private String url;
    /** Prefix inside the repository; a leading slash is ignored. */
    private String path;
    private SecretRef secretRef;
    @Default("main")
    private String branch;
    @Default("basicAuth")
    private AuthMethod authMethod;
    private GitAuthor gitAuthor;

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
        @Default("kratix")
        private String name;
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
