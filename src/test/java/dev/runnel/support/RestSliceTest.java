package dev.runnel.support;

import dev.runnel.system.SystemConfiguration;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.TestPropertySource;

/**
 * A controller slice test over the real services and the live storage wiring: streams become ACTIVE and
 * vanish after deletion at once, and request bodies are capped at {@link #MAX_REQUEST_BYTES} so the 413 path
 * is cheap to reach.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WebMvcTest
@Import(SystemConfiguration.class)
@TestPropertySource(
        properties = {
            "runnel.streams.shard-limit=100",
            "runnel.streams.create-delay=0",
            "runnel.streams.delete-delay=0",
            "runnel.storage.max-bytes=64MB",
            "runnel.http.max-request-size=" + RestSliceTest.MAX_REQUEST_BYTES + "B"
        })
public @interface RestSliceTest {

    long MAX_REQUEST_BYTES = 64 * 1024;

    /** The controllers under test. */
    @AliasFor(annotation = WebMvcTest.class, attribute = "controllers")
    Class<?>[] value() default {};
}
