package io.cell0.deploy;

import static io.cell0.deploy.Compose.env;
import static io.cell0.deploy.Compose.mountAt;
import static io.cell0.deploy.Compose.mounts;
import static io.cell0.deploy.Yamls.at;
import static io.cell0.deploy.Yamls.list;
import static io.cell0.deploy.Yamls.map;
import static io.cell0.deploy.Yamls.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cell0.model.NodeRole;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** docker-compose.yml (and the 7-node override) parsed and checked against the images and the applications. */
class ComposeFileTest {
    private static final String BASE = "docker-compose.yml";
    private static final String SEVEN = "docker-compose.7-node.yml";

    private static Compose compose(String layout) {
        return layout.equals("3") ? Compose.load(BASE) : Compose.load(BASE, SEVEN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"3", "7"})
    void everyServiceHasAHealthCheckOrIsAOneShotOthersWaitFor(String layout) {
        Compose c = compose(layout);
        Set<String> completedDependencies = new HashSet<>();
        c.services().values().forEach(s -> dependsOn(s).forEach((dep, cond) -> {
            if (cond.equals("service_completed_successfully")) {
                completedDependencies.add(dep);
            }
        }));
        c.services().forEach((name, s) -> {
            if (s.get("healthcheck") == null) {
                assertThat(completedDependencies).as("%s has no health check, so it must be a one-shot others wait for", name).contains(name);
                assertThat(s.get("restart")).as("one-shot %s", name).isEqualTo("no");
            } else {
                assertThat(list(at(s, "healthcheck.test")).toString()).as(name).containsAnyOf("cell0-healthcheck", "/-/ready");
            }
        });
        assertThat(completedDependencies).containsExactly("pki");
    }

    @ParameterizedTest
    @ValueSource(strings = {"3", "7"})
    void dependenciesNameRealServicesAndWaitForHealthOrCompletion(String layout) {
        Compose c = compose(layout);
        c.services().forEach((name, s) -> dependsOn(s).forEach((dep, condition) -> {
            assertThat(c.services()).as("%s depends on %s", name, dep).containsKey(dep);
            if (condition.equals("service_healthy")) {
                assertThat(c.service(dep).get("healthcheck")).as("%s waits for %s to be healthy", name, dep).isNotNull();
            } else {
                assertThat(condition).isEqualTo("service_completed_successfully");
            }
        }));
        for (Map<String, Object> coordinator : c.coordinators().values()) {
            assertThat(dependsOn(coordinator)).containsEntry("pki", "service_completed_successfully");
        }
        for (String service : List.of("scheduler", "migration")) {
            assertThat(dependsOn(c.service(service))).containsEntry("coordinator-1", "service_healthy")
                    .containsEntry("coordinator-2", "service_healthy").containsEntry("coordinator-3", "service_healthy");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"3", "7"})
    void namedVolumesAreDeclaredUsedAndNeverSharedBetweenCoordinators(String layout) {
        Compose c = compose(layout);
        Set<String> declared = map(c.project().get("volumes")).keySet();
        Set<String> used = new HashSet<>();
        c.services().values().forEach(s -> mounts(s).stream().filter(Compose.Mount::named).forEach(m -> used.add(m.source())));
        assertThat(used).isEqualTo(declared);
        Set<String> dataVolumes = new HashSet<>();
        Set<String> pkiVolumes = new HashSet<>();
        c.coordinators().forEach((name, s) -> {
            Compose.Mount data = mountAt(s, "/var/lib/cell0/data");
            assertThat(data.named()).as(name).isTrue();
            assertThat(data.readOnly()).isFalse();
            assertThat(dataVolumes.add(data.source())).as("%s has its own data volume", name).isTrue();
            Compose.Mount pki = mountAt(s, "/pki/node");
            assertThat(pki.readOnly()).as(name).isTrue();
            assertThat(pkiVolumes.add(pki.source())).as("%s has its own certificate volume", name).isTrue();
            assertThat(mounts(s)).noneMatch(m -> m.source().equals("pki-ca")); // the CA key stays with the one-shot
        });
        assertThat(dataVolumes).hasSize(Integer.parseInt(layout));
    }

    @ParameterizedTest
    @ValueSource(strings = {"3", "7"})
    void everyServiceHasAMemoryLimit(String layout) {
        compose(layout).services().forEach((name, s) ->
                assertThat(str(s, "deploy.resources.limits.memory")).as(name).matches("[1-9][0-9]*M"));
    }

