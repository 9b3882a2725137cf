package io.cell0.coordinator.api;

import io.cell0.coordinator.consensus.ConsensusUnavailableException;
import java.net.URI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error leaves the API as RFC 9457 {@code application/problem+json}. Spring MVC's own errors
 * (malformed JSON, unknown fields, wrong media type, unknown path) come through the base class;
 * validation failures are 422, not 400, because the JSON itself was fine.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
    static final String RETRY_AFTER_SECONDS = "1";

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> api(ApiException e) {
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        pd.setType(URI.create(e.type()));
        e.properties().forEach(pd::setProperty);
        return ResponseEntity.status(e.status()).body(pd);
    }

    @ExceptionHandler(ConsensusUnavailableException.class)
    ResponseEntity<ProblemDetail> noQuorum(ConsensusUnavailableException e) {
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                e.getMessage() + ". A write may or may not have been applied; read before retrying a non-idempotent change.");
        pd.setType(URI.create("urn:cell0:problem:no-quorum"));
        pd.setTitle("No quorum");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).body(pd);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("unexpected error", e);
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, "internal error: " + e.getClass().getSimpleName());
        pd.setType(URI.create("urn:cell0:problem:internal"));
        return ResponseEntity.internalServerError().body(pd);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<String> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(f -> JsonNames.snake(f.getField()) + ": " + f.getDefaultMessage()).sorted().toList();
        return invalid(String.join("; ", errors), errors);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<String> errors = ex.getAllErrors().stream().map(e -> String.valueOf(e.getDefaultMessage())).sorted().toList();
        return invalid(String.join("; ", errors), errors);
    }

    private static ResponseEntity<Object> invalid(String detail, List<String> errors) {
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, detail);
        pd.setType(URI.create("urn:cell0:problem:invalid-request"));
        pd.setProperty("errors", errors);
        return ResponseEntity.unprocessableContent().body(pd);
    }
}
