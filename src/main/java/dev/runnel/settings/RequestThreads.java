package dev.runnel.settings;

/**
 * Which threads run the HTTP requests ({@code runnel.http.threads}). Tomcat's pool of platform threads grows to
 * {@code server.tomcat.threads.max} (200) threads, and under load as many of them take turns on the cores as there
 * are calls in flight; virtual threads run on one carrier thread per core, and a call that waits (for a request
 * body, a Kafka acknowledgement, an fsync) leaves its carrier to another. On two cores virtual threads served 1.1 to
 * 2.2 times the PutRecord calls, at less CPU a call (see {@code docs/BENCHMARKS.md}); before Java 24 a virtual thread
 * that waits inside a {@code synchronized} block holds its carrier (JEP 491 lifted that), hence {@link #AUTO}.
 */
public enum RequestThreads {
    /** Virtual threads on Java 24 and later, platform threads before. */
    AUTO,
    /** Tomcat's pool of platform threads ({@code server.tomcat.threads.*}). */
    PLATFORM,
    /** Virtual threads, on Java 21 and later. */
    VIRTUAL;

    /** The first Java release with virtual threads. */
    public static final int VIRTUAL_SINCE = 21;
    /** The first Java release whose virtual threads keep no carrier while they wait in {@code synchronized}. */
    public static final int AUTO_VIRTUAL_SINCE = 24;

    /** Whether requests run on virtual threads on the Java release {@code feature} (17, 21, 25, …). */
    public boolean virtualOn(int feature) {
        return switch (this) {
            case AUTO -> feature >= AUTO_VIRTUAL_SINCE;
            case PLATFORM -> false;
            case VIRTUAL -> true;
        };
    }

    /** Whether this choice can be made on the Java release {@code feature}. */
    public boolean possibleOn(int feature) {
        return this != VIRTUAL || feature >= VIRTUAL_SINCE;
    }

    /** The running JVM's Java release. */
    public static int runningJava() {
        return Runtime.version().feature();
    }
}
