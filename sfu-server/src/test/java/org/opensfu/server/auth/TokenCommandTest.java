package org.opensfu.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opensfu.server.config.ServerConfig;
import picocli.CommandLine;

class TokenCommandTest {
    private static final String SECRET = TokenVerifierTest.SECRET;

    @Test
    void printsATokenTheServerAccepts() {
        Run run = run("--key", "k1", "--secret", SECRET, "--room", "standup", "--identity", "alice", "--no-publish",
                "--ttl", "30m");
        assertThat(run.status).isZero();
        Grants grants = new TokenVerifier(List.of(new ServerConfig.ApiKey("k1", SECRET)), Duration.ZERO,
                Clock.systemUTC()).verify(run.out.trim());
        assertThat(grants.room()).isEqualTo("standup");
        assertThat(grants.identity()).isEqualTo("alice");
        assertThat(grants.canPublish()).isFalse();
        assertThat(grants.canSubscribe()).isTrue();
        assertThat(grants.admin()).isFalse();
        assertThat(grants.expiresAt()).isBetween(java.time.Instant.now().plus(Duration.ofMinutes(29)),
                java.time.Instant.now().plus(Duration.ofMinutes(31)));

        Run admin = run("--key", "k1", "--secret", SECRET, "--admin");
        assertThat(admin.status).isZero();
        assertThat(new TokenVerifier(List.of(new ServerConfig.ApiKey("k1", SECRET)), Duration.ZERO,
                Clock.systemUTC()).verify(admin.out.trim()).admin()).isTrue();
    }

    @Test
    void refusesBadArgumentsWithAReason() {
        assertThat(run("--key", "k1", "--secret", "short", "--room", "r").err).contains("32 bytes");
        assertThat(run("--key", "k1", "--secret", SECRET).err).contains("--room").contains("--admin");
        assertThat(run("--key", "k1", "--secret", SECRET, "--room", "bad room").err).contains("room");
        assertThat(run("--key", "k1", "--secret", SECRET, "--room", "r", "--ttl", "forever").err).contains("--ttl");
        assertThat(run("--secret", SECRET, "--room", "r").status).isNotZero();
    }

    @Test
    void parsesDurations() {
        assertThat(TokenCommand.parseDuration("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(TokenCommand.parseDuration("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(TokenCommand.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(TokenCommand.parseDuration("0h")).isNull();
        assertThat(TokenCommand.parseDuration("1 week")).isNull();
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new TokenCommand());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int status = command.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    private record Run(int status, String out, String err) {
    }
}
