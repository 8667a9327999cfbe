package dev.runnel;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class RunnelApplication {
    public static void main(String[] args) {
        SpringApplication.run(RunnelApplication.class, args);
    }
}
