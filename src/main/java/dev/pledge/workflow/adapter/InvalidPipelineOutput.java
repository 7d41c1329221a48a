package dev.pledge.workflow.adapter;

/**
 * A file the user's containers wrote that the adapter cannot accept. The failure is the pipeline author's to fix,
 * so it goes on the object's status as well as to stderr.
 *
 * @param file   the file's name inside the metadata directory, e.g. {@code status.yaml}
 * @param reason one line saying what is wrong
 */
public final class InvalidPipelineOutput extends RuntimeException {
    private final String file;
    private final String reason;

    public InvalidPipelineOutput(String file, String reason) {
        super(file + ": " + reason);
        this.file = file;
        this.reason = reason;
    }

    public String file() {
        return file;
    }

    public String reason() {
        return reason;
    }

    /** The message written to the object's status: {@code <pipeline>: <file>: <reason>}. */
    public String statusMessage(String pipeline) {
        return pipeline + ": " + file + ": " + reason;
    }
}
