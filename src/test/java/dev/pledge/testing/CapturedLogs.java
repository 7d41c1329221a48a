package dev.pledge.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Everything logged (at any level, by any library) while it is open, formatted with its stack traces. */
public final class CapturedLogs implements AutoCloseable {
    /** Our code and the libraries that touch credentials; captured at every level, kept off the console. */
    private static final List<String> WATCHED = List.of("dev.pledge", "org.eclipse.jgit", "com.jcraft",
            "software.amazon.awssdk", "org.apache.sshd");

    private final List<String> lines = new ArrayList<>();
    private final List<Logger> loggers = new ArrayList<>();
    private final List<Level> previousLevels = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            StringBuilder text = new StringBuilder(String.valueOf(record.getMessage()));
            if (record.getParameters() != null) {
                for (Object parameter : record.getParameters()) {
                    text.append(' ').append(parameter);
                }
            }
            for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
                text.append('\n').append(t);
            }
            synchronized (lines) {
                lines.add(text.toString());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    public CapturedLogs() {
        handler.setLevel(Level.ALL);
        for (String name : WATCHED) {
            Logger logger = Logger.getLogger(name);
            loggers.add(logger);
            previousLevels.add(logger.getLevel());
            logger.setLevel(Level.ALL);
            logger.setUseParentHandlers(false);
            logger.addHandler(handler);
        }
    }

    public String text() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < loggers.size(); i++) {
            loggers.get(i).removeHandler(handler);
            loggers.get(i).setUseParentHandlers(true);
            loggers.get(i).setLevel(previousLevels.get(i));
        }
    }
}
