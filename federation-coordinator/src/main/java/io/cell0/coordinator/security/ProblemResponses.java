package io.cell0.coordinator.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The security layer's refusals as RFC 9457 {@code application/problem+json}, like every other error
 * of the API. They are written here because Spring Security answers before any controller advice runs.
 */
final class ProblemResponses {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemResponses() {
    }

    static void unauthenticated(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        write(response, 401, "urn:cell0:problem:unauthenticated", "Unauthenticated",
                "a client certificate issued by the cluster CA with a valid urn:cell0:<role>:<id> URI SAN is required", request);
    }

    static void forbidden(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        String who = request.getUserPrincipal() == null ? "the caller" : request.getUserPrincipal().getName();
        write(response, 403, "urn:cell0:problem:forbidden", "Forbidden",
                who + " may not " + request.getMethod() + " " + request.getRequestURI() + " (see README, Security: role matrix)", request);
    }

    private static void write(HttpServletResponse response, int status, String type, String title, String detail,
                              HttpServletRequest request) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", request.getRequestURI());
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(JSON.writeValueAsString(body));
    }
}
