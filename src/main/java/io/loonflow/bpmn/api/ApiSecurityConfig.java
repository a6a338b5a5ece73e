package io.loonflow.bpmn.api;

import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.loonflow.bpmn.account.AccountDirectory;
import io.loonflow.bpmn.account.AppTokenRepository;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class ApiSecurityConfig {

    @Bean
    FilterRegistrationBean<ApiAuthFilter> apiAuthFilter(AppTokenRepository appTokens, AccountDirectory accounts,
                                                        ObjectMapper json, Clock clock) {
        FilterRegistrationBean<ApiAuthFilter> registration =
                new FilterRegistrationBean<>(new ApiAuthFilter(appTokens, accounts, json, clock));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(0); // after Spring Session's repository filter, which must wrap the request first
        return registration;
    }
}
