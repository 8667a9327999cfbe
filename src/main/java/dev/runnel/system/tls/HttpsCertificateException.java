package dev.runnel.system.tls;

/** The HTTPS port's certificate cannot be used or made: Runnel refuses to start, saying what to change. */
public final class HttpsCertificateException extends RuntimeException {

    private final String problem;
    private final String action;

    HttpsCertificateException(String problem, String action, Throwable cause) {
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
