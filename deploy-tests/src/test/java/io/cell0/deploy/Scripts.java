package io.cell0.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the images' shell scripts (deploy/docker/*.sh) here, with the environment a container would give them. */
final class Scripts {
    record Result(int exitCode, String output) {
    }

    private Scripts() {
    }

    static Result run(List<String> command, Map<String, String> env) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        // The test's own JDK first on PATH, as the image's JRE is.
        environment.put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + environment.getOrDefault("PATH", "/usr/bin:/bin"));
        environment.putAll(env);
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("timed out: " + command + "\n" + output);
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Path composePki;

    /**
     * What the compose file's PKI service writes, made once per test JVM (each certificate costs a
     * JVM start): its own script run with its own CELL0_CLUSTER_ID and CELL0_PKI_ISSUE.
     */
    static synchronized Path composePki() {
        if (composePki == null) {
            Map<String, String> env = Compose.env(Compose.load("docker-compose.yml").service("pki"));
            try {
                Path dir = java.nio.file.Files.createTempDirectory("cell0-compose-pki");
                Result result = pkiInit(dir, Map.of("CELL0_CLUSTER_ID", env.get("CELL0_CLUSTER_ID"),
                        "CELL0_PKI_ISSUE", env.get("CELL0_PKI_ISSUE")));
                if (result.exitCode() != 0) {
                    throw new AssertionError("pki-init.sh failed: " + result.output());
                }
                composePki = dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return composePki;
    }

    /** deploy/docker/pki-init.sh with the security module's jar, writing under {@code base}. */
    static Result pkiInit(Path base, Map<String, String> env) {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("CELL0_PKI_DIR", base.toString());
        all.put("CELL0_PKI_JAR", Repo.pkiJar().toString());
        // Many short JVMs: start them quickly.
        all.putIfAbsent("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto");
        return run(List.of("sh", Repo.file("deploy/docker/pki-init.sh").toString()), all);
    }
}
