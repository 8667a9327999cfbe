package dev.runnel.system;

import dev.runnel.settings.StartRefusedException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a start Runnel refused because of its configuration (a heap too small for the memory budgets, an HTTPS port
 * that cannot be set up, …) into Spring Boot's "APPLICATION FAILED TO START" report: what is wrong, and what to
 * change. Registered in {@code META-INF/spring.factories}.
 */
class StartRefusedFailureAnalyzer extends AbstractFailureAnalyzer<StartRefusedException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, StartRefusedException cause) {
        return new FailureAnalysis(cause.problem(), cause.action(), cause);
    }
}
