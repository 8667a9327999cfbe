package dev.runnel;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;

/**
 * Runnel. Spring Boot's error pages are left out: an error no edge answered is written by Tomcat's error report
 * valve, which Runnel replaces with its own ({@code web.ProtocolErrorValve}), so every answer has Runnel's shape.
 */
@SpringBootApplication(exclude = ErrorMvcAutoConfiguration.class)
public class RunnelApplication {
    public static void main(String[] args) {
        SpringApplication.run(RunnelApplication.class, args);
    }
}
