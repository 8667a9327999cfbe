package dev.runnel;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;

/**
 * Runnel. Spring Boot's error pages are left out: an error no edge answered is written by Tomcat's error report
 * valve, which Runnel replaces with its own ({@code web.ProtocolErrorValve}), so every answer has Runnel's shape.
 *
 * <p>Components are scanned for only in the packages that hold them: the scan reads every class file under its
 * packages, and the plain-Java ones (core, storage, lease store, settings, ...) are nearly half of Runnel's classes
 * (about 0.1 CPU-seconds of each start). ArchitectureTest checks that no component lives outside these packages.
 */
@SpringBootApplication(
        exclude = ErrorMvcAutoConfiguration.class,
        scanBasePackages = {
            "dev.runnel.aws",
            "dev.runnel.console",
            "dev.runnel.metrics",
            "dev.runnel.records",
            "dev.runnel.streams",
            "dev.runnel.system",
            "dev.runnel.web"
        })
public class RunnelApplication {
    public static void main(String[] args) {
        SpringApplication.run(RunnelApplication.class, args);
    }
}
