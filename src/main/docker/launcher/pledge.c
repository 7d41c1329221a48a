/*
 * /usr/local/bin/pledge in the JVM image: starts the Quarkus fast-jar with the JVM settings below, passing its own
 * arguments through, without any shell. Pipeline Jobs run the adapter steps as `/usr/local/bin/pledge reader` (and
 * work-creator, update-status) and the operator runs as `/usr/local/bin/pledge`; in the native image that path is
 * the native binary itself, so one command works in both images.
 *
 * Why a compiled launcher: Kubernetes runs a container's command with execve, no shell, and the java launcher
 * cannot take "-jar FILE" from the environment (JDK_JAVA_OPTIONS refuses it), so a symlink to java cannot work.
 * Built statically (cc -static), it does not depend on the base image's C library.
 *
 * JVM settings, sized for a container limited to 256 MiB (the Deployment's limit) and a pipeline step's smaller
 * one; the JVM reads the cgroup limit, so percentages follow whatever limit is set:
 *   -XX:MaxRAMPercentage=50     heap up to half the limit; the rest is metaspace, code cache, threads, buffers
 *   -XX:+UseSerialGC            the smallest collector footprint; one or two cores, a small heap
 *   -XX:+ExitOnOutOfMemoryError let Kubernetes restart a broken process instead of limping on
 *   -XX:TieredStopAtLevel=1     C1 only: less compiler memory and CPU, faster start of short adapter steps
 *   -Xss512k                    operator threads never need deep stacks
 *   -XX:-UsePerfData            no hsperfdata counters: their sampling was half of the idle operator's CPU
 * JAVA_OPTS (split at blanks) is appended after them, so a setting there wins. JAVA_HOME selects the JVM
 * ($JAVA_HOME/bin/java, else /usr/bin/java).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef PLEDGE_JAR
#define PLEDGE_JAR "/deployments/quarkus-run.jar"
#endif

static const char *const defaults[] = {
    "-XX:MaxRAMPercentage=50",
    "-XX:+UseSerialGC",
    "-XX:+ExitOnOutOfMemoryError",
    "-XX:TieredStopAtLevel=1",
    "-Xss512k",
    "-XX:-UsePerfData",
    "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
};

static int blank(char c) {
    return c == ' ' || c == '\t' || c == '\n';
}

int main(int argc, char **argv) {
    const char *home = getenv("JAVA_HOME");
    const char *java = "/usr/bin/java";
    if (home != NULL && *home != '\0') {
        size_t length = strlen(home) + sizeof "/bin/java";
        char *path = malloc(length);
        if (path == NULL) {
            return 127;
        }
        snprintf(path, length, "%s/bin/java", home);
        java = path;
    }

    char *options = NULL;
    size_t option_count = 0;
    const char *from_env = getenv("JAVA_OPTS");
    if (from_env != NULL) {
        options = strdup(from_env);
        if (options == NULL) {
            return 127;
        }
        for (char *p = options; *p != '\0';) {
            while (blank(*p)) p++;
            if (*p == '\0') break;
            option_count++;
            while (*p != '\0' && !blank(*p)) p++;
        }
    }

    size_t default_count = sizeof defaults / sizeof defaults[0];
    size_t total = 1 + default_count + option_count + 2 + (size_t) (argc - 1) + 1;
    char **args = calloc(total, sizeof(char *));
    if (args == NULL) {
        return 127;
    }
    size_t n = 0;
    args[n++] = "java";
    for (size_t i = 0; i < default_count; i++) {
        args[n++] = (char *) defaults[i];
    }
    if (options != NULL) {
        for (char *p = options; *p != '\0';) {
            while (blank(*p)) *p++ = '\0';
            if (*p == '\0') break;
            args[n++] = p;
            while (*p != '\0' && !blank(*p)) p++;
        }
    }
    args[n++] = "-jar";
    args[n++] = PLEDGE_JAR;
    for (int i = 1; i < argc; i++) {
        args[n++] = argv[i];
    }
    args[n] = NULL;

    execv(java, args);
    fprintf(stderr, "pledge: cannot start %s: %s\n", java, strerror(errno));
    return 127;
}
