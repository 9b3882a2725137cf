package io.cell0.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** Reading parsed YAML (maps, lists, scalars) without casts all over the tests. */
final class Yamls {
    private Yamls() {
    }

    static Object parse(String text) {
        return new Yaml(new LoaderOptions()).load(text);
    }

    /** Every non-empty document of a multi-document stream (what `helm template` prints). */
    static List<Map<String, Object>> parseAll(String text) {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : new Yaml(new LoaderOptions()).loadAll(text)) {
            if (doc != null) {
                docs.add(map(doc));
            }
        }
        return docs;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        if (!(value instanceof Map)) {
            throw new AssertionError("expected a mapping, got " + value);
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        if (!(value instanceof List)) {
            throw new AssertionError("expected a sequence, got " + value);
        }
        return (List<Object>) value;
    }

    static List<Map<String, Object>> maps(Object value) {
        return list(value).stream().map(Yamls::map).toList();
    }

    /** The value at a dotted path ("spec.template.spec"); null where a step is missing. */
    static Object at(Object root, String path) {
        Object current = root;
        for (String step : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(step);
        }
        return current;
    }

    static Map<String, Object> mapAt(Object root, String path) {
        return map(at(root, path));
    }

    static String str(Object root, String path) {
        Object value = at(root, path);
        return value == null ? null : value.toString();
    }

    /** The element of a list of mappings whose "name" is the given one (containers, env, volumes, ports). */
    static Map<String, Object> named(Object list, String name) {
        return maps(list).stream().filter(m -> name.equals(m.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no entry named " + name + " in " + list));
    }

    /** A container's environment as a map of literal values (entries with valueFrom map to null). */
    static Map<String, String> env(Map<String, Object> container) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        Object env = container.get("env");
        if (env != null) {
            for (Map<String, Object> e : maps(env)) {
                Object value = e.get("value");
                out.put(e.get("name").toString(), value == null ? null : value.toString());
            }
        }
        return out;
    }
}
