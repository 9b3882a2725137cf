package io.cell0.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A compose project read the way `docker compose -f a.yml -f b.yml` reads it, as far as these tests
 * need: YAML anchors and merge keys resolved by the parser, later files merged into earlier ones
 * (mappings key by key, volumes by their container path, other sequences appended).
 */
record Compose(Map<String, Object> project) {

    static Compose load(String... files) {
        Map<String, Object> merged = new LinkedHashMap<>();
        for (String file : files) {
            merge(merged, Yamls.map(Yamls.parse(Repo.read(file))));
        }
        return new Compose(merged);
    }

    Map<String, Map<String, Object>> services() {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        Yamls.map(project.get("services")).forEach((name, service) -> out.put(name, Yamls.map(service)));
        return out;
    }

    Map<String, Object> service(String name) {
        Map<String, Object> service = services().get(name);
        if (service == null) {
            throw new AssertionError("no service " + name);
        }
        return service;
    }

    /** The services that run a coordinator image. */
    Map<String, Map<String, Object>> coordinators() {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        services().forEach((name, s) -> {
            if (String.valueOf(s.get("image")).startsWith("cell0/federation-coordinator:")) {
                out.put(name, s);
            }
        });
        return out;
    }

    static Map<String, String> env(Map<String, Object> service) {
        Map<String, String> out = new LinkedHashMap<>();
        Object env = service.get("environment");
        if (env != null) {
            Yamls.map(env).forEach((k, v) -> out.put(k, v == null ? null : v.toString()));
        }
        return out;
    }

    /** Short-syntax volume entries as (source, target, read-only). */
    record Mount(String source, String target, boolean readOnly) {
        boolean named() {
            return !source.startsWith(".") && !source.startsWith("/");
        }
    }

    static List<Mount> mounts(Map<String, Object> service) {
        List<Mount> out = new ArrayList<>();
        Object volumes = service.get("volumes");
        if (volumes != null) {
            for (Object v : Yamls.list(volumes)) {
                String[] parts = v.toString().split(":");
                out.add(new Mount(parts[0], parts[1], parts.length > 2 && parts[2].contains("ro")));
            }
        }
        return out;
    }

    static Mount mountAt(Map<String, Object> service, String target) {
        return mounts(service).stream().filter(m -> m.target().equals(target)).findFirst()
                .orElseThrow(() -> new AssertionError("nothing mounted at " + target + " in " + service.get("volumes")));
    }

    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> into, Map<String, Object> from) {
        from.forEach((k, v) -> {
            Object old = into.get(k);
            if (old instanceof Map && v instanceof Map) {
                Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) old);
                merge(copy, (Map<String, Object>) v);
                into.put(k, copy);
            } else if (old instanceof List && v instanceof List) {
                into.put(k, k.equals("volumes") ? mergeVolumes((List<Object>) old, (List<Object>) v) : append((List<Object>) old, (List<Object>) v));
            } else {
                into.put(k, v);
            }
        });
    }

    private static List<Object> append(List<Object> a, List<Object> b) {
        List<Object> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static List<Object> mergeVolumes(List<Object> a, List<Object> b) {
        Map<String, Object> byTarget = new LinkedHashMap<>();
        for (Object v : append(a, b)) {
            byTarget.put(v.toString().split(":")[1], v);
        }
        return new ArrayList<>(byTarget.values());
    }
}
