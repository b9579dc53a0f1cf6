package io.laneway.pool;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ConsumerPoolApplication {

    public static void main(String[] args) {
        SpringApplication.run(ConsumerPoolApplication.class, args);
    }
}
