package dev.runnel.system;

import dev.runnel.system.tls.HttpsSetupException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a refused start for the HTTPS port (its certificate, its port) into Spring Boot's "APPLICATION FAILED TO START" report:
 * what is wrong, and what to change. Registered in {@code META-INF/spring.factories}.
 */
class HttpsSetupFailureAnalyzer extends AbstractFailureAnalyzer<HttpsSetupException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, HttpsSetupException cause) {
        return new FailureAnalysis(cause.problem(), cause.action(), cause);
    }
}
