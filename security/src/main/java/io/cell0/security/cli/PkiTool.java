package io.cell0.security.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Entry point: {@code java -jar security/target/cell0-security.jar <init|node|show> ...}.
 *
 * <p>Exit codes: 0 success, 1 refused or invalid (the message says why), 2 bad usage.
 */
@Command(name = "cell0-pki", mixinStandardHelpOptions = true, version = "cell0-pki 0.1",
        description = "Creates and inspects the Cell 0 cluster CA, node identities and TLS certificates.",
        subcommands = {InitCommand.class, NodeCommand.class, ShowCommand.class})
public final class PkiTool implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the tool with the given output streams and returns its exit code; what tests call. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new PkiTool());
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("error: " + ex.getMessage());
            return 1;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
