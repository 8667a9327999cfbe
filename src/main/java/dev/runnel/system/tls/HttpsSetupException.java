package dev.runnel.system.tls;

/**
 * The HTTPS port cannot be set up as configured (its certificate cannot be read or made, or its port is the plain
 * one): Runnel refuses to start, saying what to change.
 */
public final class HttpsSetupException extends RuntimeException {

    private final String problem;
    private final String action;

    public HttpsSetupException(String problem, String action, Throwable cause) {
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
