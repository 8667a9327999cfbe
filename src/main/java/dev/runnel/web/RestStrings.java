package dev.runnel.web;

import org.springframework.boot.jackson.JacksonComponent;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * A string member of a REST body takes a JSON string and nothing else: Jackson would otherwise turn
 * {@code "text": 2147483648} or {@code "partitionKey": true} into text. The other direction (a string where a
 * number or boolean is expected) is refused by {@code spring.jackson.mapper.allow-coercion-of-scalars: false} in
 * {@code application.yaml}. Both are worded by {@link UnreadableInput} ("The value at 'text' is not a string.").
 */
@JacksonComponent
public final class RestStrings extends ValueDeserializer<String> {

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) {
        if (parser.currentToken() == JsonToken.VALUE_STRING) {
            return parser.getString();
        }
        return (String) context.handleUnexpectedToken(String.class, parser);
    }

    @Override
    public Class<?> handledType() {
        return String.class;
    }
}
