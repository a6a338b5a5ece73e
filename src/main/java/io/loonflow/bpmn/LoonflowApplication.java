package io.loonflow.bpmn;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class LoonflowApplication {

    public static void main(String[] args) {
        SpringApplication.run(LoonflowApplication.class, args);
    }
}
