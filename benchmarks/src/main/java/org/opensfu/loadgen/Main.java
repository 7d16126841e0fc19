package org.opensfu.loadgen;

import org.opensfu.loadgen.cli.LoadGenCommand;
import picocli.CommandLine;

/** Entry point of {@code opensfu-loadgen.jar}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int status = new CommandLine(new LoadGenCommand()).execute(args);
        System.exit(status);
    }
}
