package dev.pledge.statestore;

/**
 * The encoding of workload content inside Works and WorkPlacements (gzip, then standard base64), with errors that
 * name the workload. The encoding itself lives in {@link dev.pledge.work.WorkloadContent}.
 */
public final class WorkloadContent {

    private WorkloadContent() {
    }

    public static byte[] decode(String path, String gzipBase64) {
        try {
            return dev.pledge.work.WorkloadContent.decode(gzipBase64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("workload '" + path + "' is not gzip+base64 content: " + e.getMessage(), e);
        }
    }

    public static String encode(byte[] plain) {
        return dev.pledge.work.WorkloadContent.encode(plain);
    }
}
