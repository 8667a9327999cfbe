package dev.runnel.settings;

/**
 * The configured memory budgets do not fit in the JVM's heap ({@link HeapPlan}): Runnel refuses to start rather
 * than run out of memory under load.
 */
public final class HeapTooSmallException extends RuntimeException {

    private final String problem;
    private final String action;

    HeapTooSmallException(String problem, String action) {
        super(problem + " " + action);
        this.problem = problem;
        this.action = action;
    }

    /** What is wrong. */
    public String problem() {
        return problem;
    }

    /** What to change. */
    public String action() {
        return action;
    }
}
