package dev.runnel.web;

import java.beans.PropertyEditorSupport;
import java.util.function.Function;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Reads {@code int} and {@code long} request parameters and path variables by {@link WholeNumberText}'s rule, in
 * place of Spring's number editors, which take {@code ?limit=٣} as 3 and {@code ?limit=0x10} as 16 (an editor,
 * not a converter: Spring falls back to its own editors when a converter refuses). A value that fails answers
 * SerializationException through {@link RestExceptionHandler}; an empty one stays absent.
 */
@ControllerAdvice
class WholeNumberParameters {

    @InitBinder
    void readWholeNumbersStrictly(WebDataBinder binder) {
        binder.registerCustomEditor(int.class, new Editor(WholeNumberText::parseInt));
        binder.registerCustomEditor(Integer.class, new Editor(WholeNumberText::parseInt));
        binder.registerCustomEditor(long.class, new Editor(WholeNumberText::parseLong));
        binder.registerCustomEditor(Long.class, new Editor(WholeNumberText::parseLong));
    }

    private static final class Editor extends PropertyEditorSupport {

        private final Function<String, Number> parse;

        Editor(Function<String, Number> parse) {
            this.parse = parse;
        }

        @Override
        public void setAsText(String text) {
            String trimmed = text == null ? "" : text.trim();
            setValue(trimmed.isEmpty() ? null : parse.apply(trimmed));
        }
    }
}
