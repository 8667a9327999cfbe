package dev.runnel.settings;

import java.util.List;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which web pages may call Runnel from a browser (an AWS SDK for JavaScript or a REST client in the page): the
 * origins whose cross-origin requests, on the AWS edge and the REST API alike, are answered with
 * {@code Access-Control-Allow-Origin}. Other origins get no such header, so the browser keeps the answer from the
 * page; requests without an {@code Origin} (SDKs outside browsers, curl) are not affected.
 *
 * @param allowedOrigins origin patterns: {@code https://app.example.com}, {@code https://*.example.com},
 *     {@code http://localhost:[*]} (any port, or none), or {@code *} for every origin; empty for none. By default
 *     the loopback addresses on any port, over HTTP or HTTPS
 */
public record Cors(
        @DefaultValue({
            "http://localhost:[*]",
            "https://localhost:[*]",
            "http://127.0.0.1:[*]",
            "https://127.0.0.1:[*]",
            "http://[::1]:[*]",
            "https://[::1]:[*]"
        })
        List<String> allowedOrigins) {

    public static final Cors DEFAULTS = new Cors(List.of(
            "http://localhost:[*]",
            "https://localhost:[*]",
            "http://127.0.0.1:[*]",
            "https://127.0.0.1:[*]",
            "http://[::1]:[*]",
            "https://[::1]:[*]"));

    public Cors {
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
    }
}
