package io.cell0.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The objects `helm template` renders from helm/cell0, parsed. */
record Manifests(List<Map<String, Object>> objects) {
    static final String RELEASE = "cell0";
    static final String NAMESPACE = "prod";

    private static Path hooksAsPlainObjects;

    /**
     * Renders the chart as release "cell0" in namespace "prod" with --set pairs ("key", value, ...).
     * helm-java's template returns the release manifest without hooks, so this renders a copy of the
     * chart whose hook annotations are removed: the hook objects then appear like any other.
     * (The annotations themselves are checked on the template's text, and `helm lint` renders them.)
     */
    static Manifests render(Object... sets) {
        TemplateCommand template = new Helm(chartWithoutHookAnnotations()).template().withName(RELEASE).withNamespace(NAMESPACE);
        for (int i = 0; i < sets.length; i += 2) {
            template.set(sets[i].toString(), sets[i + 1]);
        }
        return new Manifests(Yamls.parseAll(template.call()));
    }

    private static synchronized Path chartWithoutHookAnnotations() {
        if (hooksAsPlainObjects == null) {
            try {
                Path copy = Files.createTempDirectory("cell0-chart").resolve("cell0");
                Path chart = Repo.file("helm/cell0");
                try (Stream<Path> files = Files.walk(chart)) {
                    for (Path source : files.toList()) {
                        Path target = copy.resolve(chart.relativize(source).toString());
                        if (Files.isDirectory(source)) {
                            Files.createDirectories(target);
                        } else {
                            List<String> lines = Files.readAllLines(source).stream().filter(l -> !l.contains("helm.sh/hook")).toList();
                            Files.write(target, lines);
                        }
                    }
                }
                hooksAsPlainObjects = copy;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return hooksAsPlainObjects;
    }

    List<Map<String, Object>> all(String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    Map<String, Object> one(String kind, String name) {
        return objects.stream().filter(o -> kind.equals(o.get("kind")) && name.equals(Yamls.str(o, "metadata.name")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name + " rendered; have "
                        + objects.stream().map(o -> o.get("kind") + "/" + Yamls.str(o, "metadata.name")).toList()));
    }

    boolean has(String kind, String name) {
        return objects.stream().anyMatch(o -> kind.equals(o.get("kind")) && name.equals(Yamls.str(o, "metadata.name")));
    }

    Map<String, Object> statefulSet() {
        return one("StatefulSet", "cell0-coordinator");
    }

    Map<String, Object> podSpec(String kind, String name) {
        return Yamls.mapAt(one(kind, name), "spec.template.spec");
    }

    Map<String, Object> container(String kind, String name, String container) {
        return Yamls.named(podSpec(kind, name).get("containers"), container);
    }

    /** federation.yaml of the coordinators' ConfigMap, parsed. */
    Map<String, Object> federationYaml() {
        return Yamls.map(Yamls.parse(federationYamlText()));
    }

    String federationYamlText() {
        return Yamls.mapAt(one("ConfigMap", "cell0-coordinator-config"), "data").get("federation.yaml").toString();
    }
}
