package dev.runnel.settings;

/**
 * The configured memory budgets do not fit in the JVM's heap ({@link HeapPlan}): Runnel refuses to start rather
 * than run out of memory under load.
 */
public final class HeapTooSmallException extends StartRefusedException {

    HeapTooSmallException(String problem, String action) {
        super(problem, action, null);
    }
}
