package io.loonflow.bpmn.ticket;

import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Test-only statement counter: a request carrying the header {@value #HEADER} has every JDBC statement prepared on
 * its thread recorded under the header's value ({@link #statements}). Requests without the header, and every
 * other thread, use the pool's connections untouched.
 */
@Configuration(proxyBeanMethods = false)
class TicketListSqlCounting {

    static final String HEADER = "x-test-sql-count";

    private static final ThreadLocal<List<String>> CURRENT = new ThreadLocal<>();
    private static final Map<String, List<String>> RESULTS = new ConcurrentHashMap<>();

    /** The statements of the request that sent {@code id} in {@value #HEADER}, or null. */
    static List<String> statements(String id) {
        return RESULTS.get(id);
    }

    @Bean
    static BeanPostProcessor ticketListSqlCountingDataSource() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if ("dataSource".equals(beanName) && bean instanceof DataSource dataSource) {
                    return new CountingDataSource(dataSource);
                }
                return bean;
            }
        };
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> ticketListSqlCountingFilter() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
                new OncePerRequestFilter() {
                    @Override
                    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                                    FilterChain chain) throws ServletException, IOException {
                        String id = request.getHeader(HEADER);
                        if (id == null) {
                            chain.doFilter(request, response);
                            return;
                        }
                        List<String> statements = new ArrayList<>();
                        CURRENT.set(statements);
                        try {
                            chain.doFilter(request, response);
                        } finally {
                            CURRENT.remove();
                            RESULTS.put(id, statements);
                        }
                    }
                });
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    private static final class CountingDataSource extends DelegatingDataSource {

        CountingDataSource(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return counting(super.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return counting(super.getConnection(username, password));
        }

        private static Connection counting(Connection connection) {
            List<String> statements = CURRENT.get();
            if (statements == null) {
                return connection;
            }
            InvocationHandler handler = (proxy, method, args) -> {
                String name = method.getName();
                if (name.equals("prepareStatement") || name.equals("prepareCall")) {
                    statements.add(String.valueOf(args[0]));
                } else if (name.equals("createStatement")) {
                    statements.add("<plain statement>");
                }
                try {
                    return method.invoke(connection, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            };
            return (Connection) Proxy.newProxyInstance(TicketListSqlCounting.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, handler);
        }
    }
}
