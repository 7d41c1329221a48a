package dev.pledge.runtime;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keys waiting to be reconciled, each at most once in the queue and never handed to two workers at once: a key
 * added while a worker holds it is remembered and queued again when that worker is {@link #done}. So any number of
 * events for one object make at most one reconcile now and one after it, and workers never race on an object.
 */
public final class WorkQueue {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Deque<String> ready = new ArrayDeque<>();
    private final Set<String> queued = new HashSet<>();
    private final Set<String> processing = new HashSet<>();
    private final Set<String> dirty = new HashSet<>();
    private boolean shutDown;

    public void add(String key) {
        lock.lock();
        try {
            if (shutDown) {
                return;
            }
            if (processing.contains(key)) {
                dirty.add(key);
            } else if (queued.add(key)) {
                ready.addLast(key);
                notEmpty.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next key, now held by the caller until {@link #done}; empty when the queue shut down or nothing came
     * within the timeout.
     */
    public Optional<String> take(long timeout, TimeUnit unit) throws InterruptedException {
        lock.lock();
        try {
            long nanos = unit.toNanos(timeout);
            while (ready.isEmpty() && !shutDown) {
                if (nanos <= 0) {
                    return Optional.empty();
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            if (shutDown) {
                return Optional.empty();
            }
            String key = ready.pollFirst();
            queued.remove(key);
            processing.add(key);
            return Optional.of(key);
        } finally {
            lock.unlock();
        }
    }

    /** The caller is finished with {@code key}; if it was added meanwhile, it is queued again. */
    public void done(String key) {
        lock.lock();
        try {
            processing.remove(key);
            if (dirty.remove(key)) {
                add(key);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Keys waiting, not counting those a worker holds. */
    public int depth() {
        lock.lock();
        try {
            return ready.size();
        } finally {
            lock.unlock();
        }
    }

    public void shutDown() {
        lock.lock();
        try {
            shutDown = true;
            ready.clear();
            queued.clear();
            dirty.clear();
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