    /** Each coordinator's file + environment goes through the coordinator's own validation and Topology. */
    @ParameterizedTest
    @ValueSource(strings = {"3", "7"})
    void everyCoordinatorsConfigurationBindsThroughTheCoordinatorsValidation(String layout) {
        Compose c = compose(layout);
        String clusterId = env(c.service("pki")).get("CELL0_CLUSTER_ID");
        int observers = layout.equals("3") ? 0 : 4;
        c.coordinators().forEach((name, s) -> {
            Map<String, String> env = env(s);
            FederationConfig.Bound bound = FederationConfig.bind(hostFile(s, env.get("CELL0_CONFIG")), env);
            int number = Integer.parseInt(name.substring("coordinator-".length()));
            assertThat(bound.topology().selfId()).isEqualTo("node-" + number);
            assertThat(bound.topology().selfRole()).isEqualTo(number <= 3 ? NodeRole.VOTER : NodeRole.OBSERVER);
            assertThat(bound.topology().voters()).hasSize(3);
            assertThat(bound.topology().observers()).hasSize(observers);
            assertThat(bound.cluster().id()).isEqualTo(clusterId);
            // Peers reach a node by its service name, which is also its hostname.
            assertThat(bound.node().address()).isEqualTo(name + ":9000");
            assertThat(bound.node().apiAddress()).isEqualTo(name + ":" + env.get("SERVER_PORT"));
            assertThat(s.get("hostname")).isEqualTo(name);
            assertThat(bound.node().dataDir()).isEqualTo(mountAt(s, "/var/lib/cell0/data").target());
        });
    }

