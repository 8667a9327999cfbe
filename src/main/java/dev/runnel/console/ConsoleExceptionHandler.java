package dev.runnel.console;

import dev.runnel.core.error.KinesisException;
import dev.runnel.faults.FaultInjection;
import dev.runnel.web.MalformedParameters;
import dev.runnel.web.RestErrorTable;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every console page shares: failures that no form catches (an unknown stream, a stale link, parameters that
 * do not decode) become a console page with the error, never a white-label page or a stack trace; and every page
 * says when fault injection is on, so nobody mistakes injected errors for real ones.
 */
@ControllerAdvice(basePackageClasses = ConsoleExceptionHandler.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ConsoleExceptionHandler.class);

    private final FaultInjection faults;

    ConsoleExceptionHandler(FaultInjection faults) {
        this.faults = faults;
    }

    @ModelAttribute("faultsEnabled")
    boolean faultsEnabled() {
        return faults.isEnabled();
    }

    @ExceptionHandler(KinesisException.class)
    String kinesis(KinesisException e, Model model, HttpServletResponse response) {
        return errorPage(model, response, RestErrorTable.statusOf(e.getClass()).value(), e.errorType(), e.getMessage());
    }

    /** A query or form whose parameters Tomcat could not decode: the client's mistake, not the console's. */
    @ExceptionHandler(InvalidParameterException.class)
    String invalidParameters(Model model, HttpServletResponse response) {
        return errorPage(
                model,
                response,
                HttpServletResponse.SC_BAD_REQUEST,
                "SerializationException",
                MalformedParameters.DETAIL);
    }

    @ExceptionHandler(Exception.class)
    String unexpected(Exception e, Model model, HttpServletResponse response) {
        if (e instanceof org.springframework.web.ErrorResponse error) {
            int status = error.getStatusCode().value();
            HttpStatus known = HttpStatus.resolve(status);
            return errorPage(
                    model,
                    response,
                    status,
                    known == null ? "HTTP " + status : known.getReasonPhrase(),
                    error.getBody().getDetail());
        }
        log.error("Unexpected console failure", e);
        return errorPage(
                model,
                response,
                HttpServletResponse.SC_INTERNAL_SERVER_ERROR,
                "InternalFailure",
                "Internal service failure.");
    }

    /**
     * The console's error page. Model attribute methods do not reach an exception handler's model, so the fault
     * banner's flag is set here too.
     */
    private String errorPage(Model model, HttpServletResponse response, int status, String type, String message) {
        response.setStatus(status);
        model.addAttribute("faultsEnabled", faults.isEnabled());
        model.addAttribute("errorType", type);
        model.addAttribute("message", message);
        return "console/error";
    }
}
