package io.cell0.deploy;

import static io.cell0.deploy.Yamls.at;
import static io.cell0.deploy.Yamls.env;
import static io.cell0.deploy.Yamls.list;
import static io.cell0.deploy.Yamls.mapAt;
import static io.cell0.deploy.Yamls.maps;
import static io.cell0.deploy.Yamls.named;
import static io.cell0.deploy.Yamls.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.cell0.model.NodeRole;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** helm/cell0 linted and rendered by real Helm (helm-java, in-process); assertions on the parsed objects. */
class HelmChartTest {
    private static final String HEADLESS = "cell0-coordinator-headless";

    @TempDir
    Path tmp;

    @Test
    void lintPassesStrictly() {
        LintResult lint = new Helm(Repo.file("helm/cell0")).lint().strict().call();
        assertThat(lint.isFailed()).as("helm lint --strict: %s", lint.getMessages()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 5, 7})
    void peerListFollowsTheReplicaCount(int replicas) {
        Manifests m = Manifests.render("coordinator.replicas", replicas);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < replicas; i++) {
            expected.add("cell0-coordinator-" + i + "@cell0-coordinator-" + i + "." + HEADLESS + ".prod.svc.cluster.local:9000");
        }
        assertThat(list(at(m.federationYaml(), "federation.bootstrap"))).containsExactlyElementsOf(expected);
        assertThat(at(m.federationYaml(), "consensus.min_nodes")).isEqualTo(replicas);
        assertThat(at(m.statefulSet(), "spec.replicas")).isEqualTo(replicas);
        // The services watch every voter.
        String urls = env(m.container("Deployment", "cell0-scheduler", "scheduler")).get("CELL0_COORDINATOR_URLS");
        assertThat(urls.split(",")).hasSize(replicas)
                .allSatisfy(u -> assertThat(u).matches("https://cell0-coordinator-[0-9]\\." + HEADLESS + "\\.prod\\.svc\\.cluster\\.local:8080"));
        // The hook issues a certificate for every pod, with its stable DNS name.
        String issue = env(m.container("Job", "cell0-pki", "pki")).get("CELL0_PKI_ISSUE");
        for (int i = 0; i < replicas; i++) {
            assertThat(issue).contains("node:coordinators/cell0-coordinator-" + i + ":cell0-coordinator-" + i + "." + HEADLESS
                    + ".prod.svc.cluster.local,");
        }
        assertThat(issue).doesNotContain("cell0-coordinator-" + replicas + ".");
    }

    /** Every pod's view (ConfigMap + its environment as the kubelet expands it) passes the coordinator's own checks. */
    @ParameterizedTest
    @ValueSource(ints = {1, 3, 5, 7})
    void everyPodsConfigurationBindsThroughTheCoordinatorsValidation(int replicas) throws IOException {
        Manifests m = Manifests.render("coordinator.replicas", replicas, "coordinator.zone.fromNodeLabel", false);
        Path file = Files.writeString(tmp.resolve("federation-" + replicas + ".yaml"), m.federationYamlText());
        Map<String, Object> container = m.container("StatefulSet", "cell0-coordinator", "coordinator");
        for (int i = 0; i < replicas; i++) {
            FederationConfig.Bound bound = FederationConfig.bind(file, podEnv(container, "cell0-coordinator-" + i));
            assertThat(bound.topology().selfId()).isEqualTo("cell0-coordinator-" + i);
            assertThat(bound.topology().selfRole()).isEqualTo(NodeRole.VOTER);
            assertThat(bound.topology().voters()).hasSize(replicas);
            assertThat(bound.cluster().id()).isEqualTo("cell0");
            assertThat(bound.node().zone()).isEqualTo("default");
            assertThat(bound.node().dataDir()).isEqualTo("/var/lib/cell0/data");
        }
    }

    @Test
    void theBinderRefusesAPodWhoseAddressIsNotInThePeerList() throws IOException {
        Manifests m = Manifests.render("coordinator.zone.fromNodeLabel", false);
        Path file = Files.writeString(tmp.resolve("federation.yaml"), m.federationYamlText());
        Map<String, String> env = podEnv(m.container("StatefulSet", "cell0-coordinator", "coordinator"), "cell0-coordinator-1");
        env.put("NODE_ADDRESS", "somewhere-else:9000");
        assertThatThrownBy(() -> FederationConfig.bind(file, env)).hasStackTraceContaining("node.address");
    }

    @Test
    void statefulSetHasStableNamesParallelStartAndAVolumePerPod() {
        Manifests m = Manifests.render();
        Map<String, Object> sts = m.statefulSet();
        assertThat(str(sts, "spec.serviceName")).isEqualTo(HEADLESS);
        assertThat(str(sts, "spec.podManagementPolicy")).isEqualTo("Parallel");
        Map<String, Object> claim = maps(at(sts, "spec.volumeClaimTemplates")).get(0);
        assertThat(str(claim, "metadata.name")).isEqualTo("data");
        assertThat(str(claim, "spec.resources.requests.storage")).isEqualTo("10Gi");
        Map<String, Object> coordinator = m.container("StatefulSet", "cell0-coordinator", "coordinator");
        assertThat(named(coordinator.get("volumeMounts"), "data").get("mountPath")).isEqualTo("/var/lib/cell0/data");
        assertThat(at(m.federationYaml(), "node.data_dir")).isEqualTo("/var/lib/cell0/data");

        Map<String, Object> headless = m.one("Service", HEADLESS);
        assertThat(str(headless, "spec.clusterIP")).isEqualTo("None");
        assertThat(at(headless, "spec.publishNotReadyAddresses")).isEqualTo(true);
        assertThat(mapAt(headless, "spec.selector")).isEqualTo(mapAt(sts, "spec.selector.matchLabels"));
        assertThat(mapAt(sts, "spec.template.metadata.labels")).containsAllEntriesOf(mapAt(sts, "spec.selector.matchLabels"));
        assertThat(maps(at(headless, "spec.ports")).stream().map(p -> p.get("port"))).contains(9000, 8080);
    }

    @Test
    void podDisruptionBudgetLetsOneVoterGoAtATime() {
        Manifests m = Manifests.render();
        Map<String, Object> pdb = m.one("PodDisruptionBudget", "cell0-coordinator");
        assertThat(at(pdb, "spec.maxUnavailable")).isEqualTo(1);
        assertThat(mapAt(pdb, "spec.selector.matchLabels")).isEqualTo(mapAt(m.statefulSet(), "spec.selector.matchLabels"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"StatefulSet/cell0-coordinator/coordinator", "Deployment/cell0-scheduler/scheduler",
            "Deployment/cell0-migration/migration"})
    void probesUseActuatorGroupsOnThePlainManagementPort(String workload) {
        String[] parts = workload.split("/");
        Map<String, Object> c = Manifests.render().container(parts[0], parts[1], parts[2]);
        assertThat(str(c, "livenessProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
        assertThat(str(c, "startupProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
        assertThat(str(c, "readinessProbe.httpGet.path")).isEqualTo("/actuator/health/readiness");
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            assertThat(str(c, probe + ".httpGet.port")).isEqualTo("management");
            assertThat(at(c, probe + ".httpGet.scheme")).isNull(); // plain HTTP
        }
        Map<String, String> env = env(c);
        Object managementPort = named(c.get("ports"), "management").get("containerPort");
        assertThat(env.get("MANAGEMENT_SERVER_PORT")).isEqualTo(managementPort.toString());
        assertThat(env.get("MANAGEMENT_SERVER_SSL_ENABLED")).isEqualTo("false");
        assertThat(env.get("SERVER_PORT")).isEqualTo(named(c.get("ports"), "api").get("containerPort").toString());
        assertThat(env.get("SERVER_PORT")).isNotEqualTo(env.get("MANAGEMENT_SERVER_PORT"));
    }

    @Test
    void coordinatorTlsComesFromItsOwnFilesCopiedOutOfTheHooksSecret() {
        Manifests m = Manifests.render();
        Map<String, Object> security = mapAt(m.federationYaml(), "security");
        assertThat(at(security, "tls.enabled")).isEqualTo(true);
        Map<String, Object> pod = m.podSpec("StatefulSet", "cell0-coordinator");
        Map<String, Object> coordinator = m.container("StatefulSet", "cell0-coordinator", "coordinator");
        String mounted = str(named(coordinator.get("volumeMounts"), "tls-node"), "mountPath");
        for (String path : List.of(str(security, "tls.ca_cert"), str(security, "tls.cert"), str(security, "tls.key"),
                str(security, "identity_key"))) {
            assertThat(Path.of(path).getParent().toString()).isEqualTo(mounted);
        }
        // The init container fills that volume from the Secret with this pod's files only.
        Map<String, Object> prepare = named(pod.get("initContainers"), "prepare");
        assertThat(str(named(prepare.get("volumeMounts"), "tls-node"), "mountPath")).isEqualTo(mounted);
        String secretMount = str(named(prepare.get("volumeMounts"), "tls-secret"), "mountPath");
        String script = list(prepare.get("args")).get(0).toString();
        for (String path : List.of(str(security, "tls.ca_cert"), str(security, "tls.cert"), str(security, "tls.key"),
                str(security, "identity_key"))) {
            String file = Path.of(path).getFileName().toString();
            assertThat(script).contains(file);
        }
        assertThat(script).contains("cp \"" + secretMount + "/$POD_NAME.$f\" \"" + mounted + "/$f\"");
        assertThat(coordinator.get("volumeMounts").toString()).doesNotContain("tls-secret");
        // ... and that Secret is the one the hook Job creates last.
        String secretName = str(named(pod.get("volumes"), "tls-secret"), "secret.secretName");
        Map<String, Object> job = m.one("Job", "cell0-pki");
        assertThat(env(m.container("Job", "cell0-pki", "pki")).get("COORDINATORS_SECRET")).isEqualTo(secretName);
        assertThat(str(job, "spec.template.spec.serviceAccountName")).isEqualTo(str(m.one("ServiceAccount", "cell0-pki"), "metadata.name"));
        assertThat(maps(m.one("Role", "cell0-pki").get("rules")).get(0)).containsEntry("resources", List.of("secrets"));
        // A pre-install hook (helm-java's template leaves hooks out, so the annotation is read as text).
        String hookTemplate = Repo.read("helm/cell0/templates/pki-hook.yaml");
        assertThat(hookTemplate).contains("{{- $hook := \"pre-install,pre-upgrade\" }}");
        assertThat(hookTemplate.split("helm.sh/hook: \\{\\{ \\$hook }}", -1)).hasSize(5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"scheduler", "migration"})
    void servicesTlsEnvironmentPointsAtTheirMountedSecret(String component) {
        Manifests m = Manifests.render();
        String deployment = "cell0-" + component;
        Map<String, Object> c = m.container("Deployment", deployment, component);
        Map<String, String> env = env(c);
        assertThat(env.get("SECURITY_TLS_ENABLED")).isEqualTo("true");
        String mount = str(named(c.get("volumeMounts"), "tls"), "mountPath");
        assertThat(env.get("SECURITY_TLS_CA_CERT")).isEqualTo(mount + "/ca.crt");
        assertThat(env.get("SECURITY_TLS_CERT")).isEqualTo(mount + "/" + component + ".crt");
        assertThat(env.get("SECURITY_TLS_KEY")).isEqualTo(mount + "/" + component + ".key");
        String secret = str(named(m.podSpec("Deployment", deployment).get("volumes"), "tls"), "secret.secretName");
        String script = list(m.container("Job", "cell0-pki", "pki").get("args")).get(0).toString();
        assertThat(script).contains("--name " + secret + " --from-dir /work/" + component);
        assertThat(env(m.container("Job", "cell0-pki", "pki")).get("CELL0_PKI_ISSUE"))
                .contains(component + ":" + component + ":cell0-" + component + ".prod.svc");
    }

    @Test
    void existingSecretsReplaceTheHook() {
        Manifests m = Manifests.render("tls.source", "existingSecret", "tls.existingSecret.coordinators", "my-nodes",
                "tls.existingSecret.scheduler", "my-sched", "tls.existingSecret.migration", "my-mig");
        assertThat(m.all("Job")).isEmpty();
        assertThat(str(named(m.podSpec("StatefulSet", "cell0-coordinator").get("volumes"), "tls-secret"), "secret.secretName"))
                .isEqualTo("my-nodes");
        assertThat(str(named(m.podSpec("Deployment", "cell0-scheduler").get("volumes"), "tls"), "secret.secretName"))
                .isEqualTo("my-sched");
    }

    @Test
    void tlsOffLeavesNoCertificatesAndPlainUrls() {
        Manifests m = Manifests.render("tls.enabled", false);
        assertThat(at(m.federationYaml(), "security.tls.enabled")).isEqualTo(false);
        assertThat(at(m.federationYaml(), "security.tls.cert")).isNull();
        assertThat(m.all("Job")).isEmpty();
        assertThat(m.podSpec("StatefulSet", "cell0-coordinator").get("volumes").toString()).doesNotContain("tls-");
        assertThat(env(m.container("Deployment", "cell0-scheduler", "scheduler")).get("CELL0_COORDINATOR_URLS")).startsWith("http://");
    }

    @Test
    void zoneComesFromTheNodeLabelAndVotersSpreadOverZones() {
        Manifests m = Manifests.render();
        Map<String, Object> pod = m.podSpec("StatefulSet", "cell0-coordinator");
        Map<String, Object> spread = maps(pod.get("topologySpreadConstraints")).get(0);
        assertThat(spread.get("topologyKey")).isEqualTo("topology.kubernetes.io/zone");
        assertThat(mapAt(spread, "labelSelector.matchLabels")).isEqualTo(mapAt(m.statefulSet(), "spec.selector.matchLabels"));
        Map<String, Object> prepare = named(pod.get("initContainers"), "prepare");
        String script = list(prepare.get("args")).get(0).toString();
        assertThat(script).contains("Cell0Kube zone --node \"$K8S_NODE_NAME\" --label \"topology.kubernetes.io/zone\"")
                .contains("--out /var/run/cell0/zone/zone");
        assertThat(str(named(prepare.get("env"), "K8S_NODE_NAME"), "valueFrom.fieldRef.fieldPath")).isEqualTo("spec.nodeName");
        assertThat(env(m.container("StatefulSet", "cell0-coordinator", "coordinator")).get("CELL0_ZONE_FILE"))
                .isEqualTo("/var/run/cell0/zone/zone");
        // Reading Node objects needs a ClusterRole bound to the pods' service account.
        Map<String, Object> role = m.all("ClusterRole").get(0);
        assertThat(maps(role.get("rules")).get(0)).containsEntry("resources", List.of("nodes")).containsEntry("verbs", List.of("get"));
        Map<String, Object> binding = m.all("ClusterRoleBinding").get(0);
        assertThat(named(binding.get("subjects"), pod.get("serviceAccountName").toString())).containsEntry("namespace", "prod");

        Manifests fixed = Manifests.render("coordinator.zone.fromNodeLabel", false, "coordinator.zone.default", "eu-1a");
        assertThat(fixed.all("ClusterRole")).isEmpty();
        assertThat(env(fixed.container("StatefulSet", "cell0-coordinator", "coordinator")).get("NODE_ZONE")).isEqualTo("eu-1a");
    }

    @Test
    void serviceMonitorScrapesThePrometheusEndpointOfEveryPod() {
        assertThat(Manifests.render().all("ServiceMonitor")).isEmpty();
        Manifests m = Manifests.render("metrics.serviceMonitor.enabled", true);
        Map<String, Object> monitor = m.one("ServiceMonitor", "cell0");
        Map<String, Object> endpoint = maps(at(monitor, "spec.endpoints")).get(0);
        assertThat(endpoint).containsEntry("port", "management").containsEntry("path", "/actuator/prometheus");
        Map<String, Object> metrics = m.one("Service", "cell0-metrics");
        assertThat(mapAt(metrics, "metadata.labels")).containsAllEntriesOf(mapAt(monitor, "spec.selector.matchLabels"));
        assertThat(named(at(metrics, "spec.ports"), "management").get("port")).isEqualTo(8081);
        // The metrics Service selects every Cell 0 pod.
        for (Map<String, Object> workload : List.of(m.statefulSet(), m.one("Deployment", "cell0-scheduler"),
                m.one("Deployment", "cell0-migration"))) {
            assertThat(mapAt(workload, "spec.template.metadata.labels")).containsAllEntriesOf(mapAt(metrics, "spec.selector"));
        }
    }

    @Test
    void workloadsRunAsTheImagesNonRootUserWithMemoryLimits() {
        Manifests m = Manifests.render();
        for (String[] w : new String[][] {{"StatefulSet", "cell0-coordinator", "coordinator"},
                {"Deployment", "cell0-scheduler", "scheduler"}, {"Deployment", "cell0-migration", "migration"}}) {
            Map<String, Object> pod = m.podSpec(w[0], w[1]);
            assertThat(at(pod, "securityContext.runAsNonRoot")).isEqualTo(true);
            assertThat(at(pod, "securityContext.runAsUser")).isEqualTo(10001);
            Map<String, Object> c = m.container(w[0], w[1], w[2]);
            assertThat(str(c, "resources.limits.memory")).matches("[0-9]+Mi");
            assertThat(at(c, "securityContext.readOnlyRootFilesystem")).isEqualTo(true);
            assertThat(named(c.get("volumeMounts"), "tmp").get("mountPath")).isEqualTo("/tmp");
        }
    }

    @Test
    void notesTellHowToReachTheCluster() {
        String notes = new Helm(Repo.file("helm/cell0")).template().withName("cell0").withNamespace("prod").debug().call();
        assertThat(Repo.read("helm/cell0/templates/NOTES.txt")).contains("port-forward svc/{{ include \"cell0.coordinator\" . }}")
                .contains("/federation/status").contains("/actuator/prometheus");
        assertThat(notes).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"coordinator.replicas=2", "coordinator.replicas=4", "coordinator.replicas=9",
            "coordinator.resources.limits.memory=-512Mi", "coordinator.persistence.size=-1Gi", "clusterId=Bad_Cluster",
            "coordinator.capabilities.memoryGb=-1", "coordinator.podDisruptionBudget.maxUnavailable=0",
            "tls.source=cert-manager", "scheduler.strategy=random", "unknownKey=1", "coordinator.ports.api=70000"})
    void schemaRefusesBadValues(String assignment) {
        String[] kv = assignment.split("=", 2);
        assertThatThrownBy(() -> Manifests.render(kv[0], kv[1])).hasMessageContaining("values don't meet the specifications of the schema");
    }

    @Test
    void schemaRequiresSecretNamesWhenTheyAreTheUsers() {
        assertThatThrownBy(() -> Manifests.render("tls.source", "existingSecret"))
                .hasMessageContaining("values don't meet the specifications of the schema");
    }

    /** The environment the kubelet gives pod {@code podName}: literal values with $(VAR) expanded. */
    private static Map<String, String> podEnv(Map<String, Object> container, String podName) {
        Map<String, String> env = new HashMap<>();
        Map<String, String> fields = Map.of("metadata.name", podName, "metadata.namespace", Manifests.NAMESPACE);
        for (Map<String, Object> e : maps(container.get("env"))) {
            String name = e.get("name").toString();
            String value = e.get("value") != null ? e.get("value").toString() : fields.get(str(e, "valueFrom.fieldRef.fieldPath"));
            if (value != null) {
                for (Map.Entry<String, String> known : env.entrySet()) {
                    value = value.replace("$(" + known.getKey() + ")", known.getValue());
                }
                env.put(name, value);
            }
        }
        return env;
    }
}
