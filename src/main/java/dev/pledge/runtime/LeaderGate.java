package dev.pledge.runtime;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Whether this process may reconcile: open while it holds the leader Lease (or when no election runs). Workers of
 * a controller wait at a closed gate with their keys still queued, and carry on where they were once it opens.
 */
public final class LeaderGate {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition opened = lock.newCondition();
    private boolean open;

    public LeaderGate(boolean open) {
        this.open = open;
    }

    /** A gate that is always open: for processes that run no leader election. */
    public static LeaderGate alwaysOpen() {
        return new LeaderGate(true);
    }

    public void open() {
        set(true);
    }

    public void close() {
        set(false);
    }

    public boolean isOpen() {
        lock.lock();
        try {
            return open;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the gate is open; false when the timeout passed first. */
    public boolean awaitOpen(long timeout, TimeUnit unit) throws InterruptedException {
        lock.lock();
        try {
            long nanos = unit.toNanos(timeout);
            while (!open) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = opened.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void set(boolean value) {
        lock.lock();
        try {
            open = value;
            if (value) {
                opened.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }
}
