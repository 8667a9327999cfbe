package dev.runnel.settings;

/**
 * Which threads run the HTTP requests ({@code runnel.http.threads}). Tomcat's pool of platform threads starts a thread
 * for each call in flight, up to {@code server.tomcat.threads.max} (200), so under load dozens take turns on the
 * cores and every call pays a hand-off to a sleeping thread. {@link #PER_CORE} keeps two threads per core that go
 * from one queued call to the next, and adds one for each call that waits (for a request body, a Kafka
 * acknowledgement, a lock held during an fsync); virtual threads run on one carrier per core, and a call that waits
 * leaves its carrier to another. On two cores both served about 1.5 times the PutRecord calls of Tomcat's pool, at
 * half its p99 (see {@code docs/BENCHMARKS.md}). Before Java 24 a virtual thread that waits inside a
 * {@code synchronized} block holds its carrier (JEP 491 lifted that), hence {@link #AUTO}.
 */
public enum RequestThreads {
    /** Virtual threads on Java 24 and later, {@link #PER_CORE} before. */
    AUTO,
    /** Tomcat's pool of platform threads ({@code server.tomcat.threads.*}). */
    PLATFORM,
    /** Virtual threads, on Java 21 and later. */
    VIRTUAL,
    /**
     * Two platform threads per core, and one more for each running call that waits, up to
     * {@code server.tomcat.threads.max}.
     */
    PER_CORE;

    /** The first Java release with virtual threads. */
    public static final int VIRTUAL_SINCE = 21;
    /** The first Java release whose virtual threads keep no carrier while they wait in {@code synchronized}. */
    public static final int AUTO_VIRTUAL_SINCE = 24;

    /** Which threads run requests on the Java release {@code feature} (17, 21, 25, …): never {@link #AUTO}. */
    public RequestThreads chosenOn(int feature) {
        if (this != AUTO) {
            return this;
        }
        return feature >= AUTO_VIRTUAL_SINCE ? VIRTUAL : PER_CORE;
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
