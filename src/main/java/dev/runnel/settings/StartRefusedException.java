package dev.runnel.settings;

/**
 * Runnel refuses to start because of how it is configured, and says what is wrong and what to change; the system
 * layer turns it into Spring Boot's "APPLICATION FAILED TO START" report instead of a stack trace.
 */
public abstract class StartRefusedException extends RuntimeException {

    private final String problem;
    private final String action;

    protected StartRefusedException(String problem, String action, Throwable cause) {
        super(problem + " " + action, cause);
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
