package dev.runnel.system;

import dev.runnel.settings.HeapTooSmallException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a refused start for a heap too small for the configured budgets into Spring Boot's "APPLICATION FAILED TO
 * START" report: what does not fit, and what to change. Registered in {@code META-INF/spring.factories}.
 */
class HeapTooSmallFailureAnalyzer extends AbstractFailureAnalyzer<HeapTooSmallException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, HeapTooSmallException cause) {
        return new FailureAnalysis(cause.problem(), cause.action(), cause);
    }
}
