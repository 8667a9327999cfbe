package dev.runnel.console;

import dev.runnel.core.error.KinesisException;
import dev.runnel.web.RestErrorTable;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.ui.Model;

/**
 * An action's failure, shown next to the form that caused it.
 *
 * @param form which form of the page failed, e.g. "split"
 * @param errorType the Kinesis error's name, e.g. "InvalidArgumentException"
 */
public record FormError(String form, String errorType, String message) {

    /**
     * Puts the error in the model as {@code error} and answers with the status the REST API gives it, so
     * the page shows it beside the form instead of an error page.
     */
    static void reject(String form, KinesisException e, Model model, HttpServletResponse response) {
        model.addAttribute("error", new FormError(form, e.errorType(), e.getMessage()));
        response.setStatus(RestErrorTable.statusOf(e.getClass()).value());
    }
}
