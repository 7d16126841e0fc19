package org.opensfu.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar refuses a bad configuration at start, naming the key, with exit status 2. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConfigIT {
    @Test
    void aBadFileSettingIsRefusedNamingTheKey(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("bad.conf"), "sfu.media.port = 99999\n");
        Result result = run(Map.of(), "--config", config.toString());
        assertThat(result.status).isEqualTo(2);
        assertThat(result.output).contains("invalid configuration 'sfu.media.port'").contains("99999");
    }

    @Test
    void aTypoAndABadEnvironmentVariableAreRefusedNamingTheKey(@TempDir Path dir) throws Exception {
        Path typo = Files.writeString(dir.resolve("typo.conf"), "sfu.drain.dealine = 10s\n");
        Result unknown = run(Map.of(), "--config", typo.toString());
        assertThat(unknown.status).isEqualTo(2);
        assertThat(unknown.output).contains("'sfu.drain.dealine'").contains("unknown setting");

        Result weakSecret = run(Map.of("SFU_AUTH_KEYS", "k1:tooshort"));
        assertThat(weakSecret.status).isEqualTo(2);
        assertThat(weakSecret.output).contains("'sfu.auth.keys'").contains("at least 32");
    }

    @Test
    void versionAndHelpWork() throws Exception {
        Result version = run(Map.of(), "--version");
        assertThat(version.status).isZero();
        assertThat(version.output).startsWith("OpenSFU ");
        Result help = run(Map.of(), "token", "--help");
        assertThat(help.status).isZero();
        assertThat(help.output).contains("--room").contains("--admin").contains("--ttl");
    }

    private static Result run(Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-jar", System.getProperty("sfu.serverJar")));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    private record Result(int status, String output) {
    }
}
