package io.cell0.migration;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** TLS is on by default: the service refuses to start without its certificate files and names the key. */
class TlsPropertiesTest {
    @Test
    void startingWithoutCertificateFilesNamesTheKey() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(MigrationApplication.class)
                .properties("server.port=0", "security.tls.ca-cert=/nonexistent/ca.crt").run().close())
                .hasStackTraceContaining("security.tls.cert:")
                .hasStackTraceContaining("required when security.tls.enabled is true");
    }
}
