package dev.pledge.statestore;

/** A workload or Destination path that is absolute, climbs with {@code ..} or would leave its directory. */
public class UnsafePathException extends StateStoreException {

    public UnsafePathException(String message) {
        super(Reason.UNSAFE_PATH, message);
    }
}
