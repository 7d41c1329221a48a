package dev.pledge.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/** One document produced by a workflow: a path under /kratix/output and its gzip+base64 content. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Workload {
    @JsonPropertyDescription("Path of the document relative to the workflow's output directory.")
    private String filepath;
    @JsonPropertyDescription("The document, gzip-compressed then base64-encoded.")
    private String content;

    public Workload() {
    }

    public Workload(String filepath, String content) {
        this.filepath = filepath;
        this.content = content;
    }

    public String getFilepath() {
        return filepath;
    }

    public void setFilepath(String filepath) {
        this.filepath = filepath;
    }

    public String getContent() {
        return content;
    }

    public void setContent(String content) {
        this.content = content;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Workload w && Objects.equals(filepath, w.filepath) && Objects.equals(content, w.content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(filepath, content);
    }
}
