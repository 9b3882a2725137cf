import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The two things the Helm chart needs from the Kubernetes API, with nothing but the JDK (the images
 * carry no kubectl):
 *
 * <pre>
 *   zone --node NAME --out FILE [--label KEY] [--default ZONE]
 *        writes the node's zone label (topology.kubernetes.io/zone) to FILE: a pod cannot see its
 *        node's labels through the downward API, so an init container asks the API server
 *   secret-exists --name NAME                       exit 0 if the Secret exists, 3 if not
 *   create-secret --name NAME --from-dir DIR [--label K=V]...
 *        one key per file under DIR (sub/dir/file becomes sub.dir.file; *.csr is left out)
 * </pre>
 *
 * Common options: {@code --api URL} (default https://kubernetes.default.svc), {@code --namespace NS}
 * (default: the service account's), {@code --token-file}, {@code --ca-file} (defaults: the mounted
 * service account files). Exit codes: 0 done, 1 failed, 2 usage, 3 not found.
 */
public final class Cell0Kube {
    private static final String SA = "/var/run/secrets/kubernetes.io/serviceaccount/";
    private static final Pattern STRING_PAIR = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final Map<String, List<String>> options;
    private final HttpClient http;
    private final String api;
    private final String token;

    private Cell0Kube(Map<String, List<String>> options) throws Exception {
        this.options = options;
        this.api = stripSlash(option("api", "https://kubernetes.default.svc"));
        Path tokenFile = Path.of(option("token-file", SA + "token"));
        this.token = Files.isReadable(tokenFile) ? Files.readString(tokenFile).trim() : "";
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        Path caFile = Path.of(option("ca-file", SA + "ca.crt"));
        if (api.startsWith("https:") && Files.isReadable(caFile)) {
            builder.sslContext(trusting(caFile));
        }
        this.http = builder.build();
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command; returns the exit code (tests call this directly). */
    public static int run(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: Cell0Kube zone|secret-exists|create-secret [options] (see the class comment)");
            return 2;
        }
        try {
            Cell0Kube kube = new Cell0Kube(parse(args));
            return switch (args[0]) {
                case "zone" -> kube.zone();
                case "secret-exists" -> kube.secretExists();
                case "create-secret" -> kube.createSecret();
                default -> {
                    System.err.println("unknown command " + args[0]);
                    yield 2;
                }
            };
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        } catch (Exception e) {
            System.err.println(args[0] + " failed: " + e);
            return 1;
        }
    }

    private int zone() throws Exception {
        String node = required("node");
        String label = option("label", "topology.kubernetes.io/zone");
        Path out = Path.of(required("out"));
        String fallback = option("default", null);
        HttpResponse<String> reply = send(HttpRequest.newBuilder(uri("/api/v1/nodes/" + node)).GET());
        String zone = reply.statusCode() == 200 ? labels(reply.body()).get(label) : null;
        if (zone == null || zone.isEmpty()) {
            String why = reply.statusCode() == 200 ? "node " + node + " has no label " + label
                    : "reading node " + node + " answered " + reply.statusCode() + ": " + reply.body();
            if (fallback == null) {
                System.err.println(why + " and no --default was given");
                return 1;
            }
            System.err.println(why + "; using the default zone '" + fallback + "'");
            zone = fallback;
        }
        Files.writeString(out, zone + "\n");
        System.out.println("zone " + zone);
        return 0;
    }

    private int secretExists() throws Exception {
        String name = required("name");
        int status = send(HttpRequest.newBuilder(uri(secretsPath() + "/" + name)).GET()).statusCode();
        return switch (status) {
            case 200 -> 0;
            case 404 -> 3;
            default -> throw new IOException("reading Secret " + name + " answered " + status);
        };
    }

    private int createSecret() throws Exception {
        String name = required("name");
        Path dir = Path.of(required("from-dir"));
        Map<String, String> data = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".csr")).toList()) {
                String key = dir.relativize(file).toString().replace('/', '.');
                data.put(key, Base64.getEncoder().encodeToString(Files.readAllBytes(file)));
            }
        }
        Map<String, String> labels = new TreeMap<>();
        for (String pair : options.getOrDefault("label", List.of())) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--label wants KEY=VALUE, got " + pair);
            }
            labels.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        String body = "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"type\":\"Opaque\",\"metadata\":{\"name\":" + quote(name)
                + ",\"labels\":" + object(labels) + "},\"data\":" + object(data) + "}";
        HttpResponse<String> reply = send(HttpRequest.newBuilder(uri(secretsPath()))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
        if (reply.statusCode() != 201 && reply.statusCode() != 200) {
            throw new IOException("creating Secret " + name + " answered " + reply.statusCode() + ": " + reply.body());
        }
        System.out.println("secret " + name + " created with " + data.size() + " keys");
        return 0;
    }

    private String secretsPath() throws IOException {
        String namespace = option("namespace", null);
        if (namespace == null) {
            namespace = Files.readString(Path.of(SA + "namespace")).trim();
        }
        return "/api/v1/namespaces/" + namespace + "/secrets";
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        if (!token.isEmpty()) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The string labels under metadata.labels of an API object; enough JSON for label values. */
    static Map<String, String> labels(String json) {
        Map<String, String> out = new HashMap<>();
        int metadata = json.indexOf("\"metadata\"");
        int at = metadata < 0 ? -1 : json.indexOf("\"labels\"", metadata);
        if (at < 0) {
            return out;
        }
        int open = json.indexOf('{', at);
        int close = json.indexOf('}', open);
        if (open < 0 || close < 0) {
            return out;
        }
        Matcher m = STRING_PAIR.matcher(json.substring(open + 1, close));
        while (m.find()) {
            out.put(unescape(m.group(1)), unescape(m.group(2)));
        }
        return out;
    }

    private static String unescape(String s) {
        return s.replace("\\/", "/").replace("\\\"", "\"").replace("\\\\", "\\");
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    private static String object(Map<String, String> map) {
        List<String> pairs = new ArrayList<>();
        map.forEach((k, v) -> pairs.add(quote(k) + ":" + quote(v)));
        return "{" + String.join(",", pairs) + "}";
    }

    private URI uri(String path) {
        return URI.create(api + path);
    }

    private String option(String name, String fallback) {
        List<String> values = options.get(name);
        return values == null || values.isEmpty() ? fallback : values.get(values.size() - 1);
    }

    private String required(String name) {
        String value = option(name, null);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    private static Map<String, List<String>> parse(String[] args) {
        Map<String, List<String>> out = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            out.computeIfAbsent(args[i].substring(2), k -> new ArrayList<>()).add(args[++i]);
        }
        return out;
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static SSLContext trusting(Path caFile) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caFile)) {
            int n = 0;
            for (var cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("ca-" + n++, (X509Certificate) cert);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }
}
