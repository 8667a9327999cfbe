package dev.runnel.system;

import dev.runnel.system.tls.HttpsCertificateException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a refused start for the HTTPS port's certificate into Spring Boot's "APPLICATION FAILED TO START" report:
 * what is wrong, and what to change. Registered in {@code META-INF/spring.factories}.
 */
class HttpsCertificateFailureAnalyzer extends AbstractFailureAnalyzer<HttpsCertificateException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, HttpsCertificateException cause) {
        return new FailureAnalysis(cause.problem(), cause.action(), cause);
    }
}
