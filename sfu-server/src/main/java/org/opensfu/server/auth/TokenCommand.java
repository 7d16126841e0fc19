package org.opensfu.server.auth;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opensfu.server.api.ApiException;
import org.opensfu.server.room.Names;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar opensfu.jar token --key K --secret S --room R --identity alice [--admin] [--ttl 1h]}: prints a
 * signed token, for development and scripts. Production frontends mint tokens in their own backend the same way
 * (HS256; claims in PROTOCOL.md §4).
 */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Prints a join or admin token (a JWT signed with HS256) for an API key of sfu.auth.keys.")
public final class TokenCommand implements Callable<Integer> {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d)");

    @Spec
    private CommandSpec spec;

    @Option(names = "--key", required = true, description = "The API key (its name in sfu.auth.keys).")
    private String key;

    @Option(names = "--secret", defaultValue = "${env:SFU_TOKEN_SECRET}",
            description = "The key's secret (at least 32 bytes). Default: the environment variable SFU_TOKEN_SECRET, "
                    + "which keeps it out of the process list.")
    private String secret;

    @Option(names = "--room", description = "The room the token may join.")
    private String room;

    @Option(names = "--identity", description = "Who the participant is (the \"sub\" claim), shown in logs.")
    private String identity;

    @Option(names = "--admin", description = "Also allow the admin REST API (/api/v1/...).")
    private boolean admin;

    @Option(names = "--no-publish", description = "Do not allow publishing (a viewer).")
    private boolean noPublish;

    @Option(names = "--no-subscribe", description = "Do not allow subscribing.")
    private boolean noSubscribe;

    @Option(names = "--ttl", defaultValue = "1h", description = "How long the token is valid: 90s, 30m, 1h, 2d. "
            + "Default: ${DEFAULT-VALUE}.")
    private String ttl;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (secret == null || secret.isEmpty()) {
            err.println("token: give --secret, or set SFU_TOKEN_SECRET");
            return 2;
        }
        if (secret.getBytes(StandardCharsets.UTF_8).length < 32) {
            err.println("token: the secret must have at least 32 bytes (HS256)");
            return 2;
        }
        if (room == null && !admin) {
            err.println("token: give --room (a join token) or --admin (an admin token), or both");
            return 2;
        }
        if (room != null) {
            try {
                Names.checkRoom(room);
            } catch (ApiException e) {
                err.println("token: " + e.getMessage());
                return 2;
            }
        }
        Duration validity = parseDuration(ttl);
        if (validity == null) {
            err.println("token: --ttl must be a number and a unit (ms, s, m, h, d), such as 1h; not '" + ttl + "'");
            return 2;
        }
        String token = TokenMinter.mint(key, secret, new TokenMinter.Request(room, identity, !noPublish,
                !noSubscribe, admin, validity), Instant.now());
        spec.commandLine().getOut().println(token);
        return 0;
    }

    /** "90s", "30m", "1h", "2d", "500ms"; null if malformed or zero. */
    static Duration parseDuration(String text) {
        Matcher matcher = DURATION.matcher(text.trim());
        if (!matcher.matches()) {
            return null;
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration duration = switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
        return duration.isZero() ? null : duration;
    }
}
