package dev.runnel.system.tls;

import dev.runnel.settings.StartRefusedException;

/**
 * The HTTPS port cannot be set up as configured (its certificate cannot be read or made, or its port is the plain
 * one): Runnel refuses to start, saying what to change.
 */
public final class HttpsSetupException extends StartRefusedException {

    public HttpsSetupException(String problem, String action, Throwable cause) {
        super(problem, action, cause);
    }
}