    @Test
    void theBinderRefusesABadValue() {
        Map<String, Object> s = Compose.load(BASE).service("coordinator-2");
        Map<String, String> env = new java.util.HashMap<>(env(s));
        env.put("CONSENSUS_ELECTION_TIMEOUT_MAX_MS", "100");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FederationConfig.bind(hostFile(s, env.get("CELL0_CONFIG")), env))
                .hasStackTraceContaining("election_timeout_max_ms must be greater than election_timeout_min_ms");
    }

    /** Runs the PKI service's own script with its own settings, then finds every file the services are told to use. */
    @Test
    void tlsFilesNamedByEveryServiceAreWhatThePkiServiceWrites() throws Exception {
        assumeTrue(Files.isRegularFile(Repo.pkiJar()), "security/target/cell0-security.jar is not built (./mvnw -pl security package)");
        Compose c = Compose.load(BASE);
        Map<String, Object> pki = c.service("pki");
        assertThat(Scripts.composePki().resolve("ca/ca.crt")).isRegularFile();

        c.coordinators().forEach((name, s) -> {
            Map<String, Object> security = map(at(Yamls.parse(read(hostFile(s, env(s).get("CELL0_CONFIG")))), "security"));
            assertThat(at(security, "tls.enabled")).isEqualTo(true);
            List<String> files = List.of(str(security, "tls.ca_cert"), str(security, "tls.cert"), str(security, "tls.key"),
                    str(security, "identity_key"));
            for (String file : files) {
                assertThat(inPkiOutput(pki, s, file)).as("%s: %s", name, file).isRegularFile();
            }
            assertThat(dnsNames(inPkiOutput(pki, s, str(security, "tls.cert")))).as(name).contains(name, "localhost");
        });
        for (String service : List.of("scheduler", "migration")) {
            Map<String, Object> s = c.service(service);
            Map<String, String> env = env(s);
            assertThat(env.get("SECURITY_TLS_ENABLED")).isEqualTo("true");
            for (String key : List.of("SECURITY_TLS_CA_CERT", "SECURITY_TLS_CERT", "SECURITY_TLS_KEY")) {
                assertThat(inPkiOutput(pki, s, env.get(key))).as("%s %s", service, key).isRegularFile();
            }
            assertThat(Path.of(env.get("SECURITY_TLS_CERT")).getFileName().toString()).isEqualTo(service + ".crt");
        }
    }

    @Test
    void theSevenNodeLayoutIssuesACertificateForEveryObserver() {
        Compose c = Compose.load(BASE, SEVEN);
        String issue = env(c.service("pki")).get("CELL0_PKI_ISSUE");
        c.coordinators().forEach((name, s) -> {
            String nodeDir = mountedFromPki(c.service("pki"), mountAt(s, "/pki/node").source());
            assertThat(issue).contains("node:" + nodeDir.substring("/pki/".length()) + ":" + name + ",");
        });
    }

    @Test
    void onlyTheApiPortsArePublishedAndOnlyOnLoopback() {
        Compose c = Compose.load(BASE, SEVEN);
        c.services().forEach((name, s) -> {
            Object ports = s.get("ports");
            if (ports == null) {
                return;
            }
            for (Object p : list(ports)) {
                String[] parts = p.toString().split(":");
                assertThat(parts).as(name).hasSize(3);
                assertThat(parts[0]).isEqualTo("127.0.0.1");
                String containerPort = parts[2];
                assertThat(containerPort).as("%s publishes its management port", name).isNotEqualTo(env(s).get("MANAGEMENT_SERVER_PORT"));
                if (!name.equals("prometheus")) {
                    assertThat(containerPort).as(name).isEqualTo(env(s).get("SERVER_PORT"));
                }
            }
        });
        assertThat(c.coordinators().values().stream().filter(s -> s.get("ports") != null).count()).isEqualTo(3);
    }

    @Test
    void springServicesKeepActuatorOnAPlainManagementPort() {
        Compose c = Compose.load(BASE, SEVEN);
        c.services().forEach((name, s) -> {
            if (!String.valueOf(s.get("image")).startsWith("cell0/") || name.equals("pki")) {
                return;
            }
            Map<String, String> env = env(s);
            assertThat(env.get("MANAGEMENT_SERVER_PORT")).as(name).isEqualTo("8081");
            assertThat(env.get("MANAGEMENT_SERVER_SSL_ENABLED")).as(name).isEqualTo("false");
            assertThat(env.get("SERVER_PORT")).as(name).isNotBlank().isNotEqualTo("8081");
        });
    }

    @Test
    void servicesWatchEveryVoterOverTls() {
        Compose c = Compose.load(BASE);
        String voters = c.coordinators().keySet().stream().map(n -> "https://" + n + ":8080").collect(Collectors.joining(","));
        assertThat(env(c.service("scheduler")).get("CELL0_COORDINATOR_URLS")).isEqualTo(voters);
        // The key is one the scheduler-service reads (cell0.coordinator.urls).
        assertThat(Repo.read("scheduler-service/src/main/resources/application.properties")).contains("cell0.coordinator.urls=");
    }

    @Test
    void imagesAreBuiltFromTheModulesJarsAndTheContextLetsThemIn() {
        Compose c = Compose.load(BASE, SEVEN);
        String dockerignore = Repo.read(".dockerignore");
        c.services().forEach((name, s) -> {
            Object build = s.get("build");
            if (build == null) {
                return;
            }
            assertThat(str(build, "dockerfile")).isEqualTo("deploy/docker/Dockerfile");
            assertThat(str(build, "context")).isEqualTo(".");
            String target = str(build, "target");
            assertThat(Repo.read("deploy/docker/Dockerfile")).contains(" AS " + target + "\n");
            String jar = str(build, "args.JAR_FILE");
            if (target.equals("service")) {
                assertThat(jar).matches("([a-z-]+)/target/\\1-0\\.1\\.0-SNAPSHOT\\.jar");
                assertThat(Repo.file(jar.substring(0, jar.indexOf('/')) + "/pom.xml")).isRegularFile();
                assertThat(dockerignore).contains("!" + jar + "\n");
            } else {
                assertThat(name).isEqualTo("pki");
            }
        });
    }

    @Test
    void prometheusScrapesTheManagementPortOfEveryService() {
        Compose c = Compose.load(BASE);
        assertThat(list(c.service("prometheus").get("profiles"))).containsExactly("monitoring");
        Map<String, Object> config = map(Yamls.parse(Repo.read("deploy/compose/prometheus.yml")));
        List<String> targets = new ArrayList<>();
        for (Map<String, Object> job : Yamls.maps(config.get("scrape_configs"))) {
            assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
            Yamls.maps(job.get("static_configs")).forEach(sc -> list(sc.get("targets")).forEach(t -> targets.add(t.toString())));
        }
        List<String> expected = new ArrayList<>();
        c.services().forEach((name, s) -> {
            if (env(s).containsKey("MANAGEMENT_SERVER_PORT")) {
                expected.add(name + ":" + env(s).get("MANAGEMENT_SERVER_PORT"));
            }
        });
        assertThat(targets).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static Map<String, String> dependsOn(Map<String, Object> service) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        Object deps = service.get("depends_on");
        if (deps != null) {
            map(deps).forEach((k, v) -> out.put(k, str(v, "condition")));
        }
        return out;
    }

    /** The host file mounted at a container path (bind mounts of the compose file). */
    private static Path hostFile(Map<String, Object> service, String containerPath) {
        Compose.Mount m = mountAt(service, containerPath);
        assertThat(m.named()).as("%s is a file of the repository", containerPath).isFalse();
        return Repo.file(m.source());
    }

    /** Where the PKI service wrote the file a service sees at {@code containerPath} (same named volume). */
    private static Path inPkiOutput(Map<String, Object> pki, Map<String, Object> service, String containerPath) {
        Compose.Mount m = mounts(service).stream().filter(v -> containerPath.startsWith(v.target() + "/")).findFirst()
                .orElseThrow(() -> new AssertionError(containerPath + " is on no volume of the service"));
        String pkiTarget = mountedFromPki(pki, m.source());
        return Scripts.composePki().resolve(pkiTarget.substring("/pki/".length())).resolve(containerPath.substring(m.target().length() + 1));
    }

    private static String mountedFromPki(Map<String, Object> pki, String volume) {
        return mounts(pki).stream().filter(v -> v.source().equals(volume)).findFirst()
                .orElseThrow(() -> new AssertionError("the pki service does not write volume " + volume)).target();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> dnsNames(Path certificate) {
        try (InputStream in = Files.newInputStream(certificate)) {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            List<String> names = new ArrayList<>();
            for (List<?> san : cert.getSubjectAlternativeNames()) {
                if ((Integer) san.get(0) == 2) {
                    names.add(san.get(1).toString());
                }
            }
            return names;
        } catch (Exception e) {
            throw new AssertionError("cannot read " + certificate, e);
        }
    }
}
