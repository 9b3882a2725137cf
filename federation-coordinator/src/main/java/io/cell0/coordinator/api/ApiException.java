package io.cell0.coordinator.api;

import java.util.Map;
import org.springframework.http.HttpStatus;

/** A request the API refuses, rendered as RFC 9457 problem+json by {@link ProblemHandler}. */
public class ApiException extends RuntimeException {
    private final HttpStatus status;
    private final String type;
    private final Map<String, Object> properties;

    public ApiException(HttpStatus status, String type, String detail, Map<String, Object> properties) {
        super(detail);
        this.status = status;
        this.type = type;
        this.properties = Map.copyOf(properties);
    }

    public ApiException(HttpStatus status, String type, String detail) {
        this(status, type, detail, Map.of());
    }

    public HttpStatus status() {
        return status;
    }

    public String type() {
        return type;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
