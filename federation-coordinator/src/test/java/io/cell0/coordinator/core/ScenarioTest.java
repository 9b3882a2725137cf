package io.cell0.coordinator.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every file in {@code src/test/resources/scenarios}: each directive is applied to a fresh
 * state per file and its output compared with the block under {@code ----}. With
 * {@code -Dscenarios.rewrite=true} the files are rewritten with the actual output instead (then
 * review the diff, as with etcd's {@code -rewrite}).
 */
class ScenarioTest {
    static final Path DIR = Path.of("src/test/resources/scenarios");
    static final String SEPARATOR = "----";

    @TestFactory
    Stream<DynamicTest> scenarios() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(DIR)) {
            files = list.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("no scenario files in " + DIR.toAbsolutePath());
        }
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> run(f)));
    }

    static void run(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<String> rewritten = new ArrayList<>();
        ScenarioDriver driver = new ScenarioDriver();
        boolean rewrite = Boolean.getBoolean("scenarios.rewrite");
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                rewritten.add(line);
                i++;
                continue;
            }
            int directiveLine = i + 1;
            String actual = driver.run(line);
            rewritten.add(line);
            i++;
            if (i >= lines.size() || !lines.get(i).equals(SEPARATOR)) {
                throw new IllegalStateException(file + ":" + directiveLine + ": expected '" + SEPARATOR + "' after the directive");
            }
            i++;
            List<String> expected = new ArrayList<>();
            while (i < lines.size() && !lines.get(i).isBlank()) {
                expected.add(lines.get(i));
                i++;
            }
            rewritten.add(SEPARATOR);
            rewritten.addAll(List.of(actual.split("\n")));
            if (!rewrite) {
                assertEquals(String.join("\n", expected), actual, file.getFileName() + ":" + directiveLine + ": " + line);
            }
        }
        if (rewrite) {
            Files.writeString(file, String.join("\n", rewritten) + "\n");
        }
    }
}
